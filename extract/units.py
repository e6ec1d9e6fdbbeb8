"""Sentence units of a parsed turn, each of a kind: claim, question, filler, boilerplate, set-up or fragment.

A turn is split into sentences by spaCy's parser.  A sentence that only makes
sense with the one before it ("That's one path." after the path) is merged
into it.  Questions, greetings, back-channel ("Yes, exactly.") and the host's
set-up are not claims, nor are verbless fragments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extract import checkworthy, claim_model
from extract.openers import without_openers
from extract.readers.common import last_sentence
from extract.rules import Rules

_ANAPHORIC = re.compile(
    r"^(?:that|this|it|which|these|those|so|and that|and this)(?:'s|’s| is| was| will| would| does| seems)?\b", re.I
)


@dataclass
class Unit:
    start: int  # offsets in the turn's cleaned text
    end: int
    sents: list[Span]
    kind: str = "claim"  # claim | question | filler | setup | fragment | boilerplate
    score: float = 0.0  # how likely a claim, by the claim model (0 for what the rules rule out)
    worth: float = 0.0  # how much a claim states a checkable fact (extract.checkworthy)


def _words(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha)


# The parts of speech extraction reads, taken from the tagger's fine-grained tags and the parse the way
# the model's attribute ruler maps them (its tag map, and its rules on auxiliaries, "do"/"have" as main
# verbs and "there is").  The ruler itself is not run: it costs a tenth of the parse, and nothing else
# it sets (morphology, coarse tags of other words) is read.
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "BES", "HVS"})
_DO_HAVE = frozenset({"do", "does", "did", "'d", "have", "has", "had"})
_CLAUSE = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "xcomp"})
_BE = frozenset({"is", "are", "was", "were", "'s", "'re"})


def _verb_by_rule(t: Token) -> bool:
    """Made VERB or AUX by the parse rather than the tag."""
    return ((t.dep_ in ("aux", "auxpass") and t.tag_ not in ("TO", ""))
            or (t.lower_ in _DO_HAVE and t.dep_ in _CLAUSE)
            or (t.lower_ in _BE and t.i > 0 and t.doc[t.i - 1].dep_ == "expl"))


def is_verb(t: Token) -> bool:
    """The token's part of speech is VERB or AUX."""
    return t.tag_ in VERB_TAGS or _verb_by_rule(t)


def is_proper_noun(t: Token) -> bool:
    """The token's part of speech is PROPN."""
    return t.tag_ in ("NNP", "NNPS") and not _verb_by_rule(t)


def _has_verb(span: Span) -> bool:
    return any(is_verb(t) for t in span)


_WH = ("WDT", "WP", "WP$", "WRB")
_SUBJECT_TAGS = frozenset({"PRP", "PRP$", "DT", "PDT", "NN", "NNS", "NNP", "NNPS", "EX", "CD"})


def asks(sent: Span, rules: Rules) -> bool:
    """A question by its word order, whatever mark ends it ("Is that the kind of contact tracing you
    need.", "Camilla, what is your view.", "How much money did they raise.", "Who signed it."): past
    openers, the name it is put to and a phrase before a comma that the main clause follows ("In April,
    what happens."), an auxiliary before its subject, a question word that is the main clause's subject,
    or one past what it asks about and an auxiliary.  Not a clause that drops its subject ("Will be
    interesting to see.", "Has nothing to do with it.", "Is a really cool thing."), a relative that goes
    on with the sentence before ("Which is kinda funny."), a supposition ("Had miners not signaled, …,
    they would …"), a pseudo-cleft ("What happened was …") or "Can I just say …" before a claim.  By
    the parser's tags and arcs alone (the build's pipeline has no lemmas); the words are ``words.yml``'s
    ``auxiliary``, ``modal``, ``question_word``, ``comma_lead``, ``not_subject`` and ``preface_verb``."""
    openers, leading = rules.word_list("opener"), rules.word_list("comma_lead")
    toks = [t for t in sent if not (t.is_punct or t.is_space)]
    i = 0
    while i < len(toks) and (toks[i].lower_ in openers or (  # "Well, is …", not "Now is the time …"
            toks[i].lower_ in leading and toks[i].i + 1 < sent.end and sent.doc[toks[i].i + 1].text == ",")):
        i += 1
    root = sent.root
    starts = [i] + [k for k in range(i + 1, len(toks))  # past "In the event of a second wave, …" to the main clause
                    if sent.doc[toks[k].i - 1].text == "," and _opens_the_main_clause(toks, i, k, root, rules)]
    return any(_asks_from(toks, k, root, rules) for k in starts)


