"""Who a draft credits with a quotation: the cue forms real drafts use (issue 13, pattern 4)."""

from __future__ import annotations

import pytest

from yinwen.text.document import Document
from yinwen.text.quotes import extract_quotes


def attributions(text: str) -> list[tuple[str | None, str]]:
    quotes = extract_quotes(Document.from_text("draft.txt", text)).quotes
    return [(quote.attribution.who, quote.role) for quote in quotes]


@pytest.mark.parametrize("text, who", [
    ("习近平总书记提出的“以学铸魂、以学增智、以学正风、以学促干”，是主题教育的总要求。", "习近平"),
    ("习近平总书记在考察时强调，要站稳人民立场。他说，“江山就是人民，人民就是江山。”", "习近平"),
    ("总书记来到村里。他语重心长地说：“乡亲们的日子会越过越好。”", "习近平"),
    ("总书记勉励我们：“青年一代有理想、有本领、有担当，国家就有前途。”", "习近平"),
    ("我们要时刻牢记总书记“心中有党、心中有民、心中有责、心中有戒”的嘱托。", "习近平"),
    ("“江山就是人民，人民就是江山。”习近平总书记这样说。", "习近平"),
    ("毛泽东同志指出，要“实事求是，从实际出发”。", "毛泽东"),
    ("“不做调查没有发言权。”——毛泽东", "毛泽东"),
    ("习近平同志还曾以“贪如火，不遏则自焚”“堤溃蚁穴，气泄针芒”等古语告诫干部。", "习近平"),
    # How drafts introduce a poet's lines (fresh-draft hunt): 所写, 有两句诗, 的诗句/的名句, 的话……共勉.
    ("正如杜甫诗中所写：“会当凌绝顶，一览众山小。”", "杜甫"),
    ("王安石有两句诗：“不识庐山真面目，只缘身在此山中。”", "王安石"),
    ("苏轼的名句“不识庐山真面目，只缘身在此山中”告诉我们要跳出局限。", "苏轼"),
    ("用毛泽东同志在《改造我们的学习》中的话和大家共勉：“没有调查，没有发言权。”", "毛泽东"),
])
def test_the_cue_names_the_speaker(text: str, who: str) -> None:
    assert [found for found, _ in attributions(text)][0] == who
    assert attributions(text)[0][1] == "quotation"


def test_a_run_of_quotations_shares_its_cue() -> None:
    text = "习近平同志还曾以“贪如火，不遏则自焚”“堤溃蚁穴，气泄针芒”“苟非吾之所有，虽一毫而莫取”等提出过告诫。"
    assert [who for who, _ in attributions(text)] == ["习近平", "习近平", "习近平"]


def test_the_listener_is_not_the_speaker() -> None:
    (found,) = attributions("我对总书记说：“我们一定把家乡建设好。”")
    assert found == ("我", "speech")


def test_a_colon_cue_after_a_quotation_introduces_the_next_one() -> None:
    text = "“先天下之忧而忧，后天下之乐而乐。”党的二十大报告指出：“时代呼唤着我们，人民期待着我们。”"
    first, second = attributions(text)
    assert first[0] is None and second[0] == "习近平"


def test_someone_else_the_tables_do_not_know_is_kept_as_written() -> None:
    (found,) = attributions("列宁指出：“党是阶级的先进觉悟阶层。”")
    assert found == ("列宁", "quotation")
    (student,) = attributions("座谈会上，学生代表李明说：“我一定刻苦学习。”")
    assert student[1] == "speech"


@pytest.mark.parametrize("text", [
    "孟子曰：“老吾老，以及人之老。”",
    "孟轲说：“老吾老，以及人之老。”",
    "亚圣说：“老吾老，以及人之老。”",
])
def test_a_philosopher_by_any_of_his_names(text: str) -> None:
    assert attributions(text)[0][0] == "孟子"


def test_a_work_inside_a_title_names_no_work() -> None:
    """党章 inside 《认真学习党章 严格遵守党章》 is part of a speech's title, not the 党章 itself."""
    text = "他在《认真学习党章 严格遵守党章》的讲话中指出：“凡是党章规定党员必须做到的，领导干部要首先做到。”"
    quotes = extract_quotes(Document.from_text("d.txt", text)).quotes
    assert quotes[0].attribution.work_id is None
    assert quotes[0].attribution.title == "认真学习党章 严格遵守党章"


