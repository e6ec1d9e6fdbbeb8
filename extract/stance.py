"""Stance: who disagrees or agrees with whom (DISAGREES_WITH, AGREES_WITH), from replies in dialogue.

A reply's stance is what the words of its opening units take (:mod:`extract.stance_cues`: the
``agree`` and ``disagree`` cue families, negation, conditions, hedges, questions and reported
speech; found by the parser with each unit); a cue naming someone, "I agree with Maya", counts
anywhere in the turn.  None of these takes a stance: a bare yes or no ("No, not really.", "Absolutely.")
after a turn that ends on a question asking whether ("Do you see a risk there?"), on thanks or on an offer
("I can talk about the specifics too."), which it answers; a contrast ("The problem is …") past a point the
speaker has just made or a view they report ("People told me …"), which it weighs; the first sentence of a
turn that finishes the other's cut-off sentence, which goes on with it.  A reply with no cue that denies
what the other speaker just said in their own words ("There was an obvious right answer." — "There clearly
wasn't an obvious right answer.") disagrees with it (:func:`_contradiction`).

The target is what the reply answers: among the units of the other speaker's turn before it —
its claims and its question — the one that shares most with the reply (the names both mention,
then the words that say what they are about; a bare "That's not true." with what it goes on to
assert), the latest on a tie.  A moderator's prompt with nothing to answer ("Senator, your
response.") is passed over to the turn before it.  A reply that names whom — "Maya", "the governor"
(the one person the document calls so), "my opponent" (the one other speaker who argues rather than
asks) — is with that person and what they last claimed; so is a debater's attack on "he" or "she"
(an ``opponent`` cue: "He has no plan."), when a moderator mostly asks and one other speaker argues,
and any reply to the moderator that speaks of "he" or "she" ("What he just said is not true.").  In a
debate, what a debater asserts of the opponent — by title, as "my opponent", as "he" or "she" answering
them — is an attack ("The councilwoman wants to punish the people who build housing.").  Each
edge carries the reply's words as evidence and the target's words as ``target_quote``.  Only a speaker's own
words carry their stance: reported speech is never the reporter's view.  A speaker who names a
group ("AI skeptics") and then shows its view wrong disagrees with the group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract import short_replies
from extract.attribution import VIEWS
from extract.kb import KnowledgeBase, Ref, singular
from extract.records import Evidence, Extraction, ReadDocument, Turn, TurnUnit, evidence
from extract.rules import CueRule, Rules
from extract.readers.common import last_sentence, split_sentences
from extract.speakers import argue, context_people, previous_turn, tally, turn_speaker
from extract.stance_cues import OPENING, SENTENCE_END, sentence_start

SPEECH_KINDS = ("speech", "segment", "paragraph")
ANSWERABLE = ("claim", "aside", "question", "fragment", "setup")  # the kinds of unit a reply can answer
PREMISE = 0.85  # a cue this sure ("I'd take issue with the idea that …") can dispute what an open question assumes
_NAME = re.compile(r"\b[A-Z][\w’'-]+")
_OPPONENT = re.compile(r"\bmy (?:opponent|rival|challenger)\b", re.I)
_ECHO = 3  # words a denial shares with the claim it denies
_ECHO_SHARE = 0.3  # and the share of that claim's words they are
_ECHO_OWN = 0.5  # and of the denial's own: it is about what the claim says ("It's not a snapshot of every state" is not)
_ECHO_SENTENCE = 0.5  # outside a debate, the share of one sentence of the turn answered the denial echoes
_RELATIVE = re.compile(r"(?<=\w)\s+(?:that|which|who|whether|where)\b", re.I)  # past it, not the main clause
_MODERATES = 2  # a moderator asks at least twice as often as they claim
_CHECK_WORDS = 8  # a question that checks a point is short: "Would you agree with that characterization?"
_CLAUSE_BREAK = re.compile(  # a denial and the words it denies: one clause
    r"\s*[;:—–]\s*|,?\s+\b(?:but|yet|whereas|while|although|though)\b\s*"
    r"|,\s*(?:and\s+)?(?=(?:it|this|that|they|he|she|we|I)\b)")
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his)\b", re.I)
_THIRD_SUBJECT = re.compile(r"(?:he|she|they)\b", re.I)  # a cue's words that open on someone else
_SUBJECT = re.compile(  # a sentence's subject, past its openers: "But he's …", "The councilwoman wants …"
    r"^\W*(?:(?:but|and|so|now|look|folks|frankly|again|yet|well)\W+)*"
    r"(?P<who>my (?:opponent|rival|challenger)|(?i:he|she|his|her)|(?i:the) [a-z]+|(?-i:[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?))"
    r"(?:'s|’s)?\s+(?!(?:said|says|told|asked|and|or|mentioned|talked|just said|has said|put it)\b)[a-z]", re.I)


@dataclass
class _Floor:
    """Who has spoken so far in one document: the people it names (``ctx``), those who argue rather
    than ask (``debaters``), those who mostly ask (``moderators``), each speaker's claims in their
    latest turn with any (``latest``) and in their last two (``recent``), and where one disagreed with
    another (``denied``)."""

    ctx: list[str]
    debaters: set[Ref]
    moderators: set[Ref] = field(default_factory=set)  # speakers who ask at least twice as often as they claim
    latest: dict[Ref, list[TurnUnit]] = field(default_factory=dict)
    recent: dict[Ref, list[list[TurnUnit]]] = field(default_factory=dict)  # their claims of their last two turns
    denied: dict[tuple[Ref, Ref], list[int]] = field(default_factory=dict)  # (who, whom) → where their words start
    voices: int = 0  # how many people speak in it


def document_stance(out: Extraction, di: int, rules: Rules) -> None:
    """DISAGREES_WITH / AGREES_WITH from the replies of document ``di`` and the author's responses in notes."""
    doc: ReadDocument = out.documents[di]
    ctx = context_people(doc)
    speakers = [turn_speaker(out, di, turn, ctx) for turn in doc.turns]
    said = tally(out, di, speakers)
    floor = _Floor(ctx, argue(said),
                   moderators={ref for ref, (claims, asks) in said.items() if asks >= _MODERATES * max(1, claims)},
                   voices=len(said))
    # what a prompt that only hands over the floor is made of: the document's names, titles, prompt words
    prompt = (rules.word_list("prompt_word").keys() | rules.word_list("title").keys()
              | {w.lower() for name in ctx for w in name.split()})
    for ti, turn in enumerate(doc.turns):
        own_words = turn.kind in SPEECH_KINDS or (turn.kind == "note" and turn.voice == "author")
        if not own_words or not turn.speaker:
            continue
        speaker = speakers[ti]
        units = out.units.get((di, ti), [])
        mark = len(out.relations)  # the edges of this turn follow
        prev = _answered_turn(out, di, ti, prompt)
        answered = [u for u in out.units.get((di, prev.index), []) if u.kind in ANSWERABLE] if prev else []
        prev_speaker = speakers[prev.index] if prev else None
        asked = prev is not None and _ends_asking(out.units.get((di, prev.index), []), rules)
        completes = ti > 0 and _completes(doc.turns[ti - 1].text, turn.text)
        opening = OPENING.get(turn.kind, 2)
        asserted = [u for u in answered if u.kind in ("claim", "aside")]
        # "It does." to "It works.", "No, it's not." to "That's not natural, right?": the verb's polarity says yes
        # or no, whatever "no" opens the reply
        short = bool(units) and not asked and speaker is not None and prev_speaker not in (None, speaker) and \
            _short_reply(out, units[0], answered[-1:] if answered and _TAG.search(answered[-1].text) else asserted,
                         speaker, prev_speaker, rules)
        for k, u in enumerate(units):
            if k == 0 and short:
                continue
            # past its opening units, a turn takes a stance only by naming whom ("I agree with Maya")
            for rel, cue_id, who in (u.naming_stances if k >= opening else u.stances):
                cue = rules.cue(cue_id)
                if who is None and ((completes and k == 0) or (asked and cue.yes_or_no)):
                    continue  # "No, not really." after "Do you see a risk there?" answers the question;
                    # "It was called endpoint," — "which is a fair enough name." finishes the sentence
                _reply(out, rel, cue, who, k, u, units, turn, speaker, prev_speaker, answered, floor, rules)
        if not any(u.stances for u in units[:opening]):
            found = _objection_after_concession(units[:opening], rules)
            if found is not None:  # "Frank, I appreciate the business perspective. But cutting routes hurts …"
                k, cue = found
                _reply(out, "DISAGREES_WITH", cue, None, k, units[k], units, turn, speaker, prev_speaker, answered,
                       floor, rules)
        _group_positions(out, units, speaker, rules)
        answered_opponent = _opponent_answered(speakers[max(0, ti - 2):ti], speaker, floor)
        if answered_opponent is not None:
            _contradiction(out, units, answered_opponent, speaker, floor.latest.get(answered_opponent, []), rules)
        elif prev_speaker is not None and speaker is not None and prev_speaker != speaker:
            _contradiction(out, units[:opening], prev_speaker, speaker, asserted, rules, debate=False)
        opponent = _opponent(speaker, floor)
        if opponent is not None and not any(r.type == "DISAGREES_WITH" and (r.source, r.target) == (speaker, opponent)
                                            for r in out.relations[mark:]):
            _about_opponent(out, units, opponent, speaker, floor, rules, pronouns=answered_opponent is not None)
        for r in out.relations[mark:]:
            if r.type == "DISAGREES_WITH" and r.evidence is not None:
                floor.denied.setdefault((r.source, r.target), []).append(r.evidence.start)
        if speaker and any(u.claim for u in units):
            floor.latest[speaker] = [u for u in units if u.claim]
            floor.recent[speaker] = (floor.recent.get(speaker, []) + [floor.latest[speaker]])[-2:]


