# ruff: noqa: E501  (the made-up quotes are one sentence a line)
"""How well `archive trace` finds a quote as the press edits it (issue 21, "Done when").

Over an archive of all of ../shared/corpus/hansard-parlparse with the BBC
News dataset (2,225 stories) as distractors, quotes are made from sentences
of real Hansard speeches and BBC stories chosen with a fixed seed, then
edited the ways the press edits quotes: trimmed, cut with an ellipsis, a
bracketed insertion, lower-cased, one word changed, and combinations. The
passage a quote was taken from should come first for >= 95 % of them and in
the top 3 for >= 99 %. Fifty quotes in parliamentary style, made up for this
test, appear nowhere: at most one may get any match. The figures are printed
(`pytest -s tests/search/test_trace_quality.py`).
"""

from __future__ import annotations

import random
import re
import tarfile
import time

import pytest

from archive.api import Archive
from archive.search.trace import STOPWORDS, normalise

from conftest import corpus_dir

CORPUS = corpus_dir()
PARLPARSE = CORPUS / "hansard-parlparse"
BBC = CORPUS / "news-bbc" / "bbc-fulltext.tar.gz"
SEED = 21
HANSARD_QUOTES = 300
NEWS_QUOTES = 100
FIRST_AT_LEAST = 0.95
TOP3_AT_LEAST = 0.99
MADE_UP_MATCHED_AT_MOST = 1

pytestmark = pytest.mark.skipif(
    not (PARLPARSE.is_dir() and BBC.is_file()),
    reason=f"needs the shared corpus ({PARLPARSE} and {BBC}); set ARCHIVE_CORPUS",
)

# Fifty sentences in the manner of the House, written for this test: nobody said them.
MADE_UP = [
    "My right hon. Friend will know that the lighthouse keepers of the Outer Hebrides have waited eleven years for a pension settlement.",
    "Will the Minister explain why the tram depot in Bexleyheath was sold to a hedge fund for one pound?",
    "The Government's approach to municipal beekeeping has been nothing short of chaotic.",
    "I put it to the Secretary of State that no family in Penzance should choose between a hearing aid and a hot meal.",
    "Does the Leader of the House agree that we need an urgent debate on the closure of rural pigeon lofts?",
    "The hon. Member for Nowhere in Particular has made a thoughtful speech about ferry timetables, and I commend him for it.",
    "We on these Benches will not support a levy on bicycle bells that punishes the careful commuter.",
    "My constituents in the Vale of Quillington have been without a working post box since last Candlemas.",
    "Can the Minister confirm that the copper kettle subsidy will be extended to allotment holders in the spring?",
    "It is a disgrace that the national glassblowing academy has been left to crumble while Ministers look the other way.",
    "The noble Lord opposite knows perfectly well that the harbour dues were trebled without a single consultation.",
    "I welcome the statement, but the Chancellor must tell the House how many accordion teachers will lose their jobs.",
    "Nobody on the Treasury Bench has yet explained what became of the forty million set aside for canal swans.",
    "Will my hon. Friend join me in congratulating the Little Snoring under-twelves on reaching the marbles final?",
    "The Department has spent more on consultants to rename the strategy than on the cataract clinics it was meant to fund.",
    "This is the third reorganisation of the lantern inspectorate in as many years, and morale has never been lower.",
    "I have written to the Minister four times about the collapsed footbridge at Muddlecombe and received no reply.",
    "Does the Prime Minister accept that the waiting list for sheepdog licences is now longer than at any point in living memory?",
    "The amendment in my name would simply require the regulator to publish its cheese grading criteria in plain English.",
    "We were promised a new generation of floating libraries, and not one has yet been launched.",
    "My hon. Friend makes a powerful point about the shortage of qualified clockmakers in the north-east.",
    "The Government have quietly abandoned their pledge to plant an orchard beside every new primary school.",
    "Will the Secretary of State meet me and a delegation of tuba players to discuss the rising cost of brass?",
    "The figures published this morning show that the queue at the moped testing centre in Wrexham has doubled.",
    "It cannot be right that a pensioner in Ashby Puerorum pays more for a bus pass than a banker pays for a helicopter.",
    "I urge the Minister to look again at the rules that stop volunteer lifeguards from claiming their mileage.",
    "The select committee found that the weather balloon programme was two years late and three times over budget.",
    "Does my right hon. Friend share my astonishment that the Opposition voted against free swimming for grandparents?",
    "When will the Government publish the long-awaited review of parking charges at lighthouses and observatories?",
    "The hon. Lady says the scheme is working, but every carpet fitter in my constituency tells me otherwise.",
    "We need a national strategy for the preservation of village bandstands before another summer is lost.",
    "I am grateful to the Minister for her reply, but it does nothing for the stranded oyster farmers of Whitstable Creek.",
    "Can the Minister tell us why the pilot scheme for solar-powered ice cream vans was cancelled after a single week?",
    "The Bill before us today would end the absurd practice of licensing scarecrows by the acre.",
    "Families in Little Hampden have been told to wait until the autumn for a decision on the flooded cricket pavilion.",
    "It is shameful that apprentice thatchers are paid less than the cost of the straw they lay.",
    "Will the Government finally accept the recommendation of the royal commission on seaside pier maintenance?",
    "My constituent, a retired cartographer, was refused a replacement bus pass because his photograph was too cheerful.",
    "The Minister's answer reveals that not a single inspector has visited a mushroom farm in Lincolnshire since the reforms.",
    "We will table an amendment to guarantee that every hospice has a harpist on call during the winter months.",
    "I ask the House to remember the courage of the coastguard volunteers who rowed through the storm at Saltfleetby.",
    "Does the Secretary of State really believe that closing the tapestry museum will save the taxpayer any money at all?",
    "The Government's own impact assessment admits that the tariff on imported umbrellas will fall hardest on Manchester.",
    "I hope the Minister will forgive me for pressing the point about the derelict marmalade factory once again.",
    "The Opposition's plan to nationalise the sandwich industry would cost every household a fortune in lost crusts.",
    "My hon. Friend is right that the broadband in the fen villages is slower than a carrier pigeon with a limp.",
    "Ministers have known for six months that the submarine cable to the Isles of Scilly was fraying, and did nothing.",
    "Can the Leader of the House find time for a debate on the plight of pantomime dame understudies?",
    "The noble Baroness raises an important question about the training of falconers for airport runways.",
    "We owe it to the next generation to protect the hedgehog corridors that run beneath our motorways.",
]

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'‘])")
REPLACEMENTS = ["vital", "serious", "whole", "entire", "simple", "clear", "real", "public"]
INSERTIONS = ["[the Government]", "[he]", "[the Minister]", "[she]", "[Britain]", "[they]"]