def _opens_the_main_clause(toks: list[Token], i: int, k: int, root: Token, rules: Rules) -> bool:
    """Whether ``toks[k]``, after a comma, opens the sentence's main clause, the words from ``toks[i]`` before
    it only leading up to it: not a clause inside the sentence ("my dad, who is a taxi driver, said …",
    "Multisigs, let's say, are …, we'll …"), not what a subject before the comma goes on with ("The thing
    that upsets me, is …"), not after a main clause of its own (but "You're the minister, do you …") and
    not a tag ("…, hasn't it.")."""
    first = toks[k]
    if root.i < first.i or not (first.i == root.i or first.head.i == root.i and first.dep_ in _OF_THE_MAIN):
        return False
    subject_before = any(t.dep_ in ("nsubj", "nsubjpass", "csubj") and t.head.i >= first.i for t in toks[:k])
    if subject_before and not any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i == root.i for t in toks[k:]):
        return False
    return not (_clause_before(toks[i:k]) and not _to_you(toks[k:], rules)) and not _tag(toks[k:], rules)


_FINITE = ("VBZ", "VBP", "VBD", "MD")
_OF_THE_MAIN = ("aux", "auxpass", "nsubj", "nsubjpass", "attr", "dobj", "advmod")  # how a question's first word hangs
# on the main verb


def _clause_before(toks: list[Token]) -> bool:
    """Whether these words, before a comma, hold a main clause of their own ("You're the minister, do you …"),
    not a phrase or a clause that leans on what follows ("If the talks fail again, who pays …")."""
    return any(t.tag_ in _FINITE and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)
               and t.dep_ not in ("advcl", "relcl", "acl", "csubj", "pcomp", "pobj") for t in toks)


def _to_you(toks: list[Token], rules: Rules) -> bool:
    """Words that open on an auxiliary and "you": "…, do you want to see them prosecuted." """
    return len(toks) > 2 and toks[0].lower_ in rules.word_list("auxiliary") and toks[1].lower_ == "you"


def _tag(toks: list[Token], rules: Rules) -> bool:
    """A question tag that ends a statement: "…, hasn't it.", "…, isn't that right." """
    words = [t.lower_ for t in toks]
    while len(words) > 1 and words[1] in ("not", "n't", "n’t"):
        del words[1]
    return 2 <= len(words) <= 3 and words[0] in rules.word_list("auxiliary") and toks[-1].tag_ in ("PRP", "DT", "JJ", "RB")