def _answered_turn(out: Extraction, di: int, ti: int, prompt: set[str]) -> Turn | None:
    """The turn a reply answers: the one before it; past a prompt that says nothing to answer ("Senator,
    your response.", "Thank you.", "Governor?"), the one before that, when someone else said it, and
    when the speaker said it (interrupted: "Can I finish?" — "Thirty seconds."), what that turn answered.
    ``prompt``: the words a prompt that only hands over the floor is made of (see :func:`_prompt_only`)."""
    turns = out.documents[di].turns
    prev = previous_turn(turns, ti) if ti else None
    if prev is None or prev.kind == "note" or prev.index < 1:
        return prev
    said = out.units.get((di, prev.index), [])
    if any((u.kind in ("claim", "aside", "question") or any(rel == "DISAGREES_WITH" for rel, *_ in u.stances))
           and not _prompt_only(u.text, prompt) for u in said):
        return prev  # (a bare denial, "That's just not true.", is there to be answered; a bare "Yeah." is not)
    earlier = turns[prev.index - 1]
    if (earlier.speaker == turns[ti].speaker and earlier.kind == prev.kind and said
            and all(_prompt_only(u.text, prompt) for u in said)):
        return _answered_turn(out, di, earlier.index, prompt) or prev
    if earlier.speaker in (turns[ti].speaker, prev.speaker) or earlier.kind != prev.kind:
        return prev
    return earlier


