"""Text out of a PDF with pdfminer.six, set out by its pages' geometry (kg/extract/pdf_layout.py;
pages separated by blank lines)."""

from __future__ import annotations

import io

from kg.documents.limits import MAX_PDF_INFLATED, InflateBudgetExceeded, inflate_budget
from kg.errors import ExtractionError
from kg.extract.pdf_layout import document_text


def pdf_to_text(data: bytes, *, where: str) -> str:
    """The text layer of a PDF; :class:`ExtractionError` for a broken or image-only PDF."""
    from pdfminer import pdftypes
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with inflate_budget(pdftypes):  # a 1.5 MB stream can inflate to gigabytes
            pages = document_text(list(extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True))))
    except InflateBudgetExceeded:
        raise ExtractionError(
            f"PDF-filens strömmar packas upp till mer än {MAX_PDF_INFLATED // 2**20} MiB / the PDF's"
            f" streams inflate to more than {MAX_PDF_INFLATED // 2**20} MiB (a compression bomb?)",
            where=where,
        ) from None
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise ExtractionError(
            f"PDF-filen kan inte läsas ({exc}) / the PDF file cannot be read ({exc})", where=where
        ) from exc
    except Exception as exc:  # pdfminer raises its own exception types for damaged files
        if type(exc).__module__.startswith("pdfminer"):
            raise ExtractionError(
                f"PDF-filen kan inte läsas ({exc}) / the PDF file cannot be read ({exc})", where=where
            ) from exc
        raise
    text = "\n\n\n".join(pages)
    if not text.strip():
        raise ExtractionError(
            "PDF-filen har inget textlager (skannad bild?); kör OCR först. / The PDF has no text "
            "layer (a scanned image?); run OCR first.",
            where=where,
        )
    return text
