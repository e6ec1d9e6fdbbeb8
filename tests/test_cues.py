"""Stance cues are families: sentences written here, in no seed, find their category; negated or
hypothetical agreement never becomes agreement."""

from __future__ import annotations

import pytest

from extract.rules import load_rules

RULES = load_rules()


def hits(category: str, sentence: str) -> bool:
    return any(c.regex.search(sentence) for c in RULES.cues_for(category))


@pytest.mark.parametrize("category, sentence", [
    ("agree", "You're on the right track there."),
    ("agree", "That sounds exactly right to me."),
    ("agree", "Marta is, in my opinion, right."),
    ("disagree", "That sits at odds with what you said earlier."),
    ("disagree", "I'd say no to that, honestly."),
    ("disagree", "I don't think anyone can predict that."),
    ("setup", "I wanted to ask about robotics next."),
    ("setup", "So there are three reasons for that."),
    ("setup", "There are two paths out of this for the labs."),
    ("setup", "Think about something like the first chess engines."),
    ("setup", "You can think of two ways this could go wrong for the labs."),
    ("setup", "On the chip side, you were just saying that the fabs are booked for years."),
    ("question", "Actually, I'm curious how the team split the work."),
    ("setup", "I think there could be a range of fixes for that."),
    ("setup", "So there are a bunch of subtle trade-offs here."),
    ("setup", "Well, I'd have some theories about why that is."),
    ("setup", "There's a lot of nuances to it."),
    ("filler", "To which I'd say no."),
    ("question", "How do you square that with the benchmark results."),
    ("question", "Do you think the curve bends next year."),
    ("filler", "Welcome back to the show, everyone."),
    ("filler", "Thanks so much for doing this."),
    ("group_contrast", "Their forecasts turned out mistaken every time."),
    ("rejected_view", "It used to be that everyone thought reinforcement learning was dead."),
    ("disagree", "Hard disagree."),
    ("disagree", "Respectfully, no."),
    ("disagree", "That's a bit of a stretch."),
    ("disagree", "My view is the opposite."),
    ("disagree", "Actually, it's the other way around."),
    ("disagree", "That doesn't match what we see in the data."),
    ("agree", "That's exactly what I was going to say."),
    ("agree", "Strongly agree."),
    ("disagree", "Let me set the record straight."),
    ("disagree", "Facts matter, and those aren't the facts."),
    ("disagree", "Everything he just said is wrong."),
    ("disagree", "It's not even close to true."),
    ("agree", "I give him credit for that."),
    ("filler", "Hang on, let me find the chart."),
    ("filler", "Honestly, I have no idea."),
    ("filler", "Beats me."),
    ("filler", "Give me one second to pull that up."),
    ("boilerplate", "We'll be right back."),
    ("boilerplate", "Stay with us, more after the break."),
    ("setup", "I want to come back to something you said earlier."),
    ("narration", "I grew up in a small town on the coast."),
    ("narration", "And then we moved to Lisbon."),
    ("narration", "We started the company in a garage in 2019."),
    ("narration", "My first job was at a bank, doing fraud models."),
    ("narration", "Yeah, I was working at a hedge fund when the paper came out."),
    ("narration", "I've talked to teachers in every county."),
    ("narration", "I met a teacher in Millbrook who works two jobs."),
    ("narration", "We sat down with dozens of founders last year."),
    ("question", "Maybe you could explain the architecture for our listeners."),
    ("question", "I'd be interested in your take on open weights."),
    ("question", "Give us a sense of how big the team is."),
    ("question", "Paint a picture of what that looks like day to day."),
    ("question", "I guess what I'm asking is whether it generalizes."),
    ("setup", "Our next question comes from the audience."),
    ("setup", "I have a question for both of you."),
    ("setup", "We're going to turn now to the economy."),
    ("setup", "Here's what I'll tell you."),
    ("hypothetical", "Think of a future where every phone runs a frontier model."),
    ("setup", "Today my guest is Jane Park."),
    ("setup", "My guest today is Professor Ada Quill, who runs the robotics lab at Stanford."),
    ("setup", "With me today is Sam Ortega."),
    ("setup", "The following is a conversation with Ines Okafor, a researcher at a robotics lab."),
    ("setup", "Our guest this week is Dana Whitfield."),
    ("setup", "I'm so happy to be joined by two of my favorite researchers."),
    ("setup", "It's my pleasure to introduce our guest, Jonah Pike."),
    ("setup", "Hey everyone, joining me again is Mara Lindqvist."),
    ("setup", "Governor Ng, the first question goes to you."),
    ("setup", "Each candidate will have two minutes to answer, and then one minute for rebuttal."),
    ("setup", "Next topic: whether altcoins are a threat."),
    ("setup", "I'll return to that embedding piece in a bit."),
    ("setup", "We'll come back to pricing later."),
    ("setup", "I don't want to get into the weeds here."),
    ("setup", "I'd like to keep this short."),
    ("setup", "I want to touch on a few points before we wrap."),
    ("setup", "I can talk about the specifics of the bug too."),
    ("agree", "Yeah, that makes a lot of sense to me."),
    ("agree", "Makes sense."),
    ("disagree", "Yeah, but as I said earlier, that wasn't the original motivation."),
    ("agree", "I think that makes total sense."),
    ("agree", "Okay, it makes sense."),
    ("setup", "I'm happy to go into more detail on the pricing."),
    ("setup", "Let me tell you about the second one."),
    ("setup", "Sam, today we're going to discuss a post on mining pools."),
    ("question", "If you could join the call, please."),
    # a moderator describing the event itself
    ("setup", "Tonight's town hall is divided into three parts of twenty minutes."),
    ("setup", "The questions are mine and nobody in the campaigns has seen them."),
    ("setup", "We'll cover four topic areas over the next hour."),
    ("setup", "Our final segment is called Securing the Border."),
    ("setup", "The audience in the hall has agreed to stay quiet until the end."),
    # a host hands over the floor with an imperative
    ("question", "Tell us a little bit about the team."),
    ("question", "So talk to us about how the pricing works."),
    ("question", "Walk me through the first week of an onboarding."),
    ("question", "Tell me that story."),
    ("question", "Walk me quickly through the setup you use."),
    ("question", "Can you walk us at a high level through what an agent does?"),
    ("question", "Maybe talk us briefly through the pricing."),
    # a host says where the talk starts
    ("setup", "I want to start with something you wrote online that surprised a lot of people."),
    ("setup", "Let's begin with your background."),
    ("setup", "So I'd like to kick things off by asking about the early days of the lab."),
    # the speaker names what comes next rather than saying something of it
    ("setup", "Another model we wanted to highlight this week is a small speech model from a lab in Paris."),
    ("setup", "The last paper I want to mention here is the one on sparse attention."),
    ("setup", "I want to talk about the hiring side."),
    ("setup", "I've got one more question before we let you go."),
    # agreement as panellists say it
    ("agree", "I couldn't have put it better myself."),
    ("agree", "Correct."),
    ("agree", "Quite right."),
    ("agree", "Yes, true."),
    ("agree", "Just to completely agree with that."),
    # pushback as debaters say it: the speaker's words put back wrong, a muddle, no place in the argument, a plain no
    ("disagree", "That's not what I'm arguing at all."),
    ("disagree", "Sorry, that is not what we meant by a cap."),
    ("disagree", "You're all over the place on the budget."),
    ("disagree", "That's not the point, the money was never there."),
    ("disagree", "It's not a solution to the housing shortage."),
    ("disagree", "No, absolutely not."),
    ("disagree", "No, Labour voted for the cap."),
    ("disagree", "Frankly, that's rubbish."),
    ("disagree", "That is the wrong priority for the county."),
    ("disagree", "It's a bit simplistic."),
    ("disagree", "Those two schemes aren't remotely comparable."),
    ("disagree", "You can't compare them, the budgets are different."),
    ("disagree", "No, it isn't a gimmick, the money is already in the budget."),
    ("disagree", "You're nowhere near a thousand homes a year."),
    ("disagree", "We are not building anything like that number."),
    # the reply was no answer, the other's error named, a view put in the speaker's mouth denied
    ("disagree", "That doesn't really answer the question."),
    ("disagree", "With respect, you still haven't answered my question."),
    ("disagree", "I'm not entirely sure that answers the question."),
    ("disagree", "You're dodging the question again."),
    ("disagree", "Chris, that's a non-answer."),
    ("disagree", "What you're forgetting is that the grants ran out in March."),
    ("disagree", "What you don't understand is how thin the margins are."),
    ("disagree", "The mistake you're making is assuming the data is clean."),
    ("disagree", "Your mistake was trusting the benchmark."),
    ("disagree", "Where you go wrong is the timing of the cuts."),
    ("disagree", "I never said we should cut the budget."),
    ("disagree", "Sorry, I didn't say the model was perfect."),
    # a reaction with nothing of its own
    ("filler", "This part is kind of amazing..."),
    ("filler", "So I find this idea pretty cool."),
    ("filler", "Yeah, it was really fun."),
])
def test_cues_describe_families_of_sentences(category, sentence):
    assert hits(category, sentence)


@pytest.mark.parametrize("reply", [
    "I'm not sure I agree with that.",
    "That's not exactly what I was going to say.",
    "I don't give him credit for that.",
    "I don't agree, the data says otherwise.",
    "I never agreed with that framing.",
    "If you agree with that, then the rest follows.",
])
def test_negated_or_hypothetical_agreement_is_never_agreement(reply, tmp_path):
    from extract.pipeline import extract
    from extract.readers import read_text
    from extract.records import DocumentMeta

    text = ("Ada Quill 00:00:05\n\nI think synthetic data will get us past the data wall within two years.\n\n"
            f"Bram Ng 00:00:12\n\n{reply}\n")
    doc = read_text(text, DocumentMeta(path=str(tmp_path / "t.txt"), format=""))
    ex = extract([doc])
    assert not [r for r in ex.relations if r.type == "AGREES_WITH"]


def test_a_persons_name_in_a_system_pattern_is_not_a_system(tmp_path):
    from extract.pipeline import extract
    from extract.readers import read_text
    from extract.records import DocumentMeta

    text = ("Ada Quill 00:00:05\n\nI met Sergey Brin last year at the lab.\n\n"
            "Bram Ng 00:00:12\n\nThe model Sergey showed me was a new system Zephyr-9 that plays chess.\n")
    ex = extract([read_text(text, DocumentMeta(path=str(tmp_path / "t.txt"), format=""))])
    systems = {e.name for e in ex.kb.entities.values() if e.type == "System" and e.source == "pattern"}
    assert "Sergey" not in systems and "Zephyr-9" in systems


def test_a_known_systems_name_with_another_version_number_is_that_version_not_the_known_one(tmp_path):
    """"Opus 4.6" is not Claude 3 Opus (known as "Opus"), "Claude 4" not Claude: each is a version of its
    own, made by the same developer; a number the name carries, or a count after it, changes nothing."""
    from extract.pipeline import extract
    from extract.readers import read_text
    from extract.records import DocumentMeta

    text = ("Ada Quill 00:00:05\n\nWe gave Opus 4.6 a very simple task and it escaped the sandbox twice.\n\n"
            "Bram Ng 00:00:12\n\nClaude 4 beat every other model on the coding benchmark last month. GPT-4 failed 20 times "
            "in a row on the same task. Claude refused to run it at all.\n")
    ex = extract([read_text(text, DocumentMeta(path=str(tmp_path / "t.txt"), format=""))])
    refs = [r.target for r in ex.relations if r.type == "MENTIONS"] + [ref for c in ex.claims for ref, _ in c.mentions]
    named = {ex.kb.entities[ref].name for ref in refs if ref[0] == "System"}
    assert {"Opus 4.6", "Claude 4", "GPT-4", "Claude"} <= named and "Claude 3 Opus" not in named and "GPT-4 20" not in named
    assert ex.kb.entities[("System", "Opus 4.6")].props.get("developer") == "Anthropic"


