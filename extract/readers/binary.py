"""Text out of PDF and Word files (read with pypdf and python-docx), out of saved web pages (the standard
library's HTML parser) and out of the JSON that speech recognisers write (Whisper, WhisperX, AssemblyAI,
YouTube's transcript), made WebVTT.

The text extracted is what the readers read: a claim's ``start``/``end`` index the extracted
text, not the file's bytes, and the document says so (``extracted_from``).
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

EXTRACTED = {".pdf": "pdf", ".docx": "docx", ".json": "json", ".html": "html", ".htm": "html"}


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


class _PageText(HTMLParser):
    """The words of a web page: a blank line between blocks, a line break at ``<br>``; scripts, styles and the
    page's furniture (navigation, header, footer, forms) left out."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "header", "footer", "aside", "form"}
    BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
             "blockquote", "pre", "tr", "table", "dt", "dd", "figcaption", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_text(data: bytes) -> str:
    """The text of a saved web page, paragraph by paragraph (a transcript's ``<p><b>Name:</b> …</p>`` stays a turn)."""
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raw = data.decode("cp1252", errors="replace")
    page = _PageText()
    page.feed(raw)
    page.close()
    text = page.text()
    if not text:
        raise ExtractionFailed("the web page has no text outside its scripts and navigation")
    return text


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _voice(speaker) -> str | None:
    """A diarised speaker as a voice: "SPEAKER_00" stays (a speaker of this episode only), "A" is "Speaker 1"."""
    if speaker is None or not str(speaker).strip():
        return None
    speaker = str(speaker).strip()
    return f"Speaker {ord(speaker) - 64}" if re.fullmatch(r"[A-Z]", speaker) else speaker


def _segments(data) -> tuple[list, float]:
    """The timed pieces of speech a recogniser's JSON holds, and the unit of their times (1 or 1/1000)."""
    if isinstance(data, dict):
        for key in ("segments", "utterances"):
            if isinstance(data.get(key), list):
                return data[key], 0.001 if key == "utterances" else 1.0
        return [], 1.0
    return (data, 1.0) if isinstance(data, list) else ([], 1.0)


def json_text(data: bytes) -> str:
    """A recogniser's JSON transcript as WebVTT: a cue per segment (``start``, ``end`` or ``duration``,
    ``text``), its ``speaker`` as the cue's voice."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ExtractionFailed(f"not valid JSON ({type(e).__name__}: {' '.join(str(e).split())[:80]})") from None
    segments, unit = _segments(parsed)
    cues = []
    for seg in segments:
        if not isinstance(seg, dict) or not isinstance(seg.get("text"), str) or not seg["text"].strip():
            continue
        try:
            start = float(seg["start"]) * unit
            end = float(seg["end"]) * unit if "end" in seg else start + float(seg.get("duration", 0))
        except (KeyError, TypeError, ValueError):
            continue
        voice = _voice(seg.get("speaker"))
        text = " ".join(seg["text"].split())
        cues.append(f"{_stamp(start)} --> {_stamp(end)}\n" + (f"<v {voice}>{text}" if voice else text))
    if not cues:
        raise ExtractionFailed("JSON with no transcript segments (start, end and text): not a document")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def extract_text(suffix: str, data: bytes) -> str:
    return {".pdf": pdf_text, ".docx": docx_text, ".json": json_text, ".html": html_text, ".htm": html_text}[suffix](data)
