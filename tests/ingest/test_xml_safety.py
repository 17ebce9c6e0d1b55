"""Untrusted XML: entity attacks refused, the old ParlParse DOCTYPE still read."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from archive.errors import IngestError
from archive.ingest import IngestOptions, read_documents
from archive.ingest.xml import MAX_DEPTH, parse_xml

SECRET = "TOP-SECRET-8c1f2a"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""

OLD_PARLPARSE = """<?xml version="1.0" encoding="ISO-8859-1"?>


<!DOCTYPE publicwhip
[
<!ENTITY ndash   "&#8211;">
<!ENTITY mdash   "&#8212;">
<!ENTITY pound  "&#163;" >
<!ENTITY iuml\t"&#239;" >
]>

<publicwhip scrapeversion="a" latest="yes">
<speech id="uk.org.publicwhip/debate/2009-10-27a.1.1" speakername="Ren\xe9e Na\xefve" colnum="1">
\t<p>Cost&mdash;&pound;5 &amp; na&iuml;ve caf\xe9 1990&ndash;91</p>
</speech>
</publicwhip>
""".encode("latin-1")


def refusal(data: bytes) -> str:
    with pytest.raises(IngestError) as caught:
        parse_xml(data, "attack.xml")
    assert caught.value.path == "attack.xml"
    assert "\n" not in caught.value.reason
    return caught.value.reason


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def test_billion_laughs_refused_quickly_in_bounded_memory():
    tracemalloc.start()
    started = time.perf_counter()
    try:
        reason = refusal(BILLION_LAUGHS)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason == "XML declares entities that expand other entities (refused)"
    assert elapsed < 2
    assert peak < 2 * 1024 * 1024


def test_billion_laughs_in_utf16_is_refused_by_the_parser_itself():
    # The DOCTYPE scan works on ASCII-compatible bytes; defusedxml backs it up.
    data = BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    reason = refusal(data.encode("utf-16"))
    assert reason.endswith("(refused)")


def xxe_documents(secret: str) -> list[bytes]:
    url = f"file://{secret}"
    return [
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{url}">]><r>&x;</r>',
        f'<!DOCTYPE r [<!ENTITY x SYSTEM "{url}">]><r a="&x;"/>',
        f'<!DOCTYPE r [<!ENTITY x PUBLIC "-//X//Y" "{url}">]><r>&x;</r>',
        f'<!DOCTYPE r [<!ENTITY % x SYSTEM "{url}"> %x;]><r/>',
        f'<!DOCTYPE r [<!ENTITY x SYSTEM "{url}" NDATA gif>]><r/>',
    ]


@pytest.mark.parametrize("case", range(5))
def test_external_entities_refused_and_never_read(secret_file, case):
    data = xxe_documents(str(secret_file))[case].encode()
    reason = refusal(data)
    assert reason == "XML declares an external entity (refused)"
    assert SECRET not in reason


def test_xxe_through_a_reader_never_shows_the_file(tmp_path, secret_file):
    path = tmp_path / "debates2009-10-27a.xml"
    path.write_bytes(
        f'<?xml version="1.0"?><!DOCTYPE publicwhip [<!ENTITY x SYSTEM "file://{secret_file}">]>'
        '<publicwhip latest="yes"><speech id="uk.org.publicwhip/debate/2009-10-27a.1.1">'
        "<p>&x;</p></speech></publicwhip>".encode()
    )
    with pytest.raises(IngestError) as caught:
        list(read_documents(path, options=IngestOptions(warn=pytest.fail)))
    assert SECRET not in str(caught.value)


def test_external_dtd_is_never_loaded(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "{SECRET}">')
    data = f'<!DOCTYPE r SYSTEM "file://{dtd}"><r>before &leak; after</r>'.encode()
    reason = refusal(data)
    assert reason.startswith("malformed XML: undefined entity")
    assert SECRET not in reason


def test_external_dtd_declaration_alone_is_harmless(tmp_path):
    data = b'<!DOCTYPE r PUBLIC "-//X//DTD Y//EN" "http://example.invalid/y.dtd"><r>text</r>'
    assert parse_xml(data, "r.xml").text == "text"


@pytest.mark.parametrize(
    ("subset", "reason"),
    [
        ('<!ENTITY a "x"><!ENTITY b "&a;">', "expand other entities"),
        ("<!ENTITY % p \"<!ENTITY a 'x'>\"> %p;", "expand other entities"),
        ('<!ENTITY a "<b>markup</b>">', "holding markup"),
        ('<!ENTITY a "' + "x" * 65 + '">', "longer than 64 bytes"),
        ("<!ELEMENT r ANY>", "declares more than entities"),
        ('<!ATTLIST r a CDATA "default">', "declares more than entities"),
    ],
)
def test_anything_but_plain_character_entities_refused(subset, reason):
    data = f"<!DOCTYPE r [{subset}]><r/>".encode()
    found = refusal(data)
    assert reason in found
    assert found.endswith("(refused)")


def test_many_references_to_a_long_entity_refused():
    data = b'<!DOCTYPE r [<!ENTITY a "' + b"x" * 64 + b'">]><r>' + b"&a;" * 200_000 + b"</r>"
    assert refusal(data) == "XML entities expand too much (refused)"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"<r><p>cut off in the mid", "at line 1, column 25"),
        (b"<r>\n<p>one</p>\n<p>two</q>\n</r>", "at line 3, column 9"),
        (b"", "at line 1, column 1"),
        (b"<r/><r/>", "at line 1, column 5"),
    ],
)
def test_malformed_xml_says_where(data, where):
    reason = refusal(data)
    assert reason.startswith("malformed XML: ")
    assert reason.endswith(where)


def test_line_numbers_count_the_removed_doctype():
    broken = OLD_PARLPARSE.replace(b"</speech>", b"</speach>")
    line = OLD_PARLPARSE[: OLD_PARLPARSE.index(b"</speech>")].count(b"\n") + 1
    assert f"mismatched tag at line {line}, column " in refusal(broken)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_refused(depth):
    started = time.perf_counter()
    reason = refusal(b"<a>" * depth + b"</a>" * depth)
    assert reason == f"XML nested more than {MAX_DEPTH} elements deep"
    assert time.perf_counter() - started < 2


def test_nesting_up_to_the_limit_is_read():
    root = parse_xml(b"<a>" * MAX_DEPTH + b"</a>" * MAX_DEPTH, "deep.xml")
    assert root.tag == "a"


def test_old_parlparse_doctype_entities_and_latin1_decode():
    root = parse_xml(OLD_PARLPARSE, "debates2009-10-27a.xml")
    (speech,) = root.iter("speech")
    assert speech.get("speakername") == "Renée Naïve"
    assert speech.find("p").text == "Cost—£5 & naïve café 1990–91"


def test_undeclared_html_entities_are_known_and_others_are_not():
    assert parse_xml(b"<r>caf&eacute; &mdash; &amp;</r>", "r.xml").text == "café — &"
    assert refusal(b"<r>&nosuchentity;</r>").startswith("malformed XML: undefined entity")


def test_unknown_encoding_is_one_clear_line():
    reason = refusal(b'<?xml version="1.0" encoding="klingon"?><r/>')
    assert reason == "XML in an unsupported encoding (unknown encoding: klingon)"