@pytest.mark.parametrize("sentence, stance", [
    # explicit, negated, dismissive and opening pushback, written here for many speakers
    ("I'd push back on that a little.", "DISAGREES_WITH"),
    # words in quotation marks are not the speaker's stance; the speaker's own words beside them are
    ('Like, you can just tell it "No, that\'s wrong." and it tries again.', None),
    ("“That’s not true,” the reviewer wrote back.", None),
    ("He called it “a myth”, and I think that's wrong.", "DISAGREES_WITH"),
    ("Honestly, I'm not convinced that follows.", "DISAGREES_WITH"),
    ("That's not how inference costs work at all.", "DISAGREES_WITH"),
    ("No, I think the opposite happened with translation.", "DISAGREES_WITH"),
    ("Yeah, but that only holds if the benchmark is clean.", "DISAGREES_WITH"),
    ("Not necessarily.", "DISAGREES_WITH"),
    ("I don't buy that for a second.", "DISAGREES_WITH"),
    ("That's just the usual hype.", "DISAGREES_WITH"),
    ("What are you even talking about?", "DISAGREES_WITH"),
    # a question that puts what the other said back as an inference checks it, whatever its cue
    ("Okay, so it's not the case that the policies took long to train, it was cheap?", None),
    ("Sorry, that's not how the scale works?", None),
    # praise after "no", and "lies" as what someone does, take no stance
    ("No, I love this.", None),
    ("No, that does seem like a real problem with the proposal.", None),
    ("No, it doesn't seem like a problem at all.", "DISAGREES_WITH"),
    ("The usual pattern is that it does something sketchy, it lies to people, and it gets caught.", None),
    ("What he just said is a lie.", "DISAGREES_WITH"),
    ("What she just said is simply not true.", "DISAGREES_WITH"),
    ("With all due respect, that's not what the study says.", "DISAGREES_WITH"),
    ("That's a gross mischaracterization of the vote.", "DISAGREES_WITH"),
    ("Not true, the prices went up.", "DISAGREES_WITH"),
    ("My colleague is misrepresenting the budget again.", "DISAGREES_WITH"),
    ("You're putting words in my mouth.", "DISAGREES_WITH"),
    ("Actually, the reverse is true for small models.", "DISAGREES_WITH"),
    ("The data simply don't support that.", "DISAGREES_WITH"),
    ("I couldn't disagree more with that plan.", "DISAGREES_WITH"),
    ("I'd argue it's the other way round for open models.", "DISAGREES_WITH"),
    ("I have a slightly different take on the costs.", "DISAGREES_WITH"),
    ("I think you're underestimating how hard the rollout is.", "DISAGREES_WITH"),
    ("That's way too optimistic for a first release.", "DISAGREES_WITH"),
    ("I'm going to challenge you on that.", "DISAGREES_WITH"),
    ("That doesn't add up.", "DISAGREES_WITH"),
    ("I see your point, but the bills still arrive.", "DISAGREES_WITH"),
    ("Hmm, I don't know about that.", "DISAGREES_WITH"),
    ("I don't know that I really subscribe to that view.", "DISAGREES_WITH"),
    ("I'm not buying the argument that costs keep falling.", "DISAGREES_WITH"),
    ("You've got it backwards.", "DISAGREES_WITH"),
    ("Frankly, that's cherry-picking the benchmarks.", "DISAGREES_WITH"),
    ("That's where I'd part ways with you.", "DISAGREES_WITH"),
    ("The governor's figures just don't add up.", "DISAGREES_WITH"),
    ("The evidence says otherwise.", "DISAGREES_WITH"),
    ("We see it very differently at our lab.", "DISAGREES_WITH"),
    ("I'm in complete agreement with that.", "AGREES_WITH"),
    ("You make a really good point about latency.", "AGREES_WITH"),
    ("Yep, that's how I see it too.", "AGREES_WITH"),
    ("Couldn't have said it better myself.", "AGREES_WITH"),
    ("That sounds a bit off to me.", "DISAGREES_WITH"),
    ("I wouldn't go so far as to call it a failure.", "DISAGREES_WITH"),
    ("That's not what we've seen with our customers.", "DISAGREES_WITH"),
    ("Nope, the latency got worse.", "DISAGREES_WITH"),
    ("I'm not persuaded by the survey.", "DISAGREES_WITH"),
    ("It's a lot more complicated than that.", "DISAGREES_WITH"),
    ("That couldn't be further from the truth.", "DISAGREES_WITH"),
    ("No, no, it's actually the reverse.", "DISAGREES_WITH"),
    ("That just isn't how inference works.", "DISAGREES_WITH"),
    ("Sorry, that's not what the agency's own audit found.", "DISAGREES_WITH"),
    ("The figures don't bear that out.", "DISAGREES_WITH"),
    ("The research suggests the opposite.", "DISAGREES_WITH"),
    ("Sure, but that holds only for the smallest models.", "DISAGREES_WITH"),
    ("Okay, but the vendors never shipped that feature.", "DISAGREES_WITH"),
    ("Her math just doesn't add up.", "DISAGREES_WITH"),
    # an agreement conceded, then an objection
    ("I agree with some of that, but the timeline is not realistic.", "DISAGREES_WITH"),
    ("I agree that prices matter, but that's not why the fleet shrank.", "DISAGREES_WITH"),
    ("You're right about the price, but demand never showed up.", "DISAGREES_WITH"),
    ("The senator is right that exports fell, but he left out the drought.", "DISAGREES_WITH"),
    ("That's true, but it's only part of the picture.", "DISAGREES_WITH"),
    ("That's partly true.", "DISAGREES_WITH"),
    ("Well, yes and no.", "DISAGREES_WITH"),
    ("That's a fair point, but let me add a second one.", "AGREES_WITH"),  # "but" that objects to nothing
    ("I agree, and the costs fell as well.", "AGREES_WITH"),
    ("Senator Quill is right about the bridges.", "AGREES_WITH"),
    ("Maya Lin was correct that the costs fell.", "AGREES_WITH"),
    ("Timing is right.", None),
    # a debater's rebuttals: denials, "not my record", insinuation, charges called false
    ("Let me be clear: I never voted for that bill.", "DISAGREES_WITH"),
    ("I didn't say that.", "DISAGREES_WITH"),
    ("That's simply not my record.", "DISAGREES_WITH"),
    ("That's not what the bill does.", "DISAGREES_WITH"),
    ("My opponent wants you to believe that crime went up.", "DISAGREES_WITH"),
    ("There he goes again.", "DISAGREES_WITH"),
    ("He is entitled to his own opinion, but not his own facts.", "DISAGREES_WITH"),
    ("He's talking about a plan that doesn't exist.", "DISAGREES_WITH"),
    ("Both of those statements are false.", "DISAGREES_WITH"),
    ("The senator's own numbers show the opposite.", "DISAGREES_WITH"),
    ("That's the kind of misinformation we've heard all night.", "DISAGREES_WITH"),
    ("The facts don't support what you just heard.", "DISAGREES_WITH"),
    ("The truth is the opposite.", "DISAGREES_WITH"),
    ("There's no evidence for that.", "DISAGREES_WITH"),
    ("None of that is accurate.", "DISAGREES_WITH"),
    ("He can say it as many times as he likes; it's still false.", "DISAGREES_WITH"),
    ("That's a complete fabrication.", "DISAGREES_WITH"),
    ("He's misstating my record again.", "DISAGREES_WITH"),
    ("Not even close.", "DISAGREES_WITH"),
    ("That's rich, coming from him.", "DISAGREES_WITH"),
    ("There's no evidence yet for dark matter particles.", None),
    ("The opposite effect shows up in small models.", None),
    ("I didn't want to leave the lab.", None),
    ("The old library doesn't support that format.", None),
    ("The vendors want you to sign a contract first.", None),
    ("That isn't our understanding of the statute.", "DISAGREES_WITH"),
    ("The research simply doesn't support it.", "DISAGREES_WITH"),
    ("I would be cautious about that conclusion.", "DISAGREES_WITH"),
    ("I'd be a bit wary of that comparison.", "DISAGREES_WITH"),
    ("That's actually the reverse of what the studies found.", "DISAGREES_WITH"),
    ("I believe that's a mischaracterization.", "DISAGREES_WITH"),
    ("I see this slightly differently.", "DISAGREES_WITH"),
    ("I'd phrase it differently.", "DISAGREES_WITH"),
    ("Sure, but I doubt that.", "DISAGREES_WITH"),
    ("Okay, maybe, but I doubt it.", "DISAGREES_WITH"),  # the hedge is on what is conceded
    ("To play devil's advocate, costs might fall.", "DISAGREES_WITH"),
    ("I'm somewhat less confident than you.", "DISAGREES_WITH"),
    ("I'd push on this a little.", "DISAGREES_WITH"),
    ("That hasn't really been our experience.", "DISAGREES_WITH"),
    ("That's exactly how I look at it.", "AGREES_WITH"),
    ("She can't take credit for a bill she opposed.", "DISAGREES_WITH"),
    ("That number was fact-checked and rated false.", "DISAGREES_WITH"),
    ("His quote has been debunked repeatedly.", "DISAGREES_WITH"),
    ("The senator knows that's not true.", "DISAGREES_WITH"),
    ("He knew it was a lie.", "DISAGREES_WITH"),
    ("I don't know that I buy that.", "DISAGREES_WITH"),
    ("Let me push back a little.", "DISAGREES_WITH"),
    ("I kinda disagree.", "DISAGREES_WITH"),
    ("I sorta agree with that.", "AGREES_WITH"),
    ("That's not a fair account of what happened.", "DISAGREES_WITH"),
    ("The governor raises a valid question.", "AGREES_WITH"),
    ("There is no disagreement between us on that.", "AGREES_WITH"),
    ("I agree to some extent.", "AGREES_WITH"),
    ("Those statistics are cherry picked.", "DISAGREES_WITH"),
    ("What the mayor just said is dead wrong.", "DISAGREES_WITH"),
    ("That's nothing but a slogan.", "DISAGREES_WITH"),
    ("That is not my position on trade.", "DISAGREES_WITH"),
    ("It's an absolute lie.", "DISAGREES_WITH"),
    ("The governor is exactly right on this.", "AGREES_WITH"),
    ("I have to give her credit on the budget.", "AGREES_WITH"),
    ("You've got a fair point there.", "AGREES_WITH"),
    ("We both want the same outcome.", "AGREES_WITH"),
    ("That's a fair critique.", "AGREES_WITH"),
    ("Their estimates are wildly off.", "DISAGREES_WITH"),
    ("None of it squares with the record.", None),  # "squares", not "doesn't square": no stance
    ("It doesn't line up with the evidence from the field.", "DISAGREES_WITH"),
    ("There is no truth in what he told the committee.", "DISAGREES_WITH"),
    ("These are not the facts, Senator.", "DISAGREES_WITH"),
    ("That's a wild exaggeration of the cost.", "DISAGREES_WITH"),
    ("You've got the timeline completely wrong.", "DISAGREES_WITH"),
    ("The mayor is badly mistaken about the schools.", "DISAGREES_WITH"),
    ("The senator raised a really good point on tariffs.", "AGREES_WITH"),
    ("I see it exactly the same way.", "AGREES_WITH"),
    ("I don't disagree with any of that.", "AGREES_WITH"),
    ("Well, I think that's entirely fair.", "AGREES_WITH"),
    ("That is simply, plainly false.", None),  # a comma between: no family says so
    ("It's just plainly untrue.", "DISAGREES_WITH"),
    ("What you just heard from him is false.", "DISAGREES_WITH"),
    ("The senator is rewriting history on the war.", "DISAGREES_WITH"),
    ("Their whole case collapses on the facts.", "DISAGREES_WITH"),
    ("You have the causality upside down.", "DISAGREES_WITH"),
    ("That's precisely my point.", "AGREES_WITH"),
    ("We both share that concern.", "AGREES_WITH"),
    ("That matches what we've seen in production.", "AGREES_WITH"),
    ("Nicely put.", "AGREES_WITH"),
    ("I'm with Ada on this one.", "AGREES_WITH"),
    ("I'd definitely agree with that.", "AGREES_WITH"),
    ("I feel the same way about the evals.", "AGREES_WITH"),
    ("That really resonates with me.", "AGREES_WITH"),
    ("Building on what you said, the costs also fell.", "AGREES_WITH"),
    ("100%.", "AGREES_WITH"),
    ("I couldn't agree more.", "AGREES_WITH"),
    ("You're absolutely right about the costs.", "AGREES_WITH"),
    ("That's a really fair point.", "AGREES_WITH"),
    ("Yeah, totally.", "AGREES_WITH"),
    ("Oh, absolutely.", "AGREES_WITH"),
    ("I'm with you on that one.", "AGREES_WITH"),
    ("That makes a lot of sense.", "AGREES_WITH"),
    # no stance: back-channel, questions, hedges, negated or supposed agreement, politeness
    ("Yeah.", None),
    ("I know that this works.", None),
    ("Right.", None),
    ("Do you agree with that?", None),
    ("Is that right?", None),
    ("That's a great question.", None),
    ("No problem, happy to.", None),
    ("No, that's totally fine, go ahead.", None),  # reassurance
    ("Right, but we covered the licensing part in the first half.", None),  # "but" that objects to nothing
    ("Yeah, but that was exactly my point.", None),
    ("Maybe I'm skeptical of the timeline.", None),
    ("I don't think I agree.", "DISAGREES_WITH"),
    ("I'm not sure that's right.", "DISAGREES_WITH"),
    ("If you agree with that, the rest follows.", None),
    ("He said that it was false.", None),  # reported
    ("The question is whether it's false.", None),
    ("It was wrong to ship the model so early.", None),
    ("I was wrong about the timeline.", None),
    ("Perhaps it isn't true for the older chips.", None),  # hedged
    ("So it wasn't the case for the older chips?", None),  # asking
    ("It's too early to say.", None),
    ("I think it's the opposite of what people expect.", None),
    ("I think the same thing happens with images.", None),
    ("Let me add to that list of problems.", None),
    ("I hear you.", None),
    ("I'm not saying you're wrong.", None),  # a disclaimer, not a disagreement
    ("Not that I disagree.", None),
    ("I don't think you're wrong.", "AGREES_WITH"),
    ("You're not wrong.", "AGREES_WITH"),
    ("I question whether we need more data.", None),
    ("The numbers back that up.", None),
    ("The audit found that costs fell by a third.", None),
    ("That's exactly what the audit found.", None),
    ("My numbers are from the census.", None),
    ("That slogan was on every poster in town.", None),
    ("Does the math add up?", None),
    ("I got the first answer wrong on the exam.", None),  # one's own mistake
    ("Is it fair to say the costs doubled?", None),
    ("Historians are rewriting the textbooks.", None),
    ("The bridge collapses in the second act of the film.", None),
    ("He thinks you're wrong about the budget, and so do I.", None),  # his stance, reported
    ("The critics say it's a stretch.", None),
    ("I think it's the opposite of what the survey found.", None),
    ("We stop people from sending a transaction that's just wrong.", None),  # a relative clause, not a reply
    ("They are ignoring the costs, the report says.", None),
    ("I'm not sure when the next release ships.", None),
    ("She thinks the forecast is too optimistic.", None),
    ("The benchmark shows that the model is wrong about half the time.", None),
    ("That's my read of the data.", None),
    ("I'd be careful with the stove.", None),
    ("I'd be careful about that claim, the lawyer says.", None),  # her stance, reported
    ("That's the opposite of what I expected, and I love it.", None),
    ("I'm more optimistic than I was last year.", None),
    ("He played devil's advocate all night.", None),
    ("I'm not sure, but maybe I doubt it.", None),  # hedged after the "but"
    ("I agree to the ground rules.", None),  # consent, not agreement with anyone
    ("That claim was checked and found accurate.", None),
    ("You can take credit for the idea if you want.", None),
    ("He raises a question about the timeline.", None),
    ("Hmm, I'm not sold on that.", "DISAGREES_WITH"),
    ("I don't know about all that, honestly.", "DISAGREES_WITH"),
    ("That sounds way too optimistic.", "DISAGREES_WITH"),
    ("I take a slightly different read on the data.", "DISAGREES_WITH"),
    ("What makes you so sure?", "DISAGREES_WITH"),
    ("Yeah, and I'd add that the licences matter too.", "AGREES_WITH"),
    ("I don't know about that restaurant, I've never been.", None),
    ("It sounds too good to be true, but the benchmark is real.", None),
    ("What makes you say that?", None),  # asks why
    ("What makes you think that?", None),
    ("I can't say I agree.", "DISAGREES_WITH"),
    ("I cannot say that I agree with you there.", "DISAGREES_WITH"),
    ("Honestly, I can't say I disagree with any of that.", "AGREES_WITH"),
    ("I can't say I agree or disagree yet.", None),
    # nothing seen that bears it out, a retort, a reading too kind, the fact that undoes it
    ("I've not seen any data that supports that.", "DISAGREES_WITH"),
    ("We haven't seen a shred of evidence for that.", "DISAGREES_WITH"),
    ("Where's the proof, though?", "DISAGREES_WITH"),
    ("Says the party that cut the budget three years running.", "DISAGREES_WITH"),
    ("Tell that to the drivers who queued all night.", "DISAGREES_WITH"),
    ("Good luck with that.", "DISAGREES_WITH"),
    ("Oh, come off it.", "DISAGREES_WITH"),
    ("That's a rather charitable interpretation of the figures.", "DISAGREES_WITH"),
    ("Except that the queues were six hours long.", "DISAGREES_WITH"),
    ("Except we have.", "DISAGREES_WITH"),
    ("I've seen the data that supports that, and it holds up.", None),
    ("I haven't seen the new figures yet, to be honest.", None),
    ("Good luck with the launch next week.", None),
    ("Tell them about the new scheme when they call.", None),
    ("Except for the north, the numbers improved everywhere.", None),
    ("That's a generous offer from the council.", None),
    ("Says a lot about the council that nobody turned up.", None),
    ("Where's the best place to get a test?", None),
    ("There's no evidence that the drug causes harm.", None),  # a claim of its own, pointing at nothing said
    # a judgement of a proposal in the speaker's own words, not of what was said
    ("I don't think it is wise for the council to raise the fares this year.", None),
    ("I don't think it's fair.", "DISAGREES_WITH"),
    ("It's absolutely right that we protect the care homes first.", None),  # a judgement in the speaker's own words
    ("I think it's wrong to pull the statue down in the middle of the night.", None),
    ("It's wrong to say the council ignored the warnings.", "DISAGREES_WITH"),
    ("It's true, the care homes came first.", "AGREES_WITH"),
    # an intensifier opens an agreement only on its own or before what agrees: "Totally wrong." disagrees
    ("Totally wrong.", "DISAGREES_WITH"),
    ("Absolutely false, and he knows it.", "DISAGREES_WITH"),
    ("Totally.", "AGREES_WITH"),
    ("Exactly right.", "AGREES_WITH"),
    ("Exactly what I was going to say.", "AGREES_WITH"),
    ("Absolutely the wrong call for the schools.", None),
    ("Every economist says that's a fantasy.", "DISAGREES_WITH"),
    # what the other denies, thrown back; what they assert, doubted as unknown; a point waved aside
    ("That wasn't what happened.", "DISAGREES_WITH"),
    ("That's exactly what you did.", "DISAGREES_WITH"),
    ("Well, you don't know that.", "DISAGREES_WITH"),
    ("We don't know that yet.", "DISAGREES_WITH"),
    ("Nobody knows that for sure.", "DISAGREES_WITH"),
    ("That's a bit of a non-issue, to be honest.", "DISAGREES_WITH"),
    ("That's exactly what you said on the show last week.", "DISAGREES_WITH"),
    ("We don't know that many people in the town.", None),
    ("You don't know that song, do you?", None),
    ("That's exactly what we want from a scheduler.", None),
    ("You didn't hear a word I said.", "DISAGREES_WITH"),
    ("Some of them, not all of them.", "DISAGREES_WITH"),
    ("You didn't hear the news about the merger?", None),
    # seen otherwise, made light of what is hard
    ("That's not quite how I see it.", "DISAGREES_WITH"),
    ("The numbers paint a very different picture.", "DISAGREES_WITH"),
    ("Not in my experience.", "DISAGREES_WITH"),
    ("I think we'll have to disagree there.", "DISAGREES_WITH"),
    ("Well, that's all very easy to say.", "DISAGREES_WITH"),
    ("Things are not as simple as you make out.", "DISAGREES_WITH"),
    ("That's a bit rich coming from the party that wrote the rules.", "DISAGREES_WITH"),
    ("It's not that simple to build a compiler from scratch.", None),
    ("Because it's not that easy.", None),  # a reason, given for what the speaker goes on to do
    ("It's easy to say no to a bad deal.", None),
    ("That's a rich source of data for the labs.", None),
    ("Not in my lifetime will we see a fully autonomous lab.", None),
    # what the speaker sees too
    ("That's what we're seeing as well.", "AGREES_WITH"),
    ("We're seeing the same thing in our clinic.", "AGREES_WITH"),
    ("That's what we saw in March, when the tests ran out.", None),
])
def test_a_reply_takes_the_stance_its_family_says(sentence, stance):
    from extract.stance_cues import stance_cues

    found = [rel for rel, _, _ in stance_cues(sentence, RULES)]
    assert found[:1] == ([stance] if stance else []), (sentence, found)


