"""Speaker-labelled transcripts: one reader for every common way of labelling a turn.

A turn starts at a *label line*: a speaker's label, optionally a timestamp, then the speech on
the same line or on the lines below.  Labels seen in real transcripts:

- ``Dwarkesh Patel 00:00:44`` / ``Aaron van Wirdum: 00:00:19`` / ``Anant 00:02:38:`` alone on a line;
- ``Ada Quill (00:00:05): speech`` and ``Brendan Foody (00:58:21):`` with the speech below, and
  ``Ada Quill: (00:05)`` with the colon first;
- ``Ada Quill`` alone on a line with ``(00:00:05) speech`` below it, a stamped line for each turn;
- ``**Ada Quill** 00:00:05`` / ``**Ada Quill** *00:00:05*`` / ``**Ada Quill (00:00:05):** speech`` (bold
  names, stamps in italics);
- ``Sam Altman [(00:00:00)](https://…) speech`` and ``**Name:** [1:02](https://…) speech``;
- ``[Speaker 1] [00:03] speech``, ``[00:07] Host: speech``, ``Luke Dashjr:`` alone on a line;
- ``Waxwing (Adam Gibson):`` (a handle and the name), ``LEHRER: speech``, ``Senator HAWLEY. speech``, and the
  hearings' ``The CHAIRMAN. speech``, ``Mr. Altman. speech``, ``The Chairman. speech``;
- ``00:00:04 Mira Holt``, ``[00:00:04] Mira Holt`` or ``Mira Holt - 00:04`` alone on a line, and ``Mira Holt``
  alone with ``00:00:04`` on the next line, the speech below;
- ``Mira Holt`` (or ``## Mira Holt``) alone on a line above the speech, when such names take turns;
- ``Name: speech`` when the document uses it again and again, also quoted or listed (``> **Name:** speech``,
  ``- Name: speech``);
- a heading that names a speaker above unlabelled paragraphs (``## Opening Statement - Chairman Ted Cruz (R-TX)``,
  ``### Sam Altman, CEO, OpenAI``), as hearings and talks are written; a label of a title and a surname
  (``**Senator Cruz:**``) is the full name the text gives after a title.

Labels are learned per document: a label must repeat (a sentence that happens to start with
"So:" is not a speaker), or be written in a form no sentence takes (a timestamp, bold, brackets)
beside other labels.  Paragraphs under a label with no label of their own belong to that speaker;
a paragraph that starts with a bare timestamp (``\\[08:04\\] speech``) starts a new turn of the
same speaker at that time, and a time alone on its line (Google Meet's ``00:05:00``) times the turns after
it.  Text before the first label is the intro; chapter headings between turns (``RL atop LLMs``, ``## Intro``)
are sections, not speech.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extract.readers.common import (Para, clean, ends_sentence, normalize_timestamp, paragraphs, parse_timestamp,
                                    strip_span)
from extract.readers.frontmatter import YOUTUBE
from extract.records import Block, DocumentMeta, ReadDocument, Turn
from extract.rules import UPPER, load_rules

_TS = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"


def _stamp(p: str) -> str:
    """A timestamp in any common notation; the time is in group ``{p}a``, ``{p}b``, ``{p}c``, ``{p}d`` or ``{p}e``."""
    return (rf"(?:\[\(?(?P<{p}a>{_TS})\)?\]\((?P<{p}url>[^)\s]*)\)"  # [(00:01:02)](url), [1:02](url)
            rf"|\\?\[(?P<{p}b>{_TS})\\?\]"  # [00:01:02], \[08:04\]
            rf"|\((?P<{p}c>{_TS})\)"  # (00:01:02)
            rf"|(?P<{p}d>{_TS})(?!\d|:\d)"  # 00:01:02
            rf"|[*_](?P<{p}e>{_TS})[*_])")  # *00:01:02*, _00:01:02_


_WORD = rf"{UPPER}[\w.'’\-]*"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|la|le|bin|al|el|dos|das|del|ter)"
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:{_PARTICLE}-)+{_WORD}|{_PARTICLE}|{_WORD}|\d{{1,2}}(?!\d|:\d))){{0,3}}"  # "van-der-Zyl" too
_HONORIFIC = (r"(?:Mr|Ms|Mrs|Dr|Senator|Sen|Chair|Chairman|Chairwoman|Representative|Rep|Secretary|General"
              r"|Judge|Justice|Governor|Professor|Prof|Admiral|Ambassador)")

LABEL_LINE = re.compile(
    rf"^(?P<lead>[ \t]*(?:>[ \t]*)+|[-*+•][ \t]+)?[ \t]*"  # a quoted turn, or a listed one (not a nested item)
    rf"(?P<heading>\#{{1,6}}[ \t]+)?(?:{_stamp('pre')}[ \t]+)?"
    rf"(?:\*\*(?P<bold>{_NAME})[ \t]*(?::[ \t]*\*\*|\*\*[ \t]*:)"  # **Name:** / **Name**:
    rf"|\*\*(?P<boldstamp>{_NAME})[ \t]*(?:{_stamp('bs')})[ \t]*:?[ \t]*\*\*:?"  # **Name (00:01:02):**
    rf"|\*\*(?P<boldname>{_NAME})\*\*(?=[ \t]+(?:[*_]|\[|\()?{_TS})"  # **Name** 00:01:02, **Name** *00:01:02*
    rf"|\[(?P<bracket>{_NAME})\](?!\()"  # [Speaker 1], not a Markdown link
    rf"|(?P<hearing>(?:{_HONORIFIC}\.?|The)[ \t]+[A-Z][A-Z'’\-]+)\.(?=[ \t])"  # Senator HAWLEY., The CHAIRMAN.
    rf"|(?P<hearing2>(?:{_HONORIFIC}\.?|The(?=[ \t]+Chair))[ \t]+{UPPER}[a-z'’\-]+)\.(?=[ \t])"  # Mr. Altman., The Chairman.
    rf"|(?P<name>{_NAME})(?:[ \t]*\((?P<alias>[A-Z][^()\n\d]{{1,40}})\))?"  # Name, Waxwing (Adam Gibson)
    rf"(?:,[ \t]+(?P<role>[^:,()\n\d]{{2,40}}?)(?=[ \t]*:))?)"  # Mira Holt, host:
    rf"[ \t]*(?:(?P<early>:)[ \t]*(?=[(\[]?{_TS})|[-–—|·][ \t]*(?=[(\[*_]?{_TS}))?(?:{_stamp('ts')})?[ \t]*(?P<colon>:)?[ \t]*"
    rf"(?P<rest>.*?)[ \t\r]*$",
    re.M,
)
# a paragraph that opens with a timestamp, or with one alone on its first line: the same speaker, later
STAMP_START = re.compile(rf"[ \t]*(?:{_stamp('s')})[ \t]*[-–—:]?[ \t]*(?:\r?\n[ \t]*)?(?=\S)")  # "(01:19:34):" alone too
# a line break before a line that opens with a timestamp: "Lex Fridman" alone, then "(00:00:00) speech" below
STAMPED_LINE = re.compile(rf"\r?\n(?=[ \t]*(?:{_stamp('n')})[ \t]*[-–—:]?[ \t]*\S)")
# the speech on the line below a name alone on its line (a sentence, not another name or a heading)
SPEECH_BELOW = re.compile(r"\r?\n[ \t]*(?=[^\s#][^\n]*[.?!,;…][\"'”’)]?[ \t]*(?:\r?\n|$))")
# a timestamp alone on the line below a name: "Mira Holt", then "00:00:04", then the speech
STAMP_BELOW = re.compile(rf"\r?\n[ \t]*(?:{_stamp('u')})[ \t]*\r?\n(?=[ \t]*\S)")
BARE_TIME = re.compile(rf"[ \t]*(?:\\?[(\[])?(?P<t>{_TS})(?:\\?[)\]])?[ \t]*")  # "12:04", "(12:04)", "\[55:32\]"
CHAPTER = re.compile(rf"^\(?(?P<ts>{_TS})\)?[ \t]*[-–—][ \t]*(?P<title>\S.*?)[ \t]*$", re.M)
MD_HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>\S.*?)[ \t#]*$")
# a marker in a label's shape that names no speaker: "**Break:** [05:00]"
MARKER = re.compile(rf"\*\*[^*\n]{{1,30}}\*\*:?[ \t]*(?:{_stamp('m')})?[ \t]*|\*\*[^*\n]{{1,30}}:\*\*[ \t]*(?:{_stamp('n')})?[ \t]*")
_HONORIFIC_RX = re.compile(rf"{_HONORIFIC}\.?[ \t]+")


@dataclass
class Label:
    start: int  # start of the label line
    body_start: int  # where the speech begins
    name: str  # the speaker as the document writes the name
    alias: str | None  # a handle written beside it: ``Waxwing (Adam Gibson)``
    ts: str | None
    shape: str  # bold | bracket | hearing | stamped | linked | alone | plain | timed | bare
    url: str | None = None  # the link a linked timestamp carries
    lead: str = ""  # the mark the line opens with: "" or ">" (quoted) or "-" (listed)
    role: str | None = None  # printed beside the name: ``Tom Reyes (Gradient Robotics):``, ``Mira Holt, host:``
    role_span: tuple[int, int] | None = None

    @property
    def strong(self) -> bool:
        """A form no sentence takes; a plain ``Name: speech`` or a name and a time alone on a line must repeat."""
        return self.shape not in ("plain", "timed", "bare")


def _time(m: re.Match, p: str) -> str | None:
    return next((m.group(p + k) for k in "abcde" if m.group(p + k)), None)


def _full_name(name: str) -> bool:
    """Words that can name someone alone on a line: two or more, no sentence's end in them ("Yes.", "Yeah. Shall"
    are a caption's lines), not in capitals (a book's running head, a chapter's title)."""
    words = name.split()
    return len(words) >= 2 and not name.isupper() and not any(
        len(w) > 2 and w.endswith(".") and not re.fullmatch(_HONORIFIC + r"\.", w) for w in words)


