"""Is a doubled character a slip or a word? The judgement behind YW201 (rules/stutter.py).

The segmenter cuts a window around the pair and the judgement asks what the cut means: a pair
inside one dictionary word is a word, unless the token is one jieba only guessed or lists as a
rarity beside a far commoner word; two words meeting on the character are words; a stray
character beside a word is a slip, unless it makes a verb's VV form with an object. Shapes
(AABB, 一AA, numbers) and listed forms (data/reduplications.txt) come first.
"""

from __future__ import annotations

import re

from yinwen.resources import load_word_list
from yinwen.rules.reduplication import (
    adverb_before_locative,
    closes_word,
    counted_after_numeral,
    descriptive_pair,
    is_common_surname,
    measure_word,
    modified_adjective_pair,
    name_position,
    verb_with_object,
)
from yinwen.text.lexicon import dictionary_entry
from yinwen.text.segment import segment

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
UNITS = set("十百千万亿")
# Function words and modal verbs: never doubled on purpose, so never verb reduplication (看看).
FUNCTION_WORDS = set("的地得了着过在是和与及对把被将就也都而并从向要会能应该为以于之其")
PARTICLES = set("的地")
CONNECTIVES = set("和与同及跟对向从给把被")
# A word the second copy would hide must be this frequent in the dictionary, and this many times
# more frequent than the doubled token (时间 33288 against 时时 649; not 明知 against 明明).
COMMON_WORD = 100
COMMONER = 3
# jieba lists words its model only guessed at a frequency of 2 or 3; below this a listing says little.
RARE = 10
# The last character of a place's name that also starts words about it (村民, 县委, 镇长, 市民).
ADMIN_SUFFIXES = set("省市县区镇乡村州")