def test_an_agreement_conceded_before_an_objection_takes_both_stances():
    from extract.stance_cues import stance_cues

    found = [rel for rel, _, _ in stance_cues("I agree with Ada on the costs, but she's wrong about the timeline.", RULES)]
    assert found == ["DISAGREES_WITH", "AGREES_WITH"]


@pytest.fixture
def rules_only(monkeypatch):
    """The build as it runs without a trained claim model: every unit the rules let through is a claim.
    For tests of what the rules decide (attribution, pointing words), not of the learned score."""
    from extract import claim_model

    monkeypatch.setattr(claim_model, "load", lambda: None)


def _dialogue(tmp_path, *turns: tuple[str, str]):
    from extract.pipeline import extract
    from extract.readers import read_text
    from extract.records import DocumentMeta

    text = "".join(f"{who} 00:00:{10 + 10 * i:02d}\n\n{said}\n\n" for i, (who, said) in enumerate(turns))
    return extract([read_text(text, DocumentMeta(path=str(tmp_path / "t.txt"), format=""))])


def test_the_speakers_own_story_is_told_not_claimed_and_what_it_names_is_still_mentioned(tmp_path):
    ex = _dialogue(tmp_path, ("Ada Quill", "How did you get into this?"),
                   ("Bram Ng", "I spent four years at Anthropic on the data team. Evaluation is the real bottleneck now."))
    assert [c.quote.strip() for c in ex.claims] == ["Evaluation is the real bottleneck now."]
    assert any(r.type == "MENTIONS" and r.target[1] == "Anthropic" for r in ex.relations)


@pytest.mark.parametrize("sentence, title, author", [
    ('As Ruiz et al., "Sparse Probes at Scale", found, the features are linear.', "Sparse Probes at Scale", "Ruiz et al."),
    ('Her essay "Notes on Small Models" makes the same argument.', "Notes on Small Models", None),
    ('Lena Ortiz\'s paper "Quiet Gradients" changed my mind.', "Quiet Gradients", "Lena Ortiz"),
    ('Read "Benchmarks Are Not Enough" by Lena Ortiz and Sam Park.', "Benchmarks Are Not Enough", "Lena Ortiz"),
    ("I loved Lena Ortiz's book The Quiet Machine.", "The Quiet Machine", "Lena Ortiz"),
    ("There's a great book by Lena Ortiz, Small Wonders, that lays out the risks.", "Small Wonders", "Lena Ortiz"),
    ('In "Small Models Win" Ortiz and colleagues showed the opposite.', "Small Models Win", "Ortiz"),
    ("The 2019 paper from Meridian Labs introduced the method.", "Meridian Labs paper (2019)", "Meridian Labs"),
    ("I wrote about this in my essay series on chips.", "Bram Ng essay series", "Bram Ng"),
])
def test_works_cited_in_speech_by_families_of_citation(tmp_path, sentence, title, author):
    ex = _dialogue(tmp_path, ("Ada Quill", "Where does that idea come from?"), ("Bram Ng", sentence))
    assert ("Work", title) in {r.target for r in ex.relations if r.type == "CITES"}
    work = ex.kb.get(("Work", title))
    assert author is None or author in work.props.get("authors", [])


@pytest.mark.parametrize("speaker, sentence, title", [
    ("Leopold Aschenbrenner", "I count the compute numbers in my essay series.", "Situational Awareness"),
    ("Ray Kurzweil", "As I said in my book in 1999, machines will match us.", "The Age of Spiritual Machines"),
])
def test_my_work_is_the_one_known_work_of_its_kind_by_the_speaker(tmp_path, speaker, sentence, title):
    ex = _dialogue(tmp_path, ("Ada Quill", "Where did you write about that?"), (speaker, sentence))
    assert ("Work", title) in {r.target for r in ex.relations if r.type == "CITES"}


@pytest.mark.parametrize("sentence", [
    "So Lena Ortiz and others have a paper that talks about this, where they call it hidden incentives.",
    "Then Lena Ortiz in her paper on decision theory wrote that the agent should pay.",
    "In principle, Anthropic could have produced a paper saying it had happened.",
    "Lena Ortiz made a great diagram at the start of the paper.",
    "There's a line of work starting with Lena Ortiz and the paper after it.",
])
def test_a_sentence_about_a_person_and_a_paper_names_no_work_after_its_words(tmp_path, sentence):
    """"Lena Ortiz and others have a paper": the words between an owner and "paper" are no topic the paper has."""
    ex = _dialogue(tmp_path, ("Lena Ortiz", "Where does that idea come from?"), ("Bram Ng", sentence))
    assert [r.target[1] for r in ex.relations if r.type == "CITES"] == []


def test_a_question_quoted_inside_a_sentence_does_not_cut_the_sentence(tmp_path):
    """"… the question, "Are there finitely many?", is orthogonal …": the claim is the whole sentence, never one that
    opens on the comma after the quote."""
    ex = _dialogue(tmp_path, ("Ada Quill", "What breaks if you define it that way?"),
                   ("Bram Ng", 'Then the question, "Are there finitely many ones?", is orthogonal to itself because '
                               'its history is empty.'))
    assert [c.text for c in ex.claims] == [
        'Then the question, "Are there finitely many ones?", is orthogonal to itself because its history is empty.']


@pytest.mark.parametrize("said, claim", [
    ("Right now, my best guess is that the...", False),
    ("It was mostly about the data and...", False),
    ("And we think that's because-", False),
    ("I think scaling will keep working for a few more years...", True),
    ("Small models trained on clean data beat large ones...", True),
])
def test_speech_cut_off_mid_clause_is_no_claim(tmp_path, said, claim):
    """A sentence that trails off, or is cut off, right after "the", "and" or "because" never finished its point."""
    ex = _dialogue(tmp_path, ("Ada Quill", "Why did the second run work?"), ("Bram Ng", said))
    assert bool(ex.claims) is claim


def test_a_title_with_its_subtitle_and_without_is_one_work_but_a_sequel_is_another(tmp_path):
    ex = _dialogue(tmp_path, ("Ada Quill", 'As Ruiz et al., "Sparse Probes at Scale: Linear Features in Large Models", '
                                           'found, the features are linear.'),
                   ("Bram Ng", 'Her paper "Sparse Probes at Scale" makes the same argument about transfer.'),
                   ("Ada Quill", 'And her essay "Sparse Probes at Scale Revisited" takes it back.'))
    works = sorted({r.target[1] for r in ex.relations if r.type == "CITES"})
    assert works == ["Sparse Probes at Scale Revisited", "Sparse Probes at Scale: Linear Features in Large Models"]


def test_quoted_speech_is_no_work(tmp_path):
    ex = _dialogue(tmp_path, ("Ada Quill", "What did he tell you?"),
                   ("Bram Ng", 'And Sam said, "We will get there by 2030." He told me "Scaling is dead" from Paris.'))
    assert not [r for r in ex.relations if r.type == "CITES"]


def test_a_disagreement_that_names_a_titled_speaker_is_with_that_speaker(tmp_path):
    ex = _dialogue(tmp_path, ("Dr. Jane Doe", "Data is the wall."),
                   ("Sam Lee", "I disagree, compute is the wall. Jane Doe is wrong about that."))
    people = {r.target for r in ex.relations if r.type == "DISAGREES_WITH" and r.target[0] == "Person"}
    assert people == {("Person", "Jane Doe")}
    [target] = [r.props["target_quote"] for r in ex.relations if r.type == "DISAGREES_WITH" and r.target[0] == "Claim"][:1]
    assert target == "Data is the wall."


def test_a_reply_targets_the_point_it_answers_and_carries_its_words(tmp_path):
    ex = _dialogue(tmp_path,
                   ("Ada Quill", "Synthetic data will get us past the data wall. Compute is the real bottleneck now."),
                   ("Bram Ng", "I'd push back on the data wall part. Synthetic data collapses after a few rounds."))
    edges = [r for r in ex.relations if r.type == "DISAGREES_WITH"]
    people = {(r.source[1], r.target[1]) for r in edges if r.source[0] == "Person"}
    assert ("Bram Ng", "Ada Quill") in people
    assert all("data wall" in r.props["target_quote"] for r in edges)  # the point named, not the last one


def test_a_stance_with_someone_named_by_office_is_with_the_speaker_so_labelled(tmp_path):
    from extract.pipeline import extract
    from extract.readers import read_text
    from extract.records import DocumentMeta

    text = ("MODERATOR: Let us turn to infrastructure.\n\n"
            "QUILL: The bridges need repair before we build new roads.\n\n"
            "OKAFOR: The roads matter more than the bridges.\n\n"
            "MODERATOR: Governor Reyes?\n\n"
            "REYES: Governor Okafor is wrong about the roads. Nobody drives on them anymore.\n\n"
            "QUILL: Governor Reyes is right about the roads.\n\n"
            "OKAFOR: We will see.\n\nREYES: We will.\n")
    ex = extract([read_text(text, DocumentMeta(path=str(tmp_path / "debate.txt"), format=""))])
    people = {(r.type, r.source[1], r.target[1]) for r in ex.relations
              if r.type in ("AGREES_WITH", "DISAGREES_WITH") and r.source[0] == r.target[0] == "Person"}
    assert ("DISAGREES_WITH", "Reyes (debate)", "Okafor (debate)") in people  # not the moderator who asked
    assert ("AGREES_WITH", "Quill (debate)", "Reyes (debate)") in people


def test_anonymous_speakers_take_stances_too(tmp_path):
    ex = _dialogue(tmp_path, ("Speaker 1", "Open models will match the closed ones within a year."),
                   ("Speaker 2", "Totally. The gap closes every quarter."))
    edges = [r for r in ex.relations if r.type == "AGREES_WITH" and r.source[0] == r.target[0] == "Person"]
    assert [(r.source[1], r.target[1]) for r in edges] == [("Speaker 2 (t)", "Speaker 1 (t)")]
    assert edges[0].props["target_quote"].startswith("Open models will match")


@pytest.mark.parametrize("prompt", ["Senator Quill, your response.", "Thank you, Senator.", "Senator Quill, how do you respond?",
                                    "What do you say to that, Senator?", "Your reaction, Senator Quill?"])
def test_a_reply_past_a_prompt_answers_the_speaker_before_it(tmp_path, prompt):
    ex = _dialogue(tmp_path, ("Bram Ng", "Her plan would raise rents in every city by a third."),
                   ("Cleo Ray", prompt),
                   ("Ada Quill", "I don't agree. Rents fall wherever the plan has been tried."),
                   ("Bram Ng", "They rose in both of the cities that tried it."))
    edges = [r for r in ex.relations if r.type == "DISAGREES_WITH" and "agree" in r.evidence.quote]
    assert edges and {r.props.get("target_quote") for r in edges} == {"Her plan would raise rents in every city by a third."}
    assert ("Person", "Bram Ng") in {r.target for r in edges}


def test_agreeing_with_an_objection_that_makes_its_own_point_is_agreement(tmp_path):
    """"Yeah, but vegetarian animals are not necessarily peaceful." — "Yeah, that's true.": the objection's own point
    is agreed with; only a bare denial ("That's not true.") makes "It is true." insist on one's point."""
    ex = _dialogue(tmp_path, ("Ada Quill", "Animals that eat plants never fight each other over food."),
                   ("Bram Ng", "Yeah, but vegetarian animals are not necessarily peaceful animals."),
                   ("Ada Quill", "Yeah, that's true."), ("Bram Ng", "Let's move on to the birds."))
    people = {(r.type, r.source[1], r.target[1]) for r in ex.relations if r.source[0] == r.target[0] == "Person"}
    assert ("AGREES_WITH", "Ada Quill", "Bram Ng") in people and ("DISAGREES_WITH", "Ada Quill", "Bram Ng") not in people


