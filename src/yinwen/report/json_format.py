"""``--format json``: the stable contract documented in docs/json.md."""

from __future__ import annotations

import json

from yinwen.engine import Report
from yinwen.report import RenderOptions
from yinwen.report.model import report_record


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(report_record(report, options.lang, options.verbose), ensure_ascii=False, indent=2) + "\n"
