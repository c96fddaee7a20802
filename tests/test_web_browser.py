"""The page in real headless Chromium (Debian's package, driven by Playwright): what a writer does with it.

Every test records each request the browser makes and fails if one goes anywhere but the yinwen server on
127.0.0.1. Playwright never downloads a browser here: it drives /usr/bin/chromium.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT, WARNING_TEXT
from tests.conftest import SEED
from tests.docxmaker import docx_from_text
from tests.webserver import CHROMIUM, CHROMIUM_FLAGS, served

MAX_BYTES = 2_000_000
TIMEOUT = 30_000  # ms; a check takes well under a second, Chromium's first start a few


def _needs_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: .ci/run installs Debian's chromium")
        pytest.skip("needs Debian's chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def url():
    with served("--max-size", str(MAX_BYTES)) as server:
        yield server.url


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    _needs_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_FLAGS, accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.set_default_timeout(TIMEOUT)
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        yield context
        context.close()


@pytest.fixture
def requests(context, url):
    """Every request of the test; afterwards, none may have left the server on 127.0.0.1."""
    seen: list[tuple[str, str]] = []
    statuses: list[int] = []

    def on_request(request) -> None:
        seen.append((request.method, request.url))

    def on_response(response) -> None:
        statuses.append(response.status)

    context.on("request", on_request)
    context.on("response", on_response)
    yield seen
    context.remove_listener("request", on_request)
    context.remove_listener("response", on_response)
    assert seen, "the recorder heard no request at all"
    server = urlsplit(url).netloc
    outside = [u for _m, u in seen if urlsplit(u).scheme not in ("blob", "data") and urlsplit(u).netloc != server]
    assert not outside, f"requests left the local server: {outside}"
    assert all(status < 500 for status in statuses), statuses


@pytest.fixture
def page(context, url, requests):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    yield page
    page.close()
    assert not errors, errors


def cli_report(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "yinwen", "check", path.name, "--format", "json", "--lang", "zh"],
                            cwd=path.parent, capture_output=True, check=False)
    return json.loads(result.stdout)


def check_text(page, text: str) -> None:
    page.fill("#draft", text)
    page.click("#check")
    page.wait_for_selector("body[data-state=done]")


def shown(page) -> tuple[list[list[str]], list[str]]:
    """The quotations marked in the draft (text, verdict) and the findings listed (code and place)."""
    quotes = page.eval_on_selector_all("#text mark[data-verdict][id]",
                                       "ms => ms.map(m => [m.textContent, m.dataset.verdict, m.dataset.role || null])")
    findings = page.eval_on_selector_all("#findings li", "lis => lis.map(li => li.querySelector('code').textContent + ' ' + "
                                                        "(li.querySelector('button') ? li.querySelector('button').textContent : ''))")
    return quotes, findings


def expected(report: dict) -> tuple[list[list[str]], list[str]]:
    file = report["files"][0]
    quotes = [[q["text"], q["verdict"], q.get("role")] for q in file["quotes"]]
    findings = [f"{d['code']} 第 {d['span']['line']} 行第 {d['span']['column']} 列" + _where(d["span"]) for d in file["diagnostics"]]
    return quotes, findings


def _where(span: dict) -> str:
    return f" · {span['location']['label']}" if span.get("location") else ""


def test_seed_through_the_page_shows_every_finding_of_yinwen_check(page, tmp_path):
    check_text(page, SEED.read_text(encoding="utf-8"))
    copy = tmp_path / "粘贴的文稿.txt"
    copy.write_bytes(SEED.read_bytes())
    assert shown(page) == expected(cli_report(copy))
    summary = page.inner_text("#summary")
    assert "与原文不符 3" in summary.replace("\n", " ")

    misquote = page.locator("#text mark[data-verdict=misquote]", has_text="软弱退让").first
    assert misquote.is_visible()
    misquote.click()
    detail = page.locator("#detail")
    assert detail.locator("table.diff ins", has_text="妥协").is_visible()
    assert detail.locator("table.diff del", has_text="软弱退让").is_visible()
    assert "为实现党的二十大确定的目标任务而团结奋斗" in detail.inner_text() and "2022年10月23日" in detail.inner_text()

    detail.locator("button.copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == "以斗争求安全则安全存，以妥协求安全则安全亡"
    detail.locator("button.accept").click()
    assert page.locator("#text ins.fix", has_text="以斗争求安全则安全存，以妥协求安全则安全亡").is_visible()
    with page.expect_download() as info:
        page.click("#downloads [data-download=fixed]")
    download = info.value
    assert download.suggested_filename == "粘贴的文稿-修正.txt"
    fixed = Path(download.path()).read_text(encoding="utf-8")
    assert fixed == SEED.read_text(encoding="utf-8").replace("以软弱退让求安全", "以妥协求安全")


def test_docx_upload_and_annotated_download(page, tmp_path):
    import docx

    draft = docx_from_text(SEED.read_text(encoding="utf-8"), tmp_path / "心得体会.docx")
    page.set_input_files("#file", str(draft))
    page.wait_for_selector("body[data-state=done]")
    report = cli_report(draft)
    assert shown(page) == expected(report)
    with page.expect_download() as info:
        page.click("#downloads [data-download=annotated]")
    download = info.value
    assert download.suggested_filename == "心得体会-批注.docx"
    comments = list(docx.Document(download.path()).comments)
    assert [c.text.split(" ", 1)[0] for c in comments] == [d["code"] for d in report["files"][0]["diagnostics"]]
    assert any("妥协" in c.text for c in comments)


def test_a_dropped_text_file_is_checked(page):
    page.evaluate("""text => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], "发言.md", {type: "text/markdown"}));
        document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
    }""", MISQUOTE_TEXT)
    page.wait_for_selector("#text mark[data-verdict=misquote]")
    assert "发言.md" in page.inner_text("#chosen")


def test_too_large_or_unlisted_files_get_a_clear_message_and_are_not_sent(page, requests, tmp_path):
    big = tmp_path / "很长的稿子.txt"
    big.write_bytes(("学习" * (MAX_BYTES // 6 + 1)).encode())
    page.set_input_files("#file", str(big))
    message = page.locator("#message")
    assert message.is_visible()
    assert "文件太大" in message.inner_text() and "上限是 1.9 MB" in message.inner_text()
    assert page.locator("#result").is_hidden()
    other = tmp_path / "表格.xlsx"
    other.write_bytes(b"PK\x03\x04")
    page.set_input_files("#file", str(other))
    assert "不支持这种文件：表格.xlsx" in message.inner_text()
    assert not [u for method, u in requests if method == "POST"]


def test_a_text_over_the_limit_is_refused_by_the_server_with_the_same_message(page, requests):
    # The page checks the size before sending; a script that skips that check meets the server's 413.
    status = page.evaluate("""async size => {
        const headers = {"content-type": "text/plain;charset=utf-8"};
        const response = await fetch("/api/check", {method: "POST", body: "学".repeat(size), headers});
        return [response.status, (await response.json()).error];
    }""", MAX_BYTES // 3 + 10)
    assert status[0] == 413 and "上限是 1.9 MB" in status[1]


def test_a_broken_file_gets_a_message_on_the_page_not_a_server_error(page, tmp_path):
    broken = tmp_path / "坏了的.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    page.set_input_files("#file", str(broken))
    message = page.locator("#message")
    message.wait_for(state="visible")
    assert "无法核对 坏了的.docx" in message.inner_text()
    assert page.locator("#result").is_hidden()
    page.click("#remove-file")
    page.fill("#draft", "   ")
    page.click("#check")
    assert message.inner_text() == "请先粘贴文稿或选择文件。"


def test_two_tabs_at_once_get_their_own_results(context, url, requests, tmp_path):
    first, second = context.new_page(), context.new_page()
    other = WARNING_TEXT + CLEAN_TEXT
    try:
        for tab, text in ((first, SEED.read_text(encoding="utf-8")), (second, other)):
            tab.goto(url)
            tab.fill("#draft", text)
        # Both checks are sent before either answer arrives.
        first.evaluate("document.getElementById('check').click()")
        second.evaluate("document.getElementById('check').click()")
        for tab in (first, second):
            tab.wait_for_selector("body[data-state=done]")
        seed_copy, other_copy = tmp_path / "粘贴的文稿.txt", tmp_path / "sub" / "粘贴的文稿.txt"
        other_copy.parent.mkdir()
        seed_copy.write_bytes(SEED.read_bytes())
        other_copy.write_text(other, encoding="utf-8")
        assert shown(first) == expected(cli_report(seed_copy))
        assert shown(second) == expected(cli_report(other_copy))
        assert first.locator("#text mark[data-verdict=misquote]", has_text="软弱退让").count() == 1
        assert second.locator("#text mark[data-verdict=misquote]").count() == 0
        assert second.locator("#text mark[data-kind=stutter]").count() == 1
    finally:
        first.close()
        second.close()


def test_english_page(context, url, requests):
    page = context.new_page()
    try:
        page.goto(url + "?lang=en")
        assert page.inner_text("#check") == "Check"
        check_text(page, MISQUOTE_TEXT)
        assert "quotation differs from its source" in page.inner_text("#findings")
        page.locator("#text mark[data-verdict=misquote]").first.click()
        assert "Accept the fix" in page.inner_text("#detail")
    finally:
        page.close()


def test_a_quotation_role_is_shown(page):
    """The report's ``role`` of a quotation (quotation, title, term, speech, emphasis) is on its mark and in its detail."""
    check_text(page, SEED.read_text(encoding="utf-8"))
    title = page.locator("#text mark[data-role=title]", has_text="双百行动")
    assert title.get_attribute("data-verdict") == "term"
    title.click()
    assert "类型：题名" in page.inner_text("#detail")
    page.locator("#text mark[data-role=quotation][data-verdict=misquote]").first.click()
    assert "类型：引语" in page.inner_text("#detail")


def test_a_repeated_sentence_is_marked_and_points_at_its_first_place(page):
    sentence = "我们要把学习成果转化为推动工作的强大动力，在实践中检验成效"
    check_text(page, f"{sentence}。今年的任务很重。\n会议要求，{sentence}。\n")
    page.click("#summary [data-kind=repeated]")  # the chip steps to the first mark of its kind
    detail = page.locator("#detail")
    assert "YW202" in detail.inner_text() and "第 1 行第 1 列" in detail.inner_text()
    assert page.locator("#text mark.selected[data-kind=repeated]").inner_text() == sentence
    assert detail.locator("blockquote.context del").inner_text() == sentence
