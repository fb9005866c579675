"""Case files: the examples open, the published schema matches the code, bad files are refused."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import ROOT, TODAY, Wizard

from complaint.answers import MAX_EVIDENCE, MAX_INCIDENTS
from complaint.model import FORMAT_VERSION, Case
from complaint.storage import casefile

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
    (lambda d: {**d, "version": 4, "documents": {**d["documents"], "sent_on": "2026-11-02"}}, "invalid"),
    (lambda d: {**d, "documents": {**d["documents"], "sent": {"lender": {"on": "2026-02-30"}}}}, "invalid"),
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


def _over_the_limits(incidents: int, evidence: int) -> bytes:
    data = _example()
    data["incidents"] = [{**data["incidents"][0], "ref": f"{n:08x}"} for n in range(incidents)]
    data["evidence"] = [{"kind": "recording", "caption": f"录音{n}"} for n in range(evidence)]
    return json.dumps(data, ensure_ascii=False).encode()


@pytest.mark.parametrize("incidents, evidence, code", [(MAX_INCIDENTS + 1, 0, "too_many_incidents"),
                                                       (1, MAX_EVIDENCE + 1, "too_many_evidence")])
def test_a_case_over_the_limits_is_refused_by_the_reader(incidents, evidence, code):
    with pytest.raises(casefile.CaseFileError) as error:
        casefile.loads(_over_the_limits(incidents, evidence), today=TODAY)
    assert error.value.code == code and str(MAX_INCIDENTS if incidents > 1 else MAX_EVIDENCE) in error.value.detail
    assert casefile.loads(_over_the_limits(MAX_INCIDENTS, MAX_EVIDENCE), today=TODAY), "the limits themselves open"


@pytest.mark.parametrize("incidents, evidence, message", [
    (MAX_INCIDENTS + 1, 0, f"这个案件文件中的事件超过{MAX_INCIDENTS}件"),
    (1, MAX_EVIDENCE + 1, f"这个案件文件列出的证据超过{MAX_EVIDENCE}项")])
def test_a_case_over_the_limits_is_refused_on_the_site_naming_the_limit(client, incidents, evidence, message):
    wizard = Wizard(client)
    response = client.post("/open", data={"csrf_token": wizard.token("/"), "case_file": (
        io.BytesIO(_over_the_limits(incidents, evidence)), "case.json")})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert client.get_cookie("draft") is None, "nothing was created"


def test_a_case_over_the_limits_is_refused_by_the_command(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(_over_the_limits(MAX_INCIDENTS + 1, 0))
    result = subprocess.run([str(Path(sys.executable).with_name("complaint")), "render", str(path), "-o",
                             str(tmp_path / "x.pdf")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode != 0 and f"a case holds at most {MAX_INCIDENTS}" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_full_case_says_so_when_another_incident_is_asked_for(client):
    wizard = Wizard(client)
    opened = client.post("/open", data={"csrf_token": wizard.token("/"), "case_file": (
        io.BytesIO(_over_the_limits(MAX_INCIDENTS, 0)), "case.json")})
    assert opened.status_code == 302
    response = wizard.answer("/incidents", {"answer": "yes"})
    assert response.status_code == 200
    assert f"一个案件最多{MAX_INCIDENTS}件事。请先删除一件，才能再添加。" in response.get_data(as_text=True)
    assert client.get("/incidents/new").headers["Location"].endswith("/incidents")


def test_amounts_keep_their_exact_value_and_text_through_a_case_file(client):
    wizard = Wizard(client)
    wizard.complete()  # borrowed typed as "20,000", claimed as "¥26480.55"
    saved = client.post("/save", data={"csrf_token": wizard.token("/save"), "password": "", "confirm": ""})
    assert json.loads(saved.data)["loan"]["borrowed"] == "20000.00"
    loan = casefile.loads(saved.data, today=TODAY).loan
    assert isinstance(loan.borrowed, Decimal) and isinstance(loan.claimed, Decimal)
    assert (loan.borrowed, loan.claimed) == (Decimal("20000.00"), Decimal("26480.55"))
    again = json.loads(casefile.dumps(casefile.loads(saved.data, today=TODAY)))["loan"]
    assert (again["borrowed"], again["claimed"]) == ("20000.00", "26480.55")
