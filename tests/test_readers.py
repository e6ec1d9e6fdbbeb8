"""Readers: every seed family read exactly, the wider families read from small documents we wrote."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from extract.readers import ReadError, detect_format, read_path
from extract.readers.common import clean, clean_text, normalize_timestamp, split_sentences, video_url
from tests.conftest import DATA, SEED, written

BOOK_SPEAKERS = {
    "Dwarkesh Patel", "Dario Amodei", "Jared Kaplan", "Ilya Sutskever", "Carl Shulman", "Shane Legg",
    "Sholto Douglas", "Trenton Bricken", "Leopold Aschenbrenner", "Demis Hassabis", "Gwern Branwen",
}


def turn_with(doc, words):
    hits = [t for t in doc.turns if words in t.text]
    assert len(hits) == 1, f"{len(hits)} turns contain {words!r}"
    return hits[0]


# --------------------------------------------------------------------------- all seeds


def test_formats_detected_from_content(seed_docs):
    assert {k: d.meta.format for k, d in seed_docs.items()} == {
        "summary": "wiki", "transcript": "transcript", "whisper": "whisper", "notes": "notes", "book": "book",
    }


@pytest.mark.parametrize("name", list(SEED))
def test_every_turn_text_is_recoverable_from_its_offsets(seed_docs, name):
    doc = seed_docs[name]
    assert doc.turns
    for t in doc.turns:
        assert clean(doc.text, t.pieces)[0].strip() == t.text
        assert t.start <= t.pieces[0][0] and t.pieces[-1][1] <= t.end
        # the text map sends every clean span back inside the turn
        s, e = t.tmap.to_raw(0, len(t.text))
        assert t.start <= s < e <= t.end


def test_sidecar_metadata_is_read(seed_docs):
    assert seed_docs["notes"].meta.authors == ["Zvi Mowshowitz"]
    assert seed_docs["transcript"].meta.video_id == "qTogNUV3CAI"
    assert seed_docs["book"].meta.authors == ["Dwarkesh Patel", "Gavin Leech"]


# --------------------------------------------------------------------------- transcript


def test_transcript_turns_and_speakers(seed_docs):
    doc = seed_docs["transcript"]
    assert len(doc.turns) == 90
    assert Counter(t.speaker for t in doc.turns) == {"Dwarkesh Patel": 45, "Demis Hassabis": 45}
    first = doc.turns[0]
    assert (first.speaker, first.timestamp) == ("Dwarkesh Patel", "00:00:44")
    assert first.text.startswith("Today it is a true honor")
    assert doc.turns[-1].timestamp == "01:01:04"
    assert all(t.timestamp for t in doc.turns)


def test_transcript_intro_and_chapter_headings_are_not_speech(seed_docs):
    doc = seed_docs["transcript"]
    speech = " ".join(t.text for t in doc.turns)
    for heading in ("RL atop LLMs", "Scaling and alignment", "Gemini training", "Inside Google DeepMind"):
        assert not any(t.text == heading or t.text.endswith(heading) for t in doc.turns)
        assert any(b.kind == "heading" and b.text == heading for b in doc.blocks)
    assert "Watch on YouTube" not in speech and "Edited by Teddy Kim" not in speech
    assert doc.turns[0].section == "Nature of intelligence"
    assert turn_with(doc, "Theoretically, I think there’s no reason").section == "RL atop LLMs"


# --------------------------------------------------------------------------- book


def test_book_speaker_sections(seed_docs):
    doc = seed_docs["book"]
    assert all(t.kind == "speech" for t in doc.turns)
    assert len(doc.turns) == 53
    assert {t.speaker for t in doc.turns} == BOOK_SPEAKERS
    assert turn_with(doc, "It doesn't seem particularly compelling").speaker == "Carl Shulman"
    assert turn_with(doc, "I would take issue with the idea").speaker == "Sholto Douglas"
    assert turn_with(doc, "Machine learning research is just so empirical").speaker == "Trenton Bricken"  # IX.
    assert turn_with(doc, "Richard Sutton's").speaker == "Dwarkesh Patel"  # V.
    assert turn_with(doc, "I think it'll be architectural").speaker == "Shane Legg"


def test_book_roles_on_the_same_or_next_line(seed_docs):
    doc = seed_docs["book"]
    roles = {t.speaker: t.role for t in doc.turns if t.role}
    assert roles["Dario Amodei"] == "CEO of Anthropic"
    assert roles["Ilya Sutskever"] == "Cofounder of Safe Superintelligence Inc."
    assert roles["Shane Legg"] == "Cofounder and chief AGI scientist at Google DeepMind"  # the LaTeX line
    assert roles["Leopold Aschenbrenner"] == "Cofounder of Situational Awareness LP"
    assert roles["Gwern Branwen"] == "Freelance writer and researcher"


def test_book_glossary_never_inside_a_turn(seed_docs):
    doc = seed_docs["book"]
    terms = {g.term for g in doc.glossary}
    assert {"WINOGRAD SCHEMA", "CATASTROPHIC FORGETTING", "SEARCH", "AGENT", "MONTE CARLO TREE SEARCH",
            "LEARNING", "AGI TIMELINE", "DATA WALL", "TEST-TIME COMPUTE OVERHANG"} <= terms
    assert len(doc.glossary) >= 70
    for g in doc.glossary:
        probe = g.definition[:40]
        assert probe and not any(probe in t.text for t in doc.turns), g.term
        for t in doc.turns:
            for s, e in t.pieces:
                assert e <= g.start or s >= g.end, (g.term, t.speaker)


def test_book_sentence_interrupted_by_glossary_continues(seed_docs):
    doc = seed_docs["book"]
    carl = turn_with(doc, "We see qualitatively new capabilities showing up over and over again")
    assert carl.speaker == "Carl Shulman"
    assert "grammatical puzzle" not in carl.text
    dwarkesh = turn_with(doc, "Is that the direction that needs to be explored again?")
    assert dwarkesh.speaker == "Dwarkesh Patel"
    gwern = turn_with(doc, "crept up from using one cheap consumer GPU to two")
    assert gwern.speaker == "Gwern Branwen"


def test_book_footnotes_are_separated_from_speech(seed_docs):
    doc = seed_docs["book"]
    speech = " ".join(t.text for t in doc.turns)
    for note in ("Shulman obtains this result", "True at the time of the interview", "A lesser-known scaling law",
                 "Here, I'm alluding to the difference", "Carchidi", "Excerpted in the Appendix"):
        assert note not in speech
    dario = turn_with(doc, "It's like how you can predict statistical averages of the weather")
    assert dario.speaker == "Dario Amodei"
    assert "This is just like in physics, when we couldn't explain the Michelson-Morley experiment" in speech
    assert sum(b.kind == "footnote" for b in doc.blocks) >= 12


def test_book_ocr_slips_normalised_but_offsets_point_to_the_original(seed_docs):
    doc = seed_docs["book"]
    speech = " ".join(t.text for t in doc.turns)
    assert "OpenAl" not in speech and " Al " not in speech and "Als " not in speech
    learning = next(g for g in doc.glossary if g.term == "LEARNING")
    assert "I FARNING" in doc.text[learning.start:learning.end]
    assert "\\$" not in speech and "¹" not in speech and "•" not in speech


# --------------------------------------------------------------------------- whisper


def test_whisper_segments_merge_into_sentences(seed_docs):
    doc = seed_docs["whisper"]
    assert len(doc.segments) == 71  # every `[a --> b] text` line
    assert (doc.segments[0].t_start, doc.segments[0].t_end) == ("00:00:00", "00:00:05")
    assert all(t.speaker is None for t in doc.turns)
    s = turn_with(doc, "When we just think of language")
    assert s.text.startswith("When we just think of language")
    across = turn_with(doc, "Actually, maybe one of the reasons that LLMs have succeeded")
    assert across.text.endswith("to be this sort of cast in which young minds can develop.")
    assert (across.timestamp, across.end_timestamp) == ("00:00:11", "00:00:22")
    assert len(across.pieces) == 2  # it runs across two segments
    assert "-->" not in " ".join(t.text for t in doc.turns)


# --------------------------------------------------------------------------- notes


def test_notes_timestamps_and_voices(seed_docs):
    doc = seed_docs["notes"]
    assert normalize_timestamp("1: 01: 30") == "01:01:30"
    first = next(t for t in doc.turns if t.timestamp)
    assert first.timestamp == "00:01:30"
    assert any(t.timestamp == "01:01:30" for t in doc.turns)
    assert all(t.voice in {"author", "reported", "summary"} for t in doc.turns)
    trenton = turn_with(doc, "Trenton thinks mostly intelligence is pattern matching")
    assert (trenton.voice, trenton.speaker, trenton.timestamp) == ("reported", "Trenton", "00:24:00")
    mine = turn_with(doc, "My response here would strongly be")
    assert (mine.voice, mine.speaker) == ("author", "Zvi Mowshowitz")
    agree = [t for t in doc.turns if t.text == "I agree." and t.timestamp == "01:03:15"]
    assert agree and agree[0].voice == "author"
    sholto = turn_with(doc, "Sholto points out that even with smaller progress")
    assert (sholto.voice, sholto.speaker) == ("reported", "Sholto")


def test_an_entry_of_notes_that_opens_on_he_says_reports_the_participant_reported_last(tmp_path):
    from tests.conftest import written

    doc = read_path(written(tmp_path, "notes.md", "---", "title: Notes on the scaling episode", "authors: [Cleo Brandt]",
                            "participants: [Ada Quill, Bram Ng]", "---",
                            "(1: 00) Ada thinks the data wall is a myth. Synthetic data keeps working.",
                            "(2: 30) Chips are scarce for everyone.",
                            "(4: 10) He says 'the labs will buy every fab they can find.' I doubt it."))
    voices = [(t.text, t.voice, t.speaker) for t in doc.turns]
    assert ("He says 'the labs will buy every fab they can find.'", "reported", "Ada") in voices


# --------------------------------------------------------------------------- summary


def test_summary_front_matter_links_and_anchors(seed_docs):
    doc = seed_docs["summary"]
    assert doc.meta.title == "Large Language Models and Transfer Learning"
    assert doc.meta.video_id == "qTogNUV3CAI"
    pages = [l.page for l in doc.links]
    assert "mechanistic_interpretability_in_ai" in pages and len(pages) == 9
    u = turn_with(doc, "Demis Hassabis views intelligence as likely having")
    assert u.timestamp == "00:01:09"
    assert u.section == "Understanding Intelligence and LLM Capabilities"
    assert "<a" not in u.text and "yt-timestamp" not in " ".join(t.text for t in doc.turns)
    assert video_url(doc.meta.video_id, u.timestamp) == "https://www.youtube.com/watch?v=qTogNUV3CAI&t=69"
    gato = turn_with(doc, "Systems like Gato and RT-2")
    assert gato.section.endswith("/ Transferring Knowledge to Robotics")


# --------------------------------------------------------------------------- wider families


def test_parenthesised_transcript_with_follow_on_paragraph():
    doc = read_path(DATA / "paren_transcript.txt")
    assert doc.meta.format == "transcript"
    assert [(t.speaker, t.timestamp) for t in doc.turns] == [
        ("Ada Quill", "00:00:05"), ("Bram Stoker-Ng", "00:00:12"), ("Ada Quill", "00:01:40"), ("Bram Stoker-Ng", "00:01:45"),
    ]
    assert doc.turns[1].text.endswith("belongs to Bram with no name of its own.")
    assert any(b.kind == "intro" and "show notes" in b.text for b in doc.blocks)


def test_markdown_transcript_section_with_links():
    doc = read_path(DATA / "markdown_transcript.md")
    assert doc.meta.format == "transcript"
    assert [(t.speaker, t.timestamp) for t in doc.turns] == [
        ("Mira Lenz", "00:00:05"), ("Tomas Ek", "00:01:02"), ("Mira Lenz", "00:12:30"),
    ]
    assert doc.turns[1].text.endswith("It keeps working for code in particular.")
    assert "Some notes before" not in " ".join(t.text for t in doc.turns)


def test_mmss_stamps_before_names():
    doc = read_path(DATA / "mmss_transcript.txt")
    assert [(t.speaker, t.timestamp) for t in doc.turns][:2] == [("Host", "00:00:07"), ("Guest Speaker", "00:01:15")]


def test_vtt_voices_and_sentences_across_cues():
    doc = read_path(DATA / "captions.vtt")
    assert doc.meta.format == "captions"
    assert [(t.speaker, t.text) for t in doc.turns] == [
        ("Lena Park", "Scaling laws held for every model size we tried."),
        ("Lena Park", "That surprised us."),
        ("Omar Haddad", "I expected it to break earlier."),
    ]
    assert doc.turns[0].timestamp == "00:00:01"


def test_microsoft_teams_captions_with_unpadded_times_are_timed_voices(tmp_path):
    """Teams writes its meeting transcripts as WebVTT with times like "0:0:5.120 --> 0:0:9.0"."""
    p = written(tmp_path, "meeting.vtt", "WEBVTT", "", "0:0:0.0 --> 0:0:5.120",
                "<v Ada Quill>Welcome. Today we talk about chips.</v>", "", "0:0:5.120 --> 0:1:9.0",
                "<v Tobias Hale>I think chips are the bottleneck.</v>")
    doc = read_path(p)
    assert [(t.speaker, t.timestamp) for t in doc.turns][-1] == ("Tobias Hale", "00:00:05")
    assert doc.speakers == ["Ada Quill", "Tobias Hale"]


def test_a_time_alone_between_turns_times_the_turns_after_it_and_is_no_word(tmp_path):
    """Google Meet's transcript writes the time alone on a line every few minutes, above "Name: speech" lines."""
    p = written(tmp_path, "meeting.txt", "Chip strategy sync - Transcript", "", "00:00:00", "",
                "Ada Quill: Welcome. Today we talk about chips.", "Tobias Hale: Chips are the bottleneck for years.",
                "Ada Quill: I am not sure that is right.", "", "00:05:00", "", "Tobias Hale: Power matters, but chips first.",
                "Ada Quill: We will see next year.")
    doc = read_path(p)
    assert [(t.speaker, t.timestamp) for t in doc.turns] == [
        ("Ada Quill", "00:00:00"), ("Tobias Hale", "00:00:00"), ("Ada Quill", "00:00:00"), ("Tobias Hale", "00:05:00"),
        ("Ada Quill", "00:05:00")]
    assert not any("00:05" in t.text for t in doc.turns)


