"""Saved web pages (HTML): one news story per page, its main text and metadata read by trafilatura.

A page is recognised by its markup: `<!DOCTYPE html`, `<html`, or `<head>`,
`<meta>`, `<body>`, `<title>` first, after any byte-order mark, whitespace,
comments and `<?xml ...?>` declaration (XHTML). Other XML (`<publicwhip>`,
TEI) and plain text are left to their own readers.

What trafilatura (and its date finder htmldate) does is not redone here:

- The main text is trafilatura's, tuned for precision (menus, related
  links, cookie banners and reader comments are left out); tables are kept,
  since on the measured pages they hold article text more often than
  clutter. Its output tree is walked: each paragraph, list item, quoted
  paragraph or table row is a Passage; a heading inside the article is the
  `heading` of the passages after it (one longer than a headline is a
  standfirst, so a passage). trafilatura keeps some link furniture, so
  links are kept in its output only to drop a block that is nothing but
  links ("Read more", a menu) and a list of three or more short linked
  items (related stories). Who speaks is read
  afterwards by archive.speakers (the page's `attribution` is "prose"), as
  for plain-text news.
- The date is htmldate's original (first published) date with its
  extensive search, which measured best (see tests/test_html_metadata.py),
  as the publisher's calendar day; a page that declares no date in its
  markup takes the one a "Published: ..." line gives
  (`archive.ingest.pagedate`).
- Authors are trafilatura's "A; B" string split; the source is the site
  name, else the host's (archive.ingest.sources: "axios.com" is "Axios"; a
  site name that is the headline is none); the URL is the page's canonical URL; tags are
  its categories and tags; the language is `<html lang>`'s primary subtag.
- The title: trafilatura prefers `og:title` and JSON-LD, which sites often
  rewrite for search engines, while the page shows its headline in an
  `<h1>`. So the first `<h1>` that shares words with the metadata title (at
  least 30 % of the shorter one's) and is not the site's name is the title,
  unless it is built of parts (a kicker, a subtitle) and holds the metadata
  title whole: then that is. A trailing " | Site name" is dropped. On the
  annotated pages this finds 90.5 % of titles, trafilatura's alone 81 %.

Quirks: trafilatura guesses an encoding without reading `<meta charset>`, so
a byte-order mark or a declared charset is honoured here first (a page
declared as latin-1 that is valid UTF-8 is UTF-8); only an undeclared page
is left to trafilatura's guess. A page whose text lives only in scripts
(JSON-LD `articleBody`, an app's state) has no main text for trafilatura:
such a page gives what little it shows, or the "no article text" error.
trafilatura's and htmldate's loggers warn a lot, so they are set to
CRITICAL when this module is imported, and their Python warnings are
ignored during a read. trafilatura itself is imported on the first read, as
importing it takes a fifth of a second.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterator
from typing import Any

from archive.errors import IngestError
from archive.ingest.base import Format, IngestOptions
from archive.ingest.pagedate import DATE_FORMAT, labelled_date, local_times, page_date
from archive.ingest.sources import site_name
from archive.model import Document, Passage

# trafilatura's own MAX_FILE_SIZE: a saved article is far smaller.
MAX_PAGE_BYTES = 20_000_000
# A declared charset sits in <head>, near the start.
CHARSET_ZONE = 8192
# A title made from the text when the page gives none is cut at a word.
MAX_TITLE_CHARS = 100
# A "heading" longer than this is a standfirst set in large type: a passage.
MAX_HEADING_CHARS = 150
# A list of at least this many items, each a short line with a link, is "related
# stories" (measured on the trafilatura-eval pages: such lists were links elsewhere).
MIN_LINK_LIST = 3
MAX_LINK_ITEM_CHARS = 120
NO_TEXT = "no article text found in the HTML page"

for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PROLOGUE = re.compile(r"\s*(?:<!--.*?-->|<\?.*?\?>)", re.DOTALL)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|meta|body|title)\b", re.IGNORECASE)
# Both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
_META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# Labels that browsers read as another encoding (the WHATWG Encoding Standard).
_BROWSER_ENCODING = {
    "latin_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_1": "cp1252",
    "utf_16": "utf_8",
    "utf_16_le": "utf_8",
    "utf_16_be": "utf_8",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_]|$)")
# Elements of trafilatura's output that hold text blocks; anything else (`hi`, `ref`,
# `code`, which marks both inline and block code) is inline.
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "div"})


def sniff(head: bytes, filename: str) -> bool:
    """True when the first bytes are HTML markup (see the module docstring)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            text = head.decode(codec, errors="ignore")
            break
    else:
        text = head.decode("latin-1")
    position = 0
    while match := _PROLOGUE.match(text, position):
        position = match.end()
    return bool(_HTML_START.match(text, len(text) - len(text[position:].lstrip())))


