"""What a quoted span is: a quotation, or a title, term, private speech or emphasis in quotation marks.

Drafts put far more than quotations in quotation marks: the names of courses, campaigns, meetings and
activities (开展“我为群众办实事”实践活动), formulations and slogans used as nouns (践行“两个维护”,
“功成不必在我”的境界), words of people who are no published source (a student, the writer), and scare
quotes. Only a quotation can misquote a source. The role is read from general evidence, in this order
(a span with sentence punctuation inside is never a title or a term):

1. the words after the closing mark: a title noun (活动, 主题教育, 座谈会, 课, 奖 …) makes a title, and so
   does a cue that names one however it is punctuated (题为, 主题是);
2. the span itself: a title noun at its end, a middle dot or a dash of an activity name, nested marks;
3. a concept noun after the mark (…的精神, “…”这一原则, 理念, 方针) or a numbered formulation (两个维护,
   四个意识) makes a term, even when a speaker is named (习近平总书记提出的“三个区分开来”);
4. an attribution (a speaker, a work, 古人云): a quotation — or speech, when the speaker is no published
   source (a student, the writer);
5. the words before the opening mark: 开展, 举办, 荣获, 以 make a title;
6. a verb that takes a formulation (牢记, 践行, 坚持 “…”) before a span without sentence punctuation: a term;
7. the span's form: sentence punctuation inside, or a long span, makes a quotation; a very short span
   without any of the above is emphasis; the rest are terms.
"""

from __future__ import annotations

import re

from yinwen.text.attribution import Attribution

QUOTATION, TITLE, TERM, SPEECH, EMPHASIS = "quotation", "title", "term", "speech", "emphasis"
ROLES = (QUOTATION, TITLE, TERM, SPEECH, EMPHASIS)

# Nouns that, right after the closing mark, say the span names a thing of that kind.
TITLE_NOUNS = (
    "主题教育|学习教育|主题党日|主题活动|实践活动|系列活动|专项行动|活动|行动|工程|计划|项目|方案|实施方案|规划|"
    "课程|微课|党课|团课|思政课|讲堂|课堂|大讲堂|课|讲座|论坛|沙龙|研讨会|座谈会|报告会|分享会|交流会|推进会|动员会|"
    "大会|会议|恳谈会|培训会|培训班|研讨班|专题班|训练营|工作坊|工作室|大赛|比赛|竞赛|评比|评选|征文|赛项|展览|展|"
    "晚会|典礼|仪式|节|周|月|年活动|称号|荣誉称号|奖|奖项|奖章|示范校|示范学校|党建示范学校|先进集体|品牌|栏目|专栏|"
    "平台|公众号|丛书|一书|读本|教材|文件|通知|意见|决定|条例|规定|办法|纲要|报告|一文|文章|讲话|系列|号召|口号|"
    "大讨论|大调研|主题|题词|标语|校训|校歌|班级|中队|小组|团队|基地|联盟|共同体|社团|学苑|书院|班|"
    "概论|原理|导论|通论|纲要|教程|选读|读书班"
)
_TITLE_AFTER = re.compile(rf"^(?:[0-9一二三四五六七八九十]+(?:期|届|次))?(?!的)[^，,。、；;：:“”（）()\s]{{0,4}}?(?:{TITLE_NOUNS}|日)")
# A title however it is punctuated: 讲话题目为“…”, 以“…”为主题, 主题是“…”.
_TITLE_NAMED = re.compile(r"(?:题为|题目为|题目是|主题为|主题是|名为|命名为|标语是|口号是|校训是|主题词是)$")
_TITLE_BEFORE = re.compile(
    r"(?:题为|题目为|题目是|名为|名叫|叫做|称为|命名为|以|开展|举办|举行|召开|组织|参加|参与|推出|启动|实施|开设|开办|开启|"
    r"打造|创建|创设|设立|成立|荣获|获得|获评|获|评为|被评为|授予|被授予|入选|命名|主讲|讲授|承办|主办|观看|收看|"
    r"学习贯彻|学习|阅读|品读|研读|编写|出版|发布|印发|制定)"
    r"(?:了|过)?(?:[^，,。：:“”]{0,12}?)?$"
)
# A topic the speaker takes up: 围绕“…”谈几点体会, 结合“…”这个题目谈谈认识, 就“…”交流一下看法.
_TOPIC_BEFORE = re.compile(r"(?:围绕|结合|就|针对|关于|对照|紧扣)$")
_TOPIC_AFTER = re.compile(r"^(?:这个|这一|的)?(?:题目|主题|话题|课题|专题)|^(?:谈|讲|说|交流|汇报|分享|发言)")
_TITLE_SHAPE = re.compile(rf"(?:·|——|—|\||｜|[‘’《》])|(?:{TITLE_NOUNS})$")
# A concept the span names: …的精神, “…”这一原则, “…”理念 (never a saying: 的嘱托, 的重要论述 stay quotations).
_TERM_AFTER = re.compile(
    r"^(?:的|这一|这个|这种|之)?(?:[^，,。、；;：:“”\s的]{0,3}?)(?:精神|理念|要求|总要求|原则|方针|目标|标准|战略|路径|"
    r"思路|作风|传统|品格|品质|境界|情怀|担当|使命|初心使命|初心|本色|底色|导向|格局|内涵|意识|能力|本领|价值观|"
    r"观念|荣辱观|模式|机制|体系|方略|真谛|信心|决心|动力|态度|指向|措施|举措|水平|目标任务|总目标|发展战略|"
    r"经济模式|状态|转态|风格|风范|氛围|理想|追求|办学理念|校风|学风|教风|校训|光荣使命|口号|誓词|标语|座右铭)"
)
_NUMBERED = re.compile(r"^[一二三四五六七八九十两0-9]+(?:个|大|项|条|种|化|有|心|为|字|不|讲|严|实|维护|确立|自信|意识)")
_TERM_BEFORE = re.compile(
    r"(?:牢记|践行|坚持|落实|树立|增强|坚定|做到|贯彻|弘扬|发扬|传承|围绕|聚焦|突出|把握|当好|争做|争当|成为|实现|推进|"
    r"深化|强化|提升|构建|建设|做|当|争|秉承|秉持|恪守|遵循|体现|彰显|诠释|理解|领会|读懂|悟透|把|将|以|用|从|是|即|"
    r"所谓|何为|什么是|真正|始终|坚决|自觉|切实|努力|不断|更加|两个|三个|四个|五个)$"
)
_SENTENCE_PUNCTUATION = re.compile(r"[，,。；;！!？?：:]")
_SENTENCE_END = re.compile(r"[。；;！!？?：:]")
# A span this long is a quotation even with no other evidence; this short and plain, emphasis.
QUOTATION_MIN_CHARS = 16
EMPHASIS_MAX_CHARS = 3