def test_srt_cues():
    doc = read_path(DATA / "captions.srt")
    assert doc.meta.format == "captions"
    assert [t.text for t in doc.turns] == [
        "The benchmark was saturated within a year.", "Nobody predicted that.", "We need harder tests.",
    ]
    assert all(t.speaker is None for t in doc.turns)


def test_a_subtitles_dash_for_another_voice_is_no_word(tmp_path):
    p = tmp_path / "film.srt"
    p.write_text("1\n00:00:01,000 --> 00:00:04,000\n- Do you think scaling is over?\n- Not at all, it keeps working.\n\n"
                 "2\n00:00:04,500 --> 00:00:07,000\nThe labs keep spending more every year.\n", encoding="utf-8")
    assert [t.text for t in read_path(p).turns] == [
        "Do you think scaling is over?", "Not at all, it keeps working.", "The labs keep spending more every year."]


def test_youtube_sbv_captions_are_timed_cues(tmp_path):
    p = tmp_path / "episode.sbv"  # as YouTube Studio downloads captions
    p.write_text("0:00:01.200,0:00:04.000\nThe benchmark was saturated within a year.\n\n"
                 "0:01:04.000,0:01:06.500\nNobody predicted that.\n", encoding="utf-8")
    doc = read_path(p)
    assert doc.meta.format == "captions"
    assert [(t.text, t.timestamp) for t in doc.turns] == [
        ("The benchmark was saturated within a year.", "00:00:01"), ("Nobody predicted that.", "00:01:04")]


def _words(doc) -> list[str]:
    return " ".join(t.text for t in doc.turns).split()


def test_automatic_captions_are_read_once_without_their_word_timings():
    """yt-dlp's automatic captions repeat each line in the next cue and time every word; the speech has
    no punctuation, so it is cut into clauses, each timed by the cue it starts in."""
    doc = read_path(DATA / "autocaptions.en.vtt")
    timed = [ln for ln in (DATA / "autocaptions.en.vtt").read_text(encoding="utf-8").splitlines() if "<c>" in ln]
    source = re.sub(r"<[^>]*>", "", " ".join(timed)).split()  # each line as its words were timed, once
    assert doc.meta.format == "captions" and _words(doc) == source
    assert all("<" not in t.text and t.speaker is None for t in doc.turns)
    assert len(doc.turns) >= 4 and doc.turns[0].timestamp == "00:00:00"
    stamps = [t.timestamp for t in doc.turns]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert next(t for t in doc.turns if "verifiers" in t.text).timestamp == "00:00:15"


def test_caption_marks_of_another_voice_and_entities_are_not_words(tmp_path):
    p = tmp_path / "a.vtt"
    p.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n&gt;&gt; Research &amp; development slowed down.\n\n"
                 "00:00:03.000 --> 00:00:05.000\n&gt;&gt; I don&#39;t think so.\n", encoding="utf-8")
    assert [t.text for t in read_path(p).turns] == ["Research & development slowed down.", "I don't think so."]


@pytest.mark.parametrize("raw, text", [
    ("It's the hat. ((laughter)) The hat is the point.", "It's the hat. The hat is the point."),  # an editor's note
    ("Supply is 100 billion ((nobody knows)), more or less.", "Supply is 100 billion, more or less."),
    ("We shipped SIGHASH\\_NOINPUT in \\#42 with \\[the patch\\].", "We shipped SIGHASH_NOINPUT in #42 with [the patch]."),
    ("The cost f(x) grows (see above) with size.", "The cost f(x) grows (see above) with size."),  # the speaker's brackets
    # a recogniser's hesitations: a filler inside a sentence, a word said twice (not "that that", "is is", "had had")
    ("Can you walk us uh through the the pipeline?", "Can you walk us through the pipeline?"),
    ("And and I I think, um, for uh most teams it's it's fine.", "And I think, for most teams it's fine."),
    ("I know that that is true, what it is is a tool, and we had had enough.",
     "I know that that is true, what it is is a tool, and we had had enough."),
    ("Um, so the labs keep spending.", "Um, so the labs keep spending."),  # an opener: the claim stage strips it
    # a time the editor put inside a paragraph, escaped as Markdown; a time the speaker says stays
    ("But still, \\[07:18\\] it builds and runs today.", "But still, it builds and runs today."),
    ("The train leaves at 10:15 and the talk is at [3:30].", "The train leaves at 10:15 and the talk is at [3:30]."),
])
def test_editors_notes_and_markdown_escapes_are_not_words(raw, text):
    from extract.readers.common import clean_text

    assert clean_text(raw) == text


