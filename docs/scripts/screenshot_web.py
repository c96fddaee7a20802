"""Screenshots of the web page for the README: the seed checked, its 妥协 misquote opened (zh and en).

Run from a checkout with Debian's chromium and a CJK font installed (apt-get install chromium
fonts-wqy-microhei) and the test extras (pip install ".[test]"):

    python docs/scripts/screenshot_web.py            # writes docs/web-page.png and docs/web-page-en.png
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.webserver import CHROMIUM, CHROMIUM_FLAGS, served  # noqa: E402

SEED = ROOT / "seeds" / "000_c8461ed9f15da83a.txt"
SHOTS = {"zh": ROOT / "docs" / "web-page.png", "en": ROOT / "docs" / "web-page-en.png"}


def main() -> None:
    from playwright.sync_api import sync_playwright

    with served() as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        for lang, target in SHOTS.items():
            page = browser.new_page(viewport={"width": 1360, "height": 900}, device_scale_factor=1)
            page.goto(server.url + ("?lang=en" if lang == "en" else ""))
            page.fill("#draft", SEED.read_text(encoding="utf-8"))
            page.click("#check")
            page.wait_for_selector("body[data-state=done]")
            page.locator("#text mark[data-verdict=misquote]", has_text="软弱退让").first.click()
            # As a writer sees it after clicking the mark: the toolbar and the open finding stick while the draft scrolls.
            page.evaluate("document.querySelector('#text mark.selected').scrollIntoView({block: 'center'})")
            page.wait_for_timeout(300)
            page.screenshot(path=str(target))
            print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    if not CHROMIUM.exists():
        sys.exit("needs Debian's chromium: apt-get install chromium fonts-wqy-microhei")
    main()
