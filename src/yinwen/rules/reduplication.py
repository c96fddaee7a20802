"""Doubled characters that are Chinese grammar, not slips: the forms YW201 must leave alone.

Each test reads the words around a pair, not a list of strings: a given name after a surname where a
name stands (摄影：王丹丹), a measure word after 一 (一张张), an adjective or adverb doubled before
what such a word modifies (渺渺青史, 高高举过, 早早就), a verb doubled before its object (用用心),
and an interrogative said twice (什么什么). rules/doubling.py asks these before it reads the
segmenter's cut.
"""

from __future__ import annotations

import re
from functools import cache

from yinwen.resources import load_word_list
from yinwen.text.lexicon import dictionary_entry
from yinwen.text.segment import segment

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
# Words that stand right before a person's name: credit lines, roles, kinship.
BEFORE_NAME = (
    "摄影", "摄", "图片", "图", "文字", "文", "记者", "通讯员", "编辑", "责编", "美编", "审核", "审校", "审稿", "初审", "复审",
    "终审", "校对", "作者", "撰稿", "供稿", "投稿", "整理", "主持人", "主持", "主讲人", "主讲", "讲解员", "联系人",
    "老师", "教师", "同学", "学生", "学员", "班主任", "辅导员", "书记", "主任", "校长", "院长", "局长", "处长",
    "部长", "县长", "市长", "同志", "教授", "博士", "女士", "先生", "队员", "选手", "志愿者", "代表", "家长",
    "女儿", "儿子", "孙女", "孙子", "妈妈", "爸爸", "母亲", "父亲", "演员", "作家", "诗人", "画家", "冠军",
    "指导", "设计", "翻译", "口述", "制作", "监制", "出品", "策划", "朗诵", "演唱", "报道", "获得者",
)
# Last characters of titles and roles (主席, 会长, 委员, 教授, 记者): a name may follow.
ROLE_ENDINGS = set("长员师席任记授士官者编")
# Persons named right after the word, without a surname (女儿甜甜).
PERSONS = ("女儿", "儿子", "孙女", "孙子", "妹妹", "弟弟", "姐姐", "哥哥", "同学", "小朋友", "学生", "孩子")
# Words that stand right after a person's name: titles, credits, and verbs of saying.
AFTER_NAME = (
    "老师", "同学", "同志", "书记", "校长", "院长", "主任", "教授", "博士", "女士", "先生", "摄", "供稿", "撰稿",
    "报道", "整理", "等", "说", "表示", "指出", "介绍", "认为", "讲", "发言", "主持", "获得", "荣获", "带领",
    "及", "和", "与", "同志们",
)
# Titles after a name that name a person whatever stands before it (山区的沈亮亮老师).
TITLES_AFTER = ("老师", "同学", "同志", "书记", "校长", "院长", "主任", "教授", "博士", "女士", "先生")
# Parts of speech of a character that is no given name: adverbs, prepositions, conjunctions,
# particles, pronouns, locatives, numerals, measures (时才才, 省省).
NOT_IN_NAMES = ("d", "p", "c", "u", "r", "f", "m", "q", "y", "e", "o")
# What stands around a name in a credit line or a list (not quotation marks or title marks: 》有言言“).
BOUNDARY = re.compile(r"[\s，。、；：！？,.;:!?（）()/|·／｜丨]")
# Tags of a dictionary AA word that is an adjective, adverb, state or time word (渺渺, 远远, 滚滚, 早早).
DESCRIPTIVE_TAGS = ("a", "d", "z", "t")
# A function word this common after a pair leaves both readings sound (早早/就 or 早/就).
FUNCTION_FREQUENCY = 10000
# Before a verb doubled with its object (要用用心, 多动动脑): modal verbs and adverbs.
BEFORE_VV = set("要需得该应可能会想来去再多先也都就还常请让好")
OPENING_MARKS = set("“‘「『\"'")
INTERROGATIVE = re.compile(r"什么|怎么|怎样|如何|哪[里些个儿]|多少|某|谁")
COMMON_WORD = 100
NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
# Negation and degree adverbs, which a reduplicated adjective does not take (很高高, 不高高).
DEGREE = ("不", "没", "很", "太", "最", "更", "挺", "非常", "特别", "十分", "极其", "比较", "较", "越")
RARE = 10


