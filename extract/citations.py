"""Citations: the works people cite (CITES) and who wrote them (AUTHORED), from the ``cite`` cue
family in speech and the ``cite_footnote`` family in footnotes, captions and glossary notes.

How a match names its work is data of the cue (``work_title``, ``who_is``, ``needs_owner``, see
:class:`extract.rules.CueRule`).  One Work per title: a title known to the knowledge base (curated
or cited before) is that Work.
"""

from __future__ import annotations

import re

from extract.kb import Ref
from extract.readers.common import clean
from extract.records import Extraction, doc_ref, evidence
from extract.rules import CueRule, Rules
from extract.speakers import context_people, turn_speaker


def work(out: Extraction, title: str, kind: str | None, authors: list[Ref | str], year: int | None,
         rules: Rules) -> Ref:
    """The Work of this title: the known one, else a new one with its kind, authors and year."""
    kb = out.kb
    title = title.strip().strip("\"“”'’.,;: ")
    names = [a[1] if isinstance(a, tuple) else a for a in authors]
    for probe in (title, f"{title} {kind}" if kind else None):
        if probe:
            ref = kb.lookup(probe, {"Work"})
            if ref:
                known = kb.get(ref)
                if known is not None and names and not known.props.get("authors"):
                    known.props["authors"] = names  # 'the book "Built to Last"', then '"Built to Last" by Jim Collins'
                return ref
    for known in [e for e in kb.entities.values() if e.type == "Work"]:
        if _with_subtitle(known.name, title) or _with_subtitle(title, known.name):
            kb.add_alias(known, title)  # "Sycophancy to Subterfuge" is "Sycophancy to Subterfuge: Investigating …"
            return known.ref
    kinds = rules.word_list("work_kind")
    ent = kb.add("Work", title[:1].upper() + title[1:], source="corpus", kind=kinds.get(kind or "", kind),
                 authors=names, year=year)
    return ent.ref


_SUBTITLE = re.compile(r"[ \t]*(?::|[-–—][ \t]|(?-i:via|in|for|with|from|on|of|through|using)\b)", re.I)


def _with_subtitle(short: str, title: str) -> bool:
    """``title`` is the title ``short`` (three words or more) with its subtitle or the rest of its phrase: "Compact
    Proofs of Model Performance via Mechanistic Interpretability"; not a sequel ("The Bitter Lesson Revisited")."""
    return (len(short.split()) >= 3 and len(title) > len(short) and title.lower().startswith(short.lower())
            and bool(_SUBTITLE.match(title, len(short))))


def _only_work_of(out: Extraction, author: str, kind: str, year: int | None) -> Ref | None:
    """The one known Work of this kind (and year, when given) that ``author`` wrote, if there is one."""
    found = [e.ref for e in out.kb.entities.values()
             if e.type == "Work" and author in e.props.get("authors", []) and e.props.get("kind") == kind
             and (year is None or e.props.get("year") == year)]
    return found[0] if len(found) == 1 else None


def _author_refs(out: Extraction, who: str | None, ctx: list[str]) -> list[Ref | str]:
    """The people or organizations ``who`` names ("Kaplan et al.", "Hinton and Bengio"); unknown ones as text."""
    if not who:
        return []
    refs: list[Ref | str] = []
    for part in re.split(r"\s+and\s+", who.replace(" et al.", "")):
        part = part.strip()
        ref = out.kb.resolve_person(part, ctx) or out.kb.lookup(part, {"Organization"})
        refs.append(ref if ref else part + (" et al." if "et al." in who and part == who.split()[0] else ""))
    return refs


def _without_lead(who: str, rules: Rules) -> str:
    """``'In Kaplan'`` → ``'Kaplan'``: a capitalised word that opens the sentence is not the author's."""
    lead = rules.word_list("citation_lead")
    first, _, rest = who.partition(" ")
    while rest and first in lead:
        who = rest
        first, _, rest = who.partition(" ")
    return who


