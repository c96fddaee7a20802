"""Who a draft says is speaking: the cue around a quotation (习近平总书记强调：, 《论语》云, “…”，他说).

A cue is read from the text before the opening mark: a speaker, then a speech verb, then at most a short
addressee or connective (勉励我们：, 指出，要). Names resolve through the speaker table (text/speakers.py),
so 总书记, 习近平同志 and 习主席 all name 习近平, and 杜工部 names 杜甫; a person the table does not know
is kept as written (``named``). The speaker is the one doing the speaking, not the one spoken to (我对
总书记说). Classical cues (古人云) name no one but say the words are old. Cues after the quotation, shared
cues of a run of quotations, pronouns and 的嘱托-style cues are resolved in text/cues.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from yinwen.text.occasion import named_occasion
from yinwen.text.speakers import SpeakerTable, canonical_work, speaker_table

# How far back from the opening mark a cue may start, and what ends the search.
CUE_WINDOW = 60
CUE_STOPS = "。！？!?；;\n\r”」』"
SPEECH_VERBS = (
    "深刻指出|明确指出|反复强调|深刻阐明|深刻阐述|明确要求|郑重宣示|强调指出|语重心长地说|指出|强调|要求|提出|告诫|"
    "寄语|阐明|阐述|阐释|论述|写道|写到|写下|说过|说道|曾说|所说|所言|所讲|所写|所述|所云|所吟|吟道|咏道|讲过|讲到|谈到|谈及|提到|"
    "有两句诗|有一句诗|有句诗|有诗云|诗云|的诗句|的名句|的名言|的诗|的话|共勉|"
    "嘱托|嘱咐|叮嘱|勉励|教导|号召|引用|援引|坦言|直言|感慨|回答|答道|题词|题写|批示|指示|"
    "原文为|原文是|原句为|原句是|原话是|原诗为|原诗是|原文|"
    "说|讲|言|云|曰|有云|有言|认为|表示|宣布|希望|道"
)
_VERB = re.compile(SPEECH_VERBS)
# What may stand between the verb and the opening mark.
_TAIL = re.compile(
    r"^(?:的那样|那样|的|过|道|了)?"
    r"(?:[，,：:\s]*|"  # nothing more
    r"[^，,。：:“”「」]{1,8}[：:，,]\s*|"  # an addressee or object, then a colon or comma: 勉励我们：
    r"(?:子女|孩子|儿子|女儿|侄子|我们|大家|青年|干部|党员|学生|同学们|全党)|"  # a short addressee: 要求子女“…”
    r"[，,：:][^，,。：:“”「」]{0,6}?(?:要|必须|应当|应该|就是|是|为|在于|需要|要求|坚持|务必)\s*)$"  # 指出，要“…”
)
# Where a name may be the one spoken to: 我对总书记说, 向习近平汇报.
_LISTENER_BEFORE = "对向跟给同与为请问"
_LISTENER_VERBS = re.compile(r"^(?:同志|主席|总书记)?(?:说|讲|表示|汇报|报告|提问|请教|谈|问|提出)")
_PRONOUN = re.compile(r"(他|她)(?:们)?(?:又|也|还|曾|就|更|再次|多次|反复|一再|曾经|早在[^，,]{0,12}就)?"
                      r"(?:在[^，,]{0,30}(?:中|上|时|里))?$")
_ADVERBS = re.compile(r"(?:又|也|还|曾|就|更|都|常|常常|经常|总|总是|再次|多次|反复|一再|曾经|早就|早已|亲自|深情地|语重心长地|"
                      r"(?:在|于)[^，,]{0,30}(?:中|上|时|里|之际|期间)|[0-9〇一二三四五六七八九十]{2,4}年[^，,]{0,8})+$")
_ALLUSION = re.compile(r"出自|语出|源自|典出|化用|取自|脱胎于|借用")
TITLE = re.compile(r"《([^《》]{1,40})》")
_OWN_WORKS = re.compile(r"(?:同志)?(?:选集|文选|文集|全集|著作|诗词|诗选|诗集|书信|谈|关于|论述|讲话|重要讲话|语录|手迹|自述)")
# A name that names a doctrine, an era or a book, not the person speaking: 马克思主义, 毛泽东思想.
NOT_THE_PERSON = re.compile(r"主义|思想|理论|新时代|时代|精神|选集|文集|著作|诞辰|故居|纪念|年谱|传|式|体")
# An unknown person as drafts name one: a role or title, a surname and a name, or a foreign name.
_PERSON_WORDS = ("书记", "部长", "主任", "校长", "教授", "先生", "同志", "总理", "主席", "院士", "局长", "委员", "专家",
                 "学者", "作家", "诗人", "哲学家", "思想家", "革命家", "领袖", "将军", "元帅", "烈士", "英雄", "模范")
SPEECH_NOUNS = ("同学", "老师", "学生", "村民", "群众", "家长", "师傅", "志愿者", "学员", "网友", "居民", "工人",
                "农民", "战士", "队员", "员工", "职工", "同事", "朋友", "大爷", "大妈", "阿姨", "老乡", "记者", "党员",
                "负责人", "当事人", "孩子", "儿子", "女儿", "母亲", "父亲", "奶奶", "爷爷", "老人")
NOT_NAMES = {"我", "我们", "大家", "人们", "有人", "有的人", "他人", "别人", "自己", "咱们", "你", "你们", "同志们"}
# Local offices (局长, 王书记, 张主任, 村支书老李): their holders' words at a meeting are no source the
# corpus can hold, and words a 局长 repeats from a leader's speech are still the 局长's — neither
# "not found" nor "said by someone else" applies; a line of the classics they recite is still checked.
# Leaders the speaker table knows (总书记, 毛主席) never come this far.
OFFICE_WORDS = ("书记", "支书", "主任", "局长", "处长", "科长", "股长", "部长", "厅长", "院长", "校长", "所长", "站长",
                "馆长", "厂长", "经理", "董事长", "县长", "区长", "市长", "镇长", "乡长", "村长", "组长", "队长", "班长",
                "团长", "社长", "主管", "同志")


@dataclass(frozen=True)
class Attribution:
    """The cue of a quotation and what it names; all empty when the quote stands alone."""

    cue: str = ""
    speaker: str | None = None  # a person the speaker table knows, in canonical form
    named: str | None = None  # a person the table does not know, as the draft writes it (列宁, 李颖部长)
    title: str | None = None
    work_id: str | None = None
    classical: bool = False
    year: int | None = None  # the year the cue names (2019年3月18日, 在2014年的讲话中)
    occasion: str | None = None  # the occasion the cue names (在陕西考察时 → 陕西考察)
    position: str = ""  # where the cue stands: before, after, shared (a run of quotes), pronoun
    private: bool = False  # the words of someone who is no published source (a student, the writer)
    local: bool = False  # an office holder the table does not know (局长, 王书记): words of anyone's they may repeat
    folk: bool = False  # a folk saying (俗话说, 常言道): old words with no source claimed
    loose: bool = False  # an allusion's origin (出自, 语出, 化用): the words need not stand there verbatim

    @property
    def attributed(self) -> bool:
        """True when the draft offers the words as someone's or some work's."""
        return bool(self.speaker or self.named or self.title or self.work_id or self.classical)

    @property
    def who(self) -> str | None:
        return self.speaker or self.named

    def to_json(self) -> dict[str, str | None]:
        return {"cue": self.cue, "speaker": self.who, "title": self.title}


def sentence_before(text: str, offset: int, reach: int = CUE_WINDOW) -> str:
    """The text before ``offset`` back to the last sentence stop (at most ``reach`` characters)."""
    window = text[max(0, offset - reach):offset]
    cut = max(window.rfind(stop) for stop in CUE_STOPS)
    return window[cut + 1:].lstrip()


def find_attribution(text: str, open_offset: int) -> Attribution:
    """The cue directly before the quotation mark at ``open_offset``, resolved through the speaker table.
    ``text`` is read in simplified script (text/script.py), so 說 and 習近平 are cues too."""
    window = sentence_before(text, open_offset)
    if not window:
        return Attribution()
    table = speaker_table()
    stripped = window.rstrip("：:，, \t")
    classical = next((cue for cue in table.classical if stripped.endswith(cue)), None)
    verb = _speech_verb(window)
    if verb is None and not classical:
        return Attribution()
    subject = window[:verb.start()] if verb else window
    found = parse_subject(subject, table)
    if verb is not None and _ALLUSION.search(subject[-12:] + verb.group()) and not verb.group().startswith("原"):
        found = replace(found, loose=True)  # 语出《孟子》 is an allusion; 语出《孟子》，原文为 claims the words
    position = "pronoun" if not found.who and not found.title and pronoun_subject(subject) else "before"
    return replace(found, cue=window.strip(), classical=bool(classical) and not found.who,
                   folk=classical in table.folk and not found.who, position=position,
                   **occasion_of(text, open_offset))


def _speech_verb(window: str) -> re.Match | None:
    """The last speech verb in the window that only a short addressee or connective separates from the mark."""
    for verb in reversed(list(_VERB.finditer(window))):
        if _TAIL.match(window[verb.end():]):
            return verb
    return None


def parse_subject(subject: str, table: SpeakerTable | None = None) -> Attribution:
    """Speaker, work and title named in the text before a speech verb."""
    table = table or speaker_table()
    speaker, start = last_speaker(subject, table)
    work = _last_work(TITLE.sub(lambda m: "《" + "□" * len(m.group(1)) + "》", subject), table)  # 党章 in 《学习党章》 names no work
    titles = TITLE.findall(subject)
    title = canonical_work(titles[-1]) if titles else None
    work_id = None
    if work:
        work_id, title = work[0], title or work[1]
        speaker = speaker or work[2]
    named = None
    private = False
    if speaker is None:
        named, private = _unknown_person(subject[:start] if start is not None else subject)
    return Attribution(speaker=speaker, named=named, title=title, work_id=work_id, private=private,
                       local=holds_office(named) and not private)


def holds_office(named: str | None) -> bool:
    """A person named by a local office (局长, 张主任, 村支书老李): someone whose words at a meeting the
    corpus cannot hold, and who may well repeat a leader's words as their own emphasis."""
    return bool(named) and any(office in named for office in OFFICE_WORDS)  # type: ignore[operator]


