"""Whether a found passage is by the speaker or work the draft names, and what to do when it is not.

A quotation is misattributed only when the corpus can show it: the draft names a person the corpus holds
texts by, or a work it holds, and the words stand only elsewhere. Three things are not misattribution: a
modern speaker quoting an old text (习近平总书记说：“天下之本在家”), a document of a body the leader
heads (data/aliases.toml [compatible]), and a source that itself quotes the named speaker.
"""

from __future__ import annotations

from yinwen.corpus.search import candidate_windows, exact_occurrences
from yinwen.corpus.store import Corpus
from yinwen.match.align import align
from yinwen.match.editions import edition_substitutions
from yinwen.match.records import MISATTRIBUTED, MISQUOTE, UNVERIFIED, VERIFIED, Match, PartMatch
from yinwen.match.strength import quoted_in_source
from yinwen.text.attribution import Attribution
from yinwen.text.script import simplified
from yinwen.text.speakers import names_of, resolve_speaker, speaker_table


def check_attribution(match: Match, corpus: Corpus) -> Match:
    """A found quote whose named speaker or work is not where it was found: look again, then say so."""
    attribution = match.quote.attribution
    if match.verdict == MISQUOTE and _names_a_work_not_held(attribution, corpus) and match.primary is not None \
            and match.primary.candidate is not None \
            and not _title_named(corpus.sources[match.primary.candidate.source], attribution.title):
        # 《汉书》有言：“百闻不如一见” near 黄庭坚's 百书不如一见面: near words of another text are no
        # evidence the draft misquotes the work it names, which the corpus does not hold.
        return Match(match.quote, UNVERIFIED, "other-source", match.similarity, match.parts)
    if match.verdict not in (VERIFIED, MISQUOTE) or not _judgeable(attribution, corpus):
        return match
    primary = match.primary
    if primary is None or len(match.parts) != 1:
        return match
    candidate = primary.candidate
    assert candidate is not None
    if candidate.alignment.cost == 0 and _elsewhere_than_named_occasion(corpus, primary, attribution):
        return Match(match.quote, MISATTRIBUTED, "occasion", match.similarity, match.parts, attributed_elsewhere=True)
    if source_matches_attribution(corpus, candidate.source, attribution):
        return match
    if _source_quotes_named(corpus, candidate.start, attribution):
        return match
    if attribution.who and not attribution.classical and not _corpus_holds(attribution, corpus):
        # Nothing by 邓小平 or 顾炎武 here: a short saying of theirs that a speech uses is no evidence
        # against the draft, nor is any place that introduces them as the words' speaker.
        if len(primary.normalized.text) < SHORT_SAYING_CHARS or candidate.alignment.cost == 0 and any(
                _source_quotes_named(corpus, position, attribution)
                for position in exact_occurrences(corpus, primary.normalized.text, limit=200)):
            return match
    if candidate.alignment.cost == 0:
        for written in _numeral_styles(primary.normalized.text):
            place = _place_in_named_source(corpus, written, attribution)
            if place is not None:
                part = primary.moved(*place, align(primary.normalized.text, written))
                return Match(match.quote, match.verdict, match.reason, match.similarity, (part,))
    # An edition reading: the named work may print the words another way (《中庸》's 凡事豫则立 for the
    # 预 that a modern speech, found first, writes).
    moved = edition_in_named_source(match, corpus, attribution)
    if moved is not None:
        return moved
    source = corpus.sources[candidate.source]
    if attribution.who and not attribution.work_id and not (attribution.title and corpus.names_work(attribution.title)):
        # (a work the corpus does not hold, 《七律·到韶山》, names no text to look in)
        if source.is_classical and resolve_speaker(attribution.who) not in speaker_table().classical_authors:
            return match  # a modern speaker quoting an old text: the words are the old text's, rightly used
        if quoted_in_source(corpus, candidate):
            return match  # a modern source quoting someone: whose words they are, it cannot say
    if attribution.classical and not attribution.who and quoted_in_source(corpus, candidate):
        return match  # a modern text quoting the old words: the draft's 古人云 is right
    shortened = _particles_dropped_in_named_classic(match, corpus, attribution)
    if shortened is not None:
        return shortened
    if match.verdict == MISQUOTE:
        # Near words of someone else: no evidence the draft misquotes them, nor that it credits the wrong
        # person (the named speaker may have said the draft's words somewhere the corpus lacks).
        return Match(match.quote, UNVERIFIED, "other-source", match.similarity, match.parts)
    return Match(match.quote, MISATTRIBUTED, "attribution", match.similarity, match.parts, attributed_elsewhere=True)


