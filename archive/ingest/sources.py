"""Sources as users name them, and one naming of Hansard whatever the format.

Every Document leaves ingest through `settle` (see archive.ingest.read_documents):

- Hansard, from any format, is source "Hansard", and its house (commons,
  lords, westminster-hall) is kept in `house`: found by the reader, or in
  what the source said ("House of Commons", a sidecar's source), or in its
  URL (hansard.parliament.uk/Commons/..., publications.parliament.uk/pa/ld...,
  theyworkforyou.com/whall/...). So `--source hansard` finds ParlParse,
  ParlaMint, speech tables and a scraped page alike, and `--house` finds each.
- News with no source takes its site's name from its URL (a HuffPost record
  whose link is huffpost.com is "HuffPost"); a source that is a URL or a
  domain ("https://pawszilla.com", "axios.com", even where the page declares
  it so) becomes the site's name; a source that is the
  story's own headline (trafilatura takes one from some syndicated pages) is
  no source, and the URL's site is taken instead.

A site's name from its domain: a few well-known sites by their own names
(`KNOWN_SITES`), else the domain's name in capitals ("axios.com" -> "Axios",
"jamaica-gleaner.com" -> "Jamaica Gleaner", "kbs.co.kr" -> "KBS").

The catalog applies `settle_stored` to an archive made before this, when it
is first opened and on every `archive reindex` (archive.store.catalog).
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive.model import Document

HANSARD = "Hansard"

# Sites whose names a domain does not spell (capitals, "The", another word).
KNOWN_SITES = {
    "huffpost.com": "HuffPost",
    "huffingtonpost.com": "HuffPost",
    "huffingtonpost.co.uk": "HuffPost",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph",
    "thetimes.co.uk": "The Times",
    "dailymail.co.uk": "Daily Mail",
    "itv.com": "ITV News",
    "news.sky.com": "Sky News",
    "reuters.com": "Reuters",
    "apnews.com": "AP News",
    "cnn.com": "CNN",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "foxnews.com": "Fox News",
    "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times",
    "politico.com": "Politico",
    "politico.eu": "Politico",
    "aol.co.uk": "AOL UK",
    "msn.com": "MSN",
    "scmp.com": "South China Morning Post",
    "aljazeera.com": "Al Jazeera",
    "buzzfeednews.com": "BuzzFeed News",
    "npr.org": "NPR",
    "hansard.parliament.uk": HANSARD,
    "theyworkforyou.com": "TheyWorkForYou",
}
# Hosts where each subdomain is a site of its own (blog.example.blogspot.com).
_PLATFORMS = frozenset(
    {"blogspot.com", "wordpress.com", "github.io", "substack.com", "tumblr.com", "medium.com"}
)
# Second-level labels under a country code that are not a site's name (bbc.co.uk).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"})

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
# A bare host name: labels of letters, digits and hyphens, a dot between, a top level of letters.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.I)

# Where a source or a URL says which part of Parliament it is.
_HOUSE_NAMED = (
    (re.compile(r"\bwestminster\s*hall\b", re.I), "westminster-hall"),
    (re.compile(r"\b(?:house\s+of\s+)?lords\b", re.I), "lords"),
    (re.compile(r"\b(?:house\s+of\s+)?commons\b", re.I), "commons"),
)
_HOUSE_IN_URL = (
    (re.compile(r"/halltext/|theyworkforyou\.com/whall/|/westminsterhall\b", re.I),
     "westminster-hall"),
    (re.compile(r"hansard\.parliament\.uk/lords/|/pa/ld\d|theyworkforyou\.com/lords/", re.I),
     "lords"),
    (re.compile(r"hansard\.parliament\.uk/commons/|/pa/cm\d|theyworkforyou\.com/debates/", re.I),
     "commons"),
)  # fmt: skip


def settle(document: Document) -> Document:
    """`document` with its source and house named as the archive names them (see above)."""
    source, house = settle_stored(
        document.kind, document.source, document.url, document.title, document.house
    )
    if (source, house) == (document.source, document.house):
        return document
    return replace(document, source=source, house=house)


def settle_stored(
    kind: str, source: str | None, url: str | None, title: str | None, house: str | None
) -> tuple[str | None, str | None]:
    """(source, house) as the archive names them, from a document's stored facts."""
    if kind == "hansard":
        return HANSARD, house or house_in(source) or house_in_url(url)
    if source is not None and is_domain(source):
        source = site_name(source) or source
    if source is not None and title and _same(source, title):
        source = None  # the headline, not the site
    if source is None and url:
        source = site_name(url)
    return source, house


def site_name(address: str) -> str | None:
    """The name of the site at `address` (a URL or a host name); None if it names no host.

    'https://www.axios.com/x' -> 'Axios'; 'huffpost.com' -> 'HuffPost'."""
    host = host_of(address, keep_case=True)
    if host is None:
        return None
    spelled = host.split(".")  # as written: "BettyCrocker.com" keeps its capitals
    labels = host.lower().split(".")
    for start in range(len(labels) - 1):
        known = KNOWN_SITES.get(".".join(labels[start:]))
        if known:
            return known
    if len(labels) >= 3 and ".".join(labels[-2:]) in _PLATFORMS:
        return _spelled(spelled[-3])
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return _spelled(spelled[-3])  # example.co.uk
    return _spelled(spelled[-2])


def host_of(address: str, keep_case: bool = False) -> str | None:
    """The host name in a URL or bare host, without 'www.' or a port; lower case unless
    `keep_case`."""
    text = _SCHEME.sub("", address.strip()).split("/", 1)[0].split("?", 1)[0]
    text = text.rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".")
    text = text if keep_case else text.lower()
    if text[:4].lower() == "www.":
        text = text[4:]
    return text if _HOST.fullmatch(text) else None


def is_domain(text: str) -> bool:
    """Whether `text` is a URL or a bare host name rather than a name."""
    text = text.strip()
    return bool(_SCHEME.match(text) or _HOST.fullmatch(text))


def house_in(text: str | None) -> str | None:
    """The house a source's name gives ('House of Commons' -> 'commons'), or None."""
    if not text:
        return None
    for pattern, house in _HOUSE_NAMED:
        if pattern.search(text):
            return house
    return None


def house_in_url(url: str | None) -> str | None:
    """The house an official or TheyWorkForYou URL gives, or None."""
    if not url:
        return None
    for pattern, house in _HOUSE_IN_URL:
        if pattern.search(url):
            return house
    return None


def _spelled(label: str) -> str:
    """A domain label as a name: 'axios' -> 'Axios', 'jamaica-gleaner' -> 'Jamaica Gleaner',
    'kbs' -> 'KBS' (a short label without vowels is an abbreviation); a label written
    with capitals keeps them ('BettyCrocker')."""
    words = [w for w in label.split("-") if w]
    if any(c.isupper() for c in label):
        return " ".join(words)
    return " ".join(
        w.upper() if len(w) <= 4 and not re.search("[aeiouy]", w) else w[:1].upper() + w[1:]
        for w in words
    )


def _same(a: str, b: str) -> bool:
    def key(text: str) -> str:
        return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())

    return key(a) == key(b)
