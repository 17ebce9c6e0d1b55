"""Hostile and broken input: every bad file is one clear line, every good file beside it is indexed.

The corpus is made by the tests in a temporary folder (nothing large is
committed): binary files, broken and foreign encodings, empty files, a
200 MB file, a file that is gone, unreadable permissions, symbolic link
loops, deep, truncated and hostile XML (XXE, billion laughs), broken tables,
impossible dates, wrong sidecars, a gzip bomb, odd file names, and beside
them good files of every format, each with a word no other file has.

`archive index` runs on the folder in a child process, as a user runs it:
each bad file is one "error: PATH: reason" line (a bad record inside a file
that is read is one "warning: PATH: line N: reason" line), every good file
is searchable, the exit code is 1, and nothing prints a traceback.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.api import Archive
from archive.errors import IngestError
from archive.ingest import MAX_FILE_BYTES
from archive.ingest.xml import MAX_DEPTH

from conftest import ROOT

SECRET = "TOP-SECRET-7f3a9c-never-index-me"
BIG_BYTES = 200 * 1024 * 1024
# The child imports the engine and the HTML extractor: about 100 MB before it reads a file.
MAX_RSS_BYTES = 300 * 1024 * 1024
TIMEOUT_SECONDS = 300
ROOT_READS_ALL = "root reads every file whatever its mode" if os.geteuid() == 0 else ""

# -- good files: each has one word found nowhere else ------------------------

STORY = """Walrus sightings delight coastal town

By Jane Reporter
2 December 2015

A walrus was seen on the harbour wall at dawn, the coastguard said on Wednesday.

"We have never had a visitor this size," said harbour master Tom Pike, who called
the animal calm and well fed.

Marine experts asked people to keep their distance and keep dogs on leads.
"""

PARLPARSE_DAY = """<?xml version="1.0" encoding="utf-8"?>
<publicwhip scraperversion="a" latest="yes">
<major-heading id="uk.org.publicwhip/debate/2015-12-02a.323.0" nospeaker="true"
>Lighthouses</major-heading>
<speech id="uk.org.publicwhip/debate/2015-12-02a.323.1" person_id="uk.org.publicwhip/person/90001"
 speakername="Cara Invented" colnum="323" time="17:30:00">
<p>The lighthouse keepers of this country deserve a pension worthy of the name.</p>
</speech>
<speech id="uk.org.publicwhip/debate/2015-12-02a.323.2" person_id="uk.org.publicwhip/person/90002"
 speakername="Dev Madeup" colnum="323" time="17:35:00">
<p>I agree with the hon. Lady, Mr Speaker.</p>
</speech>
</publicwhip>
"""

TABLE = """title,date,text
Brass band wins prize,2015-12-03,The trombone section was praised by the judges.
Choir tours the north,2015-12-04,The choir sang in six towns in four days.
"""

JSONL = (
    json.dumps({"headline": "Hedgehog rescue", "date": "2015-12-05",
                "text": "Volunteers saved a hedgehog from a cattle grid."})
    + "\n"
    + json.dumps({"headline": "Market day", "date": "2015-12-06",
                  "text": "The market opened early for the holidays."})
    + "\n"
)  # fmt: skip

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Zeppelin returns to the skies</title>
<meta property="article:published_time" content="2015-12-07T09:00:00Z"></head>
<body><article><h1>Zeppelin returns to the skies</h1>
<p>A restored zeppelin flew over the town on Monday for the first time in eighty years,
watched by hundreds of people who had gathered on the hill since the early morning.</p>
<p>The pilot said the airship handled well in the cold air and would fly again at the
weekend if the weather held, with seats offered to local schools free of charge.</p>
<p>Engineers spent six years rebuilding the frame from drawings kept in a museum archive,
replacing every rivet and panel by hand before the first test flight last spring.</p>
</article></body></html>
"""

REUTERS_BLOCK = """<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" OLDID="1" NEWID="{newid}">
<DATE> 3-MAR-1987 10:15:00.00</DATE>
<TOPICS><D>cocoa</D></TOPICS><PLACES><D>usa</D></PLACES><PEOPLE></PEOPLE><ORGS></ORGS>
<EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT><TITLE>{title}</TITLE>
<DATELINE>    HOUSTON, March 3 - </DATELINE><BODY>{body}
 Reuter
&#3;</BODY></TEXT>
"""


