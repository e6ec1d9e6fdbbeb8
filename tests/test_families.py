"""The transcript families real corpora use, each reproduced by a small document we wrote
(tests/data/families/), read by one generic turn reader with labels learned per document."""

from __future__ import annotations

import re

import pytest

from extract.readers import detect_format, family_scores, read_path, read_text
from extract.records import DocumentMeta
from tests.conftest import DATA

FAM = DATA / "families"


def turns(name):
    doc = read_path(FAM / name)
    return doc, [(t.speaker, t.timestamp) for t in doc.turns]


def test_front_matter_is_metadata_and_first_names_take_the_full_name_it_gives():
    doc, got = turns("frontmatter_stamped.md")
    assert doc.meta.format == "transcript" and doc.meta.shape == "stamped"
    assert doc.meta.title == "Sparse routing with Ines Okafor" and doc.meta.video_id == "AbCdEfGhIjK"
    assert got == [("Tomas", "00:00:00"), ("Ines Okafor", "00:00:04"), ("Tomas", "00:00:09"), ("Ines Okafor", "00:00:15")]
    assert doc.turns[2].section == "Routing"
    assert not any("Intro" in t.text or "Routing" in t.text.split(".")[0] for t in doc.turns[2:3])


def test_bracketed_speaker_numbers_one_line_a_turn():
    doc, got = turns("bracket_speakers.md")
    assert doc.meta.shape == "bracket"
    assert got[:2] == [("Speaker 1", "00:00:03"), ("Speaker 2", "00:00:06")]
    assert doc.turns[3].text == "I don't think that holds for the cold start, though."


def test_name_and_stamp_with_the_speech_on_the_next_lines_and_a_bare_stamp_paragraph():
    doc, got = turns("paren_next_line.txt")
    assert got == [("Wren Castillo", "00:00:02"), ("Wren Castillo", "00:00:09"), ("Jonah Pike", "00:01:30"),
                   ("Jonah Pike", "00:02:10"), ("Wren Castillo", "00:02:45")]
    assert doc.turns[3].text == "And that leakage is the hard part to measure."
    assert any(b.kind == "intro" for b in doc.blocks)


def test_a_colon_then_a_stamp_in_brackets_starts_a_timed_turn():
    doc, got = turns("colon_then_stamp.txt")
    assert got == [("Dana Whitfield", "00:00:00"), ("Paul Ortega", "00:00:15"), ("Mara Lindqvist", "00:00:48"),
                   ("Paul Ortega", "00:01:02")]
    assert doc.turns[1].text == "Our state has lost forty thousand jobs in the last two years."


def test_a_name_alone_then_stamped_lines_below_it():
    """"Tomas Reyna" alone on a line, the speech below it a stamped line each ("(00:00:25) …"): every
    stamped line is a timed turn of that speaker; a line between turns is a section."""
    doc, got = turns("name_then_stamped_lines.txt")
    assert got == [("Tomas Reyna", "00:00:00"), ("Tomas Reyna", "00:00:21"), ("Ines Okafor", "00:00:25"),
                   ("Ines Okafor", "00:00:41"), ("Tomas Reyna", "00:01:30"), ("Ines Okafor", "00:01:35")]
    assert doc.turns[3].text == "Most of robotics is still about handling failure gracefully."
    assert doc.turns[4].section == "Scaling"


@pytest.mark.parametrize("shape", [
    "**{name}** {time}\n\n{said}\n\n",  # a bold name, the stamp after it
    "**{name}** *{time}*\n\n{said}\n\n",  # the stamp in italics
    "{name} _{time}_\n\n{said}\n\n",
    "**{name} ({time}):** {said}\n\n",  # name and stamp inside the bold
])
def test_bold_names_and_italic_stamps(shape):
    said = [("Ada Quill", "Scaling keeps working, and data is the limit."), ("Bram Ng", "I'd push back on the data part."),
            ("Ada Quill", "Synthetic data collapses after a few rounds."), ("Bram Ng", "Not if you filter it well.")]
    text = "".join(shape.format(name=n, time=f"00:0{i}:1{i}", said=s) for i, (n, s) in enumerate(said))
    doc = read_text(text, DocumentMeta(path="episode.md", format=""))
    assert [(t.speaker, t.timestamp, t.text) for t in doc.turns] == [
        (n, f"00:0{i}:1{i}", s) for i, (n, s) in enumerate(said)]