def _candidate(m: re.Match) -> Label | None:
    """The label a line offers, or None when no transcript would write it so."""
    ts = _time(m, "ts") or _time(m, "pre") or _time(m, "bs")
    colon, rest = m.group("colon") or m.group("early"), m.group("rest")
    body = m.start("rest") if rest else m.end()
    if m.group("heading") and (rest or colon or ts or not m.group("name")):
        return None  # a heading names a speaker only alone: "## Mira Holt" above the speech
    bold = m.group("bold") or m.group("boldstamp") or m.group("boldname")
    if bold:
        return Label(m.start(), body, bold.strip(), None, ts, "bold", m.group("tsurl"))
    if m.group("bracket"):
        return Label(m.start(), body, m.group("bracket").strip(), None, ts, "bracket") if ts or rest else None
    if m.group("hearing"):
        name = m.group("hearing")
        return Label(m.start(), body, name, None, ts, "hearing") if rest else None
    if m.group("hearing2"):  # a sentence could open so ("Dr. Watson. That was the code name."): it must repeat
        name = m.group("hearing2")
        return Label(m.start(), body, name if name.startswith("The") else _HONORIFIC_RX.sub("", name, count=1), None,
                     ts, "plain") if rest else None
    label = _named(m, ts, colon, rest, body)
    if label is not None:
        alias, name = m.group("alias"), m.group("name").strip()
        if alias and (len(name.split()) >= 2 or len(alias.split()) < 2):  # "Tom Reyes (Gradient Robotics)", "Mira (Host)"
            label.alias, label.role, label.role_span = None, alias.strip(), m.span("alias")
        elif m.group("role"):
            label.role, label.role_span = m.group("role").strip(), m.span("role")
    return label