def _reply(out: Extraction, rel: str, cue: CueRule, who: str | None, k: int, u: TurnUnit, units: list[TurnUnit],
           turn: Turn, speaker: Ref | None, prev_speaker: Ref | None, answered: list[TurnUnit], floor: _Floor,
           rules: Rules) -> None:
    """The edges of one stance unit ``k`` of a turn takes: to the person it names ("Maya"; "the governor"
    when the document calls one person that; "my opponent" when one other speaker argues) and to what
    they last claimed, else to what the turn before said (``answered``: its units that a reply can
    answer)."""
    ev = _cue_evidence(u, cue)
    source = u.claim.ref if u.claim else speaker
    after = units[k + 1] if k + 1 < len(units) else None  # what the reply goes on to assert, not to ask
    then = after.text if after and after.kind in ("claim", "aside") else ""
    others = floor.debaters - {speaker}
    if cue.opponent:  # "He has no plan.": in a debate, the other side; elsewhere "he" is anyone
        if len(others) != 1 or not floor.moderators - {speaker}:
            return
        who, named = None, next(iter(others))
    else:
        who = untitled(who, rules) if who else titled(u.text, u.doc.text, rules)
        named = out.kb.resolve_person(who, floor.ctx) if who else None
    if named is None and len(others) == 1 and _OPPONENT.search(u.text):
        named = next(iter(others))  # "my opponent": the one other who argues
    if named is None and len(others) == 1 and prev_speaker in floor.moderators and _THIRD_PERSON.search(ev.quote):
        named = next(iter(others))  # "What he just said is not true.", answering the moderator: the other debater
    third = _THIRD_SUBJECT.match(_cue_words(u.text, cue))
    if named is None and third and (third.group(0).lower() == "they" or floor.voices <= 2):
        return  # "They're just wrong."; "He's been wrong for years." between two people: about someone else, not
        # whom it answers (on a panel "He is missing the point" is often about another panellist)
    if named and named != speaker:
        if speaker:
            out.relate(rel, speaker, named, ev)
        if named in floor.latest:  # what they said lately: "The answer for me is the same as Tim's" may skip a joke
            target = pick_target(u.text, [x for said in floor.recent[named] for x in said], rules, then=then)
            out.relate(rel, source, target.claim.ref, ev, target_quote=target.text)
        elif u.claim:
            out.relate(rel, source, named, ev)
        return
    if cue.confidence < PREMISE:  # "Exactly." after "What was it called?" answers it
        answered = [x for x in answered if not _open_question(x, rules)]
    if answered and _checks_back(answered[-1], rules):  # "… any machine that senses its environment. Is that
        checked = [x for x in answered[:-1] if x.kind in ("claim", "aside", "setup")]  # accurate?": what it checks
        answered = checked or answered
    if cue.answers != "anything":  # assertions rather than questions (when the turn before makes any)
        asserted = [x for x in answered if x.kind in ("claim", "aside")]
        answered = asserted if asserted or cue.answers == "claims_only" else answered
    if k >= OPENING.get(turn.kind, 2) or not answered:
        return  # an unnamed reply answers what was just said, so it opens the turn
    bare = cue.yes_or_no or (rel == "DISAGREES_WITH" and cue.answers != "claims")  # not "I disagree", "I feel the same"
    if bare and (_after_a_view(u, cue, rules) or any(
            x.kind == "claim" and not x.stances and not rules.cues_for("concession").first(x.text) for x in units[:k])):
        return  # past a point of the speaker's own ("One thing miners could do is … The problem is …") or a view
        # they report ("People told me … That's not the case."), it weighs that; past a concession ("I like wind
        # turbines as much as anybody. But …") it objects
    target = pick_target(u.text, answered, rules, then=then)
    if rel == "DISAGREES_WITH" and _NOT.search(last_sentence(target.text)) and (
            (cue.yes_or_no and _TAG.search(target.text)) or _NO_NOT.match(u.text)
            or _echoes_in_negative(u.text, target, rules)):
        return  # "No, that's indispensable." to "They're not set in stone, right?", "No, I don't think so." to "You
        # didn't rely on that.", "I don't think anyone's in charge of it." to "I'm not sure who's in charge.": a
        # "no" to a point put in the negative agrees with it as often as not
    if rel == "AGREES_WITH" and cue.yes_or_no and speaker is not None and target.claim is None and any(
            target.start <= at < target.end for at in floor.denied.get((prev_speaker, speaker), ())):
        rel = "DISAGREES_WITH"  # "That's not true." — "It is true.": confirming one's own point against its denial
        # (a denial that makes a point of its own, "Yeah, but vegetarians are not pacifists.", is agreed with)
        ev = u.evidence("stance.insists", rules.confidence("stance.insists"))
    if target.claim is not None:
        out.relate(rel, source, target.claim.ref, ev, target_quote=target.text)
    elif u.claim is not None:
        out.relate(rel, source, prev_speaker, ev, target_quote=target.text)  # answering a question: its asker
    if speaker != prev_speaker:
        out.relate(rel, speaker, prev_speaker, ev, target_quote=target.text)


