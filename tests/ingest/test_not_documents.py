"""Files that are plainly not documents: refused with NotADocument and a short reason.

A README, a member list, a JSON of metadata beside the pages is skipped by an
index run, not failed; and nothing that is a document may be taken for one.
The fixtures are written here, each a few lines like the real ones in
../shared/corpus (ParlParse's members/ and changedates.txt, newspaper4k's
expected-metadata, trafilatura's annotations.json, PolNeAR's .ann files).
"""

from __future__ import annotations

import gzip
import json
import pickle

import pytest

from archive.errors import IngestError, NotADocument
from archive.ingest import IngestOptions, read_documents
from archive.ingest.not_documents import about_file

STORY = "Walrus seen on harbour wall\n\nA walrus was seen on the harbour wall at dawn.\n"


def read(tmp_path, name: str, content: str | bytes, **options):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return list(read_documents(path, options=IngestOptions(**options)))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("README.md", "a README, not a document"),
        ("README", "a README, not a document"),
        ("README.TXT", "a README, not a document"),
        ("readme.rst", "a README, not a document"),
        ("README-upstream.md", "a README, not a document"),
        ("README.md.gz", "a README, not a document"),
        ("LICENSE", "a licence, not a document"),
        ("LICENCE.txt", "a licence, not a document"),
        ("COPYING", "a licence, not a document"),
        ("NOTES.md", "notes about the files, not a document"),
        ("parlparse-notes.txt", "notes about the files, not a document"),
        ("CHANGELOG.md", "a change log, not a document"),
        ("SOURCES.md", "a list of sources, not a document"),
    ],
)
def test_a_readme_licence_or_notes_file_is_known_by_its_name(tmp_path, name, reason):
    assert about_file(name) == reason
    with pytest.raises(NotADocument) as caught:
        read(tmp_path, name, STORY)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    "name",
    [
        "story.txt",
        "README.html",  # a page, read as one
        "readme.csv",
        "notes.json",
        # News files are named after their headline: only the surest words count there.
        "bank-issues-new-notes.txt",
        "sources-say-minister-will-resign.txt",
        "licence-fee-to-rise.txt",
        "changes-to-benefits-announced.md",
        "notebook.txt",
    ],
)
def test_a_document_is_not_taken_for_one_by_its_name(tmp_path, name):
    assert about_file(name) is None
    if name.endswith((".txt", ".md")):
        (document,) = read(tmp_path, name, STORY)
        assert document.title == "Walrus seen on harbour wall"


@pytest.mark.parametrize(
    "how",
    ["sidecar", "format"],
)
def test_a_readme_is_read_when_a_sidecar_or_format_says_so(tmp_path, how):
    if how == "sidecar":
        (tmp_path / "README.meta.json").write_text('{"source": "Harbour News"}')
    options = {"format": "text"} if how == "format" else {}
    (document,) = read(tmp_path, "README.md", STORY, **options)
    assert document.title == "Walrus seen on harbour wall"


MEMBERS_XML = (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!-- a list -->\n<publicwhip>\n'
    '<member id="uk.org.publicwhip/member/1" firstname="Ann" lastname="Example" party="Lab"/>\n'
    "</publicwhip>\n"
)
MINISTERS_JSON = json.dumps(
    {
        "memberships": [
            {"id": "uk.org.publicwhip/moffice/1", "person_id": "uk.org.publicwhip/person/1"}
        ]
    },
    indent=2,
)
PARTY_MAP = json.dumps(
    {f"uk.org.publicwhip/person/{n}": "labour" for n in range(10001, 10004)}, indent=4
)
ANNOTATIONS = json.dumps(
    {"0a31.html": {"author": "IWB", "date": "2019-10-19", "title": "Money laundering"}}
    | {"0b72.html": {"author": "", "date": "2020-01-02", "title": "Storm"}},
    indent=1,
)
PAGE_METADATA = json.dumps(
    {"url": "https://example.org/a", "title": "Storm", "text": "A storm came.", "images": []},
    indent=4,
)
BRAT = (
    "T1\tSource 110 112\twe\nT2\tCue 113 119\tmocked\nT3\tContent 120 131\tthe ambitions\n"
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n#1\tAnnotatorNotes T1\tunsure\n"
)
CHANGEDATES = "1256631461,debates2009-10-26a.xml\n1256717977,debates2009-10-27a.xml\n"
OTHER_MEMBERS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<members>\n <member division="Warringah" '
    'firstname="Tony" house="representatives" id="uk.org.publicwhip/member/1"/>\n</members>\n'
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("all-members.xml", MEMBERS_XML, "a ParlParse member list, not debates: load it with"),
        ("list.xml.gz", gzip.compress(MEMBERS_XML.encode()), "a ParlParse member list"),
        ("ministers.json", MINISTERS_JSON, "a ParlParse ministers list, not debates: load it"),
        ("representatives.xml", OTHER_MEMBERS, "a member list (<members> of <member>)"),
        ("party-map.json", PARTY_MAP, "JSON metadata keyed by id or file name (3 entries)"),
        ("annotations.json", ANNOTATIONS, "JSON metadata keyed by id or file name (2 entries)"),
        ("cnn_001.json", PAGE_METADATA, "a JSON object of metadata, not a document"),
        ("story.ann", BRAT, "brat annotations (standoff), not a document"),
        ("one-span.ann", "T1\tSource 0 5\tParty\n", "brat annotations"),
        ("changedates.txt", CHANGEDATES, "a ParlParse list of when each file changed"),
    ],
)
def test_a_member_list_metadata_or_annotations_is_not_a_document(tmp_path, name, content, reason):
    with pytest.raises(NotADocument) as caught:
        read(tmp_path, name, content)
    assert caught.value.reason.startswith(reason)
    assert caught.value.path == str(tmp_path / name)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        # A table in a shape the archive does not read is an error the user should see.
        ("array.json", '[{"title": "Storm", "text": "A storm came."}]', "JSON, but not a table"),
        ("debates.xml", "<?xml version='1.0'?><debates><speech/></debates>", "root <debates>"),
        ("changed.txt", CHANGEDATES + "and a line of prose\n", "no body text found"),
    ],
)
def test_data_of_another_kind_is_still_an_error(tmp_path, name, content, reason):
    with pytest.raises(IngestError) as caught:
        read(tmp_path, name, content)
    assert not isinstance(caught.value, NotADocument)
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("stories.jsonl", '{"title": "Storm", "date": "2015-12-02", "text": "A storm came."}\n'),
        ("story.json", '{"title": "Storm", "date": "2015-12-02", "text": "A storm came."}'),
        ("stories.csv", "title,date,text\nStorm,2015-12-02,A storm came.\n"),
        ("tabbed.txt", "Storm\n\nT1\tSource 0 5\tParty was said to be a story once.\nAnd more.\n"),
    ],
)
def test_a_table_of_stories_is_still_read(tmp_path, name, content):
    (document,) = read(tmp_path, name, content)
    assert document.title == "Storm"


def test_not_a_document_survives_the_trip_from_the_reading_worker():
    error = pickle.loads(pickle.dumps(NotADocument("a/README.md", "a README, not a document")))
    assert isinstance(error, NotADocument)
    assert (error.path, error.reason) == ("a/README.md", "a README, not a document")
