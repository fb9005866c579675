"""Golden text of every document for every example case, in both languages.

A change to wording or law shows up here as a diff to review. After checking that a change is right,
regenerate with: UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""
from __future__ import annotations

import os

import pytest
from helpers import ROOT, TODAY

from complaint import letters
from complaint.model import DOCUMENTS
from complaint.storage import casefile

GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
CASES = [(path, kind, lang) for path in EXAMPLES for kind in DOCUMENTS for lang in ("zh", "en")]


@pytest.mark.parametrize("path, kind, lang", CASES, ids=lambda v: getattr(v, "stem", v))
def test_document_text_matches_the_reviewed_text(path, kind, lang):
    case = casefile.loads(path.read_bytes(), today=TODAY)
    text = letters.text(letters.build(case, kind, lang, TODAY))
    golden = GOLDEN / f"{path.stem}.{kind}.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no reviewed text yet: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == golden.read_text(encoding="utf-8")
