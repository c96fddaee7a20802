#!/bin/sh
# Render the HTML report of the seed draft in headless Chromium and save a screenshot.
# Needs Debian's `chromium` and a CJK font (e.g. apt-get install -y chromium fonts-wqy-microhei).
# Usage: docs/scripts/render_html_report.sh [draft] [screenshot.png]
set -eu
cd "$(dirname "$0")/../.."
draft="${1:-seeds/000_c8461ed9f15da83a.txt}"
shot="${2:-docs/html-report.png}"
# The page itself is not kept: it is regenerated from the code, so a committed copy would only go stale.
page="$(mktemp -d)/report.html"
PYTHONPATH=src python -m yinwen check "$draft" --html-report "$page" --exit-zero >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --no-first-run --screenshot="$(cd "$(dirname "$shot")" && pwd)/$(basename "$shot")" --window-size=1280,2000 "file://$page" 2>/dev/null
rm -r "$(dirname "$page")"
echo "$shot"