def _content(word: str) -> bool:
    return len(word) > 3 and word.lower().strip(",;:.!?\"'") not in STOPWORDS


def _trim(words: list[str], rng: random.Random) -> list[str]:
    cut = rng.randint(1, 3), rng.randint(1, 3)
    return words[cut[0] : len(words) - cut[1]]


def _ellipsis(words: list[str], rng: random.Random) -> list[str]:
    at = rng.randint(2, max(2, len(words) - 7))
    gap = rng.randint(2, 4)
    mark = rng.choice(["…", "...", " ... "]).strip()
    return [*words[:at], mark, *words[at + gap :]]


def _bracket(words: list[str], rng: random.Random) -> list[str]:
    at = rng.randint(0, 2)  # the journalist's words in place of the speaker's first ones
    return [rng.choice(INSERTIONS), *words[at + 1 :]]


def _change(words: list[str], rng: random.Random) -> list[str]:
    places = [i for i, w in enumerate(words) if _content(w)]
    at = rng.choice(places)
    return [*words[:at], rng.choice(REPLACEMENTS), *words[at + 1 :]]


def _lower(words: list[str], rng: random.Random) -> list[str]:
    return [w.lower() for w in words]


EDITS = {
    "trimmed": [_trim],
    "ellipsis": [_ellipsis],
    "bracketed": [_bracket],
    "lower-cased": [_lower],
    "one word changed": [_change],
    "trimmed, lower-cased": [_trim, _lower],
    "ellipsis, bracketed": [_bracket, _ellipsis],
    "trimmed, one word changed, ellipsis": [_trim, _change, _ellipsis],
}


def _edit(sentence: str, kind: str, rng: random.Random) -> str:
    words = sentence.split()
    for step in EDITS[kind]:
        words = step(words, rng)
    return "“" + " ".join(words) + "”"


