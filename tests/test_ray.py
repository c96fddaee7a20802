"""Ray, on a local cluster of 2 CPUs: files over 2 worker actors, and a corpus in 2 shards, each
writing byte for byte the report of one process with one index (the public eval and the real drafts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._cli import run_cli
from tests.conftest import EVAL_CASES, REAL_DRAFTS

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _report(*args: str) -> str:
    result = run_cli("check", "--format", "json", *args)
    assert result.code in (0, 1), result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def eval_subset(tmp_path_factory) -> Path:
    """Every fourth public eval case (the whole set costs minutes through shard round trips)."""
    folder = tmp_path_factory.mktemp("eval")
    for path in sorted(EVAL_CASES.glob("*.txt"))[::4]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.mark.parametrize("which", ["real-drafts", "eval"])
def test_ray_workers_write_the_report_of_one_process(cluster, corpus, eval_subset, which) -> None:
    inputs = str(REAL_DRAFTS if which == "real-drafts" else EVAL_CASES)
    single = _report("--jobs", "1", inputs)
    assert '"verdict": "misquote"' in single
    assert _report("--ray", "local", "--workers", "2", inputs) == single


@pytest.mark.parametrize("which", ["real-drafts", "eval"])
def test_two_shards_give_the_verdicts_of_one_index(cluster, corpus, eval_subset, which) -> None:
    inputs = str(REAL_DRAFTS if which == "real-drafts" else eval_subset)
    assert _report("--shards", "2", inputs) == _report(inputs)


def test_workers_that_cannot_see_the_index_receive_it(cluster, corpus, tmp_path) -> None:
    """A worker on a machine without the cache gets the index through the object store."""
    import shutil

    from yinwen.cachedir import cache_root
    from yinwen.cli.ray_cluster import SHIPPED, check_paths_ray
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings
    from yinwen.corpus.store import index_dir
    from yinwen.report import RenderOptions, formatter

    shutil.rmtree(index_dir(SHIPPED, corpus.fingerprint), ignore_errors=True)  # no copy from an earlier run
    elsewhere = Settings(cache_dir=tmp_path / "empty-cache")
    shipped = check_paths_ray([str(REAL_DRAFTS)], elsewhere, corpus, "local", workers=2,
                              index_directory=index_dir(cache_root(), corpus.fingerprint))
    local = check_paths([str(REAL_DRAFTS)], Settings(), corpus=corpus)
    render = formatter("json")
    assert render(shipped, RenderOptions()) == render(local, RenderOptions())
    assert not (tmp_path / "empty-cache" / "index").exists()  # nothing was built there
    assert (index_dir(SHIPPED, corpus.fingerprint) / "meta.json").exists()  # it came through the object store


def test_missing_ray_is_one_clear_line(monkeypatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray":
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    result = run_cli("check", "--shards", "2", str(REAL_DRAFTS))
    assert result.code == 2 and 'pip install "yinwen[ray]"' in result.stderr
