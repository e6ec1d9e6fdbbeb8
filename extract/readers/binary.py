"""Text out of PDF and Word files, read with pypdf and python-docx.

The text extracted is what the readers read: a claim's ``start``/``end`` index the extracted
text, not the file's bytes, and the document says so (``extracted_from``).
"""

from __future__ import annotations

import io

EXTRACTED = {".pdf": "pdf", ".docx": "docx"}


class ExtractionFailed(ValueError):
    """The file could not be turned into text; ``str()`` is the reason."""


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, page after page, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionFailed("the PDF is encrypted")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise ExtractionFailed(f"not a readable PDF ({type(e).__name__}: {' '.join(str(e).split())[:120]})") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise ExtractionFailed("the PDF has no text layer (a scan? run OCR first)")
    return text


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word document, separated by blank lines."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ExtractionFailed(f"not a readable .docx ({type(e).__name__})") from None
    text = "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    if not text:
        raise ExtractionFailed("the Word document has no text")
    return text


def extract_text(suffix: str, data: bytes) -> str:
    return pdf_text(data) if suffix == ".pdf" else docx_text(data)