def _opponent(speaker: Ref | None, floor: _Floor) -> Ref | None:
    """In a debate (a moderator who mostly asks, two who argue), the debater's opponent."""
    others = floor.debaters - {speaker}
    if speaker is None or speaker not in floor.debaters or len(others) != 1 or not floor.moderators - {speaker}:
        return None
    return next(iter(others))


def _opponent_answered(before: list[Ref | None], speaker: Ref | None, floor: _Floor) -> Ref | None:
    """The opponent (:func:`_opponent`), when this turn answers them: right after their turn, or after the
    moderator's prompt right after it (``before``: the speakers of the two turns before)."""
    opponent = _opponent(speaker, floor)
    prompted = len(before) == 2 and before[0] == opponent and before[1] in floor.moderators
    return opponent if opponent and before and (before[-1] == opponent or prompted) else None


def _about_opponent(out: Extraction, units: list[TurnUnit], opponent: Ref, speaker: Ref, floor: _Floor,
                    rules: Rules, pronouns: bool) -> None:
    """A debater's sentence whose subject is the opponent — "my opponent", the title the document gives
    them ("The councilwoman wants to …"), their name; "he" or "she" only in an answer to the opponent
    (``pronouns``) — argues against them: what debaters assert of each other is attack ("Break-ins are up,
    I'll give him that. But he's counting from the one bad year.").  Not a report of their words ("He said
    …"), a supposition, or an agreement ("He's right about the harbor." takes its cue's stance, not this).
    The first such sentence of the turn."""
    for u in units:
        if u.claim is None or u.claim.stance is not None or rules.cues_for("condition").first(u.text):
            continue
        if any(rel == "AGREES_WITH" for rel, _, _ in u.stances + u.naming_stances):
            continue
        for s, e in split_sentences(u.text):
            m = _SUBJECT.match(u.text[s:e])
            if m is None:
                continue
            who = m.group("who").lower()
            if who in ("he", "she", "his", "her"):  # "His plan …", "Her own study …": theirs
                named = opponent if pronouns else None
            elif _OPPONENT.fullmatch(who):
                named = opponent
            else:
                if who.startswith("the "):  # "the councilwoman": whom the document gives that title, if a title
                    name = titled(who, u.doc.text, rules) if who[4:] in rules.word_list("title") else None
                else:
                    name = m.group("who")
                named = out.kb.resolve_person(name, floor.ctx) if name else None
            if named != opponent:
                continue
            ev = u.evidence("stance.about-opponent", rules.confidence("stance.about-opponent"))
            out.relate("DISAGREES_WITH", speaker, opponent, ev)
            if floor.latest.get(opponent):
                target = pick_target(u.text, floor.latest[opponent], rules)
                out.relate("DISAGREES_WITH", u.claim.ref, target.claim.ref, ev, target_quote=target.text)
            return


