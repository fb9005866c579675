"""The command line: render every example as PDF and text, the PDF set-up check, serve.

Commands run in Flask's test CLI runner; in a process of their own only where fontconfig's settings or a real
server are under test."""
from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa
from helpers import ROOT, Wizard, pdf_fonts, pdf_text

from complaint.cli import cli
from complaint.letters import fonts as letter_fonts

EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
COMMAND = str(Path(sys.executable).with_name("complaint"))


def run(*args, env=None):
    """The command in a process of its own, for what must start afresh (fontconfig's settings, a server)."""
    return subprocess.run([COMMAND, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["lender", "regulator", "hotline"])
def test_render_every_example_as_pdf(runner, tmp_path, path, kind):
    out = tmp_path / "out.pdf"
    result = runner.invoke(cli, ["render", str(path), "--document", kind, "--lang", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    text = pdf_text(data)
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case["person"]["name"].split()[-1] in text
    assert all(embedded for _, embedded in pdf_fonts(data))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_render_text_prints_the_letter(runner, path):
    result = runner.invoke(cli, ["render", str(path), "--document", "lender", "--format", "text", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Complaint about debt collection" in result.stdout and "Complainant:" in result.stdout


def test_render_refuses_a_broken_file_with_a_reason(runner, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "complaint-case", "version": 1, "loan": {}}', encoding="utf-8")
    result = runner.invoke(cli, ["render", str(broken), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "not a usable case file" in result.stderr
    incomplete = tmp_path / "incomplete.json"
    incomplete.write_text('{"format": "complaint-case", "version": 1}', encoding="utf-8")
    result = runner.invoke(cli, ["render", str(incomplete), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "person, loan, incidents" in result.stderr


def test_purge_says_how_many_drafts_of_the_apps_database_it_deleted(app, runner, monkeypatch):
    for name in ("SECRET_KEY", "DATABASE_URL"):  # the runner's app alone says where the drafts are
        monkeypatch.delenv(name, raising=False)
    for _ in range(2):
        Wizard(app.test_client()).complete()
    with app.extensions["complaint_store"].engine.begin() as conn:  # one of them untouched for 31 days
        conn.execute(sa.text("update drafts set updated_at = :then where id = (select min(id) from drafts)"),
                     {"then": dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=31)})
    result = runner.invoke(cli, ["purge"])
    assert result.exit_code == 0, result.output
    assert result.output == "deleted 1 draft(s) and 0 evidence file(s) untouched for 30 days\n"
    assert runner.invoke(cli, ["purge"]).output.startswith("deleted 0 draft(s)")


def test_check_passes_on_a_machine_set_up_by_make(runner):
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
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


def test_check_warns_when_no_emoji_font_is_installed(runner, tmp_path):
    assert "emoji" not in runner.invoke(cli, ["check"]).output.lower()
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


def test_schema_command_prints_the_published_schema(runner):
    result = runner.invoke(cli, ["schema"])
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


def test_building_the_app_says_nothing_of_fonts_and_readying_a_server_does(tmp_path):
    # A fontconfig that sees no fonts; building an app (each test, each command) must not query it, a server must.
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><dir>{tmp_path}</dir>'
                      f'<cachedir>{tmp_path}/cache</cachedir></fontconfig>')
    script = ("import sys; from complaint import create_app; from complaint.letters import warm; "
              f"create_app({{'SECRET_KEY': 'x', 'DATABASE_URL': 'sqlite:///{tmp_path / 'db.sqlite3'}'}}); "
              "print('--- serving', file=sys.stderr, flush=True); warm.warn_about_pdf_setup()")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60,
                            env={**os.environ, "FONTCONFIG_FILE": str(config)})
    assert result.returncode == 0, result.stderr
    building, _, serving = result.stderr.partition("--- serving")
    assert "PDF set-up" not in building
    assert "PDF set-up: No font covering Chinese" in serving
