"""Query fuzzing: any query text and option values either answer or are one clear error.

Hypothesis builds query strings from a grammar of the query language (words
from the seeds, quotes, AND/OR/NOT/-, parentheses, NEAR/n, field terms,
prefix*, unicode, control characters, lone surrogates (what undecodable
bytes in argv become), very long strings) and option values (dates, sorts,
limits, speakers, houses, kinds, formats), and runs each against an archive
of the seeds:

- through the CLI in-process (click's CliRunner): exit 0 with output in the
  asked format, or exit 2 (a usage error) or 1 (say "no speaker matches")
  with exactly one "Error: ..." line on stderr; never an exception;
- straight through the library (`Archive.search` and friends), which is ten
  times faster: a result, or an ArchiveError; never another exception.

By default the two run 400 + 1,600 = 2,000 examples (about 10 s);
ARCHIVE_FUZZ_EXAMPLES=N runs N in all, a fifth through the CLI. The full
fuzz run (10,000: about 45 s on an idle core, twice that on a busy one):

    ARCHIVE_FUZZ_EXAMPLES=10000 python -m pytest -q tests/search/test_query_fuzz.py

Limits and offsets are drawn up to a million; the values beyond, which
the engine cannot take, have their own tests at the end.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import traceback

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.api import Archive
from archive.cli import cli
from archive.errors import ArchiveError, UsageError
from archive.model import HOUSES
from archive.query.parser import parse
from archive.query.tree import MAX_NESTING

from conftest import ROOT, SEEDS

TOTAL = int(os.environ.get("ARCHIVE_FUZZ_EXAMPLES", "2000"))
CLI_EXAMPLES = max(1, TOTAL // 5)
LIBRARY_EXAMPLES = max(1, TOTAL - CLI_EXAMPLES)

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- the grammar ------------------------------------------------------------

# Words the seeds hold (so some queries find passages), stopwords, and near misses.
SEED_WORDS = (
    "Russia Syria Hammond Daesh strikes kinetic Aleppo Fallon Putin Islamic State RAF"
    " opposition Obama Cameron Assad air-strikes Russia's the a of and or not near"
    " Rusia Sryia 2015 1,600 Moualem Khoja"
).split()
SPEAKERS = (
    "hammond",
    "Philip Hammond",
    "Foreign Secretary",
    "fallon",
    "Boris Johnson",
    "Obama",
    "Prime Minister",
    "nobody-at-all",
)
FIELD_VALUES = {
    "speaker": SPEAKERS,
    "source": ("bbc", "BBC News", "itv", "nowhere"),
    "kind": ("news", "hansard", "NEWS", "blog"),
    "party": ("labour", "Conservative", "whig"),
    "house": (*HOUSES, "Commons", "WH", "house of lords", "senate"),
    "topic": ("crude", "syria", ",", "a,b"),
    "date": ("2015", "2015-12", "2015-12-16", "2015-13-45", "2015-02-30", "0000", "9999-12-31",
             "2015..2016", "..2015-12", "2016..", "..", "2016..2015", "20155"),
    "title": ("aleppo", "Syria*", "x*", "a b", "*"),
}  # fmt: skip

_SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
_CONTROLS = st.integers(0, 0x1F).map(chr) | st.sampled_from(["\x7f", "\x85", "\u2028", "\ufeff"])
_ANY_TEXT = st.text(max_size=12)
_UNICODE_WORD = st.text(st.characters(categories=["L", "M", "N"]), min_size=1, max_size=10)
_WORD = st.sampled_from(SEED_WORDS) | _UNICODE_WORD | st.from_regex(r"[a-z]{1,8}", fullmatch=True)
_QUOTE = st.sampled_from(['"', "\u201c", "\u201d", "\u201e"])


@st.composite
def _phrase(draw) -> str:
    words = draw(st.lists(_WORD, max_size=4))
    opening = draw(_QUOTE)
    closing = draw(_QUOTE | st.just(""))  # sometimes never closed
    return opening + " ".join(words) + closing


@st.composite
def _field_term(draw) -> str:
    name = draw(st.sampled_from(sorted(FIELD_VALUES)))
    name = draw(st.sampled_from([name, name.upper(), name.title()]))
    value = draw(st.sampled_from(FIELD_VALUES[name.lower()]) | _WORD | _ANY_TEXT | st.just(""))
    if (draw(st.booleans()) and " " in value) or draw(st.integers(0, 9)) == 0:
        value = f'"{value}"'
    return f"{name}:{value}"


_NEAR = st.one_of(
    st.just("NEAR"),
    st.integers(-3, 200).map(lambda n: f"NEAR/{n}"),
    st.sampled_from(["NEAR/", "NEAR/99999999999999999999", "near/5", "NEAR/５", "NEAR/٣"]),
)
_OPERATOR = st.sampled_from(["AND", "OR", "NOT", "-", "(", ")", "*", ":", "and", "or"])

_TOKEN = st.one_of(
    _WORD,
    _WORD.map(lambda w: w + "*"),
    _WORD.map(lambda w: "-" + w),
    _phrase(),
    _field_term(),
    _NEAR,
    _OPERATOR,
    _ANY_TEXT,
    _CONTROLS,
    _SURROGATES,
)
_SEPARATOR = st.sampled_from([" ", " ", " ", "", "  ", "\t", "\n", "\u00a0"])


_GRAMMAR_QUERY = st.lists(st.tuples(_TOKEN, _SEPARATOR), max_size=10).map(
    lambda pairs: "".join(token + separator for token, separator in pairs)
)


@st.composite
def _long_query(draw) -> str:
    """Very long strings: one huge word, a token repeated thousands of times, deep nesting."""
    unit = draw(_TOKEN)
    # Each prefix* costs the engine a walk of its dictionary: thousands take seconds.
    times = draw(st.integers(100, 1000))
    shape = draw(st.sampled_from(["repeat", "word", "nest", "or"]))
    if shape == "word":
        return "a" * times * 50
    if shape == "nest":
        depth = draw(st.integers(MAX_NESTING - 2, MAX_NESTING * 3))
        return "(" * depth + (unit or "x") + ")" * draw(st.sampled_from([depth, depth - 1]))
    if shape == "or":
        return " OR ".join([unit or "x"] * times)
    return " ".join([unit] * times)


QUERIES = st.one_of(
    _GRAMMAR_QUERY, _GRAMMAR_QUERY, _GRAMMAR_QUERY, st.text(max_size=60), _long_query()
)

# -- option values ----------------------------------------------------------


@st.composite
def _date_value(draw) -> str:
    day = draw(st.dates())
    return draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], f"{day.year:04d}"]))


DATES = _date_value() | st.sampled_from(
    ["2015-13-45", "2015-02-30", "0000", "9999-12-31", "", " ", "2015-1-1", "１９９９", "2015/12"]
) | _ANY_TEXT  # fmt: skip
# Mostly a page, sometimes far more than the archive holds.
_COUNTS = st.integers(0, 30) | st.sampled_from([99, 100, 1000, 65536, 1_000_000])
NUMBERS = (st.integers(-5, 30) | _COUNTS).map(str) | st.sampled_from(
    ["", "x", "1.5", "1e3", " 3", "0x10", "-0", "٣", "+7"]
)
SPEAKER_VALUES = st.sampled_from(SPEAKERS) | _ANY_TEXT | _SURROGATES
HOUSE_VALUES = st.sampled_from([*HOUSES, "Commons", "WH", "House of Lords", "senate", ""])
TOPICS = st.sampled_from(["crude", "syria", "", ","]) | _ANY_TEXT | _SURROGATES


def _maybe(values):
    return st.none() | values


_FILTER_VALUES = {
    "--since": DATES,
    "--until": DATES,
    "--speaker": SPEAKER_VALUES,
    "--house": HOUSE_VALUES | _ANY_TEXT,
    "--kind": st.sampled_from(["news", "hansard", "blog", ""]),
    "--source": st.sampled_from(["bbc", "BBC News", "nowhere"]) | _ANY_TEXT,
    "--party": st.sampled_from(["labour", "conservative", "whig"]) | _ANY_TEXT,
    "--topic": TOPICS,
}
# Each filter option given at most a few times in all (drawing one list is cheaper than eight).
_FILTER_OPTIONS = st.lists(
    st.one_of([st.tuples(st.just(flag), values) for flag, values in _FILTER_VALUES.items()]),
    max_size=4,
).map(lambda pairs: [part for pair in pairs for part in pair])


_COMMAND_OPTIONS = {
    "search": (
        ("--sort", st.sampled_from(["relevance", "newest", "oldest", "", "random"])),
        ("--limit", NUMBERS),
        ("--offset", NUMBERS),
        ("--group", st.sampled_from(["document", "speaker", ""])),
        ("--context", st.integers(-1, 2000).map(str) | NUMBERS),
        ("--format", st.sampled_from(["text", "json", "jsonl", "csv", "xml", ""])),
    ),
    "export": (
        ("--sort", st.sampled_from(["newest", "oldest", "relevance"])),
        ("--format", st.sampled_from(["jsonl", "csv", "json"])),
    ),
    "speakers": (
        ("--name", SPEAKER_VALUES),
        ("--limit", NUMBERS),
        ("--format", st.sampled_from(["text", "json", "csv", "jsonl"])),
    ),
    "timeline": (
        ("--by", st.sampled_from(["day", "week", "month", "year", "decade"])),
        ("--format", st.sampled_from(["text", "json", "csv", "png"])),
    ),
}
COMMANDS = st.sampled_from(["search"] * 5 + ["export", "speakers", "timeline"])


@st.composite
def cli_arguments(draw) -> list[str]:
    """One command line: a command, its options in any order, and the query words."""
    command = draw(COMMANDS)
    options = draw(_FILTER_OPTIONS)
    for flag, values in _COMMAND_OPTIONS[command]:
        value = draw(_maybe(values))
        if value is not None:
            options += [flag, value]
    query = draw(QUERIES)
    # As the shell passes it: one quoted argument, split words, or after "--".
    shape = draw(st.sampled_from(["one", "split", "dashes", "none"]))
    words = {"one": [query], "split": query.split(), "dashes": ["--", query], "none": []}[shape]
    if draw(st.booleans()):
        return [command, *words, *options]
    return [command, *options, *words]


# -- the archive ------------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """The five seeds, indexed once for this module with the default engine."""
    home = tmp_path_factory.mktemp("fuzz-home")
    result = CliRunner().invoke(cli, ["--home", str(home), "index", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return home


@pytest.fixture(scope="module")
def archive(home):
    with Archive.open(home) as opened:
        yield opened


# -- the CLI ----------------------------------------------------------------


def check_cli(result, args: list[str]) -> None:
    """Exit 0 with well-formed output, or exit 1/2 with exactly one error line; no exception."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"{args!r} raised:\n{trace}")
    everything = result.stdout + result.stderr
    assert "Traceback" not in everything, args
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, everything)
    errors = [line for line in result.stderr.splitlines() if line.lower().startswith("error:")]
    if result.exit_code == 0:
        assert not errors, (args, result.stderr)
        check_output(args, result.stdout)
    else:
        assert len(errors) == 1, (args, result.stderr)
        assert len(errors[0]) > len("error: "), (args, result.stderr)
    if result.exit_code == 1:
        # A runtime error is the one line (after any warnings), with no usage text around it.
        lines = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
        assert len(lines) == 1, (args, result.stderr)