def story(title: str, word: str) -> str:
    return f"{title}\n\n7 December 2015\n\nThe {word} was the talk of the village on Monday.\n"


def day(word: str, date: str = "2015-12-02") -> str:
    """The ParlParse day with `word` in place of "lighthouse" and another date in its ids."""
    return PARLPARSE_DAY.replace("lighthouse", word).replace("2015-12-02", date)


def tei(word: str, date: str) -> str:
    """The ParlaMint fixture's sitting on another day (so it is another record), with `word`."""
    fixture = ROOT / "tests" / "fixtures" / "xml" / "ParlaMint-GB_1999-01-07-lords.xml"
    text = fixture.read_text("utf-8").replace("A last word.", f"A last word on the {word}.")
    return text.replace("1999-01-07", date)


# -- the corpus: each case writes one file and says what indexing it should give --

Maker = Callable[[Path, Path], None]  # (the file to make, the folder holding the secret)


def content(data: bytes | str | Callable[[Path], bytes | str]) -> Maker:
    def make(path: Path, root: Path) -> None:
        value = data(root) if callable(data) else data
        path.write_bytes(value.encode("utf-8") if isinstance(value, str) else value)

    return make


def with_sidecar(text: str, sidecar: str) -> Maker:
    def make(path: Path, root: Path) -> None:
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".meta.json").write_text(sidecar, encoding="utf-8")

    return make


def symlink(target: str) -> Maker:
    def make(path: Path, root: Path) -> None:
        path.symlink_to(path.parent / target)  # "." is the folder itself; "/x" is absolute

    return make


def sparse(path: Path, root: Path) -> None:
    with path.open("wb") as big:
        big.truncate(BIG_BYTES)  # instant, and reading it would show in the memory used


def fifo(path: Path, root: Path) -> None:
    os.mkfifo(path)


def locked(path: Path, root: Path) -> None:
    path.write_text(story("Locked", "seal"), encoding="utf-8")
    path.chmod(0)


def zipped(path: Path, root: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr("story.txt", STORY)
    path.write_bytes(buffer.getvalue())


def xxe(entity: str, document: str) -> Maker:
    """`document` with a DOCTYPE declaring `entity`, which names the secret file as SECRET."""

    def make(path: Path, root: Path) -> None:
        declaration = entity.replace("SECRET", f"file://{root / 'secret.txt'}")
        body = document.split("\n", 1)[1] if document.startswith("<?xml") else document
        path.write_text(f'<?xml version="1.0"?>\n{declaration}\n{body}', encoding="utf-8")

    return make


def tei_with_broken_meta(path: Path, root: Path) -> None:
    path.write_text(tei("gondola", "2015-12-22"), encoding="utf-8")
    meta = path.with_name(path.name.replace(".xml", "-meta.tsv"))
    meta.write_bytes(random.Random(3).randbytes(3000))


def reuters(*blocks: str) -> str:
    return '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n' + "".join(blocks)


@dataclass(frozen=True)
class Case:
    name: str
    make: Maker
    error: str = ""  # the reason its one "error:" line gives
    warnings: tuple[str, ...] = ()  # one "warning:" line each, in order
    note: str = ""
    word: str = ""  # a word only this file has: it must be searchable
    skip: str = ""  # why the case cannot be made here, if it cannot


LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n else "lol"}">' for n in range(10))
GZIP_BOMB_BYTES = MAX_FILE_BYTES + 1024 * 1024
MB = MAX_FILE_BYTES // (1024 * 1024)

