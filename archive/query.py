"""The query language, parsed into an engine-neutral tree.

    words            all must occur (AND), stemmed: strikes finds strike
    "exact phrase"   these words in this order, not stemmed
    -word, NOT word  must not occur
    a OR b           either
    ( ... )          grouping

Options such as --speaker or --since are added to the tree as filter nodes by
the caller; they are never pasted into the query text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Union

from .analysis import words as analysed_words
from .errors import BadQuery

# -- the tree ---------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word as the user typed it; engines stem it."""

    word: str


@dataclass(frozen=True)
class Phrase:
    """Words that must occur together in this order, matched without stemming."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class MatchAll:
    """Every passage: the query of a search that has only filters."""


@dataclass(frozen=True)
class DateRange:
    """Passages dated from `start` to `end` inclusive; None leaves a side open."""

    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class FieldIn:
    """Passages whose `field` is one of `values` (exact, already resolved values).

    Fields: "speaker" (person ids), "source" (source names as stored), "kind".
    An empty `values` matches nothing: a filter that resolved to no one.
    """

    field: str
    values: tuple[str | int, ...]


Node = Union[Term, Phrase, Not, And, Or, MatchAll, DateRange, FieldIn]  # noqa: UP007

FILTER_FIELDS = ("speaker", "source", "kind")


def with_filters(tree: Node, filters: list[Node]) -> Node:
    """`tree` narrowed by every filter node."""
    if not filters:
        return tree
    children = [] if isinstance(tree, MatchAll) else [tree]
    return And(tuple(children + filters)) if len(children + filters) > 1 else filters[0]


def positive_terms(tree: Node) -> tuple[list[str], list[tuple[str, ...]]]:
    """The words and phrases a matching passage contains (not under a Not): for highlights."""
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []

    def walk(node: Node) -> None:
        if isinstance(node, Term):
            terms.append(node.word)
        elif isinstance(node, Phrase):
            phrases.append(node.words)
        elif isinstance(node, (And, Or)):
            for child in node.children:
                walk(child)

    walk(tree)
    return terms, phrases


# -- the parser -------------------------------------------------------------

_OPEN_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201d", "\u201d": "\u201d"}
_CLOSE_QUOTES = {'"', "\u201d", "\u201c"}
_SPECIAL = set("()") | set(_OPEN_QUOTES)


@dataclass(frozen=True)
class _Token:
    kind: str  # WORD, PHRASE, OR, NOT, MINUS, LPAREN, RPAREN
    text: str
    pos: int


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in _OPEN_QUOTES:
            end = _find_close_quote(text, i + 1)
            if end < 0:
                raise BadQuery("unbalanced quote: a phrase is opened but never closed", i)
            tokens.append(_Token("PHRASE", text[i + 1 : end], i))
            i = end + 1
        elif c == "(":
            tokens.append(_Token("LPAREN", c, i))
            i += 1
        elif c == ")":
            tokens.append(_Token("RPAREN", c, i))
            i += 1
        elif c == "-" and (not tokens or text[i - 1].isspace() or text[i - 1] == "("):
            tokens.append(_Token("MINUS", c, i))
            i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in _SPECIAL:
                i += 1
            word = text[start:i]
            kind = word if word in ("OR", "NOT", "AND") else "WORD"
            tokens.append(_Token(kind, word, start))
    return tokens


def _find_close_quote(text: str, start: int) -> int:
    for j in range(start, len(text)):
        if text[j] in _CLOSE_QUOTES:
            return j
    return -1


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _lex(text)
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            return MatchAll()
        node = self.parse_and()
        token = self.peek()
        if token is not None:
            raise BadQuery("unbalanced parenthesis: ')' has no '('", token.pos)
        return node

    def parse_and(self) -> Node:
        # OR binds tighter than the implicit AND, as in web search engines:
        # `Daesh OR Isis strikes` is (Daesh OR Isis) AND strikes.
        children: list[Node] = []
        while (token := self.peek()) is not None and token.kind != "RPAREN":
            if token.kind == "AND":
                self.take()
                following = self.peek()
                if not children or following is None or following.kind in ("OR", "AND", "RPAREN"):
                    raise BadQuery("AND needs a term on both sides", token.pos)
                continue
            children.append(self.parse_or())
        if not children:
            token = self.peek()
            if token is None:
                raise BadQuery("the query ends where a term was expected", len(self.text))
            raise BadQuery(f"{token.text!r} needs a term before it", token.pos)
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_or(self) -> Node:
        token = self.peek()
        if token.kind == "OR":
            raise BadQuery("OR needs a term on both sides", token.pos)
        children = [self.parse_unary()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            following = self.peek()
            if following is None or following.kind in ("OR", "AND", "RPAREN"):
                raise BadQuery("OR needs a term on both sides", token.pos)
            children.append(self.parse_unary())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_unary(self) -> Node:
        token = self.peek()
        if token.kind in ("MINUS", "NOT"):
            self.take()
            following = self.peek()
            if following is None or following.kind in ("OR", "AND", "RPAREN", "MINUS", "NOT"):
                raise BadQuery(f"{token.text!r} must be followed by a term to exclude", token.pos)
            return Not(self.parse_atom())
        return self.parse_atom()

    def parse_atom(self) -> Node:
        token = self.take()
        if token.kind == "LPAREN":
            if self.peek() is None:
                raise BadQuery("unbalanced parenthesis: '(' is never closed", token.pos)
            if self.peek().kind == "RPAREN":
                raise BadQuery("empty parentheses", token.pos)
            node = self.parse_and()
            closing = self.peek()
            if closing is None or closing.kind != "RPAREN":
                raise BadQuery("unbalanced parenthesis: '(' is never closed", token.pos)
            self.take()
            return node
        if token.kind == "PHRASE":
            words = tuple(analysed_words(token.text))
            if not words:
                raise BadQuery("empty phrase: put words between the quotes", token.pos)
            return Phrase(words) if len(words) > 1 else Term(words[0])
        if token.kind == "WORD":
            return _word_node(token)
        raise BadQuery(f"{token.text!r} is out of place", token.pos)


def _word_node(token: _Token) -> Node:
    words = analysed_words(token.text)
    if not words:
        raise BadQuery(f"{token.text!r} has no letters or digits to search for", token.pos)
    # "Malloch-Brown" or "Russia's" are several words that belong together.
    return Term(words[0]) if len(words) == 1 else Phrase(tuple(words))


def parse(text: str) -> Node:
    """Parse query text into a tree; an empty query is MatchAll. Raises BadQuery."""
    return _Parser(text).parse()
