"""Plain text: paragraphs; a list's items and unpunctuated speech's clauses are units of their own (but a list
whose items run on from one to the next, a caption's lines written as bullets, is running text);
Markdown headings are the sections of what follows them, and a list of chapters ("02:15 Is there a data
wall?") is no text.  What every document no family explains is read as.

Episode notes, often a summarising app's, are read so too: a paragraph of fields ("**Podcast:** Frontier
Talk", "**Guest:** Maya Lind") is metadata; an item that ends on its time ("Data quality limits progress.
(12:30)") is read at that time; a quotation signed with a dash (``> "Nobody is compute-bound." — Maya
Lind``) is that person's, reported."""

from __future__ import annotations

import re

from extract.readers.common import Para, clauses, clean, ends_sentence, normalize_timestamp, paragraphs, unpunctuated
from extract.readers.frontmatter import front_matter
from extract.records import Block, DocumentMeta, ReadDocument, Turn
from extract.rules import UPPER

HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>[^\n]*?)[ \t#]*(?:\n|$)")
CHAPTER = re.compile(r"[ \t]*[(\[]?\d{1,2}(?::\d{2}){1,2}[)\]]?[ \t]*[-–—:]?[ \t]*\S")  # "02:15 Is there a data wall?"
# an interview's "Q:" and "A:" (both in one document: "A. Smith wrote" alone is a name) name no one
MARKER = re.compile(r"[ \t]*(?P<which>Q|A|Question|Answer)[.:][ \t]+(?=\S)")
BULLET = re.compile(r"[ \t]*(?:[•*\-+–]|\d{1,2}[.)])[ \t]+")
FIELD = re.compile(r"[ \t]*(?:[-*][ \t]+)?[*_]{1,2}(?P<key>[A-Z][\w /&]{1,24}?)[*_]{0,2}:[*_]{0,2}[ \t]+(?P<value>\S[^\n]*)")
SHOW_KEYS = {"podcast", "show", "series", "channel"}
STAMP_END = re.compile(r"[ \t]*[(\[](?P<ts>\d{1,2}(?::\d{2}){1,2})[)\]][ \t.]*$")  # "… limits progress. (12:30)"
# a quotation signed with a dash: > "Nobody is compute-bound." — Maya Lind (, her role)
SIGNED = re.compile(rf"[ \t>]*[\"“](?P<q>[^\"“”\n]{{8,}})[\"”][ \t]*[—–-]{{1,2}}[ \t]*(?P<who>{UPPER}[\w'’\-]+(?:[ \t]+{UPPER}[\w'’\-]+){{1,3}})(?:,[^\n]*)?[ \t]*$")


def _runs_on(text: str, items: list[tuple[int, int]]) -> bool:
    """Whether a list's items are lines of running text: two or more, and a fifth of them, are long lines that end
    mid-sentence with the next going on in lower case (not a list of lower-case words: "- data", "- compute")."""
    pairs = list(zip(items, items[1:]))
    on = sum(1 for (s0, e), (s, _) in pairs
             if len(text[s0:e].split()) >= 6 and not ends_sentence(text[s0:e]) and text[s:s + 1].islower())
    return on >= 2 and on >= len(pairs) / 5


def read_plain(text: str, meta: DocumentMeta) -> ReadDocument:
    """Paragraphs; a list's items are units of their own; headings are sections."""
    doc = ReadDocument(meta=meta, text=text)
    author = meta.authors[0] if len(meta.authors) == 1 else None
    section = None
    paras = paragraphs(text, front_matter(text)[1])
    asked = {m.group("which")[0] for p in paras if (m := MARKER.match(p.text))} == {"Q", "A"}
    for p in paras:
        heading = HEADING.match(p.text)
        if heading:  # "## Outlook" is the section of what follows, on the lines below it or in the next paragraphs
            section = heading.group("title")
            if len(p.lines) == 1:
                continue
            p = Para(p.lines[1][0], p.end, text[p.lines[1][0]:p.end])
        if len(p.lines) >= 2 and all(FIELD.fullmatch(text, s, e) for s, e in p.lines):  # "**Guest:** Maya Lind"
            doc.blocks.append(Block("metadata", p.text, p.start, p.end))
            for s, e in p.lines:
                field = FIELD.fullmatch(text, s, e)
                if field.group("key").lower() in SHOW_KEYS and not meta.show:
                    meta.show = field.group("value").strip(" *_")
            continue
        units, run = [p], []
        chapters = [(s, e) for s, e in p.lines if CHAPTER.match(text, s, e)]
        if chapters:
            doc.blocks.extend(Block("chapter", text[s:e], s, e) for s, e in chapters)
            units = [Para(s, e, text[s:e]) for s, e in p.lines if (s, e) not in chapters]
        elif any(BULLET.match(text, s, e) for s, e in p.lines[1:]):
            items = [(m.end() if (m := BULLET.match(text, s, e)) else s, e) for s, e in p.lines]  # "- " is no word
            items = [(s, e) for s, e in items if e > s]
            lead = next((i for i, (s, e) in enumerate(p.lines) if BULLET.match(text, s, e)), 0)
            if _runs_on(text, items[lead:]):  # a caption's lines written as a list: "*  a debate" / "*  has begun …"
                items, run = items[:lead], items[lead:]  # the lines above the list are units of their own
            units = [Para(s, e, text[s:e]) for s, e in items]
        elif unpunctuated(p.text):
            units = [Para(s, e, text[s:e]) for s, e in clauses(text, p.start, p.end)]
        for u in units:
            if asked and (marker := MARKER.match(text, u.start, u.end)):
                u = Para(marker.end(), u.end, text[marker.end():u.end])
            ts = None
            if stamp := STAMP_END.search(text, u.start, u.end):
                ts = normalize_timestamp(stamp.group("ts"))
                u = Para(u.start, stamp.start(), text[u.start:stamp.start()])
            kind, voice, speaker = "paragraph", None, author
            if signed := SIGNED.fullmatch(text, u.start, u.end):
                kind, voice, speaker = "note", "reported", signed.group("who")
                meta.participants = list(dict.fromkeys([*meta.participants, speaker]))  # quoted: takes part
                u = Para(signed.start("q"), signed.end("q"), signed.group("q"))
            body, tmap = clean(text, [(u.start, u.end)])
            if not body.strip():
                continue
            doc.turns.append(Turn(index=len(doc.turns), kind=kind, text=body.strip(), tmap=tmap, section=section,
                                  pieces=[(u.start, u.end)], speaker=speaker, voice=voice, timestamp=ts))
        body, tmap = clean(text, run) if run else ("", None)
        if body.strip():  # the list's lines, run on as one text
            doc.turns.append(Turn(index=len(doc.turns), kind="paragraph", text=body.strip(), tmap=tmap, section=section,
                                  pieces=run, speaker=author))
    return doc
