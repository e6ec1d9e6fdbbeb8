"""Argument structure: who disagrees or agrees with whom, what they cite, where they work, and
which claims different documents share.

Everything here is driven by the cue patterns in ``extract/rules/cues.yml`` and
by the structure of dialogue: a reply that pushes back targets the previous
speaker's last claim; an endorsement targets what it names or answers.  Only a
speaker's own words (a speech turn, or the author's voice in notes) can carry
their disagreement: reported speech ("Dwarkesh asks if this means
disagreeing …") is never turned into the reporter's view, questions never
count, and a hedge alone is not disagreement.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz
from extract.kb import KnowledgeBase, Ref
from extract.readers.common import clean, timestamp_seconds
from extract.records import ReadDocument, Turn
from extract.rules import CueRule, CueSet, Rules

SPEECH_KINDS = ("speech", "segment", "paragraph")


@dataclass
class TurnUnit:
    """A sentence unit of a turn with its claim (if it became one) and raw offsets."""

    doc: ReadDocument
    turn: Turn
    text: str
    start: int
    end: int
    kind: str
    claim: object | None


def document_relations(out, di: int, doc: ReadDocument, units: dict[tuple[int, int], list["TurnUnit"]],
                       rules: Rules) -> None:
    """The argument edges of one document; ``units`` holds each turn's sentence units, by (document, turn).
    (Those between documents are :func:`restatements`.)"""
    from extract.pipeline import context_people

    ctx = context_people(doc)
    dialogue(out, di, doc, units, rules, ctx)
    citations(out, di, doc, units, rules, ctx)
    affiliations(out, doc, rules, ctx)


# --------------------------------------------------------------------------- helpers


def _speaker(out, doc: ReadDocument, turn: Turn, ctx: list[str]) -> Ref | None:
    if not turn.speaker:
        return None
    return out.kb.resolve_person(turn.speaker, ctx)


def _ev(u: TurnUnit, rule: str, confidence: float):
    from extract.pipeline import evidence

    return evidence(u.doc, u.start, u.end, u.turn.timestamp, rule, confidence)


def _rel(out, type_: str, source: Ref, target: Ref, ev, **props) -> None:
    from extract.pipeline import Relation

    if source == target:
        return
    out.relations.append(Relation(type_, source, target, ev, ev.rule if ev else "", ev.confidence if ev else 1.0, props))


def _first(cues: CueSet, text: str) -> tuple[CueRule, re.Match] | None:
    for cue in cues.for_text(text):
        m = cue.regex.search(text)
        if m:
            return cue, m
    return None


def _claim_ref(c) -> Ref:
    return ("Claim", c.key)


# --------------------------------------------------------------------------- disagreement / agreement


def dialogue(out, di: int, doc: ReadDocument, units: dict, rules: Rules, ctx: list[str]) -> None:
    """DISAGREES_WITH / AGREES_WITH from replies in dialogue and the author's responses in notes."""
    hedges = rules.cues_for("hedge")
    cats = {"DISAGREES_WITH": rules.cues_for("disagree"), "AGREES_WITH": rules.cues_for("agree")}
    turns = doc.turns
    for ti, turn in enumerate(turns):
        own_words = turn.kind in SPEECH_KINDS or (turn.kind == "note" and turn.voice == "author")
        if not own_words or not turn.speaker or ti == 0:
            continue
        prev = _previous(turns, ti)
        if prev is None:
            continue
        speaker = _speaker(out, doc, turn, ctx)
        prev_speaker = _speaker(out, doc, prev, ctx)
        prev_claims = [u.claim for u in units.get((di, prev.index), []) if u.claim is not None]
        all_units = units.get((di, ti), [])
        reach = 3 if turn.kind in SPEECH_KINDS else 2
        for k, u in enumerate(all_units):
            question = u.text.endswith("?")
            for rel, cues in cats.items():
                hit = _first(cues, u.text)
                if not hit:
                    continue
                cue, m = hit
                before = _clause_before(u.text, m.start())
                if _first(rules.cues_for("condition"), before):
                    continue  # "if you agree, …": hypothetical
                if rel == "AGREES_WITH" and _first(rules.cues_for("negation"), before):
                    continue  # "I'm not sure I agree", "I don't think that's right": not agreement
                if question and not (u.text.startswith("I ") and cue.confidence >= 0.8):
                    continue  # a question is not a position ("I would ask, what makes you think …?" is)
                who = next((m.group(g) for g in ("who", "who2") if g in cue.regex.groupindex and m.group(g)), None)
                if k >= reach and not who:
                    continue  # an unnamed reply answers what was just said, so it opens the turn
                if cue.confidence < 0.8 and _first(hedges, u.text):
                    continue  # "maybe I'm skeptical": hedged
                ev = _ev(u, cue.id, cue.confidence)
                source = _claim_ref(u.claim) if u.claim else speaker
                if who:
                    named = out.kb.resolve_person(who, ctx)
                    if named and speaker:
                        _rel(out, rel, speaker, named, ev)
                        if u.claim:
                            _rel(out, rel, source, named, ev)
                    continue
                if source and prev_claims:
                    _rel(out, rel, source, _claim_ref(_answered(u.text, prev_claims)), ev)
                elif u.claim and prev_speaker:
                    _rel(out, rel, source, prev_speaker, ev)  # answering a question: the person, not a claim
                if speaker and prev_speaker and speaker != prev_speaker:
                    _rel(out, rel, speaker, prev_speaker, ev)
                break
        _group_positions(out, di, units.get((di, ti), []), speaker, rules)


