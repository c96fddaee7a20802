"""Measure issue-7 behaviour on real drafts: .docx = .txt findings, comments per finding, --fix convergence.

Usage: PYTHONPATH=src:. python docs/scripts/measure_formats.py [drafts...]
(default: seeds/ and tests/fixtures/real-drafts/). Prints one line per draft and totals.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.docxmaker import docx_from_text

from yinwen.cli.runner import check_paths, open_settings_corpus
from yinwen.config.settings import Settings
from yinwen.engine import check_document
from yinwen.formats.annotate import annotate_docx
from yinwen.report.fixes import fix_document
from yinwen.text.document import Document


def key(file):
    return [(d.code, d.quote, d.span.line if d.span else 0, d.span.column if d.span else 0) for d in file.diagnostics]


def main(paths: list[str]) -> None:
    drafts = [Path(p) for p in paths] or sorted(Path("seeds").glob("*.txt")) + sorted(Path("tests/fixtures/real-drafts").glob("*.txt"))
    settings = Settings()
    corpus = open_settings_corpus(settings)
    same = comments_ok = fixes_ok = total_fixed = 0
    docx_seconds = 0.0
    with tempfile.TemporaryDirectory() as work:
        for draft in drafts:
            text = draft.read_text(encoding="utf-8")
            docx_path = docx_from_text(text, Path(work) / (draft.stem + ".docx"))
            started = time.perf_counter()
            report = check_paths([str(draft), str(docx_path)], settings, corpus=corpus)
            docx_seconds += time.perf_counter() - started
            txt, docx = report.files
            equal = key(txt) == key(docx)
            same += equal
            result = annotate_docx(docx_path, Path(work) / "out.docx", docx.document.text, docx.diagnostics)
            spanned = sum(1 for d in docx.diagnostics if d.span)
            comments_ok += result.comments == spanned
            fixed = fix_document(txt.document, corpus, settings, txt.diagnostics)
            again = fix_document(Document.from_text(draft.name, fixed.text), corpus, settings)
            recheck = check_document(Document.from_text(draft.name, fixed.text), corpus, settings)
            # Clean: what remains offered as a fix is only what was withdrawn (it would not check clean).
            offered = [d for d in recheck.diagnostics if d.code in ("YW101", "YW104") and d.fix is not None]
            converged = not again.changed and len(offered) == len(fixed.withdrawn)
            fixes_ok += converged
            total_fixed += len(fixed.applied)
            print(f"{draft.name[:48]:<48} findings {len(txt.diagnostics):>3}  docx==txt {equal!s:<5}  "
                  f"comments {result.comments}/{spanned}  fixed {len(fixed.applied)} withdrawn {len(fixed.withdrawn)}  "
                  f"idempotent+clean {converged}")
    n = len(drafts)
    print(f"\n{n} drafts: docx findings identical {same}/{n}; one comment per finding {comments_ok}/{n}; "
          f"fixes idempotent, rest withdrawn {fixes_ok}/{n} ({total_fixed} fixes); check txt+docx {docx_seconds:.2f} s total")


if __name__ == "__main__":
    main(sys.argv[1:])
