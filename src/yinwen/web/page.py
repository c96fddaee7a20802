"""The page and its static files, read once from the package: a request names an asset, never a path.

Everything the page needs ships in the wheel (five small script modules, a style sheet, an icon); it loads nothing
from the internet, and the fonts are the system's own (a CJK font every desktop has).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from importlib.resources import files

from yinwen import __version__
from yinwen.web.drafts import ACCEPTED_SUFFIXES, human_size
from yinwen.web.strings import PAGE

SCRIPT = "text/javascript; charset=utf-8"
ASSETS = {"page.js": SCRIPT, "common.js": SCRIPT, "draft.js": SCRIPT, "detail.js": SCRIPT, "result.js": SCRIPT,
          "page.css": "text/css; charset=utf-8", "icon.svg": "image/svg+xml"}


@dataclass(frozen=True)
class Asset:
    data: bytes
    media_type: str


class StaticFiles:
    """The listed assets and the page's template, read into memory when the app is made."""

    def __init__(self) -> None:
        folder = files("yinwen.web") / "assets"
        self.assets = {name: Asset((folder / name).read_bytes(), kind) for name, kind in ASSETS.items()}
        self.template = (folder / "page.html").read_text(encoding="utf-8")

    def get(self, name: str) -> Asset | None:
        return self.assets.get(name)


def render_page(template: str, lang: str, max_bytes: int, corpus) -> str:
    """The page in ``lang``: its words, the upload limit and the corpus size go to the script as JSON."""
    words = PAGE[lang]
    config = {
        "lang": lang,
        "maxBytes": max_bytes,
        "maxSize": human_size(max_bytes),
        "accept": list(ACCEPTED_SUFFIXES),
        "corpus": {"sources": len(corpus.sources), "chars": corpus.chars},
        "words": words,
    }
    # "</" cannot end the script element early when written as "<\/" inside JSON.
    data = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    values = {
        "html_lang": words["html_lang"], "title": words["title"], "heading": words["heading"],
        "tagline": words["tagline"], "other_lang": words["other_lang"], "other_lang_href": words["other_lang_href"],
        "paste_label": words["paste_label"], "paste_placeholder": words["paste_placeholder"], "drop": words["drop"],
        "choose": words["choose"], "types": words["types"].format(limit=human_size(max_bytes)),
        "check": words["check"], "clear": words["clear"], "accept_types": ",".join(ACCEPTED_SUFFIXES),
        "version": __version__,
        "corpus": words["corpus"].format(sources=len(corpus.sources), chars=f"{corpus.chars:,}"),
    }
    page = template
    for key, value in values.items():
        page = page.replace("{{" + key + "}}", escape(str(value)))
    return page.replace("{{config}}", data)
