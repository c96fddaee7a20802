"""``yinwen check --jobs N`` gives exactly the report of ``--jobs 1``, in the same order, with the same exit code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REAL_DRAFTS, ROOT, SEED


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real drafts in nested folders, plus inputs that become diagnostics rather than checks."""
    root = tmp_path_factory.mktemp("batch")
    for number, draft in enumerate(sorted(REAL_DRAFTS.glob("*.txt"))):
        folder = root / f"group{number % 3}"
        folder.mkdir(exist_ok=True)
        shutil.copy(draft, folder / draft.name)
    shutil.copy(SEED, root / SEED.name)
    (root / "binary.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 20)
    (root / "gbk.txt").write_bytes("他说：“不忘初心，牢记使命。”".encode("gb18030"))
    (root / "empty.txt").write_bytes(b"")
    return root


def _run(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "yinwen", "check", *args], capture_output=True, env=env, timeout=300)


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_jobs_output_identical_to_serial(batch: Path, output_format: str) -> None:
    missing = str(batch / "does-not-exist.txt")
    args = [str(batch), missing, "--format", output_format, "--no-color"]
    serial = _run(args + ["--jobs", "1"])
    parallel = _run(args + ["--jobs", "2"])
    assert serial.returncode == 2  # the missing path is a usage error, whatever the jobs
    assert parallel.returncode == serial.returncode
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    assert serial.stdout.count(b"group") >= 20


def test_parallel_function_matches_runner(batch: Path) -> None:
    from yinwen.cli.parallel import check_paths_parallel
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings
    from yinwen.report import RenderOptions, formatter

    settings = Settings()
    serial = check_paths([str(batch)], settings)
    parallel = check_paths_parallel([str(batch)], settings, jobs=3)
    render = formatter("json")
    assert [f.path for f in parallel.files] == [f.path for f in serial.files]
    assert render(parallel, RenderOptions()) == render(serial, RenderOptions())
    assert sum(len(f.matches) for f in serial.files) > 100


def test_spawn_workers_reopen_the_cached_index(batch: Path, monkeypatch) -> None:
    """Where fork is unavailable (macOS default, Windows) workers open the cached index themselves."""
    import multiprocessing

    from yinwen.cli import parallel
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings
    from yinwen.report import RenderOptions, formatter

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    drafts = [str(p) for p in sorted(batch.glob("group0/*.txt"))]
    settings = Settings()
    parallel_report = parallel.check_paths_parallel(drafts, settings, jobs=2)
    serial = check_paths(drafts, settings)
    render = formatter("json")
    assert render(parallel_report, RenderOptions()) == render(serial, RenderOptions())
