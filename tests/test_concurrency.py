"""One draft in two tabs or on two devices, and many processes sharing a database: no save is lost unseen, no
11th guess of a resume code gets through, and a repeated PDF comes from the cache of the draft's revision."""
from __future__ import annotations

import re
import threading

import pytest
import sqlalchemy as sa
from helpers import DATABASES, STANDARD_ANSWERS, Wizard

from complaint import create_app, letters
from complaint.storage import crypto

pytestmark = pytest.mark.parametrize("database_url", DATABASES, indirect=True)
NOTICE = "你的回答在另一个标签页或另一台设备上被修改过，所以这个页面的内容没有保存"


def _page(client, url: str) -> tuple[str, str]:
    """The CSRF token and the revision a page was made with."""
    html = client.get(url).get_data(as_text=True)
    return (re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1),
            re.search(r'name="revision" value="(\d+)"', html).group(1))


def test_a_save_from_an_older_tab_is_refused_and_keeps_what_was_typed(wizard):
    wizard.complete()
    old_token, old_revision = _page(wizard.client, "/about-you")  # tab A opens the page...
    newer = {**STANDARD_ANSWERS["/about-you"], "name": "陈晓燕（第二个标签页）"}
    assert wizard.answer("/about-you", newer).status_code == 302  # ...tab B saves the same page meanwhile
    typed = {**STANDARD_ANSWERS["/about-you"], "name": "陈小燕", "contact": "上海市静安区1号"}
    refused = wizard.client.post("/about-you", data={"csrf_token": old_token, "revision": old_revision, **typed})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409 and NOTICE in html
    assert 'value="陈小燕"' in html and '>上海市静安区1号</textarea>' in html, "tab A's words are still there"
    assert "陈晓燕（第二个标签页）" in wizard.get("/check").get_data(as_text=True), "tab B's save was kept"
    # The page shown again carries the newer revision: saving it once more is a deliberate choice, and works.
    token, revision = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1), \
        re.search(r'name="revision" value="(\d+)"', html).group(1)
    again = wizard.client.post("/about-you", data={"csrf_token": token, "revision": revision, **typed})
    assert again.status_code == 302 and "陈小燕" in wizard.get("/check").get_data(as_text=True)


def test_removing_an_incident_in_one_tab_stops_another_tab_changing_the_wrong_one(wizard):
    wizard.complete()
    token, revision = _page(wizard.client, "/incidents/2")  # tab A edits incident 2
    assert wizard.answer("/incidents/1/remove", {"answer": "yes"}).status_code == 302  # tab B removes incident 1
    edit = {**STANDARD_ANSWERS["incidents"][1], "description": "改过的第二件事"}
    refused = wizard.client.post("/incidents/2", data={"csrf_token": token, "revision": revision, **edit})
    assert refused.status_code == 404 or (refused.status_code == 409 and NOTICE in refused.get_data(as_text=True))
    check = wizard.get("/check").get_data(as_text=True)
    assert "改过的第二件事" not in check and "打给我母亲和单位人事" in check


def test_no_acknowledged_save_is_lost_when_tabs_save_at_once(app, wizard):
    wizard.complete()
    cookie = wizard.client.get_cookie("draft").value
    acknowledged, refused, errors = [], [], []

    def tab(n: int):
        client = app.test_client()
        client.set_cookie("draft", cookie)
        client.set_cookie("lang", "zh")
        for i in range(6):
            token, revision = _page(client, "/incidents/new")
            words = f"第{n}个标签页第{i}次保存"
            response = client.post("/incidents/new", data={
                **STANDARD_ANSWERS["incidents"][0], "description": words, "csrf_token": token, "revision": revision})
            if response.status_code == 302:
                acknowledged.append(words)
            elif response.status_code == 409 and words in response.get_data(as_text=True):
                refused.append(words)  # shown again with what was typed
            else:
                errors.append(response.status_code)

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(acknowledged) + len(refused) == 24 and acknowledged
    check = wizard.get("/check").get_data(as_text=True)
    lost = [words for words in acknowledged if words not in check]
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged saves lost"
    assert not [words for words in refused if words in check], "a refused save changed nothing"


