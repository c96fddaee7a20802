"""Shared fixtures: the bundled corpus (index built once per session) and real inputs.

Fixture files under tests/fixtures/ are copies of material from the project's shared folder:
real-drafts/ (drafts nobody on the team wrote), eval/public (labelled evaluation cases), schemas/
(the official SARIF 2.1.0 schema). Tests never read anything outside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "seeds" / "000_c8461ed9f15da83a.txt"
REAL_DRAFTS = FIXTURES / "real-drafts"
EVAL_CASES = FIXTURES / "eval" / "public"


@pytest.fixture(scope="session", autouse=True)
def _index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index cache for the whole session, outside the user's real cache."""
    cache = Path(os.environ.get("YINWEN_TEST_CACHE") or tmp_path_factory.mktemp("yinwen-cache"))
    os.environ["YINWEN_CACHE_DIR"] = str(cache)
    return cache


@pytest.fixture(scope="session")
def corpus(_index_cache: Path):
    from yinwen.corpus.store import open_corpus
    from yinwen.resources import bundled_corpus_dir

    return open_corpus([bundled_corpus_dir()])


@pytest.fixture(scope="session")
def check_text(corpus):
    """Check a string as a document with the bundled corpus; returns the FileReport."""
    from yinwen.config.settings import Settings
    from yinwen.engine import check_document
    from yinwen.text.document import Document

    def run(text: str, path: str = "draft.txt", settings: Settings | None = None):
        return check_document(Document.from_text(path, text), corpus, settings or Settings())

    return run