def decode_html(data: bytes, fallback: str | None = None) -> str | bytes:
    """The page as text when its encoding is known (BOM, declared charset, or the
    `fallback` the user named for a page that is not UTF-8), else the bytes
    unchanged for trafilatura to guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    match = _META_CHARSET.search(data[:CHARSET_ZONE])
    if match is None:
        if fallback is None or data.isascii():
            return data
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode(fallback, errors="replace")
    try:
        codec = codecs.lookup(match[1].decode("ascii")).name.replace("-", "_")
    except (LookupError, UnicodeDecodeError):
        return data
    codec = _BROWSER_ENCODING.get(codec, codec)
    if codec != "utf_8" and not data.isascii():
        try:
            # A page saved as UTF-8 keeps its old declaration; wrong UTF-8 rarely decodes.
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return data.decode(codec, errors="replace")


def read_html(data: bytes, path: str, options: IngestOptions) -> Iterator[Document]:
    """The one story in a saved web page."""
    if len(data) > MAX_PAGE_BYTES:
        raise IngestError(path, f"HTML page larger than {MAX_PAGE_BYTES // 1_000_000} MB")
    yield parse_html(decode_html(data, options.encoding), path)


def parse_html(page: str | bytes, path: str | None = None) -> Document:
    """Read a story and its metadata from a web page; IngestError when it has no main text."""
    import trafilatura
    from lxml import etree

    where = path or "<html>"
    if isinstance(page, str):
        # lxml refuses text that still declares an encoding.
        page = _XML_DECLARATION.sub("", page, count=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = trafilatura.load_html(page)
            if tree is None or tree.find(".//body") is None:
                raise IngestError(where, NO_TEXT)
            headlines = _headlines(tree)
            local = local_times(tree)
            labelled = labelled_date(tree)
            language = _language(
                tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
            )
            found = trafilatura.bare_extraction(
                tree,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_links=True,
                favor_precision=True,
                date_extraction_params={
                    "original_date": True,
                    "extensive_search": True,
                    "outputformat": DATE_FORMAT,
                },
            )
        except (ValueError, TypeError, RecursionError, etree.LxmlError) as error:
            raise IngestError(where, f"could not read the HTML page ({error})") from None
    if found is None:
        raise IngestError(where, NO_TEXT)
    sitename = _clean(found.sitename or "") or None
    title = _title(_clean(found.title or ""), headlines, sitename, found.hostname)
    blocks = list(_walk(found.body))
    shaped = _shape(blocks, title)
    if not shaped:
        raise IngestError(where, NO_TEXT)
    passages = tuple(Passage(text, heading=heading) for text, heading in shaped)
    return Document(
        kind="news",
        title=title or _title_from_text(passages[0].text),
        passages=passages,
        date=page_date(found.date, local, labelled),
        source=sitename or site_name(found.hostname or ""),
        url=found.url if found.url and re.match(r"https?://", found.url) else None,
        authors=_split(found.author, ";"),
        path=path,
        language=language or _language(found.language),
        tags=_split(",".join([*(found.categories or []), *(found.tags or [])]), ","),
        attribution="prose",
    )


def _walk(element: Any) -> Iterator[tuple[str, str]]:
    """("head" | "p", text) for each text block of trafilatura's output tree, in order."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == "head":
            if text := _text(child):
                yield "head", text
        elif tag == "list" and _is_link_list(child):
            pass
        elif tag == "row" and not any(_has_blocks(cell) for cell in child):
            # A table row of plain cells reads as one line.
            cells = [_text(cell) for cell in child]
            if text := " | ".join(cell for cell in cells if cell):
                yield "p", text
        elif tag in _BLOCKS and _has_blocks(child):
            if text := _clean(child.text or ""):
                yield "p", text
            yield from _walk(child)
        elif tag not in _BLOCKS:
            # Inline markup beside blocks: its text and what follows it, unless a bare link.
            text = _clean(" ".join([*child.itertext(), child.tail or ""]))
            if text and not (tag == "ref" and not _clean(child.tail or "")):
                yield "p", text
            continue
        elif (text := _text(child)) and not _only_links(child):
            yield "p", text
        if child.tail and (tail := _clean(child.tail)):
            yield "p", tail


