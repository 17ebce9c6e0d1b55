"""Build a benchmark corpus of N passages from the real text in the shared corpus.

    python bench/generate.py --passages 100000 --out /tmp/bench/corpus-100000 [--seed 1]

The text is real: sentences of Hansard speeches (ParlParse XML, 2009 and
2016–2021, and the 2020 COVID speeches table), Reuters-21578 story bodies,
BBC News articles (Greene & Cunningham) and HuffPost short descriptions,
recombined into new passages so that a million passages can be drawn from a
corpus of about 300,000 sentences. A passage is a run of consecutive
sentences from one real speech or story, with now and then one sentence
swapped in from another of the same source, so it reads as real text.
Speakers are the real speakers of the Hansard files with their ParlParse
person ids, weighted by how often they speak; headlines, authors and
categories are real ones of the same source. Dates are spread uniformly over
1987–2024. Everything is deterministic from the seed.

Half the passages are Hansard speeches, written as ParlParse day files in the
newer format (`<publicwhip latest="yes">`, `<speech id=... speakername=...
person_id=...><p>...</p></speech>`, ids dated like
`uk.org.publicwhip/debate/2003-05-12a.1.0`), about 200 speeches a day, Commons
and Lords. The other half are news paragraphs, written as JSON Lines (one
story a line: headline, date, authors, text with paragraphs separated by blank
lines, category, source), 1,000 stories a file. The archive reads both with
its default settings; one speech and one news paragraph is one passage.

Beside the corpus the generator writes `passages.jsonl`: every passage once,
as the archive will hold it (`id, kind, source, title, date, speaker, text`),
which the peer systems (bare tantivy, SQLite FTS5) index, and
`manifest.json` with the counts.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import html
import json
import random
import re
import sys
import tarfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FIRST_DAY = dt.date(1987, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
SPEECHES_PER_DAY = 200
STORIES_PER_FILE = 1000
HANSARD_SHARE = 0.5
LORDS_SHARE = 0.2
NEWS_SOURCES = {"Reuters": 0.45, "BBC News": 0.4, "HuffPost": 0.15}  # of stories
SWAP_CHANCE = 0.3  # a passage with one sentence from elsewhere in its source
SHINGLE = 5  # words, as the archive compares story bodies
NEAR_MIN_WORDS = 40  # the archive compares bodies of 50 words or more; a margin
NEAR_REFUSE = 0.5  # the archive folds at an estimated 0.8; a margin for its estimate

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# A sentence ends at . ! or ? (maybe closed by a quote or bracket) before a capital or quote.
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'\u2019\u201d)]))\s+(?=[\"'\u2018\u201cA-Z])"
)
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|[Hh]on|No|U\.S|U\.K|Co|Inc|Ltd|Corp|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|[A-Z])\.$"
)
_SPEECH = re.compile(r"<speech\b([^>]*)>(.*?)</speech>", re.S)
_PARA = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_HEADING = re.compile(r"<(major|minor)-heading\b[^>]*>(.*?)</\1-heading>", re.S)
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_REUTERS = re.compile(r"<REUTERS\b.*?</REUTERS>", re.S)
_ENTITY_CONTROL = re.compile(r"&#\d+;")
_WORD = re.compile(r"\w+")


@dataclass
class Pool:
    """Real texts of one source: each a list of sentences, with its headline, byline, category."""

    texts: list[list[str]] = field(default_factory=list)
    meta: list[dict[str, str]] = field(default_factory=list)
    _seen: set[int] = field(default_factory=set, repr=False)

    def add(self, said: list[str], **meta: str | None) -> None:
        # The collections repeat some texts (the BBC set has articles twice); keep one.
        key = hash(tuple(said))
        if said and key not in self._seen:
            self._seen.add(key)
            self.texts.append(said)
            self.meta.append({k: v for k, v in meta.items() if v})

    def sentences(self) -> int:
        return sum(len(t) for t in self.texts)


@dataclass
class Sources:
    speeches: Pool
    news: dict[str, Pool]
    speakers: dict[str, Counter]  # house -> (name, person id) -> speeches
    headings: list[str]


# -- reading the real corpus ---------------------------------------------------


def clean(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping only ones that read as prose."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [s for s in parts if _prose(s)]


def _prose(sentence: str) -> bool:
    words = sentence.split()
    if not 4 <= len(words) <= 80 or sentence[-1] not in ".!?\"'\u2019\u201d)":
        return False
    letters = sum(c.isalpha() for c in sentence)
    upper = sum(c.isupper() for c in sentence)
    return letters >= 0.6 * len(sentence) and upper <= 0.3 * letters


def _attributes(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(text)}


def _old_member_ids(corpus: Path) -> dict[str, str]:
    """ParlParse member and lord ids -> person ids, from people.xml."""
    path = corpus / "hansard-parlparse" / "members" / "people.xml.gz"
    text = gzip.decompress(path.read_bytes()).decode("latin-1")
    found = {}
    for person in re.finditer(r'<person id="([^"]+)"[^>]*>(.*?)</person>', text, re.S):
        for office in re.findall(r'<office id="([^"]+)"', person.group(2)):
            found[office] = person.group(1)
    return found


def read_hansard(corpus: Path) -> tuple[Pool, dict[str, Counter], list[str]]:
    pool = Pool()
    speakers: dict[str, Counter] = {"commons": Counter(), "lords": Counter()}
    headings: set[str] = set()
    old_ids = _old_member_ids(corpus)
    folder = corpus / "hansard-parlparse"
    for path in sorted(folder.glob("*/*/*.xml")):
        raw = path.read_bytes()
        text = raw.decode("utf-8" if b'encoding="ISO-8859-1"' not in raw[:200] else "latin-1")
        if 'latest="yes"' not in text[:2000]:
            continue  # older versions of a day repeat the latest one
        house = "lords" if path.name.startswith("daylord") else "commons"
        for kind, heading in _HEADING.findall(text):
            heading = clean(heading)
            if kind == "minor" and 3 <= len(heading) <= 80 and not heading.isupper():
                headings.add(heading)
        for attributes, body in _SPEECH.findall(text):
            attrs = _attributes(attributes)
            said = [s for p in _PARA.findall(body) for s in sentences(clean(p))]
            pool.add(said)
            person = attrs.get("person_id") or old_ids.get(attrs.get("speakerid", ""))
            name = attrs.get("speakername")
            if person and name and attrs.get("nospeaker") != "true":
                speakers[house][(name, person)] += 1
    covid = corpus / "hansard-other" / "uk-commons-covid-2020"
    for path in sorted(covid.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                said = [s for line in row["text"].split("\n") for s in sentences(clean(line))]
                pool.add(said)
                if row["speaker_id"].startswith("uk.org.publicwhip/person/"):
                    speakers["commons"][(row["speaker_name"], row["speaker_id"])] += 1
                if row["debate_subject"]:
                    headings.add(clean(row["debate_subject"]))
    return pool, speakers, sorted(headings)


def read_reuters(corpus: Path) -> Pool:
    pool = Pool()
    for path in sorted((corpus / "news-reuters21578" / "sgm").glob("reut2-*.sgm*")):
        raw = path.read_bytes()
        raw = gzip.decompress(raw) if path.suffix == ".gz" else raw
        for story in _REUTERS.findall(raw.decode("latin-1")):
            body = re.search(r"<BODY>(.*?)</BODY>", story, re.S)
            title = re.search(r"<TITLE>(.*?)</TITLE>", story, re.S)
            if not body or not title:
                continue
            text = _ENTITY_CONTROL.sub(" ", body.group(1))
            text = re.sub(r"\s*Reuter\s*$", "", text.strip())
            said = [s for p in re.split(r"\n\s{2,}", text) for s in sentences(clean(p))]
            topics = re.findall(r"<D>([^<]+)</D>", story.split("</TOPICS>")[0])
            author = re.search(
                r"<AUTHOR>\s*(?:by\s+)?(.*?),?\s*(?:Reuters?)?\s*</AUTHOR>", story, re.S | re.I
            )
            pool.add(
                said,
                title=clean(_ENTITY_CONTROL.sub(" ", title.group(1))),
                category=topics[0] if topics else None,
                authors=clean(author.group(1)) if author else None,
            )
    return pool


def read_bbc(corpus: Path) -> Pool:
    pool = Pool()
    with tarfile.open(corpus / "news-bbc" / "bbc-fulltext.tar.gz") as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            parts = member.name.split("/")
            if not member.isfile() or len(parts) != 3 or not parts[2].endswith(".txt"):
                continue
            raw = archive.extractfile(member).read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            title, _, body = text.partition("\n")
            said = [s for p in re.split(r"\n\s*\n", body) for s in sentences(clean(p))]
            pool.add(said, title=clean(title), category=parts[1])
    return pool


def read_huffpost(corpus: Path) -> Pool:
    pool = Pool()
    path = corpus / "news-huffpost" / "News_Category_Dataset_v3.subset10k.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    for record in records:
        said = sentences(clean(record.get("short_description") or ""))
        pool.add(
            said,
            title=clean(record.get("headline") or ""),
            category=record.get("category"),
            authors=record.get("authors"),
        )
    return pool


def read_sources(corpus: Path) -> Sources:
    speeches, speakers, headings = read_hansard(corpus)
    news = {
        "Reuters": read_reuters(corpus),
        "BBC News": read_bbc(corpus),
        "HuffPost": read_huffpost(corpus),
    }
    return Sources(speeches, news, speakers, headings)


# -- writing passages --------------------------------------------------------------


class Reading:
    """Consecutive real sentences from a random text of a pool, as one speaker or story
    would say them: it starts at a random sentence of a random text and, when that
    text runs out, goes on with another. `first` is the text it started in."""

    def __init__(self, rng: random.Random, pool: Pool):
        self.rng, self.pool = rng, pool
        self.first = rng.randrange(len(pool.texts))
        self.text = pool.texts[self.first]
        self.at = rng.randrange(len(self.text))
        self.said: list[str] = []  # every sentence it gave, in order

    def paragraph(self, low: int, high: int) -> str:
        """`low`..`high` sentences; now and then one is swapped for one from elsewhere."""
        said = []
        for _ in range(self.rng.randint(low, high)):
            if self.at >= len(self.text):
                number = self.rng.randrange(len(self.pool.texts))
                self.text, self.at = self.pool.texts[number], 0
            said.append(self.text[self.at])
            self.at += 1
        if self.rng.random() < SWAP_CHANCE:
            other = self.pool.texts[self.rng.randrange(len(self.pool.texts))]
            said[self.rng.randrange(len(said))] = other[self.rng.randrange(len(other))]
        self.said += said
        return " ".join(said)


def _days(rng: random.Random, count: int) -> list[dt.date]:
    span = (LAST_DAY - FIRST_DAY).days + 1
    if count > span:
        raise SystemExit(f"too many sitting days ({count}) for {span} calendar days")
    return sorted(FIRST_DAY + dt.timedelta(days=d) for d in rng.sample(range(span), count))


class Writer:
    """Writes the corpus files and the peers' passage dump, counting as it goes."""

    def __init__(self, out: Path):
        self.out = out
        (out / "corpus" / "hansard").mkdir(parents=True, exist_ok=True)
        (out / "corpus" / "news").mkdir(parents=True, exist_ok=True)
        self.dump = (out / "passages.jsonl").open("w", encoding="utf-8")
        self.passages = 0
        self.files = 0

    def passage(self, **fields) -> None:
        self.passages += 1
        fields = {"id": self.passages, **fields}
        self.dump.write(json.dumps(fields, ensure_ascii=False) + "\n")

    def file(self, relative: str, text: str) -> None:
        path = self.out / "corpus" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.files += 1

    def close(self) -> None:
        self.dump.close()