def test_diarised_subtitles_name_their_speakers_in_brackets_and_placement_tags_are_not_words(tmp_path):
    p = tmp_path / "ep.srt"
    p.write_text("1\n00:00:01,000 --> 00:00:03,000\n[SPEAKER_00]: {\\an8}Scaling laws held at every size.\n\n"
                 "2\n00:00:03,000 --> 00:00:05,000\n[SPEAKER_01]: I expected them to break earlier.\n", encoding="utf-8")
    assert [(t.speaker, t.text) for t in read_path(p).turns] == [
        ("SPEAKER_00", "Scaling laws held at every size."), ("SPEAKER_01", "I expected them to break earlier.")]


@pytest.mark.parametrize("layout", ["below", "beside", "spoken"])
def test_a_youtube_transcript_copied_from_the_page(tmp_path, layout):
    """"0:04" alone on a line above the words (with the page's "4 seconds" under it when copied so), or
    opening the line: every clause gets the time of the line it starts in, and no stamp is left in a claim."""
    lines = (DATA / "youtube_copy.txt").read_text(encoding="utf-8").splitlines()
    pairs = list(zip(lines[::2], lines[1::2]))
    if layout == "below":
        text = "\n".join(lines)
    elif layout == "beside":
        text = "\n".join(f"{t} {w}" for t, w in pairs)
    else:
        text = "\n".join(f"{t}\n{int(t.split(':')[1])} seconds\n{w}" for t, w in pairs)
    p = tmp_path / "episode.txt"
    p.write_text(text + "\n", encoding="utf-8")
    doc = read_path(p)
    assert doc.meta.format == "captions" and all(t.speaker is None for t in doc.turns)
    assert _words(doc) == " ".join(w for _, w in pairs).split()
    assert next(t for t in doc.turns if t.text.startswith("because")).timestamp == "00:00:04"
    assert next(t for t in doc.turns if "verifiers" in t.text).timestamp == "00:00:15"


def test_a_list_of_chapters_in_show_notes_is_not_captions(tmp_path):
    doc = read_path(written(tmp_path, "notes.md", "Tom Reyes leads research at a robotics lab; we talk about the data wall.",
                            "", "Timestamps:", "00:00 Intro", "02:15 Is there a data wall?",
                            "09:40 Synthetic data and verifiers", "21:05 Why robots need simulation",
                            "35:50 What comes after pretraining", "", "Subscribe wherever you listen."))
    assert doc.meta.format != "captions" and not any(re.search(r"\d:\d\d", t.text) for t in doc.turns)
    assert [b.text for b in doc.blocks if b.kind == "chapter"][1] == "02:15 Is there a data wall?"


