"""Cleaned text that still knows where every character came from.

Readers clean what they read (OCR slips, footnote markers, HTML anchors, line
breaks in the middle of a sentence), but every fact in the graph must point at
the exact words of the original file.  A :class:`TextMap` records, piece by
piece, which raw span each run of cleaned text stands for, so a span found in
the cleaned text maps back to ``[start, end)`` offsets in the original.
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence


@dataclass(frozen=True)
class Piece:
    clean_start: int
    clean_len: int
    raw_start: int
    raw_end: int
    exact: bool  # clean text is a verbatim copy of raw[raw_start:raw_end]


@dataclass
class TextMap:
    """Maps offsets in a cleaned string back to offsets in the raw source."""

    pieces: list[Piece] = field(default_factory=list)
    _cached: tuple[int, list[int]] | None = field(default=None, init=False, repr=False, compare=False)

    def _starts(self) -> list[int]:
        """Clean offsets where the pieces start (kept until a piece is added)."""
        if self._cached is None or self._cached[0] != len(self.pieces):
            self._cached = (len(self.pieces), [p.clean_start for p in self.pieces])
        return self._cached[1]

    def _piece_at(self, pos: int) -> Piece:
        i = bisect.bisect_right(self._starts(), pos) - 1
        return self.pieces[max(i, 0)]

    def raw_start(self, pos: int) -> int:
        p = self._piece_at(pos)
        if p.exact:
            return p.raw_start + min(pos - p.clean_start, p.raw_end - p.raw_start)
        return p.raw_start

    def raw_end(self, pos: int) -> int:
        """Raw offset just after the clean character at ``pos - 1``."""
        if pos <= 0:
            return self.pieces[0].raw_start if self.pieces else 0
        p = self._piece_at(pos - 1)
        if p.exact:
            return p.raw_start + (pos - p.clean_start)
        return p.raw_end

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` covering the clean span ``[start, end)``."""
        return self.raw_start(start), self.raw_end(end)

    def raw_spans(self) -> list[tuple[int, int]]:
        return [(p.raw_start, p.raw_end) for p in self.pieces if p.exact and p.clean_len]

    def slice(self, start: int, end: int) -> "TextMap":
        """The map of the clean text ``[start, end)`` alone (its offsets from 0)."""
        out = TextMap()
        for p in self.pieces:
            a, b = max(p.clean_start, start), min(p.clean_start + p.clean_len, end)
            if b < a or (b == a and not start <= p.clean_start < end):
                continue
            if p.exact:
                piece = Piece(a - start, b - a, p.raw_start + (a - p.clean_start), p.raw_start + (b - p.clean_start), True)
            else:
                piece = Piece(a - start, b - a, p.raw_start, p.raw_end, False)
            out.pieces.append(piece)
        return out


class TextBuilder:
    """Builds a cleaned string from raw spans while recording a :class:`TextMap`."""

    def __init__(self, raw: str):
        self.raw = raw
        self._parts: list[str] = []
        self._map = TextMap()
        self._len = 0

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        self._push(self.raw[start:end], start, end, exact=True)

    def replace(self, start: int, end: int, text: str) -> None:
        self._push(text, start, end, exact=False)

    def _push(self, text: str, start: int, end: int, exact: bool) -> None:
        self._map.pieces.append(Piece(self._len, len(text), start, end, exact))
        self._parts.append(text)
        self._len += len(text)

    def ends_with_space(self) -> bool:
        return bool(self._parts) and self._parts[-1][-1:].isspace()

    def __len__(self) -> int:
        return self._len

    def build(self) -> tuple[str, TextMap]:
        return "".join(self._parts), self._map


Replacement = Callable[[re.Match], str]


class Cleaner:
    """Applies an ordered list of ``(pattern, replacement)`` rules to raw spans.

    Rules are tried left to right at each position (one alternation), so an
    earlier rule wins.  Text no rule touches is copied verbatim; every
    replacement is recorded so offsets survive.
    """

    def __init__(self, rules: Sequence[tuple[str, str | Replacement]]):
        self._rules = list(rules)
        self._each = [re.compile(pat, re.MULTILINE) for pat, _ in self._rules]
        # A template is parsed once here, not at every match (re parses it on each Match.expand).
        self._repl = [r if callable(r) else (lambda m, r=r: r) if "\\" not in r else (lambda m, r=r: m.expand(r))
                      for _, r in self._rules]
        alternation = "|".join(f"(?P<r{i}>{pat})" for i, (pat, _) in enumerate(self._rules))
        self._re = re.compile(alternation, re.MULTILINE)

    def matches(self, raw: str, start: int, end: int) -> Iterator[re.Match]:
        """The non-empty matches ``self._re.finditer(raw, start, end)`` gives, found faster.

        Trying a long alternation at every position costs about one failed match per rule
        per character.  Instead each rule finds its own next match (a scan in C, which
        skips ahead on a literal prefix); the alternation is only tried where the
        nearest of them starts, and no rule can match before that.  An empty match
        hands over to ``finditer`` itself, whose rules for what follows one are subtle.
        """
        heap = []
        for i, rx in enumerate(self._each):
            m = rx.search(raw, start, end)
            if m is not None:
                heap.append((m.start(), i))
        heapq.heapify(heap)
        pos = start
        while heap:
            at, i = heap[0]
            if at < pos:  # that rule's match began inside the last match: find its next one
                m = self._each[i].search(raw, pos, end)
                if m is None:
                    heapq.heappop(heap)
                else:
                    heapq.heapreplace(heap, (m.start(), i))
                continue
            m = self._re.match(raw, at, end)  # the first rule matching here, as the alternation picks it
            if m is None or m.end() == m.start():
                yield from (m for m in self._re.finditer(raw, at, end) if m.end() > m.start())
                return
            yield m
            pos = m.end()

    def feed(self, builder: TextBuilder, start: int, end: int) -> None:
        raw = builder.raw
        pos = start
        for m in self.matches(raw, start, end):
            name = m.lastgroup
            assert name is not None
            i = int(name[1:])
            own = self._each[i].match(raw, m.start())  # the rule's own groups
            assert own is not None
            new = self._repl[i](own)
            if new == m.group(0):
                continue
            builder.copy(pos, m.start())
            # Never emit two spaces in a row across a removed marker.
            if new == " " and builder.ends_with_space() and pos == m.start():
                new = ""
            builder.replace(m.start(), m.end(), new)
            pos = m.end()
        builder.copy(pos, end)

    def clean(self, raw: str, spans: Iterable[tuple[int, int]], joiner: str = " ") -> tuple[str, TextMap]:
        """Clean several raw spans into one string, joined by ``joiner``.

        The gap between two spans is recorded as a replacement, so a clean
        span that straddles the join maps to a raw span covering the gap.
        """
        b = TextBuilder(raw)
        prev_end: int | None = None
        for s, e in spans:
            if prev_end is not None:
                b.replace(prev_end, s, joiner)
            self.feed(b, s, e)
            prev_end = e
        text, tmap = b.build()
        return text, tmap


def strip_span(raw: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with white space."""
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end
