"""Letter and page wording lives in templates, rules data and catalogues, not in Python string literals.

Counts the string literals in complaint/**/*.py that contain Chinese characters (docstrings aside), leaving out
the import parsers' vocabulary (csv_calls.py, android_xml.py, filenames.py: the header, direction and file-name
words a call log is matched against). LIMIT is what is left today, 43 literals:
- letters/wording.py (12): how the letters write dates (y年M月d日), Chinese numerals, amounts (元), 事件 numbers
  and their ranges (事件1至200);
- letters/document.py COURT_WORDS (3) and narrative.py CARD_WORDS (1): words matched in what the person typed;
- letters/__init__.py (7): the Chinese file names of the four documents, the two follow-ups (reminder, review)
  and the one-page case summary;
- letters/warm.py (3): the sample case a server typesets to warm itself up;
- patterns that read typed or printed text: answers.py (2: 时 in a typed time, 元 after an amount), nobreak.py
  (2), masking.py (1), letters/edits.py (2: what a citation looks like, to refuse one typed into an edit,
  and a written date, which an edited closing's check leaves out);
- web/views/documents.py (3: the calendar's title, which could join deadlines.toml, and a CJK range), web/forms.py
  (3: Chinese names in English labels), web/views/incidents.py (1: column names in an error message),
  storage/casefile.py (1: the schema title), law/calendar.py (1: the .ics PRODID), law/report.py (1: 多次 in a
  note of the findings report).
A new sentence belongs in templates/letters (per language) or complaint/law/rules/*.toml; raise LIMIT only for
something of the kinds above, and say so here.
"""
from __future__ import annotations

import ast
import re

import pytest
from helpers import ROOT, TODAY

from complaint import letters
from complaint.model import Collectors, EarlierComplaint, Incident, Loan

PACKAGE = ROOT / "complaint"
PARSER_VOCABULARY = {f"evidence/imports/{name}.py" for name in ("csv_calls", "android_xml", "filenames")}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LIMIT = 43


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, nodes) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def chinese_literals() -> list[str]:
    """`file:line text` for each string literal (or literal part of an f-string) holding Chinese."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name in PARSER_VOCABULARY:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _docstrings(tree)
        found += [f"{name}:{node.lineno} {node.value[:40]}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
                  and HAN.search(node.value)]
    return found


def test_chinese_wording_stays_out_of_the_python_code():
    found = chinese_literals()
    assert len(found) <= LIMIT, "Chinese in Python: move it to a letter template or rules/*.toml\n" + "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_what_she_typed_prints_as_typed_in_the_sentences_the_templates_write(case_factory, lang):
    """The letter macros escape her words once: “&” and “<” print as typed, never as &amp; or &lt;."""
    case = case_factory(
        loan=Loan(lender="A&B <小贷>", lender_type="small_loan", disputed="no", illegal="no", product="闪借&Co",
                  account="No.1&2"),
        collectors=Collectors(agency="R&D 催收", names=["王<经理>"], numbers=["wx_a&b"]),
        incidents=[Incident(date="2026-02-10", time="23:15", channel="chat", source="x&y", times=3,
                            description="说“还钱”<马上>&", behaviours=["night_calls", "insult"])],
        earlier=EarlierComplaint(made="yes", reference="T&1", details="没用<的>"))
    text = "".join(letters.text(letters.build(case, kind, lang, TODAY)) for kind in ("regulator", "police"))
    for typed in ("A&B <小贷>", "闪借&Co", "No.1&2", "R&D 催收", "王<经理>", "wx_a&b", "x&y", "说“还钱”<马上>&", "T&1",
                  "没用<的>"):
        assert typed in text
    assert "&amp;" not in text and "&lt;" not in text
