"""Who speaks, for cues and subjects US political news writes: sentences made up for these
tests, one rule a case."""

from __future__ import annotations

import pytest

from archive.speakers.cues import sentence_ends
from archive.speakers.quotes import attribute


def quoted_by(*paragraphs: str) -> list[str | None]:
    """The speaker of every quote of the last paragraph, in order."""
    return [q.speaker for q in attribute(list(paragraphs))[-1].quotes]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            [
                "Senator Dobbs opened the hearing.",
                "Later in the day, Dobbs said the bill was dead.",
            ],
            ["Dobbs"],
            id="lone-surname-titled-earlier",
        ),
        pytest.param(
            ["Quill said the bill was dead. Amos Quill is a senator from Ohio."],
            ["Amos Quill"],
            id="lone-surname-given-in-full-later",
        ),
        pytest.param(
            ['"The race is close," said former Dobbs adviser Lena Marsh.'],
            ["Lena Marsh"],
            id="name-describing-a-job-is-not-the-speaker",
        ),
        pytest.param(
            ["Senator Ruth Amble of Vermont said the vote would wait."],
            ["Ruth Amble"],
            id="name-of-a-place",
        ),
        pytest.param(
            ["Carl Penn of the Harbor Institute said rents would rise."],
            ["Carl Penn"],
            id="name-of-a-body",
        ),
        pytest.param(
            [
                "Ned Fargo, a spokesman for the Amble campaign, said the Ambles"
                " and the fund were careful."
            ],
            ["Ned Fargo"],
            id="apposition-before-said-then-a-clause",
        ),
        pytest.param(
            ['"We will win," said retired surgeon Ida Voss, asked about the polls.'],
            ["Ida Voss"],
            id="job-before-a-name-after-the-verb",
        ),
        pytest.param(
            ['"It is over," said Dayton pollster Hal Brine.'],
            ["Hal Brine"],
            id="place-and-job-before-a-name-after-the-verb",
        ),
        pytest.param(
            ['"Nothing," said voters who met Hal Brine.'],
            [],
            id="no-name-after-a-clause",
        ),
        pytest.param(
            ["Hal Brine repeated his claims about the vote."],
            [],
            id="possessive-before-a-verb-form",
        ),
    ],
)
def test_speakers_of_the_last_paragraph(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ['Ida Voss spoke first. "We will build it," she said.', '"Related:"'],
            [],
            id="a-short-quote-does-not-run-on",
        ),
        pytest.param(
            [
                'Ida Voss spoke first. "We will build it," she said.',
                '"No way at all!" the crowd roared back.',
            ],
            [],
            id="a-quote-with-its-own-cue-does-not-run-on",
        ),
        pytest.param(
            [
                'Ida Voss spoke first. "We will build it," she said.',
                '"It will be big and it will be paid for."',
            ],
            ["Ida Voss"],
            id="a-quote-alone-runs-on",
        ),
        pytest.param(
            ['"We stand firm," Ida Voss concluded.'],
            ["Ida Voss"],
            id="concluded",
        ),
        pytest.param(
            ['"But why?" reporter Jill Nash asked him.'],
            ["Jill Nash"],
            id="asked-him-after-a-quote",
        ),
        pytest.param(
            ['"Why now?" asked Hal Brine, a voter.'],
            ["Hal Brine"],
            id="asked-after-a-quote",
        ),
        pytest.param(["Hal Brine asked Ida Voss to leave."], [], id="asked-someone-to-do"),
        pytest.param(
            ["Hal Brine charged his campaign $10 in rent."], [], id="charged-money-is-no-cue"
        ),
        pytest.param(
            ["Hal Brine charged that the vote was rigged."], ["Hal Brine"], id="charged-that"
        ),
    ],
)
def test_cues_and_quotes_running_on(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Ann Beck, who backed the bill, last week said it was wrong."],
            ["Ann Beck"],
            id="time-between-subject-and-verb",
        ),
        pytest.param(
            ["Gov. Tom Reed, who chairs the panel, on Sunday defended the plan."],
            ["Tom Reed"],
            id="day-between-apposition-and-verb",
        ),
        pytest.param(
            ['Hal Brine spoke. "No," Mr. Brine said by telephone.'],
            ["Hal Brine"],
            id="said-by-telephone-is-no-passive",
        ),
        pytest.param(["The plan, announced by the trade secretary, was fine."], [], id="passive"),
        pytest.param(
            ["Ida Voss was quick to back him after he won and said the race was over."],
            ["Ida Voss"],
            id="and-said-has-the-sentence-subject",
        ),
        pytest.param(
            ["Voss's sister went to school here and told stories of it."],
            [],
            id="and-told-after-a-possessive-is-not-the-owner",
        ),
        pytest.param(
            ["Critics piled in, with Hal Brine tweeting that it was a disaster."],
            ["Hal Brine"],
            id="with-name-participle",
        ),
        pytest.param(
            ["Hal Brine backed the plan, while saying it cost too much."],
            ["Hal Brine"],
            id="while-saying",
        ),
        pytest.param(
            ["Hal Brine ran the group while adding three new states."], [], id="while-adding"
        ),
        pytest.param(
            ["Hal Brine reported that the count was wrong."], ["Hal Brine"], id="reported"
        ),
        pytest.param(["Brine reported from Ohio. Hal Brine wrote it."], ["Hal Brine"], id="byline"),
    ],
)
def test_subjects_set_apart_from_their_verb(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Ida Voss spoke. Ms. Voss often says she is not running."],
            ["Ida Voss"],
            id="adverb-between-subject-and-verb",
        ),
        pytest.param(["Hal Brine famously said it would rain."], ["Hal Brine"], id="ly-adverb"),
        pytest.param(["The family said it would rain."], [None], id="family-is-no-adverb"),
        pytest.param(
            ["Before the vote, Police Chief Tom Reed lobbied hard, saying guns were bad."],
            ["Tom Reed"],
            id="saying-after-an-opening-phrase",
        ),
        pytest.param(
            ["In a speech, Hal Brine attacked the plan, calling it foolish."],
            ["Hal Brine"],
            id="calling-after-an-opening-phrase",
        ),
        pytest.param(
            ["In a speech, the mayor attacked the plan, calling it foolish."],
            [],
            id="no-body-named-in",
        ),
        pytest.param(
            ["Ida Voss's right-hand man rallied them, saying the race was close."],
            [],
            id="saying-after-a-possessive",
        ),
        pytest.param(
            ["Sam Lowe, the communications director for the state party said no."],
            ["Sam Lowe"],
            id="apposition-without-its-closing-comma",
        ),
    ],
)
def test_subjects_past_adverbs_and_openings(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ['"It will hold," said J.K. Marlow, a fellow at the institute.'],
            ["J.K. Marlow"],
            id="initials-kept-whole",
        ),
        pytest.param(
            ["U.S. Senator Ann Reed said the vote would wait."],
            ["Ann Reed"],
            id="u-s-is-one-word-and-no-name",
        ),
        pytest.param(
            [
                "At Cedar Hill, where it costs $9,000 to join, Jay Moss, the club's"
                " 70-year-old president and general manager, suggested it was fine."
            ],
            ["Jay Moss"],
            id="place-opening-a-sentence-is-no-speaker",
        ),
    ],
)
def test_names_with_initials_and_places(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


def test_initials_end_no_sentence():
    paragraph = "Officials in the U.S. said it was fine, and J.K. Marlow agreed."
    assert sentence_ends(paragraph) == []


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Laura Hale met Tom Hale. Laura Hale spoke. Laura Hale waved.", "Mr. Hale said no."],
            ["Tom Hale"],
            id="mr-is-the-man-of-that-surname",
        ),
        pytest.param(
            ["Tom Hale met Laura Hale. Tom Hale spoke.", "Mrs. Hale said no."],
            ["Laura Hale"],
            id="mrs-is-the-woman-of-that-surname",
        ),
        pytest.param(
            ["Jordan Hale met Tom Hale. Jordan Hale spoke.", "Mr. Hale said no."],
            ["Jordan Hale"],
            id="a-given-name-that-tells-nothing-keeps-the-most-named",
        ),
    ],
)
def test_a_form_of_address_picks_the_namesake_of_its_gender(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Republican Rep. Ann Reed of Ohio, a party elder, said it will help."],
            ["Ann Reed"],
            id="name-of-a-place-before-an-apposition",
        ),
        pytest.param(
            ['"It is fine," said Reed constituent Dan Golby.'],
            ["Dan Golby"],
            id="name-job-name-after-the-verb",
        ),
        pytest.param(
            ['"It was a start," said his best friend at college, Bo Turry, who knew him.'],
            ["Bo Turry"],
            id="description-then-name-after-the-verb",
        ),
        pytest.param(
            ['"We are anxious," said another Twitter user, Jo Bayer.'],
            ["Jo Bayer"],
            id="another-then-name-after-the-verb",
        ),
        pytest.param(
            ["Sen. Ann Reed (D-R.I.), said after lunch that she had not read it."],
            ["Ann Reed"],
            id="bracket-then-comma-before-said",
        ),
        pytest.param(
            ["Speaking to supporters, Ann Reed, 70, said it was too early."],
            ["Ann Reed"],
            id="age-between-commas",
        ),
        pytest.param(
            [
                "Senator Ann Reed, who backs the bill, spoke first. A Senate official, who"
                " asked not to be named, said the senator would vote for it."
            ],
            [],
            id="article-a-after-a-full-stop-is-no-initial",
        ),
    ],
)
def test_names_in_appositions(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ['"Right," said Ida Voss.', '"Long Road" Star Asked Actors To Slow Down.'],
            [],
            id="a-title-in-quotes-does-not-run-on",
        ),
        pytest.param(
            ["Ida Voss spoke.", "Chicago Alderman Ed Ruiz said it was late."],
            ["Ed Ruiz"],
            id="alderman-is-a-title",
        ),
        pytest.param(
            ["Dean Baker, an economist, said so.", "Dean Baker is cited.", "Dean Baker said it."],
            ["Dean Baker"],
            id="a-repeated-name-with-a-given-name-is-a-person",
        ),
        pytest.param(
            ["Time Warner grew.", "Time Warner shrank.", "Time Warner said it would grow."],
            [None],
            id="a-repeated-name-with-no-given-name-is-a-body",
        ),
    ],
)
def test_names_that_are_people(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ['Pollsters agree - Carl Biel: "Keep on calling voters late."'],
            ["Carl Biel"],
            id="name-colon-quote",
        ),
        pytest.param(
            ['Rep. Tom Gow (R-S.C.):"I have not heard that figure."'],
            ["Tom Gow"],
            id="name-bracket-colon-quote",
        ),
        pytest.param(
            ['"Museum to close," by the Times\' Ben Sall: "The club will close."'],
            [],
            id="byline-colon-is-no-speaker",
        ),
        pytest.param(['Wait, it gets better: "yes".'], [], id="colon-after-no-name"),
        pytest.param(
            ["Ida Voss spoke.", "Hal Brine asked Voss how high the wall would be."],
            ["Hal Brine"],
            id="asked-someone-a-question",
        ),
        pytest.param(
            ["Hal Brine asked the network to donate the profits."],
            [],
            id="asked-someone-to-do-a-thing",
        ),
    ],
)
def test_colons_and_questions(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            [
                "Reed's Ohio chairman, Rex Dale, a former party chairman who signed on"
                " last week, said he had not looked."
            ],
            ["Rex Dale"],
            id="name-in-the-second-segment",
        ),
        pytest.param(
            ["In Ohio, Jim Bane, a voter, said no."],
            ["Jim Bane"],
            id="name-after-an-opening-place",
        ),
        pytest.param(
            ["Ohio Senator Bo Pratt, a voter, a farmer, said no."],
            ["Bo Pratt"],
            id="name-in-the-first-segment",
        ),
    ],
)
def test_appositions_after_an_opening_segment(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ['Ida Voss stood up for "Ohio values," saying the state was brave.'],
            ["Ida Voss"],
            id="saying-after-a-closing-quote",
        ),
        pytest.param(
            ["At a rally in Akron, Ohio, on Tuesday, Senator Ida Voss backed him, saying he won."],
            ["Ida Voss"],
            id="saying-after-a-long-opening-phrase",
        ),
        pytest.param(
            ["In 2016, Ms. Voss backed him, saying he had courage."],
            ["Voss"],
            id="saying-after-a-year-and-comma",
        ),
        pytest.param(
            ["Hal Brine spoke.", 'And then Brine went on the attack, saying, "Is it over?"'],
            ["Hal Brine"],
            id="saying-after-and-then",
        ),
        pytest.param(
            [
                "Late last month, the company wrote to the club's head, Lee Bollinger,"
                " calling the reports wrong."
            ],
            [None],
            id="calling-after-an-object-in-apposition",
        ),
        pytest.param(
            ["According to Ida Voss, the state's budget director, the plan works."],
            ["Ida Voss"],
            id="according-to-capitalised",
        ),
        pytest.param(
            ["Hal Brine spoke. According to Brine's plea deal, he faces two years."],
            [],
            id="according-to-a-persons-document",
        ),
        pytest.param(
            ["According to the activist group Ohio Eye, many died."],
            [None],
            id="according-to-a-group-named-like-a-person",
        ),
        pytest.param(
            ["Hal Brine said so.", "It was late, according to him."],
            ["Hal Brine"],
            id="according-to-him",
        ),
        pytest.param(
            ['"There is a job," Ida Voss, who ran the office, told CBS News.'],
            ["Ida Voss"],
            id="apposition-after-a-closing-quote",
        ),
        pytest.param(
            ["Hal Brine did not name his rivals, but told supporters the race was open."],
            ["Hal Brine"],
            id="but-told",
        ),
    ],
)
def test_saying_and_according_to(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Ida Voss won the caucus, claiming her third victory of the night."],
            [],
            id="claiming-a-victory",
        ),
        pytest.param(["Ida Voss has won Ohio, adding to her earlier wins."], [], id="adding-to"),
        pytest.param(["Ida Voss still maintains an overwhelming lead."], [], id="maintains-a-lead"),
        pytest.param(
            ["Ray Quill lost Ohio to Ida Voss, who added to her delegate lead."],
            [],
            id="added-to-a-lead",
        ),
        pytest.param(
            ["Ida Voss claimed that the vote was rigged, adding that she would sue."],
            ["Ida Voss", "Ida Voss"],
            id="claimed-that-adding-that",
        ),
        pytest.param(
            ["A study by the consulting firm Ohio Metrics predicted a rise."],
            [None],
            id="a-firm-named-like-a-person",
        ),
    ],
)
def test_deeds_and_bodies_are_no_speakers(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Ida Voss proposed a ban on the sale.",
        "Ida Voss cited a study of the sale.",
        "Ida Voss denounced the sale.",
        "Ida Voss condemned the sale.",
        "Ida Voss spoke for an hour, questioning the plan.",
        "Ida Voss spoke for an hour, praising the plan.",
        '"That is simply false," Ida Voss fired back.',
    ],
)
def test_more_cues_of_saying(sentence):
    assert quoted_by(sentence) == ["Ida Voss"]


