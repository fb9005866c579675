"""Keeping a case: the encrypted draft store and its migrations, the cipher, and the case file people carry away."""