def _asks_from(toks: list[Token], i: int, root: Token, rules: Rules) -> bool:
    """:func:`asks` from ``toks[i]`` on, the first word of what may be the question."""
    auxiliary, wh = rules.word_list("auxiliary"), rules.word_list("question_word")
    j = i
    while j < len(toks) and toks[j].tag_ in ("NNP", "NNPS"):  # "Camilla, what …", "Gordon, is that right."
        j += 1
    if i < j < len(toks) and (toks[j].lower_ in wh or toks[j].lower_ in auxiliary) and (
            not any(t.dep_ in ("nsubj", "nsubjpass") for t in toks[i:j])  # not "Boris Johnson did what …"
            or (j + 1 < len(toks) and toks[j].lower_ in auxiliary and toks[j + 1].lower_ == "you")):  # "Mark are you …"
        i = j
    asked = i < len(toks) and toks[i].lower_ in wh and toks[i].tag_ in _WH
    if asked:  # past the question word and what it asks about: "How much money"
        if toks[i].lower_ == "which" and i + 1 < len(toks) and toks[i + 1].lower_ in auxiliary:
            return False  # "Which is not the end of the world …" goes on with the sentence before; "Which one …" asks
        if toks[i].lower_ in ("what", "how") and i + 1 < len(toks) and toks[i + 1].lower_ == "about":
            return True  # "What about the people who can't work from home."
        if toks[i].lower_ == "what" and i + 1 < len(toks) and toks[i + 1].lower_ in ("a", "an"):
            return False  # "What a mess it turned out to be."
        asked_of = toks[i].head if toks[i].dep_ == "det" else toks[i]  # "Which party has …"
        if asked_of.dep_ in ("nsubj", "nsubjpass") and asked_of.head.i == root.i and root.i > asked_of.i:
            # the main clause's subject: "Who signed off on it.", "What's holding it back."; not a relative that
            # goes on with the sentence before ("Which started here.", "Who have to look over their shoulder."),
            # nor a pseudo-cleft ("What will make the difference is innovation.")
            verb = next((t for t in toks[i + 1:] if t.tag_ in _FINITE), None)
            relative = asked_of.lower_ == "which" or (asked_of.lower_ == "who" and (
                verb is None or verb.tag_ == "VBP" or verb.lower_ == "were"))
            cleft = any(t.lower_ in _BE_FORMS and t.tag_ in _FINITE for t in toks if t.i > root.i) \
                and not any(t.lower_ in wh or t.lower_ == "that" for t in toks if t.i > root.i)
            return not (relative or cleft)
        i += 1
        while i < len(toks) and (toks[i].tag_ in ("NN", "NNS", "JJ", "JJR", "RB", "DT", "CD", "CC")
                                 or toks[i].lower_ == "of") and toks[i].lower_ not in auxiliary:  # "What sort of plan"
            i += 1
        if i >= len(toks) or toks[i].lower_ not in auxiliary:
            return False
    k = i + 1
    while k < len(toks) and toks[k].lower_ in ("not", "n't", "n’t"):
        k += 1  # "Doesn't it …" asks, "Does not fill one with confidence." drops its subject
    if k >= len(toks) or toks[i].lower_ not in auxiliary or toks[i].tag_ not in ("VBZ", "VBP", "VBD", "MD"):
        return False
    if toks[i].lower_ in ("had", "should", "were") and any(t.lower_ in ("would", "'d", "’d") for t in toks[k:]):
        return False  # "Had miners not signaled, the nodes would have forked off."
    subject, modal = toks[k], toks[i].lower_ in rules.word_list("modal")
    if not (asked or modal) and (subject.lower_ in ("a", "an") or (
            toks[i].lower_ in ("have", "has", "had") and subject.tag_ not in ("PRP", "EX"))):
        return False  # "Is a really cool thing for privacy.", "Had a great time.", "Have six months to do it."
    if toks[i].lower_ in ("can", "could", "may", "might") and subject.lower_ == "i":  # "Can I just say …"
        verbs = [t.lower_ for t in toks[k + 1:k + 3] if t.lower_ != "just"]
        if verbs and verbs[0] in rules.word_list("preface_verb"):
            return False
    tags = _SUBJECT_TAGS | ({"VBG"} if modal else set())  # "Will closing the pubs early cut the cases."
    return subject.tag_ in tags and subject.lower_ not in rules.word_list("not_subject")


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
_LEANING_WORDS = 14  # a longer sentence says enough of what it is about on its own
_SHORT = 10  # a sentence about "they" or "she" this short says nothing of whom
_OPENING_WORDS = 60  # a sentence that opens on "They …" or "It writes …" leans back whatever its length (short of a
# run-on caption that never ends a sentence)
_SUBJECT_WORDS = 40  # a sentence up to this long whose subject points back is read with the one before it
_BE_FORMS = frozenset({"be", "been", "being", "is", "are", "was", "were", "'s", "’s", "'re", "’re"})


def _dependent(sent: Span, rules: Rules) -> str | None:
    """What this sentence leans on of what was said before it, if anything: ``"thing"`` when only a
    pointing word stands for what it is about ("That's one path.", "This is really striking.", "It will
    continue.", "There are limits to that."); ``"referent"`` when it says what it is about but points at
    which one or at whom ("That policy failed.", "This universality is striking.", "They play with each
    other.").  Either joins the claim before it; at the start of a turn or after no claim, only a
    ``"thing"`` sentence says nothing alone (the turn's context tells who "he" is and which bill)."""
    text = sent.text.strip()
    if text.endswith("?"):
        return None
    words = _words(sent)
    first = _first_word(sent, rules)
    if (words <= 7 and _ANAPHORIC.match(text) and not (first is not None and first.dep_ == "det")
            and not (first is not None and first.lower_ == "it" and _expletive(first, rules))):
        return "thing"  # (not "It's clear that the curve bends.": its "it" stands for the clause to come)
    if words <= _OPENING_WORDS and _opens_on_someone_said(sent, rules):
        return "thing" if first is not None and first.lower_ == "it" else "referent"
    if words > _LEANING_WORDS:
        return None
    # the arguments of the main clause, or of the clause an opinion frames ("I think it works.")
    main = _main_clause(sent)
    args = [t for t in sent if t.dep_ in _ARGUMENTS and (t.head in main or (t.dep_ == "pobj" and _near(t.head.head, main)))]
    personal = rules.word_list("personal")
    found = [t for t in args if not _within(t, sent)
             and (_points_back(t, rules) or (words <= _SHORT and t.lower_ in personal and t.tag_ == "PRP"))]
    if any(t.lower_ in rules.word_list("pointing") and t.lower_ not in personal and not _adverbial(t, main) for t in found):
        return "thing"  # the pointing word is the argument itself, not a determiner of one
    return "referent" if found else None


