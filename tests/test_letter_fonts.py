"""The compact letter fonts: what they cover, that letters embed them, and that other characters still print."""
from __future__ import annotations

import dataclasses

import pytest
from fontTools.ttLib import TTFont
from helpers import TODAY, pdf_fonts, pdf_text

from complaint import letters
from complaint.letters import fonts as letter_fonts
from complaint.letters import preflight
from complaint.letters.weasy import font_faces
from complaint.model import Incident


@pytest.mark.parametrize("face", letter_fonts.FACES, ids=lambda face: face.file)
def test_each_letter_font_covers_gb2312_in_a_few_thousand_glyphs(face):
    assert face.path.is_file(), "built by `make test` (complaint fonts)"
    font = TTFont(face.path)
    cmap = set(font.getBestCmap())
    gb2312 = letter_fonts.gb2312_characters()
    assert len(gb2312) == 7445 and gb2312 <= cmap
    assert {ord(c) for c in "（事件1）“王经理”—…、；：￥①№ ABCxyz0123456789"} <= cmap
    # The point of the exercise: a full Noto CJK face has 65,535 glyphs.
    assert font["maxp"].numGlyphs < 9000


def test_a_chinese_letter_embeds_only_the_compact_fonts(case_factory):
    incidents = [Incident(date=f"2026-02-{day:02d}", time="23:15", channel="call", source=f"170 0000 {day:04d}",
                          description="深夜打电话辱骂，威胁要把我的欠款发到家族群里。" * 3,
                          behaviours=["night_calls", "insult", "threat_expose"]) for day in range(1, 21)]
    pdf = letters.pdf(letters.build(case_factory(incidents=incidents), "lender", "zh", TODAY))
    names = {name.split("+", 1)[1] for name, _ in pdf_fonts(pdf)}
    assert names == {"Letter-Serif-CJK", "Letter-Sans-CJK-Bold"}
    assert "威胁要把我的欠款发到家族群里" in pdf_text(pdf).replace("\n", "")
    # Small enough to send as a WeChat or e-mail attachment without thinking twice.
    assert len(pdf) < 300_000


def test_a_character_outside_gb2312_still_prints_from_the_full_face(case_factory):
    case = case_factory()
    case.person = dataclasses.replace(case.person, name="王喆")  # 喆 is not in GB 2312
    pdf = letters.pdf(letters.build(case, "lender", "zh", TODAY))
    assert "王喆" in pdf_text(pdf)
    fonts = pdf_fonts(pdf)
    assert all(embedded for _, embedded in fonts)
    assert any("Noto-Serif-CJK-SC" in name for name, _ in fonts)


def test_without_the_built_fonts_letters_use_the_system_faces_and_check_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(letter_fonts, "FONT_DIR", tmp_path)
    assert letter_fonts.built() == [] and font_faces() == ""
    report = preflight.check.__wrapped__()
    assert report.ok and report.letter_fonts == []
    assert any("complaint fonts" in warning for warning in report.warnings)


def test_the_declared_font_faces_name_each_built_font():
    css = font_faces()
    for face in letter_fonts.FACES:
        assert f'font-family: "{face.family}"; font-weight: {face.weight}; src: url("fonts/{face.file}")' in css


def test_a_missing_source_face_is_refused_rather_than_substituted():
    with pytest.raises(letter_fonts.SourceFontMissing, match="No Such Serif SC is not installed"):
        letter_fonts.locate("No Such Serif SC:style=Regular")