def cited(out: Extraction, cue: CueRule, m: re.Match, ctx: list[str], rules: Rules, me: Ref | None = None,
          you: Ref | None = None) -> tuple[Ref, list[Ref]] | None:
    """The work a cue's match names and its known authors; None when the match is too loose to say.
    ``me``/``you``: the speaker and the one spoken to, for "my paper", "your essay"."""
    g = {k: m.group(k) for k in cue.regex.groupindex if m.group(k)}
    year = int(g["year"]) if g.get("year") else None
    kind = g.get("kind")
    if "pronoun" in g:
        owner = me if g["pronoun"] in ("my", "our") else you if g["pronoun"] == "your" else None
        if owner is None:
            return None
        kind = kind or "paper"
        known = _only_work_of(out, owner[1], rules.word_list("work_kind").get(kind, kind), year)
        if known:  # "my essay series" by the author of one known essay is that essay
            return known, [owner]
        title = cue.work_title.format_map({**g, "owner": owner[1], "kind": kind, "match": m.group(0),
                                          "year_paren": f" ({year})" if year else ""})
        return work(out, title, kind, [owner], year, rules), [owner]
    who = _without_lead(g["who"], rules) if g.get("who") else None
    authors = _author_refs(out, who if cue.who_is == "author" else None, ctx)
    people = [a for a in authors if isinstance(a, tuple) and a[0] == "Person"]
    owner_known = bool(authors) and isinstance(authors[0], tuple)
    if cue.needs_owner:
        known = out.kb.lookup(f"{g.get('title', '')} {kind}", {"Work"}) or out.kb.lookup(g.get("title", ""), {"Work"})
        if known:
            return known, people
        if not owner_known:
            return None  # "Someone's blah paper" with an unknown owner is too loose
    fields = {"title": "", "kind": kind or "", **g,
              "owner": authors[0][1] if owner_known else (who or ""),
              "match": re.sub(r"^the\s+(?:original\s+)?", "", m.group(0), flags=re.I),
              "year_paren": f" ({year})" if year else ""}
    return work(out, cue.work_title.format_map(fields), kind, authors, year, rules), people


def document_citations(out: Extraction, di: int, rules: Rules) -> None:
    """CITES from speech (the speaker's claim, or the speaker) and from editorial text (the document)."""
    doc = out.documents[di]
    ctx = context_people(doc)
    kb = out.kb
    mention_confidence = rules.confidence("mention.work")
    for ti, turn in enumerate(doc.turns):
        speaker = turn_speaker(out, di, turn, ctx) if turn.voice != "summary" else None
        prev = doc.turns[ti - 1] if ti and doc.turns[ti - 1].speaker != turn.speaker else None
        addressee = turn_speaker(out, di, prev, ctx)
        for u in out.units.get((di, ti), []):
            source = u.claim.ref if u.claim else speaker
            if u.claim:
                for ref, _ in u.claim.mentions:
                    if ref[0] == "Work":
                        out.relate("CITES", source, ref, u.evidence("mention.work", mention_confidence))
            for cue, m in rules.found("cite", u.text, u.cues):
                found = cited(out, cue, m, ctx, rules, speaker, addressee)
                if not found or not source:
                    continue
                ref, authors = found
                ev = u.evidence(cue.id, cue.confidence)
                out.relate("CITES", source, ref, ev)
                if cue.who_is == "recommender":
                    out.relate("CITES", kb.resolve_person(m.group("who"), ctx), ref, ev)
                for a in authors:
                    out.relate("AUTHORED", a, ref, ev)
    _editorial_citations(out, di, rules)


def _editorial_citations(out: Extraction, di: int, rules: Rules) -> None:
    """CITES from the document's footnotes, captions, editorial notes and glossary entries."""
    doc = out.documents[di]
    editorial = [(b.start, b.end) for b in doc.blocks if b.kind in ("footnote", "caption", "editorial")]
    editorial += [(s, e) for g in doc.glossary for s, e in g.spans]
    if not editorial:
        return
    known = {f: e.ref for e in out.kb.entities.values() if e.type == "Work" for f in (e.name, *e.aliases)
             if len(f.split()) >= 3}
    known_rx = re.compile("|".join(re.escape(f) for f in sorted(known, key=len, reverse=True))) if known else None
    mention_confidence = rules.confidence("mention.work")
    for bs, be in editorial:
        text, tmap = clean(doc.text, [(bs, be)])
        if known_rx:
            for m in known_rx.finditer(text):
                out.relate("CITES", doc_ref(doc), known[m.group(0)],
                           evidence(doc, *tmap.to_raw(m.start(), m.end()), None, "mention.work", mention_confidence))
        for cue, m in rules.cues_for("cite_footnote").matches(text):
            found = cited(out, cue, m, [], rules)
            if not found:
                continue
            ref, authors = found
            ev = evidence(doc, *tmap.to_raw(m.start(), m.end()), None, cue.id, cue.confidence)
            out.relate("CITES", doc_ref(doc), ref, ev)
            for a in authors:
                out.relate("AUTHORED", a, ref, ev)
