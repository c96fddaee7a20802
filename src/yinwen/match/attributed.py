"""Whether a found passage is by the speaker or work the draft names, and what to do when it is not."""

from __future__ import annotations

from yinwen.corpus.search import exact_occurrences
from yinwen.corpus.store import Corpus
from yinwen.match.records import MISATTRIBUTED, MISQUOTE, VERIFIED, Candidate, Match, PartMatch
from yinwen.resources import load_toml
from yinwen.text.attribution import Attribution, alias_table, resolve_speaker


def check_attribution(match: Match, corpus: Corpus) -> Match:
    """A found quote whose named speaker or work is not where it was found: look again, then say so."""
    attribution = match.quote.attribution
    if match.verdict not in (VERIFIED, MISQUOTE) or not attribution.attributed:
        return match
    primary = match.primary
    if primary is None or len(match.parts) != 1:
        return match
    candidate = primary.candidate
    assert candidate is not None
    if source_matches_attribution(corpus, candidate.source, attribution):
        return match
    if _source_quotes_named(corpus, candidate, attribution):
        return match
    if candidate.alignment.cost == 0:
        for position in exact_occurrences(corpus, primary.normalized.text):
            index = corpus.source_of_norm(position)
            if source_matches_attribution(corpus, index, attribution):
                moved = Candidate(index, position, position + len(primary.normalized.text),
                                  candidate.alignment, 0)
                part = PartMatch(primary.q_start, primary.q_end, moved, primary.normalized, primary.doc_offset)
                return Match(match.quote, match.verdict, match.reason, match.similarity, (part,))
    if not attribution.speaker and not attribution.work_id:
        if attribution.title and not corpus.names_work(attribution.title):
            return match  # a work the corpus does not hold: we cannot say it is not there
        if attribution.classical and _source_quotes_here(corpus, candidate):
            return match  # a modern text quoting the old words: the draft's 古人云 is right
    return Match(match.quote, MISATTRIBUTED, "attribution", match.similarity, match.parts, attributed_elsewhere=True)


def _source_quotes_here(corpus: Corpus, candidate: Candidate) -> bool:
    """The source puts the passage in quotation marks itself (it is quoting someone else)."""
    start = corpus.orig_offset(candidate.start)
    before = corpus.orig_text(max(0, start - 12), start)
    cut = max(before.rfind(mark) for mark in "。！？\n")
    return any(mark in before[cut + 1:] for mark in "“「『‘")


def _source_quotes_named(corpus: Corpus, candidate: Candidate, attribution: Attribution) -> bool:
    """The source itself quotes the named speaker here (习近平: “马克思说：……”), so the draft is right."""
    if not attribution.speaker:
        return False
    start = corpus.orig_offset(candidate.start)
    context = corpus.orig_text(max(0, start - 40), start)
    names = [alias for alias, canonical in alias_table().speakers if canonical == attribution.speaker]
    return any(name in context for name in names)


def source_matches_attribution(corpus: Corpus, index: int, attribution: Attribution) -> bool:
    """Whether source ``index`` is by the speaker, or is the work, that the draft names."""
    source = corpus.sources[index]
    if attribution.work_id:
        return source.id == attribution.work_id or _title_named(source, attribution.title)
    if attribution.title and _title_named(source, attribution.title):
        return True
    if attribution.speaker:
        if not source.speaker:
            return False
        actual = resolve_speaker(source.speaker)
        compatible = load_toml("aliases.toml").get("compatible", {}).get(attribution.speaker, [])
        return actual == attribution.speaker or actual in compatible
    if attribution.classical:
        return source.is_classical
    return False


def _title_named(source, title: str | None) -> bool:
    if not title:
        return False
    names = [source.title, source.book or "", *source.aliases]
    return any(name and (title in name or name in title) for name in names)