def _named(m: re.Match, ts: str | None, colon: str | None, rest: str, body: int) -> Label | None:
    """The label a line offers with a plain name (a handle and the name in brackets too)."""
    name, alias = m.group("name").strip(), m.group("alias")
    if m.group("role") and not colon:
        return None
    if _time(m, "pre") and not colon:  # "00:00:04 Mira Holt" alone on a line, the speech below
        if rest or m.end() == len(m.string):
            return None
        return Label(m.start(), m.end(), name, alias, _time(m, "pre"), "timed")
    if ts:
        bare = bool(m.group("tsd"))
        if rest and bare and not colon:
            return None  # "At 12:30 we met": a sentence, not a label
        if rest and colon and not bare and rest[:1].isdigit():
            return None
        return Label(m.start(), body, name, alias, ts, "linked" if m.group("tsa") else "stamped", m.group("tsurl"))
    if not colon:
        below = STAMPED_LINE.match(m.string, m.end()) if not rest else None
        if below is None:
            alone = STAMP_BELOW.match(m.string, m.end()) if not rest else None
            if alone:
                return Label(m.start(), alone.end(), name, alias, _time(alone, "u"), "timed")
            if not rest and _full_name(name) and SPEECH_BELOW.match(m.string, m.end()):
                return Label(m.start(), m.end(), name, alias, None, "bare")  # "Mira Holt" or "## Mira Holt" above the speech
            return None
        stamp = STAMP_START.match(m.string, below.end())  # a name alone, the speech stamped on the line below
        return Label(m.start(), below.end(), name, alias, _time(stamp, "s"), "stamped")
    return Label(m.start(), body, name, alias, None, "plain" if rest else "alone")