def test_linked_timestamps_give_the_video_for_deep_links():
    doc, got = turns("linked_site.md")
    assert doc.meta.shape == "linked" and doc.meta.video_id == "XyZ12345678"
    assert got[1] == ("Lev Harper", "00:00:07")
    assert doc.turns[1].text.startswith("I'd push back on that.")


def test_bold_labels_escaped_stamps_transcriber_notes_and_break_markers():
    doc, got = turns("bold_escaped.md")
    assert got == [("Mira Lenz", None), ("Tomas Ek", None), ("Tomas Ek", "00:04:10"), ("Mira Lenz", None)]
    text = " ".join(t.text for t in doc.turns)
    assert "Break" not in text and "unintelligible" not in text and "\\[" not in text
    assert not re.search(r"\d:\d\d", text)
    assert [b.kind for b in doc.blocks] == ["marker"]


def test_a_handle_beside_the_name_is_an_alias():
    doc, got = turns("handle_alias.md")
    assert [s for s, _ in got] == ["Kai Moreno", "Adam Reyes", "Kai Moreno", "Adam Reyes"]
    assert doc.aliases == {"Glasswing": "Adam Reyes"}


def test_hearing_surnames_resolve_to_the_full_names_the_document_gives():
    doc, got = turns("hearing.txt")
    assert doc.meta.shape == "hearing"
    assert [s for s, _ in got][:4] == ["Walcott", "Amara Okonjo", "Lewis Drayman", "Amara Okonjo"]
    assert doc.turns[2].text.startswith("I respectfully disagree")


def test_capitalised_surname_labels():
    doc = read_text("LEHRER: Good evening.\nKANE: Thank you, Jim.\nLEHRER: Your first answer.\nKANE: Gladly.\n",
                    DocumentMeta(path="debate.txt", format=""))
    assert doc.speakers == ["Lehrer", "Kane"]


def test_unlabelled_documents_invent_no_speaker():
    for name in ("unlabelled_frontmatter.md", "llm_summary.md"):
        doc = read_path(FAM / name)
        assert doc.meta.format == "plain" and doc.speakers == []
    doc = read_path(FAM / "unlabelled_frontmatter.md")
    assert doc.meta.title == "Episode 7: Planning less" and "title:" not in doc.turns[0].text
    bullets = read_path(FAM / "llm_summary.md")
    assert len(bullets.turns) == 3 and not any("•" in t.text for t in bullets.turns)


@pytest.mark.parametrize("line", [
    "So: today we talk about planning less.",
    "Note: nothing here is advice.",
    "At 12:30 we met the team.",
    "Step 2: train the model.",
])
def test_sentences_that_look_like_labels_are_not_speakers(line):
    text = f"{line}\nWe think most plans fail.\n\n{line}\nAnd then we stop.\n"
    assert read_text(text, DocumentMeta(path="x.txt", format="")).speakers == []


def test_family_is_chosen_by_evidence_over_the_whole_document():
    # a transcript whose show notes carry a few timestamped chapter lines stays a transcript
    text = "(0:00) Intro\n\n(5:10) Scaling\n\n(9:00) Outro\n\n" + "".join(
        f"Ada Quill 00:0{i}:00\n\nPoint number {i} is that scaling works.\n\nBram Ng 00:0{i}:30\n\nI disagree.\n\n"
        for i in range(6))
    scores = family_scores(text)
    assert scores["transcript"] > scores["notes"] and detect_format(text) == "transcript"