def _is_link_list(element: Any) -> bool:
    """Three or more short items, each with a link: related stories, not the story."""
    items = [item for item in element if item.tag == "item"]
    return len(items) >= MIN_LINK_LIST and all(
        item.find(".//ref") is not None and len(_text(item)) <= MAX_LINK_ITEM_CHARS
        for item in items
    )


def _only_links(element: Any) -> bool:
    """True for a block whose only text is links ("Read more", a menu that trafilatura kept)."""

    def outside(node: Any) -> str:
        parts = [node.text or ""] if node.tag != "ref" else []
        for child in node:
            parts.extend((outside(child), child.tail or ""))
        return "".join(parts)

    return element.find(".//ref") is not None and not outside(element).strip()


def _has_blocks(element: Any) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element)


def _shape(blocks: list[tuple[str, str]], title: str) -> list[tuple[str, str | None]]:
    """(passage, heading) pairs: a heading names the passages after it; the title
    repeated as the article's first heading is dropped."""
    shaped: list[tuple[str, str | None]] = []
    heading: str | None = None
    for kind, text in blocks:
        if kind == "head" and _fold(text) == _fold(title):
            heading = None
        elif kind == "head" and len(text) <= MAX_HEADING_CHARS:
            heading = text
        else:
            shaped.append((text, heading))
    return shaped


def _headlines(tree: Any) -> list[tuple[str, bool]]:
    """Each <h1>'s text and whether it is built of element parts."""
    found = []
    for h1 in tree.iter("h1"):
        if text := _text(h1):
            found.append((text, any(isinstance(child.tag, str) for child in h1)))
    return found


def _title(
    metadata: str, headlines: list[tuple[str, bool]], site: str | None, host: str | None
) -> str:
    metadata = _strip_site(metadata, site)
    site_names = {_fold(site or ""), _fold(host or "")} - {""}
    for headline, has_parts in headlines:
        if _fold(headline) in site_names or _fold(headline).replace(" ", "") in site_names:
            continue
        if metadata and _overlap(headline, metadata) >= 0.3:
            if has_parts and _fold(metadata) in _fold(headline):
                return metadata
            return _strip_site(headline, site)
    return metadata


def _strip_site(title: str, site: str | None) -> str:
    if not site:
        return title
    for separator in _SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head and _fold(tail) == _fold(site):
            return head.strip()
    return title


def _overlap(one: str, other: str) -> float:
    """The share of the shorter text's words that the other has too."""
    first, second = set(re.findall(r"\w+", _fold(one))), set(re.findall(r"\w+", _fold(other)))
    return len(first & second) / max(1, min(len(first), len(second)))


def _title_from_text(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(sentence) <= MAX_TITLE_CHARS:
        return sentence
    return sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _language(value: str | None) -> str | None:
    match = _LANGUAGE.match(value.strip()) if value else None
    return match[1].lower() if match else None


def _split(value: str | None, separator: str) -> tuple[str, ...]:
    parts = (_clean(part) for part in (value or "").split(separator))
    return tuple(dict.fromkeys(part for part in parts if part))


def _text(element: Any) -> str:
    return _clean(" ".join(element.itertext()))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    return _clean(unicodedata.normalize("NFKC", text).casefold())


FORMAT = Format("html", sniff, read_html)
