"""Property tests (issue 8): nothing crashes, every span is sound, normalisation is a clean map.

Inputs mix CJK text, every quotation mark yinwen knows, ellipses, control and zero-width characters,
line and paragraph separators, astral CJK, lone surrogates (for the text-level stages) and raw bytes
(for decoding and the whole check), plus fragments of real quotations so that the matching paths
run, not only the "nothing found" path.

CI runs a bounded, derandomised profile (the default). The long run explores at random:

    HYPOTHESIS_PROFILE=long YINWEN_TEST_CACHE=/tmp/ywcache PYTHONPATH=src python -m pytest -q tests/test_properties.py

(100,000 examples per text-level property, about 6 minutes each, and 10,000 whole checks, about 3
minutes: some 35 minutes on 2 cores).
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from yinwen.text.document import BOMS, DecodeError, Document, decode
from yinwen.text.normalize import fold_char, normalize, normalize_text
from yinwen.text.quotes import PAIRS, extract_quotes

settings.register_profile(
    "ci", max_examples=300, derandomize=True, database=None, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", max_examples=100_000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
TEXT_SETTINGS = settings(settings.get_profile(PROFILE))
# A whole check costs milliseconds (corpus search and alignment), so it gets fewer examples.
CHECK_SETTINGS = settings(TEXT_SETTINGS, max_examples=100 if PROFILE == "ci" else max(100, TEXT_SETTINGS.max_examples // 10))

MARKS = sorted(set(PAIRS) | set(PAIRS.values()) | {"'", "｢", "｣", "〝", "〞"})
SPECIALS = [
    "…", "……", "⋯", "...", "。。。", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e",
    "\u2066", "\u2028", "\u2029", "\r", "\n", "\r\n", "\n\n", "\t", "\x00", "\x0b", "\x0c", "\x1b", "\x7f",
    "\x85", "\u3000", " ", "𠀀", "𪚥", "𫝀", "，", "：", "。", "、", "；", "！", "？", "《", "》", "İ", "麼", "ﬁ", "㍿",
]
FRAGMENTS = [
    "习近平总书记指出：", "习近平总书记强调", "党的二十大报告指出：", "古人云：", "《论语》云：",
    "以斗争求安全则安全存，以妥协求安全则安全亡", "以斗争求安全则安全存，以软弱退让求安全则安全亡",
    "要践行宗旨为民造福，教育引导广大党员、干部牢固树立以人民为中心的发展思想。",
    "江山就是人民，人民就是江山", "全心全意为人民服务", "二十大大报告", "学而时习之，不亦说乎", "大大提高",
]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
QUOTED = st.builds(
    lambda cue, body, noise, pair: f"{cue}{pair[0]}{body[:len(body) // 2]}{noise}{body[len(body) // 2:]}{pair[1]}",
    st.sampled_from(FRAGMENTS[:5] + [""]), st.sampled_from(FRAGMENTS[5:]),
    st.sampled_from(["", "…", "……", "\u200b", "\r\n", "不"]), st.sampled_from([("“", "”"), ("「", "」"), ('"', '"')]),
)
TOKEN = st.one_of(CJK, st.sampled_from(MARKS), st.sampled_from(SPECIALS), st.sampled_from(FRAGMENTS), QUOTED, st.characters(codec="utf-8"))
DRAFT = st.lists(TOKEN, max_size=80).map("".join)
# Every code point, lone surrogates included: the text-level stages must not care.
ANY_TEXT = st.one_of(DRAFT, st.text(st.characters(exclude_categories=()), max_size=80),
                     st.lists(st.one_of(TOKEN, st.characters(categories=["Cs"])), max_size=60).map("".join))
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _insert(data: bytes, junk: bytes, at: int) -> bytes:
    at = at % (len(data) + 1)
    return data[:at] + junk + data[at:]


RAW_BYTES = st.one_of(
    st.binary(max_size=300),
    DRAFT.map(lambda t: t.encode("utf-8")),
    DRAFT.map(lambda t: t.encode("gb18030")),
    DRAFT.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    DRAFT.map(lambda t: b"\xff\xfe" + t.encode("utf-16-le")),
    DRAFT.map(lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
    st.builds(_insert, DRAFT.map(lambda t: t.encode("utf-8")), st.binary(min_size=1, max_size=4), st.integers(0, 10_000)),
)


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column computed independently of Document.position."""
    breaks = list(LINE_BREAK.finditer(text, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    if line_start > offset:  # offset between \r and \n
        line_start = breaks[-2].end() if len(breaks) > 1 else 0
        return len(breaks), offset - line_start + 1
    return len(breaks) + 1, offset - line_start + 1


# ---------------------------------------------------------------- decoding


@TEXT_SETTINGS
@given(RAW_BYTES)
def test_decoding_is_total_deterministic_and_lossless(data: bytes) -> None:
    try:
        text, used = decode(data)
    except DecodeError as error:
        assert 0 <= error.offset <= len(data)
        assert str(error)
        return
    assert decode(data) == (text, used)
    bom = next((bom for bom, name in BOMS if data.startswith(bom) and name == used), b"")
    # Strict decoding: the text encodes back to exactly the bytes it came from (no replacement).
    assert bom + text.encode(used) == data
    text.encode("utf-8")  # no lone surrogates can reach the rest of the pipeline


# ---------------------------------------------------------------- normalisation


@TEXT_SETTINGS
@given(ANY_TEXT)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert normalize(once).text == once


@TEXT_SETTINGS
@given(ANY_TEXT)
def test_offset_map_is_monotonic_and_maps_back(text: str) -> None:
    normalized = normalize(text)
    assert normalized.text == normalize_text(text)
    assert len(normalized.offsets) == len(normalized.text)
    assert all(a < b for a, b in zip(normalized.offsets, normalized.offsets[1:]))
    for index, offset in enumerate(normalized.offsets):
        assert 0 <= offset < len(text)
        assert fold_char(text[offset]) == normalized.text[index]
    n = len(normalized.text)
    for start, end in ((0, n), (0, n // 2), (n // 3, n), (n // 2, n // 2)):
        original_start, original_end = normalized.original_span(start, end)
        assert 0 <= original_start <= original_end <= len(text)
        assert normalize_text(text[original_start:original_end]) == normalized.text[start:end]


# ---------------------------------------------------------------- extraction


@TEXT_SETTINGS
@given(ANY_TEXT)
def test_extraction_spans_lie_inside_the_text(text: str) -> None:
    document = Document.from_text("draft.txt", text)
    extraction = extract_quotes(document)
    assert extract_quotes(document) == extraction
    previous_end = -1
    for quote in extraction.quotes:
        assert 1 <= quote.start <= quote.end <= len(text)
        assert quote.start > previous_end  # top-level quotations do not overlap
        previous_end = quote.end
        assert quote.text == text[quote.start:quote.end]
        assert text[quote.start - 1] in PAIRS
        cursor = quote.start
        for part_start, part_end in quote.parts:
            assert cursor <= part_start < part_end <= quote.end
            cursor = part_end
        for nested_start, nested_end in quote.nested:
            assert quote.start < nested_start <= nested_end < quote.end
    for mark in extraction.unbalanced:
        assert text[mark.offset] == mark.mark


@TEXT_SETTINGS
@given(ANY_TEXT, st.integers(0, 200))
def test_positions_agree_with_an_independent_count(text: str, offset: int) -> None:
    offset = min(offset, len(text))
    document = Document.from_text("draft.txt", text)
    if text[offset - 1:offset + 1] == "\r\n":
        return  # not a position any span starts or ends at
    assert document.position(offset) == expected_position(text, offset)


# ---------------------------------------------------------------- the whole check


def _check(data: bytes, corpus):
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings
    from yinwen.report import RenderOptions, formatter

    report = check_paths(["-"], Settings(), stdin_bytes=data, corpus=corpus)
    return report, formatter("json")(report, RenderOptions()).encode("utf-8")


@CHECK_SETTINGS
@given(data=RAW_BYTES)
def test_whole_check_never_crashes_and_is_byte_identical(data: bytes, corpus) -> None:
    from yinwen.report import RenderOptions, formatter

    report, first = _check(data, corpus)
    _, second = _check(data, corpus)
    assert first == second
    assert not report.has_internal_error(), [d.message for d in report.all_diagnostics()]
    assert not report.usage_errors
    formatter("text")(report, RenderOptions(lang="en"))
    (file,) = report.files
    for match in file.matches:
        event(f"verdict: {match.verdict}")
    if file.document is None:  # undecodable or binary: said so, with a code
        assert [d.code for d in file.diagnostics] in (["YW001"], ["YW002"])
        assert report.failed()
        return
    text = file.document.text
    spans = [d.span for d in file.diagnostics if d.span] + [file.document.span(m.quote.start, m.quote.end) for m in file.matches]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert (span.line, span.column) == expected_position(text, span.start)
        assert (span.end_line, span.end_column) == expected_position(text, span.end)
    for diagnostic in file.diagnostics:
        if diagnostic.span and diagnostic.quote is not None:
            assert diagnostic.quote in text


def test_json_is_byte_identical_across_processes(tmp_path) -> None:
    """Two fresh interpreters with different hash seeds give the same bytes (no set or dict-order leaks)."""
    import subprocess
    import sys

    from tests.conftest import FIXTURES, ROOT, SEED

    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "yinwen", "check", "--format", "json", str(SEED),
                               str(FIXTURES / "bad-input")], capture_output=True, env=env, timeout=300, cwd=tmp_path)
        assert done.returncode == 2, done.stderr.decode()  # bad-input/ holds files that cannot be checked
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert b"YW101" in outputs[0] and b"YW005" in outputs[0]
