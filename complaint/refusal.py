"""The one shape of 'we will not take this input': a code to translate, and a detail for logs and the CLI."""
from __future__ import annotations


class Refused(ValueError):
    """Input refused. `code` says why (looked up in the user's language); `detail` says where, in English."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