CASES = (
    # Good files of every format, and good files in odd encodings.
    Case("good-story.txt", content(STORY), word="walrus"),
    Case("debates2015-12-02a.xml", content(PARLPARSE_DAY), word="lighthouse"),
    Case("good-table.csv", content(TABLE), word="trombone"),
    Case("good-lines.jsonl", content(JSONL), word="hedgehog"),
    Case("good-page.html", content(HTML_PAGE), word="zeppelin"),
    Case(
        "good-reuters.sgm",
        content(
            reuters(
                REUTERS_BLOCK.format(
                    newid=7, title="COCOA CROP", body="The cocoa crop is a mongoose."
                )
                + "</REUTERS>\n"
            )
        ),
        word="mongoose",
    ),
    Case(
        "ParlaMint-GB_2015-12-01-commons.xml",
        content(tei("rickshaw", "2015-12-01")),
        word="rickshaw",
    ),
    Case(
        "utf16-story.txt", content(story("Sixteen", "porcupine").encode("utf-16")), word="porcupine"
    ),
    Case(
        "utf32-story.txt",
        content(story("Thirty-two", "flamingo").encode("utf-32")),
        word="flamingo",
    ),
    Case(
        "debates2015-12-17a.xml",
        content(day("windmill", "2015-12-17").replace("utf-8", "utf-16").encode("utf-16")),
        word="windmill",
    ),
    Case(
        "good-story.txt.gz",
        content(gzip.compress(story("Zipped", "marmalade").encode())),
        word="marmalade",
    ),
    Case("dos-eof.txt", content(story("Old file", "pelican") + "\x1a"), word="pelican"),
    # Binary, broken and foreign encodings, nothing at all.
    Case("image.png", content(b"\x89PNG\r\n\x1a\n" + bytes(200)), error="looks like a PNG image"),
    Case("random.bin", content(random.Random(9).randbytes(20000)), error="binary file"),
    Case("bundle.zip", zipped, error="looks like a ZIP archive"),
    Case(
        "invalid-utf8.txt",
        content(b"Broken bytes\n\nThis line has \xff\xfe in it.\n"),
        error="not valid UTF-8 text (byte 0xFF at offset 28)",
    ),
    Case(
        "latin1.txt",
        content("Café society\n\nThe café opened.\n".encode("latin-1")),
        error="not valid UTF-8 text (byte 0xE9 at offset 3)",
    ),
    Case("nul-text.txt", content(b"Title\n\n" + b"text\x00" * 50), error="binary file (not text)"),
    Case("bells.txt", content("Title\n\n" + "ding\x07" * 100), error="binary file (not text)"),
    Case("empty.txt", content(b""), error="empty file"),
    Case("blank.txt", content(" \n\t\n  \r\n"), error="empty file (only whitespace)"),
    Case("bom-only.txt", content(b"\xef\xbb\xbf"), error="empty file (only whitespace)"),
    # Too big, gone, unreadable, not a regular file, link loops.
    Case("big.txt", sparse, error=f"file larger than {MB} MB"),
    Case("vanished.txt", symlink("deleted-long-ago.txt"), error="no such file or folder"),
    Case("loop-a.txt", symlink("loop-b.txt"), error="too many levels of symbolic links"),
    Case("loop-b.txt", symlink("loop-a.txt"), error="too many levels of symbolic links"),
    Case("parent-link", symlink(".")),  # a folder link: never followed, nothing to say
    Case("pipe.txt", fifo, error="not a regular file"),
    Case("locked.txt", locked, error="permission denied", skip=ROOT_READS_ALL),
    # Root reads a file of mode 000; reading this one fails for everyone (EIO).
    Case(
        "proc-mem.txt",
        symlink("/proc/self/mem"),
        error="input/output error",
        skip="" if Path("/proc/self/mem").exists() else "no /proc/self/mem here",
    ),
    Case(".hidden.txt", content(b"")),  # hidden files are skipped
    Case("orphan.meta.json", content("{not json")),  # a sidecar of nothing is no document
    # XML: deep, truncated, undefined, hostile, foreign.
    Case(
        "debates2015-12-10a.xml",
        content(
            "<publicwhip>" + "<p>" * MAX_DEPTH * 50 + "</p>" * MAX_DEPTH * 50 + "</publicwhip>"
        ),
        error=f"XML nested more than {MAX_DEPTH} elements deep",
    ),
    Case(
        "debates2015-12-11a.xml",
        content(PARLPARSE_DAY[: PARLPARSE_DAY.index("<p>I agree")]),
        error="malformed XML: no element found",
    ),
    Case(
        "ParlaMint-GB_2015-12-12-commons.xml",
        content(tei("truncated", "2015-12-12")[:1500]),
        error="malformed XML",
    ),
    Case(
        "debates2015-12-13a.xml",
        xxe(
            '<!DOCTYPE publicwhip [<!ENTITY leak SYSTEM "SECRET">]>',
            PARLPARSE_DAY.replace("a pension", "&leak; a pension"),
        ),
        error="XML declares an external entity (refused)",
    ),
    Case(
        "debates2015-12-14a.xml",
        xxe('<!DOCTYPE publicwhip [<!ENTITY % leak SYSTEM "SECRET"> %leak;]>', PARLPARSE_DAY),
        error="XML declares an external entity (refused)",
    ),
    Case(
        "ParlaMint-GB_2015-12-13-commons.xml",
        xxe(
            '<!DOCTYPE TEI [<!ENTITY leak SYSTEM "SECRET">]>',
            tei("leak", "2015-12-13").replace("Order, order.", "&leak;"),
        ),
        error="XML declares an external entity (refused)",
    ),
    Case(
        "debates2015-12-15a.xml",
        content(
            f"<!DOCTYPE publicwhip [{LAUGHS}]>\n<publicwhip><speech>&lol9;</speech></publicwhip>"
        ),
        error="XML declares entities that expand other entities (refused)",
    ),
    Case(
        "debates2015-12-16a.xml",
        content(
            '<!DOCTYPE publicwhip [<!ENTITY a "'
            + "x" * 60
            + '">]>\n<publicwhip><speech><p>'
            + "&a;" * 400_000
            + "</p></speech></publicwhip>"
        ),
        error="XML entities expand too much (refused)",
    ),
    # An external DTD is never loaded, nor an XInclude followed: the day is read without them.
    Case(
        "debates2015-12-18a.xml",
        xxe('<!DOCTYPE publicwhip SYSTEM "SECRET">', day("lantern", "2015-12-18")),
        word="lantern",
    ),
    Case(
        "debates2015-12-19a.xml",
        content(
            lambda root: (
                day("candle", "2015-12-19")
                .replace("<publicwhip ", '<publicwhip xmlns:xi="http://www.w3.org/2001/XInclude" ')
                .replace(
                    "a pension",
                    f'<xi:include href="file://{root / "secret.txt"}" parse="text"/> a pension',
                )
            )
        ),
        word="candle",
    ),
    Case(
        "debates2015-12-20a.xml",
        content(day("undefined", "2015-12-20").replace("a pension", "&nosuchthing; a pension")),
        error="undefined entity",
    ),
    Case(
        "debates2015-12-21a.xml",
        content(day("klingon", "2015-12-21").replace('encoding="utf-8"', 'encoding="klingon"')),
        error="unsupported encoding",
    ),
    Case(
        "ParlaMint-GB_2015-12-22-lords.xml",
        tei_with_broken_meta,
        warnings=("-meta.tsv: not valid UTF-8",),
        word="gondola",
    ),
    # Tables with bad records (warned, the rest read) and tables of nothing but.
    Case(
        "mixed.jsonl",
        content(
            '{"headline": "Kite festival", "text": "A kite shaped like a squid won."}\n'
            '{"headline": "broken", "text": \n[1, 2, 3]\n'
        ),
        warnings=("line 2: not valid JSON", "line 3: not a JSON object"),
        word="squid",
    ),
    Case(
        "deep.jsonl",
        content(
            '{"headline": "Zoo news", "text": "An aardvark arrived."}\n'
            '{"headline": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
        ),
        warnings=("line 2: JSON nested too deep",),
        word="aardvark",
    ),
    Case(
        "surrogates.jsonl",
        content(
            '{"headline": "Broken \\ud800 escape", "text": "A narwhal \\udcff surfaced.", '
            '"tags": "\\ud83d"}\n'
        ),
        word="narwhal",
    ),
    Case(
        "long-line.jsonl",
        content(
            '{"headline": "Short", "text": "A koala slept."}\n'
            + json.dumps({"headline": "Long", "text": "x" * 1_100_000})
            + "\n"
        ),
        warnings=("line 2: line longer than",),
        word="koala",
    ),
    Case(
        "ragged.csv",
        content("title,date,text\nOne,2015-12-01,A badger crossed the road.\nTwo,2015-12-02\n"),
        warnings=("line 3: 2 fields, expected 3",),
        word="badger",
    ),
    Case(
        "impossible.csv",
        content(
            "title,date,text\nThree,2015-13-45,A heron stood in the rain.\n"
            "Four,2015-12-03,An otter swam by.\n"
        ),
        warnings=("line 2: bad date '2015-13-45'",),
        word="otter",
    ),
    Case("header-only.csv", content("title,date,text\n"), error="no rows below the header"),
    Case(
        "only-bad.jsonl",
        content(
            '{"title": "a", "date": "2015-13-45", "text": "b"}\n'
            '{"title": "c", "date": "2015-02-30", "text": "d"}\n'
        ),
        warnings=("line 1: bad date", "line 2: bad date"),
        error="no good rows: 2 bad lines",
    ),
    Case(
        "array.json", content('[{"title": "not lines"}]'), error="JSON, but not a table of records"
    ),
    # Impossible dates and wrong types in sidecars; a date no calendar has in a ParlParse day.
    Case(
        "sidecar-date.txt",
        with_sidecar(story("Bad date", "ferret"), '{"date": "2015-13-45"}'),
        error="malformed sidecar sidecar-date.meta.json: impossible date '2015-13-45'",
    ),
    Case(
        "sidecar-number.txt",
        with_sidecar(story("Number", "gerbil"), '{"date": 5}'),
        error="date must be a string, not a number (5)",
    ),
    Case(
        "sidecar-authors.txt",
        with_sidecar(story("Object", "lemur"), '{"authors": {}}'),
        error="authors must be a list of names, not an object",
    ),
    Case(
        "sidecar-broken.txt",
        with_sidecar(story("Broken", "tapir"), '{"title": "unfinished'),
        error="malformed sidecar sidecar-broken.meta.json: invalid JSON",
    ),
    Case(
        "sidecar-deep.txt",
        with_sidecar(story("Deep", "ibex"), "[" * 100_000 + "]" * 100_000),
        error="malformed sidecar sidecar-deep.meta.json: JSON nested too deep",
    ),
    Case(
        "sidecar-surrogate.txt",
        with_sidecar(story("Surrogate", "okapi"), '{"authors": ["Jane \\udcff Doe"]}'),
        word="okapi",
    ),
    Case(
        "debates2015-13-46a.xml",
        content(
            '<publicwhip><speech speakername="Cara Invented"><p>A weasel.</p></speech></publicwhip>'
        ),
        note="2015-13-46 is no calendar date",
        word="weasel",
    ),
    Case(
        "debates2015-13-45a.xml",
        content(day("beacon", "2015-13-45")),
        note="2015-13-45 is no calendar date",
        word="beacon",
    ),
    # Compressed: a bomb and a truncated file.
    Case(
        "bomb.txt.gz",
        content(gzip.compress(b"A" * GZIP_BOMB_BYTES, 9)),
        error=f"gzip content larger than {MB} MB",
    ),
    Case(
        "truncated.txt.gz",
        content(gzip.compress(story("Cut", "wombat").encode() * 50)[:-30]),
        error="truncated gzip file",
    ),
    # HTML with no body; Reuters with an unclosed block and with an oversized one.
    Case(
        "no-body.html",
        content("<!DOCTYPE html><html><head><title>Only a head</title></head></html>"),
        error="no article text",
    ),
    Case(
        "reut2-000.sgm",
        content(
            reuters(
                REUTERS_BLOCK.format(newid=1, title="COCOA", body="The cocoa crop is a lynx.")
                + "</REUTERS>\n"
                + REUTERS_BLOCK.format(newid=2, title="UNCLOSED", body="Never.")
            )
        ),
        warnings=("NEWID 2: no closing </REUTERS>",),
        word="lynx",
    ),
    Case(
        "reut2-001.sgm",
        content(
            reuters(
                REUTERS_BLOCK.format(newid=3, title="BIG", body="word " * 60_000) + "</REUTERS>\n"
            )
        ),
        warnings=("NEWID 3: story longer than",),
        error="none of its 1 <REUTERS> stories",
    ),
)

