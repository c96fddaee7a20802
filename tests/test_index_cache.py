"""The persistent index: keyed by content, never trusted when damaged, safe with concurrent builders.

Every test builds a tiny corpus of its own in a temporary directory (milliseconds), so the real
cache and the bundled corpus are never touched.
"""

from __future__ import annotations

import json
import mmap
import multiprocessing
import os
import time
from pathlib import Path

import numpy as np
import pytest

from yinwen.corpus.cache import INDEX_FORMAT, content_fingerprint
from yinwen.corpus.store import index_dir, open_corpus, verify_index
from yinwen.match.candidates import search


@pytest.fixture(autouse=True)
def _english_notices():
    """The rebuild notices are read here in English (their Chinese form is tested with the catalog)."""
    from yinwen.messages import current_lang, use_lang

    before = current_lang()
    use_lang("en")
    yield
    use_lang(before)

SPEECH = """+++
id = "test-speech"
title = "在测试大会上的讲话"
speaker = "张三"
date = 2024-01-02
+++
以斗争求安全则安全存，以妥协求安全则安全亡。

为人民服务是我们党的根本宗旨，必须始终坚持。
"""
POEM = """+++
id = "test-poem"
title = "登高"
speaker = "杜甫"
dynasty = "唐"
kind = "poem"
+++
风急天高猿啸哀，渚清沙白鸟飞回。无边落木萧萧下，不尽长江滚滚来。万里悲秋常作客，百年多病独登台。艰难苦恨繁霜鬓，潦倒新停浊酒杯。
"""


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "speech.txt").write_text(SPEECH, encoding="utf-8")
    (corpus_dir / "poem.txt").write_text(POEM, encoding="utf-8")
    return corpus_dir, tmp_path / "cache"


def _only_index(cache: Path) -> Path:
    dirs = [p for p in (cache / "index").iterdir() if p.is_dir() and ".tmp-" not in p.name and ".old-" not in p.name]
    assert len(dirs) == 1, dirs
    return dirs[0]


