"""Refuse, before any work, an output path that would overwrite something the run reads.

``--html-report d.txt`` or ``--write-baseline d.docx`` used to replace the draft being checked. An
output is compared with every input — the drafts named or found in folders (before include/exclude,
since an excluded draft is still the user's file), the config file, the baseline read, the
formulation files, the corpus sources — by the file it is (device and inode: a hard link or a symlink
to a draft is the draft) and by the path it resolves to, and outputs are compared with each other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from yinwen.cli.inputs import expand
from yinwen.config.settings import Settings


@dataclass(frozen=True)
class Clash:
    """``option``'s path is also ``what`` (an input, or another output)."""

    option: str
    path: Path
    what: str
    other: Path

    def message(self, lang: str) -> str:
        if lang == "en":
            return f"{self.option} {self.path}: that is {self.what} {self.other}; refusing to overwrite it (name another file)"
        what = {"a checked draft": "被检查的文稿", "the config file": "配置文件", "the baseline read": "读取的基线文件",
                "a formulations file": "提法文件", "a corpus source": "语料文件"}.get(self.what)
        what = what or self.what.replace("the output of ", "") + " 的输出"

        return f"{self.option} {self.path}：这是{what} {self.other}，拒绝覆盖（请换一个文件名）"


def _identity(path: Path) -> tuple[str, object]:
    """The file a path names: (device, inode) when it exists, else where it would be created."""
    try:
        status = os.stat(path)
        return "inode", (status.st_dev, status.st_ino)
    except OSError:
        return "path", os.path.realpath(path)


def find_clash(outputs: list[tuple[str, Path]], paths: list[str], settings: Settings) -> Clash | None:
    """The first output that is an input or another output, or None."""
    if not outputs:
        return None
    inputs: list[tuple[str, Path]] = []
    files, _errors = expand(paths, settings.suffixes)
    inputs += [("a checked draft", item.path) for item in files if item.path is not None]
    if settings.config_path is not None:
        inputs.append(("the config file", settings.config_path))
    if settings.baseline is not None:
        inputs.append(("the baseline read", settings.baseline))
    inputs += [("a formulations file", path) for path in settings.formulations]
    known = {_identity(path): (what, path) for what, path in inputs}
    seen: dict[tuple[str, object], tuple[str, Path]] = {}
    corpus_roots = [os.path.realpath(directory) for directory in settings.corpus_dirs()]
    for option, path in outputs:
        identity = _identity(path)
        if identity in known:
            what, other = known[identity]
            return Clash(option, path, what, other)
        if identity in seen:
            return Clash(option, path, f"the output of {seen[identity][0]}", seen[identity][1])
        if _in_corpus(path, corpus_roots):
            return Clash(option, path, "a corpus source", Path(os.path.realpath(path)))
        seen[identity] = (option, path)
    return None


def _in_corpus(path: Path, roots: list[str]) -> bool:
    from yinwen.corpus.sources import NOT_SOURCES, SOURCE_SUFFIXES

    real = os.path.realpath(path)
    name = os.path.basename(real).lower()
    if not (name.endswith(SOURCE_SUFFIXES) or name in NOT_SOURCES):
        return False
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