def last_speaker(window: str, table: SpeakerTable) -> tuple[str | None, int | None]:
    """The canonical person whose name occurs last in ``window`` as a speaker, and where a listener's name
    starts when the last name is the one spoken to (我对总书记说 → the speaker is before 对)."""
    kept_names = [item for item in table.names_in(window) if not _longer_name(window, item, table)]
    titled = [match.span() for match in TITLE.finditer(window)]
    # A name inside a title is the work's subject (苏轼在《晁错论》中说, 《屈原列传》), unless it opens the
    # title of the person's own works (《毛泽东选集》, 《习近平谈治国理政》, 《邓小平文选》).
    kept = [item for item in kept_names if not NOT_THE_PERSON.match(window, item[1])
            and not any(start <= item[0] < end and not (item[0] == start + 1 and _OWN_WORKS.match(window, item[1]))
                        for start, end in titled)]
    if not kept:
        return None, None
    start, end, name = kept[-1]
    rest = window[end:]
    if start > 0 and window[start - 1] in _LISTENER_BEFORE and (_LISTENER_VERBS.match(rest) or not rest.strip()):
        earlier = [item for item in kept[:-1] if item[1] <= start - 1]
        if earlier:
            return table.resolve(earlier[-1][2]), None
        return None, start - 1
    return table.resolve(name), None


