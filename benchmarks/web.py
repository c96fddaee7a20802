"""The web page's speed: a 10,000-character draft checked warm through the HTTP API and through the page.

Run from a checkout:  python benchmarks/web.py [--runs 9] [--no-browser]

It starts the real `yinwen serve --no-browser --port 0` (this checkout's code), makes a draft of about
10,000 characters of real-draft prose with 50 quotations of the bundled corpus (half of them altered;
benchmarks/bench.py's generator), then times, after one warm-up each:
  engine      check_document in this process (what every path below pays)
  api check   POST /api/check, text/plain body → the JSON report
  api review  POST /api/review, text/plain body → report + marks, diffs, citations (what the page asks)
  api docx    POST /api/review with the draft as an uploaded .docx
  page        in headless Chromium: click 核对 → the marked draft drawn, as Playwright sees it (Debian's
              chromium; skipped without), and "page (own)", the page's performance.measure of the same
Target: ≤ 0.3 s for the page and the API on the project's 2-core machine. The machine is shared: the
script prints the load average, and for the engine and the API also the CPU seconds per check (of this
process, or of the server's process), which other processes' load does not inflate.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.bench import make_draft  # noqa: E402
from tests.webserver import CHROMIUM, CHROMIUM_FLAGS, served  # noqa: E402


def timed(action, runs: int, cpu=None) -> list[float]:
    """Wall seconds of each of ``runs`` calls after a warm-up; with ``cpu`` (a clock of CPU seconds), also that
    clock's mean per call, which a shared machine's load does not inflate (appended as the last item)."""
    action()  # warm-up
    times = []
    used = cpu() if cpu else 0.0
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    if cpu:
        times.append((cpu() - used) / runs)
    return times


def post(url: str, body: bytes, content_type: str) -> bytes:
    request = urllib.request.Request(url, data=body, method="POST", headers={"content-type": content_type})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def page_times(url: str, draft: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall time seen from Playwright (click → the page says done), and the page's own measure of the same."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        page.goto(url)
        page.fill("#draft", draft)

        def check() -> None:
            page.click("#check")  # the click handler marks the body "checking" before it sends the draft
            page.wait_for_selector("body[data-state=done]")

        times = timed(check, runs)
        inside = page.evaluate("performance.getEntriesByName('yinwen-check').map(m => m.duration / 1000)")[-runs:]
        marks = page.locator("#text mark").count()
        browser.close()
    print(f"page: {marks} marks drawn", file=sys.stderr)
    return times, inside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-browser", action="store_true", help="skip the timing in Chromium")
    args = parser.parse_args()

    from yinwen.config.settings import Settings
    from yinwen.corpus.store import open_corpus
    from yinwen.engine import check_document
    from yinwen.resources import bundled_corpus_dir
    from yinwen.text.document import Document

    corpus = open_corpus([bundled_corpus_dir()])
    draft = make_draft(corpus, random.Random(7))
    document = Document.from_text("draft.txt", draft)
    rows = {"engine": timed(lambda: check_document(document, corpus, Settings()), args.runs, time.process_time)}
    body, kind = draft.encode("utf-8"), "text/plain; charset=utf-8"
    upload, upload_kind = multipart("draft.docx", docx_bytes(draft))
    with served() as server:
        url = server.url
        rows["api check"] = timed(lambda: post(url + "api/check", body, kind), args.runs, server.cpu_seconds)
        rows["api review"] = timed(lambda: post(url + "api/review", body, kind), args.runs, server.cpu_seconds)
        rows["api docx"] = timed(lambda: post(url + "api/review", upload, upload_kind), args.runs, server.cpu_seconds)
        if not args.no_browser and CHROMIUM.exists():
            rows["page"], rows["page (own)"] = page_times(url, draft, args.runs)
    quotes = len(check_document(document, corpus, Settings()).matches)
    print(f"draft: {len(draft)} characters, {quotes} quotations; {args.runs} warm runs each; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'path':12} {'median s':>9} {'max s':>7} {'CPU s':>7}")
    for name, times in rows.items():
        cpu = f"{times.pop():7.3f}" if len(times) > args.runs else f"{'':7}"
        print(f"{name:12} {statistics.median(times):9.3f} {max(times):7.3f} {cpu}")


if __name__ == "__main__":
    main()
