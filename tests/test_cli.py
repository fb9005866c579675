"""The command line: render every example as PDF and text, and the PDF set-up check."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import ROOT, pdf_fonts, pdf_text

from complaint.letters import fonts as letter_fonts

EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
COMMAND = str(Path(sys.executable).with_name("complaint"))


def run(*args, env=None):
    return subprocess.run([COMMAND, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["lender", "regulator", "hotline"])
def test_render_every_example_as_pdf(tmp_path, path, kind):
    out = tmp_path / "out.pdf"
    result = run("render", str(path), "--document", kind, "--lang", "zh", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    text = pdf_text(data)
    import json
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case["person"]["name"].split()[-1] in text
    assert all(embedded for _, embedded in pdf_fonts(data))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_render_text_prints_the_letter(path):
    result = run("render", str(path), "--document", "lender", "--format", "text", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Complaint about debt collection" in result.stdout and "Complainant:" in result.stdout


def test_render_refuses_a_broken_file_with_a_reason(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "complaint-case", "version": 1, "loan": {}}', encoding="utf-8")
    result = run("render", str(broken), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode != 0 and "not a usable case file" in result.stderr
    incomplete = tmp_path / "incomplete.json"
    incomplete.write_text('{"format": "complaint-case", "version": 1}', encoding="utf-8")
    result = run("render", str(incomplete), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode != 0 and "person, loan, incidents" in result.stderr


def test_check_passes_on_a_machine_set_up_by_make():
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HarfBuzz subsetting:  available" in result.stdout and "Noto Serif CJK SC" in result.stdout
    assert "Letter fonts:         Letter Serif CJK, Letter Sans CJK" in result.stdout


def test_check_fails_when_no_chinese_font_is_installed(tmp_path):
    # A fontconfig set-up that sees no fonts at all stands in for a machine without fonts-noto-cjk.
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><dir>{tmp_path}</dir>'
                      f'<cachedir>{tmp_path}/cache</cachedir></fontconfig>')
    result = run("check", env={"FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1
    assert "No font covering Chinese" in result.stderr


def test_check_warns_when_no_emoji_font_is_installed(tmp_path):
    assert "emoji" not in run("check").stderr.lower()
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?><fontconfig><include>/etc/fonts/fonts.conf</include><selectfont>'
                      '<rejectfont><pattern><patelt name="family"><string>Noto Color Emoji</string></patelt></pattern>'
                      '</rejectfont></selectfont></fontconfig>')
    result = run("check", env={"FONTCONFIG_FILE": str(config)})
    assert result.returncode == 0 and "No emoji font is installed" in result.stdout + result.stderr


def test_fonts_command_refuses_when_noto_cjk_is_missing_and_keeps_the_built_fonts(tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><dir>{tmp_path}</dir>'
                      f'<cachedir>{tmp_path}/cache</cachedir></fontconfig>')
    before = {face.path: face.path.stat().st_mtime_ns for face in letter_fonts.FACES}
    result = run("fonts", env={"FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1
    assert "Noto Serif CJK SC is not installed" in result.stderr and "fonts-noto-cjk" in result.stderr
    assert {face.path: face.path.stat().st_mtime_ns for face in letter_fonts.FACES} == before


def test_schema_command_prints_the_published_schema():
    result = run("schema")
    assert result.stdout == (ROOT / "docs" / "case-file.schema.json").read_text(encoding="utf-8")


def test_serve_warms_up_then_answers(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SECRET_KEY": "test-" + "x" * 40, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "HOST": "127.0.0.1", "PORT": str(port)}
    assert subprocess.run([COMMAND, "init-db"], env=env, cwd=ROOT, capture_output=True, timeout=60).returncode == 0
    with subprocess.Popen([COMMAND, "serve"], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as server:
        try:
            # Stale drafts are purged at start; the next line is printed after the warm-up (two letters typeset),
            # just before Waitress listens.
            assert server.stdout.readline().startswith("deleted 0 draft(s) and 0 evidence file(s)")
            assert server.stdout.readline().startswith(f"serving on http://127.0.0.1:{port}")
            for _ in range(50):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                        assert response.status == 200 and "催收投诉助手" in response.read().decode()
                        break
                except urllib.error.URLError:
                    time.sleep(0.1)
            else:
                pytest.fail("the server never answered")
        finally:
            server.terminate()
