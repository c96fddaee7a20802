"""Before a quotation is called someone else's, the named source is searched the way it may print the
words: another numeral style, an edition reading, the author's name in another script; and a name
inside a title is the work's subject, not its author. Each case was a false YW103 on a fresh draft."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    # The report writes 二〇三五年; a news report of a speech writes 2035年.
    "党的二十大报告提出：“从2020年到2035年基本实现社会主义现代化；从2035年到本世纪中叶把我国建成富强民主文明和谐美丽的社会主义现代化强国。”",
    # 《中庸》 prints 豫, a modern speech found first prints 预.
    "《中庸》讲：“凡事预则立，不预则废。”",
    # The corpus files the author as 魏徵.
    "魏徵在《谏太宗十思疏》中说：“求木之长者，必固其根本；欲流之远者，必浚其泉源。”",
    # Nothing by 顾炎武, 梁启超 or 邓小平 in the corpus: the speeches quoting them cannot show the words
    # are not theirs; a work the corpus lacks (毛泽东's 七律) names no text to look in.
    "顾炎武说：“天下兴亡，匹夫有责。”",
    "梁启超在《少年中国说》中写道：“少年智则国智，少年富则国富，少年强则国强，少年进步则国进步。”",
    "邓小平同志说：“贫穷不是社会主义。”",
    "毛泽东同志在《七律·到韶山》中写道：“为有牺牲多壮志，敢教日月换新天。”",
    # The usual short form of a classical line, without its particles (…而死于安乐也, 大道之行也，…).
    "《孟子》说：“生于忧患，死于安乐。”",
    "《礼记》说：“大道之行，天下为公。”",
    # 晁错, 贾谊 and 屈原 are whom the works are about.
    "苏轼在《晁错论》中说：“古之立大事者，不惟有超世之才，亦必有坚忍不拔之志。”",
    "苏轼在《贾谊论》中说：“非才之难，所以自用者实难。”",
    "司马迁在《屈原列传》中写道：“屈原者，名平，楚之同姓也。”",
    # The corpus holds 荀子 in excerpts (蹞步, 致千里) and a 劝学 by 孟郊: the textbook reading is an edition.
    "荀子在《劝学》中说：“不积跬步，无以至千里；不积小流，无以成江海。”",
])
def test_a_faithful_quote_of_the_named_source_is_not_misattributed(check_text, text: str) -> None:
    found = [(d.code, d.message) for d in check_text(text + "\n").diagnostics if d.code.startswith("YW10")]
    assert not [item for item in found if item[0] in ("YW101", "YW102", "YW103", "YW105")], found


def test_a_quote_credited_to_the_subject_of_a_title_is_still_misattributed(check_text) -> None:
    found = [d.code for d in check_text("晁错说：“古之立大事者，不惟有超世之才，亦必有坚忍不拔之志。”\n").diagnostics]
    assert "YW103" in found


def test_another_authors_work_of_the_same_title_is_still_someone_elses(check_text) -> None:
    found = [d.code for d in check_text("荀子在《劝学》中说：“击石乃有火，不击元无烟。”\n").diagnostics]
    assert "YW103" in found  # the corpus's 劝学 with these words is 孟郊's


@pytest.mark.parametrize("text, title", [
    ("《诗经》有云：“民亦劳止，汔可小康。”", "民劳"),  # not 古文观止's 子产论政宽猛, which quotes it
    ("《诗经》云：“如切如磋，如琢如磨。”", "淇奥"),  # not 大学, which quotes it
])
def test_a_named_collection_is_cited_over_the_texts_that_quote_it(check_text, corpus, text: str, title: str) -> None:
    (match,) = check_text(text + "\n").matches
    assert match.verdict == "verified"
    assert title in corpus.sources[match.parts[0].candidate.source].title


def test_an_ellipsis_quote_whose_parts_stand_in_order_in_one_source_is_no_splice(check_text) -> None:
    """The first part's earliest source is the 十九大报告, the second's a 2022 report: both stand in
    order in one text (the 二十大报告), so the omission is marked, not a splice."""
    report = check_text("习近平总书记强调：“全面从严治党永远在路上……决不能有松劲歇脚、疲劳厌战的情绪。”\n")
    assert [m.verdict for m in report.matches] == ["verified"]
    assert len({part.candidate.source for part in report.matches[0].parts}) == 1


def test_a_speech_sentence_credited_to_someone_the_corpus_holds_nothing_by_is_still_misattributed(check_text) -> None:
    report = check_text("邓小平同志强调：“全面从严治党永远在路上，党的自我革命永远在路上。”\n")
    assert "YW103" in [d.code for d in report.diagnostics]


def test_a_changed_last_word_is_a_change_not_an_omission_reaching_into_the_next_sentence(check_text) -> None:
    """民族就有【未来】 for 民族就有希望: the 未来 of the next sentence is no part of the quotation, and the
    fix must not paste that sentence in."""
    report = check_text("习近平总书记指出：“青年一代有理想、有本领、有担当，国家就有前途，民族就有未来。”\n")
    (finding,) = [d for d in report.diagnostics if d.code == "YW101"]
    assert finding.fix is not None and "中国梦" not in finding.fix and "希望" in finding.fix


def test_an_old_saying_of_the_mengxue_is_the_ancients(check_text) -> None:
    """蒙学's records carry no dynasty; the collection is still old texts that 古人云 may introduce."""
    codes = [d.code for d in check_text("古人讲：“一粥一饭，当思来处不易；半丝半缕，恒念物力维艰。”\n").diagnostics]
    assert "YW103" not in codes


def test_near_words_of_another_text_are_no_misquote_of_a_work_the_corpus_lacks(check_text) -> None:
    """《汉书》 is not in the corpus; 黄庭坚's 百书不如一见面 is near but says nothing about 《汉书》."""
    codes = [d.code for d in check_text("《汉书》有言：“百闻不如一见。”\n").diagnostics]
    assert "YW101" not in codes