def test_stamped_lines_with_speakers_stay_a_transcript(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("0:07 Host: Welcome back to the show.\n0:12 Guest Speaker: Thanks, glad to be here.\n"
                 "0:20 Host: Is scaling over?\n0:25 Guest Speaker: No, I don't think it is.\n", encoding="utf-8")
    doc = read_path(p)
    assert doc.meta.format == "transcript"
    assert [(t.speaker, t.timestamp) for t in doc.turns][:2] == [("Host", "00:00:07"), ("Guest Speaker", "00:00:12")]


def test_labels_in_capitals_keep_one_who_speaks_once_and_drop_the_transcribers_notes(tmp_path):
    """A debate transcript labels every turn "NAME:"; a candidate or a questioner may speak only once."""
    p = tmp_path / "debate.txt"
    p.write_text("MODERATOR: Good evening. The first question goes to Governor Okafor.\n\n"
                 "OKAFOR: Thank you. (APPLAUSE) The deficit doubled in the last four years.\n\n"
                 "LINDQVIST: That's just not true. (CROSSTALK) The deficit fell by a third last year.\n\n"
                 "OKAFOR: My opponent is wrong about this. The numbers are clear.\n\n"
                 "MODERATOR: Thank you both.\n", encoding="utf-8")
    doc = read_path(p)
    assert [t.speaker for t in doc.turns] == ["Moderator", "Okafor", "Lindqvist", "Okafor", "Moderator"]
    assert doc.turns[2].text == "That's just not true. The deficit fell by a third last year."
    assert doc.turns[1].text == "Thank you. The deficit doubled in the last four years."


def test_a_panel_where_several_speak_once_keeps_each_of_them_with_their_own_words(tmp_path):
    """Names with the time they spoke, alone on their lines: the presenter who asks once, a guest who
    interjects once and another who answers once are speakers like the one who speaks three times."""
    p = tmp_path / "panel.txt"
    p.write_text("Nadia Firth 00:00:00\n\nWhat should the council do about the buses?\n\n"
                 "Owen Tallis 00:00:03\n\nFund the night routes first. Nobody else will.\n\n"
                 "Ruth Ambler 00:00:11\n\nOr the school routes.\n\n"
                 "Owen Tallis 00:00:13\n\nThe school routes are already funded by the county.\n\n"
                 "Priya Kell 00:00:20\n\nI completely agree with Owen. The night routes carry the shift workers.\n\n"
                 "Owen Tallis 00:00:31\n\nThank you.\n", encoding="utf-8")
    doc = read_path(p)
    assert [t.speaker for t in doc.turns] == ["Nadia Firth", "Owen Tallis", "Ruth Ambler", "Owen Tallis", "Priya Kell",
                                              "Owen Tallis"]
    assert doc.turns[4].text == "I completely agree with Owen. The night routes carry the shift workers."


def test_a_presenter_who_asks_twice_and_three_who_speak_once_each_are_speakers(tmp_path):
    """Also a name joined to its particles by hyphens ("Ines van-der-Berg")."""
    p = tmp_path / "audience.txt"
    p.write_text("Nadia Firth 00:00:00\n\nWho here is unsure about the new tram line?\n\n"
                 "Ruth Ambler 00:00:04\n\nI am, because the costs have doubled since the plan was drawn up.\n\n"
                 "Ines van-der-Berg 00:00:15\n\nI would agree with Ruth. The costs keep rising.\n\n"
                 "Nadia Firth 00:00:24\n\nAnd you, at the back?\n\n"
                 "Tomas Reyes 00:00:27\n\nThe line will pay for itself within ten years.\n", encoding="utf-8")
    doc = read_path(p)
    assert [t.speaker for t in doc.turns] == ["Nadia Firth", "Ruth Ambler", "Ines van-der-Berg", "Nadia Firth",
                                              "Tomas Reyes"]

def test_a_time_alone_on_its_line_goes_on_with_the_same_speaker_at_that_time(tmp_path):
    """"**Name** (01:18:44):" starts a turn; "(01:19:07):" alone on a line below goes on in that voice, later."""
    p = tmp_path / "episode.md"
    p.write_text("**Rosa Quint** (01:18:26):\nHow good a job has interpretability done?\n\n"
                 "**Tobias Hale** (01:18:44):\nBy the book, a horrible one.\n\n"
                 "(01:19:07):\nBut the book targets full proofs, which is something else.\n\n"
                 "(01:19:34):\nIf you want the structure, things go decently well.\n\n"
                 "**Rosa Quint** (01:20:02):\nFair enough.\n", encoding="utf-8")
    doc = read_path(p)
    assert [(t.speaker, t.timestamp, t.text[:6]) for t in doc.turns] == [
        ("Rosa Quint", "01:18:26", "How go"), ("Tobias Hale", "01:18:44", "By the"), ("Tobias Hale", "01:19:07", "But th"),
        ("Tobias Hale", "01:19:34", "If you"), ("Rosa Quint", "01:20:02", "Fair e")]


@pytest.mark.parametrize("links, video", [
    ("[YouTube link](https://youtu.be/NMEwiZQK_C4)", "NMEwiZQK_C4"),
    ("Watch it: https://www.youtube.com/watch?v=NMEwiZQK_C4&list=PLmjaTS1", "NMEwiZQK_C4"),
    ("[Part one](https://youtu.be/NMEwiZQK_C4) and [part two](https://youtu.be/ZZ2x-O0mjBg)", None),
])
def test_the_one_video_a_description_links_to_is_the_episodes(tmp_path, links, video):
    """Timed turns under a description that links to one video are moments of it: claims link to their second."""
    from extract.pipeline import extract

    p = tmp_path / "episode.md"
    p.write_text(f"{links}\n\nIn this episode I talk with Tobias Hale about scaling.\n\n"
                 "**Rosa Quint** (00:00:09):\nWhat did the first paper show?\n\n"
                 "**Tobias Hale** (00:01:11):\nThe loss falls as a power law in compute, and that held for years.\n",
                 encoding="utf-8")
    doc = read_path(p)
    assert doc.meta.video_id == video
    claim = next(c for c in extract([doc]).claims if "power law" in c.text)
    assert claim.url == (f"https://www.youtube.com/watch?v={video}&t=71" if video else None)


def test_a_highlights_export_of_podcast_snips_reads_voices_times_takeaways_and_the_listeners_notes():
    """Readwise's export of Snipd snips: metadata (a podcast's "author" is its show), then each snip's chapter,
    the app's takeaways (a summary), a transcript of labelled voices and the listener's note, all at the snip's
    time; tags and place markers are no text."""
    doc = read_path(DATA / "highlights_snips.md")
    assert (doc.meta.format, doc.meta.title, doc.meta.show, doc.meta.authors) == (
        "highlights", "Chips —  the Compute Era", "Silicon Stories", [])
    assert doc.meta.url.startswith("https://share.snipd.com/episode/")
    assert doc.speakers == ["Speaker 1", "Speaker 2"]
    said = [(t.kind, t.speaker, t.timestamp, t.text[:24]) for t in doc.turns if t.timestamp == "00:11:42"]
    assert said == [("summary", None, "00:11:42", "Graphics was the first m"),
                    ("summary", None, "00:11:42", "Deep learning turned out"),
                    ("speech", "Speaker 1", "00:11:42", "And it's striking that g"),
                    ("speech", "Speaker 2", "00:11:42", "Honestly, I don't think "),
                    ("speech", "Speaker 1", "00:11:42", "Fair enough, but they ne"),
                    ("note", None, "00:11:42", "I think the real lesson ")]
    assert turn_with(doc, "real lesson").voice == "author"
    assert turn_with(doc, "Honestly").section == "Parallel Hardware and Its Second Life"
    assert not any(w in t.text for t in doc.turns for w in ("Time 0:", "#computation", "Key takeaways", "Speaker 2"))
    for t in doc.turns:  # every turn's words map back to where they are written
        assert clean(doc.text, t.pieces)[0].strip() == t.text
        s, e = t.tmap.to_raw(0, len(t.text))
        assert clean_text(doc.text[s:e]) == t.text


def test_a_highlights_export_of_a_book_reads_passages_as_its_authors_words_and_notes_as_the_readers():
    doc = read_path(DATA / "highlights_book.md")
    assert (doc.meta.format, doc.meta.title, doc.meta.authors, doc.meta.show) == (
        "highlights", "The Quiet Machine", ["Ada Quill"], None)
    assert [(t.kind, t.speaker, t.voice, t.text) for t in doc.turns] == [
        ("segment", "Ada Quill", None, "Small models trained on clean data beat large models trained on everything."),
        ("note", None, "author", "I doubt this holds past a few billion parameters."),
        ("segment", "Ada Quill", None, "The bottleneck was never compute; it was always evaluation.")]


def test_an_apps_episode_notes_are_notes_with_fields_times_and_signed_quotes_not_a_transcript():
    """"**Guest:** Maya Lind" and "**Host:** Tom Reyes", each once, are fields, not two speakers; items that end on
    their time are read at it; a quotation signed "— Maya Lind" is hers."""
    from extract.pipeline import extract

    doc = read_path(DATA / "episode_notes.md")
    assert doc.meta.format == "plain" and doc.speakers == []
    assert (doc.meta.show, doc.meta.video_id, doc.meta.participants) == ("Frontier Talk", "NMEwiZQK_C4",
                                                                          ["Maya Lind", "Tom Reyes"])
    assert not any("Frontier Talk" in t.text for t in doc.turns)
    assert [(t.timestamp, t.text) for t in doc.turns if t.section == "Key Insights"][0] == (
        "00:12:30", "Data quality now limits progress more than model size.")
    quoted = turn_with(doc, "compute-bound")
    assert (quoted.kind, quoted.voice, quoted.speaker, quoted.text) == (
        "note", "reported", "Maya Lind", "Nobody is compute-bound anymore; everyone is data-bound.")
    ex = extract([doc])
    claim = next(c for c in ex.claims if c.text.startswith("Nobody is compute-bound"))
    assert claim.speaker == ("Person", "Maya Lind")
    assert next(c for c in ex.claims if c.text.startswith("Data quality")).url.endswith("&t=750")


def test_caption_lines_written_as_bullets_are_running_text_but_a_list_of_words_is_a_list(tmp_path):
    """"*  a debate" / "*  has begun about who will make the chips.": a transcript saved a caption line a bullet is
    read as running text, so no sentence is cut at a line's end; a list of short lower-case items stays a list."""
    captions = written(tmp_path, "episode.md", "# The Chip Race", "**Silicon Weekly:** [May 30, 2023](https://example.com/ep)",
                       "*  From the studio, I'm Ada Quill, and this is Silicon Weekly.",
                       "*  As the world begins to experiment with bigger models, a debate",
                       "*  has begun about who will make the chips.",
                       "*  One of the sharpest warnings has come from the man who helped design the",
                       "*  first accelerators.", "*  He thinks the supply of chips will decide who leads.")
    doc = read_path(captions)
    assert turn_with(doc, "a debate has begun about who will make the chips").kind == "paragraph"
    assert turn_with(doc, "Silicon Weekly: May 30").text == "Silicon Weekly: May 30, 2023"
    listed = read_path(written(tmp_path, "notes.md", "What limits progress:", "- data", "- compute", "- talent",
                               "- evaluation that nobody trusts"))
    assert [t.text for t in listed.turns][-4:] == ["data", "compute", "talent", "evaluation that nobody trusts"]


def test_an_editors_word_in_brackets_opening_a_paragraph_is_no_speaker(tmp_path):
    """Transcripts labelled "**Name:**" put the words an editor restored in brackets, also at a paragraph's start:
    "[It's] not obvious." and "[Maya Lind] wrote the follow-up." go on in the voice of the paragraph above."""
    p = tmp_path / "episode.md"
    p.write_text("**Rosa Quint:**\nWhat did the first paper show?\n\n"
                 "**Tobias Hale:**\nThat the loss falls as a power law in compute.\n\n"
                 "[It's] not obvious why. I'm not sure anyone knows.\n\n"
                 "**Rosa Quint:**\nAnd the paper on transfer?\n\n"
                 "**Tobias Hale:**\nThe one a year later?\n\n"
                 "[Maya Lind] wrote that one. It found the same exponent.\n", encoding="utf-8")
    doc = read_path(p)
    assert doc.speakers == ["Rosa Quint", "Tobias Hale"]
    assert turn_with(doc, "not obvious why").speaker == "Tobias Hale"
    assert turn_with(doc, "same exponent").speaker == "Tobias Hale"



def test_a_sentence_opening_on_a_word_and_a_colon_is_not_a_label(tmp_path):
    p = tmp_path / "talk.txt"
    p.write_text("HOST: Welcome back.\n\nGUEST: Thanks.\n\nHOST: So what changed?\n\n"
                 "GUEST: Two things.\nFirst: the data got cheaper.\n\nHOST: And second?\n", encoding="utf-8")
    assert {t.speaker for t in read_path(p).turns} == {"Host", "Guest"}


_TALK = [
    ("Mira Holt", 0, "So tell me how the lab started, and what you got wrong at first."),
    ("Tom Reyes", 4, "We started with three people and one robot arm. Most labs overestimate the hardware they need."),
    ("Mira Holt", 15, "I disagree. Hardware is the bottleneck for everyone I know."),
    ("Tom Reyes", 21, "Fair enough, but it is much cheaper than it was five years ago."),
    ("Mira Holt", 30, "Cheaper, yes. Easy to get, no."),
    ("Tom Reyes", 34, "That part I'll grant you."),
]
_LAYOUTS = {  # how transcription services and web pages lay out a turn: (name, time, speech)
    "time, then the name": lambda n, t, s: f"00:00:{t:02d} {n}\n{s}",
    "time in brackets, then the name": lambda n, t, s: f"[00:00:{t:02d}] {n}\n{s}",
    "name, a dash, the time": lambda n, t, s: f"{n} - 00:{t:02d}\n{s}",
    "name, the time on the line below": lambda n, t, s: f"{n}\n00:00:{t:02d}\n{s}",
    "name alone above the speech": lambda n, t, s: f"{n}\n{s}",
    "name as a heading": lambda n, t, s: f"### {n}\n{s}",
    "quoted, the name in bold": lambda n, t, s: f"> **{n}:** {s}\n>",
    "quoted, the speech on two lines": lambda n, t, s: f"> {n}: " + s.replace(". ", ".\n> ", 1),
    "listed": lambda n, t, s: f"- {n}: {s}",
}


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
def test_turn_layouts_of_transcription_services(tmp_path, layout):
    p = tmp_path / "talk.md"
    p.write_text("\n\n".join(_LAYOUTS[layout](*turn) for turn in _TALK) + "\n", encoding="utf-8")
    doc = read_path(p)
    assert doc.meta.format == "transcript"
    assert [(t.speaker, t.text) for t in doc.turns] == [(n, s) for n, _, s in _TALK]
    if "time" in layout:
        assert [t.timestamp for t in doc.turns] == [f"00:00:{t:02d}" for _, t, _ in _TALK]


_LATER = {  # the timed layouts above, each turn a minute or more after the one before: (name, "MM:SS", speech)
    "time, then the name": lambda n, t, s: f"00:{t} {n}\n{s}",
    "time in brackets, then the name": lambda n, t, s: f"[00:{t}] {n}\n{s}",
    "name, a dash, the time": lambda n, t, s: f"{n} - {t}\n{s}",
    "name, the time on the line below": lambda n, t, s: f"{n}\n00:{t}\n{s}",
}


@pytest.mark.parametrize("layout", sorted(_LATER))
def test_turn_layouts_with_turns_minutes_apart(tmp_path, layout):
    """A name and a time on a line are a label however far apart the turns are, not a caption line
    running on into the next."""
    talk = [(n, f"{67 * i // 60:02d}:{67 * i % 60:02d}", s + " It took us years to see that, and most labs still do not.")
            for i, (n, _, s) in enumerate(_TALK)]
    p = tmp_path / "talk.md"
    p.write_text("\n\n".join(_LATER[layout](*turn) for turn in talk) + "\n", encoding="utf-8")
    doc = read_path(p)
    assert doc.meta.format == "transcript"
    assert [(t.speaker, t.timestamp) for t in doc.turns] == [(n, f"00:{t}") for n, t, _ in talk]


@pytest.mark.parametrize("names", [("Łukasz Kaiser", "Élodie Martin"), ("José Martínez", "Øystein Berg"),
                                   ("Dr. Jane O'Brien", "Ángel di María")])
def test_names_that_open_on_a_capital_of_any_latin_alphabet(tmp_path, names):
    p = tmp_path / "talk.txt"
    p.write_text("\n\n".join(f"{names[i % 2]} (00:00:{t:02d}): {s}" for i, (_, t, s) in enumerate(_TALK)) + "\n",
                 encoding="utf-8")
    untitled = [re.sub(r"^Dr\. ", "", n) for n in names]  # the person is named without the title
    assert [t.speaker for t in read_path(p).turns] == [untitled[i % 2] for i in range(len(_TALK))]


@pytest.mark.parametrize("layout", ["name, the time on the line below", "name alone above the speech"])
def test_windows_line_endings_and_a_byte_order_mark(tmp_path, layout):
    p = tmp_path / "talk.txt"
    text = "\n\n".join(_LAYOUTS[layout](*turn) for turn in _TALK) + "\n"
    p.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    doc = read_path(p)
    assert [(t.speaker, t.text) for t in doc.turns] == [(n, s) for n, _, s in _TALK]


@pytest.mark.parametrize("host, guest, roles", [
    ("Mira Holt (Host)", "Tom Reyes (Gradient Robotics)", ["Host", "Gradient Robotics"]),
    ("Mira Holt, host", "Tom Reyes, CEO of Gradient", ["host", "CEO of Gradient"]),
    ("Waxwing (Mira Holt)", "Tom Reyes", [None, None]),  # a handle, the name in brackets
])
def test_a_role_printed_beside_the_name_is_the_speakers_role_not_their_name(tmp_path, host, guest, roles):
    p = tmp_path / "talk.txt"
    p.write_text("\n\n".join(f"{(host, guest)[i % 2]}: {s}" for i, (_, _, s) in enumerate(_TALK)) + "\n", encoding="utf-8")
    doc = read_path(p)
    assert [t.speaker for t in doc.turns] == [("Mira Holt", "Tom Reyes")[i % 2] for i in range(len(_TALK))]
    assert [t.role for t in doc.turns[:2]] == roles and not any(t.role for t in doc.turns[2:])
    assert all(doc.text[slice(*t.role_span)] == t.role for t in doc.turns if t.role)


_HEARING = [("Senator Quill", "The committee will come to order. We hear today from the labs."),
            ("Mr. Reyes", "Thank you, Mr. Chairman. Licensing the largest training runs is essential."),
            ("Senator Quill", "Would a licence stop open models?"),
            ("Ms. Holt", "It would not, and we think it should not."),
            ("The Chairman", "Thank you. We will take a short break."),
            ("Mr. Reyes", "A licence would cover only the largest runs."),
            ("Ms. Holt", "We would rather regulate uses than the technology itself."),
            ("The Chairman", "The hearing is adjourned.")]


@pytest.mark.parametrize("caps", [True, False])
def test_a_congressional_hearing_as_the_record_prints_it(tmp_path, caps):
    def label(name: str) -> str:  # "Senator QUILL." and "The CHAIRMAN." in the Senate's record, "Senator Quill." in others
        title, rest = name.split(" ", 1)
        return f"{title} {rest.upper() if caps else rest}."

    p = tmp_path / "hearing.txt"
    p.write_text("".join(f"    {label(n)} {s}\n\n" for n, s in _HEARING), encoding="utf-8")
    doc = read_path(p)
    assert [(t.speaker, t.text) for t in doc.turns] == [
        (n if n.startswith("The") else n.split()[-1], s) for n, s in _HEARING]


def test_a_field_a_list_repeats_or_an_item_among_labels_is_not_a_speaker(tmp_path):
    p = tmp_path / "plan.md"
    p.write_text("".join(f"{i}. Move the {part} to the queue.\n   - Owner: the data team\n   - Rollback: turn the flag off.\n\n"
                         for i, part in enumerate(["reader", "parser", "writer", "index"], 1)), encoding="utf-8")
    assert all(t.speaker is None for t in read_path(p).turns)
    talk = tmp_path / "talk.md"  # the cast listed above the transcript, one of them in a label's shape
    talk.write_text("Present:\n\n* Mira Holt\n* TR: Tom Reyes\n\n" + "\n\n".join(
        f"{('MH', 'TR')[i % 2]}: {s}" for i, (_, _, s) in enumerate(_TALK)) + "\n", encoding="utf-8")
    assert [t.speaker for t in read_path(talk).turns if t.speaker] == [("MH", "TR")[i % 2] for i in range(len(_TALK))]


def test_names_or_headings_that_do_not_take_turns_are_not_speakers(tmp_path):
    p = tmp_path / "people.md"
    p.write_text("Mira Holt\nMira leads research at a robotics lab.\n\nTom Reyes\nTom builds robot arms.\n\n"
                 "## Key points\nHardware is cheaper.\n\n## Key points\nData is the bottleneck.\n\n"
                 "## Key points\nSimulation helps.\n", encoding="utf-8")
    assert all(t.speaker is None for t in read_path(p).turns)
    book = tmp_path / "book.txt"  # a book's running heads take turns too, page after page
    book.write_text("".join(f"{head}\nthe labs kept scaling, and the returns kept coming.\n\n"
                            for head in ["THE SCALING ERA", "ORAL HISTORIES", "The Scaling Era", "Oral Histories"] * 3),
                    encoding="utf-8")
    assert all(t.speaker is None for t in read_path(book).turns)
    whisper = tmp_path / "whisper.txt"  # Whisper's text: a segment a line, some of them a word alone
    whisper.write_text("".join(f"{said}\nThat is what the benchmark showed, more or less.\n"
                               for said in ["Yes.", "No.", "Okay.", "Yeah. Right", "Yes.", "No.", "Okay.", "Yeah. Right"]),
                       encoding="utf-8")
    assert all(t.speaker is None for t in read_path(whisper).turns)


def test_text_right_under_a_markdown_heading_is_read_with_the_heading_as_its_section(tmp_path):
    p = tmp_path / "essay.md"
    p.write_text("## Data\nThe data wall is further away than people say.\n\nSynthetic data is checked by verifiers.\n\n"
                 "## Outlook\nReinforcement learning will carry the next two years.\n", encoding="utf-8")
    doc = read_path(p)
    assert [(t.section, t.text) for t in doc.turns] == [
        ("Data", "The data wall is further away than people say."), ("Data", "Synthetic data is checked by verifiers."),
        ("Outlook", "Reinforcement learning will carry the next two years.")]


_SEGMENTS = [(0.0, 3.2, " The benchmark was saturated within a year."), (3.2, 5.0, " Nobody predicted that."),
             (5.0, 8.4, " We need harder tests.")]
_RECOGNISERS = {  # what speech recognisers write, and the speakers each names
    "whisper": ({"text": "...", "language": "en", "segments": [
        {"id": i, "start": a, "end": b, "text": t, "tokens": [1], "temperature": 0.0} for i, (a, b, t) in enumerate(_SEGMENTS)]},
        [None, None, None]),
    "whisperx": ({"segments": [{"start": a, "end": b, "text": t, "speaker": f"SPEAKER_0{i % 2}"}
                               for i, (a, b, t) in enumerate(_SEGMENTS)]}, ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]),
    "assemblyai": ({"utterances": [{"start": int(a * 1000), "end": int(b * 1000), "text": t.strip(), "speaker": "AB"[i % 2]}
                                   for i, (a, b, t) in enumerate(_SEGMENTS)]}, ["Speaker 1", "Speaker 2", "Speaker 1"]),
    "youtube": ([{"text": t.strip(), "start": a, "duration": b - a} for a, b, t in _SEGMENTS], [None, None, None]),
    "deepgram": ({"metadata": {"duration": 9.0}, "results": {"channels": [], "utterances": [
        {"start": a, "end": b, "transcript": t.strip(), "speaker": i % 2, "confidence": 0.9}
        for i, (a, b, t) in enumerate(_SEGMENTS)]}}, ["Speaker 1", "Speaker 2", "Speaker 1"]),
    "aws-transcribe": ({"jobName": "ep", "results": {"transcripts": [{"transcript": "..."}], "audio_segments": [
        {"id": i, "transcript": t.strip(), "start_time": f"{a:.2f}", "end_time": f"{b:.2f}", "speaker_label": f"spk_{i % 2}"}
        for i, (a, b, t) in enumerate(_SEGMENTS)]}}, ["spk_0", "spk_1", "spk_0"]),
    "rev-ai": ({"monologues": [{"speaker": i % 2, "elements": [
        {"type": "text", "value": w, "ts": a + k * 0.1, "end_ts": a + k * 0.1 + 0.1} if w != " " else {"type": "punct", "value": " "}
        for k, w in enumerate(re.findall(r"\S+|\s", t.strip()))]} for i, (a, b, t) in enumerate(_SEGMENTS)]},
        ["Speaker 1", "Speaker 2", "Speaker 1"]),
}