def test_confirming_ones_own_point_against_its_denial_disagrees_but_a_third_who_confirms_the_denial_agrees(tmp_path):
    said = ("Ada Quill", "Her plan will raise taxes on every family in the state."), ("Bram Ng", "That's just not true.")
    for third, reply, stance in (("Ada Quill", "It is true.", "DISAGREES_WITH"), ("Cleo Ray", "That's right.", "AGREES_WITH")):
        ex = _dialogue(tmp_path, *said, (third, reply), ("Bram Ng", "Let's move on to the schools."))
        people = {(r.type, r.source[1], r.target[1]) for r in ex.relations if r.source[0] == r.target[0] == "Person"}
        assert (stance, third, "Bram Ng") in people and len([p for p in people if p[1] == third]) == 1


@pytest.mark.parametrize("said, reply, stance", [
    ("You haven't done anything for the farmers.", "We have. We doubled the grants last year.", "DISAGREES_WITH"),
    ("The grants never reached the north.", "They did.", "DISAGREES_WITH"),
    ("In Wales, correct me if I'm wrong, you can't visit the care homes.", "You can, yes.", "DISAGREES_WITH"),
    ("Prices will fall by the spring.", "They won't.", "DISAGREES_WITH"),
    ("We're not putting up with the rules any more.", "They already are.", "DISAGREES_WITH"),
    ("The new scheduler works on every cluster we run.", "It does. We moved the last one over in May.", "AGREES_WITH"),
    ("The rollout is a shambles from start to finish.", "It is.", "AGREES_WITH"),
    ("Did the grants reach the north?", "They did.", None),  # an answer to a question takes no stance
    ("The grants never reached the north.", "They did a survey of the farms in March.", None),  # says more than yes or no
    # "no" before a verb that agrees with a negative sentence agrees, also with a point put with a tag
    ("I mean, the clearing of the forest, that's not a natural process, right?", "No, no, it's not.", "AGREES_WITH"),
    ("The clearing of the forest is a natural process.", "No, it's not.", "DISAGREES_WITH"),
    ("They're not going to ship it this year.", "No, they're not.", "AGREES_WITH"),
    ("The standards are not set in stone, right?", "No, that's indispensable.", None),
    ("The standards are set in stone, right?", "No, they change every year.", "DISAGREES_WITH"),
    ("You didn't rely on the new chips for that.", "No, I don't think so.", None),
    ("You relied on the new chips for that.", "No, I don't think so.", "DISAGREES_WITH"),
])
def test_a_reply_of_a_subject_and_its_verb_says_yes_or_no_to_the_sentence_it_answers(tmp_path, said, reply, stance):
    ex = _dialogue(tmp_path, ("Ada Quill", said), ("Bram Ng", reply), ("Ada Quill", "Let's move on to the schools."))
    people = {r.type for r in ex.relations if (r.source, r.target) == (("Person", "Bram Ng"), ("Person", "Ada Quill"))}
    assert people == ({stance} if stance else set())


@pytest.mark.parametrize("said, reply, stance", [
    # "I don't think" of what a negative sentence says joins it; of something else, or "that's true", it denies
    ("I'm not sure who's in charge of the release now.", "I don't think anyone's in charge of it.", None),
    ("The chip is not going to ship this year.", "I don't think so, no.", None),
    ("Twenty-three recommendations, and not a single one was implemented.", "I don't think we are behind at all.",
     "DISAGREES_WITH"),
    ("The grants never reached the north.", "I don't think that's true.", "DISAGREES_WITH"),
    ("The grants reached the north in May.", "I don't think anyone got them.", "DISAGREES_WITH"),
])
def test_i_dont_think_to_a_negative_sentence_agrees_when_it_says_the_same(tmp_path, said, reply, stance):
    ex = _dialogue(tmp_path, ("Ada Quill", said), ("Bram Ng", reply), ("Ada Quill", "Let's move on to the schools."))
    people = {r.type for r in ex.relations if (r.source, r.target) == (("Person", "Bram Ng"), ("Person", "Ada Quill"))}
    assert "DISAGREES_WITH" not in people if stance is None else stance in people


@pytest.mark.parametrize("reply, disagrees", [
    ("They're just wrong about the pricing.", False),  # about the vendors, not about Ada
    ("He's been wrong about this for years.", False),  # between two people, "he" is neither of them
    ("You're wrong about the pricing.", True),
])
def test_calling_a_third_party_wrong_is_no_disagreement_with_whom_it_answers(tmp_path, reply, disagrees):
    ex = _dialogue(tmp_path, ("Ada Quill", "The cloud vendors think everyone will pay for reserved GPUs. They're way off."),
                   ("Bram Ng", reply), ("Ada Quill", "Let's move on to the schools."))
    edges = {r.type for r in ex.relations if (r.source, r.target) == (("Person", "Bram Ng"), ("Person", "Ada Quill"))}
    assert ("DISAGREES_WITH" in edges) == disagrees


def test_a_bare_reply_is_read_with_what_it_goes_on_to_assert(tmp_path):
    """"That's not true." shares no word with anything; "I voted for the final housing bill." says which
    claim it answers.  ("I'm" names no one, so it does not tie the reply to a claim that has one.)"""
    ex = _dialogue(tmp_path, ("Ada Quill", "She voted against the housing bill three times. I'm told rents doubled. "
                                           "We need more homes."),
                   ("Bram Ng", "That's not true. I voted for the final housing bill, and I'm proud of it."))
    [edge] = [r for r in ex.relations if r.type == "DISAGREES_WITH" and r.target[0] == "Claim"]
    assert edge.props["target_quote"].startswith("She voted against the housing bill")


@pytest.mark.parametrize("turns, relation", [
    # "the governor": the one person the document calls governor, and what he last claimed
    ([("Ana Reyes", "Most people who overstay came in legally, on visas."),
      ("Cleo Ray", "Senator Hale, do you agree with Governor Reyes that overstays are the larger problem?"),
      ("Tom Hale", "I agree with the governor that overstays are a problem. The border is the bigger one."),
      ("Cleo Ray", "Thank you both.")], "AGREES_WITH"),
    # "my opponent": the one other speaker who argues rather than asks
    ([("Cleo Ray", "Welcome to both of you. What would you do about rents?"),
      ("Ana Reyes", "Most people who overstay came in legally, on visas."),
      ("Cleo Ray", "Senator, what is your plan for rents?"),
      ("Tom Hale", "My opponent is wrong about the cause. Zoning drove rents up, not a lack of homes."),
      ("Cleo Ray", "Thank you both. What about taxes?")], "DISAGREES_WITH"),
])
def test_a_reply_that_names_a_debater_by_office_or_as_opponent_is_with_them_not_the_moderator(tmp_path, turns, relation):
    ex = _dialogue(tmp_path, *turns)
    edges = [r for r in ex.relations if r.type == relation]
    assert ("Person", "Ana Reyes") in {r.target for r in edges}
    assert ("Person", "Cleo Ray") not in {r.target for r in edges}
    assert any(r.props.get("target_quote") == "Most people who overstay came in legally, on visas." for r in edges)


@pytest.mark.parametrize("text, document, whom", [
    ("I agree with the governor on this.", "Governor Reyes, your answer. Thank you, Governor Reyes.", "Reyes"),
    ("The senator is wrong.", "Senator Hale and Senator Ortiz are here.", None),  # two senators: no one
    ("The data is wrong.", "Governor Reyes spoke.", None),
])
def test_whom_a_title_names(text, document, whom):
    from extract.stance import titled

    assert titled(text, document, RULES) == whom


def test_cues_name_people_whose_names_open_on_any_latin_capital(tmp_path):
    ex = _dialogue(tmp_path, ("Łukasz Kaiser", "Synthetic data removes the data wall for good."),
                   ("Bram Ng", "Compute is the bottleneck, not data."),
                   ("Élodie Martin", "I agree with Łukasz on this. According to Bram, chips stay scarce."),
                   ("Łukasz Kaiser", "Thank you."), ("Élodie Martin", "Thank you both."))
    assert ("AGREES_WITH", "Élodie Martin", "Łukasz Kaiser") in {
        (r.type, r.source[1], r.target[1]) for r in ex.relations if r.target[0] == "Person"}
    [claim] = [c for c in ex.claims if c.text.startswith("According to Bram")]
    assert (claim.stance, claim.speaker[1]) == ("reported", "Bram Ng")


def test_a_question_can_be_what_a_reply_confirms(tmp_path):
    ex = _dialogue(tmp_path, ("Ada Quill", "Didn't the first version leak its keys to the logs?"),
                   ("Bram Ng", "Yeah, exactly. Nonce handling is a problem with every signature scheme."))
    [edge] = [r for r in ex.relations if r.type == "AGREES_WITH" and r.target[0] == "Person"]
    assert edge.props["target_quote"] == "Didn't the first version leak its keys to the logs?"


@pytest.mark.parametrize("sentence, stance, whose", [
    ("People used to say it was a hardware problem.", "rejected", "Bram Ng"),
    ("The common misconception is that bigger is always better.", "rejected", "Bram Ng"),
    ("Imagine if Ada says the model is conscious tomorrow.", "hypothetical", "Bram Ng"),
    ("I thought, \"Nobody will ever pay for a chatbot.\"", "rejected", "Bram Ng"),
    ("I thought the benchmark was hard enough to last, and it still is.", None, "Bram Ng"),
    ("Let's say the lab releases every weight next week.", "hypothetical", "Bram Ng"),
    ("Ada's view is that scaling alone will get there.", "reported", "Ada Quill"),
    ("According to Ada, scaling alone will get there.", "reported", "Ada Quill"),
    ("Scaling alone will get there, according to Ada.", "reported", "Ada Quill"),
    ("Ada's essay on compute argues that search and learning are the methods that scale.", "reported", "Ada Quill"),
    ("Ada's paper came out last year and was cited a thousand times.", None, "Bram Ng"),
    ("In Ada's paper, the loss says nothing about reasoning.", None, "Bram Ng"),
    ("Ada hypothesizes that memory is stored in the weights of every layer.", "reported", "Ada Quill"),
    ("In their latest paper, they say that the loss curve was predicted in advance.", "reported", "Bram Ng"),
    ("On the chip question, when she was on the show last spring Ada said that fabs would stay scarce.", "reported",
     "Ada Quill"),
    ("Having said that, I think the loss curve will flatten by spring.", None, "Bram Ng"),
    ("Scaling alone will not get there by itself.", None, "Bram Ng"),
    # what others say, with no one named: the speaker reports it, not holds it
    ("Even in 2019 you would still have researchers saying that deep learning had hit a wall.", "reported", "Bram Ng"),
    ("Back then everyone was saying the data wall would stop progress.", "reported", "Bram Ng"),
    ("Critics argue benchmarks are saturated.", "reported", "Bram Ng"),
    ("People love to claim that transformers can't reason.", "reported", "Bram Ng"),
    ("I keep hearing that synthetic data causes model collapse.", "reported", "Bram Ng"),
    ("You hear a lot of people say interpretability is hopeless.", "reported", "Bram Ng"),
    ("There's this idea floating around that bigger models always generalize better.", "reported", "Bram Ng"),
    ("The standard line from the labs is that safety scales with capability.", "reported", "Bram Ng"),
    ("My cofounder keeps telling me that agents are overhyped.", "reported", "Bram Ng"),
    ("If you asked most economists, they'd tell you automation creates jobs.", "reported", "Bram Ng"),
    ("Everyone knows the data wall is coming.", None, "Bram Ng"),
    ("Nobody is saying that the data wall is a myth.", None, "Bram Ng"),
    ("Researchers have shown that the loss falls smoothly with compute.", None, "Bram Ng"),
    ("People argue about the data wall all the time.", None, "Bram Ng"),
    ("Most people think that the bubble will burst.", "reported", "Bram Ng"),
    ("As Ada put it, scaling is the only thing that has worked.", "reported", "Ada Quill"),
    ("Ada keeps saying that open models will win.", "reported", "Ada Quill"),
    ("In Ada's words, the model is a simulator.", "reported", "Ada Quill"),
    ("Ada has argued for years that interpretability matters.", "reported", "Ada Quill"),
    ("Ada thinks we'll get there by 2030.", "reported", "Ada Quill"),
    ("Ada's been saying that for years: robots need more data.", "reported", "Ada Quill"),
    ("Like I said, the data wall is real.", None, "Bram Ng"),
    ("People think that way because the demos are good.", None, "Bram Ng"),
    # views set up to be knocked down, and views only supposed
    ("The naive view is that more parameters always help.", "rejected", "Bram Ng"),
    ("It's tempting to think that benchmarks measure intelligence.", "rejected", "Bram Ng"),
    ("There's a myth that open models are always behind.", "rejected", "Bram Ng"),
    ("A lot of people assume that bigger is always better, but that's wrong.", "rejected", "Bram Ng"),
    ("Contrary to popular belief, data is not the bottleneck.", None, "Bram Ng"),
    ("The obvious answer is compute, and it's the right one.", None, "Bram Ng"),
    ("Say a startup trains a model on ten times the data.", "hypothetical", "Bram Ng"),
    ("Picture a model that can run a company by itself.", "hypothetical", "Bram Ng"),
    ("Let's assume the data wall is real.", "hypothetical", "Bram Ng"),
    ("Pretend for a second that alignment is solved.", "hypothetical", "Bram Ng"),
    ("Say what you want about the lab, the model is good.", None, "Bram Ng"),
    ("Picture quality improved a lot with the new decoder.", None, "Bram Ng"),
    ("I assume that the weights will leak eventually.", None, "Bram Ng"),
    # a view anyone might hold, only entertained
    ("You could easily think that the data wall ends scaling for good.", "hypothetical", "Bram Ng"),
    ("If you only read the headlines, you might think open models are a year behind.", "hypothetical", "Bram Ng"),
    ("One could argue that fine-tuning is just a patch on a bad prior.", "hypothetical", "Bram Ng"),
    ("You could still think, quite reasonably, that we need new algorithms.", "hypothetical", "Bram Ng"),
    ("A skeptic would say the gains are all in the evals.", "hypothetical", "Bram Ng"),
    ("You might think the curve holds, but it bent twice last year.", None, "Bram Ng"),
    ("You could think of the model as a compression engine for the web.", None, "Bram Ng"),
    ("I would say the gains in reasoning are real and large.", None, "Bram Ng"),
    # what a group tells the speaker, and a report the speaker goes on to deny
    ("Everyone tells you that the data is the moat.", "reported", "Bram Ng"),
    ("Investors told us the market for small models was too small.", "reported", "Bram Ng"),
    ("People told me scaling would stop at GPT-4. That's not the case.", "rejected", "Bram Ng"),
    # the other speaker's view put into the speaker's words, to check it: theirs, not the speaker's
    ("So you're saying the data wall will stop progress by spring.", "reported", "Bram Ng"),
    ("What you're saying is that nobody checked the training data.", "reported", "Bram Ng"),
    ("Your argument is that open models will always be a year behind.", "reported", "Bram Ng"),
    ("You mean the labs should have seen the collapse coming.", "reported", "Bram Ng"),
    ("You said earlier that agents would run most support desks.", "reported", "Bram Ng"),
    ("You're saying to yourself that the curve can't hold forever, and it can't.", None, "Bram Ng"),
    ("If you're saying something false, the model repeats the error back to every user.", None, "Bram Ng"),
])
def test_views_a_speaker_does_not_hold_are_marked_or_credited_to_whom_they_belong(tmp_path, rules_only, sentence, stance,
                                                                                   whose):
    ex = _dialogue(tmp_path, ("Ada Quill", "We should talk about where scaling goes next."), ("Bram Ng", sentence))
    [claim] = [c for c in ex.claims if c.quote.strip() == sentence]
    assert (claim.stance, claim.speaker[1]) == (stance, whose)


