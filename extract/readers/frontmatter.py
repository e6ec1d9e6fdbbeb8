"""YAML front matter: metadata that any family of document may carry, never a family by itself.

>>> data, body = front_matter("---\\ntitle: Ep. 1\\nspeakers: [Ada Quill]\\n---\\nAda Quill: Hi.\\n")
>>> data["title"], body
('Ep. 1', 30)
"""

from __future__ import annotations

import re

import yaml

from extract.readers.common import whole_characters
from extract.records import DocumentMeta
from extract.rules import UPPER

FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
YOUTUBE = re.compile(r"(?:youtube\.com/watch\?(?:[^ #]*&)?v=|youtu\.be/|youtube\.com/embed/)(?P<id>[\w-]{11})")
_PERSON = re.compile(rf"{UPPER}[\w.'’\-]*(?:[ \t]+[\w.'’\-]+){{0,3}}")

# front matter key → DocumentMeta field, in order of preference
KEYS = {
    "title": ("title",),
    "participants": ("speakers", "participants", "guests", "guest", "hosts", "host"),
    "authors": ("authors", "author"),
    "video_id": ("video_id", "videoId", "youtube_id"),
    "url": ("url", "media", "youtube_url", "link", "podcast", "source", "source_url"),  # (web clippers write "source")
    "date": ("date", "publish_date", "pub_date", "published"),
    "show": ("show", "series", "account_name", "channel", "podcast"),  # (a "podcast" that is no link names the show)
}


def front_matter(text: str) -> tuple[dict, int]:
    """The front matter's mapping (empty when absent or not valid YAML) and where the body starts."""
    m = FRONT.match(text)
    if not m:
        return {}, 0
    try:
        data = whole_characters(yaml.safe_load(m.group("body")) or {})
    except yaml.YAMLError:
        data = {}
    return (data if isinstance(data, dict) else {}), m.end()


def _names(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if isinstance(v, (str, int)) and _PERSON.fullmatch(str(v).strip())]


def apply(meta: DocumentMeta, data: dict) -> None:
    """Fill the fields of ``meta`` the sidecar left empty from the front matter ``data``."""
    def first(field: str):
        return next((data[k] for k in KEYS[field] if data.get(k) not in (None, "", [])), None)

    def text(field: str, link: bool) -> str | None:  # the first value of these keys that is (or is no) link
        return next((v.strip() for k in KEYS[field] if isinstance(v := data.get(k), str) and v.strip()
                     and v.strip().startswith("http") == link), None)

    if not meta.title and isinstance(first("title"), str):
        meta.title = first("title").strip()
    if not meta.participants and first("participants") is not None:
        meta.participants = _names(first("participants"))
    if not meta.authors and first("authors") is not None:
        meta.authors = _names(first("authors"))
    meta.url = meta.url or text("url", link=True)
    if not meta.video_id:
        vid = first("video_id")
        found = YOUTUBE.search(meta.url or "")
        meta.video_id = str(vid) if vid else found.group("id") if found else None
    if not meta.date and first("date") is not None:
        meta.date = str(first("date")).strip() or None
    meta.show = meta.show or text("show", link=False)