def _clause_before(text: str, at: int) -> str:
    """The words of ``text`` before ``at`` in the same clause (back to a comma, dash or semicolon)."""
    head = text[:at]
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(" - "), head.rfind("—"), head.rfind(":"))
    return head[cut + 1:]


def _answered(reply: str, candidates: list):
    """The claim a reply answers: the one it echoes most ("I agree that … a breaking mechanism"), else the last."""
    words = _tokens(reply)
    best = max(candidates, key=lambda c: (len(words & _tokens(c.text)), c.end))
    return best if len(words & _tokens(best.text)) >= 2 else candidates[-1]


def _previous(turns: list[Turn], ti: int) -> Turn | None:
    """The turn a reply answers: the one before, if someone else said it (same entry, for notes)."""
    turn, prev = turns[ti], turns[ti - 1]
    if turn.kind == "note":
        if prev.timestamp != turn.timestamp or prev.voice == "author":
            return None
        return prev
    if prev.speaker == turn.speaker or prev.kind != turn.kind:
        return None
    return prev


def _group_positions(out, di: int, us: list[TurnUnit], speaker: Ref | None, rules: Rules) -> None:
    """A speaker who names a group ("AI skeptics", "Twitter") and then shows its view wrong disagrees with it."""
    if not speaker:
        return
    cues = rules.cues_for("group_contrast")
    for i, u in enumerate(us):
        groups = _groups_in(out.kb, u.text)
        if not groups:
            continue
        for later in us[i:i + 4]:
            hit = _first(cues, later.text)
            if hit:
                ev = _ev(later, hit[0].id, hit[0].confidence)
                for g in groups:
                    _rel(out, "DISAGREES_WITH", speaker, g, ev)
                break


def _groups_in(kb: KnowledgeBase, text: str) -> list[Ref]:
    """The groups ("AI skeptics", "Twitter") a sentence names."""
    return [ref for ref, rx in kb.group_patterns() if rx.search(text)]


# --------------------------------------------------------------------------- citations


_KIND = {"essays": "essay", "papers": "paper", "dissertation": "thesis", "PhD thesis": "thesis", "study": "paper"}


def _work(out, title: str, kind: str | None, authors: list[Ref | str], year: int | None) -> Ref:
    kb = out.kb
    title = title.strip().strip("\"“”'’.,;: ")
    for probe in (title, f"{title} {kind}" if kind else None):
        if probe:
            ref = kb.lookup(probe, {"Work"})
            if ref:
                return ref
    names = [a[1] if isinstance(a, tuple) else a for a in authors]
    ent = kb.add("Work", title[:1].upper() + title[1:], source="corpus", kind=_KIND.get(kind or "", kind),
                 authors=names, year=year)
    return ent.ref