def test_no_eleventh_resume_code_gets_through_when_guesses_race(app, wizard):
    wizard.complete()
    guesses = [Wizard(app.test_client()) for _ in range(6)]
    for guesser in guesses:
        guesser.client.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    for n in range(9):
        page = guesses[0].answer("/resume", {"code": crypto.format_resume_code(f"{n:016d}")})
        assert page.status_code == 200
    tokens = [guesser.token("/resume") for guesser in guesses]
    start, answers = threading.Barrier(len(guesses)), []

    def guess(n: int):
        start.wait()
        answers.append(guesses[n].client.post("/resume", data={
            "csrf_token": tokens[n], "code": crypto.format_resume_code(f"{n + 10:016d}")}).status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(len(guesses))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers) == [200] + [429] * (len(guesses) - 1), "exactly one of the racing guesses was the 10th"


def test_old_resume_counts_expire(app, wizard):
    now = [1000.0]
    app.extensions["resume_throttle"].clock = lambda: now[0]
    guesser = Wizard(app.test_client())
    guesser.client.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    guesser.answer("/resume", {"code": crypto.format_resume_code("0" * 16)})
    now[0] += 15 * 60 + 1
    neighbour = Wizard(app.test_client())
    neighbour.client.environ_base["REMOTE_ADDR"] = "198.51.100.2"
    neighbour.answer("/resume", {"code": crypto.format_resume_code("1" * 16)})
    with app.extensions["complaint_store"].engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from resume_attempts")).scalar() == 1, "only the fresh count"


def test_a_repeated_pdf_comes_from_the_encrypted_cache_until_the_answers_change(app, wizard, monkeypatch):
    typeset = []
    real = letters.pdf
    monkeypatch.setattr(letters, "pdf", lambda *a, **k: typeset.append(1) or real(*a, **k))
    wizard.complete()
    first = wizard.get("/documents/lender.zh.pdf")  # 查看
    again = wizard.get("/documents/lender.zh.pdf?download=1")  # 下载
    assert first.status_code == again.status_code == 200 and first.data == again.data and len(typeset) == 1
    with app.extensions["complaint_store"].engine.connect() as conn:
        sealed = conn.execute(sa.text("select sealed from pdf_cache")).scalars().all()
    assert len(sealed) == 1 and b"%PDF" not in sealed[0] and first.data not in sealed[0]
    assert wizard.get("/documents/lender.en.pdf").status_code == 200 and len(typeset) == 2, "each language its own"
    changed = {**STANDARD_ANSWERS["/about-you"], "name": "陈晓红"}
    assert wizard.answer("/about-you", changed).status_code == 302
    with app.extensions["complaint_store"].engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from pdf_cache")).scalar() == 0, "a save drops the old PDFs"
    from helpers import pdf_text
    assert "陈晓红" in pdf_text(wizard.get("/documents/lender.zh.pdf").data) and len(typeset) == 3
    wizard.answer("/delete", {})
    with app.extensions["complaint_store"].engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from pdf_cache")).scalar() == 0


def test_the_resume_limit_holds_across_servers(app, database_url):
    other = create_app({"SECRET_KEY": "test-secret", "DATABASE_URL": database_url, "COMPLAINT_ENV": "testing"})
    try:
        for n in range(10):
            server = (app, other)[n % 2]  # a proxy spreading the guesses over two servers
            guesser = Wizard(server.test_client())
            guesser.client.environ_base["REMOTE_ADDR"] = "203.0.113.7"
            assert guesser.answer("/resume", {"code": crypto.format_resume_code(f"{n:016d}")}).status_code == 200
        for server in (app, other):
            guesser = Wizard(server.test_client())
            guesser.client.environ_base["REMOTE_ADDR"] = "203.0.113.7"
            assert guesser.answer("/resume", {"code": crypto.format_resume_code("9" * 16)}).status_code == 429
    finally:
        other.extensions["complaint_store"].engine.dispose()


@pytest.mark.parametrize("revision", ["abc", "٣", "9" * 40, "\x00"])
def test_a_revision_that_is_not_a_number_is_ignored_and_never_a_5xx(wizard, revision):
    wizard.complete()
    token, _ = _page(wizard.client, "/about-you")
    answers = {**STANDARD_ANSWERS["/about-you"], "name": "陈小燕"}
    response = wizard.client.post("/about-you", data={"csrf_token": token, "revision": revision, **answers})
    assert response.status_code == 302 and "陈小燕" in wizard.get("/check").get_data(as_text=True)