@pytest.mark.parametrize("sentence, kind", [
    ("Use code CLAIM for 15% off your first order.", "boilerplate"),
    ("This show is brought to you by Acme Cloud.", "boilerplate"),
    ("Go to acme.ai slash podcast to try it.", "boilerplate"),
    ("If you like the show, please leave us a review on Apple Podcasts.", "boilerplate"),
    ("This transcript has been edited for clarity.", "boilerplate"),
    ("The trade-offs of sparse models can be examined in more detail in the section on hardware.", "boilerplate"),
    ("For more on this, listen to our episode with the robotics team.", "boilerplate"),
    ("These labour shifts resonate with themes in the notes on automation and wages.", "boilerplate"),
    ("The effect can be found in almost every benchmark we ran.", "claim"),
    ("Priya asks whether the benchmark gains transfer to real work.", "question"),
    ("Then he asked about the cost of inference at scale.", "question"),
    ("Coming back to robotics, I'm curious what held the hardware back.", "question"),
    ("A couple of things changed after the launch.", "setup"),
    ("Good evening, everyone, and welcome to the second debate.", "filler"),
    ("Good evening polls showed the race tightening in the west.", "claim"),
    ("Governor, you have ninety seconds to respond.", "setup"),
    ("Senator Okafor, you said in March that the tariffs would pay for themselves.", "setup"),
    ("Maya, you said the tariffs would pay for themselves, but they cost us jobs.", "claim"),
    ("Please let her finish, and then we need to move on.", "setup"),
    ("You worked on recommendation systems for years before this.", "setup"),
    ("So you've been thinking about robotics since grad school.", "setup"),
    ("You said the chips were late, but the real problem was power.", "claim"),
    ("You can train a small model on a laptop now.", "claim"),
    ("The big open question is whether agents will work by next year.", "question"),
    ("The question is settled: bigger models win.", "claim"),
    ("There are some real complexities here.", "setup"),
    ("There are some complexities in licensing that slow every release down, like the patent pools.", "claim"),
    ("Three things might change that would make training far more expensive.", "setup"),
    ("The other thing has to do with what you said about memory.", "setup"),
    ("Three reasons explain the slowdown: cost, data and power.", "claim"),
    ("The other thing is that memory got cheaper every year.", "claim"),
    ("Priya asks whether gains transfer, and Tomas says they mostly do.", "claim"),
    ("Interpretability can be compared to neuroscience in many ways.", "claim"),
    ("I don't think scaling alone gets us there, because data runs out.", "claim"),
    ("The code was wrong, so we fixed the compiler.", "claim"),
    ("I visit the lab every week to see the robots.", "claim"),
    # thanks and welcomes after openers and the name of whom they thank; glad to be here
    ("All right, well, Tomas, thanks very much for coming on.", "filler"),
    ("To the listeners, thanks for listening, and I hope you come back.", "filler"),
    ("It's really good to be here.", "filler"),
    ("I'm so glad to be back.", "filler"),
    ("Thanks to cheaper chips, the models got much better at code.", "claim"),
    ("It's good to be careful with benchmarks that leak into training data.", "claim"),
    # the host turns the talk to a topic, not a plan of anyone's
    ("I'd like to now talk a little bit about how you pick problems.", "setup"),
    ("Okay, I might move to some closing questions if that's all right.", "setup"),
    ("Next, I want to ask about the second paper.", "setup"),
    ("We might move to Rust next year.", "claim"),
    ("I'd like to talk about pricing, because it decides who wins.", "claim"),
])
def test_podcast_furniture_is_not_a_claim(sentence, kind):
    from extract.units import classify
    from extract.rules import load_rules

    assert classify(sentence, len(sentence.split()), True, load_rules()) == kind


def test_speech_without_punctuation_is_cut_into_clauses():
    from extract.readers.common import MAX_CLAUSE

    talk = ("you know one of the exciting things about these models is how fast they make experiments "
            "so last night I tried an idea and it worked within fifteen minutes "
            "but the part I did not expect was how cheap it was "
            "I think most teams still underestimate that and the reason is they never measure it ") * 3
    doc = read_text(talk, DocumentMeta(path="captions.txt", format=""))
    assert doc.meta.format == "plain" and len(doc.turns) > 6
    assert all(len(t.text.split()) <= MAX_CLAUSE for t in doc.turns)
    assert any(t.text.startswith("I think most teams") for t in doc.turns)
    assert all(doc.text[t.start:t.end] == t.text for t in doc.turns)


def test_punctuated_paragraphs_are_not_cut():
    text = "Scaling works. " * 40
    doc = read_text(text, DocumentMeta(path="x.txt", format=""))
    assert len(doc.turns) == 1


@pytest.mark.parametrize("a, b, same", [
    ("Alan Kay", "Allen Kay", True),
    ("Geoff Hinton", "Jeff Hinton", True),
    ("Yann LeCun", "Yann Laocoon", True),
    ("Lex Fridman", "Alex Friedman", True),
    ("Mark Erhardt", "Mark Erhart", True),
    ("Jim Clark", "Jane Curtin", False),
    ("Shane Legg", "Steve Lee", False),
    ("Michael Feathers", "Martin Fowler", False),
    ("Richard Sutton", "Richard Stallman", False),
])
def test_names_that_sound_alike(a, b, same):
    from extract.people import _same_person

    assert _same_person(a, b) is same


@pytest.mark.parametrize("name, person", [
    ("Sharon Heights", False), ("Turing Award", False), ("Goodhart's Law", False), ("Kathy Kathy", False),
    ("Lightning Labs", False), ("Ada Quill", True), ("Aaron van Wirdum", True), ("Rube Goldberg-esque", False),
    ("Jean-Luc Picard", True),
])
def test_what_can_be_a_new_persons_name(name, person):
    from extract.people import looks_like_person, lower_words
    from extract.rules import load_rules

    common = lower_words("we shipped the wallet while the lightning demo ran in the labs")
    assert looks_like_person(name.split(), common, load_rules()) is person


