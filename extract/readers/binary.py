"""Text out of PDF and Word files (read with pypdf and python-docx), out of saved web pages and EPUB books (the
standard library's HTML parser; a book's chapters in its reading order, its title and authors as front matter), and out of the JSON that speech recognisers write (Whisper, WhisperX, AssemblyAI,
YouTube's transcript) and the TTML of timed text (Apple Podcasts' transcripts, YouTube's and DFXP captions,
read with the standard library's XML parser), made WebVTT.

The text extracted is what the readers read: a claim's ``start``/``end`` index the extracted
text, not the file's bytes, and the document says so (``extracted_from``).
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

EXTRACTED = {".pdf": "pdf", ".docx": "docx", ".json": "json", ".html": "html", ".htm": "html", ".ttml": "ttml",
             ".dfxp": "ttml", ".epub": "epub"}


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
    text = _page_text(raw)
    if not text:
        raise ExtractionFailed("the web page has no text outside its scripts and navigation")
    return text


def _page_text(raw: str) -> str:
    page = _PageText()
    page.feed(raw)
    page.close()
    return page.text()


def epub_text(data: bytes) -> str:
    """The chapters of an EPUB book in its reading order (the spine), a blank line between them, after front
    matter that gives the book's title and authors."""
    import posixpath
    import zipfile
    from urllib.parse import unquote

    import yaml

    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        container = ET.fromstring(book.read("META-INF/container.xml"))
        opf_path = next(el.get("full-path") for el in container.iter() if el.tag.endswith("rootfile"))
        opf = ET.fromstring(book.read(opf_path))
    except (zipfile.BadZipFile, KeyError, ET.ParseError, StopIteration, TypeError) as e:
        raise ExtractionFailed(f"not a readable EPUB ({type(e).__name__})") from None
    if "META-INF/encryption.xml" in book.namelist():
        raise ExtractionFailed("the EPUB is encrypted (DRM); export it without DRM first")
    base = posixpath.dirname(opf_path)
    items = {el.get("id"): el.get("href") for el in opf.iter() if el.tag.endswith("}item")}
    chapters = []
    for ref in (el.get("idref") for el in opf.iter() if el.tag.endswith("}itemref")):
        href = items.get(ref)
        try:
            raw = book.read(posixpath.normpath(posixpath.join(base, unquote(href)))) if href else None
        except KeyError:
            raw = None
        text = _page_text(raw.decode("utf-8", errors="replace")) if raw else ""
        if text:
            chapters.append(text)
    if not chapters:
        raise ExtractionFailed("the EPUB has no text in its chapters")
    meta = {"title": next((el.text.strip() for el in opf.iter() if el.tag.endswith("}title") and el.text), None),
            "authors": [el.text.strip() for el in opf.iter() if el.tag.endswith("}creator") and el.text]}
    head = yaml.safe_dump({k: v for k, v in meta.items() if v}, allow_unicode=True, sort_keys=False)
    return f"---\n{head}---\n\n" + "\n\n".join(chapters) + "\n"


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _voice(speaker) -> str | None:
    """A diarised speaker as a voice: "SPEAKER_00" stays (a speaker of this episode only), "A" is "Speaker 1"."""
    if speaker is None or not str(speaker).strip():
        return None
    speaker = str(speaker).strip()
    return f"Speaker {ord(speaker) - 64}" if re.fullmatch(r"[A-Z]", speaker) else speaker


def _cue(start: float, end: float, voice: str | None, text: str) -> str:
    """One WebVTT cue; its text escaped as WebVTT wants ("3 < 4" is no tag), which the readers' cleaning undoes."""
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"{_stamp(start)} --> {_stamp(end)}\n" + (f"<v {voice}>{text}" if voice else text)


def _segments(data) -> tuple[list, float]:
    """The timed pieces of speech a recogniser's JSON holds, and the unit of their times (1 or 1/1000): Whisper's
    and WhisperX's ``segments``, AssemblyAI's ``utterances`` (milliseconds), Deepgram's ``results.utterances``,
    AWS Transcribe's ``results.audio_segments``, Rev.ai's ``monologues`` of timed elements, YouTube's list."""
    if isinstance(data, dict):
        for key in ("segments", "utterances"):
            if isinstance(data.get(key), list):
                return data[key], 0.001 if key == "utterances" else 1.0
        if isinstance(data.get("monologues"), list):
            return [_monologue(m) for m in data["monologues"] if isinstance(m, dict)], 1.0
        results = data.get("results")
        if isinstance(results, dict):
            for key in ("utterances", "audio_segments"):
                if isinstance(results.get(key), list):
                    return results[key], 1.0
        return [], 1.0
    return (data, 1.0) if isinstance(data, list) else ([], 1.0)