def classify(text: str, start: int, end: int, attribution: Attribution) -> tuple[str, bool]:
    """The role of the quoted span text[start:end] (offsets exclude the marks), and whether the evidence for
    it is firm. A term or emphasis read from weak evidence (a verb such as 做到 before it, or only its short
    plain form) may still be an unmarked quotation of a line the corpus holds (我能做到“仰不愧天…”): the
    matcher looks, and calls it a quotation only when the wording points to one passage."""
    content = text[start:end]
    after = text[end + 1:end + 12]
    before = text[max(0, start - 1 - 16):max(0, start - 1)]
    plain = not _SENTENCE_PUNCTUATION.search(content)
    clause = not _SENTENCE_END.search(content)  # a phrase or clauses joined by commas, not sentences
    if _TITLE_NAMED.search(before.rstrip("：: ")) or (clause and _TITLE_AFTER.match(after)) \
            or (plain and _TITLE_SHAPE.search(content)) \
            or (plain and not attribution.attributed and _TOPIC_BEFORE.search(before) and _TOPIC_AFTER.match(after)):
        return TITLE, True
    introduced = attribution.attributed and attribution.position == "before" and before.rstrip().endswith(("：", ":"))
    if (clause and not introduced and _TERM_AFTER.match(after)) or (plain and _NUMBERED.match(content)):
        return TERM, True
    if attribution.attributed:
        return (SPEECH if attribution.private else QUOTATION), True
    if plain and _TITLE_BEFORE.search(before):
        return TITLE, True
    if clause and _TERM_BEFORE.search(before):
        return TERM, False
    chars = len(re.sub(r"\W", "", content))
    if not plain or chars >= QUOTATION_MIN_CHARS:
        return QUOTATION, False
    return (EMPHASIS if chars <= EMPHASIS_MAX_CHARS else TERM), False