def test_he_is_no_speaker_from_far_back():
    story = ["Ida Voss said it was over.", *["The weather was fine."] * 8, "He said it was not."]
    assert [a.name for a in attribute(story)][-1] is None
    near = ["Hal Brine said it was over.", "The weather was fine.", "He said it was not."]
    assert [a.name for a in attribute(near)][-1] == "Hal Brine"


def test_saying_reports_what_follows_it_not_the_quotation_before():
    text = 'Ida Voss stood up for "Ohio values," saying the state was brave.'
    (quote,) = attribute([text])[0].quotes
    assert text[quote.start : quote.end] == "the state was brave"


def test_said_then_a_name_in_apposition_reports_the_words_before():
    text = "Rents will rise again, said Steve Grubb, an operative for the campaign."
    (quote,) = attribute([text])[0].quotes
    assert (quote.speaker, text[quote.start : quote.end]) == (
        "Steve Grubb",
        "Rents will rise again",
    )


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Mayor Dana Quill testified before the council last spring."],
            [],
            id="testified-with-no-words-is-a-deed",
        ),
        pytest.param(
            ["After Quill testified, the panel went home."],
            [],
            id="testified-in-a-clause-is-a-deed",
        ),
        pytest.param(
            ["Mayor Dana Quill testified that the budget was short."],
            ["Dana Quill"],
            id="testified-that-reports-words",
        ),
        pytest.param(
            ['"The budget is short," Mayor Dana Quill testified.'],
            ["Dana Quill"],
            id="testified-after-a-quotation-reports-it",
        ),
        pytest.param(
            ["Then, last week, Ray Quill called."],
            [],
            id="called-alone-is-a-telephone-call",
        ),
        pytest.param(
            ["Ray Quill called into a radio show on Monday."],
            [],
            id="called-into-a-show-is-a-telephone-call",
        ),
        pytest.param(
            ['Ray Quill called the plan "a fraud."'],
            ["Ray Quill"],
            id="called-with-words-is-speech",
        ),
        pytest.param(
            ["Ray Quill teaches law in Leeds. He tweets @rayquill."],
            [],
            id="tweets-a-handle-is-where-not-what",
        ),
        pytest.param(
            ['Ray Quill tweeted @dana_q: "See you there."'],
            ["Ray Quill"],
            id="tweeted-at-someone-with-words-is-speech",
        ),
    ],
)
def test_deeds_told_by_speech_verbs(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


def test_a_name_after_or_is_not_the_speaker():
    # The leaders speak, not the last of the candidates they would rather back.
    said = quoted_by(
        "Lena Voss and Ray Quill ran in the spring.",
        "Many county leaders who backed Lena Voss or Ray Quill said they now back the ticket.",
    )
    assert "Ray Quill" not in said


def test_a_day_after_the_verb_is_no_speaker():
    said = quoted_by(
        "Clinton spoke in Dayton on Friday night. Sen. Ann Lee (D-Vt.) said Sunday in"
        " Ames that she hoped for a big turnout."
    )
    assert said == ["Ann Lee"]


def test_however_between_subject_and_verb():
    said = quoted_by("Ash Porter runs the fund.", "Porter however said he would welcome the plan.")
    assert said == ["Ash Porter"]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Rep. Steve Israel (D-N.Y.) said the bill would fail."],
            ["Steve Israel"],
            id="a-country-after-a-given-name",
        ),
        pytest.param(
            ['"It will fail," said David French of the retail federation.'],
            ["David French"],
            id="a-people-after-a-given-name",
        ),
        pytest.param(
            ["Bryan English runs the campaign.", '"It is real," Mr. English said of the plan.'],
            ["Bryan English"],
            id="a-tongue-after-a-form-of-address",
        ),
        pytest.param(
            ["Owen Prince, head of a web firm, a Boston company, said the sites were fine."],
            ["Owen Prince"],
            id="an-office-after-a-given-name",
        ),
        pytest.param(
            ["Rep. Steve King spoke.", '"It is over," Mr. King said.'],
            ["Steve King"],
            id="an-office-after-a-form-of-address",
        ),
        pytest.param(
            ['"It is over," said Representative Ross T. King of Utah, who backed him.'],
            ["Ross T. King"],
            id="an-office-after-an-initial",
        ),
        pytest.param(
            ['"It is over," said Dayton Mayor Ray Guardian in a telephone interview.'],
            ["Ray Guardian"],
            id="a-newspaper-after-a-given-name",
        ),
        pytest.param(
            ["Theresa May spoke.", "Last May, the minister said it was over."],
            [None],
            id="a-month-after-a-sentence-word-is-a-month",
        ),
    ],
)
def test_surnames_that_are_ordinary_words(paragraphs, expected):
    assert quoted_by(*paragraphs) == expected