def check_output(args: list[str], stdout: str) -> None:
    """Output asked for as JSON, JSON lines or CSV is that."""
    if "--help" in args or "-h" in args:
        return
    fmt = _last_value(args, "--format")
    if fmt == "json":
        json.loads(stdout)
    elif fmt == "jsonl" or (fmt is None and args[0] == "export"):
        for line in stdout.splitlines():
            json.loads(line)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(stdout)))
        assert rows, args
        assert all(len(row) == len(rows[0]) for row in rows), args


def _last_value(args: list[str], flag: str) -> str | None:
    # Options after "--" are query words, not options.
    end = args.index("--") if "--" in args else len(args)
    values = [args[i + 1] for i in range(end - 1) if args[i] == flag]
    return values[-1] if values else None


@settings(FUZZ, max_examples=CLI_EXAMPLES)
@given(args=cli_arguments())
def test_any_command_line_answers_or_is_one_clear_error(home, args):
    result = CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=True)
    check_cli(result, args)


# -- the library ------------------------------------------------------------


# The library's keyword for each filter option, and its values (an option's values, or a few).
_LIBRARY_NAMES = {
    "--since": "since", "--until": "until", "--speaker": "speakers", "--house": "houses",
    "--kind": "kinds", "--source": "sources", "--party": "parties", "--topic": "topics",
}  # fmt: skip
_LIBRARY_FILTER = st.one_of(
    [st.tuples(st.just(flag), values) for flag, values in _FILTER_VALUES.items()]
)


