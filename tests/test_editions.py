"""Edition variants (data/variants-editions.toml, and a user's own file): either reading is right."""

from __future__ import annotations

import tomllib

from tests._cli import run_cli
from yinwen.resources import data_dir


def test_the_bundled_table_names_work_both_readings_and_a_reference() -> None:
    entries = tomllib.loads((data_dir() / "variants-editions.toml").read_text(encoding="utf-8"))["variant"]
    assert len(entries) >= 60
    for entry in entries:
        assert entry["work"] and entry["corpus"] != entry["variant"] and entry["reference"], entry


def test_a_users_own_variant_is_accepted_with_its_reference(tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("李白诗云：“床前明月光，疑似地上霜。”\n", encoding="utf-8")
    before = run_cli("check", str(draft), "--format", "json")
    assert before.code == 1
    table = tmp_path / "ours.toml"
    table.write_text('[[variant]]\nwork = "静夜思"\ncorpus = "疑是地上霜"\nvariant = "疑似地上霜"\n'
                     'reference = "本单位校对规范"\n', encoding="utf-8")
    after = run_cli("check", str(draft), "--format", "json", "--editions", str(table))
    assert after.code == 0
    assert '"code": "YW106"' in after.stdout and "本单位校对规范" in after.stdout
    (tmp_path / "yinwen.toml").write_text(f'editions = ["{table.name}"]\n', encoding="utf-8")
    assert run_cli("check", str(draft)).code == 0


def test_a_broken_table_is_one_line_and_exit_2(tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("李白诗云：“床前明月光，疑似地上霜。”\n", encoding="utf-8")
    table = tmp_path / "bad.toml"
    table.write_text('[[variant]]\nwork = "x"\ncorpus = ""\n', encoding="utf-8")
    result = run_cli("check", str(draft), "--editions", str(table))
    assert result.code == 2
    assert "bad.toml" in result.stderr and "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_two_listed_readings_in_one_quote_are_one_edition(check_text) -> None:
    """李益's 回乐烽前沙似雪，受降城外月如霜 carries two listed readings (烽, 外) at once: an edition, not a
    poem by someone else."""
    codes = [d.code for d in check_text("李益在《夜上受降城闻笛》中写道：“回乐烽前沙似雪，受降城外月如霜。”\n").diagnostics]
    assert codes == ["YW106"]


def test_the_named_poems_other_edition_is_found_when_the_closest_wording_is_a_third(check_text) -> None:
    """千家诗 prints 芳草萋萋鹦鹉州, 唐诗三百首 春草萋萋鹦鹉洲: the textbook 芳草…洲 is 唐诗三百首's line
    with a listed reading, not a misquote of 千家诗's 州."""
    codes = [d.code for d in check_text("崔颢在《黄鹤楼》中写道：“晴川历历汉阳树，芳草萋萋鹦鹉洲。”\n").diagnostics]
    assert codes == ["YW106"]


def test_a_listed_reading_that_is_the_whole_line_is_applied(check_text) -> None:
    """小扣柴扉久不开 / 十扣柴门九不开 differ almost throughout: the quote holds the whole listed reading."""
    codes = [d.code for d in check_text("叶绍翁在《游园不值》中写道：“应怜屐齿印苍苔，小扣柴扉久不开。”\n").diagnostics]
    assert codes == ["YW106"]
