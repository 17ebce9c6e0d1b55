"""Files that sit among documents but are plainly not documents.

A corpus folder holds more than its documents: a README and a licence,
notes, member lists, the metadata or annotations a project keeps beside its
pages. Reading such a file is refused with NotADocument and a short reason,
which an index run reports as skipped, not failed (archive.indexing.run).

Each test is meant never to take a document for something else:

- by name (`about_file`): README, LICENSE, NOTES, CHANGELOG, SOURCES ... with
  no extension or a text one (.md, .txt, .rst): README.md, README-upstream.md,
  parlparse-notes.txt. A longer name counts only if README or CHANGELOG
  begins or ends it, since news files are often named after their headline
  ("bank-issues-new-notes.txt"). A file with a sidecar is read whatever
  its name.
- by content, before any format reads the file (`not_a_document`): brat
  standoff annotations (`T1<TAB>Source 110 112<TAB>we`) and ParlParse's
  changedates.txt (`1256631461,debates2009-10-26a.xml`), every line.
- by structure, for text that no format read (`refuse_structured`): JSON that
  is one object (metadata of a page, a map keyed by id or file name) and
  member lists. Stories in JSON are JSON lines, one object per line, which
  archive.ingest.table reads before this is asked; a JSON array of records
  stays an error, being a table in a shape the archive does not read.
"""

from __future__ import annotations

import json
import re

from archive.errors import IngestError, NotADocument

SNIFF_BYTES = 4096

# What a name says the file is, by the word that says it.
_NAMED = {
    "readme": "a README",
    "changelog": "a change log",
    "changes": "a change log",
    "license": "a licence",
    "licence": "a licence",
    "copying": "a licence",
    "notice": "a licence notice",
    "notes": "notes about the files",
    "sources": "a list of sources",
    "authors": "a list of authors",
    "contributing": "a guide for contributors",
}
# Words no headline begins or ends a file name with.
_ANYWHERE = frozenset({"readme", "changelog"})
_TEXT_SUFFIXES = frozenset({"", ".md", ".markdown", ".txt", ".text", ".rst"})
_WORD_SPLIT = re.compile(r"[-_.\s]+")


def about_file(name: str) -> str | None:
    """Why a file called `name` is about the other files rather than a document, or None."""
    name = name.lower().removesuffix(".gz")
    stem, dot, suffix = name.rpartition(".")
    stem, suffix = (stem, dot + suffix) if dot and stem else (name, "")
    if suffix not in _TEXT_SUFFIXES:
        return None
    words = [word for word in _WORD_SPLIT.split(stem) if word]
    if not words:
        return None
    # Of a longer name only the first and last words count, and only the surest ones.
    known = _NAMED if len(words) <= 2 else _ANYWHERE
    word = next((w for w in (words[0], words[-1]) if w in known), None)
    return f"{_NAMED[word]}, not a document" if word else None


# brat's standoff annotations: T (text span), R, E, A, M, N, # (note), * (equivalence).
_BRAT_START = re.compile(rb"\A\s*T\d+\t[^\t\n]+ \d+ \d+")
_BRAT_LINE = re.compile(r"(?:[TREAMN]\d+|#\d*|\*)\t\S")
# ParlParse's changedates.txt: when each scraped file last changed.
_CHANGEDATES_START = re.compile(rb"\A\d{9,11},[\w.-]+\.xml\r?\n")
_CHANGEDATES_LINE = re.compile(r"\d{9,11},[\w.-]+\.xml")


def not_a_document(data: bytes) -> str | None:
    """Why a file's content is plainly not a document whatever reads it, or None.

    Only a file whose first line fits is read through, so most files cost one match.
    """
    for start, line, reason in (
        (_BRAT_START, _BRAT_LINE, "brat annotations (standoff), not a document"),
        (
            _CHANGEDATES_START,
            _CHANGEDATES_LINE,
            "a ParlParse list of when each file changed, not a document",
        ),
    ):
        if start.match(data):
            lines = data.decode("utf-8", errors="replace").splitlines()
            if all(line.match(text) for text in lines if text.strip()):
                return reason
    return None


_XML_PROLOGUE = re.compile(
    r"\A\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*", re.S
)
_TAG = re.compile(r"<([A-Za-z_][\w:.-]*)")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# ParlParse's ministers.json: {"memberships": [{..., "person_id": "uk.org.publicwhip/person/...
_MINISTERS = re.compile(r'\A\s*\{\s*"memberships"\s*:\s*\[.*?"person_id"', re.S)
# Member lists of other parliaments in ParlParse's shape (OpenAustralia's people.xml,
# representatives.xml, ministers.xml): the root, and what its first child is.
_MEMBER_ROOTS = frozenset({"people", "members", "ministers"})
_MEMBER_CHILDREN = frozenset({"person", "member", "lord", "moffice", "ministerofficegroup"})
# A record's field names; a map's keys are ids or file names (person ids, "page.html").
_FIELD_NAME = re.compile(r"[A-Za-z_][\w -]{0,40}\Z")
PEOPLE_IMPORT_HINT = "load it with `archive people import`"


def refuse_structured(text: str, path: str) -> None:
    """Raise why text that no format read is data rather than prose; return if it is prose.

    NotADocument for JSON metadata and member lists, IngestError for data of a
    kind the archive does not read (a JSON array, XML with another root).
    """
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start == "{" and _MINISTERS.search(text[:SNIFF_BYTES]):
        raise NotADocument(path, f"a ParlParse ministers list, not debates: {PEOPLE_IMPORT_HINT}")
    if start == "{":
        reason = _json_object(text)
        if reason:
            raise NotADocument(path, reason)
    if start in ("{", "["):
        raise IngestError(path, "JSON, but not a table of records (JSON lines) the archive reads")
    if start == "<":
        head = text.lstrip("\ufeff")[:SNIFF_BYTES]
        body = _COMMENT.sub("", head[_XML_PROLOGUE.match(head).end() :])
        root = _TAG.match(body)
        child = _TAG.search(body, root.end()) if root else None
        if child and root.group(1) in _MEMBER_ROOTS and child.group(1) in _MEMBER_CHILDREN:
            listing = f"<{root.group(1)}> of <{child.group(1)}>"
            raise NotADocument(path, f"a member list ({listing}), not debates")
        name = f" <{root.group(1)}>" if root else ""
        raise IngestError(path, f"XML or markup of a kind the archive does not read (root{name})")


def _json_object(text: str) -> str | None:
    """Why a JSON file holding one object is metadata, or None if it is no JSON object."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    if len(value) > 1 and not any(_FIELD_NAME.match(key) for key in value):
        return f"JSON metadata keyed by id or file name ({len(value):,} entries), not a document"
    return "a JSON object of metadata, not a document (stories are read from JSON lines)"
