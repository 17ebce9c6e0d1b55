"""Safe XML parsing for the XML readers (ParlParse, ParlaMint).

The files are untrusted, so nothing in them may reach the network, read a
local file or blow up in memory. defusedxml's expat parser does the parsing
with every entity declaration forbidden; DTDs are never loaded.

One thing must still work: the older ParlParse files are ISO-8859-1 with a
DOCTYPE whose internal subset declares HTML character entities
(`<!ENTITY mdash "&#8212;">`). Before parsing, `parse_xml` reads that
subset itself and accepts it only when every declaration is a short
general entity whose value is plain text and character references: no
SYSTEM or PUBLIC identifier, no parameter entity, no reference to another
entity, no markup. It then drops the DOCTYPE (keeping line numbers) and
writes each reference to such an entity, or to a known HTML entity name
left undeclared, as the character references it stands for. Anything else
in a DOCTYPE is refused with a one-line reason, and so are documents
nested deeper than MAX_DEPTH.
"""

from __future__ import annotations

import codecs
import html.entities
import re
import xml.etree.ElementTree as ET
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from archive.errors import IngestError

__all__ = ["MAX_DEPTH", "Element", "parse_xml", "utf8_head"]

# ParlParse is four levels deep and TEI about ten; far deeper is an attack or a mistake.
MAX_DEPTH = 200
# The replacement text of a declared entity, in bytes: HTML entities are one character.
MAX_ENTITY_BYTES = 64
# Substituted entities may not grow a document by more than this beyond its own size.
MAX_GROWTH_BYTES = 1024 * 1024

EXTERNAL = "XML declares an external entity (refused)"
NESTED = "XML declares entities that expand other entities (refused)"

_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
# What may come before a DOCTYPE: a byte order mark, the XML declaration, comments, PIs.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml[^>]*\?>)?(?:\s+|<!--.*?-->|<\?.*?\?>)*", re.S)
_QUOTED = rb"(?:\"[^\"]*\"|'[^']*')"
_DOCTYPE = re.compile(
    rb"<!DOCTYPE\s+[^\s\[>]+(?:\s+(?:SYSTEM|PUBLIC)(?:\s+" + _QUOTED + rb"){1,2})?\s*(\[)?",
)
_SUBSET_SPACE = re.compile(rb"(?:\s+|<!--.*?-->)*", re.S)
_ENTITY_DECL = re.compile(
    rb"<!ENTITY\s+(%\s+)?([^\s%\"'>]+)\s+((?:" + _QUOTED + rb"|[^\"'>])*)>",
)
_SUBSET_END = re.compile(rb"\]\s*>")
_CHAR_REF = re.compile(rb"&#(?:[0-9]+|x[0-9a-fA-F]+);")
_ENTITY_REF = re.compile(rb"&([A-Za-z_][A-Za-z0-9._-]*);")


class _TooDeep(Exception):
    pass


class _DepthLimitedBuilder(ET.TreeBuilder):
    """A tree builder that stops the parse once elements nest past MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0

    def start(self, tag, attrs):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep
        return super().start(tag, attrs)

    def end(self, tag):
        self.depth -= 1
        return super().end(tag)


def utf8_head(head: bytes) -> bytes:
    """A file's first bytes as UTF-8 if a byte order mark says UTF-16, else as they are.

    XML may be UTF-16 (expat reads it); the sniffers look for ASCII tags in bytes.
    """
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return head
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head


def parse_xml(data: bytes, path: str) -> Element:
    """The root element of the XML document `data`, or IngestError saying why it is refused."""
    data = _inline_entities(data, path)
    parser = DefusedXMLParser(
        target=_DepthLimitedBuilder(), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        return parser.close()
    except ET.ParseError as error:
        raise IngestError(path, _malformed(error)) from None
    except _TooDeep:
        raise IngestError(path, f"XML nested more than {MAX_DEPTH} elements deep") from None
    except ExternalReferenceForbidden:
        raise IngestError(path, EXTERNAL) from None
    except EntitiesForbidden as error:
        # Only reached when the DOCTYPE hid from the scan below (UTF-16, say).
        reason = EXTERNAL if error.sysid or error.pubid else "XML declares entities (refused)"
        raise IngestError(path, reason) from None
    except DefusedXmlException as error:
        raise IngestError(path, f"XML refused ({type(error).__name__})") from None
    except (LookupError, ValueError) as error:
        # pyexpat's word on an encoding it cannot read ("unknown encoding: klingon").
        raise IngestError(path, f"XML in an unsupported encoding ({error})") from None


def _malformed(error: ET.ParseError) -> str:
    """'malformed XML: <expat's message> at line L, column C' (C counted from 1)."""
    message = re.sub(r":\s*line \d+, column \d+$", "", str(error))
    line, column = getattr(error, "position", (0, 0))
    return f"malformed XML: {message} at line {line}, column {column + 1}"


