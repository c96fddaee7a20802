"""Output formats. One module per format; each exposes ``render(report, options) -> str``.

Adding a format = one module here + one line in ``FORMATS``. The exit code is computed from the
report by the caller, never inside a formatter.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

FORMATS = {
    "text": "yinwen.report.text",
    "json": "yinwen.report.json_format",
    "sarif": "yinwen.report.sarif",
    "github": "yinwen.report.github",
    "rdjson": "yinwen.report.rdjson",
    "html": "yinwen.report.html",
}


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"
    color: bool = False
    verbose: bool = False


def formatter(name: str) -> Callable:
    return importlib.import_module(FORMATS[name]).render