def _within(t: Token, sent: Span) -> bool:
    """A pronoun that opens a second clause after a noun subject of the same sentence points at that
    noun, not back: "His plan doesn't cut taxes, it raises them.", "The plan sounds good, but it fails."."""
    before = t.doc[t.i - 1] if t.i > sent.start else None
    if before is None or not (before.text in (",", ";", "—", "–") or before.dep_ == "cc"):
        return False
    subjects = [a for a in sent if a.i < t.i and a.dep_ in ("nsubj", "nsubjpass") and a.tag_.startswith("NN")]
    # the first clause is whole, its verb said ("The trick then, it's …" puts the noun first, saying nothing of it)
    return any(is_verb(v) for a in subjects for v in t.doc[a.i + 1:t.i])


def _adverbial(t: Token, main: set[Token]) -> bool:
    """A pronoun in a phrase that only frames the main clause ("But even without it, employment is up.",
    "Because of that, prices fell."), not in what the clause says ("There are limits to that.")."""
    return t.dep_ == "pobj" and t.head.head in main and t.head.head.tag_.startswith(("VB", "MD"))


def _main_clause(sent: Span) -> set[Token]:
    """The root, the clause an opinion frames ("I think it works.") and the verbs it goes on with ("…
    starting to enter that regime")."""
    main = {sent.root} | {t for t in sent.root.children if t.dep_ == "ccomp"}
    for verb in list(main):
        while (verb := next((c for c in verb.children if c.dep_ == "xcomp"), None)) is not None:
            main.add(verb)
    return main


