"""The query tree: the engine-neutral nodes a query becomes, and walks over them.

The parser (archive.query.parser) makes a tree from what a user types;
search (archive.search) adds filter nodes to it and binds the field terms
that need the catalog; every engine (archive.engine) translates the final
tree into its own query. Nodes are values: equal by kind and content.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple, Union

from archive.model import HOUSES

# -- the tree ---------------------------------------------------------------
#
# Nodes are immutable records. They are NamedTuples rather than frozen
# dataclasses because a search process defines all of them before it can
# parse anything, and a frozen dataclass compiles its methods when defined:
# 0.6 ms a class against 0.1 ms, about 6 ms of a 80 ms search process.
# `_node` gives them what a dataclass would: a node equals only a node of its
# own kind (a tuple would let Term("x") equal Prefix("x")), and is true.


def _node(cls):
    cls.__eq__ = lambda self, other: type(self) is type(other) and tuple.__eq__(self, other)
    cls.__ne__ = lambda self, other: type(self) is not type(other) or tuple.__ne__(self, other)
    cls.__hash__ = lambda self: hash((cls.__name__, *self))
    cls.__bool__ = lambda self: True
    return cls


@_node
class Term(NamedTuple):
    """A word, stemmed by the engine; `field` is "text" or "title"."""

    word: str
    field: str = "text"


@_node
class Phrase(NamedTuple):
    """Words that must occur together in this order.

    A quoted phrase is `exact` (not stemmed); a word that is several words
    ("air-strikes", "Russia's") is a phrase matched like any word, stemmed.
    """

    words: tuple[str, ...]
    field: str = "text"
    exact: bool = True


@_node
class Prefix(NamedTuple):
    """Any word beginning with `prefix` (folded, not stemmed)."""

    prefix: str
    field: str = "text"


@_node
class Near(NamedTuple):
    """Two words at most `distance` words apart, in either order (stemmed)."""

    left: str
    right: str
    distance: int


@_node
class Not(NamedTuple):
    child: Node


@_node
class And(NamedTuple):
    children: tuple[Node, ...]


@_node
class Or(NamedTuple):
    children: tuple[Node, ...]


@_node
class MatchAll(NamedTuple):
    """Every passage: the query of a search that has only filters."""


@_node
class DateRange(NamedTuple):
    """Passages dated from `start` to `end` inclusive; None leaves a side open."""

    start: dt.date | None
    end: dt.date | None


@_node
class FieldIn(NamedTuple):
    """Passages whose `field` is one of `values` (exact, already resolved values).

    Fields: "speaker" (person ids), "source" (source names as stored),
    "kind", "party" (party names as stored). An empty `values` matches
    nothing: a filter that resolved to no one.
    """

    field: str
    values: tuple[str | int, ...]


@_node
class Field(NamedTuple):
    """A field term the catalog must resolve (speaker:, source:, party:)."""

    name: str
    value: str
    position: int


Node = Union[Term, Phrase, Prefix, Near, Not, And, Or, MatchAll, DateRange, FieldIn, Field]  # noqa: UP007

FIELDS = ("speaker", "source", "kind", "party", "house", "topic", "date", "title")
DEFAULT_NEAR = 10
MAX_NEAR = 100
# Deeper parentheses are no real question; the parser recurses once per level.
MAX_NESTING = 50


def with_filters(tree: Node, filters: list[Node]) -> Node:
    """`tree` narrowed by every filter node."""
    if not filters:
        return tree
    children = [] if isinstance(tree, MatchAll) else [tree]
    return And(tuple(children + filters)) if len(children + filters) > 1 else filters[0]


def has_words(tree: Node) -> bool:
    """True if the tree asks for words (so relevance means something)."""
    if isinstance(tree, (Term, Phrase, Prefix, Near)):
        return True
    if isinstance(tree, (And, Or)):
        return any(has_words(child) for child in tree.children)
    return False


@_node
class Wanted(NamedTuple):
    """What a matching passage contains, for highlighting: words, phrases, prefixes."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()


def wanted(tree: Node) -> Wanted:
    """The words, phrases and prefixes of the text a match has (nothing under a Not)."""
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []

    def walk(node: Node) -> None:
        if isinstance(node, Term) and node.field == "text":
            terms.append(node.word)
        elif isinstance(node, Phrase) and node.field == "text":
            if node.exact:
                phrases.append(node.words)
            else:
                terms.extend(node.words)
        elif isinstance(node, Prefix) and node.field == "text":
            prefixes.append(node.prefix)
        elif isinstance(node, Near):
            terms.extend((node.left, node.right))
        elif isinstance(node, (And, Or)):
            for child in node.children:
                walk(child)

    walk(tree)
    return Wanted(tuple(terms), tuple(phrases), tuple(prefixes))


def replace_fields(tree: Node, resolve) -> Node:
    """The tree with each `Field` node replaced by `resolve(field)`."""
    if isinstance(tree, Field):
        return resolve(tree)
    if isinstance(tree, Not):
        return Not(replace_fields(tree.child, resolve))
    if isinstance(tree, And):
        return And(tuple(replace_fields(c, resolve) for c in tree.children))
    if isinstance(tree, Or):
        return Or(tuple(replace_fields(c, resolve) for c in tree.children))
    return tree


def house_name(value: str) -> str | None:
    """'Westminster Hall', 'WH', 'House of Lords' -> the stored house name; None if none."""
    name = "-".join(value.casefold().replace("house of", "").split())
    name = {"wh": "westminster-hall", "westminhall": "westminster-hall"}.get(name, name)
    return name if name in HOUSES else None


def tag_term(tag: str) -> str:
    """A topic or tag as indexed and filtered on: lower case, commas taken out.

    A lone surrogate (an undecodable byte in a command-line argument, or a
    JSON escape) becomes U+FFFD: the engines take only real text.
    """
    tag = _SURROGATE.sub("\ufffd", tag)
    return " ".join(tag.replace(",", " ").split()).casefold()


_SURROGATE = re.compile("[\ud800-\udfff]")