# What may follow a classical author's name in a cue (杜甫诗中, 苏轼在, 王维的, 李白曾说 …): any other
# Han character continues a longer, modern name (王建华, 张继红, 陈亮亮, 王维民).
AFTER_AUTHOR = set("说曰云曾在的之诗词写指强讲有也又还就认道早同先所告提称这那笔名老一对总主书教院等们及和与以用把将从要是其"
                   "晚吟咏句")
# A modern role right before a classical author's name makes it someone else's (网格员刘过, 社区书记范成大).
ROLE_BEFORE = ("干部", "保安", "业主", "教师", "网格员", "管理员", "服务员", "快递员", "外卖员")


def _longer_name(window: str, item: tuple[int, int, str], table: SpeakerTable) -> bool:
    """A classical author's name that names someone else: the start of a longer name (党委书记王建华 is not
    王建), or a modern person with a role before the name."""
    start, end, name = item
    if table.resolve(name) not in table.classical_authors:
        return False
    before = window[:start]
    if before.endswith((*OFFICE_WORDS, *SPEECH_NOUNS, *ROLE_BEFORE)):
        return True  # a modern role names a modern person: 志愿者周密, 退休教师宋祁
    if end >= len(window):
        return False
    following = window[end]
    return "\u4e00" <= following <= "\u9fff" and following not in AFTER_AUTHOR


