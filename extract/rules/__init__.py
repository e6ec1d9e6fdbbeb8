"""Curated rules, kept as YAML data and validated on load.

Each file in this folder is a list of records checked against a pydantic model
with ``extra="forbid"``: a misspelt key or a wrong type fails with the file,
the line and the key named, so a domain expert can add a person, an alias, a
system or a cue phrase without reading Python.

Files: ``people.yml``, ``organizations.yml``, ``systems.yml``,
``concepts.yml``, ``works.yml``, ``groups.yml``, ``ocr.yml``, ``cues.yml``,
``junk.yml``, ``labels.yml``, ``names.yml``, ``clauses.yml``, ``words.yml``,
``confidences.yml``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Iterable, Iterator, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

RULES_DIR = Path(__file__).parent


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, line and key."""


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(_Rule):
    role: str
    organization: str | None = None


class PersonRule(_Rule):
    name: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    note: str | None = None


class OrganizationRule(_Rule):
    name: str
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None


class SystemRule(_Rule):
    name: str
    aliases: list[str] = Field(default_factory=list)
    developer: str | None = None
    note: str | None = None


class ConceptRule(_Rule):
    name: str
    aliases: list[str] = Field(default_factory=list)
    definition: str | None = None
    note: str | None = None


class GroupRule(_Rule):
    """A position or group people argue with: "AI skeptics", "people on Twitter"."""

    name: str
    aliases: list[str] = Field(default_factory=list)


class WorkRule(_Rule):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str = "paper"
    authors: list[str] = Field(default_factory=list)
    year: int | None = None


# letters of any Latin, Greek or Cyrillic alphabet: a name in a cue is "{Name}" ("Łukasz", "Élodie", "Ada")
UPPER = "[" + "".join(chr(i) for i in range(0x0530) if chr(i).isupper()) + "]"
LOWER = "[" + "".join(chr(i) for i in range(0x0530) if chr(i).islower()) + "]"
NAME_WORD = f"(?:{UPPER}{LOWER}+)"


def expand(pattern: str) -> str:
    """A pattern with ``{Name}`` (a capitalised word of any of those alphabets) spelled out."""
    return pattern.replace("{Name}", NAME_WORD)


def _check_regex(v: str) -> str:
    try:
        re.compile(expand(v))
    except re.error as e:
        raise ValueError(f"not a valid regular expression: {e}") from e
    return v


Regex = Annotated[str, AfterValidator(_check_regex)]


@lru_cache(maxsize=1024)
def _compiled(pattern: str, flags: int) -> re.Pattern:
    return re.compile(expand(pattern), flags)


class OcrRule(_Rule):
    pattern: Regex
    replace: str
    note: str | None = None


CueCategory = Literal[
    "affiliation", "agree", "author", "boilerplate", "cite", "cite_footnote", "concession", "condition", "disagree",
    "disclaimer", "filler", "group_contrast", "hedge", "hypothetical", "narration", "negation", "objection", "question",
    "rejected_view", "report", "report_question", "reported_view", "setup", "system",
]


class CueRule(_Rule):
    """A cue phrase: ``category`` says what it signals, ``pattern`` is a regex on the sentence.

    Citation cues (``cite``, ``cite_footnote``) may say how their match names the work:
    ``work_title`` is a template over the pattern's groups and ``{owner}`` (the resolved author,
    else the ``who`` group), ``{match}`` (the whole match without a leading "the") and
    ``{year_paren}`` (" (2009)" when a year was matched); ``who_is`` says whether the ``who``
    group wrote the work or only points to it; ``needs_owner`` keeps a loose pattern to works
    already known or whose owner is a known person or organization.  A stance cue that ``answers``
    ``claims`` ("I agree with you") evaluates a position rather than a question when the turn before
    makes one; with ``claims_only`` it answers nothing else ("No, you have to turn it on." after "Can I
    connect?" answers the question: no stance).  A ``yes_or_no`` cue ("No, not really.", "Absolutely.")
    answers the turn before when that turn ends on a question that asks rather than proposes ("Do you see
    a risk there?", "Could you outline that?"), on thanks or on an offer: no stance.  An ``opponent`` cue
    ("He has no plan.") speaks of the other side in the third person, as debaters do: it counts anywhere
    in a turn, and only in a debate.
    """

    id: str
    category: CueCategory
    pattern: Regex
    literal: str | None = None  # a readable example
    confidence: float = 0.8
    case_sensitive: bool = False
    answers: Literal["anything", "claims", "claims_only"] = "anything"  # stance cues: what the reply can answer
    work_title: str = "{title}"
    who_is: Literal["author", "recommender"] = "author"
    needs_owner: bool = False
    opponent: bool = False  # stance cues: its "he" or "she" is the other side, so it holds only in a debate
    yes_or_no: bool = False  # stance cues: a bare yes or no, answering a plain question, thanks or an offer
    note: str | None = None

    @property
    def regex(self) -> re.Pattern:
        return _compiled(self.pattern, 0 if self.case_sensitive else re.IGNORECASE)

    @property
    def names(self) -> tuple[str, ...]:
        """The groups of the pattern that catch whom it names (``who``, ``who2``, …), in pattern order."""
        groups = self.regex.groupindex
        return tuple(sorted((g for g in groups if g.startswith("who")), key=groups.get))