_LEAD = re.compile(r"^(?:In|The|And|But|So|Also|Then|From|With|Of|On|At|For|Like)\s+")


def _author_refs(out, who: str | None, ctx: list[str]) -> list[Ref | str]:
    if not who:
        return []
    who = _LEAD.sub("", who)
    refs: list[Ref | str] = []
    for part in re.split(r"\s+and\s+", who.replace(" et al.", "")):
        part = part.strip()
        ref = out.kb.resolve_person(part, ctx) or out.kb.lookup(part, {"Organization"})
        refs.append(ref if ref else part + (" et al." if "et al." in who and part == who.split()[0] else ""))
    return refs


def _cite_from_match(out, cue: CueRule, m: re.Match, ctx: list[str], me: Ref | None = None,
                     you: Ref | None = None) -> tuple[Ref, list[Ref | str]] | None:
    g = {k: m.group(k) for k in cue.regex.groupindex if m.group(k)}
    if "pronoun" in g:
        owner = me if g["pronoun"] in ("my", "our") else you if g["pronoun"] == "your" else None
        if owner is None:
            return None
        year = int(g["year"]) if g.get("year") else None
        kind = g.get("kind", "paper")
        work = _work(out, f"{owner[1]} {kind}" + (f" ({year})" if year else ""), kind, [owner], year)
        return work, [owner]
    who = _LEAD.sub("", g["who"]) if g.get("who") else None
    if cue.id == "cite.recommended":
        who = None  # "a book that Trenton recommended": Trenton points to it, he did not write it
    authors = _author_refs(out, who, ctx)
    kind = g.get("kind")
    year = int(g["year"]) if g.get("year") else None
    if cue.id in ("cite.org-topic", "cite.possessive-topic"):
        known = out.kb.lookup(f"{g.get('title', '')} {kind}", {"Work"}) or out.kb.lookup(g.get("title", ""), {"Work"})
        if known:
            return known, [a for a in authors if isinstance(a, tuple) and a[0] == "Person"]
        if not (authors and isinstance(authors[0], tuple)):
            return None  # "Someone's blah paper" with an unknown owner is too loose
    if cue.id == "cite.lab":
        owner = authors[0][1] if authors and isinstance(authors[0], tuple) else who
        title = f"Paper from {owner}'s {g['title']}"
    elif cue.id == "cite.thesis":
        owner = authors[0][1] if authors and isinstance(authors[0], tuple) else who
        title = f"{owner}'s thesis" + (f" ({year})" if year else "")
    elif cue.id == "cite.paper-from-year":
        owner = authors[0][1] if authors and isinstance(authors[0], tuple) else who
        title = f"{owner} paper ({year})"
    elif cue.id in ("cite.named-report", "cite.year-paper"):
        title = re.sub(r"^the\s+(?:original\s+)?", "", m.group(0), flags=re.I)
    elif cue.id in ("cite.org-topic", "cite.possessive-topic"):
        owner = authors[0][1] if authors and isinstance(authors[0], tuple) else who
        title = f"{owner} {g['title']} {kind}"
    else:
        title = g["title"]
    ref = _work(out, title, kind, authors, year)
    return ref, [a for a in authors if isinstance(a, tuple) and a[0] == "Person"]


