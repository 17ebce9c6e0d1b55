"""Small things the command line says right: counts in the singular, footers that
name what was counted, a count for --limit 0 in every format, a warning for a topic
no document has, and division lists and speech heads that read unambiguously."""

from __future__ import annotations

from archive.cli.render import _forename_first, _speech_head


def test_one_passage_is_one_passage(run, seeded_home):
    result = run("search", '"kinetic options"', home=seeded_home)
    assert result.stdout.rstrip().endswith("1-1 of 1 passage")


def test_grouped_results_are_counted_as_documents(run, seeded_home):
    result = run("search", "Daesh", "--group", "document", "--limit", "1", home=seeded_home)
    assert result.stdout.rstrip().splitlines()[-1].split(" of ")[1].endswith("documents")


def test_limit_0_in_csv_says_how_many_on_stderr(run, seeded_home):
    result = run("search", "Daesh", "--limit", "0", "--format", "csv", home=seeded_home)
    assert result.stdout.startswith("passage_id,")
    assert result.stderr.strip().endswith("match.") and result.stderr.split()[0].isdigit()


def test_a_topic_no_document_has_is_warned_about(run, seeded_home):
    result = run("search", "Syria", "--topic", "no-such-topic", home=seeded_home)
    assert "no document in the archive has the topic 'no-such-topic'" in result.stderr


def test_division_names_read_forename_first():
    assert _forename_first("Fitzpatrick, Jim") == "Jim Fitzpatrick"
    assert _forename_first("Nuttall, Mr David") == "David Nuttall"
    assert _forename_first("Jim Fitzpatrick") == "Jim Fitzpatrick"


def test_the_speaker_is_set_apart_from_column_and_time():
    head = _speech_head(
        {"speaker": "Philip Hammond", "speaker_as_printed": None, "office": "Foreign Secretary",
         "party": "Conservative", "column": "1412", "time": "14:30"}
    )  # fmt: skip
    assert head == "[Philip Hammond (Foreign Secretary, Conservative) | col. 1412, 14:30] "