class JunkRule(_Rule):
    text: str
    label: str | None = None  # only junk under this label (PERSON, ORG, ...); None: any
    note: str | None = None


class LabelRule(_Rule):
    """A word that starts a line with a colon but never names a speaker ("Note:", "Step 2:")."""

    text: str
    note: str | None = None


class NameWordRule(_Rule):
    """A word that makes a capitalised phrase the name of something other than a person."""

    word: str
    kind: Literal["org_suffix", "place", "event", "award", "law", "work", "product", "title"]
    note: str | None = None


class ClauseRule(_Rule):
    """A phrase that opens a new clause in speech transcribed without punctuation."""

    phrase: Annotated[str, AfterValidator(lambda v: _lower(v))]
    note: str | None = None


class WordRule(_Rule):
    """A word the extraction treats specially: ``kind`` says how; ``means`` maps it to a canonical form."""

    word: str
    kind: Literal["stop", "not_system", "work_kind", "citation_lead", "acronym", "opener", "pause_opener", "pointing",
                  "pointing_object", "personal", "expletive_verb", "saying_verb", "hedge_word", "reason_mark",
                  "opener_phrase", "portion", "saying_filler", "alternative", "question_word", "title",
                  "role_label", "why_word", "reason_answer", "denial_word", "prompt_word", "asking_word",
                  "courtesy_word", "checking_word", "auxiliary", "comma_lead", "not_subject", "preface_verb",
                  "modal", "narrator", "knowing_verb", "point_mark",
                  "past_auxiliary", "question_lead", "short_name", "inference_lead", "dangling"]
    means: str | None = None
    note: str | None = None


class ConfidenceRule(_Rule):
    """How much a fact found a given way is trusted (0..1): the ``rule`` id the edge or claim carries."""

    rule: str
    confidence: Annotated[float, Field(ge=0.0, le=1.0)]
    note: str | None = None


def _lower(v: str) -> str:
    if v != v.lower() or not v.strip():
        raise ValueError("write the phrase in lower case")
    return v


FILES: dict[str, type[_Rule]] = {
    "people": PersonRule,
    "organizations": OrganizationRule,
    "systems": SystemRule,
    "concepts": ConceptRule,
    "groups": GroupRule,
    "works": WorkRule,
    "ocr": OcrRule,
    "cues": CueRule,
    "junk": JunkRule,
    "labels": LabelRule,
    "names": NameWordRule,
    "clauses": ClauseRule,
    "words": WordRule,
    "confidences": ConfidenceRule,
}