def test_traditional_script_cues_are_read() -> None:
    assert attributions("習近平總書記說：“江山就是人民，人民就是江山。”")[0][0] == "习近平"


@pytest.mark.parametrize("text, who, role", [
    # A person the narrative introduces after the leader is whom 他/她 stands for.
    ("习近平总书记指出：“打铁必须自身硬。”班上有个孩子叫小宇。他在作文里写道：“吴老师就像我的姐姐。”", "小宇", "speech"),
    ("习近平总书记指出：“打铁必须自身硬。”团支书李婷婷作了分享，她说：“我们要把个人理想融入国家的发展。”",
     "支书", "quotation"),
    # A name the narrative goes on about (黄文秀的事迹, 郑国强结合我市实际).
    ("陆游说“纸上得来终觉浅，绝知此事要躬行”。下面介绍“时代楷模”黄文秀的事迹。她在日记中写道：“我是党员，我要坚守在第一线。”",
     "黄文秀", "speech"),
    ("习近平总书记强调：“打铁必须自身硬。”郑国强结合我市实际提出要求。他说：“全市各级党组织要把责任扛在肩上。”",
     "郑国强", "speech"),
    # A name that only owns something (读毛主席的书) is no antecedent beside the sentence's own person.
    ("老支书张明同志最爱读毛主席的书。他说：“这件事我们老同志要带头做到。”", "同志", "quotation"),
    # ... but not someone named inside the leader's own sentence (给学生的回信).
    ("习近平总书记在给学生的回信中说：“你们的来信我收到了。”他强调：“青年一代有理想、有本领、有担当，国家就有前途。”",
     "习近平", "quotation"),
])
def test_a_pronoun_stands_for_the_last_person_introduced(text: str, who: str, role: str) -> None:
    assert attributions(text)[-1] == (who, role)


def test_a_local_office_holders_words_are_neither_unverified_nor_someone_elses(check_text) -> None:
    """局长 repeating 习近平's words said them too; 张主任's instructions have no published original. A
    classical line they recite is still checked against the classic."""
    codes = [d.code for d in check_text("局长在会上强调：“全面从严治党永远在路上。”张主任说：“这个月的报表明天一定要交上来。”\n")
             .diagnostics]
    assert "YW103" not in codes and "YW105" not in codes
    recited = check_text("李颖部长强调，“士不可不弘毅，任重而道远”，天下大事必作于细。\n").diagnostics
    assert [d.code for d in recited] == ["YW101"]


@pytest.mark.parametrize("text", [
    "党委书记王建华在动员会上说：“幸福都是奋斗出来的，奋斗本身就是一种幸福。”",  # not 王建
    "居民张先生说：“小区环境比以前好多了。”",  # not 张先
    "网格员刘过说：“小区环境比以前好多了。”",  # a modern role before the name
    "退休教师宋祁说：“小区环境比以前好多了。”",
])
def test_a_modern_person_is_not_the_classical_author_whose_name_they_share(check_text, text: str) -> None:
    assert not [d.code for d in check_text(text + "\n").diagnostics if d.code in ("YW103", "YW105")]


def test_a_term_after_a_quotation_that_ended_its_sentence_is_not_in_its_run() -> None:
    found = attributions("孔子说：“己所不欲，勿施于人。”“换位思考”是为人处世之道。")
    assert found[0] == ("孔子", "quotation") and found[1][0] is None


@pytest.mark.parametrize("text", [
    "常言道，“一口吃不成胖子”。",  # only in a speech, without marks: not "someone else's"
    "老话说：“一分耕耘，一分收获。”",
    "俗话说：“光说不练假把式。”",  # in no source: not "unverified"
])
def test_a_folk_saying_claims_no_source(check_text, text: str) -> None:
    assert not [d.code for d in check_text(text + "\n").diagnostics if d.code in ("YW103", "YW105")]


@pytest.mark.parametrize("text", [
    "我围绕“深刻把握中国式现代化的本质要求”谈几点体会。",
    "下面我围绕“全面把握中国式现代化的本质要求”这个题目谈谈认识。",
])
def test_a_topic_the_speaker_takes_up_is_a_title_not_a_quotation(check_text, text: str) -> None:
    (quote,) = extract_quotes(Document.from_text("draft.txt", text)).quotes
    assert quote.role == "title"
    assert not [d.code for d in check_text(text + "\n").diagnostics if d.code.startswith("YW10")]
