"""Draft encryption: only the right key opens a draft, and only the right resume code unwraps the key."""
from __future__ import annotations

import pytest

from complaint.storage import crypto


def test_sealed_data_opens_only_with_its_key_and_context():
    key = crypto.new_key()
    sealed = crypto.seal(key, "欠款信息".encode(), b"draft-1")
    assert crypto.unseal(key, sealed, b"draft-1") == "欠款信息".encode()
    with pytest.raises(crypto.DecryptError):
        crypto.unseal(crypto.new_key(), sealed, b"draft-1")
    with pytest.raises(crypto.DecryptError):
        crypto.unseal(key, sealed, b"draft-2")  # a row copied onto another draft id does not open
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(crypto.DecryptError):
        crypto.unseal(key, tampered, b"draft-1")


def test_resume_code_unwraps_the_key_and_nothing_else_does():
    key, code = crypto.new_key(), crypto.new_resume_code()
    wrapped = crypto.wrap_key(code, key)
    assert crypto.unwrap_key(code, wrapped) == key
    with pytest.raises(crypto.DecryptError):
        crypto.unwrap_key(crypto.new_resume_code(), wrapped)


@pytest.mark.parametrize("typed", ["k7qm-3xpa-9fdt-2wnb", "K7QM 3XPA 9FDT 2WNB", "K7QM3XPA9FDT2WNB",
                                   "K7QM-3XPA-9FDT-2WNB "])
def test_resume_codes_are_read_however_they_are_typed(typed):
    assert crypto.normalise_resume_code(typed) == "K7QM3XPA9FDT2WNB"


def test_easily_confused_letters_are_read_as_digits():
    assert crypto.normalise_resume_code("OOOO-IIII-LLLL-0000") == "0000111111110000"
    assert crypto.normalise_resume_code("UUUU-0000-0000-0000") is None  # U is never used
    assert crypto.normalise_resume_code("short") is None


def test_codes_and_keys_are_random_and_long():
    codes = {crypto.new_resume_code() for _ in range(200)}
    assert len(codes) == 200 and all(len(c) == 16 for c in codes)
    assert len(crypto.new_key()) == 32