def legitimate_pair(text: str, first: int, second: int, char: str, legitimate: frozenset[str]) -> bool:
    """Whether the pair of ``char`` at ``first``/``second`` is a word, a name, a number or a
    reduplication rather than a slip. ``legitimate`` is data/reduplications.txt."""
    # AABB (干干净净): the next two characters are also a pair, or the previous two are, and AB
    # (干净) or AABB is a word — not 加强强等等, where two pairs meet by chance.
    if second + 2 < len(text) and text[second + 1] == text[second + 2] != char \
            and _aabb(char, text[second + 1], legitimate):
        return True
    if first >= 2 and text[first - 2] == text[first - 1] != char and _aabb(text[first - 1], char, legitimate):
        return True
    if char in NUMERALS and (numeral := _numeral_context(text, first, second)) is not None:
        return numeral
    if first >= 1 and text[first - 1] == "一" and char not in NUMERALS:
        if first >= 2 and text[first - 2] in SINGULAR:
            return False  # 每一项项, 第一线线: a singular determiner rules out the distributive 一AA
        if _counted(char) or measure_word(char):
            return _distributive(text, first, second, char)
    if char in ADMIN_SUFFIXES and first >= 1 and HAN.match(text[first - 1]) and second + 1 < len(text) \
            and (dictionary_entry(char + text[second + 1]) or (0, ""))[0] >= COMMON_WORD:
        return True  # 竹溪村/村民, 青山县/县委, 城关镇/镇长: a place's name, then a word of its kind
    if counted_after_numeral(text, first, char) or modified_adjective_pair(text, first, second, char) \
            or adverb_before_locative(text, second, char):
        return False
    if name_position(text, first, second, FUNCTION_WORDS) or verb_with_object(text, first, second, char, FUNCTION_WORDS) \
            or descriptive_pair(text, first, second, char):
        return True
    if any(_listed_around(text, first, entry) for entry in legitimate if len(entry) > 2 and char * 2 in entry):
        return True
    # 管好好用好: one word doubled inside a parallel X好Y好 — the second copy is a slip
    # (but not 常常以常规: there the third 常 starts a word of its own).
    if (second + 2 < len(text) and first >= 1 and text[second + 2] == char and HAN.match(text[second + 1])
            and HAN.match(text[first - 1])):
        tail = segment(text[second + 1: second + 6])
        if closes_word(text, first, char) and second + 3 < len(text) \
                and all((dictionary_entry(text[i]) or (0, ""))[1] == "a" for i in (second + 1, second + 3)):
            return True  # 组织/织密织牢: the first copy is 组织's, the second opens a parallel of its own
        if tail and (tail[0] == text[second + 1] + char or tail[0] == text[second + 1] and tail[1:2] == (char,)):
            return False
    # Segment a small window: a doubled character inside one word (常常, 王丽丽) is fine; the
    # same character ending one word and starting the next (防治/治/结合) is a stutter.
    lo, hi = max(0, first - 8), min(len(text), second + 9)
    window = text[lo:hi].replace("\n", "").replace("\r", "")
    shift = sum(1 for ch in text[lo:first] if ch in "\r\n")
    b = first - lo - shift + 1
    tokens = segment(window)
    starts = []
    position = 0
    for token in tokens:
        starts.append(position)
        position += len(token)
    if b not in starts:
        # Both characters inside one token (常常, 王丽丽, 大大提高): a real word — unless without
        # the second copy the character starts a far commoner word (时时间 → 时间, 统统一 → 统一).
        index = next((i for i, start in enumerate(starts) if start < b <= start + len(tokens[i]) - 1), None)
        if index is None:
            return True
        token = tokens[index]
        before = tokens[index - 1] if index and starts[index] == b - 1 else ""
        return not (_glued(token, char, legitimate, before) or _hides_commoner_word(text, first, second, token, before)
                    or _closes_word_before(tokens, index, char))
    index = starts.index(b)
    left, right = tokens[index - 1], tokens[index]
    if left == char and char in CONNECTIVES and len(right) > 1 and first and HAN.match(text[first - 1]) \
            and not (dictionary_entry(right) or (0, "p"))[1].startswith(("p", "c", "d")):
        # 地位和和平局面, 对对方: a conjunction or preposition before a word that starts with it
        # (not 对对于, 从从来: a function word cannot follow its own first character).
        return True
    # The copy is a word of its own only when words follow it (not 实事求是是，).
    followed = second + 1 < len(text) and bool(HAN.match(text[second + 1]))
    if char == "是" and len(left) >= 4 and dictionary_entry(left) is not None and followed:
        return True  # 实事求是是党的思想路线: an idiom ending in 是, then the copula
    if char in PARTICLES and len(left) > 2 and dictionary_entry(left) is not None and followed \
            and dictionary_entry(left[:-1]) is None:
        # 设身处地地: an idiom ending in the character, then the particle (not 征地地, nor
        # 创造性地地 or 无穷的的, where the word already ends in the particle).
        return True
    if followed and len(left) == 2 and left[-1] == char and right == char \
            and _word_then_function(left, char, tokens[index + 1: index + 3]):
        return True  # 目的/的/高质量发展, 作为/为/人民/谋: a noun or verb ending in the particle or preposition
    if left == char and char not in FUNCTION_WORDS and _reduplicated_verb(char, legitimate) \
            and _is_noun(_object_after(tokens, index)):
        return True  # 挠挠头, 出出主意: a verb's VV form before its object (not 开开展, 爱爱心)
    if len(left) == 2 and left[-1] == char and right == char and _reduplicated_verb(char, legitimate) \
            and (dictionary_entry(left[0]) or (0, ""))[1].startswith("d") \
            and _leading_tag(_object_after(tokens, index)).startswith(("n", "r", "m", "q")):
        return True  # 再说/说/两点意见: the segmenter took 再说, but it is an adverb and the VV form before its object
    if len(left) > 1 and len(right) > 1:
        # 学习/习近平: two dictionary words that happen to meet on the same character. A token the
        # dictionary does not know (尽可能/能为) was glued together by the segmenter's guesswork.
        return _known(left) and _known(right)
    if left != char:
        return False
    if len(right) > 1:
        # 仅/仅次于, 好/好地解决: a listed AA word, then a word (次于) or 地. Not 学/学生, 天/天下
        # or 深/深化: what the pair leaves of the word is no word, so the first copy is a stray.
        rest = right[1:]
        return char * 2 in legitimate and (rest[0] in "地的" or len(rest) > 1 and dictionary_entry(rest) is not None)
    # 帐/帐/相符: a listed AA word standing as two single-character tokens.
    return char * 2 in legitimate