def test_a_summary_credits_he_and_she_to_whom_the_sentence_before_reported(tmp_path):
    """"He believes …" right after "Ada Quill argues …" is her view too; a bulleted takeaway "according to
    Bram" is his; a takeaway nobody is named for is nobody's."""
    p = tmp_path / "summary.md"
    p.write_text("---\ntitle: Scaling, with Ada Quill and Bram Ng\nspeakers: [Ada Quill, Bram Ng]\n---\n"
                 "# Summary\n\nIn this episode, Ada Quill argues that scaling is not over. She believes synthetic "
                 "data checked by verifiers removes the data wall.\n\n## Takeaways\n\n- Verifiers matter more than "
                 "raw text.\n- Hardware remains expensive, according to Bram Ng.\n", encoding="utf-8")
    from extract.pipeline import extract
    from extract.readers import read_path

    ex = extract([read_path(p)])
    whose = {c.text: (c.speaker[1] if c.speaker else None, c.stance) for c in ex.claims}
    assert whose == {
        "In this episode, Ada Quill argues that scaling is not over.": ("Ada Quill", "reported"),
        "She believes synthetic data checked by verifiers removes the data wall.": ("Ada Quill", "reported"),
        "Verifiers matter more than raw text.": (None, None),
        "Hardware remains expensive, according to Bram Ng.": ("Bram Ng", "reported"),
    }


def test_a_wiki_summary_credits_he_to_whom_the_bullet_before_reported(tmp_path):
    from extract.pipeline import extract
    from extract.readers import read_path
    from tests.conftest import written

    doc = read_path(written(tmp_path, "wiki.md", "---", "title: Scaling", "speakers: [Ada Quill, Bram Ng]", "---",
                            "# Scaling with [[Ada Quill]]", "",
                            "- [[Bram Ng]] thinks hardware is the bottleneck for [[robotics]].",
                            "- He also argues that chip supply will stay tight for years because every new fab takes "
                            "half a decade.",
                            "- Verifiers matter more than raw text."))
    assert {t.kind for t in doc.turns} == {"summary"}
    whose = [(c.speaker[1] if c.speaker else None, c.attribution) for c in extract([doc]).claims]
    assert whose == [("Bram Ng", "reported"), ("Bram Ng", "reported"), (None, "unknown")]


@pytest.mark.parametrize("category, sentence", [
    ("setup", "There are two reasons scaling keeps working: data and compute."),
    ("setup", "You have a point about the rents, Governor."),
    ("setup", "Take the hardware problem seriously or you will fail."),
    ("setup", "Look at how much better the models got once we added code."),
    ("setup", "You were saying that the data runs out, but synthetic data fixes that."),
    ("setup", "I think there are a lot of reasons to doubt that scaling keeps working past 2027."),
    ("setup", "I think there are a few labs that will ship agents this year."),
    ("setup", "We have some ideas that cut the training cost in half."),
    ("filler", "I would say yes, because the data shows it."),
    ("question", "How we evaluate these models matters a lot."),
    ("question", "What we found is that the curve kept going."),
    ("filler", "One second of latency is too much for voice apps."),
    ("filler", "I have no idea why the loss spiked, but the data changed that week."),
    ("filler", "Hold on to your GPUs, prices are going up for years."),
    ("filler", "Hang on, that number is wrong because the survey changed in 2020 and nobody adjusted it."),
    ("boilerplate", "We will be back to normal growth rates by next year."),
    ("setup", "I want to go back to school someday."),
    ("narration", "We moved to a mixture of experts because dense models got too expensive."),
    ("narration", "So we started the company in 2019 because nobody was building evals."),
    ("narration", "My first job taught me that data beats models."),
    ("narration", "I was working on the theory that data matters most."),
    ("narration", "I met my co-founder at a hackathon. We both thought evals were broken."),
    ("narration", "I met a teacher who told me the budget was cut, because the district lost its grant."),
    ("narration", "I've talked to many researchers and I learned that nobody trusts the benchmarks."),
    ("question", "You could explain the gap with data quality alone."),
    ("question", "You can describe any program as a circuit."),
    ("question", "I'd be interested in funding that kind of work."),
    ("setup", "We're going to turn the economy around."),
    ("setup", "We will move to renewable energy by 2035."),
    ("reported_view", "We keep saying that to our investors."),
    ("reported_view", "Nobody is saying that the data wall is a myth."),
    ("reported_view", "Someone would probably say the opposite."),
    ("reported_view", "People told me about the launch on the day it happened."),
    ("reported_view", "Users tell you how to fix it all the time."),
    ("reported_view", "Somebody wrote that malware years ago."),
    ("setup", "Here's what I think: scaling is over."),
    ("setup", "Turning now to China, the tariffs failed."),
    ("agree", "I think it makes sense to move the signing code into the library."),
    ("agree", "It makes sense that prices fell after the halving."),
    ("agree", "I feel like it probably makes sense today for companies that trade often."),
    ("disagree", "Yes, but then with a newer hash, the 256-bit one this time, but that doesn't change much."),
    ("disagree", "No, we're good."),
    ("setup", "We can talk about alignment all day, but nobody knows what it means."),
    ("setup", "I'll tell you about the time the cluster caught fire because it matters."),
    ("setup", "My guest today is wrong about scaling, and I'll tell you why."),
    ("setup", "It's a privilege to have a roof over my head, and I know it."),
    ("setup", "I'm excited to have more compute next year, because training runs keep growing."),
    ("setup", "She was joined by two co-founders in 2019, and the company grew fast."),
    ("setup", "I'll come back to Python because the tooling is just better."),
    ("setup", "I won't go into a market where margins are that thin."),
    ("question", "If you could cut inference cost in half, please tell me how, because nobody has."),
    ("setup", "The economy is divided into rich and poor regions, and the gap keeps growing."),
    ("setup", "The questions are hard, and the model still answers most of them."),
    ("setup", "We'll explore three options for the data centre before we sign anything."),
    ("question", "Talk about a bad idea."),
    ("question", "People tell us about their failures all the time, and that data is gold."),
    ("setup", "The one thing I want to point out is that the evals leak."),
    ("setup", "I want to talk about why open models will win, because the cost curve says so."),
    ("agree", "To agree with that you'd need evidence."),
    ("agree", "Correct me if I'm wrong, but the bill passed."),
    ("agree", "True to form, he left early."),
    ("agree", "True story, I was there."),
    ("disagree", "It's comparable to what the county spent last year."),
    ("disagree", "Nobody is anywhere near as tired as the nurses."),
    ("disagree", "That's not the only problem we have."),
    ("disagree", "It's not a problem for the county."),
    ("disagree", "No, Chris, you're right about the cap."),
    ("disagree", "That's rubbish collection day, by the way."),
    ("setup", "I want to start with the data wall, because it matters most."),
    ("setup", "We wanted to start with a small model, but the data was not there."),
    ("setup", "Let's start with a bigger model and see what breaks first in the cluster, and nobody knows the answer yet."),
    ("question", "They walk us through the same steps every year, and it never changes."),
    ("disagree", "It doesn't answer every question we had about the model, but it's a start."),
    ("disagree", "The paper doesn't answer the question of scale."),
    ("disagree", "I never said goodbye to the team before I left."),
    ("disagree", "You're dodging traffic every morning on that bike."),
    ("disagree", "What you get is a faster model for the same money."),
    ("filler", "It's interesting that nobody measured the data."),
    ("filler", "I find this approach really interesting because it avoids labels."),
    ("filler", "That's an exciting result for the whole field."),
    # astonishment and dismay are no denial: "I can't believe …", "Oh no, …"
    ("disagree", "I can't believe the new build even runs on a phone."),
    ("disagree", "I just can't believe that, honestly, it's so good."),
    ("disagree", "Oh no, I'm never going to write a parser by hand again."),
    # "either" joins the other's "no"
    ("disagree", "I don't think it does either."),
    ("disagree", "Yeah, I don't think that's the right tool either."),
    # a "no" before praise waves off modesty or thanks
    ("disagree", "Yeah, no, it's super-cool."),
    ("disagree", "No, they were really kind about the whole thing."),
])
def test_cue_families_leave_what_is_not_theirs(category, sentence):
    """A claim that starts like a set-up, an answer word or a question is still a claim."""
    assert not hits(category, sentence)


def test_claims_that_point_back_carry_what_they_point_at_and_openers_go(tmp_path):
    """"This approach breaks at scale." is merged with the sentence it points at; "Look, …" loses its
    opener, "Look at …" keeps its verb; a question asked with a full stop is no claim."""
    ex = _dialogue(tmp_path, ("Ada Quill", "How do you see the memory question."),
                   ("Bram Ng", "Retrieval bolted onto a frozen model has a ceiling. This approach breaks at long contexts. "
                               "Look at the older retrieval benchmarks from the summer. Look, nobody has solved memory yet."))
    texts = [c.text for c in ex.claims]
    assert "Retrieval bolted onto a frozen model has a ceiling. This approach breaks at long contexts." in texts
    assert not any(t.startswith("At the older") for t in texts)  # "Look at" is no opener (and points, not claims)
    assert "Nobody has solved memory yet." in texts
    assert not any(t.startswith("How do you see") for t in texts)


@pytest.mark.parametrize("sentence, asked", [
    # transcripts that drop the question mark (annotated debates keep locutions without it, captions lose it)
    ("Is the lockdown the right answer for the schools.", True),
    ("Camilla, what is your view of the new rules.", True),
    ("And how much money did they actually raise last year.", True),
    ("What changes should we keep after the pandemic.", True),
    ("Doesn't it worry you that the tests are so slow.", True),
    ("Will the shops adopt a policy on masks next month.", True),
    ("Well, why do you think that is the case for the pubs.", True),
    # the same words in the order of an assertion
    ("What's interesting is that the small models caught up.", False),
    ("What we need is more testing in the care homes.", False),
    ("Now is the time to talk about the schools again.", False),
    ("Will be interesting to see how the vote goes next week.", False),  # its subject dropped
    ("Has nothing to do with the budget, but thanks for that.", False),
    ("Is a really cool thing for improving privacy on the chain.", False),
    ("Had the miners not signaled, the nodes would have forked off.", False),
    ("Which is not the end of the world for the network.", False),  # goes on with the sentence before
    ("Boris Johnson did what Boris Johnson always does.", False),
    ("Can I just say the nurses have been remarkable this year.", False),
    # a question word that is the main clause's subject, one past a phrase before a comma, a modal before "a"
    ("Who signed off on the contract for the testing centres.", True),
    ("What's holding the rollout back in the north.", True),
    ("Which party has the better plan for the railways.", True),
    ("Why was a review ordered so late in the year.", True),
    ("Would a second referendum settle the question for good.", True),
    ("Will closing the pubs early really cut the cases.", True),
    ("In the event of a second wave, what's the plan for the care homes.", True),
    ("Teachers in that situation, can they refuse to go back.", True),
    ("Mark are you confident the targets will be met.", True),
    ("What about the people who cannot work from home.", True),
    ("What sort of plan is the council going to come up with.", True),
    ("What happened was that the supplier ran out of glass vials.", False),
    ("Whatever the government does, the unions will push back.", False),
    ("However, the results were better than anyone expected.", False),
    ("In the end, what they built was a faster horse.", False),
    ("Who you know matters more than what you know in that town.", False),
    ("What a mess the exam season turned out to be.", False),
    ("Does a good job of explaining the risks, to be fair.", False),
    ("Mark, you are right about the targets for the spring.", False),
    ("You're the health secretary, do you want those people fined.", True),
    ("The rollout has been a great success, hasn't it.", False),  # a statement with a tag
    ("Which started in the north and spread south by the summer.", False),  # relatives going on with the sentence before
    ("Who have to travel two hours to see a doctor.", False),
    ("What will really make the difference is a proper plan.", False),
    ("Ultimately, what we're trying to do, as I say, is get back to normal.", False),
    ("When we had the lockdown, my dad, who is a taxi driver, said the roads were empty.", False),
    ("The thing that really upsets me, is the way the nurses were treated.", False),
    ("Multisigs, let's say, are the old way, and we'll use the proper terms from now on.", False),
])
def test_a_question_asked_with_a_full_stop_is_no_claim(tmp_path, sentence, asked):
    """A question is read by its word order, whatever mark ends it: an auxiliary before its subject, or a
    question word of the main clause; not a pseudo-cleft, a dropped subject, a supposition or a relative."""
    ex = _dialogue(tmp_path, ("Ada Quill", "The schools reopened in June after a long debate."),
                   ("Bram Ng", sentence), ("Ada Quill", "Right, the numbers will tell."))
    kinds = [u.kind for us in ex.units.values() for u in us if u.text == sentence]
    assert kinds and (kinds[0] == "question") == asked
    if asked:
        assert sentence not in {c.text for c in ex.claims}


@pytest.mark.parametrize("sentence, story", [
    ("Before the startup I was working as a data engineer at a bank.", True),
    ("And then we decided to rewrite the whole thing in a weekend.", True),
    ("I started contributing to a few open source projects around audio.", True),
    ("We were building small tools for musicians at the time.", True),
    ("I took that job in 2016, after the startup folded.", True),  # a date does not make a story a claim
    ("We cut the deficit in half in 2019.", False),
    # a view or a finding, a reason, a deed on the record, an obligation, the present: what the story is for
    ("We knew that the models would get cheaper every year.", False),
    ("We realized the benchmark was leaking into the training data.", False),
    ("We moved to Rust because the garbage collector pauses hurt our latency.", False),
    ("I voted against the bill twice.", False),
    ("We've got to be careful about what we release.", False),
    ("We didn't test anyone at the border.", False),
    ("I'm going to answer that in two parts.", False),
    ("We build small tools for musicians.", False),
    ("They were building small tools for musicians at the time.", False),
])
def test_what_the_speaker_did_told_as_a_story_is_no_claim(sentence, story):
    """"I"/"we", a past verb and nothing it leads to: the speaker's story, an aside whose names are still
    mentioned; past "I"/"we" with a thought, a finding or a reason is a claim."""
    from extract.nlp import curated_pipeline
    from extract.units import units

    kinds = [u.kind for u in units(curated_pipeline(RULES.digest)(sentence), RULES)]
    assert (kinds == ["aside"]) == story, kinds


