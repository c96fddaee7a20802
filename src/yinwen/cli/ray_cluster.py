"""Work past one machine with Ray (``pip install "yinwen[ray]"``; imported only for --ray / --shards).

``check --ray ADDRESS`` spreads files over checker actors. Each opens the index the driver built from
the cache directory when it can see it (shared storage, or the same machine); one that cannot gets the
index files once through Ray's object store and keeps them in a private cache of its own. Reports come
back in input order, so the output is byte for byte that of ``--jobs 1``.

``check --shards N`` opens the corpus as N shards (``corpus build --shards N``), one actor each; every
question the matcher asks of the index fans out to them and is merged (corpus/sharded.py).

ADDRESS is ``local`` (start Ray on this machine), ``auto`` (the cluster this machine joined with
``ray start``), or a cluster address such as ``ray://head:10001``.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from yinwen.cli.inputs import Input, expand
from yinwen.cli.runner import check_input
from yinwen.config.settings import Settings
from yinwen.engine import FileReport, Report
from yinwen.messages import msg

# Where a node keeps an index shipped to it through the object store.
SHIPPED = Path(tempfile.gettempdir()) / "yinwen-ray"


class RayMissing(Exception):
    """Ray is not installed; the message says how to get it."""


def import_ray():
    try:
        import ray
    except ImportError:
        raise RayMissing(msg("ray-missing")) from None
    return ray


def connect(address: str | None, cpus: int | None = None):
    """Join (or start, for ``local``) a Ray cluster once per process."""
    ray = import_ray()
    if not ray.is_initialized():
        options = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
        if address in (None, "", "local"):
            ray.init(num_cpus=cpus, **options)
        else:
            ray.init(address=address, **options)
    return ray


class FileChecker:
    """One checker actor: opens the index, then checks the chunks of inputs it is sent."""

    def __init__(self, settings: Settings, fingerprint: str) -> None:
        self.settings = settings
        self.fingerprint = fingerprint
        self.corpus = None

    def ready(self) -> bool:
        """Whether this worker can memory-map the driver's index: from the cache root (shared storage,
        or the same machine), or from a copy an earlier run shipped to this node."""
        from yinwen.cachedir import cache_root, use_cache_root
        from yinwen.corpus.store import index_dir, try_load

        use_cache_root(self.settings.cache_dir)
        for root in (cache_root(self.settings.cache_dir), SHIPPED):
            self.corpus, _ = try_load(index_dir(root, self.fingerprint), self.fingerprint)
            if self.corpus is not None:
                return True
        return False

    def receive(self, files: dict[str, bytes]) -> bool:
        """Keep the index sent through the object store on this node (for later runs too), and open it."""
        import os
        import shutil

        from yinwen.corpus.store import index_dir, try_load

        target = index_dir(SHIPPED, self.fingerprint)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
        for name, data in files.items():
            (staging / name).write_bytes(data)
        try:
            os.replace(staging, target)
        except OSError:  # another actor on this node was first: use its copy
            shutil.rmtree(staging, ignore_errors=True)
        self.corpus, _ = try_load(target, self.fingerprint)
        return self.corpus is not None

    def check(self, items: list[Input]) -> list[tuple[FileReport, list[str]]]:
        results = []
        for item in items:
            stub = Report([])
            results.append((check_input(item, self.settings, self.corpus, stub, None), stub.usage_errors))
        return results


def _index_files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in directory.iterdir() if path.is_file() and path.name != "verified.json"}


def check_paths_ray(paths: list[str], settings: Settings, corpus, address: str | None, workers: int = 0,
                    stdin_bytes: bytes | None = None, index_directory: Path | None = None) -> Report:
    """Same contract and same result as ``runner.check_paths``, files spread over Ray actors.

    ``index_directory``: where the driver's index is (default: under the settings' cache root).
    """
    from yinwen.cachedir import cache_root
    from yinwen.cli.selection import apply_per_file_ignores, filter_inputs
    from yinwen.corpus.store import index_dir

    index_directory = index_directory or index_dir(cache_root(settings.cache_dir), corpus.fingerprint)
    ray = connect(address)
    # Workers look for the index where the driver put it, whatever told the driver where that is.
    settings = dataclasses.replace(settings, cache_dir=cache_root(settings.cache_dir))
    inputs, errors = expand(paths, settings.suffixes)
    inputs = filter_inputs(inputs, settings)
    report = Report([], len(corpus.sources), corpus.chars, corpus.fingerprint, usage_errors=list(errors))
    files = [item for item in inputs if item.path is not None]
    count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    count = max(1, min(count, len(files)))
    checker = ray.remote(num_cpus=1)(FileChecker)
    actors = [checker.remote(settings, corpus.fingerprint) for _ in range(count)]
    missing = [actor for actor, ready in zip(actors, ray.get([a.ready.remote() for a in actors])) if not ready]
    if missing:
        shipped = ray.put(_index_files(index_directory))  # once, however many workers need it
        if not all(ray.get([actor.receive.remote(shipped) for actor in missing])):
            raise RuntimeError("a Ray worker could not open the index it was sent")
    size = max(1, len(files) // (count * 4))
    chunks = [files[at: at + size] for at in range(0, len(files), size)]
    pending = [actors[number % count].check.remote(chunk) for number, chunk in enumerate(chunks)]
    results = iter(result for chunk in ray.get(pending) for result in chunk)
    for item in inputs:
        if item.path is None:  # stdin is read here, in the driver
            checked = check_input(item, settings, corpus, report, stdin_bytes)
        else:
            checked, usage = next(results)
            report.usage_errors.extend(usage)
        report.files.append(apply_per_file_ignores(checked, item.path, settings))
    for actor in actors:
        ray.kill(actor)
    return report


def sharded_corpus(settings: Settings, address: str | None, shards: int, progress=None):
    """The settings' corpus as ``shards`` shards, each served by a Ray actor (built first if needed)."""
    from yinwen.cachedir import cache_root, use_cache_root
    from yinwen.corpus.sharded import ShardedCorpus, ShardService
    from yinwen.corpus.shards import open_shards

    ray = connect(address)
    use_cache_root(settings.cache_dir)
    found = open_shards(settings.corpus_dirs(), cache_root(settings.cache_dir), shards, progress=progress)
    service = ray.remote(num_cpus=0)(ShardService)
    actors = [service.options(scheduling_strategy="SPREAD").remote(str(directory), fp)
              for directory, fp in zip(found.directories, found.fingerprints)]

    def call_all(method: str, args: list) -> list:
        refs = [None if a is None else getattr(actor, method).remote(*a) for actor, a in zip(actors, args)]
        values = ray.get([ref for ref in refs if ref is not None])
        answers = iter(values)
        return [None if ref is None else next(answers) for ref in refs]

    return ShardedCorpus(call_all, shards, found.fingerprint)