@pytest.mark.parametrize("recogniser", sorted(_RECOGNISERS))
def test_the_json_of_speech_recognisers(tmp_path, recogniser):
    data, speakers = _RECOGNISERS[recogniser]
    p = tmp_path / "episode.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    doc = read_path(p)
    assert doc.meta.format == "captions" and doc.meta.extracted_from == "json"
    assert [(t.speaker, t.timestamp, t.text) for t in doc.turns] == [
        (who, f"00:00:0{int(a)}", t.strip()) for who, (a, _, t) in zip(speakers, _SEGMENTS)]


def test_half_an_emoji_in_json_is_read_as_a_replacement_character_and_parses(tmp_path):
    """JSON may escape half of a UTF-16 pair ("\\ud83d", an emoji cut by a tool); such a character cannot
    be written as UTF-8, and spaCy stopped the whole build on it.  It is read as U+FFFD, with a warning."""
    from extract.pipeline import extract

    p = written(tmp_path, "episode.json", '{"segments": [{"start": 0.0, "end": 3.0, "text": "Scaling is not over \\ud83d '
                'and data is no wall."}, {"start": 3.0, "end": 6.0, "text": "Verifiers matter more than raw text."}]}')
    doc = read_path(p)
    assert doc.turns[0].text == "Scaling is not over \ufffd and data is no wall."
    assert any("broken character" in w for w in doc.warnings)
    assert [c.text for c in extract([doc]).claims][-1] == "Verifiers matter more than raw text."