def _word_then_function(left: str, char: str, following: tuple[str, ...]) -> bool:
    """A noun ending in 的 (目的, 标的) before the particle 的, or a verb ending in 为 (作为, 成为)
    before the preposition 为 that opens a phrase of a noun and a verb (为/人民/谋幸福; not
    作为为一名党员, 改为为一体机): the second copy is the function word."""
    entry = dictionary_entry(left)
    if entry is None or entry[0] < COMMON_WORD:
        return False
    if char == "的":
        return entry[1].startswith("n")
    tags = [(dictionary_entry(token) or (0, ""))[1] for token in following]
    return char == "为" and entry[1].startswith("v") and len(tags) == 2 and tags[0].startswith(("n", "r")) \
        and tags[1].startswith("v")


def _known(word: str) -> bool:
    """A word of jieba's dictionary, or of today's vocabulary it lacks (data/genre-words.txt: 师德, 家校)."""
    return dictionary_entry(word) is not None or word in load_word_list("genre-words.txt")


def _aabb(a: str, b: str, legitimate: frozenset[str]) -> bool:
    """AABB is a listed word (时时处处, 方方面面) or a reduplication of an adjective or verb AB
    (干净 → 干干净净). Not of a noun: 党委委员员 is 委员 with a stray copy, not 委委员员."""
    if not (HAN.match(a) and HAN.match(b)):
        return False
    if dictionary_entry(a * 2 + b * 2) is not None or a * 2 + b * 2 in legitimate:
        return True
    entry = dictionary_entry(a + b)
    return entry is not None and not entry[1].startswith("n")


# What may follow a reduplicated adverb, adjective or verb (紧紧/围绕, 仅仅/为了, 慢慢/地, 看看/了).
AFTER_REDUPLICATION_TAGS = ("v", "d", "p", "c", "a", "l", "i", "f")
AFTER_REDUPLICATION = set("地了着过")


def _closes_word_before(tokens: tuple[str, ...], index: int, char: str) -> bool:
    """清/白白/为人, 最美/好好/的, 校/长长的: the first copy closes a word with the character
    before it (清白, 美好, 校长), and the pair does not act as a reduplicated word — no verb,
    adverb, preposition or 地 follows it, and a verb pair (看看) has no object — so the second
    copy is the slip. A surname before the pair reads as a name (李/明明)."""
    token = tokens[index]
    if index == 0 or token not in (char * 2, char * 2 + "的"):
        return False
    before = tokens[index - 1]
    if before[-1] == "一" or not HAN.match(before[-1]) or is_common_surname(before):
        return False  # 一/步步 (one step after another); 李/明明
    hidden = [before[-1] + char] + ([before + char] if 1 < len(before) <= 3 else [])
    if not any(dictionary_entry(word) for word in hidden):
        return False
    if len(token) == 3:
        return True  # an AA的 form after a word it completes: 校/长长的, 饱/满满的
    pair_freq, pair_tag = dictionary_entry(token) or (0, "")
    if pair_tag.startswith(("n", "q", "m")) and pair_freq >= COMMON_WORD and char not in NUMERALS:
        return False  # a common noun or measure pair stands on its own: 有/种种/障碍, 学生/娃娃
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    tag = _leading_tag(following)
    if following in AFTER_REDUPLICATION or tag.startswith(AFTER_REDUPLICATION_TAGS):
        return False
    # A verb pair before its object: a noun, a pronoun, or a count (谈谈/几点/体会, 说说/两句).
    return not (pair_tag.startswith("v") and tag.startswith(("n", "r", "m", "q")))


