"""CSRF, headers, cookies, caching, and no personal data in URLs or logs."""
from __future__ import annotations

import logging

import pytest
from helpers import STANDARD_ANSWERS, Wizard


def test_post_without_csrf_token_changes_nothing_and_shows_the_form_again(client):
    wizard = Wizard(client)
    wizard.complete()
    response = client.post("/about-you", data={**STANDARD_ANSWERS["/about-you"], "name": "攻击者"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "还没有保存：请再点一次按钮" in page
    assert 'value="攻击者"' in page and 'name="csrf_token"' in page, "what was posted, with a fresh token"
    assert "攻击者" not in client.get("/check").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/delete", "/evidence/listed/new", "/incidents/new", "/documents/lender/sent", "/show",
                                 "/resume", "/open", "/start", "/incidents/1/remove", "/incidents/99",
                                 "/evidence/nothing/remove", "/documents/lender.zh.txt",
                                 "/documents/nope.zh.txt?masked=1", "/documents/lender.zh/pages"])
def test_a_post_without_csrf_token_saves_nothing_anywhere(client, url):
    wizard = Wizard(client)
    check = wizard.complete().get_data(as_text=True)
    response = client.post(url, data={"answer": "yes", "caption": "攻击者", "code": "x", "kind": "recording"})
    assert response.status_code in (200, 302, 404, 405)
    assert client.get("/check").get_data(as_text=True) == check


@pytest.mark.parametrize("url", ["/", "/safety", "/resume", "/delete", "/no-such-page"])
def test_security_headers_on_every_page(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_with_personal_data_are_not_cached(wizard):
    wizard.complete()
    for url in ("/check", "/documents", "/documents/lender.zh.pdf", "/save", "/documents/lender.zh.txt"):
        assert wizard.get(url).headers["Cache-Control"] == "no-store", url


def test_pages_load_nothing_from_other_sites(wizard):
    wizard.complete()
    for url in ("/", "/check", "/documents", "/incidents/1"):
        html = wizard.get(url).get_data(as_text=True)
        for tag in ("src=", "<link"):
            for piece in html.split(tag)[1:]:
                target = piece.split(">")[0]
                assert "http://" not in target and "https://" not in target and "//" not in target.split('"')[1][:2]


def test_cookies_are_secure_under_https(app):
    client = app.test_client()
    wizard = Wizard(client)
    token = wizard.token("/")
    response = client.post("/start", data={"csrf_token": token}, base_url="https://localhost")
    cookies = response.headers.getlist("Set-Cookie")
    draft_cookie = next(c for c in cookies if c.startswith("draft="))
    assert "Secure" in draft_cookie and "HttpOnly" in draft_cookie and "SameSite=Lax" in draft_cookie
    plain = app.test_client()
    plain_wizard = Wizard(plain)
    response = plain.post("/start", data={"csrf_token": plain_wizard.token("/")})
    assert "Secure" not in next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("draft="))


def test_no_personal_data_in_urls_or_logs(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    visited = []
    original_open = client.open

    def recording_open(*args, **kwargs):
        response = original_open(*args, **kwargs)
        visited.append(str(args[0]) if args else kwargs.get("path", ""))
        visited.append(response.headers.get("Location", ""))
        return response

    client.open = recording_open
    wizard = Wizard(client)
    wizard.complete()
    for page in ("/documents", "/documents/lender.zh.pdf"):
        wizard.get(page)
    seen = " ".join(visited) + caplog.text
    for value in ("陈晓燕", "13912345678", "139 1234 5678", "11010519850705004X", "某某消费金融", "HT20250318",
                  "半夜连打六次", "170 0000 1234"):
        assert value not in seen


def test_language_switch_only_redirects_within_the_site(client):
    assert client.get("/language/en?next=//evil.example/").headers["Location"] == "/"
    assert client.get("/language/en?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/language/en?next=/safety").headers["Location"] == "/safety"


def test_wechat_users_are_told_how_to_download(wizard):
    wizard.complete()
    wechat = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Mobile MicroMessenger/8.0.47"
    page = wizard.get("/documents", headers={"User-Agent": wechat}).get_data(as_text=True)
    assert "你正在使用微信" in page and "/documents/lender.zh.txt" in page
    assert "你正在使用微信" not in wizard.get("/documents").get_data(as_text=True)


def test_after_quick_exit_no_page_shows_her_answers_until_she_asks(app, client):
    wizard = Wizard(client)
    wizard.complete()
    code = wizard.get("/").get_data(as_text=True).split('<p class="code" lang="en">')[1].split("<")[0]
    leave = client.get("/exit")
    assert leave.status_code == 302 and leave.headers["Location"] == app.config["QUICK_EXIT_URL"]
    for url in ("/", "/about-you", "/check", "/documents", "/documents/lender.zh.txt", "/evidence"):
        page = client.get(url).get_data(as_text=True)
        assert "陈晓燕" not in page and code not in page and "没有内容" in page, url
        assert "<title>笔记</title>" in page
    token = wizard.token("/check")
    elsewhere = client.post("/show?next=//evil.example/", data={"csrf_token": token})
    assert elsewhere.headers["Location"] == "/", "only to pages of this site"
    client.get("/exit")
    back = client.post("/show?next=/about-you", data={"csrf_token": token})
    assert back.headers["Location"] == "/about-you"
    assert "陈晓燕" in client.get("/about-you").get_data(as_text=True)


def test_pictures_sent_without_a_token_are_not_kept_and_she_is_asked_to_choose_them_again(client):
    import io

    from helpers import screenshot

    Wizard(client).complete()
    response = client.post("/evidence", data={"pictures": [(io.BytesIO(screenshot()), "chat.png")]},
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "你选择的文件无法这样保留，请重新选择。" in page
    assert "evidence-item" not in client.get("/evidence").get_data(as_text=True)