def test_a_captions_misspelling_joins_the_better_evidenced_spelling():
    from types import SimpleNamespace

    from extract.kb import KnowledgeBase
    from extract.people import merge_sound_alikes
    from extract.rules import load_rules

    kb = KnowledgeBase()
    randy = kb.add("Person", "Randy Shoup", source="corpus").ref  # a speaker label
    schaub = kb.add("Person", "Dick Schaub", source="ner").ref
    shoup = kb.add("Person", "Dick Shoup", source="ner").ref
    kay1 = kb.add("Person", "Alan Kaye", source="ner").ref
    kay2 = kb.add("Person", "Allen Kaye", source="ner").ref
    claim = lambda doc, *refs: SimpleNamespace(document=doc, speaker=randy, mentions=[(r, None) for r in refs])  # noqa: E731
    out = SimpleNamespace(relations=[], documents=[], claims=[claim("a", schaub), claim("a", schaub), claim("a", shoup),
                                                           claim("a", kay1), claim("b", kay2)])
    merge_sound_alikes(kb, out, load_rules())
    assert kb.get(schaub) is None and kb.lookup("Dick Schaub") == shoup  # the spelling a speaker's name shares
    assert {r for c in out.claims for r, _ in c.mentions} == {shoup, kay1, kay2}  # Kaye: two documents, apart


@pytest.mark.parametrize("a, b, same", [
    ("Dan Murfet", "Daniel Murfet", True),
    ("Alexander Turner", "Alex Turner", True),
    ("Alexander Matt Turner", "Alex Turner", True),
    ("Rich Sutton", "Richard Sutton", True),
    ("Liz Seger", "Elizabeth Seger", True),
    ("Alexandra Turner", "Alex Turner", False),
    ("Daniel Murfet", "David Murfet", False),
    ("Dan Murfet", "Dan Murphy", False),
    ("Jan Paul Kulveit", "Jan Peter Kulveit", False),
])
def test_a_first_names_short_form_or_a_middle_name_left_out_is_the_same_name(a, b, same):
    from extract.people import short_form
    from extract.rules import load_rules

    assert short_form(a, b, load_rules().word_list("short_name")) is same


def test_a_guest_named_by_a_short_form_or_with_a_word_less_is_one_person():
    """Speech names a speaker by a short first name ("Dan Murfet" for the guest labelled "Daniel Murfet"), and a
    name the text gives in full elsewhere in the same episode ("Chun Hei" / "Chun Hei Yip") joins the full name."""
    from extract.pipeline import extract

    text = ("Rosa Quint: My guest today is Daniel Murfet, who works on learning theory.\n\n"
            "Daniel Murfet: Thanks. My student Chun Hei Yip found the circuit in the network last spring.\n\n"
            "Rosa Quint: And what did Chun Hei find out about the layers?\n\n"
            "Daniel Murfet: That Chun Hei was right about the layers, and the loss falls in steps.\n\n"
            "Rosa Quint: Dan Murfet said the same thing in his talk at the workshop, I think.\n\n"
            "Daniel Murfet: I did, and Dan Murfet says it every year.\n")
    ex = extract([read_text(text, DocumentMeta(path="episode.txt", format=""))])
    people = {e.name: e.aliases for e in ex.kb.entities.values() if e.type == "Person"}
    assert "Dan Murfet" not in people and "Dan Murfet" in people["Daniel Murfet"]
    assert "Chun Hei" not in people and "Chun Hei" in people["Chun Hei Yip"]


def test_a_captions_misspelling_of_a_guest_the_description_lists_is_that_guest():
    """An automatic caption spells a guest as it hears them ("Please welcome Marek Cocatelski"); the
    description's "Guests:" spells them right, and the misspelling joins that guest."""
    from extract.pipeline import extract

    text = ("Live from the hall, a night about robots.\n\nGuests:\nMarek Kokotajski, founder of a robotics lab.\n"
            "Ines Valdivieso, an economist.\n\n## Transcript\n\n"
            "**0:01** · Please welcome to the stage Marek Cocatelski, who builds robot arms for farms.\n\n"
            "**0:09** · Thanks for having me. Robots in farms are limited by data more than by their hardware.\n\n"
            "**0:20** · And we have Ines Valdivieso with us tonight, who studies what automation does to wages.\n\n"
            "**0:31** · Wages in farming have not fallen where robots arrived, and that surprised a lot of people.\n\n"
            "**0:40** · I spoke to Marek Cocatelski last year, and the arms will be cheap within five years.\n")
    doc = read_text(text, DocumentMeta(path="live.md", format=""))
    assert doc.meta.format == "captions" and doc.meta.participants == ["Marek Kokotajski", "Ines Valdivieso"]
    ex = extract([doc])
    people = {e.name: e.aliases for e in ex.kb.entities.values() if e.type == "Person"}
    assert "Marek Cocatelski" not in people and "Marek Cocatelski" in people["Marek Kokotajski"]


