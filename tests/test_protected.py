"""Password-protected case files: saved from the site, unreadable without the password, opened again with it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from helpers import ROOT, Wizard

from complaint.storage import casefile, protected

PASSWORD = "长城 correct horse 42"
TYPED = ["陈晓燕", "11010519850705004X", "半夜连打六次", "HT20250318", "上海市徐汇区"]


def save(wizard: Wizard, password: str, confirm: str | None = None):
    token = wizard.token("/save")
    return wizard.client.post("/save", data={"csrf_token": token, "password": password,
                                             "confirm": password if confirm is None else confirm},
                              follow_redirects=True)


def open_file(wizard: Wizard, data: bytes, password: str = ""):
    token = wizard.token("/")
    return wizard.post("/open", data={"csrf_token": token, "password": password,
                                      "case_file": (BytesIO(data), "case.json")})


@pytest.fixture
def protected_file(wizard) -> bytes:
    wizard.complete()
    response = save(wizard, PASSWORD)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert 'filename="case-protected-' in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    return response.data


def test_a_protected_case_file_reveals_nothing_the_user_typed(protected_file):
    assert json.loads(protected_file)["format"] == "complaint-case-protected"
    for value in TYPED:
        for encoding in ("utf-8", "utf-16-le", "gb18030"):
            assert value.encode(encoding) not in protected_file, value


def test_it_opens_on_another_device_with_the_password(app, protected_file):
    other = Wizard(app.test_client(), "en")
    response = open_file(other, protected_file, PASSWORD)
    assert response.status_code == 302 and response.headers["Location"].endswith("/check")
    page = other.get("/check").get_data(as_text=True)
    assert "陈晓燕" in page and "半夜连打六次" in page


@pytest.mark.parametrize("password, message", [
    ("", "这个案件文件设置了密码。请输入密码，并重新选择文件。"),
    ("长城 correct horse 43", "这个密码打不开该案件文件。"),
])
def test_without_the_right_password_it_says_so_and_opens_nothing(app, protected_file, password, message):
    other = Wizard(app.test_client(), "zh")
    page = open_file(other, protected_file, password).get_data(as_text=True)
    assert message in page and "<title>错误：" in page
    assert 'href="#password"' in page, "the error summary points at the password field"
    assert other.client.get_cookie("draft") is None


def test_a_mistyped_confirmation_downloads_nothing_and_does_not_echo_the_password(wizard):
    wizard.complete()
    response = save(wizard, PASSWORD, confirm=PASSWORD + "x")
    page = response.get_data(as_text=True)
    assert response.mimetype == "text/html" and "两次输入的密码不一致" in page
    assert PASSWORD not in page


def test_a_short_password_is_refused_in_english(app):
    wizard = Wizard(app.test_client(), "en")
    wizard.complete()
    page = save(wizard, "short").get_data(as_text=True)
    assert "Use a password of 10 to 128 characters, or leave it empty" in page


def test_without_a_password_the_file_is_the_plain_case_file(wizard):
    wizard.complete()
    page = wizard.get("/save").get_data(as_text=True)
    assert 'type="password"' in page and 'autocomplete="new-password"' in page
    response = save(wizard, "")
    assert json.loads(response.data)["format"] == "complaint-case" and "陈晓燕" in response.get_data(as_text=True)


def test_a_file_asking_for_other_key_derivation_settings_is_refused_before_any_work(protected_file):
    data = json.loads(protected_file)
    data["n"] = 2**30  # would ask the server for a terabyte
    with pytest.raises(casefile.CaseFileError) as refused:
        casefile.loads(json.dumps(data), password=PASSWORD)
    assert refused.value.code == "invalid"


def test_an_altered_file_does_not_open(protected_file):
    data = json.loads(protected_file)
    ciphertext = data["ciphertext"]
    data["ciphertext"] = ("B" if ciphertext[0] != "B" else "C") + ciphertext[1:]  # a different first byte
    with pytest.raises(casefile.CaseFileError) as refused:
        casefile.loads(json.dumps(data), password=PASSWORD)
    # AES-GCM cannot tell an altered file from a wrong password; either way nothing is opened.
    assert refused.value.code == "wrong_password"


def test_the_command_line_renders_a_protected_file_with_its_password(tmp_path):
    plain = (ROOT / "examples" / "night-calls-consumer-finance.json").read_text(encoding="utf-8")
    path = tmp_path / "case.json"
    path.write_text(protected.protect(plain, PASSWORD), encoding="utf-8")
    command = [str(Path(sys.executable).with_name("complaint")), "render", str(path), "--format", "text"]
    prompted = subprocess.run(command, input=PASSWORD + "\n", capture_output=True, text=True, timeout=60)
    assert prompted.returncode == 0 and "投诉书" in prompted.stdout
    wrong = subprocess.run(command, capture_output=True, text=True, timeout=60,
                           env={**os.environ, "CASE_FILE_PASSWORD": "not the password"})
    assert wrong.returncode != 0 and "wrong_password" in wrong.stderr


def test_a_plain_file_that_merely_mentions_the_protected_format_opens_as_plain():
    plain = json.loads((ROOT / "examples" / "night-calls-consumer-finance.json").read_text(encoding="utf-8"))
    plain["person"]["name"] = '"complaint-case-protected"'
    assert not protected.is_protected(json.dumps(plain))
    assert casefile.loads(json.dumps(plain)).person.name == '"complaint-case-protected"'
