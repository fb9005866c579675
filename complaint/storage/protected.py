"""Password-protected case files: the case file sealed with AES-256-GCM under a key scrypt derives from a password."""
from __future__ import annotations

import base64
import binascii
import json
import secrets
import threading

from complaint.refusal import Refused
from complaint.storage import crypto

FORMAT_NAME = "complaint-case-protected"
FORMAT_VERSION = 1
# OWASP's minimum for scrypt: 128 MiB and about half a second per password tried, here and for anyone guessing.
SCRYPT = {"n": 2**17, "r": 8, "p": 1}
MIN_PASSWORD, MAX_PASSWORD = 10, 128
_AAD = f"{FORMAT_NAME}/{FORMAT_VERSION}".encode()
# Each derivation holds 128 MiB: two at a time (one per core) bound what a burst of requests can take.
_DERIVATIONS = threading.BoundedSemaphore(2)


class ProtectedFileError(Refused):
    """A protected case file that cannot be opened. `code`: password_needed | wrong_password | invalid."""


def is_protected(raw: bytes | str) -> bool:
    """Whether this is a protected case file (without checking that it opens)."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT_NAME


def _key(password: str, salt: bytes) -> bytes:
    with _DERIVATIONS:
        return crypto.derive_key(password, salt, **SCRYPT)


def protect(case_file: str, password: str) -> str:
    """The case file sealed under the password, as a small JSON document of its own."""
    salt = secrets.token_bytes(crypto.SALT_BYTES)
    nonce, sealed = crypto.encrypt(_key(password, salt), case_file.encode("utf-8"), _AAD)
    return json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION, "kdf": "scrypt", **SCRYPT,
                       "salt": _base64(salt), "nonce": _base64(nonce), "ciphertext": _base64(sealed)}, indent=2) + "\n"


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unprotect(data: dict, password: str | None) -> str:
    """The case file inside a parsed protected file; raises ProtectedFileError when the password is missing or
    wrong, or the file altered."""
    try:
        if data.get("format") != FORMAT_NAME:
            raise ValueError("not a protected case file")
        if data.get("version") != FORMAT_VERSION or data.get("kdf") != "scrypt" or \
                any(data.get(name) != value for name, value in SCRYPT.items()):
            # Only the parameters we write: a file must not choose how much memory the server spends on it.
            raise ValueError("unknown version or key derivation")
        salt, nonce, sealed = (base64.b64decode(data[name], validate=True) for name in ("salt", "nonce", "ciphertext"))
        if len(salt) != crypto.SALT_BYTES or len(nonce) != crypto.NONCE_BYTES:
            raise ValueError("bad salt or nonce")
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        raise ProtectedFileError("invalid", str(error)[:200]) from error
    if not password:
        raise ProtectedFileError("password_needed")
    try:
        return crypto.decrypt(_key(password, salt), nonce, sealed, _AAD).decode("utf-8")
    except (crypto.DecryptError, UnicodeDecodeError) as error:
        # A wrong password and an altered file look the same to AES-GCM; the password is far the likelier.
        raise ProtectedFileError("wrong_password") from error
