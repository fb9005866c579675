"""Draft secrecy: per-draft AES-256-GCM keys, and resume codes that can unwrap a draft's key on another device."""
from __future__ import annotations

import hashlib
import secrets
import zlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 bits: out of reach of offline guessing even with a copy of the database
_CODE_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1"})


class DecryptError(Exception):
    """The key does not open this ciphertext (wrong key, or the data was altered)."""


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_draft_id() -> str:
    return secrets.token_urlsafe(18)


def encrypt(key: bytes, plaintext: bytes, context: bytes) -> tuple[bytes, bytes]:
    """The AES-GCM envelope every secret here is kept in: a fresh nonce and the ciphertext, `context` authenticated
    (not encrypted) with it, so a ciphertext moved to another place or purpose does not open."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, context)


def decrypt(key: bytes, nonce: bytes, ciphertext: bytes, context: bytes) -> bytes:
    """What encrypt() sealed; DecryptError for a wrong key or context, or altered bytes."""
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, context)
    except (InvalidTag, ValueError) as exc:
        raise DecryptError from exc


def derive_key(secret: str, salt: bytes, n: int, r: int = 8, p: int = 1) -> bytes:
    """An AES key from something a person holds (a resume code, a password), by scrypt with the given cost."""
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(secret.encode("utf-8"))


def seal(key: bytes, plaintext: bytes, context: bytes) -> bytes:
    """Compress and encrypt; `context` (e.g. the draft id) is authenticated so rows cannot be swapped."""
    nonce, ciphertext = encrypt(key, zlib.compress(plaintext), context)
    return nonce + ciphertext


def unseal(key: bytes, sealed: bytes, context: bytes) -> bytes:
    return zlib.decompress(decrypt(key, sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], context))


def new_resume_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_resume_code(code: str) -> str:
    """Group a code in fours for reading: ABCD-EFGH-JKMN-PQRS."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalise_resume_code(text: str) -> str | None:
    """Accept a code however it was typed (spaces, dashes, lower case, O for 0); None if it can't be one."""
    code = "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(_CODE_FIXES)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def resume_lookup(code: str) -> str:
    """The database index of a resume code; its 80 bits of entropy make a plain hash enough."""
    return hashlib.sha256(b"complaint-resume-code:" + code.encode()).hexdigest()


def _code_key(code: str, salt: bytes) -> bytes:
    return derive_key(code, salt, n=2**14)


def wrap_key(code: str, key: bytes) -> bytes:
    """Encrypt a draft key under a key derived from the resume code."""
    salt = secrets.token_bytes(SALT_BYTES)
    nonce, ciphertext = encrypt(_code_key(code, salt), key, b"draft-key")
    return salt + nonce + ciphertext


def unwrap_key(code: str, wrapped: bytes) -> bytes:
    salt, nonce, body = wrapped[:SALT_BYTES], wrapped[SALT_BYTES:SALT_BYTES + NONCE_BYTES], \
        wrapped[SALT_BYTES + NONCE_BYTES:]
    return decrypt(_code_key(code, salt), nonce, body, b"draft-key")
