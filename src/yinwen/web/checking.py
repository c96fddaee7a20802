"""What the page asks of the engine: check a draft, and make the report, the review and every download.

One ``Checker`` per server holds the settings and the opened corpus, so the index is loaded once and
stays warm. Its methods are plain synchronous calls; the app runs them one at a time in a worker
thread, so checks from several tabs never share a half-finished state.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from yinwen.config.settings import Settings
from yinwen.engine import FileReport, Report, check_document, internal_error, load_bytes
from yinwen.text.document import Document
from yinwen.web.drafts import Draft, DraftError
from yinwen.web.review import review_record

Accepted = list[tuple[int, int]] | None  # None: every fix --fix would apply


@dataclass(frozen=True)
class Checked:
    draft: Draft
    document: Document
    file: FileReport
    report: Report


@dataclass(frozen=True)
class Download:
    data: bytes
    media_type: str
    extension: str


class Checker:
    """The settings and the opened corpus of one server, and the work the page asks for."""

    def __init__(self, settings: Settings, corpus) -> None:
        self.settings = settings
        self.corpus = corpus

    def check(self, draft: Draft, lang: str) -> Checked:
        """The draft checked like ``yinwen check`` checks a file; DraftError (422) when it is no document."""
        settings = replace(self.settings, encoding=draft.encoding) if draft.encoding else self.settings
        try:
            loaded = load_bytes(draft.data, draft.name, settings, draft.suffix)
        except Exception as error:  # noqa: BLE001 - a reader that breaks on a strange file: the file cannot be checked
            raise DraftError(422, "not_a_document", lang, name=draft.name, reason=f"{type(error).__name__}: {error}") from None
        if isinstance(loaded, FileReport):
            problem = loaded.diagnostics[0].text(lang) if loaded.diagnostics else ""
            raise DraftError(422, "not_a_document", lang, name=draft.name, reason=problem)
        try:
            file = check_document(loaded, self.corpus, settings)
        except Exception as error:  # noqa: BLE001 - as the command line does: a YW000 in the report, never a crash
            file = FileReport(draft.name, diagnostics=[internal_error(draft.name, "checking", error)], document=loaded)
        report = Report([file], len(self.corpus.sources), self.corpus.chars, self.corpus.fingerprint)
        return Checked(draft, loaded, file, report)

    def report_json(self, checked: Checked, lang: str) -> str:
        """Exactly what ``yinwen check --format json`` prints for the draft."""
        from yinwen.report import RenderOptions
        from yinwen.report.json_format import render

        return render(checked.report, RenderOptions(lang=lang))

    def review(self, checked: Checked, lang: str) -> dict:
        """The report and what the page draws from it: the text, the marks, the diffs, the citations."""
        return review_record(checked.report, checked.file, self.corpus, lang, checked.draft.suffix)

    def safe_fixes(self, checked: Checked) -> list:
        """The fixes ``--fix`` applies (offers, report/fixes.py): offered, and clean when the draft is checked again."""
        from yinwen.report.fixes import fix_document

        return fix_document(checked.document, self.corpus, self.settings, checked.file.diagnostics).applied

    def chosen_fixes(self, checked: Checked, accepted: Accepted) -> list:
        """The fixes the writer accepted on the page (offered fixes at those spans), or all safe ones."""
        from yinwen.report.fixes import offers

        if accepted is None:
            return self.safe_fixes(checked)
        wanted = set(accepted)
        return [offer for offer in offers(checked.document, checked.file.diagnostics)
                if (offer.start, offer.end) in wanted]

    def fixed_text(self, checked: Checked, accepted: Accepted) -> Download:
        """The draft with the chosen fixes, as ``--fix`` writes it (same encoding and byte-order mark for text)."""
        from yinwen.report.fixes import apply, encode_like

        text, _placed = apply(checked.document.text, self.chosen_fixes(checked, accepted))
        if checked.draft.suffix:  # text read out of a .docx or .pdf
            return Download(text.encode("utf-8"), "text/plain; charset=utf-8", ".txt")
        data = encode_like(checked.draft.data, text, checked.document.encoding)
        extension = ".md" if checked.draft.name.lower().endswith(".md") else ".txt"
        return Download(data, f"text/plain; charset={checked.document.encoding}", extension)

    def annotated(self, checked: Checked, accepted: Accepted, lang: str) -> Download:
        """The .docx with a comment on every finding and the chosen fixes as tracked changes (``--annotate``)."""
        from yinwen.formats.annotate import AnnotateError, annotate_docx
        from yinwen.formats.errors import InputError
        from yinwen.report.fixes import offers

        if checked.draft.suffix != ".docx":
            raise DraftError(400, "annotate_needs_docx", lang)
        fixes = self.chosen_fixes(checked, accepted)
        with tempfile.TemporaryDirectory(prefix="yinwen-") as private:  # mode 0700, removed on the way out
            source, target = Path(private) / "draft.docx", Path(private) / "annotated.docx"
            source.write_bytes(checked.draft.data)
            try:
                annotate_docx(source, target, checked.document.text, list(checked.file.diagnostics), lang, fixes,
                              offered=offers(checked.document, checked.file.diagnostics))
            except (AnnotateError, InputError) as error:
                reason = getattr(error, "message_en" if lang == "en" else "message", None) or str(error)
                raise DraftError(422, "not_a_document", lang, name=checked.draft.name, reason=reason) from None
            data = target.read_bytes()
        return Download(data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")

    def html(self, checked: Checked, lang: str) -> Download:
        from yinwen.report import RenderOptions
        from yinwen.report.html import render

        return Download(render(checked.report, RenderOptions(lang=lang)).encode("utf-8"), "text/html; charset=utf-8", ".html")

    def citations(self, checked: Checked) -> Download:
        from yinwen.report.cite import citations, render_text

        return Download(render_text(citations(checked.report, self.corpus)).encode("utf-8"), "text/plain; charset=utf-8", ".txt")


def parse_accepted(value: str | None, lang: str, default: Accepted) -> Accepted:
    """``accept=all`` (the fixes --fix applies), ``accept=`` (none) or ``accept=12-30,40-52``; ``default`` when absent."""
    if value is None:
        return default
    if value == "all":
        return None
    accepted = []
    for item in filter(None, value.split(",")):
        start, dash, end = item.partition("-")
        if not dash or not start.isdigit() or not end.isdigit() or len(accepted) >= 10_000:
            raise DraftError(400, "bad_accept", lang)
        accepted.append((int(start), int(end)))
    return accepted