def _inline_entities(data: bytes, path: str) -> bytes:
    """`data` without its DOCTYPE, and with the simple entities it declared written out."""
    prolog_end = _PROLOG.match(data).end()
    doctype = _DOCTYPE.match(data, prolog_end)
    declared: dict[bytes, bytes] = {}
    if doctype is None:
        start = end = prolog_end
    else:
        start = prolog_end
        if doctype.group(1):
            declared, end = _read_subset(data, doctype.end(), path)
        else:
            closing = re.compile(rb"\s*>").match(data, doctype.end())
            if closing is None:
                raise IngestError(path, "malformed XML: unclosed DOCTYPE")
            end = closing.end()
    rest = data[end:]
    growth = 0

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal growth
        name = match.group(1)
        if name in declared:
            text = declared[name]
        elif name.decode() in _PREDEFINED:
            return match.group(0)
        elif (code := html.entities.name2codepoint.get(name.decode())) is not None:
            text = b"&#%d;" % code
        else:
            return match.group(0)  # expat reports it as an undefined entity
        growth += len(text) - len(match.group(0))
        if growth > len(data) + MAX_GROWTH_BYTES:
            raise IngestError(path, "XML entities expand too much (refused)")
        return text

    rest = _ENTITY_REF.sub(replace, rest) if b"&" in rest else rest
    # Blank lines where the DOCTYPE was keep the parser's line numbers true.
    return data[:start] + b"\n" * data.count(b"\n", start, end) + rest


def _read_subset(data: bytes, pos: int, path: str) -> tuple[dict[bytes, bytes], int]:
    """The entities a DOCTYPE's internal subset declares, and where the DOCTYPE ends.

    Raises IngestError for anything but short plain-text general entities.
    """
    declared: dict[bytes, bytes] = {}
    while True:
        pos = _SUBSET_SPACE.match(data, pos).end()
        if end := _SUBSET_END.match(data, pos):
            return declared, end.end()
        decl = _ENTITY_DECL.match(data, pos)
        if decl is None:
            if data.startswith(b"%", pos):
                raise IngestError(path, NESTED)
            if data.startswith((b"<!ELEMENT", b"<!ATTLIST", b"<!NOTATION", b"<?"), pos):
                raise IngestError(path, "XML DOCTYPE declares more than entities (refused)")
            raise IngestError(path, "malformed XML: unreadable DOCTYPE")
        parameter, name, body = decl.groups()
        body = body.strip()
        if body.startswith((b"SYSTEM", b"PUBLIC")) or re.search(rb"\bNDATA\b", body):
            raise IngestError(path, EXTERNAL)
        if parameter or not re.fullmatch(_QUOTED, body):
            raise IngestError(path, NESTED)
        value = body[1:-1]
        if b"&" in _CHAR_REF.sub(b"", value) or b"%" in value:
            raise IngestError(path, NESTED)
        if b"<" in value:
            raise IngestError(path, "XML declares an entity holding markup (refused)")
        if len(value) > MAX_ENTITY_BYTES:
            raise IngestError(
                path, f"XML declares an entity longer than {MAX_ENTITY_BYTES} bytes (refused)"
            )
        # The first declaration of a name is the one that counts.
        if name.decode("latin-1") not in _PREDEFINED:
            declared.setdefault(name, value)
        pos = decl.end()
