"""The progress bar: on stderr for a person at a terminal, never in machine formats or pipes."""

from __future__ import annotations

import io

from tests._cli import CLEAN_TEXT, run_cli


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wanted_only_for_text_on_a_terminal():
    from yinwen.cli.progress import wanted

    assert wanted("text", FakeTerminal())
    assert not wanted("text", io.StringIO())
    for name in ("json", "sarif", "github", "rdjson"):
        assert not wanted(name, FakeTerminal())
    assert not wanted("text", FakeTerminal(), enabled=False)


def test_bar_draws_for_a_batch_and_not_for_a_few_files(corpus, tmp_path):
    from yinwen.cli.progress import Bar
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings

    for index in range(6):
        (tmp_path / f"d{index}.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    stream = FakeTerminal()
    with Bar(stream) as bar:
        report = check_paths([str(tmp_path)], Settings(), corpus=corpus, progress=bar)
    assert len(report.files) == 6
    assert "6/6" in stream.getvalue()
    few = FakeTerminal()
    with Bar(few) as bar:
        check_paths([str(tmp_path / "d0.txt")], Settings(), corpus=corpus, progress=bar)
    assert few.getvalue() == ""


def test_no_bar_when_not_a_terminal(tmp_path):
    for index in range(6):
        (tmp_path / f"d{index}.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.code == 0 and result.stderr == ""
