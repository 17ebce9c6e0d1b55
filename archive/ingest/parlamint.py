"""ParlaMint-GB: one sitting of the Commons or the Lords per TEI file.

A `<TEI xml:id="ParlaMint-GB_2017-09-07-commons">` file has a teiHeader
(main title, `settingDesc/setting/date/@when`, the Hansard source) and a
body of `<div type="debateSection">`, each with a `<head>` (the debate's
title) and utterances `<u xml:id=… who="#DavidDavis" ana="#regular">` made
of `<seg>` paragraphs. Each `<u>` is one Passage, its segs joined by blank
lines. Transcribers' notes are not speech and are left out wherever they
sit: `<note>`, `<gap>` (the samples' "SAMPLING"), `<kinesic>`, `<vocal>`,
`<incident>`; the text of any other inline element is kept.

Who speaks comes from the meta table beside the file
(`ParlaMint-GB_2017-09-07-commons-meta.tsv`, one row per utterance, columns
found by their header names since snapshots differ: 2020 adds `Topic`):
Speaker_name "Kinnock, Stephen Nathan" becomes "Stephen Nathan Kinnock",
Speaker_party_name ("Labour") the party, Speaker_ID the ref
("parlamint/StephenKinnock"). ParlaMint's roles are not offices: "Regular"
gives no role, and "Chairperson" (whoever presides: the Speaker, a Deputy,
the Lord Speaker…) gives the neutral role "Chair", never "Speaker". Without
the table, or for an utterance it lacks, the `who` pointer gives the ref
alone (the name is left None: the TEI keeps names in a separate
listPerson file) and `ana="#chair"` the role. The table is a companion of
the XML: it is not indexed on its own, and a change to it re-reads the XML.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from archive.errors import IngestError
from archive.ingest.base import Format, IngestOptions
from archive.ingest.xml import Element, parse_xml, utf8_head
from archive.model import Document, Passage

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
META_SUFFIX = "-meta.tsv"
REF_PREFIX = "parlamint/"
# Transcribers' descriptions inside utterances, not words anyone said.
_NOT_SPEECH = frozenset(f"{TEI}{tag}" for tag in ("note", "gap", "kinesic", "vocal", "incident"))
_CHAIR = "Chair"
_SPACE = re.compile(r"\s+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HOUSE = re.compile(r"\b(commons|lords)\b", re.I)
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_SNIFF_BYTES = 4096


def sniff(head: bytes, filename: str) -> bool:
    """A `<TEI>` root (not a teiCorpus) naming ParlaMint in the first bytes."""
    head = utf8_head(head)
    tag = _START_TAG.search(_COMMENT.sub(b"", head))
    return tag is not None and tag.group(1) == b"TEI" and b"ParlaMint" in head


def read(data: bytes, path: str, options: IngestOptions) -> Iterator[Document]:
    root = parse_xml(data, path)
    if root.tag != f"{TEI}TEI":
        raise IngestError(path, f"not a ParlaMint TEI file (the root element is <{root.tag}>)")
    header = root.find(f"{TEI}teiHeader")
    if header is None:
        raise IngestError(path, "ParlaMint file without a teiHeader")
    title = _main_title(header) or Path(path).name
    speakers = _read_meta(Path(path), options)
    passages: list[Passage] = []
    for body in root.iter(f"{TEI}body"):
        _read_division(body, None, speakers, passages)
    source = header.find(f".//{TEI}sourceDesc//{TEI}idno[@subtype='parliament']")
    yield Document(
        kind="hansard",
        title=title,
        passages=tuple(passages),
        date=_date(header, path),
        source="Hansard",
        url=_clean(source.text) if source is not None and source.text else None,
        house=_house(title, header, path),
        language=root.get("{http://www.w3.org/XML/1998/namespace}lang") or "en",
        ref=root.get(XML_ID),
        volume=_volume(header),
    )


def _volume(header: Element) -> str | None:
    """The Hansard volume the source's title states ("UK Parliamentary Corpus. Volume 628. …")."""
    for title in header.iterfind(f".//{TEI}sourceDesc//{TEI}title"):
        if match := re.search(r"\bVolume (\d+)\b", "".join(title.itertext())):
            return match.group(1)
    return None


def _read_division(
    division: Element, heading: str | None, speakers: dict[str, dict], out: list[Passage]
) -> None:
    """The utterances under `division`, in order, each under its nearest debate title."""
    for child in division:
        if child.tag == f"{TEI}div":
            heads = [_clean(_spoken(h)) for h in child.findall(f"{TEI}head")]
            _read_division(child, " — ".join(filter(None, heads)) or heading, speakers, out)
        elif child.tag == f"{TEI}u":
            out.append(_utterance(child, heading, speakers))


