"""Settings: a secret key is required in production and generated once, privately, in development."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from complaint import config, create_app


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("COMPLAINT_ENV", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    with pytest.raises(config.ConfigError, match="SECRET_KEY is not set"):
        create_app()


def test_development_makes_one_private_key_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("COMPLAINT_ENV", "development")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert first == second and len(first) == 64
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert (tmp_path / "complaint.sqlite3").exists(), "the default database lives in the instance folder"


def test_a_bad_number_in_the_environment_is_named(monkeypatch):
    monkeypatch.setenv("DRAFT_RETENTION_DAYS", "thirty")
    with pytest.raises(config.ConfigError, match="DRAFT_RETENTION_DAYS must be a whole number"):
        config.from_environment()


@pytest.mark.parametrize("value", ["soon", "0", "-1", "99999"])
def test_a_pdf_time_limit_that_is_not_a_sensible_number_of_seconds_is_named(monkeypatch, value):
    monkeypatch.setenv("PDF_TIME_LIMIT", value)
    with pytest.raises(config.ConfigError, match="PDF_TIME_LIMIT must be"):
        config.from_environment()


@pytest.mark.parametrize("name, value", [("PDF_WORKERS", "0"), ("PDF_QUEUE", "-1")])
def test_a_pdf_pool_that_could_make_no_letter_is_refused(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(config.ConfigError, match="PDF_WORKERS must be at least 1"):
        config.from_environment()


def test_trusted_proxy_addresses_that_are_not_addresses_are_named(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("TRUSTED_PROXY_ADDRESSES", "127.0.0.1,proxy.example")
    with pytest.raises(config.ConfigError, match="TRUSTED_PROXY_ADDRESSES"):
        create_app()
def test_the_picture_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("EVIDENCE_IMAGE_PIXELS", "12000000")
    monkeypatch.setenv("EVIDENCE_REQUEST_PIXELS", "50000000")
    settings = config.from_environment()
    assert (settings["EVIDENCE_IMAGE_PIXELS"], settings["EVIDENCE_REQUEST_PIXELS"]) == (12_000_000, 50_000_000)


WHOLE_NUMBERS = [setting.name for setting in config.SETTINGS if setting.default.__class__ is int]


@pytest.mark.parametrize("name", WHOLE_NUMBERS)
def test_every_whole_number_setting_is_read_from_the_environment_and_a_bad_one_named(monkeypatch, name):
    monkeypatch.setenv(name, "7")
    assert config.from_environment()[name] == 7 == config.setting(name)
    monkeypatch.setenv(name, "many")
    with pytest.raises(config.ConfigError, match=f"{name} must be a whole number"):
        config.from_environment()


def test_the_readme_configuration_table_names_every_setting_and_no_other():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.partition("## Configuration")[2].partition("\n#")[0]
    documented = {name for row in table.splitlines() if row.startswith("| `")
                  for name in re.findall(r"`([A-Z_]+)`", row.split("|")[1])}
    assert documented == {setting.name for setting in config.SETTINGS}