@pytest.mark.parametrize("trail", ["So...", "So, yeah.", "I mean", "So basically what happens is…", "And then --",
                                   "So I find this idea pretty cool."])
def test_words_the_speaker_leaves_off_after_a_claim_are_not_part_of_it(tmp_path, trail):
    ex = _dialogue(tmp_path, ("Ada Quill", "How much memory does the indexer need?"),
                   ("Bram Ng", f"Memory use grows with the number of vectors you keep in the index. {trail}"))
    assert [c.text for c in ex.claims] == ["Memory use grows with the number of vectors you keep in the index."]


def test_a_sentence_whose_object_is_only_that_joins_the_claim_before_it(tmp_path):
    """"… coordinate that more." says nothing of what "that" is (the tagger may take the object for a
    preposition): it is read with the claim before it."""
    ex = _dialogue(tmp_path, ("Ada Quill", "Why merge the two labs?"),
                   ("Bram Ng", "Building frontier systems takes a huge amount of engineering. "
                               "I think it makes sense to coordinate that more."))
    assert [c.text for c in ex.claims] == ["Building frontier systems takes a huge amount of engineering. "
                                           "I think it makes sense to coordinate that more."]


def test_a_question_without_its_mark_does_not_join_the_claim_it_follows(tmp_path):
    """"How is it going to reach …" points back with "it", but asks: the claim before it stays whole and alone."""
    ex = _dialogue(tmp_path, ("Ada Quill", "The vaccine was approved this morning."),
                   ("Bram Ng", "The scientists warned that the rollout would be very hard. How is it going to reach "
                               "the islands. The ferries only run twice a week in winter."))
    texts = [c.text for c in ex.claims if c.speaker[1] == "Bram Ng"]
    assert "The scientists warned that the rollout would be very hard." in texts
    assert not any("How is it going" in t for t in texts)


@pytest.mark.parametrize("said, claims", [
    # a turn that opens on something only a pointing word stands for: no claim of its own
    ("It writes some code and can debug a little, but it gets stuck and cannot recover from its errors.", False),
    ("I'm very optimistic about that.", False),
    ("To actually improve the abilities.", False),
    ("So it writes some code and then gets stuck on its own errors every single time.", False),
    ("Because you didn't notice the results that mattered in the end.", False),
    ("In robotics, that can be much harder.", False),
    ("[before the next model ships].", False),  # an editor's insertion, not what was said
    # one that names what it is about, pointing only at which one or at whom: a claim, read with its
    # context (the turn before)
    ("They play with each other all day.", True),
    ("That policy failed the very people it was written for.", True),
    ("He voted against the lab safety bill three times last year.", True),
    # a pronoun that points at a noun earlier in its own sentence, past a whole first clause
    ("If some dependency is corrupted, it could steal the keys of every user.", True),
    ("The new scheduler cut our costs in half, but it broke the nightly jobs twice.", True),
    # a pronoun only in a phrase that frames the clause: what the clause says stands alone
    ("But even without it, employment is up in every county.", True),
    ("Because of that, prices fell across the whole region.", True),
    # expletive "it", a report of a view, a subject that names itself: claims
    ("It turns out that trial and error plays an enormous role in how research happens.", True),
    ("It's an empirical question whether the curve bends before the data runs out.", True),
    ("They say that the loss curve was predicted by a model a thousand times smaller.", True),
    ("Retrieval bolted onto a frozen model has a hard ceiling.", True),
    ("When the models got better at code, that lifted their maths scores as well.", True),
    # "it" for a clause still to come
    ("It's clear that the curve bends.", True),
    ("It's important to measure the data first.", True),
    # a participle with no one doing it is no claim; one that opens a claim is part of it
    ("Also proposed: a memory test for long documents.", False),
    ("Trained on ten trillion tokens, the model beats every open rival.", True),
    ("Part of the problem is that nobody measures the data.", True),
    ("Looking back, scaling was the right bet for the whole field.", True),
])
def test_a_turn_that_opens_on_what_only_a_pointing_word_stands_for_is_no_claim_alone(tmp_path, rules_only, said, claims):
    ex = _dialogue(tmp_path, ("Ada Quill", "What happens with the robots in the lab once the novelty wears off?"), ("Bram Ng", said))
    assert any(c.quote.strip() == said for c in ex.claims) == claims


@pytest.mark.parametrize("question, reply", [
    ("Why are teachers here paid so little?", "Because the budget was cut three years in a row."),
    ("So how come the rollout stalled?", "Well, because nobody budgeted for the data centres."),
])
def test_a_reason_that_answers_a_why_question_is_a_claim_with_the_question_as_context(tmp_path, question, reply):
    ex = _dialogue(tmp_path, ("Ada Quill", question), ("Bram Ng", reply))
    [claim] = [c for c in ex.claims if c.speaker == ("Person", "Bram Ng")]
    assert claim.quote.strip() == reply and claim.context == question
    ex = _dialogue(tmp_path, ("Bram Ng", f"Why did people doubt scaling? {reply}"))
    assert any(c.quote.strip() == reply for c in ex.claims)


@pytest.mark.parametrize("before, after", [
    ("We trained on ten times the data last spring.", "Models are just starting to enter that regime."),
    ("The fab shortage hit every lab at once.",
     "Part of that is probably due to the long lead times on new fabs, which nobody at the big labs planned around."),
    ("Retrieval gives a model a memory it can update.",
     "That's why we bet on search and learning as the two methods that would keep scaling for decades."),
    # the subject of the clause an opinion frames points back
    ("We optimise the loss on held-out text, not the skills people care about.",
     "I would say that's still a poorly understood mapping, but one we're getting better at measuring every year."),
    # "it" is the system named before, not a clause to come: that clause is deep in the sentence
    ("One example I like is our chess system.",
     "It's stronger than any human player and uses far less search than a brute force engine built to play chess."),
    # the object of the main verb is a bare "that"
    ("Retrieval beat fine-tuning on every benchmark we ran last year.",
     "We used that to convince the board to drop most of the training budget for the next two years."),
    # a sentence that opens on "They …" leans back however long it runs
    ("Small teams ship faster than the big labs.",
     "They have no legacy product to protect, no committee to convince, no quarterly roadmap to defend, and no "
     "sales team promising features to customers who signed contracts two years ago for a product that no "
     "longer exists."),
])
def test_a_sentence_whose_subject_or_object_points_back_is_read_with_the_one_before(tmp_path, before, after):
    """However long, a sentence about "that" is one claim with the sentence that says what "that" is."""
    ex = _dialogue(tmp_path, ("Ada Quill", "Where did the year go for the labs?"), ("Bram Ng", f"{before} {after}"))
    assert [c.quote.strip() for c in ex.claims] == [f"{before} {after}"]


def test_a_leaning_sentence_reads_with_the_claim_past_an_aside_and_a_question_never_joins_a_claim(tmp_path):
    """"They …" after a hint with no clause of its own ("Maybe build a plugin.") points at the claim before
    the hint; a question that points back asks its own thing, and the claim before it stays a claim."""
    ex = _dialogue(tmp_path, ("Ada Quill", "Where does tooling go next?"),
                   ("Bram Ng", "I think small teams are going to win the next round of developer tooling. "
                               "Maybe build something like a compiler plugin. They don't have any legacy product to protect."))
    assert [c.quote.strip() for c in ex.claims] == [
        "I think small teams are going to win the next round of developer tooling. Maybe build something like a "
        "compiler plugin. They don't have any legacy product to protect."]
    ex = _dialogue(tmp_path, ("Ada Quill", "What is adaptive compute?"),
                   ("Bram Ng", "Adaptive compute means more cycles on harder questions. How do you do that with a chain of "
                               "thought? The cache carries state between the forward passes, which helps a lot."))
    assert [c.quote.strip() for c in ex.claims][:1] == ["Adaptive compute means more cycles on harder questions."]


def test_an_editors_bracket_does_not_cut_a_sentence(tmp_path):
    """The parser may end a sentence before an editor's "[…]"; what follows in lower case goes on with it."""
    said = ("Cities could then pay for the new lines [with congestion charges], such as the ones London and "
            "Stockholm use, which also cut traffic.")
    ex = _dialogue(tmp_path, ("Ada Quill", "How do cities pay for transit?"), ("Bram Ng", said))
    assert [c.quote.strip() for c in ex.claims] == [said]


def test_a_sentence_that_opens_on_or_goes_with_the_one_before(tmp_path):
    """"Or you could …" offers another way to the claim before it: one claim; after a question it is
    the rest of the question."""
    ex = _dialogue(tmp_path, ("Ada Quill", "Is the gap in the data? Or is it the model that fails on those cases."),
                   ("Bram Ng", "You could label the missing cases by hand. Or you could drop that slice of the data entirely."))
    assert [c.quote.strip() for c in ex.claims] == [
        "You could label the missing cases by hand. Or you could drop that slice of the data entirely."]


def test_an_opener_that_makes_a_phrase_with_the_next_word_stays(tmp_path):
    """"So far …" keeps its "So"; "So, …" and "And …" go."""
    from extract.openers import without_openers

    assert without_openers("So far the curve has held up across every run.", RULES) == "So far the curve has held up across every run."
    assert without_openers("Look at the older retrieval benchmarks.", RULES) == "Look at the older retrieval benchmarks."
    assert without_openers("So, the curve has held up across every run.", RULES) == "The curve has held up across every run."
    assert without_openers("And the curve has held up across every run.", RULES) == "The curve has held up across every run."
    assert without_openers("Actually, the curve has held up across every run.", RULES) == "The curve has held up across every run."
    assert without_openers("Actually the curve has held up.", RULES) == "Actually the curve has held up."  # an adverb of the clause


def test_a_claim_carries_what_its_turn_replies_to(tmp_path):
    """The question asked before it, else the point the other speaker made last."""
    ex = _dialogue(tmp_path,
                   ("Ada Quill", "Where does the compute for the next model come from?"),
                   ("Bram Ng", "Most of the compute will come from clusters that are already being built in Texas."),
                   ("Ada Quill", "The Texas clusters will not be ready before the end of next year."))
    context = {c.speaker[1]: c.context for c in ex.claims}
    assert context == {"Bram Ng": "Where does the compute for the next model come from?",
                       "Ada Quill": "Most of the compute will come from clusters that are already being built in Texas."}


@pytest.mark.parametrize("rebuttal", [
    "What Ada just said about the budget is simply not true.",
    "Senator Quill is misrepresenting my record on energy.",
    "Ada's plan doesn't add up.",
])
def test_a_rebuttal_that_names_its_opponent_counts_anywhere_in_the_turn(tmp_path, rebuttal):
    """Deep in a long answer, as debaters do: the edge goes to the person named."""
    ex = _dialogue(tmp_path, ("Ada Quill", "We will balance the budget by cutting the deficit in half within four years."),
                   ("Bram Ng", "Thank you for the question. I grew up in a small town in the north. My father ran a "
                               "hardware store for thirty years. " + rebuttal + " We need a real plan for growth."))
    people = {(r.source[1], r.target[1]) for r in ex.relations if r.type == "DISAGREES_WITH" and r.source[0] == "Person"}
    assert ("Bram Ng", "Ada Quill") in people


def test_check_worthiness_puts_checkable_facts_above_views_advice_and_predictions():
    from extract.checkworthy import checkworthiness
    from extract.nlp import curated_pipeline

    facts = ["The lab released its second video model in March 2024 with 40 percent fewer parameters.",
             "Nvidia shipped about two million data-centre GPUs last year.",
             "The first version was trained on 300 billion tokens of English text."]
    others = ["I think the models will get much better over the next few years.",
              "Create yourself a small test set before you pick a model.",
              "Maybe it would be nice to have more control over the camera.",
              "Is that really what the benchmark measures?"]
    nlp = curated_pipeline(RULES.digest)
    worth = {t: checkworthiness(d[:]) for t, d in zip(facts + others, nlp.pipe(facts + others))}
    assert min(worth[t] for t in facts) > max(worth[t] for t in others), worth


def test_a_deed_on_the_record_stays_a_claim_in_a_speech_turn(tmp_path):
    """"I voted for the final bill." reads like narration to a podcast-trained model; a deed on the record
    is what a fact-checker looks up, so it stays a claim (narration of one's own story does not)."""
    ex = _dialogue(tmp_path, ("Ada Quill", "You voted against the housing bill, Senator."),
                   ("Bram Ng", "That's not true. I voted for the final version of the housing bill."))
    assert "I voted for the final version of the housing bill." in [c.text for c in ex.claims]


@pytest.mark.parametrize("sentence, who", [
    ("I just want to echo what Maya said about the budget.", "Maya"),
    ("The answer for me is the same as Tim's, but the wrappers are old.", "Tim"),
    ("To build on what Priya mentioned, the evals are noisy.", "Priya"),
    ("Same answer as Omar Haddad, really.", "Omar Haddad"),
    ("I want to add to the list of risks.", None),
    ("Let me echo the question back to you.", None),
    ("My answer is the same as last year.", None),
    # a panellist named as right
    ("Yes, Kay is right.", "Kay"),
    ("Frontline staff carried this. Rachel is absolutely right about the nurses.", "Rachel"),
    ("Lorna's right, the levy was never meant for that.", "Lorna"),
    ("The idea that Rachel is right is absurd.", None),
    ("Boris is right-wing on this.", None),
    ("Lorna's right hand was in a cast.", None),
])
def test_building_on_a_named_speakers_answer_agrees_with_them(sentence, who):
    from extract.stance_cues import stance_cue

    found = stance_cue(sentence, RULES, naming_only=True)
    assert (found[0], found[2]) == ("AGREES_WITH", who) if who else found is None


def test_agreeing_with_a_named_speaker_points_at_what_they_said_lately_not_only_at_their_last_turn(tmp_path):
    ex = _dialogue(tmp_path,
                   ("Ada Quill", "Our users rarely talk to the library maintainers, which is a bit sad."),
                   ("Cy Moreau", "So you want to hear from them, but within a limit."),
                   ("Ada Quill", "A colleague once told me never to have users. It was a joke, mostly."),
                   ("Bram Ng", "The answer for me is the same as Ada's: the users rarely talk to the maintainers."))
    [edge] = [r for r in ex.relations if r.type == "AGREES_WITH" and r.target[0] == "Claim"]
    assert edge.props["target_quote"].startswith("Our users rarely talk to the library maintainers")


def test_every_name_group_of_a_cue_is_read():
    """"I'm with Ada on this one" names Ada: the cue's sixth name group counts like its first."""
    from extract.stance_cues import stance_cue

    assert stance_cue("I'm with Ada on this one.", RULES, naming_only=True)[1:] == (
        next(c for c in RULES.cues_for("agree") if c.id == "agree.named"), "Ada")


