"""A fast first search for an alternation of cue patterns, with RE2.

Python's ``re`` tries every alternative of an alternation at every position of a text:
a category of cues merged into one pattern (see :class:`extract.rules.CueSet`) costs
about ten microseconds a sentence, and most sentences match nothing.  RE2 (Google's
linear-time engine, ``google-re2``) says "nothing here" in about one.

RE2's syntax is close to Python's, not the same: it has no look-arounds or back
references, and its ``\\b``, ``\\w``, ``\\s``, ``\\d`` are ASCII only.  So the pattern is
not passed through; it is parsed by Python's own parser and written out again as a
pattern that finds something wherever the original does, and possibly elsewhere:
anchors and look-arounds are dropped, ``.`` matches any character, and classes name
their Unicode categories.  A hit is then confirmed by the original pattern, so
results are exactly Python's; only a text the superset pattern misses is skipped.
A pattern that cannot be written so (a back reference, a class that excludes a
category) gets no prefilter, as does everything when ``google-re2`` is not installed.
"""

from __future__ import annotations

import re
from typing import Any

try:
    import re._constants as C  # Python 3.11+
    import re._parser as P
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

# Python's Unicode classes as RE2 classes that hold at least the same characters (a test checks
# every code point): inside [...] of a class that is not negated.
_CLASSES = {
    C.CATEGORY_DIGIT: r"\p{Nd}",
    C.CATEGORY_SPACE: r"\s\x{0b}\x{1c}-\x{1f}\x{85}\p{Z}",
    C.CATEGORY_WORD: r"\p{L}\p{N}\p{M}_",
    # Their complements, in RE2's ASCII sense, are larger than Python's already.
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_NOT_WORD: r"\W",
}
# Inside a negated class an item must stand for no more than Python's: RE2's ASCII classes are
# smaller than Python's.  (A negated class that excludes \S, \W or \D gets no prefilter.)
_NEGATED_CLASSES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}
_MAX_COUNT = 1000  # RE2's largest counted repetition


class Untranslatable(ValueError):
    pass


def _char(c: int) -> str:
    ch = chr(c)
    return ch if ch.isascii() and ch.isalnum() else f"\\x{{{c:x}}}"


def _class(items: list) -> str:
    negate = bool(items) and items[0][0] is C.NEGATE
    if negate:
        items = items[1:]
    parts = []
    for op, av in items:
        if op is C.LITERAL:
            parts.append(_char(av))
        elif op is C.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY:
            table = _NEGATED_CLASSES if negate else _CLASSES
            if av not in table:
                raise Untranslatable(f"class item {av}")
            parts.append(table[av])
        else:
            raise Untranslatable(f"class item {op}")
    if not parts:
        raise Untranslatable("empty class")
    return ("[^" if negate else "[") + "".join(parts) + "]"


def _flags(add: int, delete: int) -> str:
    on = "i" if add & re.IGNORECASE else ""
    off = "i" if delete & re.IGNORECASE else ""
    return on + (f"-{off}" if off else "")


def _seq(items: Any) -> str:
    return "".join(_item(op, av) for op, av in items)


def _item(op, av) -> str:
    if op is C.LITERAL:
        return _char(av)
    if op is C.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is C.ANY:
        return "(?s:.)"
    if op is C.IN:
        return _class(av)
    if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
        return ""  # anchors, boundaries and look-arounds: dropped (a larger pattern)
    if op is C.BRANCH:
        return "(?:" + "|".join(_seq(alt) for alt in av[1]) + ")"
    if op is C.SUBPATTERN:
        _, add, delete, p = av
        f = _flags(add, delete)
        return f"(?{f}:" + _seq(p) + ")" if f else "(?:" + _seq(p) + ")"
    if getattr(C, "ATOMIC_GROUP", None) is op:
        return "(?:" + _seq(av) + ")"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or getattr(C, "POSSESSIVE_REPEAT", None) is op:
        lo, hi, p = av
        body = "(?:" + _seq(p) + ")"
        if lo > _MAX_COUNT:
            raise Untranslatable("repetition count")
        if hi > _MAX_COUNT:  # (as for * and +: unbounded)
            return body + f"{{{lo},}}"
        return body + f"{{{lo},{hi}}}"
    raise Untranslatable(str(op))  # back references, conditionals


def superset(pattern: str, flags: int = 0) -> str | None:
    """An RE2 pattern finding something in every text ``re.compile(pattern, flags)`` does; None when
    there is none to write."""
    try:
        parsed = P.parse(pattern, flags)
        body = _seq(parsed)
    except (Untranslatable, re.error, RecursionError):
        return None
    return f"(?i:{body})" if parsed.state.flags & re.IGNORECASE else body


def compile_superset(pattern: str, flags: int = 0):
    """The compiled RE2 prefilter of ``pattern`` (see :func:`superset`), or None."""
    try:
        import re2
    except ImportError:
        return None
    translated = superset(pattern, flags)
    if translated is None:
        return None
    options = re2.Options()
    options.log_errors = False
    options.never_capture = True
    try:
        return re2.compile(translated, options)
    except Exception:  # anything RE2 refuses: no prefilter
        return None