@st.composite
def library_calls(draw) -> tuple[str, str, dict]:
    """(method, query, keyword arguments) for Archive.search, export, speakers or timeline."""
    method = draw(st.sampled_from(["search"] * 6 + ["export", "speakers", "timeline"]))
    kwargs: dict = {}
    for flag, value in draw(st.lists(_LIBRARY_FILTER, max_size=4)):
        name = _LIBRARY_NAMES[flag]
        if name in ("since", "until"):
            kwargs[name] = value
        else:
            kwargs.setdefault(name, []).append(value)
    if method == "search":
        kwargs["sort"] = draw(_maybe(st.sampled_from(["relevance", "newest", "oldest", "x"])))
        # Negative ones have their own test below (grouped searches take them).
        kwargs["limit"] = draw(_COUNTS)
        kwargs["offset"] = draw(_COUNTS)
        kwargs["group"] = draw(_maybe(st.sampled_from(["document", "speaker"])))
        kwargs["width"] = draw(st.integers(40, 2000))
    elif method == "export":
        kwargs["sort"] = draw(_maybe(st.sampled_from(["newest", "oldest"])))
    elif method == "timeline":
        kwargs["by"] = draw(st.sampled_from(["day", "week", "month", "year", "decade"]))
    elif method == "speakers":
        kwargs["name"] = draw(_maybe(SPEAKER_VALUES))
    return method, draw(QUERIES), kwargs