def _monologue(m: dict) -> dict:
    """A Rev.ai monologue as a segment: its speaker, its elements' words, the first and last element's times."""
    timed = [e for e in m.get("elements", []) if isinstance(e, dict) and "ts" in e]
    words = "".join(str(e.get("value", "")) for e in m.get("elements", []) if isinstance(e, dict))
    seg = {"text": words, "speaker": m.get("speaker_name") or m.get("speaker")}
    if timed:
        seg.update(start=timed[0]["ts"], end=timed[-1].get("end_ts", timed[-1]["ts"]))
    if isinstance(seg["speaker"], int):
        seg["speaker"] = f"Speaker {seg['speaker'] + 1}"
    return seg


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
        text = seg.get("text", seg.get("transcript")) if isinstance(seg, dict) else None
        if not isinstance(text, str) or not text.strip():
            continue
        try:
            start = float(seg["start"] if "start" in seg else seg["start_time"]) * unit
            end = (float(seg["end"]) * unit if "end" in seg else float(seg["end_time"]) * unit if "end_time" in seg
                   else start + float(seg.get("duration", 0)))
        except (KeyError, TypeError, ValueError):
            continue
        speaker = seg.get("speaker", seg.get("speaker_label"))
        cues.append(_cue(start, end, _voice(f"Speaker {speaker + 1}" if isinstance(speaker, int) else speaker), text))
    if not cues:
        raise ExtractionFailed("JSON with no transcript segments (start, end and text): not a document")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


_TTML = "{http://www.w3.org/ns/ttml}"
_TTM = "{http://www.w3.org/ns/ttml#metadata}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?")
_OFFSET = re.compile(r"(\d+(?:\.\d+)?)(h|ms|m|s|f|t)?")
_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


def _ttml_time(value: str | None, rates: tuple[float, float]) -> float | None:
    """A TTML time expression in seconds: clock time ("00:01:02.5", "00:01:02:12" with frames, "1:02.5") or an
    offset ("62.5s", "62500ms", "1.5m", "1500f", "625000000t", and Apple's bare "62.5"); ``rates``: the
    document's frames and ticks a second."""
    value = (value or "").strip()
    if m := _CLOCK.fullmatch(value):
        frames = float(m.group(4)) / rates[0] if m.group(4) else 0.0
        return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) + frames
    if m := _OFFSET.fullmatch(value):
        n, unit = float(m.group(1)), m.group(2)
        return n / rates[0] if unit == "f" else n / rates[1] if unit == "t" else n * _SECONDS[unit or "s"]
    return None


def _ttml_words(p: ET.Element) -> str:
    """The words of a ``<p>``: a span with its own timing is a word (Apple's word spans may touch one
    another), a ``<br/>`` a space, other spans only style their text."""
    parts = []

    def walk(e: ET.Element) -> None:
        parts.append(e.text or "")
        for child in e:
            apart = " " if child.tag.endswith("br") or child.get("begin") is not None else ""
            parts.append(apart)
            walk(child)
            parts.extend((apart, child.tail or ""))

    walk(p)
    return " ".join("".join(parts).split())


def ttml_text(data: bytes) -> str:
    """Timed text (TTML, DFXP) as WebVTT: a cue per ``<p>`` with ``begin`` and ``end`` (or ``dur``), the
    speaker its ``ttm:agent`` names (the agent's ``<ttm:name>`` where the head gives one) as the cue's voice."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise ExtractionFailed(f"not valid TTML ({' '.join(str(e).split())[:80]})") from None
    if root.tag not in (_TTML + "tt", "tt"):
        raise ExtractionFailed(f"XML whose root is <{root.tag.rpartition('}')[2]}>, not TTML's <tt>: not a transcript")
    ns = _TTML if root.tag.startswith("{") else ""
    frames, ticks = (_ttml_time(root.get(f"{{http://www.w3.org/ns/ttml#parameter}}{rate}"), (1.0, 1.0))
                     for rate in ("frameRate", "tickRate"))  # "30", "10000000": as numbers
    rates = (frames or 30.0, ticks or frames or 1.0)  # TTML's defaults
    names = {a.get(_XML_ID): " ".join((a.findtext(_TTM + "name") or "").split()) for a in root.iter(_TTM + "agent")}
    cues = []
    for body in root.iter(ns + "body"):
        for p in body.iter(ns + "p"):
            start, end = _ttml_time(p.get("begin"), rates), _ttml_time(p.get("end"), rates)
            if start is not None and end is None:
                end = start + (_ttml_time(p.get("dur"), rates) or 0.0)
            text = _ttml_words(p)
            if start is None or not text:
                continue
            agent = (p.get(_TTM + "agent") or "").split()
            voice = _voice(names.get(agent[0]) or agent[0]) if len(agent) == 1 else None
            cues.append(_cue(start, end, voice, text))
    if not cues:
        raise ExtractionFailed("TTML with no timed paragraphs (<p begin=…>): not a transcript")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def extract_text(suffix: str, data: bytes) -> str:
    return {".pdf": pdf_text, ".docx": docx_text, ".json": json_text, ".html": html_text, ".htm": html_text,
            ".ttml": ttml_text, ".dfxp": ttml_text, ".epub": epub_text}[suffix](data)