def test_half_an_emoji_escaped_in_yaml_metadata_is_read_as_a_replacement_character(tmp_path):
    """A sidecar's or front matter's YAML can escape half a UTF-16 pair too; graph.json could not be written."""
    written(tmp_path, "ep.meta.yml", 'title: "Scaling \\ud83d talk"')
    doc = read_path(written(tmp_path, "ep.md", "---", 'show: "AI \\udc00Weekly"', "---",
                            "Ada: I think data is the wall for everyone.", "Bram: I disagree, hardware is."))
    assert (doc.meta.title, doc.meta.show) == ("Scaling \ufffd talk", "AI \ufffdWeekly")


def test_json_that_holds_no_transcript_is_skipped_with_the_reason(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}', encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ReadError, match="no transcript segments"):
        read_path(tmp_path / "package.json")
    with pytest.raises(ReadError, match="not valid JSON"):
        read_path(tmp_path / "broken.json")


def test_a_speaker_label_with_a_title_names_the_person_without_it(tmp_path):
    """"Dr. Jane Doe (00:00:01):" is the Jane Doe the others talk about, not a second person."""
    doc = read_path(written(tmp_path, "panel.txt", "Dr. Jane Doe (00:00:01): Data is the wall.",
                            "Sam Lee (00:00:09): I disagree, compute is the wall.",
                            "Dr. Jane Doe (00:00:15): Compute is cheap now.", "Prof. Sam Lee (00:00:20): Not that cheap."))
    assert [t.speaker for t in doc.turns] == ["Jane Doe", "Sam Lee", "Jane Doe", "Sam Lee"]


def test_apple_podcasts_ttml_is_read_as_timed_turns_of_its_speakers():
    """Apple Podcasts keeps each episode's transcript as TTML: a ``<p>`` per stretch of speech, its speaker a
    ``ttm:agent``, its words spans with their own times (touching one another or not), times in bare seconds."""
    doc = read_path(DATA / "apple_podcast.ttml")
    assert (doc.meta.format, doc.meta.extracted_from) == ("captions", "ttml")
    assert [(t.speaker, t.timestamp, t.text) for t in doc.turns] == [
        ("SPEAKER_1", "00:00:00", "Welcome back."), ("SPEAKER_1", "00:00:00", "Is compute still the bottleneck?"),
        ("SPEAKER_2", "00:00:06", "I don't think so."), ("SPEAKER_2", "00:00:06", "Evaluation is the bottleneck now."),
        ("SPEAKER_2", "00:01:15", "Benchmarks saturate within a year.")]


def test_dfxp_captions_with_ticks_clock_times_offsets_and_line_breaks():
    doc = read_path(DATA / "captions.dfxp")
    assert [(t.speaker, t.timestamp, t.text) for t in doc.turns] == [
        (None, "00:00:00", "Reasoning models changed how we evaluate code."),
        (None, "00:00:03", "Nobody predicted that."), (None, "00:01:02", "We need harder tests.")]


def test_a_ttml_agents_name_is_its_speaker(tmp_path):
    p = written(tmp_path, "episode.ttml",
                '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata">',
                '<head><metadata><ttm:agent xml:id="a1" type="person"><ttm:name type="full">Ada Quill</ttm:name>'
                '</ttm:agent></metadata></head>',
                '<body><div><p begin="00:00:04.000" end="00:00:07.000" ttm:agent="a1">Data is the wall.</p>'
                '</div></body></tt>')
    assert [(t.speaker, t.timestamp, t.text) for t in read_path(p).turns] == [("Ada Quill", "00:00:04", "Data is the wall.")]


def test_what_looks_like_a_tag_in_recognised_or_timed_text_is_kept_as_words(tmp_path):
    """JSON and TTML are read as WebVTT, whose cues drop tags: "3 < 4" and "<b>" written in the speech stayed lost."""
    written(tmp_path, "a.json", json.dumps({"segments": [{"start": 0, "end": 2, "text": "Loss fell 3 < 4 & the <b> tag stayed."}]}))
    written(tmp_path, "b.ttml", '<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="0s" end="2s">Loss fell 3 &lt; 4 '
            '&amp; the &lt;b&gt; tag stayed.</p></body></tt>')
    for name in ("a.json", "b.ttml"):
        assert [t.text for t in read_path(tmp_path / name).turns] == ["Loss fell 3 < 4 & the <b> tag stayed."]


def test_xml_that_is_no_timed_text_is_skipped_with_the_reason(tmp_path):
    written(tmp_path, "feed.ttml", '<rss version="2.0"><channel><title>AI Weekly</title></channel></rss>')
    written(tmp_path, "broken.ttml", '<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="1s">cut')
    written(tmp_path, "empty.dfxp", '<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p>no time</p></div></body></tt>')
    with pytest.raises(ReadError, match=r"root is <rss>, not TTML's <tt>"):
        read_path(tmp_path / "feed.ttml")
    with pytest.raises(ReadError, match="not valid TTML"):
        read_path(tmp_path / "broken.ttml")
    with pytest.raises(ReadError, match="no timed paragraphs"):
        read_path(tmp_path / "empty.dfxp")


def test_an_interviews_q_and_a_markers_are_not_words_and_name_no_one(tmp_path):
    p = tmp_path / "interview.txt"
    p.write_text("Interview with Tom Reyes\n\nQ: How did the lab start?\n\nA: With three people and one robot arm.\n\n"
                 "Q. Is hardware the bottleneck?\n\nA. No. Data is the bottleneck.\n", encoding="utf-8")
    doc = read_path(p)
    assert [t.text for t in doc.turns][1:] == ["How did the lab start?", "With three people and one robot arm.",
                                               "Is hardware the bottleneck?", "No. Data is the bottleneck."]
    assert all(t.speaker is None for t in doc.turns)
    other = tmp_path / "letter.txt"  # no questions asked: "A." is an initial
    other.write_text("A. Smith wrote the first scaling paper.\n\nIt held for a decade.\n", encoding="utf-8")
    assert read_path(other).turns[0].text == "A. Smith wrote the first scaling paper."


def test_a_saved_web_page_is_read_without_its_scripts_and_navigation(tmp_path):
    doc = read_path(DATA / "transcript_page.html")
    assert doc.meta.format == "transcript" and doc.meta.extracted_from == "html"
    assert [t.speaker for t in doc.turns] == ["Mira Holt", "Tom Reyes", "Mira Holt", "Tom Reyes"]
    assert doc.turns[1].text == "We started with three people and one robot arm. Most labs overestimate the hardware they need."
    assert doc.turns[3].text.endswith("five years ago & getting cheaper.")
    assert not any(w in doc.text for w in ("Subscribe", "Privacy", "var x", "color: red", "Open Minds Podcast"))
    (tmp_path / "empty.html").write_text("<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>",
                                         encoding="utf-8")
    with pytest.raises(ReadError, match="no text outside its scripts"):
        read_path(tmp_path / "empty.html")


