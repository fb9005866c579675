"""The rules data: bilingual, consistent, and only what legal-basis.md allows."""
from __future__ import annotations

import tomllib

import pytest

from complaint.law import rules
from complaint.model import CHANNELS, EVIDENCE, LENDER_TYPES, REQUESTS, TARGETS

RULES = rules.RULES_DIR
# Named in legal-basis.md as NOT FOUND: never to be cited.
NOT_FOUND = ["金融机构消费者权益保护管理办法", "银保监规〔2022〕13号", "商业银行互联网贷款管理暂行办法",
             "中国人民银行金融消费者权益保护实施办法"]


def _texts(value, key=""):
    if isinstance(value, dict):
        if set(value) >= {"zh", "en"} and key != "version":  # a version may be a code: GB/T 45251—2025
            yield value
        for name, inner in value.items():
            yield from _texts(inner, name)


@pytest.mark.parametrize("name", ["instruments", "references", "behaviours", "arguments", "terms", "regions",
                                  "channels", *rules.PHRASE_FILES])
def test_every_text_has_chinese_and_english(name):
    data = tomllib.loads((RULES / f"{name}.toml").read_text(encoding="utf-8"))
    texts = list(_texts(data))
    assert texts
    for text in texts:
        assert text["zh"].strip() and text["en"].strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text["zh"]), text


def test_rules_load_and_cross_check():
    loaded = rules.load()
    assert loaded.behaviours and loaded.references


def test_verified_references_carry_an_article_and_partly_ones_neither_article_nor_quote():
    for ref in rules.load().references.values():
        if ref.status == "VERIFIED":
            assert ref.article
        else:
            assert ref.article is None and ref.quote is None


def test_nothing_not_found_is_in_the_rules():
    text = "".join((RULES / f"{n}.toml").read_text(encoding="utf-8") for n in ("instruments", "references"))
    for name in NOT_FOUND:
        assert name not in text


def test_letter_wording_covers_every_answer_code():
    terms = rules.load().terms
    assert set(terms["lender_types"]) == set(LENDER_TYPES)
    assert set(terms["channels"]) == set(CHANNELS)
    assert set(terms["targets"]) == set(TARGETS)
    assert set(terms["requests"]) == set(REQUESTS)
    assert set(terms["evidence"]) == set(EVIDENCE)
    assert all("act" in t.extra for t in terms["channels"].values())


def _load_broken(tmp_path, monkeypatch, file: str, old: str, new: str, message: str) -> None:
    """Load a copy of the rules with one edit in `file`, and expect the loader to name what is wrong."""
    for path in RULES.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / file).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / file).write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load.cache_clear()
    try:
        with pytest.raises(rules.RulesError, match=message):
            rules.load()
    finally:
        rules.load.cache_clear()


def test_a_broken_rules_file_is_reported_by_name(tmp_path, monkeypatch):
    _load_broken(tmp_path, monkeypatch, "behaviours.toml", 'references = ["civil_code_1024", ',
                 'references = ["civil_code_9999", ', "behaviours.toml: insult: unknown references")


def test_a_behaviour_condition_must_name_one_of_its_own_references(tmp_path, monkeypatch):
    """A threshold for a reference the behaviour does not cite would silently do nothing: refuse it."""
    _load_broken(tmp_path, monkeypatch, "behaviours.toml", "conditions = { public_security_2025_50_1_5 =",
                 "conditions = { public_security_2012_42_6 =", "behaviours.toml: excessive_calls: unknown conditions")


def test_pestering_by_phone_needs_far_more_calls_than_the_standard_allows():
    """The 滋扰 threshold lives in the rules data and is well above the standard's 3 calls a day."""
    from complaint.law.findings import CALLS_A_DAY

    excessive = rules.load().behaviours["excessive_calls"]
    for key in ("public_security_2025_50_1_5", "public_security_2025_50_2"):
        assert excessive.conditions[key].calls_a_day_over >= 3 * CALLS_A_DAY


def test_a_routing_reason_without_its_english_is_refused_by_name(tmp_path, monkeypatch):
    """Wording moved out of the code keeps the zh/en check: a reason in one language only stops the load."""
    english = ', en = "Banks and consumer finance companies are supervised by the NFRA and its local offices" }'
    _load_broken(tmp_path, monkeypatch, "routing.toml", english, " }",
                 "routing.toml: reasons/nfra: 'en' is a required property")


def test_the_words_of_imported_incidents_are_chinese():
    """Imported calls and messages are described in Chinese whatever the interface language (imports.toml)."""
    data = tomllib.loads((RULES / "imports.toml").read_text(encoding="utf-8"))
    texts = [text for group in data.values() for text in group.values()]
    assert texts
    for text in texts:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
