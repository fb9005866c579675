"""Chinese by default, English on request, both catalogues complete and up to date with the code."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = {lang: ROOT / "complaint" / "translations" / lang / "LC_MESSAGES" / "messages.po" for lang in ("zh", "en")}


@pytest.mark.parametrize("header, lang, text", [
    (None, "zh-CN", "投诉骚扰你的催收人员"),
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN", "投诉骚扰你的催收人员"),
    ("en-US,en;q=0.9", "en", "Complain about debt collectors who harass you"),
    ("fr-FR,fr;q=0.9", "zh-CN", "投诉骚扰你的催收人员"),
])
def test_language_follows_the_browser(client, header, lang, text):
    headers = {"Accept-Language": header} if header else {}
    html = client.get("/", headers=headers).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html and text in html


def test_language_switch_overrides_the_browser(client):
    switch = client.get("/language/en?next=/safety")
    assert switch.headers["Location"] == "/safety"
    html = client.get("/safety", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "Using this service safely" in html and '<html lang="en">' in html
    assert 'href="/language/zh?next=/safety"' in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_catalogue_is_complete(lang):
    with CATALOGUES[lang].open("rb") as handle:
        catalogue = read_po(handle)
    empty = [m.id for m in catalogue if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not empty and not fuzzy
    assert not catalogue.fuzzy, "a fuzzy header makes pybabel skip the whole catalogue"


def test_catalogues_cover_every_string_in_the_code(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "extract", "-F", str(ROOT / "babel.cfg"),
                    "-k", "lazy_gettext", "-k", "_l", "-k", "N_", "--no-location", "-o", str(template), str(ROOT)],
                   check=True, capture_output=True, cwd=ROOT)
    with template.open("rb") as handle:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    for lang, path in CATALOGUES.items():
        with path.open("rb") as handle:
            have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
        assert not wanted - have, f"{lang} lacks: {sorted(wanted - have)[:10]}"


def test_english_pages_show_no_untranslated_chinese_interface_text(client):
    client.set_cookie("lang", "en")
    html = client.get("/").get_data(as_text=True)
    # The only Chinese on the English start page is the language switch.
    chinese = [ch for ch in html if "\u4e00" <= ch <= "\u9fff"]
    assert "".join(chinese) == "中文"