@pytest.mark.parametrize("before, reply, stance", [
    # "No, …" and "I don't think so." answer a question; only after a claim do they disagree
    ("Tor is switched on by default in every node.", "No, you have to switch it on first.", "DISAGREES_WITH"),
    ("Can I still reach the other nodes over Tor?", "No, you have to switch it on first.", None),
    ("Would the old wallets still work after the fork?", "I don't think so.", None),
    ("The old wallets keep working after the fork.", "I don't think so.", "DISAGREES_WITH"),
    ("The old wallets keep working after the fork.", "No, I understand that part.", None),
    ("The old wallets keep working after the fork.", "No, I don't want to go there yet.", None),
    ("The old wallets keep working after the fork.", "No, that makes sense.", "AGREES_WITH"),
    ("The old wallets keep working after the fork.", "No, that's true.", "AGREES_WITH"),
    ("The old wallets keep working after the fork.", "No. I totally agree.", "AGREES_WITH"),
    # a "no" that opens an agreement or praise is no disagreement ("No, you're right." answers a doubt)
    ("The old wallets keep working after the fork.", "No, I think you're right about that.", "AGREES_WITH"),
    ("The old wallets keep working after the fork.", "No, that seems right.", "AGREES_WITH"),
    ("The old wallets keep working after the fork.", "No, this is a good point.", "AGREES_WITH"),
    ("The old wallets keep working after the fork.", "No, I think that's fair.", "AGREES_WITH"),
    ("The old wallets keep working after the fork.", "No, it's a good story.", None),
    ("The old wallets keep working after the fork.", "No, it's a good idea, but it fails for hardware wallets.",
     "DISAGREES_WITH"),
    # "Exactly." after "What was …?" answers; after a question that proposes something it agrees
    ("What was the name of that first chip?", "Exactly.", None),
    ("And then like, what is your strategy for the data?", "Certainly, the strategy is to buy data from labs.", None),
    ("So now, how did you pick the first customers?", "Absolutely, we picked the ones who paid on time.", None),
    ("How did the team decide on the new design?", "No, I think it was the budget.", None),
    ("Why not just train a bigger model?", "Exactly.", "AGREES_WITH"),
    ("How tied are longer contexts to agents that work?", "I'd take issue with the idea that they're tied at all.",
     "DISAGREES_WITH"),
    ("Isn't the data the real bottleneck?", "Exactly.", "AGREES_WITH"),
    # a bare yes or no after a question that asks whether, or after thanks, answers it, whatever came before
    ("Most wallets sign offline these days. Could you walk us through how that works?", "Yeah, absolutely.", None),
    ("It was good to have it called out. Thanks again for coming on the show.", "Not at all.", None),
    ("The bug was in the parser. I can talk about the specifics of the bug too.", "Absolutely.", None),
    ("Welcome back. Today we're going to discuss a blog post on mining pools.", "That's right.", None),
    ("The bug was in the parser, not the compiler.", "That's right.", "AGREES_WITH"),
    ("Would it be fair to say that most of these models involve convolutions somewhere?", "That's right.",
     "AGREES_WITH"),
    ("So you shipped it on the test network first. Not on the main one, right?", "That's right.", "AGREES_WITH"),
    ("Doesn't the fee market fix that on its own?", "Absolutely.", "AGREES_WITH"),
    ("The signing can happen offline now, right?", "No, it still needs a round trip.", "DISAGREES_WITH"),
    ("Miners follow the value of the chain. Would you agree with that characterization?", "Yeah, totally.",
     "AGREES_WITH"),
    ("Tests catch most of it, but models need more. Do you see it the same way?", "Absolutely.", "AGREES_WITH"),
])
def test_a_reply_to_a_question_answers_it_and_takes_a_stance_only_on_what_it_proposes(tmp_path, before, reply, stance):
    ex = _dialogue(tmp_path, ("Ada Quill", before), ("Bram Ng", reply))
    kinds = {r.type for r in ex.relations if r.type in ("AGREES_WITH", "DISAGREES_WITH")}
    assert kinds == ({stance} if stance else set())


@pytest.mark.parametrize("check", ["Is that accurate?", "Would you agree with that characterization?",
                                   "Do you see it the same way?"])
def test_a_reply_to_a_question_that_checks_a_point_takes_its_stance_on_that_point(tmp_path, check):
    ex = _dialogue(tmp_path, ("Ada Quill", "So a robot doesn't have to mean arms and eyes, but really any machine "
                                           "that senses its environment. " + check),
                   ("Bram Ng", "That's exactly right."))
    [edge] = [r for r in ex.relations if r.type == "AGREES_WITH" and r.target[0] == "Person"]
    assert edge.props["target_quote"].startswith("So a robot doesn't have to mean arms and eyes")


@pytest.mark.parametrize("question, reply", [
    ("Do you see a real risk there?", "No. No, not really. The users decide what they run."),
    ("Any other points you wanted to mention before we finish up?", "No, I think the app will be out by then."),
    ("Could you outline what you would change?", "Yeah, absolutely. The timeout would go."),
    ("Do we see miners doing that?", "I don't think we see that very much."),
    ("Is the other network more scalable than this one?", "What? No. They store node addresses on the chain. So I'd "
     "say no."),
    ("I know you need to run. Adam, do you use a debugger on Rust?", "No. I use the language server, and it's great."),
])
def test_a_bare_yes_or_no_answers_the_question_a_host_who_argues_ends_on(tmp_path, question, reply):
    """A host who makes points of their own and then asks: "No, not really." answers the question, it does
    not dispute the points before it."""
    ex = _dialogue(tmp_path,
                   ("Ada Quill", "Large governments could pressure the developers. A business could try to co-opt "
                                 "the protocol. That pressure would grow with adoption. " + question),
                   ("Bram Ng", reply))
    assert len([c for c in ex.claims if c.speaker == ("Person", "Ada Quill")]) >= 2  # the points stand as claims
    assert not [r for r in ex.relations if r.type in ("AGREES_WITH", "DISAGREES_WITH")]


@pytest.mark.parametrize("reply, stance", [
    # past a point of its own, "The problem is …" weighs that point; past a concession it objects
    ("One thing miners could do is keep a private stash of their own transactions. The problem is if they "
     "always do that, everyone sees their template.", None),
    ("Fees alone will pay for security one day. But the catch is nobody knows when that day comes.", None),
    ("Look, I like cheap fees as much as anybody. But the network can't handle it yet.", "DISAGREES_WITH"),
    ("Yeah. The problem is the network can't handle that many transactions yet.", "DISAGREES_WITH"),
    ("People told me miners would include everything they see. That's not the case.", None),
    ("Fees will matter more after the next halving. I feel the same way about the miners.", "AGREES_WITH"),
])
def test_a_turn_that_makes_its_own_point_first_weighs_that_point_not_the_other_speakers(tmp_path, reply, stance):
    ex = _dialogue(tmp_path, ("Ada Quill", "Miners will include every transaction they see in the next block."),
                   ("Bram Ng", reply))
    kinds = {r.type for r in ex.relations if r.type in ("AGREES_WITH", "DISAGREES_WITH")}
    assert kinds == ({stance} if stance else set())


@pytest.mark.parametrize("before, reply, stance", [
    # a turn that finishes the sentence the other was cut off in goes on with their words
    ("We shipped it last spring. It was called endpoint,", "which is a fair enough name, technically.", None),
    ("We listened to a lot of pitches. There are some really good ones,", "certainly when we were starting out.",
     None),
    ("We shipped it last spring. It was called endpoint.", "Exactly, and it stuck.", "AGREES_WITH"),
    ("I know. People could have had it forever and it would have saved so many bugs", "absolutely.", "AGREES_WITH"),
    ("The threat was real. That existential threat managed to really", "motivate people. Really focused them. "
     "Absolutely.", "AGREES_WITH"),
])
def test_a_turn_that_finishes_the_others_sentence_does_not_reply_to_it(tmp_path, before, reply, stance):
    ex = _dialogue(tmp_path, ("Ada Quill", before), ("Bram Ng", reply))
    kinds = {r.type for r in ex.relations if r.type in ("AGREES_WITH", "DISAGREES_WITH")}
    assert kinds == ({stance} if stance else set())


@pytest.mark.parametrize("category, sentence, hit", [
    # how debaters push back: on the facts, on the record, on what the other side just said
    ("disagree", "Honestly, that's dead wrong on the numbers.", True),
    ("disagree", "I strongly reject the premise of the question.", True),
    ("disagree", "The congresswoman has her facts completely backwards.", True),
    ("disagree", "You know better than that, Senator.", True),
    ("disagree", "Saying it louder doesn't make it true.", True),
    ("disagree", "That couldn't be further from reality.", True),
    ("disagree", "What she told you about the pension fund is pure fiction.", True),
    ("disagree", "Let me correct what my opponent just said about jobs.", True),
    ("disagree", "My colleague from Ohio is simply wrong on trade.", True),
    ("disagree", "I rejected the first offer they made.", False),
    ("disagree", "Nobody knows better than the nurses what the wards need.", False),
    # and how they concede
    ("agree", "I share your frustration with the delays.", True),
    ("agree", "There is real common ground between us on veterans.", True),
    ("agree", "We both agree the tax code is too complicated.", True),
    ("agree", "I can go along with that.", True),
    ("agree", "The governor is absolutely right that schools need funding.", True),
    ("disagree", "I must take exception to the way she framed it.", True),
    ("disagree", "You've got that completely backwards.", True),
    ("disagree", "False again, Governor.", True),
    ("disagree", "Her figures are simply fabricated.", True),
    ("disagree", "What she's describing never happened.", True),
    ("disagree", "That's not a credible plan for the border.", True),
    ("disagree", "The senator can't have it both ways.", True),
    ("disagree", "The evidence paints a very different picture.", True),
    ("disagree", "Nobody seriously believes that.", True),
    ("disagree", "That's an outright falsehood about my votes.", True),
    ("agree", "We really see eye to eye on the tariffs.", True),
    ("agree", "I'll give you that one.", True),
    ("agree", "I'll give you that number after the break.", False),
    ("agree", "We're all on the same page about the bridge.", True),
    ("agree", "I fully support what the mayor just laid out.", True),
    ("agree", "I'm with her on that.", True),
    ("agree", "My colleague put it very well.", True),
    ("agree", "I'll agree with the mayor on the budget.", True),
    ("agree", "Honestly, I can't argue with that.", True),
    ("agree", "Yeah, she's right about the wait times.", True),
    ("agree", "I think the governor got it exactly right.", True),
    ("agree", "I'd echo what my colleague said.", True),
    ("agree", "She's right-handed, like her father.", False),
    ("agree", "Yeah, she makes a fair point on rents.", True),
    ("disagree", "That's hogwash, frankly.", True),
    ("disagree", "I think she's gravely mistaken about the risks.", True),
    ("disagree", "They're making things up about the budget.", True),
    ("disagree", "Don't believe any of it.", True),
    ("disagree", "The premise behind your question is flawed.", True),
    ("disagree", "I'd quarrel with that estimate.", True),
    ("agree", "We agreed to meet again on Tuesday.", False),
    ("agree", "Once we agree between ourselves on a price, the deal closes.", False),
    # attacks on the opponent or the opponent's plan, with no word of disagreeing
    ("disagree", "My opponent has no plan for the deficit.", True),
    ("disagree", "The governor voted against every one of those tax cuts.", True),
    ("disagree", "Look, the senator is trying to scare people.", True),
    ("disagree", "Governor Ng's tax plan would add two trillion dollars to the debt.", True),
    ("disagree", "That's the same failed approach we tried ten years ago.", True),
    ("disagree", "That plan has been tried before and it failed.", True),
    ("disagree", "Nothing he said tonight will create a single job.", True),
    ("disagree", "What the governor didn't tell you is that his plan cuts schools.", True),
    ("disagree", "We heard the same promises four years ago.", True),
    ("disagree", "With respect, that's exactly the kind of thinking that got us an eleven million dollar hole.", True),
    ("disagree", "That all sounds great on paper, but nobody will pay for it.", True),
    ("disagree", "The food is good, but the service is slow.", False),
    ("disagree", "It looks good, but I want to test it first.", False),
    ("disagree", "The governor has a plan for the deficit.", False),
    ("disagree", "We've heard the same promises from every chip startup.", False),
    ("disagree", "Nothing he said surprised me.", False),
    ("disagree", "He talks about jobs, but under his leadership the state lost jobs.", True),
    ("disagree", "You can't trust a word of what she says about taxes.", True),
    ("disagree", "He never delivered on any of those promises.", True),
    ("disagree", "She's been there for ten years and loves it.", False),
    ("disagree", "He is going to the game tonight.", False),
    ("disagree", "I have a plan for the deficit, he doesn't.", True),  # set against the opponent, in one breath
    ("disagree", "We voted for the bill; she didn't.", True),
    ("disagree", "I paid my taxes, he never has.", True),
    ("disagree", "I have a dog, and she doesn't like it much.", False),
])
def test_debate_families(category, sentence, hit):
    assert hits(category, sentence) == hit


@pytest.mark.parametrize("attack", ["The governor voted against every one of those tax cuts.",
                                    "My opponent has no plan for the deficit. Rents will keep rising."])
def test_an_attack_on_the_opponent_is_a_disagreement_with_the_opponent_but_talk_of_an_office_holder_is_not(tmp_path, attack):
    """In a debate the attack is with the governor, past the moderator; in a podcast the same words about
    a governor who is not speaking are commentary, with no one."""
    ex = _dialogue(tmp_path, ("Cleo Ray", "Governor Reyes, the first question is on taxes."),
                   ("Ana Reyes", "My plan cuts taxes for the middle class and creates five million jobs."),
                   ("Cleo Ray", "Senator Hale, your response."), ("Tom Hale", attack), ("Cleo Ray", "Thank you both."))
    edges = [r for r in ex.relations if r.type == "DISAGREES_WITH"]
    assert {r.target for r in edges if r.target[0] == "Person"} == {("Person", "Ana Reyes")}
    ex = _dialogue(tmp_path, ("Rosa Lind", "What do you make of the budget fight?"), ("Idris Kane", attack.replace("My opponent", "The governor")),
                   ("Rosa Lind", "Interesting."))
    assert not [r for r in ex.relations if r.type == "DISAGREES_WITH"]


def test_a_moderator_who_opens_by_describing_the_debate_is_still_the_moderator(tmp_path):
    """Rules, segments and the audience are the moderator's set-up, not claims: the moderator still mostly
    asks, so a debater's "she" is the opponent."""
    opening = ("Good evening and welcome to the second debate. Tonight's debate is divided into four segments. "
               "We'll cover three topic areas in the next ninety minutes. The questions are mine and were not shared "
               "with anyone. The audience in the hall has agreed to stay silent. Our first segment is called Jobs. "
               "Governor Reyes, what would you do about taxes?")
    ex = _dialogue(tmp_path, ("Cleo Ray", opening),
                   ("Ana Reyes", "My plan cuts taxes for the middle class and creates five million jobs."),
                   ("Cleo Ray", "Senator Hale, the same question to you."),
                   ("Tom Hale", "She has no plan for the deficit."), ("Cleo Ray", "Thank you both."))
    edges = [r for r in ex.relations if r.type == "DISAGREES_WITH" and r.source[0] == r.target[0] == "Person"]
    assert {(r.source[1], r.target[1]) for r in edges} == {("Tom Hale", "Ana Reyes")}