def test_cached_index_is_reused_and_identical(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    built = open_corpus([corpus_dir], cache)
    stamp = (_only_index(cache) / "meta.json").stat().st_mtime_ns
    loaded = open_corpus([corpus_dir], cache)
    assert (_only_index(cache) / "meta.json").stat().st_mtime_ns == stamp  # not rebuilt
    assert loaded.fingerprint == built.fingerprint
    assert np.array_equal(loaded.arrays.norm, built.arrays.norm) and loaded.arrays.norm.dtype == np.uint16
    assert [s.id for s in loaded.sources] == [s.id for s in built.sources]
    assert sorted(s.id for s in loaded.sources) == ["test-poem", "test-speech"]
    assert isinstance(loaded.arrays.norm.base.obj, mmap.mmap)  # file-backed, not a copy
    assert not loaded.arrays.norm.flags.writeable
    assert verify_index(_only_index(cache)) == []


def test_changed_source_invalidates_the_index(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    before = open_corpus([corpus_dir], cache)
    assert search(before, "以妥协求安全则安全亡")[0].cost == 0
    edited = SPEECH.replace("以妥协求安全", "以退让求安全")
    speech = corpus_dir / "speech.txt"
    speech.write_text(edited, encoding="utf-8")
    # Same size is not enough to fool the manifest: mtime and content both count.
    after = open_corpus([corpus_dir], cache)
    assert after.fingerprint != before.fingerprint
    assert after.fingerprint == content_fingerprint([corpus_dir])
    best = search(after, "以妥协求安全则安全亡")[0]
    assert best.cost > 0
    assert search(after, "以退让求安全则安全亡")[0].cost == 0
    # The stale index of the old content is pruned, not left behind.
    assert not index_dir(cache, before.fingerprint).exists()
    assert _only_index(cache) == index_dir(cache, after.fingerprint)


def test_same_size_same_mtime_edit_detected_via_inode_or_hash(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    before = open_corpus([corpus_dir], cache)
    speech = corpus_dir / "speech.txt"
    info = speech.stat()
    replacement = corpus_dir / "speech.new"
    replacement.write_text(SPEECH.replace("根本宗旨", "基本宗旨"), encoding="utf-8")
    os.utime(replacement, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(replacement, speech)  # a new inode: editors that save by renaming do this
    assert speech.stat().st_size == info.st_size
    after = open_corpus([corpus_dir], cache)
    assert after.fingerprint != before.fingerprint


def test_added_source_invalidates_the_index(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    before = open_corpus([corpus_dir], cache)
    more = "+++\nid = \"more\"\ntitle = \"补充\"\n+++\n实事求是是马克思主义的精髓。\n\n" \
        "坚持实事求是，就要深入调查研究，一切从实际出发，理论联系实际，在实践中检验真理和发展真理。\n"
    (corpus_dir / "more.txt").write_text(more, encoding="utf-8")
    after = open_corpus([corpus_dir], cache)
    assert len(after.sources) == len(before.sources) + 1
    assert search(after, "实事求是是马克思主义的精髓")[0].cost == 0


def _damage_truncate(directory: Path) -> None:
    path = directory / "positions.bin"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _damage_zeroed_array(directory: Path) -> None:
    # The attack that once made every run pass silently: same size, all zeros.
    path = directory / "positions.bin"
    path.write_bytes(b"\x00" * path.stat().st_size)


def _damage_flipped_bytes(directory: Path) -> None:
    path = directory / "norm.bin"
    data = bytearray(path.read_bytes())
    for at in range(3, len(data), 97):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))


def _damage_meta(directory: Path) -> None:
    (directory / "meta.json").write_text("{not json", encoding="utf-8")


def _damage_old_format(directory: Path) -> None:
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    meta["format"] = INDEX_FORMAT - 1
    (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _damage_missing_file(directory: Path) -> None:
    (directory / "src_norm.bin").unlink()


def _damage_source_table(directory: Path) -> None:
    path = directory / "table_blob.bin"
    path.write_bytes(path.read_bytes()[:-10])


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_zeroed_array, _damage_flipped_bytes, _damage_meta,
                                    _damage_old_format, _damage_missing_file, _damage_source_table])
def test_damaged_index_is_rebuilt_not_trusted(tiny: tuple[Path, Path], damage, capfd) -> None:
    corpus_dir, cache = tiny
    good = open_corpus([corpus_dir], cache)
    expected = good.norm_text(0, len(good.arrays.norm))
    directory = _only_index(cache)
    damage(directory)
    rebuilt = open_corpus([corpus_dir], cache)
    assert rebuilt.norm_text(0, len(rebuilt.arrays.norm)) == expected
    assert search(rebuilt, "不尽长江滚滚来")[0].cost == 0
    assert "rebuilding" in capfd.readouterr().err
    # And the rebuilt cache is healthy again: a third open loads it silently.
    again = open_corpus([corpus_dir], cache)
    assert again.fingerprint == good.fingerprint
    assert verify_index(_only_index(cache)) == []
    assert capfd.readouterr().err == ""


def _keep_stat(path: Path, change) -> None:
    """Change a file's bytes in place, then put its modification time back (as bit rot would)."""
    info = path.stat()
    with path.open("r+b") as handle:
        change(handle)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_sampled_check_catches_a_zeroed_array_even_with_its_mtime_restored(tiny: tuple[Path, Path], capfd) -> None:
    corpus_dir, cache = tiny
    open_corpus([corpus_dir], cache)
    directory = _only_index(cache)
    path = directory / "positions.bin"
    size = path.stat().st_size
    _keep_stat(path, lambda handle: handle.write(b"\x00" * size))
    rebuilt = open_corpus([corpus_dir], cache)
    assert "positions damaged" in capfd.readouterr().err
    assert search(rebuilt, "以妥协求安全则安全亡")[0].cost == 0


def test_a_copied_index_is_checked_in_full_once(tiny: tuple[Path, Path], capfd) -> None:
    """Files whose (size, mtime, inode) moved (a restored CI cache): every block checked, then remembered."""
    corpus_dir, cache = tiny
    open_corpus([corpus_dir], cache)
    directory = _only_index(cache)
    for path in directory.glob("*.bin"):
        path.write_bytes(path.read_bytes())  # same bytes, new mtime
    assert open_corpus([corpus_dir], cache).fingerprint
    assert (directory / "verified.json").exists()
    assert capfd.readouterr().err == ""


def test_staging_left_by_a_killed_build_is_removed(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    corpus = open_corpus([corpus_dir], cache)
    parent = _only_index(cache).parent
    host = os.uname().nodename.replace("-", "_")
    dead = subprocess_pid_that_exited()
    left = [parent / f"{_only_index(cache).name}.tmp-{host}-{dead}-abc123",
            parent / f"{'f' * 40}.tmp-{host}-{dead}-def456"]
    alive = parent / f"{'e' * 40}.tmp-{host}-{os.getpid()}-ghi789"
    for directory in left + [alive]:
        directory.mkdir()
        (directory / "positions.bin").write_bytes(b"x" * 1000)
    open_corpus([corpus_dir], cache, rebuild=True)
    assert not any(directory.exists() for directory in left)
    assert alive.exists()  # a build still running in this very process is left alone
    assert corpus.fingerprint


def subprocess_pid_that_exited() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_verify_index_finds_a_flipped_byte(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    open_corpus([corpus_dir], cache)
    directory = _only_index(cache)
    path = directory / "orig.bin"
    _keep_stat(path, lambda handle: (handle.seek(path.stat().st_size - 1), handle.write(b"\x7f")))
    assert verify_index(directory) == ["orig: checksum differs"]


def test_unwritable_cache_still_works(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, _ = tiny
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    corpus = open_corpus([corpus_dir], blocker / "cache")
    assert search(corpus, "无边落木萧萧下")[0].cost == 0


def _build_in_child(corpus_dir: str, cache: str, queue) -> None:
    corpus = open_corpus([Path(corpus_dir)], Path(cache))
    queue.put(corpus.fingerprint)


def test_concurrent_builders_do_not_corrupt(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_build_in_child, args=(str(corpus_dir), str(cache), queue)) for _ in range(3)]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 120
    for worker in workers:
        worker.join(max(1.0, deadline - time.monotonic()))
        assert worker.exitcode == 0
    prints = {queue.get(timeout=5) for _ in workers}
    assert len(prints) == 1
    directory = index_dir(cache, prints.pop())
    assert verify_index(directory) == []
    assert not [p for p in directory.parent.iterdir() if ".tmp-" in p.name]


def test_stat_walk_sees_exactly_the_source_files(tmp_path: Path) -> None:
    """The fast walk behind the stat manifest must track every file the fingerprint hashes."""
    from yinwen.corpus.cache import _entries, _walk_sources
    from yinwen.resources import bundled_corpus_dir

    root = tmp_path / "c"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for name in ["a.txt", "nested/b.md", "nested/deeper/c.jsonl", "nested/deeper/SOURCES.toml", "README.md",
                 ".hidden/d.txt", "nested/.e.txt", "notes.docx", "LICENSE.txt", "Upper.TXT"]:
        (root / name).write_text("x", encoding="utf-8")
    for directory in (root, bundled_corpus_dir()):
        expected = {str(path) for path, name in _entries([directory]) if name != "\x00dir"}
        assert set(_walk_sources(directory)) == expected
    assert str(root / "nested" / "deeper" / "SOURCES.toml") in _walk_sources(root)


def test_write_failure_midway_still_answers(tiny: tuple[Path, Path], monkeypatch, capfd) -> None:
    """A disk that fills up while the index is written: a one-line notice, and the corpus from memory."""
    from yinwen.corpus import arrayfiles

    corpus_dir, cache = tiny
    calls = {"n": 0}
    original = arrayfiles.FileSink.append

    def failing_append(self, name, array):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        original(self, name, array)

    monkeypatch.setattr(arrayfiles.FileSink, "append", failing_append)
    corpus = open_corpus([corpus_dir], cache)
    assert search(corpus, "不尽长江滚滚来")[0].cost == 0
    assert "No space left on device" in capfd.readouterr().err
    assert not [p for p in (cache / "index").iterdir() if p.is_dir()]


def test_work_names_are_known_from_the_cache_and_from_memory(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    built = open_corpus([corpus_dir], cache)
    reopened = open_corpus([corpus_dir], cache)
    for corpus in (built, reopened):
        assert corpus.names_work("登高") and corpus.names_work("在测试大会上的讲话")
        assert not corpus.names_work("春望") and not corpus.names_work("登高楼")
    (_only_index(cache) / "works.bin").write_bytes(b"damaged")
    repaired = open_corpus([corpus_dir], cache)  # detected, rebuilt, not trusted
    assert repaired.names_work("登高")


def test_a_build_removes_old_format_indexes_left_by_an_upgrade(tiny: tuple[Path, Path]) -> None:
    corpus_dir, cache = tiny
    month_ago = time.time() - 40 * 86400
    leftovers = {}
    for name, fmt, age in (("a" * 40, INDEX_FORMAT - 1, month_ago), ("b" * 40, INDEX_FORMAT - 1, time.time()),
                           ("c" * 40, INDEX_FORMAT, month_ago)):
        directory = cache / "index" / name
        directory.mkdir(parents=True)
        (directory / "positions.bin").write_bytes(b"x" * 1000)
        (directory / "meta.json").write_text(json.dumps({"magic": "yinwen-index", "format": fmt}), encoding="utf-8")
        os.utime(directory / "meta.json", (age, age))
        leftovers[name] = directory
    corpus = open_corpus([corpus_dir], cache)
    assert corpus.chars > 0
    assert not leftovers["a" * 40].exists()  # another format, a month old: an upgrade's leftover
    assert leftovers["b" * 40].exists()  # another format, recent: maybe a second installed version
    assert leftovers["c" * 40].exists()  # our format: another corpus's index
    assert len([p for p in (cache / "index").iterdir() if p.is_dir()]) == 3


def test_a_build_killed_with_sigkill_leaves_no_staging_behind(tmp_path: Path) -> None:
    """The attack of issue 20: kill -9 during a build of the bundled corpus, then run again."""
    import signal
    import subprocess
    import sys

    from yinwen.resources import bundled_corpus_dir

    cache = tmp_path / "cache"
    code = "import sys; from pathlib import Path; from yinwen.corpus.store import open_corpus; " \
           "open_corpus([Path(sys.argv[1])], Path(sys.argv[2]))"
    builder = subprocess.Popen([sys.executable, "-c", code, str(bundled_corpus_dir()), str(cache)])
    deadline = time.monotonic() + 120
    staging: list[Path] = []
    while time.monotonic() < deadline and not staging and builder.poll() is None:
        time.sleep(0.05)
        staging = [p for p in (cache / "index").glob("*.tmp-*") if any(p.iterdir())] if (cache / "index").is_dir() else []
    builder.send_signal(signal.SIGKILL)
    builder.wait()
    if not staging:
        pytest.skip("the build finished before it could be killed")
    assert staging[0].exists()  # left behind by the dead build
    corpus = open_corpus([bundled_corpus_dir()], cache)
    assert corpus.chars > 0
    assert not list((cache / "index").glob("*.tmp-*"))