def _subject_points_back(sent: Span, rules: Rules) -> bool:
    """The main clause's subject (or its object, a bare "that") names nothing itself, however long the
    rest: "That's why we chose …", "Part of that is probably due to …", "I would say that's still not
    understood", "We used that to …" — the sentence reads with the one before it."""
    if _words(sent) > _SUBJECT_WORDS:
        return False
    root = sent.root
    verbs = [root]
    if root.lower_ in rules.word_list("saying_verb") and any(
            c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in root.children):
        verbs += [c for c in root.children if c.dep_ == "ccomp"]  # "I would say that's …": the opinion's clause
    for subj in (t for verb in verbs for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")):
        if _points_back(subj, rules):
            return True
        if subj.lower_ in rules.word_list("portion"):
            return any(p.lower_ == "of" and any(o.dep_ == "pobj" and _points_back(o, rules) for o in p.children)
                       for p in subj.children)
    # the object of the main verb a bare "that" or "those": "We used that to convince the board …"
    return any(t.dep_ == "dobj" and t.tag_ == "DT" and t.lower_ in rules.word_list("pointing_object")
               for verb in verbs for t in verb.children)


def _opens_on_someone_said(sent: Span, rules: Rules) -> bool:
    """The sentence's first word is its subject and a pronoun for someone or something named before:
    "They're the kinds of theories physicists like", "It writes some code and …" (not "It turns out …")."""
    first = _first_word(sent, rules)
    if first is None or first.dep_ not in ("nsubj", "nsubjpass") or first.head != sent.root:
        return False
    if first.lower_ in rules.word_list("personal") and first.tag_ == "PRP":
        return sent.root.lower_ not in rules.word_list("saying_verb")  # "They say that …" reports a view: a claim to mark
    return first.lower_ == "it" and not _expletive(first, rules)


def _first_word(sent: Span, rules: Rules) -> Token | None:
    """The sentence's first word past its discourse openers ("So it actually raises …" → "it")."""
    plain, paused = rules.word_list("opener"), rules.word_list("pause_opener")
    return next((t for t in sent if t.is_alpha and t.lower_ not in plain and t.lower_ not in paused), None)


def _expletive(it: Token, rules: Rules) -> bool:
    """"It" that stands for a clause still to come: "It turns out that …", "It's a question whether …",
    "It was hard training at that size".  After a form of "be" the clause belongs to the verb or to what
    it says "it" is; one deeper down does not count ("It's stronger than a method like Deep Blue to play
    chess" is about something named before)."""
    root = it.head
    clause = ("ccomp", "xcomp", "csubj", "advcl", "acl", "relcl")
    if root.lower_ in rules.word_list("expletive_verb"):
        return any(t.dep_ in clause for t in root.subtree if t.i > root.i)
    if root.lower_ not in _BE_FORMS:
        return False
    near = [c for c in root.children if c.i > root.i]
    near += [g for c in near if c.dep_ in ("attr", "acomp", "oprd") for g in c.children]
    return any(t.dep_ in clause for t in near)


def _reads_with_what_came_before(sent: Span, leans: str | None, asked: bool, rules: Rules) -> bool:
    """Does this sentence join the claim before it: it says nothing alone (``leans``), its subject points
    back ("Part of that is …"), or it offers another way ("Or you could …"); never a question (``asked``
    in its word order, or "Or is it …?", "Is that why?")."""
    if sent.text.strip().endswith("?") or asked:
        return False  # a question after a claim asks its own thing ("How do you do that?"): the claim stays one
    return bool(leans or _subject_points_back(sent, rules) or _alternative(sent, rules))


_TRAIL_WORDS = 6  # a sentence this short that never ends ("So...", "I mean", "So basically what happens is…") says nothing


def _trails_off(sent: Span, rules: Rules) -> bool:
    """A few words the speaker left off ("So...", "So basically what happens is…"), only openers ("I mean")
    or filler ("So I find this idea pretty cool."): nothing to add to the claim before them."""
    if _filler(sent.text.strip(), rules):
        return True
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) > _TRAIL_WORDS:
        return False
    return sent.text.rstrip().endswith(("...", "…", "--", "—", "–")) or not without_openers(sent.text, rules).strip(
        " .,!?;:…-—–") or all(t.lower_ in rules.word_list("opener") for t in words)


_CUT = ("...", "…", "-", "—", "–")


def _cut_off(sent: Span, rules: Rules) -> bool:
    """The speaker was cut off, or trailed off, mid-clause: it ends on an ellipsis or a dash right after a word
    no finished sentence ends on ("My best guess is the...", "It was mostly about the data and-")."""
    text = sent.text.rstrip()
    if not text.endswith(_CUT):
        return False
    words = re.findall(r"[\w'’]+", text[-40:].lower())
    return bool(words) and words[-1] in rules.word_list("dangling")


def _alternative(sent: Span, rules: Rules) -> bool:
    """The sentence offers another way to what was said before it: "Or you could remove the data."."""
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    return first is not None and first.lower_ in rules.word_list("alternative")


def asks_why(question: str, rules: Rules) -> bool:
    """A question for a reason ("Why?", "So how come it stalled?"), which a "Because …" answers; of a
    question with its set-up before it ("Pay is low here. Why?"), the last sentence."""
    question = last_sentence(question)
    rest = " ".join(re.findall(r"[a-z’']+", without_openers(question, rules).lower()))
    whys = rules.word_list("why_word")
    return question.rstrip().endswith("?") and any(rest == w or rest.startswith(w + " ") for w in whys)


def answers_why(text: str, rules: Rules) -> bool:
    """A reason of five words or more that can answer a why-question on its own ("Because the budget was cut.")."""
    words = re.findall(r"[a-z’']+", without_openers(text, rules).lower())
    return len(words) >= 5 and words[0].strip("'’") in rules.word_list("reason_answer")