def _contradiction(out: Extraction, units: list[TurnUnit], opponent: Ref, speaker: Ref, claimed: list[TurnUnit],
                   rules: Rules, *, debate: bool = True) -> None:
    """A claim that denies what the other side claimed, in their own words ("My plan cuts taxes for the
    middle class." — "His plan doesn't cut taxes for the middle class."; "There was an obvious right answer."
    — "There clearly wasn't an obvious right answer."): a clause with a negation the claim has not, and at
    least ``_ECHO`` words that say what both are about, most of the clause's (``_ECHO_OWN``: "It's not a
    snapshot of every state, it's what you need to close the channel." is about something else) and a
    good share of the claim's: in a debate (``debate``: a moderator who mostly asks, two who argue; the
    turn answers the opponent, :func:`_opponent_answered`) ``_ECHO_SHARE`` of what the opponent last
    claimed ("My plan also cuts taxes for the middle class, but it doesn't stop there." denies nothing);
    elsewhere, among the opening units of a reply, ``_ECHO_SENTENCE`` of one sentence of the turn it
    answers, the negation in the main clause ("There's dozens of wallets that aren't even open source."
    adds to "It looks at various wallets, whether they are open source.", denies nothing).  Only a turn
    that took no stance by its cues, and no supposition ("Let's say …", "If …"); once a turn."""
    if debate:
        said = [(content_words(c.text, rules), c) for c in claimed if not _denies(c.text, rules)]
    else:
        said = [(content_words(c.text[s:e], rules), c) for c in claimed
                for s, e in split_sentences(c.text) if not _denies(c.text[s:e], rules)]
    least = _ECHO_SHARE if debate else _ECHO_SENTENCE
    if not said or any(u.stances or u.naming_stances for u in units):
        return
    for u in units:
        if u.claim is None or u.claim.stance is not None or rules.cues_for("condition").first(u.text):
            continue  # "Let's say we don't have any …", "If you can't …": supposed, not denied
        clauses = [c if debate else _RELATIVE.split(c)[0] for s, e in split_sentences(u.text)
                   for c in _CLAUSE_BREAK.split(u.text[s:e])]
        clauses = [content_words(c, rules) for c in clauses if _denies(c, rules)]
        echoes = [(len(words & theirs), len(words & theirs) / max(1, len(theirs)), c)
                  for words in clauses for theirs, c in said if len(words & theirs) >= _ECHO_OWN * len(words)]
        if not echoes:
            continue
        shared, share, target = max(echoes, key=lambda x: x[:2])
        if shared >= _ECHO and share >= least:
            ev = u.evidence("stance.contradiction", rules.confidence("stance.contradiction"))
            out.relate("DISAGREES_WITH", u.claim.ref, target.claim.ref if target.claim else opponent, ev,
                       target_quote=target.text)
            out.relate("DISAGREES_WITH", speaker, opponent, ev, target_quote=target.text)
            return