def write_hansard(rng: random.Random, sources: Sources, writer: Writer, count: int) -> None:
    # Beyond about 5 million speeches the commons would sit more days than there are:
    # then the sittings grow longer instead (smaller corpora are as they were).
    span = (LAST_DAY - FIRST_DAY).days + 1
    most_days = int(span / (1 - LORDS_SHARE) * 0.95)
    days = min(-(-count // SPEECHES_PER_DAY), most_days)
    lords_days = round(days * LORDS_SHARE)
    sittings = [("lords", d) for d in _days(rng, lords_days)]
    sittings += [("commons", d) for d in _days(rng, days - lords_days)]
    sittings.sort(key=lambda s: (s[1], s[0]))
    people = {house: (list(c), list(c.values())) for house, c in sources.speakers.items()}
    left = count
    for number, (house, day) in enumerate(sittings):
        speeches = left // (len(sittings) - number)
        left -= speeches
        kind, prefix = ("lords", "daylord") if house == "lords" else ("debate", "debates")
        names, weights = people[house]
        lines = ['<publicwhip scraperversion="a" latest="yes">']
        column, heading = rng.randint(1, 1500), None
        for n in range(speeches):
            if n % 20 == 0:
                heading = rng.choice(sources.headings)
                lines.append(
                    f'<minor-heading id="uk.org.publicwhip/{kind}/{day}a.{column}.{n}.h" '
                    f'nospeaker="true">{escape(heading)}</minor-heading>'
                )
            if rng.random() < 0.1:
                column += 1
            ((name, person),) = rng.choices(names, weights)
            reading = Reading(rng, sources.speeches)
            paragraphs = [reading.paragraph(1, 4) for _ in range(rng.randint(1, 3))]
            body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
            lines.append(
                f'<speech id="uk.org.publicwhip/{kind}/{day}a.{column}.{n}" '
                f"speakername={quoteattr(name)} person_id={quoteattr(person)} "
                f'colnum="{column}">{body}</speech>'
            )
            writer.passage(
                kind="hansard",
                source="Hansard",
                title=heading,
                date=str(day),
                speaker=name,
                text="\n\n".join(paragraphs),
            )
        lines.append("</publicwhip>\n")
        writer.file(f"hansard/{day.year}/{prefix}{day}a.xml", "\n".join(lines))


class Distinct:
    """Keeps generated stories apart as the archive tells copies of one story apart.

    The archive keeps a news story whose body equals, or nearly equals, a stored
    one (5-word shingles, Jaccard similarity >= 0.8, bodies of 50 words or more)
    as a copy, not as passages. Two stories drawn from the same real text can be
    that close (and the collections hold near-copies of some stories), so a story is
    refused when its body equals an earlier one or shares half its shingles with
    an earlier story that has a sentence in common with it.
    """

    def __init__(self):
        self.bodies: set[bytes] = set()
        self.shingles: list[np.ndarray] = []
        self.by_sentence: dict[int, list[int]] = defaultdict(list)

    def admit(self, body: str, said: list[str]) -> bool:
        words = _WORD.findall(body.casefold())
        key = hashlib.sha1(" ".join(words).encode()).digest()
        if key in self.bodies:
            return False
        if len(words) >= NEAR_MIN_WORDS:
            mine = np.unique(
                np.fromiter(
                    (hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)),
                    dtype=np.int64,
                )
            )
            heard = {hash(s) for s in said}
            earlier = {story for h in heard for story in self.by_sentence[h]}
            for story in earlier:
                theirs = self.shingles[story]
                shared = np.intersect1d(mine, theirs, assume_unique=True).size
                if shared / (mine.size + theirs.size - shared) >= NEAR_REFUSE:
                    return False
            for h in heard:
                self.by_sentence[h].append(len(self.shingles))
            self.shingles.append(mine)
        self.bodies.add(key)
        return True


def write_news(rng: random.Random, sources: Sources, writer: Writer, count: int) -> None:
    names, weights = list(NEWS_SOURCES), list(NEWS_SOURCES.values())
    span = (LAST_DAY - FIRST_DAY).days
    distinct = Distinct()
    stories: list[str] = []
    part = 0

    def flush() -> None:
        nonlocal part, stories
        if stories:
            part += 1
            writer.file(f"news/news-{part:05d}.jsonl", "".join(stories))
            stories = []

    left = count
    while left:
        source = rng.choices(names, weights)[0]
        pool = sources.news[source]
        if source == "HuffPost":  # no story text, only a standfirst of a sentence or two
            size, sentences_per = 1, (1, 2)
        else:
            size, sentences_per = rng.choice((1, 2, 3, 3, 4, 4, 5, 5, 6, 8)), (1, 3)
        size = min(size, left)
        reading = Reading(rng, pool)
        paragraphs = [reading.paragraph(*sentences_per) for _ in range(size)]
        body = "\n\n".join(paragraphs)
        meta = pool.meta[reading.first]
        title = meta.get("title") or rng.choice(pool.meta)["title"]
        if not distinct.admit(body, reading.said):
            continue
        date = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        record = {"headline": title, "date": str(date), "text": body, "source": source}
        for key in ("authors", "category"):
            if meta.get(key):
                record[key] = meta[key]
        stories.append(json.dumps(record, ensure_ascii=False) + "\n")
        for paragraph in paragraphs:
            writer.passage(
                kind="news",
                source=source,
                title=title,
                date=str(date),
                speaker=None,
                text=paragraph,
            )
        left -= size
        if len(stories) == STORIES_PER_FILE:
            flush()
    flush()


def generate(passages: int, out: Path, seed: int = 1, corpus: Path = DEFAULT_CORPUS) -> dict:
    started = time.perf_counter()
    sources = read_sources(corpus)
    rng = random.Random(seed)
    writer = Writer(out)
    hansard = round(passages * HANSARD_SHARE)
    write_hansard(rng, sources, writer, hansard)
    write_news(rng, sources, writer, passages - hansard)
    writer.close()
    files = [p for p in (out / "corpus").rglob("*") if p.is_file()]
    manifest = {
        "passages": writer.passages,
        "hansard_passages": hansard,
        "news_passages": passages - hansard,
        "files": len(files),
        "corpus_bytes": sum(p.stat().st_size for p in files),
        "dump_bytes": (out / "passages.jsonl").stat().st_size,
        "seed": seed,
        "source_sentences": {
            "hansard": sources.speeches.sentences(),
            **{name: pool.sentences() for name, pool in sources.news.items()},
        },
        "speakers": {house: len(c) for house, c in sources.speakers.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="a new or empty folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"{args.out} is not empty")
    print(json.dumps(generate(args.passages, args.out, args.seed, args.corpus), indent=2))


if __name__ == "__main__":
    main()