def _narrates(sent: Span, rules: Rules) -> bool:
    """The speaker tells what they did: "I" or "we" did something, in the past, with no thought or finding
    as its object and no reason or purpose that would make it a point ("So we were building a lot of tools
    for video editors.", "Before that I was working as an engineer.", "We decided to build a drawing tool.").
    Not "We knew that the models would get better.", "We didn't test anyone.", "We moved to Rust because
    the pauses hurt." nor a deed on the record ("I voted against the bill.")."""
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in rules.word_list("narrator"):
        return False
    helpers = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    # only past helpers after the subject: not "I'm going to …" (the tagger's past "’m") nor "Did I …?"
    past = (all(h.lower_ in rules.word_list("past_auxiliary") and h.i > subject.i for h in helpers) if helpers
            else root.tag_ == "VBD")
    if not past or root.lower_ in rules.word_list("knowing_verb") or any(c.dep_ == "neg" for c in root.children):
        return False  # also "We never said that."
    if checkworthy.on_record(root):
        return False  # a deed on the record, told by who did it: "I voted against the bill."
    return not any(t.dep_ in ("ccomp", "parataxis") or (t.dep_ == "mark" and t.lower_ in rules.word_list("point_mark"))
                   for t in sent if t.head == root or t.head.head == root)


def _unfinished(sent: Span, rules: Rules) -> bool:
    """No main clause: a reason alone ("Because you didn't notice the results."), an infinitive ("To
    improve the abilities."), a verb's bare form after a hedge ("Perhaps find a solution like that.") or
    a participle with no subject ("Also proposed: a test of recall.")."""
    root = sent.root
    first = _first_word(sent, rules)
    if first is not None and first.dep_ == "mark" and first.head == root and first.lower_ in rules.word_list("reason_mark"):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children):
        return False
    if root.tag_ == "VB" and first is not None and first.lower_ in rules.word_list("hedge_word") and first.head == root:
        return True
    if root.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return True  # something done, with no one doing it: "Also proposed: a test of recall."
    if any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") or t.text == "," for t in sent):
        return False  # a finite verb or a second clause somewhere: "To be honest, scaling works."
    return any(c.dep_ == "aux" and c.tag_ == "TO" and c.i < root.i for c in root.children)


def _near(head: Token, main: set[Token]) -> bool:
    """The preposition's head is the main clause, or one of its arguments ("limitations to that")."""
    return head in main or (head.dep_ in _ARGUMENTS | {"acomp"} and head.head in main)


def _points_back(arg: Token, rules: Rules) -> bool:
    """An argument that names nothing itself: a pointing pronoun, or a noun with a pointing determiner
    ("this"/"these" only in a subject: "has this really interesting argument" introduces it).  A "that"
    tagged as a relative pronoun but the subject of the sentence's own verb points back too ("In robotics,
    that can be much harder."); after a clause of its own verb it takes that clause up instead."""
    pronoun = arg.tag_ in ("PRP", "DT") or (arg.tag_ == "WDT" and arg.head.dep_ == "ROOT") or (
        arg.tag_ == "IN" and arg.dep_ in ("dobj", "pobj"))  # "coordinate that more": the tagger's slip, an object
    if arg.lower_ in rules.word_list("pointing") and pronoun:
        if arg.lower_ in ("that", "this") and any(c.dep_ == "advcl" and c.i < arg.i for c in arg.head.children):
            return False  # "When models improve at coding, that improves their reasoning": the clause before it
        return not (arg.lower_ == "it" and arg.dep_ in ("nsubj", "nsubjpass") and _expletive(arg, rules))
    pointing = rules.word_list("pointing" if arg.dep_ in ("nsubj", "nsubjpass") else "pointing_object")
    return any(c.dep_ in ("det", "amod", "predet") and c.tag_ in ("DT", "PDT", "JJ") and c.lower_ in pointing
               and c.i < arg.i for c in arg.children)  # not "that" as a complementizer (IN)


_EDITORIAL = re.compile(r"\[[^\[\]]*\][.!?]?")  # "[before we get AGI]." an editor's words, not the speaker's
_TAG_QUESTION = re.compile(r",\s*(?:right|no|isn't it|isn’t it|don't you think|don’t you think)\?$", re.I)


def _filler(text: str, rules: Rules) -> bool:
    """Thanks, back-channel, a reaction with nothing of its own ("So I find this idea pretty cool.")."""
    return any(c.regex.search(text) for c in rules.cues_for("filler"))