def _last_work(window: str, table: SpeakerTable) -> tuple[str, str, str | None] | None:
    best = None
    for alias, work_id, title, speaker in table.works:
        position = window.rfind(alias)
        if position >= 0 and (best is None or position > best[0]):
            best = (position, work_id, title, speaker)
    return best[1:] if best else None


def _unknown_person(subject: str) -> tuple[str | None, bool]:
    """A person the speaker table does not know, as written just before the verb (列宁, 李颖部长, 同学们).

    Returns the name and whether the words are private: the writer's own, or those of someone who is no
    published source (a student, a villager)."""
    phrase = re.split(r"[，,：:（）()“”「」『』‘’\"]", subject.strip())[-1]  # 村民张卫庞、吕侯生、刘金莲: one phrase
    part = re.split(r"、", phrase)[-1]
    part = re.split(r"(?<=[\u4e00-\u9fff])(?:对着|对|向|跟|给)(?=[\u4e00-\u9fff]{1,8}$)", part)[0]  # 齐心对孩子们 说
    part = _ADVERBS.sub("", part).strip()
    part = re.sub(r"^(?:正如|就像|如|诚如|恰如|对于|关于|而|但|并|还|也|又|就|其中|比如|例如|其)", "", part)
    if _PRONOUN.search(part):
        return None, False  # resolved later from the context (text/cues.py)
    if not part or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z·．.\s]{1,12}", part):
        return None, False
    if part in NOT_NAMES or part.startswith("我") or part.endswith(("我们", "大家", "人们", "咱们", "有人")):
        return part, True
    private = any(noun in phrase for noun in SPEECH_NOUNS)
    if private or _looks_like_person(part):
        return part, private
    return None, False


def _looks_like_person(phrase: str) -> bool:
    """A title or role (李颖部长, 车俊书记), a surname with a one- or two-character name, or a foreign name."""
    from yinwen.resources import load_word_list

    if any(word in phrase for word in _PERSON_WORDS) or "·" in phrase or re.search(r"[A-Za-z]{2}", phrase):
        return True
    return 2 <= len(phrase) <= 3 and phrase[0] in load_word_list("surnames.txt")


def occasion_of(text: str, offset: int) -> dict[str, object]:
    """The year and occasion named in the sentence before ``offset`` (text/occasion.py reads the forms)."""
    named = named_occasion(sentence_before(text, offset, reach=160))
    return {"year": int(named.date[:4]) if named.date else None, "occasion": named.occasion}


def pronoun_subject(subject: str) -> bool:
    """Whether the speaker before a verb is a pronoun (他强调, 她在信中写道)."""
    part = re.split(r"[，,：:、]", subject.strip())[-1].strip()
    return bool(_PRONOUN.search(part)) and len(part) <= 40