@cache
def all_surnames() -> frozenset[str]:
    """data/surnames-all.txt: single and compound surnames, several to a line."""
    return frozenset(word for line in load_word_list("surnames-all.txt") for word in line.split())


def is_common_surname(text: str) -> bool:
    """A common single-character surname (data/surnames.txt): before a pair it reads as a name."""
    return text in load_word_list("surnames.txt")


def name_position(text: str, first: int, second: int, function_words: set[str]) -> bool:
    """The pair is a given name in a place where a name stands: after a surname, between marks or
    words that frame a name — a credit line (摄影：王丹丹), a role before it (班主任刘佳佳), a title or
    a verb of saying after it (李明明老师) — or right after the person it names (女儿甜甜). Not where
    the 'surname' and the first copy are a word (任务务, 水痘痘, 顾全全大局), nor a function word or an
    adverb doubled (时才才)."""
    char = text[first]
    if char in function_words or not HAN.match(char):
        return False
    single = dictionary_entry(char)
    if single is not None and single[1].startswith(NOT_IN_NAMES):
        return False
    after = text[second + 1: second + 4]
    closes = not after or BOUNDARY.match(after[0]) is not None or after.startswith(AFTER_NAME)
    if text[max(0, first - 3): first].endswith(PERSONS) and not closes_word(text, first, char):
        pair = dictionary_entry(char * 2)
        return closes or pair is not None and pair[1].startswith(("nr", "a", "z"))
    for size in (2, 1):
        start = first - size
        surname = text[max(0, start): first]
        if start < 0 or surname not in all_surnames():
            continue
        # A credit names a person for sure (图片｜高欢欢): only a common word (任务务) outweighs it.
        before = text[max(0, start - 8): start]
        credited = before.rstrip(" \t：:／/｜|丨").endswith(BEFORE_NAME)
        word = dictionary_entry(surname + char)
        if word is not None and not word[1].startswith("nr") and (not credited or word[0] >= COMMON_WORD) \
                or closes_word(text, start, surname[0]):
            continue  # 任务/务, 水痘/痘, 顾全/全大局, 防微杜渐/渐: the 'surname' belongs to a word
        role = credited or before.endswith(BEFORE_NAME) or start > 0 and text[start - 1] in ROLE_ENDINGS
        own = dictionary_entry(surname)
        if size == 1 and not is_common_surname(surname) and own is not None \
                and own[1].startswith(NOT_IN_NAMES + ("v",)) and not role:
            continue  # 有, 于, 从, 章: rare surnames that are more often other words need a role before them
        opens = role or start == 0 or BOUNDARY.match(text[start - 1]) is not None
        if opens and closes or is_common_surname(surname) and after.startswith(TITLES_AFTER):
            return True
    return False


def closes_word(text: str, first: int, char: str) -> bool:
    """The character at ``first`` ends a dictionary word with the one to three characters before it
    (校长/长, 防微杜渐/渐, 同学们/们): it is that word's, not the start of a reduplication."""
    for size in (3, 2, 1):
        if first - size < 0 or not all(HAN.match(ch) for ch in text[first - size: first]):
            continue
        entry = dictionary_entry(text[first - size: first] + char)
        if size == 1 and text[first - 1] == "一" and entry is not None and entry[1].startswith("m"):
            continue  # 一/步步: the numeral before a measure pair (but 一切/切, 一定/定 close words)
        if entry is not None and (size > 1 or entry[0] >= RARE):
            return True
    return False


def measure_word(char: str) -> bool:
    """``char`` is a measure word of things counted one by one (张, 幕, 封: the dictionary tags it a
    measure and lists 一 with it as a numeral): 一AA is then the distributive 'one after another'
    (一张张笑脸). Not numerals of time or kind (一年年来, 一种种自觉), which read as slips."""
    entry = dictionary_entry("一" + char)
    single = dictionary_entry(char)
    return entry is not None and entry[1] == "m" and entry[0] >= COMMON_WORD \
        and single is not None and single[1] == "q" and char not in "些"