def test_a_hearing_in_sections_headed_by_who_speaks_with_title_and_surname_labels():
    """Fields of the header are no speakers; a heading that names a speaker gives them the unlabelled paragraphs
    below it; "Senator Del Valle" and "Chairman Okafor" take the full names the headings give."""
    doc = read_path(DATA / "families" / "hearing_sections.md")
    assert doc.speakers == ["Tomas Okafor", "Ada Brenner", "Maria Del Valle", "Jonas Pell", "Young Park"]
    assert doc.meta.participants == ["Ada Brenner", "Jonas Pell"]
    said = {t.text[:30]: (t.speaker, t.timestamp) for t in doc.turns}
    assert said["Good morning. The committee wil"[:30]] == ("Tomas Okafor", "00:00:09")
    assert said["A single federal test would he"] == ("Ada Brenner", "00:05:30")
    assert said["Thank you. Ms. Brenner, would "] == ("Maria Del Valle", "00:09:40")
    assert said["That is not what your last rep"] == ("Maria Del Valle", "00:10:20")
    assert not any(w in t.text for t in doc.turns for w in ("March 3, 2026", "Witness Testimony", "Northwind Labs\n"))


def test_a_talk_stamped_in_sections_headed_by_who_speaks_is_their_speech():
    """"## Opening Remarks - Rosa Quint" above "[00:27] …" entries: Rosa Quint's words, not a note-taker's; a section
    whose heading names no one ("## Pricing") goes on in the last voice; "**Speaker:** Rosa Quint, CEO, …" names a
    participant."""
    doc = read_path(DATA / "families" / "keynote.md")
    assert doc.meta.participants == ["Rosa Quint"]
    said = [(t.kind, t.speaker, t.timestamp, t.section) for t in doc.turns if t.timestamp]
    assert said == [("speech", "Rosa Quint", "00:00:27", "Opening Remarks - Rosa Quint"),
                    ("speech", "Rosa Quint", "00:01:04", "Opening Remarks - Rosa Quint"),
                    ("speech", "Tobias", "00:05:10", "Agent Builder Demo - Tobias"),
                    ("speech", "Tobias", "00:09:40", "Pricing"),
                    ("speech", "Rosa Quint", "00:12:00", "Closing Remarks - Rosa Quint")]


def test_debate_surnames_take_the_full_names_the_text_gives_never_a_title():
    text = ("MODERATOR: Good evening. Tonight Senator Ada Brenner and Governor Tomas Okafor debate energy.\n"
            "BRENNER: Thank you. I want to thank Governor Okafor for coming.\n"
            "OKAFOR: Thank you. Senator Brenner and I agree on one thing only.\n"
            "MODERATOR: Governor Okafor, your response.\n"
            "OKAFOR: The senator's plan costs too much.\n"
            "BRENNER: Governor Okafor's numbers do not add up.\n")
    doc = read_text(text, DocumentMeta(path="debate.txt", format=""))
    assert doc.speakers == ["Moderator", "Ada Brenner", "Tomas Okafor"]


def test_firms_whose_names_read_like_a_persons_are_organizations():
    from extract.pipeline import extract

    text = ("Rosa Quint: Where does the money for these labs come from?\n\n"
            "Tobias Hale: Andreessen Horowitz put in most of it, and Goldman Sachs lent the rest.\n\n"
            "Rosa Quint: And the defence side?\n\n"
            "Tobias Hale: Northrop Grumman and Lockheed Martin buy the models for their own systems.\n")
    ex = extract([read_text(text, DocumentMeta(path="episode.txt", format=""))])
    types = {e.name: e.type for e in ex.kb.entities.values()}
    firms = ["Andreessen Horowitz", "Goldman Sachs", "Northrop Grumman", "Lockheed Martin"]
    assert [types.get(f) for f in firms] == ["Organization"] * 4