ACTIVE = tuple(case for case in CASES if not case.skip)


def case_params(which=lambda case: True) -> list:
    """The cases `which` picks, named; those that cannot be made here skipped."""
    return [
        pytest.param(
            case, id=case.name, marks=pytest.mark.skipif(bool(case.skip), reason=case.skip)
        )
        for case in CASES
        if which(case)
    ]


def build(root: Path) -> Path:
    folder = root / "hostile"
    folder.mkdir()
    (root / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    for case in ACTIVE:
        case.make(folder / case.name, root)
    return folder


@dataclass
class Run:
    folder: Path
    home: Path
    code: int
    stdout: str
    stderr: str
    max_rss: int  # bytes
    seconds: float

    def lines(self, name: str) -> list[tuple[str, str]]:
        """(level, message) of each stderr line about the file `name`."""
        found = []
        for line in self.stderr.splitlines():
            level, _, rest = line.partition(": ")
            prefix = f"{self.folder / name}: "
            if level in ("error", "warning", "note") and rest.startswith(prefix):
                found.append((level, rest[len(prefix) :]))
        return found


# Runs a command and writes its peak memory (RUSAGE_CHILDREN, in KB) to the file named
# first. A child's peak counts the memory of the process it was forked from, so the
# command is started from this small process, not from the test process (hundreds of
# MB by the end of the suite).
MEASURE = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run_index(home: Path, *paths: Path, cwd: Path) -> Run:
    """`archive index PATHS` in a child process, with its peak memory and time."""
    out, err, rss = cwd / "stdout.txt", cwd / "stderr.txt", cwd / "rss.txt"
    command = [sys.executable, "-m", "archive", "--home", str(home), "index", *map(str, paths)]
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", MEASURE, str(rss), *command],
            stdout=stdout, stderr=stderr, cwd=ROOT, start_new_session=True,
        )  # fmt: skip
        try:
            code = child.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:  # hung (on a FIFO, say): end it, and fail
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            pytest.fail(f"archive index ran past {TIMEOUT_SECONDS} s")
    return Run(
        folder=paths[0],
        home=home,
        code=code,
        stdout=out.read_text("utf-8", errors="backslashreplace"),
        stderr=err.read_text("utf-8", errors="backslashreplace"),
        max_rss=int(rss.read_text()) * 1024,  # Linux counts kilobytes
        seconds=time.monotonic() - started,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("hostile")
    folder = build(root)
    return run_index(root / "home", folder, cwd=root)


@pytest.fixture(scope="module")
def archive(run):
    with Archive.open(run.home) as opened:
        yield opened


def test_the_corpus_has_at_least_30_hostile_files_and_5_good_ones():
    bad = [case for case in ACTIVE if case.error or case.warnings or case.note]
    good = [case for case in ACTIVE if case.word and not case.warnings and not case.note]
    assert len(bad) >= 30 and len(good) >= 5


def test_the_run_exits_1_and_never_shows_a_traceback(run):
    assert run.code == 1, run.stderr
    for text in (run.stdout, run.stderr):
        assert "Traceback" not in text
        assert "could not be read (" not in text  # the indexer's last resort: a bug was caught
    failed = sum(1 for case in ACTIVE if case.error)
    assert f"; {failed} files failed" in run.stdout


def test_every_line_on_stderr_is_about_one_file_of_the_corpus(run):
    names = {case.name for case in ACTIVE}
    for line in run.stderr.splitlines():
        level, _, rest = line.partition(": ")
        assert level in ("error", "warning", "note"), line
        path = rest.split(": ", 1)[0]
        assert Path(path).parent == run.folder and Path(path).name in names, line


@pytest.mark.parametrize("case", case_params())
def test_each_file_gives_the_lines_it_should(run, case):
    lines = run.lines(case.name)
    expected = [("warning", w) for w in case.warnings]
    expected += [("note", case.note)] if case.note else []
    expected += [("error", case.error)] if case.error else []
    assert len(lines) == len(expected), lines
    for (level, message), (want_level, want) in zip(lines, expected, strict=True):
        assert level == want_level and want in message, (level, message)


@pytest.mark.parametrize("case", case_params(lambda case: case.word))
def test_each_good_file_is_indexed_and_found_by_its_own_word(archive, run, case):
    hits = archive.search(case.word, limit=10).hits
    assert hits, f"{case.word!r} finds nothing"
    assert {hit.path for hit in hits} == {str(run.folder / case.name)}


@pytest.mark.parametrize("case", case_params(lambda case: case.error))
def test_no_bad_file_leaves_anything_in_the_catalog(archive, run, case):
    assert not archive.catalog.doc_ids_for_path(str(run.folder / case.name))


def test_no_external_entity_dtd_or_include_reads_the_secret(run):
    assert SECRET not in run.stdout + run.stderr
    with sqlite3.connect(run.home / "catalog.sqlite") as conn:
        dump = "\n".join(conn.iterdump())
    assert SECRET not in dump
    # The days that named it in a DTD or an XInclude are stored, without it.
    assert "lantern" in dump and "candle" in dump


def test_the_200_mb_file_is_refused_without_being_read(run):
    assert (run.folder / "big.txt").stat().st_size == BIG_BYTES
    assert run.max_rss < MAX_RSS_BYTES, f"peak memory {run.max_rss / 2**20:.0f} MB"
    assert run.seconds < 60


def test_read_bytes_refuses_a_big_file_by_its_size_alone(tmp_path, monkeypatch):
    from archive.ingest import read_bytes

    big = tmp_path / "big.txt"
    sparse(big, tmp_path)

    def no_reading(self, *args):
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(IngestError, match=f"file larger than {MB} MB"):
        read_bytes(big)


def test_a_file_deleted_between_listing_and_reading_is_reported_and_the_rest_indexed(
    tmp_path, monkeypatch
):
    # The folder is listed before any file is read: the second file is deleted
    # right after the listing. Deterministic, unlike a race.
    from archive import ingest

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a-first.csv").write_text("title,date,text\nA,2015-12-01,A stoat.\n")
    (folder / "b-second.txt").write_text(story("Second", "puffin"))
    (folder / "c-third.txt").write_text(story("Third", "kestrel"))
    errors: list[IngestError] = []
    real_discover = ingest.discover

    def discover(paths):
        listed = list(real_discover(paths))
        (folder / "b-second.txt").unlink()
        return iter(listed)

    monkeypatch.setattr(ingest, "discover", discover)
    with Archive.open(tmp_path / "home", create=True) as archive:
        report = archive.index([folder], on_error=errors.append)
        assert [(Path(e.path).name, e.reason) for e in errors] == [
            ("b-second.txt", "no such file or folder")
        ]
        assert report.added == 2
        assert archive.search("kestrel").total == 1 and archive.search("stoat").total == 1


def mode_000(path: Path) -> None:
    path.write_text('{"date": "2015-12-01"}')
    path.chmod(0)


def proc_mem(path: Path) -> None:
    path.symlink_to("/proc/self/mem")


@pytest.mark.parametrize(
    "make, reason",
    [
        pytest.param(mode_000, "Permission denied", id="mode-000",
                     marks=pytest.mark.skipif(bool(ROOT_READS_ALL), reason=ROOT_READS_ALL)),
        pytest.param(proc_mem, "Input/output error", id="eio",
                     marks=pytest.mark.skipif(not Path("/proc/self/mem").exists(),
                                              reason="no /proc/self/mem here")),
    ],
)  # fmt: skip
def test_an_unreadable_sidecar_is_its_documents_one_error(tmp_path, make, reason):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "story.txt").write_text(story("Unreadable sidecar", "heron"))
    make(folder / "story.meta.json")
    done = run_index(tmp_path / "home", folder, cwd=tmp_path)
    assert done.code == 1 and "Traceback" not in done.stderr
    assert done.lines("story.txt") == [("error", f"cannot read sidecar story.meta.json: {reason}")]