def descriptive_pair(text: str, first: int, second: int, char: str) -> bool:
    """An adjective or adverb said twice, standing where such a word stands: 渺渺青史, 高高举过头顶,
    早早就, 远远的, 不尽长江滚滚来.

    The pair is an adjective, adverb, state or time word of the dictionary (高高, 远远, 早早, 滚滚);
    or one it lists only rarely but of an adjective (渺渺, 甜甜: then only before a noun, 的/地 or a
    clause end, not 挺挺在 or 怕怕丢官); or a one-character adjective doubled before 的/地 where the
    dictionary knows the pair (红红的, not 新新的). The first copy closes no word with the characters
    before it (校长长的, 践行行), and the second copy and what follows make no word far commoner than
    the pair (重重视), unless a common function word follows (早早/就)."""
    pair = dictionary_entry(char * 2)
    single = dictionary_entry(char)
    tag, frequency = (pair[1], pair[0]) if pair else ("", 0)
    descriptive = tag.startswith(DESCRIPTIVE_TAGS) and frequency >= RARE
    literary = tag.startswith(("a", "z")) and frequency < RARE and single is not None \
        and single[1].startswith(("a", "z"))
    adjective = single is not None and single[1] == "a" and pair is not None
    if not (descriptive or literary or adjective) or closes_word(text, first, char) \
            or first and text[first - 1] == "一":
        return False  # (一AA is the measure words' form: rules/doubling.py judges it)
    after = text[second + 1: second + 8].replace("\n", "").replace("\r", "")
    if not after or not HAN.match(after[0]):
        return literary or descriptive and tag.startswith(("a", "z"))  # 渺渺，(not 硬硬。)
    if after[0] in "的地":
        return True
    if not (descriptive or literary):
        return False  # a one-character adjective doubled without a dictionary listing: only before 的/地
    following = segment(after)[0]
    following_tag = _leading_tag(following)
    if literary:
        return following_tag.startswith("n") and len(following) > 1
    if _hidden_word(char, after, pair) is not None:
        next_word = dictionary_entry(after[0])
        return next_word is not None and next_word[1].startswith(("d", "p", "c")) \
            and next_word[0] >= FUNCTION_FREQUENCY
    if following_tag.startswith(("v", "d", "p")) or after[0] in "着了过":
        return True
    # An adjective goes before an adjective or a noun too (茫茫草原), an adverb does not; and not
    # where the second copy starts a noun with what follows (高高产 → 高产).
    opened = dictionary_entry(char + after[0])
    return tag.startswith(("a", "z")) and following_tag.startswith(("a", "n")) and len(following) > 1 \
        and not (opened is not None and opened[1].startswith("n") and opened[0] >= COMMON_WORD)


def _hidden_word(char: str, after: str, pair: tuple[int, str] | None) -> tuple[int, str] | None:
    """The dictionary entry of a common word the second copy would start with what follows
    (时/间 → 时间), far commoner than the pair, or None."""
    for size in (1, 2):
        entry = dictionary_entry(char + after[:size]) if len(after) >= size else None
        if entry and entry[0] >= COMMON_WORD and entry[0] >= 3 * (pair[0] if pair else 0):
            return entry
    return None


def _leading_tag(token: str) -> str:
    """The tag of a token, or of the longest common dictionary word it starts with."""
    for size in range(len(token), 0, -1):
        entry = dictionary_entry(token[:size])
        if entry is not None and (size <= 2 or entry[0] >= COMMON_WORD):
            return entry[1]
    return ""