def test_a_number_sign_ends_no_sentence_in_an_apposition():
    said = quoted_by(
        "Senator Jon Corn of Utah, the No. 2 Republican in the Senate, said the vote would wait."
    )
    assert said == ["Jon Corn"]


def test_an_apposition_set_off_by_dashes():
    said = quoted_by(
        "Lena Joyce filed the suit.",
        "Reached by phone, Joyce — who is a lawyer in Ohio but no longer practises — told"
        " the paper she would not appeal.",
    )
    assert said == ["Lena Joyce"]


def test_a_dateline_with_a_dash_opens_no_subject():
    said = quoted_by(
        "DAYTON — Sen. Ann Lee (R-Ohio) on Monday downplayed the row and said it was like any"
        " other."
    )
    assert said == ["Ann Lee"]


def test_a_name_after_thanked_is_who_was_thanked():
    said = quoted_by('Kim Sole, star of "Ward Nine," thanked Mayor Ray Dunn for the steps.')
    assert "Ray Dunn" not in said


def test_an_office_after_a_body_word_names_a_person():
    said = quoted_by('"It went well," Dunn campaign Chairman Jo Lister told the paper.')
    assert said == ["Jo Lister"]


@pytest.mark.parametrize(
    "sentence",
    [
        '"I do not know," said undecided voter Lena Marsh of Derry, N.H., before the event.',
        '"It was a video," said former bank chief Lena Marsh during the debate.',
    ],
)
def test_a_described_name_after_the_verb_then_a_preposition(sentence):
    assert quoted_by(sentence) == ["Lena Marsh"]