def _utterance(u: Element, heading: str | None, speakers: dict[str, dict]) -> Passage:
    segs = u.findall(f"{TEI}seg")
    paragraphs = [_clean(_spoken(seg)) for seg in segs] if segs else [_clean(_spoken(u))]
    ref = u.get(XML_ID)
    who = (u.get("who") or "").split()
    fallback = {
        "speaker_ref": f"{REF_PREFIX}{who[0].lstrip('#')}" if who else None,
        "speaker_role": _CHAIR if "#chair" in (u.get("ana") or "").split() else None,
    }
    return Passage(
        text="\n\n".join(p for p in paragraphs if p),
        heading=heading,
        ref=ref,
        **speakers.get(ref or "", fallback),
    )


def _spoken(element: Element) -> str:
    """The element's text without transcribers' notes, keeping the text after each note."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _NOT_SPEECH:
            parts.append(_spoken(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _main_title(header: Element) -> str | None:
    titles = header.findall(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
    main = [t for t in titles if t.get("type") == "main"] or titles
    if not main:
        return None
    return _clean("".join(main[0].itertext())) or None


def _date(header: Element, path: str) -> dt.date | None:
    """The sitting's day: the setting's date, else the source's, else the file name's."""
    dates = header.findall(f".//{TEI}setting/{TEI}date")
    dates += header.findall(f".//{TEI}sourceDesc//{TEI}date")
    candidates = [element.get("when") or "" for element in dates]
    for text in [*candidates, Path(path).name]:
        if match := _DATE.search(text):
            try:
                return dt.date.fromisoformat(match.group(0))
            except ValueError:
                continue
    return None


def _house(title: str, header: Element, path: str) -> str | None:
    """ "commons" or "lords": from the title, else the setting ("Lords Chamber"), else the name."""
    places = [_clean("".join(n.itertext())) for n in header.iterfind(f".//{TEI}setting/{TEI}name")]
    for text in [title, *places, Path(path).name.replace("_", " ").replace("-", " ")]:
        if match := _HOUSE.search(text):
            return match.group(1).lower()
    return None


# --- the meta table -------------------------------------------------------------------


def meta_path(xml: Path) -> Path:
    """Where the meta table of a ParlaMint XML file sits: same folder, `<stem>-meta.tsv`."""
    name = xml.name.removesuffix(".gz").removesuffix(".xml")
    return xml.with_name(name + META_SUFFIX)


def _read_meta(xml: Path, options: IngestOptions) -> dict[str, dict]:
    """Passage fields for each utterance id the meta table lists; {} without a table."""
    from archive.ingest import read_bytes  # here: the package imports this module

    path = meta_path(xml)
    if not path.is_file():
        return {}
    try:
        text = read_bytes(path).decode("utf-8-sig")
    except (IngestError, UnicodeDecodeError) as error:
        reason = error.reason if isinstance(error, IngestError) else "not valid UTF-8"
        options.warn(f"{path.name}: {reason}; speakers taken from the XML")
        return {}
    rows = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, [])
    if "ID" not in header:
        options.warn(f"{path.name}: no ID column; speakers taken from the XML")
        return {}
    speakers = {}
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            options.warn(f"{path.name} line {number}: {len(row)} columns, not {len(header)}")
            continue
        speakers[row[header.index("ID")]] = _speaker(dict(zip(header, row, strict=True)))
    return speakers


def _speaker(row: dict[str, str]) -> dict:
    def value(column: str) -> str | None:
        text = (row.get(column) or "").strip()
        return None if text in ("", "-") else text

    name = value("Speaker_name")
    if name and "," in name:
        surname, forenames = (part.strip() for part in name.split(",", 1))
        name = f"{forenames} {surname}".strip()
    person = value("Speaker_ID")
    return {
        "speaker": name,
        "speaker_party": value("Speaker_party_name") or value("Speaker_party"),
        "speaker_role": _CHAIR if value("Speaker_role") == "Chairperson" else None,
        "speaker_ref": f"{REF_PREFIX}{person}" if person else None,
    }


def _is_parlamint(xml: Path) -> bool:
    try:
        with xml.open("rb") as file:
            head = file.read(_SNIFF_BYTES * 4)
    except OSError:
        return False
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
        except zlib.error:
            return False
    return sniff(head[:_SNIFF_BYTES], xml.name)


def companion(path: Path) -> bool:
    """True for a `<stem>-meta.tsv` beside a ParlaMint `<stem>.xml`: it is read with the XML."""
    if not path.name.endswith(META_SUFFIX):
        return False
    stem = path.name.removesuffix(META_SUFFIX)
    siblings = (path.with_name(f"{stem}.xml"), path.with_name(f"{stem}.xml.gz"))
    return any(_is_parlamint(xml) for xml in siblings)


def companions_of(path: Path) -> list[Path]:
    """The meta table read with a ParlaMint XML file, when there is one."""
    if not path.name.endswith((".xml", ".xml.gz")):
        return []
    table = meta_path(path)
    return [table] if table.is_file() and _is_parlamint(path) else []


FORMAT = Format("parlamint", sniff, read, companion=companion, companions_of=companions_of)