def citations(out, di: int, doc: ReadDocument, units: dict, rules: Rules, ctx: list[str]) -> None:
    """CITES from speech (the speaker's claim, or the speaker) and from editorial footnotes (the document)."""
    from extract.pipeline import evidence

    cues = rules.cues_for("cite")
    for ti, turn in enumerate(doc.turns):
        speaker = _speaker(out, doc, turn, ctx) if turn.voice != "summary" else None
        prev = doc.turns[ti - 1] if ti and doc.turns[ti - 1].speaker != turn.speaker else None
        addressee = _speaker(out, doc, prev, ctx) if prev is not None else None
        for u in units.get((di, ti), []):
            source = _claim_ref(u.claim) if u.claim else speaker
            if u.claim:
                for ref, ev in u.claim.mentions:
                    if ref[0] == "Work":
                        _rel(out, "CITES", source, ref, _ev(u, "mention.work", 0.85))
            for cue in cues.for_text(u.text):
                for m in cue.regex.finditer(u.text):
                    found = _cite_from_match(out, cue, m, ctx, speaker, addressee)
                    if not found or not source:
                        continue
                    work, authors = found
                    ev = _ev(u, cue.id, cue.confidence)
                    _rel(out, "CITES", source, work, ev)
                    if cue.id == "cite.recommended":
                        recommender = out.kb.resolve_person(m.group("who"), ctx)
                        if recommender:
                            _rel(out, "CITES", recommender, work, ev)
                    for a in authors:
                        _rel(out, "AUTHORED", a, work, ev)
    foot = rules.cues_for("cite_footnote")
    doc_ref = ("Document", doc.meta.path)
    editorial = [(b.start, b.end) for b in doc.blocks if b.kind in ("footnote", "caption", "editorial")]
    editorial += [(s, e) for g in doc.glossary for s, e in g.spans]
    if not editorial:
        return
    known = {f: e.ref for e in out.kb.entities.values() if e.type == "Work" for f in (e.name, *e.aliases)
             if len(f.split()) >= 3}
    known_rx = re.compile("|".join(re.escape(f) for f in sorted(known, key=len, reverse=True))) if known else None
    for bs, be in editorial:
        text, tmap = clean(doc.text, [(bs, be)])
        if known_rx:
            for m in known_rx.finditer(text):
                _rel(out, "CITES", doc_ref, known[m.group(0)],
                     evidence(doc, *tmap.to_raw(m.start(), m.end()), None, "mention.work", 0.85))
        for cue in foot.for_text(text):
            for m in cue.regex.finditer(text):
                found = _cite_from_match(out, cue, m, [])
                if not found:
                    continue
                work, authors = found
                ev = evidence(doc, *tmap.to_raw(m.start(), m.end()), None, cue.id, cue.confidence)
                _rel(out, "CITES", doc_ref, work, ev)
                for a in authors:
                    _rel(out, "AUTHORED", a, work, ev)


# --------------------------------------------------------------------------- affiliations in text


def affiliations(out, doc: ReadDocument, rules: Rules, ctx: list[str]) -> None:
    """AFFILIATED_WITH from appositions ("Demis Hassabis, CEO of DeepMind") in speech and editorial text."""
    from extract.pipeline import evidence

    cues = rules.cues_for("affiliation")
    pieces = [(t.text, t.tmap, t.timestamp) for t in doc.turns]
    for b in doc.blocks:
        if b.kind in ("intro", "editorial", "footnote"):
            text, tmap = clean(doc.text, [(b.start, b.end)])
            pieces.append((text, tmap, None))
    for text, tmap, ts in pieces:
        for cue in cues.for_text(text):
            for m in cue.regex.finditer(text):
                person = out.kb.resolve_person(m.group("person"), ctx)
                org = out.kb.lookup(m.group("org").strip(), {"Organization"})
                if not person or not org:
                    continue
                role = m.group("role").strip()
                role = role[:1].upper() + role[1:]
                ev = evidence(doc, *tmap.to_raw(m.start(), m.end()), ts, cue.id, cue.confidence)
                _rel(out, "AFFILIATED_WITH", person, org, ev, role=role)
                out.kb.add_role(person, role, org[1])


# --------------------------------------------------------------------------- restatements