def _sentences(hits, want: int, rng: random.Random) -> list[tuple[str, str]]:
    """(passage id, sentence) for `want` passages chosen at random: one sentence of 12 to 40
    words each, with enough words that are not common to be a quote a paper would print."""
    hits = sorted(hits, key=lambda h: (h.text, h.passage_id))  # not by id alone: ids hash speakers
    rng.shuffle(hits)
    chosen = []
    for hit in hits:
        options = [
            s.strip()
            for s in SENTENCE.split(hit.text)
            if 12 <= len(s.split()) <= 40 and sum(map(_content, s.split())) >= 6
        ]
        if options:
            chosen.append((hit.passage_id, rng.choice(options)))
        if len(chosen) == want:
            break
    return chosen


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory):
    home = tmp_path_factory.mktemp("trace-quality") / "home"
    bbc = tmp_path_factory.mktemp("bbc")
    with tarfile.open(BBC) as tar:
        tar.extractall(bbc, filter="data")
    archive = Archive.open(home, create=True, engine="tantivy")
    archive.index([PARLPARSE, bbc], on_error=lambda error: None, encoding="cp1252")
    yield archive
    archive.close()


def _quotes(archive) -> list[tuple[str, str, str, str]]:
    """(kind of edit, quote, source passage id, sentence), the same on every run."""
    rng = random.Random(SEED)
    speeches = [h for h in archive.export("", kinds=["hansard"]) if h.speaker]
    stories = list(archive.export("", kinds=["news"]))
    picked = _sentences(speeches, HANSARD_QUOTES, rng) + _sentences(stories, NEWS_QUOTES, rng)
    kinds = list(EDITS)
    return [
        (kinds[i % len(kinds)], _edit(sentence, kinds[i % len(kinds)], rng), pid, sentence)
        for i, (pid, sentence) in enumerate(picked)
    ]


def _is_source(match, pid: str, sentence: str) -> bool:
    """The passage the quote was made from, or another that holds the very same words (a
    sentence said twice, a story published twice)."""
    if match.hit.passage_id == pid:
        return True
    said = " ".join(normalise(sentence).split())
    return said in " ".join(normalise(match.hit.text).split())


def test_edited_quotes_are_traced_to_their_source(corpus_archive):
    quotes = _quotes(corpus_archive)
    assert len(quotes) == HANSARD_QUOTES + NEWS_QUOTES
    first = top3 = 0
    missed: dict[str, int] = {}
    started = time.perf_counter()
    for kind, quote, pid, sentence in quotes:
        matches = corpus_archive.trace(quote, limit=10).matches
        ranks = [i for i, m in enumerate(matches) if _is_source(m, pid, sentence)]
        first += bool(ranks) and ranks[0] == 0
        top3 += bool(ranks) and ranks[0] < 3
        if not ranks or ranks[0]:
            missed[kind] = missed.get(kind, 0) + 1
            print(f"  not first ({kind}): {quote}  [{pid}]")
    took = (time.perf_counter() - started) / len(quotes)
    print(
        f"\ntrace quality: {len(quotes)} edited quotes ({HANSARD_QUOTES} Hansard, {NEWS_QUOTES} "
        f"BBC): source first {first / len(quotes):.1%}, in the top 3 {top3 / len(quotes):.1%}; "
        f"not first by edit: {missed or 'none'}; {took * 1000:.0f} ms a quote"
    )
    assert first / len(quotes) >= FIRST_AT_LEAST
    assert top3 / len(quotes) >= TOP3_AT_LEAST


def test_made_up_quotes_find_no_source(corpus_archive):
    assert len(MADE_UP) == 50 and len(set(MADE_UP)) == 50
    matched = []
    for quote in MADE_UP:
        found = corpus_archive.trace(quote)
        if found.matches:
            best = found.matches[0]
            matched.append(
                f"{best.similarity:.2f} {quote!r} ~ {best.hit.text[slice(*best.span)]!r}"
            )
    print(f"\nmade-up quotes matched: {len(matched)} of {len(MADE_UP)}")
    for line in matched:
        print("  " + line)
    assert len(matched) <= MADE_UP_MATCHED_AT_MOST