def classify(text: str, span_words: int, has_verb: bool, rules: Rules) -> str:
    stripped = text.strip()
    if _filler(stripped, rules):
        return "filler"
    if any(c.regex.search(stripped) for c in rules.cues_for("boilerplate")):
        return "boilerplate"
    if stripped.rstrip("\"”’')]").endswith("?") and not _TAG_QUESTION.search(stripped):
        return "question"  # "…, right?" asserts; it is a claim with a tag
    if rules.cues_for("question").first(stripped):
        return "question"  # asked in the words, whatever the full stop says ("How do you see that.")
    if any(c.regex.search(stripped) for c in rules.cues_for("setup")):
        return "setup"
    if rules.cues_for("narration").first(stripped):
        return "aside"  # the speaker's own story: no claim, but what it names is still mentioned
    openers = len(stripped.split()) - len(without_openers(stripped, rules).split())
    if span_words - openers < 4 or not has_verb or _EDITORIAL.fullmatch(stripped):
        return "fragment"  # also "But you want both."
    return "claim"


def units(sdoc: Doc, rules: Rules) -> list[Unit]:
    """Sentence units of one turn, each classified; claims are the ``kind == 'claim'`` ones.

    A piece that starts in lower case, with a bracket and lower case ("[through ingenuity], such
    as …") or with a comma (after a quoted question: "the question, "Are there many?", is orthogonal …"),
    continues the sentence before it (the parser split too early); a sentence that points back
    ("That's one path.", "Part of that is due to …") joins the claim before it.  Each unit is classified
    on its whole text.
    """
    out: list[Unit] = []
    whole = sdoc.text  # (spaCy joins the tokens' texts each time it is asked)
    for sent in sdoc.sents:
        text = sent.text.strip()
        if not text:
            continue
        leans = _dependent(sent, rules)  # says nothing alone: merged, else no claim
        asked = not text.endswith("?") and asks(sent, rules)  # a question whatever its full stop says
        # a sentence that says something, but of what came before ("Part of that is …", "Or you could …"),
        # is merged too
        if out and out[-1].kind == "question" and _alternative(sent, rules):
            out[-1].end = sent.end_char  # "Is it the data? Or is it the model." asks one question
            out[-1].sents.append(sent)
            continue
        reads_back = bool(out) and _reads_with_what_came_before(sent, leans, asked, rules)
        if reads_back and len(out) > 1 and out[-1].kind == "fragment" and out[-2].kind == "claim":
            # past an aside with no clause of its own ("Maybe build a plugin."), to the claim it follows
            fragment = out.pop()
            out[-1].end = fragment.end
            out[-1].sents += fragment.sents
        if out and (text.lstrip("[(\"'“‘")[:1].islower() or text.lstrip("\"'”’")[:1] in ",;:"
                    or (out[-1].kind == "claim" and reads_back and not _trails_off(sent, rules))):
            last = out[-1]
            last.end = sent.end_char
            last.sents.append(sent)
            leans = None
        else:
            out.append(Unit(sent.start_char, sent.end_char, [sent]))
        last = out[-1]
        words = sum(_words(s) for s in last.sents)
        verb = any(_has_verb(s) for s in last.sents)
        last.kind = classify(whole[last.start:last.end], words, verb, rules)
        if last.kind == "claim" and len(last.sents) == 1 and asked:
            last.kind = "question"  # asked in its word order, whatever the full stop says
        if last.kind == "claim" and (leans == "thing" or all(_unfinished(x, rules) or _cut_off(x, rules)
                                                              for x in last.sents)):
            last.kind = "fragment"  # points back at something no claim of the turn says ("It doesn't seem compelling."),
            # or a purpose or hint with no one doing it ("To actually improve the abilities.")
            if len(out) > 1 and out[-2].kind == "question" and asks_why(whole[out[-2].start:out[-2].end], rules) \
                    and answers_why(whole[last.start:last.end], rules):
                last.kind = "claim"  # "Why believe it? Because nobody noticed the results." answers its own question
    model = claim_model.load()
    for i, u in enumerate(out):
        if u.kind == "claim" or (i == 0 and u.kind == "fragment" and answers_why(whole[u.start:u.end], rules)):
            # (a turn that opens on "Because …" is a claim when the turn before asked why: extract.claims)
            if u.kind == "claim" and all(_narrates(x, rules) for x in u.sents):
                u.kind = "aside"  # what the speaker did, told as a story, even with a date in it ("I took that
                continue  # job in 2016."): no claim; a deed on the record stays one ("We cut the deficit in 2019.")
            span = sdoc[u.sents[0].start:u.sents[-1].end]
            u.worth = checkworthy.checkworthiness(span)
            u.score = claim_model.probability(span, model, i, len(out), out[i - 1].kind if i else "none")
    return out