@settings(FUZZ, max_examples=LIBRARY_EXAMPLES)
@given(call=library_calls())
def test_any_query_gives_a_result_or_an_archive_error(archive, call):
    method, query, kwargs = call
    try:
        answer = getattr(archive, method)(query, **kwargs)
        if method == "export":
            answer = list(answer)
    except ArchiveError as error:
        assert str(error).strip(), call
        assert "\n" not in str(error), call
        return
    if method == "search":
        assert len(answer.hits) <= kwargs["limit"]
        assert answer.total >= len(answer.hits) or kwargs.get("group")


# -- regressions and the values the grammar leaves out ----------------------


def test_parentheses_nested_past_the_limit_are_a_bad_query_not_a_recursion_error(home):
    deep = "(" * 5000 + "Russia" + ")" * 5000
    result = CliRunner().invoke(cli, ["--home", str(home), "search", deep])
    assert result.exit_code == 2
    assert f"nested more than {MAX_NESTING} deep" in result.stderr
    assert parse("(" * MAX_NESTING + "Russia" + ")" * MAX_NESTING) == parse("Russia")


def test_an_undecodable_byte_in_a_topic_finds_nothing_instead_of_crashing(home):
    # argv bytes that are not UTF-8 reach Python as lone surrogates.
    for args in (["--topic", "\udcff", "Russia"], ["topic:\udcff"]):
        result = CliRunner().invoke(cli, ["--home", str(home), "search", *args])
        check_cli(result, args)
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "option",
    [
        ["--limit", "99999999999999999999"],
        ["--offset", "99999999999999999999"],
        ["--limit", str(2**31 - 1)],
        ["--sort", "newest", "--offset", str(2**32)],
        ["--group", "document", "--limit", str(2**31)],
    ],
)
def test_a_huge_limit_or_offset_is_a_usage_error(home, option):
    # In a child process: past the bound the engine aborts (SIGABRT) or panics.
    done = subprocess.run(
        [sys.executable, "-m", "archive", "--home", str(home), "search", "Russia", *option],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr and "panicked" not in done.stderr
    assert done.returncode == 2, done.stderr[-500:]


@pytest.mark.parametrize("limit, offset", [(-1, 0), (0, -1), (-5, -5)])
def test_a_negative_limit_or_offset_is_a_usage_error_when_grouping_too(archive, limit, offset):
    with pytest.raises(UsageError):
        archive.search("", kinds=["news"], group="document", limit=limit, offset=offset)