@pytest.mark.parametrize("sep", [" ", "\n"])  # one paragraph; Whisper's text: a segment a line, no blank line
def test_a_turn_longer_than_the_parser_takes_is_cut_at_sentence_ends(tmp_path, sep):
    from extract.readers import MAX_TURN

    sentences = [f"Lab {i} trained a model {i} times larger than the last one." for i in range(2 * MAX_TURN // 40)]
    p = tmp_path / "stream.txt"
    p.write_text(sep.join(sentences) + "\n", encoding="utf-8")
    doc = read_path(p)
    assert len(doc.turns) >= 2 and all(len(t.text) <= MAX_TURN for t in doc.turns)
    assert " ".join(t.text for t in doc.turns).split() == " ".join(sentences).split()  # no word lost or doubled
    assert all(t.text.endswith("last one.") for t in doc.turns)  # cut where a sentence ends
    for t in doc.turns:  # each piece still points at its own words in the file
        start, end = t.tmap.to_raw(0, len(t.text))
        assert doc.text[start:end].split() == t.text.split()


def test_plain_text_paragraphs():
    doc = read_path(DATA / "plain.txt")
    assert doc.meta.format == "plain" and len(doc.turns) == 2


def test_detect_format_ignores_file_name(tmp_path):
    p = tmp_path / "notes.vtt"  # a misleading name
    p.write_text((DATA / "paren_transcript.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert read_path(p).meta.format == "transcript"
    assert detect_format("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi there.\n") == "captions"


def test_sentence_splitter_respects_quotes_and_abbreviations():
    text = "“It works. It really does.” Then we moved on, e.g. to Dr. Smith. Done?"
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["“It works. It really does.”", "Then we moved on, e.g. to Dr. Smith.", "Done?"]


# --------------------------------------------------------------------------- bad input


def test_truncated_transcript_keeps_turns_and_warns():
    doc = read_path(DATA / "truncated_transcript.txt")
    assert len(doc.turns) == 2
    assert any("mid-sentence" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(ReadError) as e:
        read_path(p)
    assert reason in str(e.value) and str(p) in str(e.value) and "\n" not in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_non_utf8_is_decoded_and_said(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Ana Ruiz 00:00:01\n\nLa señal mejoró rápidamente con más datos.\n\nBo Li 00:00:09\n\nSí, claro.\n".encode("cp1252"))
    doc = read_path(p)
    assert doc.meta.format == "transcript"
    assert "señal" in doc.turns[0].text
    assert any("not valid UTF-8" in w and "cp1252" in w for w in doc.warnings)


def test_a_notes_paragraph_goes_on_in_the_voice_it_was_in(tmp_path):
    """Once the author speaks ("I would say …"), the rest of the paragraph is the author's until it
    reports someone else ("They point out …", which names nobody: no speaker); what follows someone's
    question is the answer, not theirs."""
    text = ("---\ntitle: Notes on a podcast about chips\nauthors: [Mira Holt]\n"
            "participants: [Ada Quill, Bram Ng]\n---\n\n"
            "(1: 30) Ada asks whether fabs can keep up. Bram says that lead times are the real limit.\n\n"
            "(4: 00) Are packaging lines the bottleneck? I would say yes. What matters is how fast "
            "new lines come online. But also they point out that demand may fall. Supply usually catches up.\n\n"
            "(7: 15) Memory prices rose again this quarter.\n\n"
            "(9: 00) Bram asks how long the boom can last. Two more years at least, on current orders.\n")
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    doc = read_path(path)
    assert doc.meta.format == "notes"
    mine = turn_with(doc, "I would say yes")
    assert (mine.voice, mine.speaker) == ("author", "Mira Holt")
    assert "What matters is how fast new lines come online." in mine.text
    theirs = turn_with(doc, "they point out that demand may fall")
    assert theirs.speaker is None and theirs.voice == "summary"
    assert "Supply usually catches up." in theirs.text
    assert turn_with(doc, "Memory prices rose again").speaker is None  # a new paragraph starts afresh
    assert turn_with(doc, "Bram asks how long").speaker == "Bram"
    assert turn_with(doc, "Two more years at least").speaker is None  # the answer to Bram, not his


# --------------------------------------------------------------------------- transcripts saved in chunks of a minute

_DESCRIPTION = ("---\ntitle: 'Is scaling over?'\nvideo_id: abcdefghijk\n---\n![](https://www.youtube.com/watch?v=abcdefghijk)\n\n"
                "Two researchers argue about the data wall.  \n  \n0:00 Intro  \n4:13 The data wall  \n"
                "21:05 Synthetic data and verifiers  \n\n## Transcript\n\n")


def test_minute_chunks_of_automatic_captions_are_timed_speech_and_their_marks_start_voices(tmp_path):
    """A page that saves captions a minute at a time ("[00:01:00] …", the sentence running on into the next
    chunk) is timed speech, not a blogger's notes; ">>" (or "&gt;&gt;") starts another voice, so no turn
    runs across it; the front matter, the description and its chapters are not speech."""
    p = written(tmp_path, "episode.md", _DESCRIPTION +
                "[00:00:00] So the labs keep telling us the internet has run out of text. &gt;&gt; I don't think that's "
                "right. The supply of tokens is not fixed, because synthetic data can be checked by verifiers and the\n"
                "[00:01:02] [music] cost of each useful token is what changed. &gt;&gt; Okay, but verifiers only work for "
                "code and math. &gt;&gt; That's true today, and it is a big part of why coding agents improved so fast "
                "while the rest of knowledge work has\n"
                "[00:02:05] not moved much. The next step is verifiers for science, which need a lab attached to the "
                "model. &gt;&gt; So a lab becomes the reward function.\n")
    doc = read_path(p)
    assert doc.meta.format == "captions"
    assert all(t.timestamp for t in doc.turns) and all(t.speaker is None for t in doc.turns)
    texts = [t.text for t in doc.turns]
    assert texts[:2] == ["So the labs keep telling us the internet has run out of text.", "I don't think that's right."]
    whole = " ".join(texts)
    assert "Intro" not in whole and "title" not in whole and "[music]" not in whole and "&gt;" not in whole
    running = turn_with(doc, "synthetic data can be checked")  # a sentence across two chunks keeps the time it starts at
    assert running.timestamp == "00:00:00" and running.text.endswith("cost of each useful token is what changed.")
    assert turn_with(doc, "not moved much").timestamp == "00:01:02"
    assert turn_with(doc, "The next step is verifiers").timestamp == "00:02:05"
    assert not any("verifiers only work" in t and "That's true" in t for t in texts)  # two voices, two turns


def test_a_blogger_s_timestamped_notes_stay_notes(tmp_path):
    """Entries stamped minutes apart that end their sentences are a digest of an episode, not captions."""
    p = written(tmp_path, "notes.md", "---\ntitle: Notes on the episode\n---\n",
                "[00:02] Tom Reyes argues that the data wall is a cost problem, not a supply problem. He expects "
                "synthetic data to carry the next two years.",
                "", "[05:40] Mira Holt thinks verifiers only work for code and math. She doubts they reach biology soon.",
                "", "[12:30] Both agree that labs will need wet labs attached to their models.")
    doc = read_path(p)
    assert doc.meta.format == "notes"
    assert not any("title" in t.text for t in doc.turns)  # front matter is metadata, not the notes' introduction


def test_stamped_paragraphs_of_a_saved_transcript_page_are_timed_and_headings_are_no_speech(tmp_path):
    """"**0:01** · speech" paragraphs (a transcript page saved to Markdown), chapters as "### headings"
    between them and listed in the description before: every sentence keeps the time of its paragraph,
    and neither list nor heading is speech."""
    p = written(tmp_path, "live.md", _DESCRIPTION +
                "### Intro\n\n**0:01** · Welcome back. Tonight we ask whether scaling is over.\n\n"
                "**0:07** · I think it is slowing, but not for the reasons people give.\n\n"
                "**0:16** · Which reasons do people give? Mostly the data wall, and I don't buy it.\n\n"
                "### The data wall\n\n**4:13** · Synthetic data changed the picture last year.\n\n"
                "**4:20** · It did, and the labs that bet on it are ahead now.\n")
    doc = read_path(p)
    assert doc.meta.format == "captions"
    texts = [t.text for t in doc.turns]
    assert texts[0] == "Welcome back." and not any("Intro" in t or "data wall\n" in t or "###" in t for t in texts)
    assert not any(t.startswith("The data wall") for t in texts)
    assert [t.timestamp for t in doc.turns if "Synthetic" in t.text or "scaling is over" in t.text] == ["00:00:01", "00:04:13"]
    assert all(t.timestamp for t in doc.turns)


def test_names_in_brackets_before_caption_lines_are_voices_with_the_full_names_the_speech_gives(tmp_path):
    """Diarised captions joined a minute at a time, a "[Name]" before each caption line: each name the
    document repeats is a speaker, a first name becomes the full name the speech gives it, and "[Music]"
    is nobody."""
    p = written(tmp_path, "science.md", "## Transcript\n",
                "[00:00:00] [Tom] Hi, I'm Tom Reyes, and this is the science podcast. [Tom] Today my guest is "
                "Mira Holt from a robotics lab. [Mira] Thanks for having me. [Mira] Robots are mostly limited by "
                "data, [Mira] not by hardware.",
                "[00:01:04] [Music] [Tom] I'm not sure I agree with that. [Tom] Hardware is still expensive. "
                "[Mira] It is much cheaper than it was five years ago.",
                "[00:02:10] [Tom] Fair enough. [Mira] And simulation gets cheaper every year.")
    doc = read_path(p)
    assert doc.meta.format == "captions"
    assert [(t.speaker, t.text) for t in doc.turns] == [
        ("Tom Reyes", "Hi, I'm Tom Reyes, and this is the science podcast."),
        ("Tom Reyes", "Today my guest is Mira Holt from a robotics lab."),
        ("Mira Holt", "Thanks for having me."),
        ("Mira Holt", "Robots are mostly limited by data, not by hardware."),
        ("Tom Reyes", "I'm not sure I agree with that."),
        ("Tom Reyes", "Hardware is still expensive."),
        ("Mira Holt", "It is much cheaper than it was five years ago."),
        ("Tom Reyes", "Fair enough."),
        ("Mira Holt", "And simulation gets cheaper every year."),
    ]
    assert [t.timestamp for t in doc.turns][3:5] == ["00:00:00", "00:01:04"]


@pytest.mark.parametrize("stamp", ["({})", "[{}]"])
def test_a_name_alone_above_paragraphs_stamped_a_minute_apart_stays_a_transcript(tmp_path, stamp):
    """"Mira Holt" alone on a line, then her paragraphs each opening on its time, a minute or so apart:
    the names are speakers, not caption lines running on into the next stamp."""
    talk = [("Mira Holt", 0, ["The following is a conversation with Tom Reyes, who has built robots for twenty years.",
                              "Here is my conversation with him about data, hardware and what the labs get wrong."]),
            ("Tom Reyes", 95, ["Thanks for having me, it is a real pleasure to be here after listening for years.",
                               "I think data is the bottleneck, not hardware, and I have thought so since we started."]),
            ("Mira Holt", 200, ["Why do so many people in the field still believe hardware is the bottleneck for robots?"]),
            ("Tom Reyes", 260, ["Because hardware was expensive for decades and the habit of thinking so stayed with us.",
                                "Simulation changed that, and the labs that use it well are far ahead of everyone."])]
    lines = []
    for name, t, paras in talk:
        lines.append(name)
        lines += [stamp.format(f"00:{(t + 50 * k) // 60:02d}:{(t + 50 * k) % 60:02d}") + " " + p for k, p in enumerate(paras)]
    doc = read_path(written(tmp_path, "episode.txt", *lines))
    assert doc.meta.format == "transcript"
    assert [(t.speaker, t.timestamp) for t in doc.turns] == [
        ("Mira Holt", "00:00:00"), ("Mira Holt", "00:00:50"), ("Tom Reyes", "00:01:35"), ("Tom Reyes", "00:02:25"),
        ("Mira Holt", "00:03:20"), ("Tom Reyes", "00:04:20"), ("Tom Reyes", "00:05:10")]


def test_the_people_a_description_lists_are_the_episodes_participants(tmp_path):
    """"Guests:" and "Hosts:" in an episode's description name who takes part: a label's first name
    becomes the full name listed there, and the list is no speech."""
    p = written(tmp_path, "episode.md", "---\ntitle: The data wall\n---\n",
                "We talk about the data wall and what comes after it.  ", "  ",
                "Guests:  ", "Dr. Ada Quill, who runs a robotics lab at Northwind.  ", "Bram Ng - https://example.com/bram  ", "",
                "Hosts: Mira Holt and Tom Reyes", "",
                "Mira: Welcome back. Today we ask whether the data wall is real.", "",
                "Ada: It is real, but it is a cost problem, not a supply problem.", "",
                "Mira: And you disagree, Bram?", "", "Bram: I do. Synthetic data changes the supply too.", "",
                "Tom: Let's come back to that after the break.", "", "Ada: Fine by me.", "",
                "Tom: We're back, and Bram has the floor.", "", "Bram: Thanks. The supply is not fixed.", "")
    doc = read_path(p)
    assert doc.meta.participants == ["Ada Quill", "Bram Ng", "Mira Holt", "Tom Reyes"]
    assert [t.speaker for t in doc.turns][:4] == ["Mira Holt", "Ada Quill", "Mira Holt", "Bram Ng"]
    assert not any("Guests" in t.text or "example.com" in t.text for t in doc.turns)


@pytest.mark.parametrize("text", [
    "With: the help of our listeners, we built it.",  # no name
    "Host: So tell me about Tom Reyes and his lab.",  # a speaker's words after a label
    "Speakers:\nFAQ\nTOM REYES",  # a heading, a running head
])
def test_lines_that_only_look_like_a_guest_list_name_no_one(text):
    from extract.readers.shownotes import listed_people

    assert listed_people(text) == []


def test_captions_whose_times_start_again_keep_every_part(tmp_path):
    """Two parts of a recording, each timed from 0:00: both are read, each sentence once."""
    part = ["0:00 so today we look at whether scaling is really over and what comes after it",
            "0:05 the labs keep generating synthetic data and checking it with verifiers",
            "0:11 which means the supply of tokens is not fixed the way people thought"]
    doc = read_path(written(tmp_path, "two_parts.txt", *part, *[line.replace("scaling", "robotics") for line in part]))
    assert doc.meta.format == "captions"
    words = _words(doc)
    assert words.count("verifiers") == 2 and words.count("robotics") == 1 and words.count("scaling") == 1


def test_a_web_clippers_front_matter_gives_the_video_and_the_show(tmp_path):
    """A page saved by a web clipper names its video under "source" and the channel under "account_name" or
    "channel": every timed claim then links to its moment in the video."""
    doc = read_path(written(tmp_path, "clip.md", "---\ntitle: Live show\nsource: \"https://www.youtube.com/watch?v=MCJn08wBeV8\"\n"
                            "channel: Hard Talk\n---\n## Transcript\n",
                            "**0:01** · Welcome back. Tonight we ask whether scaling is over.", "",
                            "**0:07** · I think it is slowing, but not for the reasons people give.", "",
                            "**0:16** · Which reasons do people give? Mostly the data wall, and I don't buy it."))
    assert (doc.meta.video_id, doc.meta.show) == ("MCJn08wBeV8", "Hard Talk")
    slowing = turn_with(doc, "slowing")
    assert video_url(doc.meta.video_id, slowing.timestamp) == "https://www.youtube.com/watch?v=MCJn08wBeV8&t=7"


def test_a_few_stamped_paragraphs_in_a_labelled_transcript_leave_it_a_transcript(tmp_path):
    """Bold labels, and now and then a speaker's later paragraph opening on its time ("\\[06:05\\] For me, …")
    half an hour from the next: those stamps cut no speech by the clock, the labels name the speakers;
    a production mark ("**Jingle:** \\[45:28\\] to \\[45:45\\]") names no one."""
    said = "I think the editors will all ship a chat panel this year, and most of us will barely notice it."
    lines = []
    for k in range(12):
        who = ("Rosa Vidal", "Tom Baker", "Ines Moreau")[k % 3]
        lines += [f"**{who}:** {said} That is turn {k} of the show, about tools we use every single day.", ""]
        if k in (1, 5, 9):  # a paragraph of speech, a note of the music played, another paragraph
            lines += [f"\\[{6 + 22 * (k // 4):02d}:05\\] " + ("\\[Toni Braxton, Unbreak My Heart\\]" if k == 5 else
                      "And the same goes for the rest of it, because the habit of reaching for the chat stays with us."), ""]
        if k == 8:
            lines += ["**Jingle:** \\[45:28\\] to \\[45:45\\]", ""]
    doc = read_path(written(tmp_path, "js-party.md", *lines))
    assert doc.meta.format == "transcript"
    assert {t.speaker for t in doc.turns if t.kind == "speech"} == {"Rosa Vidal", "Tom Baker", "Ines Moreau"}


def test_an_escaped_time_alone_between_a_speakers_paragraphs_times_those_that_follow(tmp_path):
    """"\\[55:32\\]" alone on a line inside a speaker's turn (before a clip they play): the paragraphs after
    it are said then, and the stamp is no word of theirs."""
    p = written(tmp_path, "episode.md",
                "**Rosa Vidal:** We asked listeners for their favourite episode of the year.", "",
                "**Tom Baker:** And some of them sent in voice notes, which I loved hearing.", "",
                "**Rosa Vidal:** Here is one of them, and it made me laugh out loud in the studio.", "",
                "\\[55:32\\]", "",
                "*My favourite episode was the one about build systems, because it changed how I work.*", "",
                "**Tom Baker:** That one was a lot of fun to record.")
    doc = read_path(p)
    clip = next(t for t in doc.turns if "favourite episode was" in t.text)
    assert (clip.speaker, clip.timestamp) == ("Rosa Vidal", "00:55:32")
    assert not any("55:32" in t.text for t in doc.turns)