class Rules(BaseModel):
    model_config = ConfigDict(frozen=True)

    people: list[PersonRule]
    organizations: list[OrganizationRule]
    systems: list[SystemRule]
    concepts: list[ConceptRule]
    groups: list[GroupRule]
    works: list[WorkRule]
    ocr: list[OcrRule]
    cues: list[CueRule]
    junk: list[JunkRule]
    labels: list[LabelRule]
    names: list[NameWordRule]
    clauses: list[ClauseRule]
    words: list[WordRule]
    confidences: list[ConfidenceRule]
    digest: str

    def cues_for(self, category: str) -> "CueSet":
        """The cues of ``category``, in file order."""
        return _made(self, ("cues", category), lambda: CueSet(c for c in self.cues if c.category == category))

    def cue(self, cue_id: str) -> "CueRule":
        """The cue with this id (KeyError when there is none)."""
        return _made(self, ("cue ids",), lambda: {c.id: c for c in self.cues})[cue_id]

    def found(self, category: str, text: str, hits: Iterable[tuple[str, int]]) -> Iterator[tuple["CueRule", re.Match]]:
        """The matches of ``category``'s cues in ``text`` that :meth:`CueSet.hits` found there, made again
        from where each starts (as :meth:`CueSet.matches` gives them)."""
        for cue_id, at in hits:
            cue = self.cue(cue_id)
            if cue.category == category:
                yield cue, cue.regex.match(text, at)

    def words_of(self, *kinds: str) -> frozenset[str]:
        """The words of ``names.yml`` of these kinds (all kinds when none is named)."""
        return _made(self, ("names", kinds), lambda: frozenset(r.word for r in self.names if not kinds or r.kind in kinds))

    def word_list(self, kind: str) -> dict[str, str]:
        """The words of ``words.yml`` of this kind, each with what it means (itself when not said)."""
        return _made(self, ("words", kind), lambda: {r.word: r.means or r.word for r in self.words if r.kind == kind})

    def confidence(self, rule: str) -> float:
        """The confidence ``confidences.yml`` gives facts found by ``rule`` (KeyError when it gives none)."""
        return _made(self, ("confidences",), lambda: {r.rule: r.confidence for r in self.confidences})[rule]


class CueSet(list):
    """The cues of one category, in file order."""

    def first(self, text: str) -> tuple[CueRule, re.Match] | None:
        """The first cue that finds something in ``text``, with its match."""
        for cue in self:
            m = cue.regex.search(text)
            if m:
                return cue, m
        return None

    def matches(self, text: str) -> Iterable[tuple[CueRule, re.Match]]:
        """Every match of every cue in ``text``, cue by cue."""
        for cue in self:
            for m in cue.regex.finditer(text):
                yield cue, m

    def hits(self, text: str) -> tuple[tuple[str, int], ...]:
        """Where :meth:`matches` finds something in ``text``: (cue id, start), to keep and find again
        with :meth:`Rules.found`."""
        return tuple((cue.id, m.start()) for cue, m in self.matches(text))


_MADE: dict[tuple, tuple] = {}  # (id of the rules, what) → (the rules, what was made of them)


def _made(rules: "Rules", what: tuple, make):
    """``make()``, made once per set of rules (which are frozen)."""
    key = (id(rules), *what)
    kept = _MADE.get(key)
    if kept is None or kept[0] is not rules:
        kept = _MADE[key] = (rules, make())
    return kept[1]


class _LineLoader(yaml.SafeLoader):
    """Records the line of every mapping so errors can name it."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _valid_records(text: str, model: type[_Rule]) -> list[_Rule] | None:
    """The records of a rule file read by libyaml, when it has it and the file is valid: a tenth of
    the time of :class:`_LineLoader`, which is pure Python.  None for anything else, which is read
    again by :class:`_LineLoader`, so the error can name its line."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None
    try:
        data = yaml.load(text, Loader=loader)
        if data is None:
            return []
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            return None
        return [model.model_validate(item) for item in data]
    except (yaml.YAMLError, ValidationError):
        return None


def load_file(path: Path, model: type[_Rule]) -> list[_Rule]:
    text = path.read_text(encoding="utf-8")
    valid = _valid_records(text, model)
    if valid is not None:
        ids = [r.id for r in valid if hasattr(r, "id")]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise RuleError(f"{path}: id {twice[0]!r} is used by more than one record")
        return valid
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as e:
        raise RuleError(f"{path}: not valid YAML: {e}") from e
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleError(f"{path}:1: expected a list of records, got {type(data).__name__}")
    out = []
    for item in data:
        line = item.get("__line__", "?") if isinstance(item, dict) else "?"
        if not isinstance(item, dict):
            raise RuleError(f"{path}: each record must be a mapping, got {item!r}")
        try:
            out.append(model.model_validate(_strip_lines(item)))
        except ValidationError as e:
            err = e.errors()[0]
            key = ".".join(str(p) for p in err["loc"]) or "(record)"
            raise RuleError(f"{path}:{line}: key '{key}': {err['msg']}") from None
    return out


@lru_cache(maxsize=4)
def load_rules(directory: Path = RULES_DIR) -> Rules:
    """Load and validate every rule file in ``directory`` (cached)."""
    parts: dict[str, list] = {}
    h = hashlib.sha256()
    for name, model in FILES.items():
        path = directory / f"{name}.yml"
        if path.exists():
            h.update(path.read_bytes())
            parts[name] = load_file(path, model)
        else:
            parts[name] = []
    return Rules(**parts, digest=h.hexdigest()[:16])
