"""“Today” is the date in the configured TIMEZONE wherever a date is checked, whatever the server's own clock says."""
from __future__ import annotations

import datetime as dt
import json
import time
from zoneinfo import ZoneInfo

import pytest
from helpers import ROOT

from complaint import answers, create_app
from complaint.storage import casefile
from complaint.web import forms

CONFIGURED = "Etc/GMT+12"  # UTC-12: always one or two calendar days behind the server below
SERVER = "Pacific/Kiritimati"  # UTC+14


@pytest.fixture
def server_ahead(monkeypatch, tmp_path):
    """The server's own clock in UTC+14, the app's TIMEZONE in UTC-12: their dates always differ."""
    monkeypatch.setenv("TZ", SERVER)
    monkeypatch.setenv("TIMEZONE", CONFIGURED)
    time.tzset()
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                      "TIMEZONE": CONFIGURED, "WTF_CSRF_ENABLED": False})
    yield app
    monkeypatch.undo()
    time.tzset()


def _dates():
    server, configured = dt.date.today(), dt.datetime.now(ZoneInfo(CONFIGURED)).date()
    assert server > configured
    return server, configured


def _id_number_born(day: dt.date) -> str:
    stem = f"110101{day:%Y%m%d}123"
    return next(stem + check for check in "0123456789X" if answers.id_number_problem(stem + check) != "check")


def test_an_id_number_born_after_today_where_the_user_lives_is_refused(server_ahead):
    server, configured = _dates()
    with server_ahead.app_context():
        assert answers.id_number_problem(_id_number_born(configured)) is None
        assert answers.id_number_problem(_id_number_born(server)) == "date"


def test_a_sent_date_may_be_today_where_the_user_lives_but_not_the_server_s_tomorrow(server_ahead):
    server, configured = _dates()
    for day, accepted in ((configured, True), (server, False)):
        data = {"year": str(day.year), "month": str(day.month), "day": str(day.day), "by": "post"}
        with server_ahead.test_request_context("/documents/lender/sent", method="POST", data=data):
            assert forms.SentForm(kind="lender").validate() is accepted, day


def test_a_case_file_with_an_incident_after_today_where_the_user_lives_is_refused(server_ahead):
    server, configured = _dates()
    example = json.loads(sorted((ROOT / "examples").glob("*.json"))[0].read_text(encoding="utf-8"))
    example["incidents"][0]["date"] = configured.isoformat()
    assert casefile.loads(json.dumps(example))
    example["incidents"][0]["date"] = server.isoformat()
    with pytest.raises(casefile.CaseFileError):
        casefile.loads(json.dumps(example))