ARABIC_TO_HAN = str.maketrans("0123456789", "〇一二三四五六七八九")
HAN_TO_ARABIC = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _numeral_styles(text: str) -> list[str]:
    """The words as written, and with digits in the other style (2035年 / 二〇三五年): the named source
    may write the year the other way (a news report of a speech against the report itself)."""
    styles = [text]
    if any(ch.isdigit() for ch in text):
        styles.append(text.translate(ARABIC_TO_HAN))
    elif "〇" in text or "零" in text:
        styles.append(text.translate(HAN_TO_ARABIC))
    return styles


def edition_in_named_source(match: Match, corpus: Corpus, attribution: Attribution) -> Match | None:
    """An edition reading found first in another work's text (《出塞》's 黄砂直上) may be the named work's
    other reading too (《凉州词》 黄河远上 / 黄沙直上): look for the quote as the named work prints it."""
    primary = match.primary
    assert primary is not None
    quote = primary.normalized.text
    for variant, mine, theirs, substituted in edition_substitutions(quote):
        place = _place_in_named_source(corpus, substituted, attribution)
        if place is not None:
            notes = {**match.notes, "edition_quote": mine, "edition_source": theirs,
                     "edition_work": variant.work, "edition_reference": variant.reference}
            return Match(match.quote, match.verdict, match.reason, match.similarity,
                         (primary.moved(*place, align(quote, substituted)),), notes=notes)
    return None


def _place_in_named_source(corpus: Corpus, text: str, attribution: Attribution) -> tuple[int, int, int] | None:
    """(source, start, end) of the first place holding ``text`` word for word in the source the draft names."""
    for position in exact_occurrences(corpus, text):
        index = corpus.source_of_norm(position)
        if source_matches_attribution(corpus, index, attribution):
            return index, position, position + len(text)
    return None


def _elsewhere_than_named_occasion(corpus: Corpus, part: PartMatch, attribution: Attribution) -> bool:
    """The draft names an occasion (在学校思想政治理论课教师座谈会上) whose text the corpus holds whole, and
    the words, found elsewhere, are not in it: they were said on another occasion."""
    if not attribution.occasion or attribution.work_id or attribution.loose or attribution.occasion.startswith("《"):
        return False
    held = corpus.sources.whole_texts_of(attribution.occasion)
    if not held:
        return False
    positions = exact_occurrences(corpus, part.normalized.text, limit=200)
    return not any(corpus.source_of_norm(position) in held for position in positions)


def _names_a_work_not_held(attribution: Attribution, corpus: Corpus) -> bool:
    return bool(attribution.title) and not attribution.work_id and not attribution.loose \
        and not corpus.names_work(attribution.title)  # type: ignore[arg-type]


def _judgeable(attribution: Attribution, corpus: Corpus) -> bool:
    """The draft names a person, a work the corpus holds, or says the words are old (古人云). The words of
    someone who is no published source (a student, the writer) are theirs; a work the corpus does not hold
    cannot be shown not to contain them."""
    if attribution.private or attribution.loose or attribution.local or attribution.folk:
        return False
    if attribution.who or attribution.classical:
        return True
    return bool(attribution.work_id or (attribution.title and corpus.names_work(attribution.title)))


# A saying this short (天下兴亡，匹夫有责) is a set phrase a speech may use without marks or a name.
SHORT_SAYING_CHARS = 12


# Function words of classical Chinese that the conventional short form of a line leaves out
# (生于忧患，死于安乐 for 生于忧患而死于安乐也; 大道之行，天下为公 for …也，…).
CLASSICAL_PARTICLES = set("而也之者矣乎焉哉兮夫")


