"""One character for one: a draft in traditional script read as simplified, for rules that judge words.

Word judgements (the segmenter, the dictionary) know simplified Chinese; a draft in traditional
script would otherwise look like a run of unknown characters (時時 is no word, 时时 is). The copy has
the same length as the text, so an offset into it is an offset into the original. Conversion is the
variants table (data/variants.tsv) for now; a fuller converter can take its place here alone.
"""

from __future__ import annotations

import re
from functools import cache

from yinwen.resources import load_variants


@cache
def _table() -> tuple[dict[int, str], re.Pattern[str]]:
    variants = load_variants()
    return {ord(original): simple for original, simple in variants.items()}, \
        re.compile("[" + re.escape("".join(variants)) + "]")


def simplified(text: str) -> str:
    """``text`` with traditional and variant characters replaced by their simplified forms, one for one."""
    table, traditional = _table()
    # Most drafts have none: a scan is several times cheaper than a translation of megabytes.
    return text.translate(table) if traditional.search(text) else text