def _not_labels() -> set[str]:
    return {r.text.lower() for r in load_rules().labels}


def _stamped_lines(text: str, p: Para) -> list[Para]:
    """A paragraph cut before each of its lines that opens with a timestamp (each is a turn of its own)."""
    cuts = [m.end() for m in STAMPED_LINE.finditer(text, p.start, p.end)]
    if not cuts:
        return [p]
    spans = [strip_span(text, a, b) for a, b in zip([p.start, *cuts], [*cuts, p.end])]
    return [Para(a, b, text[a:b]) for a, b in spans if b > a]


def _plausible(label: Label, stop: set[str]) -> bool:
    """Words that can name a speaker: not a word that opens lines without naming anyone ("Note:", "The …"),
    except a title before speech ("THE MODERATOR: …", "The CHAIRMAN. …", "The Chairman. …")."""
    name, words = label.name, label.name.split()
    titled = label.shape in ("plain", "hearing") and len(words) >= 2 and all(w[:1].isupper() for w in words)
    return 1 <= len(words) <= 4 and name.lower() not in stop and (titled or words[0].lower() not in stop)


def find_labels(text: str, start: int = 0, end: int | None = None) -> list[Label]:
    """The label lines of ``text[start:end]``, learned from the document as a whole."""
    end = len(text) if end is None else end
    stop = _not_labels()
    found = []
    for m in LABEL_LINE.finditer(text, start, end):
        c = _candidate(m)
        if c and _plausible(c, stop):
            lead = (m.group("lead") or "").strip()
            c.lead = lead[:1] if lead.startswith(">") else "-" if lead else ""
            found.append(c)
    # a document writes its turns one way: a listed "- Name: …" among plain labels is an item of a list
    usual = Counter(c.lead for c in found).most_common(1)
    found = [c for c in found if c.lead == usual[0][0]] if usual else found
    counts = Counter(c.name for c in found)
    strong = [c for c in found if c.strong]
    if len(strong) >= 2:
        kept = {c.name for c in strong if counts[c.name] >= 2}
        shapes = {c.shape for c in strong if c.name in kept} or {c.shape for c in strong}
        # one who speaks once is labelled as the others are: "[It's] not obvious." among "**Name:**" labels is an
        # editor's word in brackets
        once = {c.name for c in strong if counts[c.name] == 1 and c.shape in shapes}
        stamped = {c.name for c in strong if counts[c.name] == 1 and c.ts}
        timed = all(c.ts for c in strong if c.name in once)
        if kept:  # before anyone speaks twice, a label over no sentence is a field of the header ("**Date:** May 8,
            # 2025", "**Witnesses:**" above a list)
            opens = min(c.start for c in strong if c.name in kept)
            once -= {c.name for c in strong if c.name in once and c.start < opens and _field(text, c)}
        if (kept or timed) and len(once) <= max(2, len(strong) // 10):
            kept |= once  # a guest who speaks once beside others who speak again; more than a few would be
            # sentences, and untimed labels none of which comes twice ("**Guest:** Maya Lind", "**Host:** …") are
            # fields
        elif kept and len(stamped) <= max(3, 2 * sum(counts[n] for n in kept)):
            kept |= stamped  # a name with the time it spoke at, as the others who speak again are written: a
            # panel where several speak once ("Fiona Bruce 00:00:00" asks, a guest answers, another agrees)
        if sum(counts[n] for n in kept) >= 2:
            return [c for c in found if c.name in kept]
    plain = [c for c in found if counts[c.name] >= 2 and c.shape != "bare"]
    bare = [c for c in found if c.shape == "bare" and counts[c.name] >= 2]
    if len({c.name for c in bare}) >= 2 and sum(a.name != b.name for a, b in zip(bare, bare[1:])) >= len(bare) / 2:
        plain = sorted(plain + bare, key=lambda c: c.start)  # names alone on their lines, taking turns: a conversation
    if plain and all(c.name.isupper() for c in plain):  # "HOLT:", "VANCE:": one who speaks once is written so too
        once = [c for c in found if counts[c.name] == 1 and c.name.isupper() and c.shape == "plain"]
        if len(once) <= max(2, len(plain) // 10):
            plain = sorted(plain + once, key=lambda c: c.start)
    names = {c.name for c in plain}
    listed = any(c.lead == "-" for c in plain)  # "- Status: …" again and again is a list's field, not a speaker
    if len(plain) >= 3 and (2 if listed else 1) <= len(names) <= max(6, len(plain) // 3):
        return plain
    return []


def _field(text: str, label: Label) -> bool:
    """A label whose first line of text holds no sentence: a value ("May 8, 2025", a title in quotes) or a list's item."""
    at = len(text) - len(text[label.body_start:].lstrip())  # the speech may start on the next line
    stop = text.find("\n", at)
    return not ends_sentence(text[at:len(text) if stop < 0 else stop].strip())


def looks_like_transcript(text: str, start: int = 0) -> float:
    """Share of the paragraphs a transcript's labels explain (0 when the document has no labels)."""
    labels = find_labels(text, start)
    if len(labels) < 2:
        return 0.0
    paras = max(1, len(paragraphs(text, start)))
    return min(1.0, 3 * len(labels) / paras)


def _heading_labels(text: str, labels: list[Label], speakers: dict[str, str], start: int, end: int) -> list[Label]:
    """Headings that name one of the speakers above text no label opens ("## Opening Statement - Chairman Ted
    Cruz (R-TX)", "### Sam Altman, CEO, OpenAI" above "[13:26] Thank you, Chairman."), as labels of that speaker."""
    label_of = {}
    for c in labels:
        label_of.setdefault(speakers[c.name], c.name)
    starts = {c.start for c in labels}
    out = []
    for m in re.finditer(r"^[ \t]*#{2,6}[ \t]+\S[^\n]*", text[:end], re.M):  # (a "# " heading titles the document)
        if m.start() < start or m.start() in starts:
            continue
        title = m.group(0)
        named = {n for n in label_of if re.search(rf"(?<![\w'’-]){re.escape(n)}(?![\w'’-])", title)}
        if len(named) != 1:
            continue
        below = next((p for p in paragraphs(text, m.end(), end)), None)
        if below is None or below.start in starts or MD_HEADING.match(below.text) or not ends_sentence(below.text):
            continue  # a chapter's title above a labelled turn (the label says who speaks), or above no speech
        out.append(Label(m.start(), m.end(), label_of[named.pop()], None, None, "heading"))
    return out


def _chapters(text: str, end: int) -> list[tuple[float, str]]:
    out = []
    for m in CHAPTER.finditer(text, 0, end):
        secs = parse_timestamp(m.group("ts"))
        if secs is not None:
            out.append((secs, m.group("title")))
    return out


def _is_heading(para_text: str, is_last: bool, chapter_titles: set[str]) -> bool:
    line = para_text.strip()
    if line in chapter_titles:
        return True
    if "\n" in line or not is_last:
        return False
    words = line.split()
    return len(words) <= 8 and not ends_sentence(line) and line[:1].isupper()


def _as_name(label: str) -> str:
    """A label as a name: ``Senator OKONJO`` → ``Okonjo``, ``LEHRER`` → ``Lehrer``, ``Dr. Jane Doe`` → ``Jane Doe``
    (the person the text calls "Jane Doe"; a title and a single name, ``Dr. Doe``, stays as written)."""
    words = label.split()
    titled = _HONORIFIC_RX.match(label) and (words[-1].isupper() or len(words) >= 3)
    name = _HONORIFIC_RX.sub("", label, count=1) if titled else label
    if name.startswith("The ") and name[4:].isupper():  # The CHAIRMAN
        return "The " + name[4:].title()
    return name.title() if name.isupper() and len(name) > 2 else name


def _named_in_text(name: str, text: str) -> str | None:
    """The full name the text gives a first name or surname, when it gives one clearly
    ("… my guest, Barack Obama …" for ``Obama``): the most frequent, at least twice as often as any other."""
    other = rf"{UPPER}[a-zß-öø-ÿ][\w'’\-]+"
    rx = re.compile(rf"\b(?:{other}[ \t]+(?:{_PARTICLE}[ \t]+)?{re.escape(name)}|{re.escape(name)}[ \t]+{other})\b(?![ \t]*:)")
    common = set(re.findall(r"\b[a-z][a-z'’\-]+", text))
    titles = load_rules().words_of("title")  # "Governor Romney" names Romney; Governor is no first name
    found = Counter(m.group(0) for m in rx.finditer(text)
                    if not any(w.lower() in common or w.rstrip(".") in titles for w in m.group(0).split() if w != name))
    ranked = found.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return re.sub(r"[ \t]+", " ", ranked[0][0])
    return None


def resolve_labels(labels: list[Label], known: list[str], text: str = "") -> dict[str, str]:
    """Each label's speaker: a handle's own name, a first name or surname the document gives in full
    (:func:`full_names`)."""
    full = {c.name: (c.alias if c.alias and len(c.alias.split()) >= 2 else _as_name(c.name)) for c in labels}
    names = full_names(full, known, text)
    pool = [n for n in dict.fromkeys([*names.values(), *known]) if len(n.split()) >= 2]
    for label in names:  # "Senator Cruz", "Chairman Cruz": the full name the text gives after a title ("Chairman Ted
        # Cruz (R-TX)"), else another label's or the metadata's, else the one the text gives most
        if not _HONORIFIC_RX.match(label):
            continue
        bare = _HONORIFIC_RX.sub("", label, count=1)
        titled = {re.sub(r"[ \t]+", " ", m.group(1)) for m in re.finditer(  # "Senator Ben Ray Luján (D-NM)"
            rf"\b{_HONORIFIC}\.?[ \t]+((?:{UPPER}[\w'’\-]+[ \t]+){{1,2}}{re.escape(bare)})\b", text)}
        fits = titled or {n for n in pool if n.endswith(" " + bare) and not _HONORIFIC_RX.match(n)}
        found = fits.pop() if len(fits) == 1 else None if fits else _named_in_text(bare, text)
        if found and found.endswith(" " + bare) and not _HONORIFIC_RX.match(found):
            names[label] = found
    return names


def full_names(names: dict[str, str], known: list[str], text: str = "") -> dict[str, str]:
    """``names`` (label → name as written) with each one-word name made full.

    ``known`` holds the full names the document states elsewhere (front matter, title).  A
    one-word name becomes the one full name (another label of the document, or one in ``known``)
    whose first or last word it is, else the full name ``text`` clearly gives it; otherwise it
    stays as written.
    """
    pool = [n for n in dict.fromkeys([*names.values(), *known]) if len(n.split()) >= 2]
    out = {}
    for label, name in names.items():
        if len(name.split()) == 1:
            fits = {n for n in pool if name.lower() in (n.split()[0].lower(), n.split()[-1].lower())}
            name = fits.pop() if len(fits) == 1 else (_named_in_text(name, text) if not fits else None) or name
        out[label] = name
    return out


def read_transcript(text: str, meta: DocumentMeta, start: int = 0, end: int | None = None) -> ReadDocument:
    end = len(text) if end is None else end
    doc = ReadDocument(meta=meta, text=text)
    labels = find_labels(text, start, end)
    if not labels:
        return doc
    meta.shape = Counter(c.shape for c in labels).most_common(1)[0][0]
    video = next((YOUTUBE.search(c.url) for c in labels if c.url and YOUTUBE.search(c.url)), None)
    meta.video_id = meta.video_id or (video.group("id") if video else None)
    speakers = resolve_labels(labels, [*meta.participants, *meta.authors], text)
    doc.aliases = {label: name for label, name in speakers.items() if label != name}
    doc.aliases.update({c.alias: speakers[c.name] for c in labels if c.alias and c.alias != speakers[c.name]})
    labels = sorted(labels + _heading_labels(text, labels, speakers, start, end), key=lambda c: c.start)
    first = labels[0].start
    chapters = _chapters(text, first)
    titles = {t for _, t in chapters}
    clock: str | None = None  # a time alone on its line, for the turns after it that state none ("00:05:00" in Meet's)
    for p in paragraphs(text, start, first):
        doc.blocks.append(Block("heading" if MD_HEADING.match(p.text) else "intro", p.text, p.start, p.end))
        if BARE_TIME.fullmatch(p.text):
            clock = normalize_timestamp(BARE_TIME.fullmatch(p.text).group("t"))

    section: str | None = None
    pending: str | None = None  # a heading seen at the end of the previous turn
    roled: set[str] = set()  # speakers whose printed role a turn already carries
    for i, h in enumerate(labels):
        if h.shape == "heading":  # "### Sam Altman, CEO, OpenAI" above the words Sam Altman says
            doc.blocks.append(Block("heading", text[h.start:h.body_start], h.start, h.body_start))
            pending = MD_HEADING.match(text, h.start, h.body_start).group("title")
        if pending and not chapters:
            section, pending = pending, None
        body_end = labels[i + 1].start if i + 1 < len(labels) else end
        ts = normalize_timestamp(h.ts) if h.ts else None
        if chapters and ts:
            secs = parse_timestamp(ts) or 0
            current = [title for t, title in chapters if t <= secs]
            section = current[-1] if current else section
        turns: list[tuple[str | None, list[tuple[int, int]]]] = [(ts or clock, [])]
        paras = [q for p in paragraphs(text, h.body_start, body_end) for q in _stamped_lines(text, p)]
        for j, p in enumerate(paras):
            heading = MD_HEADING.match(p.text)
            if (heading and "\n" not in p.text) or (
                    i + 1 < len(labels) and _is_heading(p.text, j == len(paras) - 1 and j > 0, titles)):
                doc.blocks.append(Block("heading", p.text, p.start, p.end))
                pending = heading.group("title") if heading else p.text.strip()
                continue
            if MARKER.fullmatch(p.text):
                doc.blocks.append(Block("marker", p.text, p.start, p.end))
                continue
            if BARE_TIME.fullmatch(p.text):
                doc.blocks.append(Block("marker", p.text, p.start, p.end))
                clock = normalize_timestamp(BARE_TIME.fullmatch(p.text).group("t"))
                if not turns[-1][1]:  # above the label's first words: their time
                    turns[-1] = (ts or clock, [])
                else:  # between the speaker's paragraphs: the time of those that follow
                    turns.append((clock, []))
                continue
            stamp = STAMP_START.match(text, p.start, p.end)
            if stamp and (j > 0 or turns[-1][1]):
                turns.append((normalize_timestamp(_time(stamp, "s")), [(stamp.end(), p.end)]))
            elif stamp:
                turns[-1] = (turns[-1][0] or normalize_timestamp(_time(stamp, "s")), [(stamp.end(), p.end)])
            else:
                turns[-1][1].append((p.start, p.end))
        if not any(pieces for _, pieces in turns):
            where = "at the end of the file" if i + 1 == len(labels) else f"at offset {h.start}"
            doc.warnings.append(f"turn of {h.name} {ts or ''} has no text {where} (truncated?)".replace("  ", " "))
            continue
        for turn_ts, pieces in turns:
            if not pieces:
                continue
            body, tmap = clean(text, pieces)
            if not body.strip():
                continue
            role = h.role if h.role and speakers[h.name] not in roled else None
            if role:
                roled.add(speakers[h.name])
            doc.turns.append(Turn(index=len(doc.turns), kind="speech", text=body.strip(), tmap=tmap,
                                  speaker=speakers[h.name], pieces=pieces, timestamp=turn_ts, section=section,
                                  role=role, role_span=h.role_span if role else None))
    if doc.turns:
        last = doc.turns[-1]
        if not ends_sentence(last.text):
            doc.warnings.append(f"last turn ({last.speaker} {last.timestamp or ''}) ends mid-sentence: file truncated?")
    return doc