def _leading_tag(token: str) -> str:
    """The part of speech of a token, or of the longest dictionary word it starts with
    (依靠人民 → 依靠, v): the segmenter glues words into tokens the dictionary lists rarely or
    not at all, and a rare long entry's tag is unreliable (依靠人民 is listed as a noun)."""
    for size in range(len(token), 0, -1):
        entry = dictionary_entry(token[:size])
        if entry is not None and (size <= 2 or entry[0] >= COMMON_WORD):
            return entry[1]
    return ""


# A singular determiner rules out the distributive 一AA: 每一个个 is a slip for 每一个.
SINGULAR = set("每某第唯哪另")
CLAUSE_END = set("，。；：！？、,.;:!?\r\n") | {""}


def _counted(char: str) -> bool:
    """一AA is a numeral-measure reduplication the dictionary lists (一个个, 一次次, 一步步)."""
    return (dictionary_entry("一" + char * 2) or (0, ""))[1].startswith("m")


def _distributive(text: str, first: int, second: int, char: str) -> bool:
    """一个个, 一次次 (one after another) is legitimate, but not inside a word with what precedes
    (进一步步) and not closing a clause (一群群，). 一点点 is a quantity, not a distribution: it
    closes a clause (多做一点点，) or goes before a verb (一点点放纵自己); before a noun written
    Chinese has 一点 (少琢磨一点个人荣辱), and in a formal draft 一点点 there is a slip or speech."""
    if first >= 2 and dictionary_entry(text[first - 2: first] + char):
        return False
    after = text[second + 1] if second + 1 < len(text) else ""
    opened = dictionary_entry(char + after) if HAN.match(after) else None
    if opened is not None and opened[0] >= COMMON_WORD and not dictionary_entry(text[second + 1: second + 3]):
        return False  # 一个个人成长: the second copy starts a word (个人) with what follows (not 一次次/生动)
    if char == "点":
        following = segment(text[second + 1: second + 7])
        return not (following and _leading_tag(following[0]).startswith("n"))
    return after not in CLAUSE_END


def _reduplicated_verb(char: str, legitimate: frozenset[str]) -> bool:
    """The VV form of a verb is a verb of its own (看看, 出出), or listed and the character is a
    verb (挠挠). Not 学学 or 个个 (listed, but as 学学 and 个个 the pair is no verb), nor pairs
    the dictionary lists as a verb only at the frequency it gives to guesswork (落落, 交交)."""
    pair = dictionary_entry(char * 2)
    if pair is not None and pair[1] == "v" and pair[0] >= RARE:
        return True
    return char * 2 in legitimate and (dictionary_entry(char) or (0, ""))[1] == "v"


def _object_after(tokens: tuple[str, ...], index: int) -> str:
    """What follows the reduplicated verb: the rest of 挠头 (挠/挠头), or the next token (出/出/主意).
    A word like 学生 or 管理 after 学/管 leaves 生 or 理, no object: 学学生 is a slip."""
    right = tokens[index]
    if len(right) > 1:
        return right[1:]
    return tokens[index + 1] if index + 1 < len(tokens) else ""


def _is_noun(word: str) -> bool:
    return (dictionary_entry(word) or (0, ""))[1].startswith("n")


