"""WeChat's own browser: told early that it cannot download, the resume code where she needs it, letters as pictures."""
from __future__ import annotations

import io
import re

import pytest
from helpers import PHONE, Wizard, page_width
from PIL import Image
from pypdf import PdfReader

WECHAT = ("Mozilla/5.0 (Linux; Android 13; V2172A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
          "Chrome/116.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 "
          "MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64")
IN_WECHAT = {"User-Agent": WECHAT}


def _text(response) -> str:
    return response.get_data(as_text=True)


def _resume_code(wizard) -> str:
    return re.search(r'<p class="code" lang="en">([^<]+)</p>', _text(wizard.get("/"))).group(1)


def test_the_start_page_says_at_once_that_wechat_cannot_download_and_how_to_leave_it(client):
    page = _text(client.get("/", headers=IN_WECHAT))
    assert "微信无法下载文件" in page and "在浏览器打开" in page and "右上角" in page
    assert "微信无法下载文件" not in _text(client.get("/"))


def test_the_start_page_in_wechat_shows_the_resume_code_it_tells_her_to_use(wizard):
    wizard.begin()
    code = _resume_code(wizard)
    notice = _text(wizard.get("/", headers=IN_WECHAT)).split('class="notice wechat"')[1].split("</div>")[0]
    assert "输入恢复码" in notice and code in notice


def test_documents_in_wechat_lead_to_pictures_and_never_offer_a_download(wizard):
    wizard.complete()
    code = _resume_code(wizard)
    page = _text(wizard.get("/documents", headers=IN_WECHAT))
    main = re.findall(r'<a class="button" href="([^"]+)"', page)
    assert main == ["/documents/lender.zh/pages", "/documents/regulator.zh/pages", "/documents/hotline.zh/pages"]
    assert " download>" not in page and ".pdf" not in page and ".ics" not in page and "/save" not in page
    assert page.count(code) >= 2, "the resume code beside 'open in the browser' and in place of the case file"
    assert "微信无法把这些日期加入日历" in page and "微信无法把你的回答保存为案件文件" in page


def test_documents_elsewhere_keep_the_pdf_as_the_main_action(wizard):
    wizard.complete()
    page = _text(wizard.get("/documents"))
    assert re.findall(r'<a class="button" href="([^"]+)"', page)[0] == "/documents/lender.zh.pdf?download=1"
    assert "/documents/lender.zh/pages" in page and "/documents/deadlines.ics" in page


def test_the_case_file_page_in_wechat_gives_the_resume_code_instead_of_a_failing_download(wizard):
    wizard.complete()
    code = _resume_code(wizard)
    page = _text(wizard.get("/save", headers=IN_WECHAT))
    assert code in page and "在浏览器打开" in page and 'type="password"' not in page
    assert 'type="password"' in _text(wizard.get("/save"))


def test_every_page_of_the_letter_is_a_sharp_picture(wizard):
    wizard.complete()
    pdf = wizard.get("/documents/lender.zh.pdf").data
    total = len(PdfReader(io.BytesIO(pdf)).pages)
    listing = wizard.get("/documents/lender.zh/pages", headers=IN_WECHAT)
    sources = re.findall(r'<img src="([^"]+)"[^>]*alt="([^"]+)"', _text(listing))
    assert len(sources) == total >= 2
    assert sources[0][1] == f"给贷款机构的投诉信，第1页，共{total}页"
    for src, _ in sources:
        response = wizard.get(src, headers=IN_WECHAT)
        assert response.headers["Cache-Control"] == "no-store"
        image = Image.open(io.BytesIO(response.data))
        assert response.mimetype == f"image/{image.format.lower()}" and image.format in ("PNG", "JPEG")
        assert image.width == 1240 and 1700 < image.height < 1800  # A4 at 150 dpi
        dark = sum(image.convert("L").point(lambda v: v < 128 and 255).histogram()[255:])
        assert dark > 10_000, "the page has text on it"
    assert wizard.get(f"/documents/lender.zh/page-{total + 1}").status_code == 404
    assert wizard.get("/documents/lender.zh/page-0").status_code == 404


def test_page_pictures_need_the_draft_like_the_pdf(app, wizard):
    wizard.complete()
    stranger = app.test_client()
    assert stranger.get("/documents/lender.zh/page-1").status_code == 302
    assert stranger.get("/documents/lender.zh/pages").status_code == 302


# ── In Chromium with WeChat's user agent, at 390×844 ─────────────────────────────────────────────────────────

def _wechat_page(browser, app, live_server, javascript: bool, **options):
    """A WeChat web view holding a finished draft (answered through the site itself)."""
    client = app.test_client()
    Wizard(client).complete()
    context = browser.new_context(viewport=PHONE, locale="zh-CN", user_agent=WECHAT,
                                  java_script_enabled=javascript, **options)
    draft = client.get_cookie("draft")
    context.add_cookies([{"name": "draft", "value": draft.value, "url": live_server},
                         {"name": "lang", "value": "zh", "url": live_server}])
    return context.new_page()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False])
def test_in_wechat_the_letter_comes_as_pictures_at_phone_size(browser, app, live_server, javascript):
    page = _wechat_page(browser, app, live_server, javascript)
    page.goto(live_server + "/")
    assert page.get_by_text("你正在使用微信，微信无法下载文件").is_visible()
    page.goto(live_server + "/documents")
    assert page.locator("a[download]").count() == 0
    page.get_by_role("link", name="图片版（长按可保存或转发）").first.click()
    page.wait_for_url("**/documents/lender.zh/pages")
    pictures = page.locator(".letter-page img")
    assert pictures.count() >= 2
    for n in range(pictures.count()):
        pictures.nth(n).scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=pictures.nth(n).element_handle())
        assert pictures.nth(n).evaluate("img => img.naturalWidth") == 1240
        assert pictures.nth(n).bounding_box()["width"] <= PHONE["width"]
    assert page_width(page) <= PHONE["width"], "no sideways scrolling"
    page.context.close()


@pytest.mark.browser
def test_the_wechat_pages_are_accessible_and_light(browser, app, live_server):
    from helpers import AXE, SERIOUS, Audit

    page = _wechat_page(browser, app, live_server, True, bypass_csp=True)  # bypass: to inject axe
    audit = Audit(page, live_server)
    for name, path in (("start", "/"), ("documents", "/documents"), ("case file", "/save")):
        audit.visit(name, path)
    assert audit.problems == {}, audit.problems
    # The page of pictures: the pictures are the point (about 100 KB each); the rest is checked as above.
    page.goto(live_server + "/documents/lender.zh/pages")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [v["id"] for v in result["violations"] if v["impact"] in SERIOUS] == []
    page.context.close()