_NOT = re.compile(r"\b(?:not|never|no longer)\b|n['’]t\b", re.I)
_NO_NOT = re.compile(r"^\W*(?:no|nope)\b[^.?!]*?(?:\b(?:not|never)\b|n['’]t\b)", re.I)  # "No, I don't think so."
_THINK_NOT = re.compile(r"^\W*(?:(?:well|yeah|and|but|I mean),?\s+)*I (?:(?:really|just|honestly|still) )?"
                        r"(?:don['’]t|do not) (?:(?:really|actually|necessarily) )?(?:think|believe) (?P<so>so\b)?", re.I)


def _echoes_in_negative(reply: str, target: TurnUnit, rules: Rules) -> bool:
    """Whether ``reply`` says "I don't think" of what ``target`` said: "so", or a clause that shares a word of
    substance with it ("I don't think anyone's in charge of it." to "I'm not sure who's in charge of it.")."""
    m = _THINK_NOT.match(reply)
    return m is not None and bool(m.group("so") or content_words(reply[m.end():], rules)
                                  & content_words(last_sentence(target.text), rules))


_TAG = re.compile(r",\s*(?:right|no|correct|yes|isn['’]t it|is it|aren['’]t they|don['’]t you think)\?\s*$", re.I)


def _short_reply(out: Extraction, u: TurnUnit, claimed: list[TurnUnit], speaker: Ref, other: Ref,
                 rules: Rules) -> bool:
    """A reply that is only a subject and an auxiliary, answering the last sentence the other speaker
    asserted (or put with a tag: "…, right?"): "It does." to "It works." agrees, "We have." to "You haven't
    done anything." disagrees, "No, it's not." to "That's not natural, right?" agrees
    (:mod:`extract.short_replies`).  Whether it took a stance."""
    if not claimed:
        return False
    target = claimed[-1]
    found = short_replies.stance(u.text, last_sentence(target.text))
    if found is None:
        return False
    rel, rule = ("AGREES_WITH", "stance.short-yes") if found == "agree" else ("DISAGREES_WITH", "stance.short-no")
    ev = u.evidence(rule, rules.confidence(rule))
    if target.claim is not None:
        out.relate(rel, u.claim.ref if u.claim else speaker, target.claim.ref, ev, target_quote=target.text)
    out.relate(rel, speaker, other, ev, target_quote=target.text)
    return True


def _prompt_only(text: str, prompt: set[str]) -> bool:
    """A prompt that only hands over the floor, all its words in ``prompt`` (in lower case): the names of
    the document's people, titles ("Governor?", "Senator Quill?") and the ``prompt_word`` words of
    ``words.yml`` ("Mr. Delacroix, a response?", "Thirty seconds."); not "Multisig." or "Okay."."""
    words = [w.lower() for w in re.findall(r"[A-Za-z’']+", text)]
    return bool(words) and len(words) <= 8 and all(w in prompt for w in words)


def _objection_after_concession(units: list[TurnUnit], rules: Rules) -> tuple[int, CueRule] | None:
    """The unit that objects ("But …", saying something is not so), and its cue, right after a sentence
    that only grants the other side something ("I appreciate the business perspective."), among a turn's
    opening units (the two may be one unit: "… as much as anybody. But the grid can't handle them yet.")."""
    sentences = [(k, u.text[s:e]) for k, u in enumerate(units) for s, e in split_sentences(u.text)]
    for (_, granted), (k, objection) in zip(sentences, sentences[1:]):
        hit = rules.cues_for("objection").first(objection)
        if hit and rules.cues_for("concession").first(granted):
            return k, hit[0]
    return None


def _denies(text: str, rules: Rules) -> bool:
    """A negation ("doesn't", "never") or a word of denial ("no", "nothing") in ``text``."""
    denial = rules.word_list("denial_word")
    words = re.findall(r"[a-z]+", text.lower())
    return bool(rules.cues_for("negation").first(text)) or any(w in denial for w in words)


