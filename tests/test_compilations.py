"""A compilation of several people's texts (述职报告汇编): shared boilerplate across authors is no repeat.

The real drafts are 绍兴一中's yearly compilations of its leaders' reports, each under its author's
name on a line of its own; the synthetic ones isolate the rule.
"""

from __future__ import annotations

from tests.conftest import REAL_DRAFTS
from yinwen.rules.bylines import part_starts, same_part

CLOSING = "我也诚恳接受领导与同志们对我的评议意见，努力在今后的工作中切实予以改进，不断提升服务能力。"
BODY = ("一年来，我认真履行岗位职责，带头学习党的创新理论，推动分管工作取得新进展。"
        "在德育方面，组织开展主题班会评比，指导学生社团开展志愿服务活动四十余次。"
        "在财务方面，严格执行预算管理制度，规范报销流程，全年未发生违规支出。"
        "在工会方面，关心教职工生活，组织健步走和读书分享等活动，增强了队伍凝聚力。"
        "在党建方面，落实“三会一课”制度，讲授专题党课两次，带领支部完成年度考核。")


OTHER = ("本年度我主要负责教学管理和教科研工作，推进课堂教学改革，组织青年教师赛课活动。"
         "学校承办了市级教研活动三次，教师在各级比赛中获奖二十余人次，课题立项数量创新高。"
         "在后勤方面，完成了食堂改造和校园绿化提升，师生满意度明显提高。"
         "在安全方面，落实校园安全责任制，每月开展隐患排查，组织应急疏散演练四次，全年无安全责任事故。")


def _report(name: str, body: str = BODY) -> str:
    return f"2023年度述职述廉报告\n{name}\n{body}\n{CLOSING}\n"


def _repeats(check_text, text: str) -> list:
    return [d for d in check_text(text).diagnostics if d.code == "YW202"]


def test_each_authors_report_is_compared_only_with_itself(check_text) -> None:
    compilation = _report("王  琛") + _report("孙洪亮", OTHER)
    assert len(part_starts(compilation)) == 3
    assert _repeats(check_text, compilation) == []


def test_one_writer_pasting_a_sentence_twice_is_still_reported(check_text) -> None:
    single = _report("孙洪亮") + "二、存在问题\n" + OTHER + "\n" + CLOSING + "\n"
    assert part_starts(single) == [0]
    found = _repeats(check_text, single)
    assert found and CLOSING.rstrip("。") in found[0].quote


def test_the_same_sentence_twice_within_one_authors_part_is_reported(check_text) -> None:
    compilation = _report("王  琛", BODY + CLOSING) + _report("孙洪亮", OTHER)
    found = _repeats(check_text, compilation)
    starts = part_starts(compilation)
    assert found and all(same_part(starts, d.span.start, compilation.index(d.related[0][0])) for d in found)


def test_labels_and_headings_that_begin_with_a_surname_are_not_bylines() -> None:
    labels = "".join(f"原句\n{BODY}\n解读\n{BODY}\n" for _ in range(2))
    assert part_starts(labels) == [0]  # a name on its own line twice is a label
    headings = f"党建\n{BODY}\n方法\n{BODY}\n"
    assert part_starts(headings) == [0]  # dictionary words, not names
    short = "王琛\n一句话。\n孙洪亮\n一句话。\n"
    assert part_starts(short) == [0]  # a byline heads a text of some length


def test_the_real_compilations_split_at_their_authors() -> None:
    for name, authors in (("sx-2022-01-25-shuzhi-baogao-2021.txt", ["王琛", "孙洪亮", "蒋明", "俞奇弘"]),
                          ("sx-2020-01-16-shuzhi-baogao-2019.txt", ["孙洪亮", "蒋明", "俞奇弘"])):
        text = (REAL_DRAFTS / name).read_text(encoding="utf-8")
        lines = [text[start:].split("\n", 1)[0] for start in part_starts(text)[1:]]
        assert [next(a for a in authors if a in line.replace(" ", "")) for line in lines] == authors


FORMULA = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，深入贯彻落实全国教育大会精神"


def test_the_guiding_thought_formula_restated_in_review_and_plan_is_no_repeat(check_text) -> None:
    text = f"2024年，市教育局{FORMULA}，扎实推进各项工作。\n\n2025年，市教育局将{FORMULA}，重点抓好以下工作。\n"
    assert _repeats(check_text, text) == []


def test_a_sentence_pasted_twice_is_reported_even_when_it_opens_with_the_formula(check_text) -> None:
    sentence = f"市教育局{FORMULA}，扎实推进教育高质量发展，各项工作取得了显著成效。"
    assert _repeats(check_text, f"{sentence}\n{BODY}\n{sentence}\n")