@pytest.mark.parametrize("attack", ["She has no plan for the deficit.", "He's going to raise your taxes.",
                                    "Thank you. Her budget would explode the deficit.",
                                    "She has been in Congress for twenty years and has done nothing.",
                                    "I released my tax returns, and she won't."])
def test_a_debaters_he_or_she_is_the_opponent_and_only_in_a_debate(tmp_path, attack):
    """Debaters speak of each other in the third person: with a moderator asking and one other speaker
    arguing, "she" is that speaker.  In a podcast "he" is whoever they talk about: neither the guest
    nor the host who says it disagrees with the other."""
    ex = _dialogue(tmp_path, ("Cleo Ray", "Governor Reyes, what would you do about taxes?"),
                   ("Ana Reyes", "My plan cuts taxes for the middle class and creates five million jobs."),
                   ("Cleo Ray", "Senator Hale, how do you respond?"), ("Tom Hale", attack), ("Cleo Ray", "Thank you both."))
    edges = [r for r in ex.relations if r.type == "DISAGREES_WITH"]
    assert {r.target for r in edges if r.target[0] == "Person"} == {("Person", "Ana Reyes")}
    assert {r.props.get("target_quote") for r in edges if r.target[0] == "Claim"} == {
        "My plan cuts taxes for the middle class and creates five million jobs."}
    for host_says in (attack, "What do you make of the budget fight?"):
        ex = _dialogue(tmp_path, ("Rosa Lind", "What do you make of the budget fight?"),
                       ("Idris Kane", "The deficit will keep growing for a decade." if host_says == attack else attack),
                       ("Rosa Lind", f"{host_says} Why do you think that is?" if host_says == attack else "How so?"),
                       ("Idris Kane", "Because the incentives are wrong."))
        assert not [r for r in ex.relations if r.type == "DISAGREES_WITH"]


@pytest.mark.parametrize("reply, attacks", [
    ("The senator wants to punish the people who build housing.", True),
    ("Thanks. But she's counting from the one year the precinct was closed.", True),
    ("Taxes went up. Her own budget office says the plan costs twice what she told you.", True),
    ("My opponent has voted against every dollar for the harbor.", True),
    # not what a debater asserts of the other: a report of her words, a supposition, an agreement, nothing of her
    ("She said the harbor would bring jobs. I want to see the study.", False),
    ("If she wins, the harbor gets built either way.", False),
    ("She's right about the harbor.", False),
    ("The harbor will bring jobs whoever wins.", False),
])
def test_what_a_debater_asserts_of_the_opponent_is_an_attack(tmp_path, reply, attacks):
    """In a debate (a moderator who asks, two who argue), a sentence whose subject is the opponent — by
    title, as "my opponent", as "she" answering her — disagrees with her and with what she last claimed."""
    ex = _dialogue(tmp_path, ("Cleo Ray", "Senator Reyes, what would you do about the harbor?"),
                   ("Ana Reyes", "My plan dredges the channel and keeps the fish market open."),
                   ("Cleo Ray", "Mr. Hale, how do you respond?"), ("Tom Hale", reply), ("Cleo Ray", "Thank you both."))
    against = {r.target for r in ex.relations if r.type == "DISAGREES_WITH"}
    assert (("Person", "Ana Reyes") in against) == attacks
    if attacks:
        assert any(r.props.get("target_quote") == "My plan dredges the channel and keeps the fish market open."
                   for r in ex.relations if r.type == "DISAGREES_WITH")


@pytest.mark.parametrize("reply, denies", [
    ("His plan doesn't cut taxes for the middle class, it raises them.", True),
    ("Those five million jobs will never materialize.", True),
    ("There are no five million jobs in that plan.", True),
    ("My plan also cuts taxes for the middle class, but it doesn't stop there.", False),  # the denial is of something else
    ("We need five million jobs, and my plan gets us there faster.", False),
])
def test_in_a_debate_a_denial_in_the_opponents_own_words_is_a_disagreement_with_what_they_claimed(tmp_path, reply, denies):
    turns = [("Cleo Ray", "Governor Reyes, what would you do about taxes?"),
             ("Ana Reyes", "My plan cuts taxes for the middle class and creates five million jobs."),
             ("Cleo Ray", "Senator Hale, how do you respond?"), ("Tom Hale", reply),
             ("Cleo Ray", "Thank you both. What about schools?"), ("Ana Reyes", "We will hire teachers."),
             ("Cleo Ray", "Senator?"), ("Tom Hale", "We will build schools."), ("Cleo Ray", "Thank you both.")]
    edges = [r for r in _dialogue(tmp_path, *turns).relations if r.type == "DISAGREES_WITH"]
    assert bool(edges) == denies
    if denies:
        assert {r.target for r in edges if r.target[0] == "Person"} == {("Person", "Ana Reyes")}
        assert {r.props.get("target_quote") for r in edges} == {turns[1][1]}


@pytest.mark.parametrize("said, reply, denies", [
    ("There was an obvious right answer, and the government missed it.", "There clearly wasn't an obvious right answer.",
     True),
    ("Honestly, open-source wallets are the safest choice for most people.",
     "I mean, open-source wallets aren't the safest choice for most people.", True),
    ("The grid can handle a lot more solar power today. We checked.", "Well, the grid can't handle much more solar power.",
     True),
    # the negation in a clause of its own: adds to the point rather than denies it
    ("The site looks at various wallets, whether they are open source at all.",
     "There's dozens of wallets that aren't even open source.", False),
    ("My plan cuts taxes for the middle class.", "My plan also cuts taxes for the middle class, but it doesn't stop there.",
     False),
    ("Can the grid handle a lot more solar power today?", "The grid can't handle much more solar power.", False),  # answers
    ("If the grid can handle more solar power, we should build it.", "Let's say the grid can't handle more solar power.",
     False),  # supposes
    ("The grid can handle a lot more solar power today.", "The grid can't handle a lot more solar power without storage, "
     "I agree with that.", False),  # its cue says agreement
])
def test_a_reply_that_denies_what_the_other_just_said_in_their_words_disagrees(tmp_path, said, reply, denies):
    """Between two speakers of any conversation, a reply whose main clause negates most of what one sentence
    of the turn before said disagrees with it (QT30's "There was an obvious right answer." — "There clearly
    wasn't an obvious right answer."); a negation in a relative clause, a question answered, a supposition do
    not."""
    ex = _dialogue(tmp_path, ("Rosa Lind", said), ("Idris Kane", reply), ("Rosa Lind", "Right, it matters a lot."))
    edges = [r for r in ex.relations if r.type == "DISAGREES_WITH" and r.source == ("Person", "Idris Kane")]
    assert bool(edges) == denies
    if denies:
        assert {r.target for r in edges if r.target[0] == "Person"} == {("Person", "Rosa Lind")}
        assert {r.props.get("target_quote") for r in edges} <= {said, said.split(". ")[0] + "."}


@pytest.mark.parametrize("reply, stance", [
    ("Frank, I appreciate the business perspective. But cutting routes hurts the people who have no other way to work.",
     "DISAGREES_WITH"),
    ("I see your point. But I do not think it scales past a few labs.", "DISAGREES_WITH"),
    ("I understand the question. But there is no easy answer to it.", None),  # granted nothing of a claim
    ("I see your point. But first, let me thank the organisers.", None),  # what follows objects to nothing
    ("Look, I like wind turbines as much as anybody. But the grid can't handle them yet.", "DISAGREES_WITH"),
    ("That didn't work anywhere it was tried.", "DISAGREES_WITH"),
    ("No, it is not.", "DISAGREES_WITH"),
    ("That doesn't work for me, can we do Tuesday?", None),
    ("My opponent means well. But ending cash bail means releasing people who then fail to show up.", "DISAGREES_WITH"),
    ("Where we differ is who pays.", "DISAGREES_WITH"),
    ("Where do we differ?", None),
    ("You sent me a press release, not a study.", "DISAGREES_WITH"),
    ("That's a loan, not a grant.", "DISAGREES_WITH"),
    ("It's a marathon, not a sprint.", None),
])
def test_an_objection_right_after_a_sentence_that_only_grants_a_point_is_a_disagreement(tmp_path, reply, stance):
    ex = _dialogue(tmp_path, ("Ana Reyes", "We should cut the bus routes nobody rides. That saves eleven million a year."),
                   ("Tom Hale", reply), ("Ana Reyes", "We'll see."))
    kinds = {r.type for r in ex.relations if r.type in ("AGREES_WITH", "DISAGREES_WITH")}
    assert kinds == ({stance} if stance else set())


def test_a_debater_interrupted_and_given_the_floor_again_still_answers_the_opponent(tmp_path):
    ex = _dialogue(tmp_path, ("Cleo Ray", "Senator Hale, what would you build?"),
                   ("Tom Hale", "We need to build homes on public land, and we can do it this year."),
                   ("Cleo Ray", "Governor, a quick rebuttal."), ("Ana Reyes", "Look. Can I finish?"),
                   ("Cleo Ray", "Thirty seconds."),
                   ("Ana Reyes", "Building on public land sounds nice, but it takes a decade to clear the titles."),
                   ("Cleo Ray", "Thank you both."))
    edges = [r for r in ex.relations if r.type == "DISAGREES_WITH"]
    assert {r.target for r in edges if r.target[0] == "Person"} == {("Person", "Tom Hale")}


def test_a_reply_past_a_moderator_who_only_names_the_speaker_answers_the_opponent(tmp_path):
    for prompt in ("Governor?", "Governor Reyes, a response?", "Governor, your rebuttal."):
        ex = _dialogue(tmp_path, ("Cleo Ray", "Senator Hale, why are teachers paid so little?"),
                       ("Tom Hale", "Because the governor cut the education budget three years in a row."),
                       ("Cleo Ray", prompt), ("Ana Reyes", "That's simply not true. We increased spending every year."))
        edges = [r for r in ex.relations if r.type == "DISAGREES_WITH"]
        assert {r.target for r in edges if r.target[0] == "Person"} == {("Person", "Tom Hale")}, prompt


@pytest.mark.parametrize("reply, relation", [("What he just said is not true.", "DISAGREES_WITH"),
                                             ("Everything she said is false.", "DISAGREES_WITH"),
                                             ("I agree with her on the tax cuts.", "AGREES_WITH"),
                                             ("He makes a good point about the middle class.", "AGREES_WITH")])
def test_a_reply_to_the_moderator_that_speaks_of_he_or_she_is_with_the_other_debater(tmp_path, reply, relation):
    ex = _dialogue(tmp_path, ("Cleo Ray", "Governor Reyes, what would you do about taxes?"),
                   ("Ana Reyes", "My plan cuts taxes for the middle class and creates five million jobs."),
                   ("Cleo Ray", "Senator Hale, how do you respond?"), ("Tom Hale", reply), ("Cleo Ray", "Thank you both."))
    assert {r.target for r in ex.relations if r.type == relation and r.target[0] == "Person"} == {("Person", "Ana Reyes")}


@pytest.mark.parametrize("sentence", ["He makes a good point about the veterans.", "It is, in my view, right to wait."])
def test_a_pronoun_is_not_a_name_a_stance_is_with(sentence):
    """The name groups of a cue never take a pronoun for a person's name."""
    from extract.stance_cues import stance_cues

    assert all(who is None for _, _, who in stance_cues(sentence, RULES))


@pytest.mark.parametrize("said, stance", [
    ("It would be like if you asked me for the keys, and I'd have to say no.", None),
    ("Let's say you're right about the chips, then prices fall next year.", None),
    ("I disagree. It would be like if a bank lent money to itself.", "DISAGREES_WITH"),
    ("If you ask me, that's just wrong.", "DISAGREES_WITH"),
])
def test_a_stance_inside_a_hypothetical_is_nobodys(said, stance):
    """A sentence that opens on a hypothetical ("It would be like if …", "Let's say …") takes no stance,
    however many clauses later its cue comes; "If you ask me, …" is the speaker's own."""
    from extract.stance_cues import stance_cues

    assert [rel for rel, _, _ in stance_cues(said, RULES)] == ([stance] if stance else [])


@pytest.mark.parametrize("category, sentence", [
    ("cite", "Have you read Rivera's \"Notes on Sparse Reward\" essay? And the 2019 Okafor paper on reward hacking."),
    ("cite", "There's a paper from Lindqvist in 2021 that made the same point, and a study by Moreno's lab after it."),
    ("system", "Models like Quill-7 and systems such as Harbor do this already."),
])
def test_the_cue_matches_kept_with_a_parse_are_the_ones_the_cues_find(category, sentence):
    """The parse keeps where a word cue matches (cue, start); found again later, each is the same match."""
    cues = RULES.cues_for(category)
    found = [(cue.id, m.span(), m.groupdict()) for cue, m in RULES.found(category, sentence, cues.hits(sentence))]
    assert len(found) >= 2
    assert found == [(cue.id, m.span(), m.groupdict()) for cue, m in cues.matches(sentence)]


def test_every_cue_matches_the_example_it_gives():
    assert [c.id for c in RULES.cues if c.literal and not c.regex.search(c.literal)] == []


def test_the_parser_finds_stances_of_all_cues_and_of_naming_cues_in_one_go():
    """What the parser keeps of each unit, both lists at once, is what the two separate searches find:
    on every stance cue's example, alone and after a stance that names no one."""
    from extract.stance_cues import stance_cues, stance_cues_both

    examples = [c.literal for c in RULES.cues if c.category in ("agree", "disagree") and c.literal]
    texts = examples + [f"No, I don't think so. {e}" for e in examples] + [f"I agree. {e}" for e in examples] + [
        "I'm not sure I agree with Ada, but I disagree with you.",
        "That's wrong, and I'd push back on Maya Lin about the timeline.",
    ]
    for text in texts:
        assert stance_cues_both(text, RULES) == (stance_cues(text, RULES), stance_cues(text, RULES, naming_only=True)), text


def test_a_host_who_tells_stories_between_questions_is_no_debate_moderator(tmp_path):
    """A host's own story is no claim, but it is no question either: a host who tells one between
    questions does not make the two guests debaters, whose "she …" of each other would be attack."""
    ex = _dialogue(tmp_path,
                   ("Cy Moreau", "I spent two years at a hospital in Kisumu. We were building clinic software back "
                                 "then. How did the project start?"),
                   ("Ada Quill", "We started in a small clinic in Nairobi. The texts now reach forty thousand mothers "
                                 "a month."),
                   ("Bram Ng", "She built the first version of the system in a month, and the texts are free to every "
                               "mother."),
                   ("Cy Moreau", "I remember we tried something like that with paper forms. What came next?"),
                   ("Ada Quill", "We hired nurses to answer the questions that came in at night."),
                   ("Bram Ng", "The nurses answer most questions within ten minutes now."))
    assert not [r for r in ex.relations if r.type == "DISAGREES_WITH"]