def untitled(who: str, rules: Rules) -> str:
    """A name without the office or courtesy title before it: "Governor Okafor" is Okafor, as the document's
    labels call her ("OKAFOR:"); "Dr. Jane Okafor" is Jane Okafor."""
    titles = rules.word_list("title")
    words = who.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in titles:
        words = words[1:]
    return " ".join(words)


def titled(text: str, document: str, rules: Rules) -> str | None:
    """Whom "the governor" in ``text`` is: "Reyes", when the ``document`` gives that title to one name
    only ("Governor Reyes")."""
    titles = "|".join(sorted(map(re.escape, rules.word_list("title")), key=len, reverse=True))
    m = re.search(rf"\b(?:the|my (?:good )?friend,? the) ({titles})\b", text, re.I)
    if m is None:
        return None
    names = set(re.findall(rf"\b(?i:{re.escape(m.group(1))})\.?\s+([A-Z][a-z'’\-]+)\b", document))
    return names.pop() if len(names) == 1 else None


def _open_question(u: TurnUnit, rules: Rules) -> bool:
    """A question that asks for something rather than proposing it ("What's that thing called?",
    "How did you start?"): "Exactly." or "No, …" after it answers, agreeing or disagreeing with no one
    (only a sure cue disputes what it assumes: "I'd take issue with the idea that …").
    "Why not scale?", "What about data?" and "What if …?" propose, so a reply can take a stance on them."""
    if u.kind != "question":
        return False
    lead = rules.word_list("opener").keys() | rules.word_list("question_lead").keys()  # "And then like, what …?"
    words = [w for w in re.findall(r"[a-z]+", u.text.lower()) if w not in lead][:2]
    return bool(words) and words[0] in rules.word_list("question_word") and words[1:] not in (["not"], ["about"], ["if"])


def _ends_asking(units: list[TurnUnit], rules: Rules) -> bool:
    """Whether a turn ends on a question that asks rather than proposes ("Do you see a risk there?",
    "Adam, could you outline that?", "What was it called?"), on thanks ("Thanks again for joining me.") or
    on an offer or a topic it announces ("I can talk about the specifics too."): a bare yes or no after it
    answers.  "Isn't the data the bottleneck?", "Why not scale?", "…, right?" and "Would you agree with
    that?" propose something, so a reply to them takes a stance."""
    if units and units[-1].kind == "fragment" and units[-1].text.rstrip().endswith("?"):
        return False  # "Not mainnet, right?"
    said = [u for u in units if u.kind != "fragment"]
    if not said:
        return False
    last = said[-1]
    every = re.findall(r"[a-z]+", last.text.lower())
    words = [w for w in every if w not in rules.word_list("opener")][:4]
    if last.kind == "filler":
        return bool(words) and words[0] in rules.word_list("courtesy_word")
    if last.kind == "setup":  # "I can talk about the specifics too.", "Today we're going to discuss …"
        return bool(rules.cues_for("setup").first(last.text))
    if last.kind != "question" or rules.word_list("checking_word").keys() & set(every):
        return False  # "Would you agree with that?", "Is it fair to say that …?" put a point to the listener
    if _open_question(last, rules):
        return True
    at = next((i for i, w in enumerate(words[:3]) if w in rules.word_list("asking_word")), None)  # past a name
    return at is not None and words[at + 1:at + 2] != ["not"]  # "Do you not think …?" proposes


def _after_a_view(u: TurnUnit, cue: CueRule, rules: Rules) -> bool:
    """Whether the cue comes after a view the unit reports of others ("People told me it could only happen
    here. That's not the case."): it rejects that view.  ("No, people always say that." answers first.)"""
    m = cue.regex.search(u.text)
    if m is None or u.claim is None or u.claim.stance is None:
        return False
    views = (rules.cues_for(category).first(u.text) for category, _ in VIEWS)
    return any(hit is not None and hit[1].start() < m.start() for hit in views)


def _checks_back(u: TurnUnit, rules: Rules) -> bool:
    """A short question that puts what was just said to the listener ("Is that accurate?", "Would you agree
    with that characterization?", "Do you see it the same way?"): a reply answers what it checks."""
    words = re.findall(r"[a-z]+", u.text.lower())
    return (u.kind == "question" and len(words) <= _CHECK_WORDS
            and bool(rules.word_list("checking_word").keys() & set(words)))