def verb_with_object(text: str, first: int, second: int, char: str, function_words: set[str]) -> bool:
    """A verb doubled before its object at the end of a clause (用用心，晒晒太阳、聊聊天吧), right
    after a modal verb or an adverb that wants a verb (要, 需, 多, 再; an opening quotation mark may
    stand between: 需“用用心”), or next to another such form (走走路、晒晒太阳). Elsewhere the pair
    is more likely a slip (选用用, 保保障, 不可替替代的)."""
    verb = dictionary_entry(char)
    if char in function_words or verb is None or not verb[1].startswith(("v", "p")):
        return False
    if segment(text[max(0, first - 6): first + 1])[-1] != char:
        return False  # the first copy closes a word with what precedes (军训会操/操, 选用/用)
    after = text[second + 1: second + 8]
    if not after or not HAN.match(after[0]):
        return False
    obj = segment(after)[0]
    rest = after[len(obj):]
    if rest and HAN.match(rest[0]) and rest[0] not in "吧呢啊呀了":
        return False  # the doubled verb and its object end a clause (不可替替代的 is a slip)
    entry = dictionary_entry(obj)
    if len(obj) == 1:
        word = dictionary_entry(char + obj)
        # 心, 脑, 书; 天 as the object of 聊天 (a measure in a word that is no verb compound, not 替代)
        noun = entry is not None and (entry[1].startswith("n") or entry[1] == "q" and word is not None
                                      and not word[1].startswith(("v", "p", "c", "d")))
    else:
        noun = entry is not None and entry[1].startswith("n")
    if not noun:
        return False
    at = first - 1
    while at >= 0 and text[at] in OPENING_MARKS:
        at -= 1
    if at >= 3 and text[at] in "、，," and text[at - 3] == text[at - 2] != text[at - 1]:
        return True  # 走走路、晒晒太阳: one of several such forms
    # 需要/要: the modal itself may close a word with the character (要用/用户)
    return at >= 0 and text[at] in BEFORE_VV and not (at >= 1 and dictionary_entry(text[at - 1: at + 1] + char))


def counted_after_numeral(text: str, first: int, char: str) -> bool:
    """A measure word doubled after a numeral other than 一 (10场场, 四点点意见, 三个个): the
    distributive AA of a measure (个个, 场场) takes no number, so the second copy is a slip."""
    if first == 0 or char in NUMERALS:
        return False
    before = text[first - 1]
    if not (before.isdigit() or before in NUMERALS and before != "一"):
        return False
    single = dictionary_entry(char)
    return single is not None and single[1] == "q" or measure_word(char)


def modified_adjective_pair(text: str, first: int, second: int, char: str) -> bool:
    """An adjective doubled after a negation or a degree adverb and used as an adjective — before
    的 or a clause end (质量不高高，, 特别好好的): a reduplicated adjective is already vivid and
    takes neither, so the second copy is a slip. (As an adverb it may be negated: 不好好学习.)"""
    single = dictionary_entry(char)
    if single is None or single[1] != "a" or not text[max(0, first - 2): first].endswith(DEGREE):
        return False
    after = text[second + 1: second + 2]
    return not after or after == "的" or not HAN.match(after)


def adverb_before_locative(text: str, second: int, char: str) -> bool:
    """An adverb pair before a locative or a word of time span (xx大大以来, 常常之后): an adverb
    modifies a verb or an adjective, never 以来 or 之中, so the pair is a slip (十九大/大以来)."""
    pair = dictionary_entry(char * 2)
    if pair is None or not pair[1].startswith(("d", "b")):
        return False
    after = text[second + 1: second + 6].replace("\n", "").replace("\r", "")
    if not after or not HAN.match(after[0]):
        return False
    following = segment(after)[0]
    entry = dictionary_entry(following)
    return len(following) > 1 and entry is not None and entry[1].startswith("f")


def splits_word(text: str, first: int) -> bool:
    """A pair at ``first`` splits a word: the first copy ends one with what precedes (清明/明) or
    the second starts a common one with what follows (调/调查)."""
    char = text[first]
    if first + 1 >= len(text) or text[first + 1] != char:
        return False
    opened = dictionary_entry(text[first + 1: first + 3])
    return closes_word(text, first, char) or opened is not None and opened[0] >= COMMON_WORD


def interrogative(word: str) -> bool:
    """什么什么, 干什么干什么, 某某某: an interrogative or indefinite said twice or thrice stands for
    'this and that' or 'so-and-so', no slip."""
    return bool(INTERROGATIVE.search(word))
