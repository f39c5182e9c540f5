"""The quarantine folder: the report of a document an import refused, kept beside the store (as
text and Turtle) so the steward can fix the file and retry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.documents.load import Document
    from kg.validation.report import ValidationReport


def write_quarantine(folder: Path | None, doc: Document, report: ValidationReport) -> Path | None:
    """Keep the report of a refused document beside the store, as text and Turtle; the text
    file, or None without a folder."""
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    stem = doc.doc_id.replace("/", "_")
    text = folder / f"{stem}.report.txt"
    text.write_text(f"Källa / source: {doc.source}\n\n" + report.render_human(), encoding="utf-8")
    (folder / f"{stem}.report.ttl").write_text(report.render_turtle(), encoding="utf-8")
    return text