# -- file names no one should have to handle, but someone will ----------------


def test_names_with_spaces_and_newlines_are_indexed(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "with space.txt").write_text(story("Spaced", "accordion"))
    (folder / "new\nline.txt").write_text(story("Newline", "bagpipe"))
    done = run_index(tmp_path / "home", folder, cwd=tmp_path)
    assert done.code == 0, done.stderr
    with Archive.open(tmp_path / "home") as archive:
        for word, name in (("accordion", "with space.txt"), ("bagpipe", "new\nline.txt")):
            assert [hit.path for hit in archive.search(word).hits] == [str(folder / name)]


def test_a_bad_file_whose_name_has_a_newline_is_still_one_line(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "new\nline.txt").write_bytes(b"")
    done = run_index(tmp_path / "home", folder, cwd=tmp_path)
    assert done.code == 1
    assert len(done.stderr.splitlines()) == 1, done.stderr


def test_a_good_file_whose_name_is_not_utf8_is_indexed(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / os.fsdecode(b"bad\xffname.txt")).write_text(story("Undecodable", "tambourine"))
    done = run_index(tmp_path / "home", folder, cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert done.code == 0, done.stderr


# -- a big file under the limit ------------------------------------------------


def test_a_story_under_the_size_limit_is_read_in_bounded_memory(tmp_path):
    folder = tmp_path / "long"
    folder.mkdir()
    rng = random.Random(1)
    words = "council minister said agreed market people would never house vote town".split()
    paragraphs = [" ".join(rng.choice(words) for _ in range(60)) + f" {n}." for n in range(8000)]
    (folder / "long.txt").write_text("A long story\n\n" + "\n\n".join(paragraphs))
    assert (folder / "long.txt").stat().st_size > 3_000_000
    done = run_index(tmp_path / "home", folder, cwd=tmp_path)
    assert done.code == 0, done.stderr
    assert done.max_rss < MAX_RSS_BYTES, f"peak memory {done.max_rss / 2**20:.0f} MB"