_UNFINISHED = re.compile(r"(?:[,;:\-–—]|\b[A-Za-z]+)\s*$")  # a turn cut off mid-sentence: "It was called endpoint,"


def _completes(before: str, text: str) -> bool:
    """Whether a turn finishes the sentence the turn before it was cut off in ("It was called endpoint," —
    "which is a fair enough name."): it opens in lower case after a turn of punctuated speech that ends
    on no full stop.  Its first sentence goes on with the other's words; it does not reply to them."""
    first = re.search(r"[A-Za-z]", text)
    words = len(re.split(r"[.?!]", text, maxsplit=1)[0].split())  # "absolutely." alone replies
    return (first is not None and first.group().islower() and words >= 3 and bool(_UNFINISHED.search(before))
            and bool(re.search(r"[.?!]", before)))


def _cue_words(text: str, cue: CueRule) -> str:
    """The words of ``text`` that ``cue`` matches ("" when it matches none)."""
    m = cue.regex.search(text)
    return m.group(0) if m else ""


def _cue_evidence(u: TurnUnit, cue: CueRule) -> Evidence:
    """The reply's words: the sentence of the unit its cue is in ("I think Ilya is right."), not the
    sentences merged into the unit because they lean on it."""
    m = cue.regex.search(u.text)
    whole = u.evidence(cue.id, cue.confidence)
    if m is None:
        return whole
    start = sentence_start(u.text, m.start())
    end = SENTENCE_END.search(u.text, m.end())
    sentence = u.text[start:end.end() if end else len(u.text)].strip()
    at = u.doc.text.find(sentence, u.start, u.end)
    if not sentence or sentence == u.text.strip() or at < 0:
        return whole
    return evidence(u.doc, at, at + len(sentence), u.turn.timestamp, cue.id, cue.confidence)


def content_words(text: str, rules: Rules) -> set[str]:
    """The words of ``text`` that say what it is about (lower case, no stop words of ``words.yml``), a
    plural as its singular ("bots" is "bot")."""
    stop = rules.word_list("stop")
    return {singular(w) for w in re.findall(r"[a-z][a-z0-9\-]+", text.lower()) if w not in stop and len(w) > 2}


def _names(text: str, rules: Rules) -> set[str]:
    """The capitalised words of ``text`` that may name someone or something, without a contraction or a
    possessive ("Antoine's" is "antoine"; "I'm" names no one)."""
    found = {re.split(r"['’]", n)[0].lower() for n in _NAME.findall(text)}
    return found - rules.word_list("stop").keys() - {"i"}


def pick_target(reply: str, candidates: list[TurnUnit], rules: Rules, then: str = "") -> TurnUnit:
    """The unit of the turn before that a reply answers: the one sharing most names with the reply's
    unit, then most words that say what they are about; the latest of equals.  A bare reply ("That's
    not true.") is read with what it goes on to say (``then``: "I voted for the final bill.").  When
    nothing is shared, the latest claim, else the latest assertion, else the last unit (a reply answers
    what was just said)."""
    for text in (reply, then):
        names, words = _names(text, rules), content_words(text, rules)
        best = max(((len(names & _names(u.text, rules)), len(words & content_words(u.text, rules))), i)
                   for i, u in enumerate(candidates))
        if best[0] > (0, 0):
            return candidates[best[1]]
    rank = {"claim": 2, "aside": 1}  # nothing shared: the latest claim, else the latest assertion, else the last unit
    return max(enumerate(candidates), key=lambda iu: (rank.get(iu[1].kind, 0), iu[0]))[1]


def _group_positions(out: Extraction, us: list[TurnUnit], speaker: Ref | None, rules: Rules) -> None:
    """A speaker who names a group ("AI skeptics", "Twitter") and then shows its view wrong disagrees with it."""
    if not speaker:
        return
    cues = rules.cues_for("group_contrast")
    for i, u in enumerate(us):
        groups = groups_in(out.kb, u.text)
        if not groups:
            continue
        for later in us[i:i + 4]:
            hit = cues.first(later.text)
            if hit:
                ev = later.evidence(hit[0].id, hit[0].confidence)
                for g in groups:
                    out.relate("DISAGREES_WITH", speaker, g, ev)
                break


def groups_in(kb: KnowledgeBase, text: str) -> list[Ref]:
    """The groups ("AI skeptics", "Twitter") a sentence names."""
    return [ref for ref, rx in kb.group_patterns() if rx.search(text)]
