"""Case files: the examples open, the published schema matches the code, bad files are refused."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from complaint import casefile
from complaint.model import FORMAT_VERSION, Case

EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def test_there_are_at_least_three_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_opens_and_round_trips(path: Path):
    case = casefile.loads(path.read_bytes(), today=TODAY)
    assert case.person and case.loan and case.incidents
    again = casefile.loads(casefile.dumps(case), today=TODAY)
    assert again == case


def test_published_schema_is_the_one_the_code_uses():
    published = json.loads((ROOT / "docs" / "case-file.schema.json").read_text(encoding="utf-8"))
    assert published == casefile.schema(), "run: complaint schema > docs/case-file.schema.json"


def test_minimal_file_from_the_docs_opens():
    doc = (ROOT / "docs" / "case-file.md").read_text(encoding="utf-8")
    minimal = doc.split("## A minimal file")[1].split("```json")[1].split("```")[0]
    case = casefile.loads(minimal, today=TODAY)
    assert case.collectors is None and case.incidents[0].behaviours == ["night_calls", "insult"]


def _example() -> dict:
    return json.loads(EXAMPLES[0].read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, code", [
    (lambda d: "not json at all", "not_json"),
    (lambda d: [1, 2, 3], "not_case"),
    (lambda d: {**d, "format": "something-else"}, "not_case"),
    (lambda d: {**d, "version": FORMAT_VERSION + 1}, "newer"),
    (lambda d: {**d, "documents": {**d["documents"], "hidden": ["x" * 51]}}, "invalid"),
    (lambda d: {**d, "documents": {**d["documents"], "hidden": [""]}}, "invalid"),
    (lambda d: {**d, "loan": {**d["loan"], "province": "atlantis"}}, "invalid"),
    (lambda d: {**d, "earlier": {"made": "yes", "date": "2099-01"}}, "invalid"),
    (lambda d: {**d, "documents": {**d["documents"], "sent_on": "2026-02-30"}}, "invalid"),
    (lambda d: {**d, "surprise": True}, "invalid"),
    (lambda d: {**d, "person": {**d["person"], "id_number": "110101199003074515"}}, "invalid"),
    (lambda d: {**d, "loan": {**d["loan"], "borrowed": 20000}}, "invalid"),
    (lambda d: {**d, "loan": {**d["loan"], "lender_type": "shark"}}, "invalid"),
    (lambda d: {**d, "incidents": [{**d["incidents"][0], "date": "2099-01-01"}]}, "invalid"),
    (lambda d: {**d, "incidents": [{**d["incidents"][0], "date": "2026-02-30"}]}, "invalid"),
    (lambda d: {**d, "incidents": [{**d["incidents"][0], "behaviours": ["made_up"]}]}, "invalid"),
    (lambda d: {**d, "incidents": [{**d["incidents"][0], "description": "x" * 2001}]}, "invalid"),
])
def test_bad_case_files_are_refused_with_a_reason(change, code):
    data = change(_example())
    raw = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(casefile.CaseFileError) as error:
        casefile.loads(raw, today=TODAY)
    assert error.value.code == code


def test_deeply_nested_or_huge_files_are_refused():
    with pytest.raises(casefile.CaseFileError):
        casefile.loads("[" * 100000 + "]" * 100000)
    with pytest.raises(casefile.CaseFileError) as error:
        casefile.loads(b" " * (casefile.MAX_FILE_BYTES + 1))
    assert error.value.code == "too_large"


def test_unanswered_sections_stay_unanswered():
    case = casefile.loads(json.dumps({"format": "complaint-case", "version": 1}))
    assert case == Case()
