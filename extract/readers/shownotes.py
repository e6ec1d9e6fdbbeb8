"""Show notes: the people an episode's description says take part, and the video it links to, whatever
family the rest is.

A description lists them under a heading line of its own ("Guests:", "Hosts:", "Featuring:"), one a
line, or on that line itself, each name maybe followed by who they are::

    Guests:
    Satya Nadella, chairman and chief executive of Microsoft.
    Cindy Cohn, former executive director of the Electronic Frontier Foundation.

    Hosts: Kevin Roose and Casey Newton

Only the description is read (the text before the first turn), and only names in the form people
write them (two to four capitalised words).  They are the document's participants: the full names a
bare first name resolves to ("Casey:" is Casey Newton), and the spelling an automatic caption's
"Cindy Con" is matched against.

>>> listed_people("Guests:\\nAda Quill, who runs a robotics lab.\\nBram Ng - https://example.com\\n\\nMore text.")
['Ada Quill', 'Bram Ng']

A description that links to one video and no other ("[YouTube link](https://youtu.be/…)") links to the
episode's own video: the timed turns below it are moments of that video.
"""

from __future__ import annotations

import re

from extract.readers.frontmatter import YOUTUBE
from extract.rules import UPPER

_WHO = r"(?:special |our |my |today'?s |today’s |this week'?s |this week’s )?(?:guests?|hosts?|co-?hosts?|panel(?:ists)?|speakers?|featuring|with|interviewees?|witness(?:es)?)"
HEADING = re.compile(rf"^[ \t]*(?:[*_#]+[ \t]*)?(?i:{_WHO})[ \t]*(?:[*_]+)?[ \t]*:[ \t]*(?:[*_]+)?(?P<rest>[^\n]*?)[ \t]*$", re.M)
_NAME = re.compile(rf"(?:{UPPER}[\w'’\-]*\.?)(?:[ \t]+(?:(?:van|von|de|der|da|di|du|la|le|bin|al|el)[ \t]+)?{UPPER}[\w'’\-]*){{1,3}}")
# what may follow a name on its line: who they are, a link, a bracket
_AFTER = re.compile(r"[ \t]*(?:$|[,(\[|–—-]|:|\bof\b|\bfrom\b|\bat\b)")
_TITLE = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?[ \t]+(?=\S+[ \t]+\S)")
_SPLIT = re.compile(r"[ \t]*(?:,|&|\band\b|;|\|)[ \t]*")


def _name(item: str) -> str | None:
    """The name an item opens with ("Satya Nadella, chairman of Microsoft" → "Satya Nadella"), if it opens with one."""
    item = _TITLE.sub("", item.strip(" \t*_-–—•·").strip(), count=1)  # "Dr. Ada Quill" is Ada Quill
    m = _NAME.match(item)
    if not m or not _AFTER.match(item, m.end()) or m.group(0).isupper():
        return None
    return m.group(0)


def listed_people(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The people ``text[start:end]`` lists under a "Guests:" or "Hosts:" line, in order, each once."""
    end = len(text) if end is None else end
    found: list[str] = []
    for m in HEADING.finditer(text, start, end):
        rest = m.group("rest").strip()
        if rest:  # "Hosts: Kevin Roose and Casey Newton", "Speaker: Sam Altman, CEO, OpenAI"
            names = [_name(part) for part in _SPLIT.split(rest)]
            if all(names):
                found += names
            elif names[0] and len(rest.split(",")) > 1 and not any(names[1:]):
                found.append(names[0])  # one name, then who they are
            continue
        pos = m.end() + 1
        while pos < end:  # one a line, up to a blank line
            stop = text.find("\n", pos, end)
            stop = end if stop < 0 else stop
            line = text[pos:stop]
            if not line.strip():
                break
            name = _name(line)
            if name is None:
                break
            found.append(name)
            pos = stop + 1
    return list(dict.fromkeys(found))


def linked_video(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The id of the one YouTube video ``text[start:end]`` links to (None when it links to none or to several)."""
    ids = {m.group("id") for m in YOUTUBE.finditer(text, start, len(text) if end is None else end)}
    return ids.pop() if len(ids) == 1 else None