def _glued(token: str, char: str, legitimate: frozenset[str], before: str = "") -> bool:
    """A token the segmenter made around the pair of one word and a stray copy: 方向向 and 干部部
    (a word, then a lone character, listed in the dictionary only as a rarity), 学学习 (a stray
    copy, then a word), 之心心 or 显显 (no word at all). Not 中国国际 or 工作作风 (two words sharing
    the character), 王丽丽 (a name), 爷爷 or 一个个 (common or counted forms), 新民主主义 (a
    common compound), 洗洗澡 (a verb's VV form and its object), 指导/组组长 (a unit, then its head)."""
    if token[0] == "一" or char in NUMERALS:
        return False
    entry = dictionary_entry(token)
    if len(token) > 2 and entry is None:
        # The segmenter's guesswork glued characters the dictionary does not know as one word.
        return not (len(token) == 3 and token.endswith(char * 2) and is_common_surname(token[0]))
    k = token.find(char * 2)
    head, tail = token[: k + 1], token[k + 1:]
    if entry is not None and k == 0 and len(tail) >= 2:
        return _rarity(entry, tail) and not (_reduplicated_verb(char, legitimate) and _is_noun(tail[1:])) \
            and tail[1:] != "长" and not (before and dictionary_entry(before + char))
    if char * 2 in legitimate:
        return False
    pair = dictionary_entry(char * 2)
    if pair and pair[0] >= COMMON_WORD:
        return False
    if token == char * 2:
        # A pair the dictionary does not know, or lists only at guesswork frequency (班班, 改改),
        # is no word — unless it is a given name after a surname (范/玲玲).
        return (pair is None or pair[0] < RARE) and not is_common_surname(before)
    if entry is not None:
        # A listed compound (民主主义) — unless a rare listing of a far commoner word and a copy.
        return tail == char and _rarity(entry, head)
    head_word = len(head) >= 2 and dictionary_entry(head) is not None
    tail_word = len(tail) >= 2 and dictionary_entry(tail) is not None and tail[-1] not in "的地得儿"
    return head_word != tail_word


def _rarity(entry: tuple[int, str], word: str) -> bool:
    """The dictionary lists the token (``entry``) as a rarity beside a far commoner ``word``."""
    other = dictionary_entry(word)
    return other is not None and other[0] >= COMMONER * COMMON_WORD * entry[0] / 10


def _hides_commoner_word(text: str, first: int, second: int, token: str, before: str = "") -> bool:
    """The doubled pair sits inside one token, but the character with what follows the second copy
    is a far commoner word (时时间 → 时间, 人人员 → 人员, 统统一 → 统一) than the pair (常常, 看看书)."""
    char = text[first]
    if char in NUMERALS or (len(token) > 2 and dictionary_entry(token)):
        return False  # 一一对应; 党委委员, 一点点: the longer token is itself a word
    k = token.find(char * 2)
    if k > 0 and dictionary_entry(token[: k + 1]) and len(token) - k - 1 >= 2 and dictionary_entry(token[k + 1:]):
        return False  # two words meeting on the same character inside one token
    following = text[second + 1: second + 4].replace("\n", "").replace("\r", "")
    pair = dictionary_entry(char * 2)
    if len(before) == 1 and token.startswith(char * 2):
        # 经/常常, 感/谢谢: the segmenter stranded a character that with the first copy is a word at
        # least as common as the pair (经常, 感谢).
        entry = dictionary_entry(before + char)
        if entry and entry[0] >= COMMON_WORD and entry[0] >= (pair[0] if pair else 0):
            return True
    for size in (2, 3):
        word = char + following[: size - 1]
        entry = dictionary_entry(word) if len(word) == size else None
        if entry and entry[0] >= COMMON_WORD and entry[0] >= COMMONER * (pair[0] if pair else 0):
            return True
    return False


def _numeral_context(text: str, first: int, second: int) -> bool | None:
    """二〇二二年, 一二三: the doubled numeral stands among other numerals or a date (True). In a
    number written with units no digit or unit repeats (第二十五五期, 四千千四万): a slip (False).
    Otherwise the numeral is judged as any other character (None)."""
    run = ""
    while first - len(run) - 1 >= 0 and text[first - len(run) - 1] in NUMERALS:
        run = text[first - len(run) - 1] + run
    if run == "十" and text[first] == "五":
        return True  # 十五五: the 15th Five-Year Plan (十四五, 十五五 name the plans)
    if run and (set(run) & UNITS or text[first] in UNITS) and text[first] != "万":
        return False  # (万万 is a hundred million in older texts: 十万万人口)
    after = text[second + 1: second + 3]
    if after == "年级":
        return None  # a grade, not a year: 高一一年级 is judged as any other pair
    if run or after[:1] in NUMERALS or after[:1] in tuple("年月日届次号期"):
        return True
    return None


def _listed_around(text: str, first: int, entry: str) -> bool:
    """A listed legitimate context (目的的) covers the pair at ``first``."""
    lo = max(0, first - len(entry) + 1)
    return entry in text[lo: first + len(entry)]
