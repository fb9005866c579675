"""A wheel carries everything the site needs, and an app installed from it serves pages and letters."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

from helpers import ROOT, pdf_fonts, pdf_text

# What a built checkout holds besides the sources (the environment, caches, other tools' files).
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "node_modules", "instance", "build", "*.egg-info",
                                     "__pycache__", "samples", "test-artifacts", "tests")

# Run from the unpacked wheel (a pure-Python wheel is installed by unpacking it), far from the source checkout.
INSTALLED = """
import json, sys
from pathlib import Path
import complaint
from complaint import create_app
from complaint.cli import cli

app = create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{sys.argv[1]}/db.sqlite3"})
runner, client = app.test_cli_runner(), app.test_client()
init_db = runner.invoke(cli, ["init-db"])
render = runner.invoke(cli, ["render", sys.argv[2], "--lang", "zh", "-o", f"{sys.argv[1]}/letter.pdf"])
client.set_cookie("lang", "en")
print(json.dumps({"package": complaint.__file__, "init_db": init_db.output, "render": render.output,
                  "page": client.get("/").get_data(as_text=True), "css": client.get("/static/css/app.css").status_code,
                  "rules": len(list((Path(complaint.__file__).parent / "law" / "rules").glob("*.toml")))}))
"""


def test_a_wheel_holds_templates_static_files_rules_and_catalogues_and_works_installed(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=NOT_SOURCES)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                            "-q", "-w", str(tmp_path / "dist"), str(source)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("complaint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("complaint/templates/base.html", "complaint/templates/letters/complaint.zh.html",
                     "complaint/static/css/app.css", "complaint/static/letters/letter.css",
                     "complaint/static/letters/fonts/letter-serif.otf", "complaint/law/rules/references.toml",
                     "complaint/translations/en/LC_MESSAGES/messages.mo",
                     "complaint/storage/migrations/versions/0001_drafts_and_files.py"):
        assert expected in names

    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    example = ROOT / "examples" / "night-calls-consumer-finance.json"
    result = subprocess.run([sys.executable, "-c", INSTALLED, str(tmp_path), str(example)], capture_output=True,
                            text=True, timeout=120, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(installed), "INSTANCE_PATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["package"].startswith(str(installed))
    assert report["init_db"] == "database ready\n" and report["css"] == 200 and report["rules"] > 0
    assert "Debt collection complaint helper" in report["page"] or "催收投诉助手" in report["page"]
    letter = (tmp_path / "letter.pdf").read_bytes()
    assert json.loads(example.read_text(encoding="utf-8"))["person"]["name"] in pdf_text(letter)
    assert any(name.endswith("+Letter-Serif-CJK") and embedded for name, embedded in pdf_fonts(letter))