_STOP = set("""a an the and or but if then so of in on at to for from by with as is are was were be been being it its
this that these those there their they them we our you your i me my he she his her not no do does did have has had
can could would should will may might just like really very also more most much many some any all one two what which
who whom when where why how than into about over under again further out up down only own same such too""".split())
# Chosen by reading every pair the seeds produce above 60: all 64 pairs at 68 or more restate each
# other; below 68 wrong pairs appear (a question matched to its answer at 66, an unrelated sentence at 63).
RESTATE_THRESHOLD = 68.0
RESTATE_RULE = "restate.token-set"  # a restatement's evidence is the restating claim's sentence
MAX_CANDIDATES = 12  # per claim, the claims sharing the most content words
MAX_POSTINGS = 64  # a word in more claims than this says little about which ones restate each other
RAREST = 10  # the words of a claim looked up in the index: its rarest ones


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z0-9\-]+", text.lower()) if w not in _STOP and len(w) > 2}


def restatements(out, pairs: list[tuple[int, int, float]] | None = None) -> list:
    """RESTATES between claims of different documents that say the same thing (returned, not added to
    ``out``), from :func:`restated_pairs` (found here unless given)."""
    from extract.pipeline import Evidence, Relation

    found = []
    for i, j, confidence in restated_pairs(out) if pairs is None else pairs:
        src, dst = out.claims[i], out.claims[j]
        ev = Evidence(src.document, src.start, src.end, src.quote, src.timestamp, RESTATE_RULE, confidence)
        found.append(Relation("RESTATES", _claim_ref(src), _claim_ref(dst), ev, ev.rule, confidence,
                              {"score": confidence}))
    return found


def restated_pairs(out) -> list[tuple[int, int, float]]:
    """Pairs of claims of different documents that say the same thing: (the claim that restates, the
    one restated, score), by position in ``out.claims``.

    Candidates come from an inverted index of content words that occur in at most
    64 claims: through its 10 rarest words (equally rare ones by the word itself, so the result never
    depends on the order of a set), a claim is compared with the 12 claims
    of other documents that share the most of them (at least three).  Each claim
    costs a bounded amount of work, so the whole step grows linearly with the corpus.
    Score: rapidfuzz ``token_set_ratio`` of the two texts, +8 when both are
    timed to the same video within 45 seconds.  Pairs scoring at least 68
    restate each other (see the issue note for how the threshold was chosen).
    The edge runs from the derivative document (summary, notes, book) to the
    primary one (transcript, captions).
    """
    claims = out.claims
    docs = {d.meta.path: d for d in out.documents}
    rank = {"transcript": 0, "whisper": 0, "captions": 0, "plain": 1, "wiki": 2, "notes": 2, "book": 3}
    toks = [_tokens(c.text) for c in claims]
    df: Counter[str] = Counter()
    for t in toks:
        df.update(t)
    index: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(toks):
        for w in t:
            if df[w] <= MAX_POSTINGS:
                index[w].append(i)
    doc_of = [c.document for c in claims]
    seconds: dict[int, int] = {}  # each timed claim's time, as it is needed

    def at(i: int) -> int:
        if i not in seconds:
            seconds[i] = timestamp_seconds(claims[i].timestamp) or 0
        return seconds[i]

    found: list = []
    for i, t in enumerate(toks):
        if len(t) < 4:
            continue
        shared: Counter[int] = Counter()
        for _, w in sorted([(df[w], w) for w in t if w in index])[:RAREST]:  # rarest first, ties by word
            postings = index[w]  # ascending: only the claims after this one are counted
            shared.update(postings[bisect.bisect_right(postings, i):])
        here = doc_of[i]
        best = sorted([(n, j) for j, n in shared.items() if n >= 3 and doc_of[j] != here], reverse=True)[:MAX_CANDIDATES]
        a = claims[i]
        da = docs[a.document]
        for n, j in best:  # each pair once: j comes after i
            if len(toks[j]) < 4:
                continue
            b = claims[j]
            score = fuzz.token_set_ratio(a.text, b.text)
            db = docs[b.document]
            if da.meta.video_id and da.meta.video_id == db.meta.video_id and a.timestamp and b.timestamp:
                if abs(at(i) - at(j)) <= 45:
                    score += 8
            if score < RESTATE_THRESHOLD:
                continue
            src, dst = (i, j) if rank.get(da.meta.format, 1) >= rank.get(db.meta.format, 1) else (j, i)
            found.append((src, dst, round(min(score, 100) / 100, 3)))
    return found
