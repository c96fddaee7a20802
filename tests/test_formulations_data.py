"""data/formulations.toml: at least 40 formulations, each cited to a corpus source that states it."""

from __future__ import annotations

import pytest

from yinwen.rules.formulation_table import FormulationError, load_formulations
from yinwen.text.normalize import normalize_text


def test_at_least_forty():
    assert len(load_formulations()) >= 40


def test_names_from_the_issue_are_present():
    names = {f.name for f in load_formulations()}
    wanted = {"两个确立", "四个意识", "四个自信", "两个维护", "三个务必", "六个必须坚持", "五个必由之路", "五位一体",
              "四个全面", "新发展理念", "以学铸魂、以学增智、以学正风、以学促干", "学思想、强党性、重实践、建新功"}
    assert wanted <= names


@pytest.mark.parametrize("formulation", load_formulations(), ids=lambda f: f.name)
def test_cited_sentence_stands_in_the_cited_source_with_every_member_in_order(corpus, formulation):
    from yinwen.corpus.search import exact_occurrences

    sentence = normalize_text(formulation.sentence)
    hits = exact_occurrences(corpus, sentence, limit=5)
    assert hits, formulation.name
    assert formulation.source in {corpus.sources[corpus.source_of_norm(h)].id for h in hits}
    position = 0
    for member in formulation.norm_members():
        position = sentence.find(member, position)
        assert position >= 0, (formulation.name, member)
        position += len(member)


def test_user_file_extends_the_table(tmp_path, check_text):
    from yinwen.config.settings import Settings

    extra = tmp_path / "mine.toml"
    extra.write_text('[[formulation]]\nname = "三个绝不"\nmembers = ["绝不吃老本", "绝不摆架子", "绝不图虚名"]\n',
                     encoding="utf-8")
    assert "三个绝不" in {f.name for f in load_formulations((extra,))}
    report = check_text("我们要绝不吃老本、绝不耍架子、绝不图虚名。", settings=Settings(formulations=(extra,)))
    assert [d.message for d in report.diagnostics if d.code == "YW301"] == ["“三个绝不”的表述有误：“绝不耍架子”应为“绝不摆架子”"]


def test_a_broken_user_file_is_an_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[formulation]]\nname = "一个"\nmembers = ["只有一个"]\n', encoding="utf-8")
    with pytest.raises(FormulationError):
        load_formulations((bad,))


def test_official_texts_state_their_formulations_correctly():
    """The corpus's own speeches and reports (not the classics or Mao's works) raise no YW301."""
    from tests.conftest import ROOT
    from yinwen.rules import Context
    from yinwen.rules.formulation import MisstatedFormulation
    from yinwen.text.document import Document
    from yinwen.text.quotes import extract_quotes

    paths = sorted((ROOT / "data" / "corpus" / "modern").glob("xi-*.txt")) + \
        sorted((ROOT / "data" / "corpus" / "modern").glob("cpc-*.txt"))
    assert len(paths) >= 40
    found = []
    for path in paths:
        document = Document.from_text(path.name, path.read_text(encoding="utf-8").split("+++", 2)[-1])
        found += [(path.name, d.message) for d in MisstatedFormulation().check(Context(document, extract_quotes(document), [], None))]
    assert found == []