def _particles_dropped_in_named_classic(match: Match, corpus: Corpus, attribution: Attribution) -> Match | None:
    """The named classic holds the words with only classical particles more: the draft quotes the line in
    its usual short form, cited to the classic (not to the modern speech that, verbatim, came first)."""
    primary = match.primary
    assert primary is not None
    quote = primary.normalized.text
    for source, start, end, votes in candidate_windows(corpus, quote, 16):
        if not corpus.sources[source].is_classical or not source_matches_attribution(corpus, source, attribution):
            continue
        window = corpus.norm_text(start, end)
        # Each place the line may begin (大道之行也 stands twice in 礼运: only the second goes on 天下为公).
        offset = window.find(quote[:2])
        while offset >= 0:
            alignment = align(quote, window[offset: offset + 2 * len(quote)])
            if _only_particles_omitted(alignment, quote):
                begin = start + offset + alignment.s_start
                part = primary.moved(source, begin, begin + alignment.s_end - alignment.s_start, alignment, votes)
                return Match(match.quote, VERIFIED, "particles", match.similarity, (part,))
            offset = window.find(quote[:2], offset + 1)
    return None


def _only_particles_omitted(alignment, quote: str) -> bool:
    if alignment.matches != len(quote) or not alignment.runs:
        return False
    return all(run.op == "omit" and set(alignment.source_text[run.s_start - alignment.s_start:
                                                         run.s_end - alignment.s_start]) <= CLASSICAL_PARTICLES
               for run in alignment.runs)


def _corpus_holds(attribution: Attribution, corpus: Corpus) -> bool:
    """Whether the corpus holds a text by the person the draft names, or the work it names."""
    if attribution.work_id or (attribution.title and corpus.names_work(attribution.title)):
        return True
    person = attribution.speaker or resolve_speaker(simplified(attribution.named or ""))
    people = [person, *speaker_table().compatible.get(person, ())]
    return any(corpus.sources.has_speaker(someone) for someone in people if someone)


def _source_quotes_named(corpus: Corpus, position: int, attribution: Attribution) -> bool:
    """The source itself quotes the named speaker (or work) just before normalised ``position`` (习近平:
    “马克思说：……”), so the draft is right."""
    if not attribution.who:
        return False
    start = corpus.orig_offset(position)
    context = corpus.orig_text(max(0, start - 40), start)
    names = names_of(attribution.speaker) if attribution.speaker else [attribution.who]
    if attribution.title:
        names.append(attribution.title)  # 《少年中国说》中所说的：“…”
    return any(name and name in context for name in names)


def source_matches_attribution(corpus: Corpus, index: int, attribution: Attribution) -> bool:
    """Whether source ``index`` is by the speaker, and is the work, that the draft names (each that it names
    and the corpus holds: a right work under a wrong author is no match, nor a right author with a wrong work)."""
    source = corpus.sources[index]
    if attribution.work_id:
        work_ok = source.id == attribution.work_id or _title_named(source, attribution.title)
    elif attribution.title and corpus.names_work(attribution.title):
        work_ok = _title_named(source, attribution.title)
        if not work_ok and attribution.speaker and not _author_has_work(corpus, attribution):
            # 荀子《劝学》: the corpus's 劝学 is 颜真卿's, and it holds 荀子 in excerpts under another title;
            # nothing shows the named work lacks the words.
            work_ok = None
    else:
        work_ok = None  # no work named, or one the corpus does not hold
    if attribution.who and not (attribution.work_id and work_ok):
        if attribution.speaker:
            speaker_ok = _by_speaker(source, attribution.speaker)
        else:  # a person the speaker table does not know: the corpus's own metadata may (李四同志 / 李四)
            written = simplified(source.speaker or "")  # 魏徵 in the corpus, 魏征 as the draft is read
            speaker_ok = bool(written) and (written in attribution.named or attribution.named in written)
        return speaker_ok and work_ok is not False
    if work_ok is not None:
        return work_ok
    if attribution.classical:
        return source.is_classical
    return False


def _author_has_work(corpus: Corpus, attribution: Attribution) -> bool:
    """Whether the corpus holds a work of the named title by the named author."""
    assert attribution.title and attribution.speaker
    return any(_by_speaker(corpus.sources[index], attribution.speaker) for index in corpus.sources.titled(attribution.title))


def _by_speaker(source, speaker: str) -> bool:
    if not source.speaker:
        return False
    actual = resolve_speaker(simplified(source.speaker))  # 魏徵 in the corpus is the draft's 魏征
    return actual == speaker or actual in speaker_table().compatible.get(speaker, ())


def _title_named(source, title: str | None) -> bool:
    if not title:
        return False
    names = [source.title, source.book or "", *source.aliases]
    return any(name and (title in name or name in title) for name in names)
