"""Word segmentation behind one interface: yinwen.text.wordseg (jieba's algorithm over a memory-mapped
dictionary, rjieba's tokens), else rjieba (same algorithm, Rust), else jieba.

Segmentation is loaded lazily, only when a rule needs it: jieba's dictionary costs about a second
per process, rjieba's about 0.3 s at import, wordseg's cached arrays about a millisecond.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _cutter():
    try:
        from yinwen.text import wordseg

        wordseg.lexicon()
        return wordseg.cut
    except (ImportError, OSError, ValueError):
        pass
    try:
        import rjieba

        return rjieba.cut
    except ImportError:  # pragma: no cover - exercised on machines without rjieba
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        return lambda text: list(jieba.cut(text, HMM=True))


@lru_cache(maxsize=4096)
def segment(text: str) -> tuple[str, ...]:
    """Tokens of ``text``; concatenated they give ``text`` back."""
    return tuple(_cutter()(text))
