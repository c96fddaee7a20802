"""One character for one: a draft in traditional script read as simplified, for rules that judge words.

Word judgements (the segmenter, the dictionary) know simplified Chinese; a draft in traditional
script would otherwise look like a run of unknown characters (時時 is no word, 时时 is). The copy has
the same length as the text, so an offset into it is an offset into the original. Conversion is the
variants table (data/variants.tsv) for now; a fuller converter can take its place here alone.
"""

from __future__ import annotations

from functools import cache

from yinwen.resources import load_variants


@cache
def _table() -> tuple[dict[int, str], frozenset[str]]:
    variants = load_variants()
    return {ord(original): simple for original, simple in variants.items()}, frozenset(variants)


def simplified(text: str) -> str:
    """``text`` with traditional and variant characters replaced by their simplified forms, one for one."""
    table, traditional = _table()
    # Most drafts have none: a set of the text's characters is cheaper than a translation of megabytes
    # (and than compiling a pattern of 5,000 characters in every process).
    return text.translate(table) if not traditional.isdisjoint(text) else text
