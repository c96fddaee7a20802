"""YW201 duplicated-word: doubled characters and doubled words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.resources import load_word_list
from yinwen.rules import Context, Rule
from yinwen.rules.doubling import HAN, NUMERALS, legitimate_pair
from yinwen.rules.quoted_doubles import quoted_doubles
from yinwen.rules.reduplication import interrogative, splits_word
from yinwen.text.lexicon import dictionary_entry
from yinwen.text.script import simplified
from yinwen.text.segment import segment

BREAK = r"(?:\r\n|\r|\n)?"
# A doubled character, possibly across a line break.
DOUBLED = re.compile(rf"([\u3400-\u9fff]){BREAK}\1")
# A doubled word of two to four characters (我们我们), possibly across a line break.
DOUBLED_WORD = re.compile(rf"([\u3400-\u9fff]{{2,4}}){BREAK}\1")
# A character three times running is never reduplication (久久久为功, 的的的), save laughter.
TRIPLED = re.compile(r"([\u3400-\u9fff])\1\1+")
ONOMATOPOEIA = set("哈呵嘻嘿啦呀哇嗯啊哦")
# Parts of speech whose ABAB form is a legitimate reduplication (研究研究, 一个一个, 雪白雪白).
ABAB_TAGS = ("v", "m", "a", "z", "q")
# Characters after which a verb stands (再/要/来/去 商量商量).
BEFORE_VERB = set("再要来去先得该可会想好")


class DuplicatedWord(Rule):
    """A character or word doubled by mistake (二十大大报告, 的的, 我们我们).

    Why: a stutter left in a draft reads as carelessness in a genre that is read word by word.
    Legitimate reduplication (大大提高, 常常, 认认真真, 研究研究) is data in data/reduplications.txt
    and is recognised by shape (AABB, ABAB of a verb) and by grammar (rules/reduplication.py: names,
    一AA, adjectives and adverbs, a verb doubled before its object); doubled characters inside one
    dictionary word or name (学习习近平, 王丽丽), inside numbers (二〇二二年) and inside quoted wording
    that the source has (rules/quoted_doubles.py) are not stutters. Text in traditional script is
    judged as simplified. Punctuation is not a word: a doubled mark is no YW201. How a doubled
    character is judged is rules/doubling.py.
    Bad:  认真学习党的二十大大报告。
    Good: 认真学习党的二十大报告，大大提高了工作效率。
    """

    doc_zh = """字、词或标点误重复（二十大大报告、的的、我们我们、，，）。

    原因：在逐字阅读的文体里，留下的重复字显得粗心。正常的重叠（大大提高、常常、认认真真、研究研究）
    记录在 data/reduplications.txt 中，并按形式识别（AABB、动词的 ABAB）；同一个词或姓名内部的重字（学习习近平、
    王丽丽）和数字中的重字（二〇二二年）不算重复。判断方法见 rules/doubling.py。
    """

    code = "YW201"
    name = "duplicated-word"
    severity = Severity.WARNING
    summary = "字词重复"
    summary_en = "doubled character or word"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        original = ctx.document.text
        text = simplified(original)  # judged as simplified; offsets are the original's
        legitimate = load_word_list("reduplications.txt")
        source, verse = quoted_doubles(ctx)
        own = source | {first for first in verse if not splits_word(text, first)}
        found: list[tuple[int, int, str]] = []  # (start of the second copy, its end, the doubled unit)
        for match in DOUBLED.finditer(original):
            first, second = match.start(), match.end() - 1
            if second + 1 < len(text) and text[second + 1] == text[second] or first and text[first - 1] == text[first]:
                continue  # three or more in a row: reported whole below
            if first in own:
                continue
            if not legitimate_pair(text, first, second, text[first], legitimate) \
                    and not _in_corpus(ctx, text, first, second):
                found.append((second, second + 1, match.group(1)))
        for match in TRIPLED.finditer(original):
            if match.group(1) not in ONOMATOPOEIA and match.start() not in own and not interrogative(match.group(1)):
                found.append((match.start() + 1, match.end(), match.group(1)))
        for match in DOUBLED_WORD.finditer(original):
            word = match.group(1)
            second = match.end() - len(word)
            if match.start() not in own and not self._legitimate_word(
                    text, match.start(), second, text[second: match.end()], legitimate):
                found.append((second, match.end(), word))
        for start, end, unit in sorted(set(found)):
            yield self.diagnostic(
                message=f"“{unit}”重复",
                message_en=f"“{unit}” is doubled",
                span=ctx.document.span(start, end),
                fix="",  # the span is the second copy: the fix deletes it
                details={"doubled": unit * 2},
            )

    def _legitimate_word(self, text: str, first: int, second: int, word: str, legitimate: frozenset[str]) -> bool:
        if word * 2 in legitimate or len(set(word)) == 1 or interrogative(word):
            return True  # 什么什么, 干什么干什么: 'this and that', no slip
        if first >= 1 and text[first - 1] == word[-1]:
            return True  # 的确的确 inside a longer repeat: judged by its own boundaries
        entry = dictionary_entry(word)
        if entry is None:
            # Not one word: a stutter only when it is whole words (我们要/我们要), not 学生学/生学生.
            doubled = (text[first:second] + text[second: second + len(word)]).replace("\n", "").replace("\r", "")
            tokens = segment(doubled)
            cuts = {sum(len(t) for t in tokens[:i]) for i in range(len(tokens) + 1)}
            parts = segment(word)
            if len(word) not in cuts or not all(dictionary_entry(t) for t in parts):
                return True
            # 我们要我们要 is a slip; 一个台阶一个台阶, 笑着笑着, 最重要最重要 repeat for rhythm or stress.
            return not (dictionary_entry(parts[0]) or (0, ""))[1].startswith(("r", "n", "p", "c"))
        if any(ch in NUMERALS for ch in word) and entry[1].startswith("m"):
            return True  # 一个一个, 一步一步
        if entry[1].startswith(ABAB_TAGS):
            return True
        # 再商量商量, 要总结总结: jieba tags some verbs as nouns; after a word that wants a verb the
        # ABAB form is the verb's (not 问题问题 or 我们我们, which nothing here precedes).
        return entry[1].startswith("n") and len(word) == 2 and first >= 1 and text[first - 1] in BEFORE_VERB


def _in_corpus(ctx: Context, text: str, first: int, second: int) -> bool:
    """The doubled pair with two characters either side stands so in the corpus (手把红旗旗不湿).
    Not when the corpus has it only as the tail of an AABB word: 干净净做 is found inside
    干干净净做事, but 干净净 is a slip."""
    if ctx.corpus is None:
        return False
    from yinwen.corpus.search import exact_occurrences
    from yinwen.text.normalize import normalize_text

    context = normalize_text(text[max(0, first - 2): second + 3])
    if len(context) < 5 or not exact_occurrences(ctx.corpus, context, limit=1):
        return False
    if first >= 1 and HAN.match(text[first - 1]) and text[first - 2: first - 1] != text[first - 1]:
        return not exact_occurrences(ctx.corpus, normalize_text(text[first - 1] + text[first - 1: second + 3]), limit=1)
    return True