def test_a_long_apposition_after_a_quotation_in_two_apostrophes():
    said = quoted_by(
        "''I do not trust it,'' Lena Marsh, 67, a retired county clerk in Dayton, Ohio, said"
        " in an interview. But, she added, ''I will vote.''"
    )
    assert said == ["Lena Marsh", "Lena Marsh"]


def test_an_opening_mark_typed_for_a_closing_one():
    said = quoted_by("“It is rare,“ said Jo Hale, a lawyer with the group. “It is hard to do.”")
    assert said == ["Jo Hale"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lena Marsh soared in the polls by saying the system is rigged.",
        "Lena Marsh was booed after telling the crowd that they were wrong.",
        "Lena Marsh drew cheers upon saying the plan would pass.",
    ],
)
def test_a_participle_after_by_after_or_upon_is_the_subjects(sentence):
    assert quoted_by(sentence) == ["Lena Marsh"]


@pytest.mark.parametrize(
    "sentence",
    [
        '"Does that fly?" former Dunn adviser Lena Marsh asked on Twitter.',
        '"Why now?" Lena Marsh asked during the debate.',
    ],
)
def test_asked_then_where_it_was_asked(sentence):
    assert quoted_by(sentence) == ["Lena Marsh"]


def test_saying_after_a_dash_is_the_subjects():
    said = quoted_by("Lena Marsh changed her pick — saying she now backed the home team.")
    assert said == ["Lena Marsh"]


def test_asked_someone_a_question():
    said = quoted_by("At the debate, host Jo Muir asked voters a simple question: who wins?")
    assert said == ["Jo Muir"]


def test_where_it_was_said_between_subject_and_verb():
    said = quoted_by("Jo Hale proposed an agency, while Ray Moss in a blog post said he would act.")
    assert said == ["Jo Hale", "Ray Moss"]


def test_a_title_in_quotation_marks_inside_an_apposition():
    said = quoted_by(
        "Jo Hale wrote a book.",
        'Hale, the co-author of "Going Viral," about the web, said the days were over.',
    )
    assert said == ["Jo Hale"]


def test_a_name_of_a_body_in_a_place_before_an_apposition():
    said = quoted_by("Darran Hale of Grace Baptist Church in Marion, a pastor, said he phoned.")
    assert said == ["Darran Hale"]
