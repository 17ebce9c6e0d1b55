"""The query language, parsed into an engine-neutral tree.

    words              all must occur (AND); stemmed: strikes finds strike
    "exact phrase"     these words in this order, not stemmed (curly quotes too)
    -word, NOT word    must not occur
    a OR b             either; OR binds tighter than the implicit AND
    ( ... )            grouping
    prefix*            any word starting so (at least two letters)
    a NEAR/5 b         both words, at most 5 words apart, in either order
    field:value        speaker:fallon source:bbc kind:hansard party:labour
                       house:lords topic:crude
                       title:aleppo date:2015-12 date:2015-10-01..2015-12-31
                       (a quoted value is a phrase: speaker:"Michael Fallon")

Field terms mean exactly what the options mean. speaker:, source: and
party: need the catalog to resolve, so they stay `Field` nodes until the
library binds them; every other node is final. Options are added to the
tree as filter nodes, never pasted into the query text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from archive.errors import BadDate, BadQuery
from archive.model import HOUSES, KINDS
from archive.query.dates import date_range
from archive.query.tree import (
    DEFAULT_NEAR,
    FIELDS,
    MAX_NEAR,
    MAX_NESTING,
    And,
    DateRange,
    Field,
    FieldIn,
    MatchAll,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    house_name,
    tag_term,
)
from archive.query.words import words as analysed_words

# -- the lexer --------------------------------------------------------------

_OPEN_QUOTES = {'"', "\u201c", "\u201e", "\u201d"}
_CLOSE_QUOTES = {'"', "\u201d", "\u201c"}
_SPECIAL = set("()") | _OPEN_QUOTES
_FIELD = re.compile(rf"({'|'.join(FIELDS)}):", re.IGNORECASE)
_NEAR = re.compile(r"NEAR(?:/(\d+))?")


class _Token(NamedTuple):
    kind: str  # WORD PHRASE FIELD OR AND NOT NEAR MINUS LPAREN RPAREN
    text: str
    pos: int
    name: str = ""  # FIELD: the field's name; NEAR: the distance


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in _OPEN_QUOTES:
            end = _close_quote(text, i)
            tokens.append(_Token("PHRASE", text[i + 1 : end], i))
            i = end + 1
        elif c in "()":
            tokens.append(_Token("LPAREN" if c == "(" else "RPAREN", c, i))
            i += 1
        elif c == "-" and (not tokens or text[i - 1].isspace() or text[i - 1] == "("):
            tokens.append(_Token("MINUS", c, i))
            i += 1
        elif field := _FIELD.match(text, i):
            i = field.end()
            if i < n and text[i] in _OPEN_QUOTES:
                end = _close_quote(text, i)
                value, i = text[i + 1 : end], end + 1
            else:
                start = i
                while i < n and not text[i].isspace() and text[i] not in _SPECIAL:
                    i += 1
                value = text[start:i]
            if not value.strip():
                raise BadQuery(f"{field.group(0)!r} needs a value after the colon", field.start())
            tokens.append(_Token("FIELD", value, field.start(), field.group(1).lower()))
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in _SPECIAL:
                i += 1
            word = text[start:i]
            if near := _NEAR.fullmatch(word):
                tokens.append(_Token("NEAR", word, start, near.group(1) or str(DEFAULT_NEAR)))
            else:
                kind = word if word in ("OR", "NOT", "AND") else "WORD"
                tokens.append(_Token(kind, word, start))
    return tokens


def _close_quote(text: str, start: int) -> int:
    for j in range(start + 1, len(text)):
        if text[j] in _CLOSE_QUOTES:
            return j
    raise BadQuery("unbalanced quote: a phrase is opened but never closed", start)


# -- the parser -------------------------------------------------------------

_ENDS_A_TERM = ("OR", "AND", "NEAR", "RPAREN")


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _lex(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect_term_after(self, token: _Token, what: str) -> None:
        following = self.peek()
        if following is None or following.kind in _ENDS_A_TERM:
            raise BadQuery(what, token.pos)

    def parse(self) -> Node:
        if not self.tokens:
            return MatchAll()
        node = self.parse_and()
        token = self.peek()
        if token is not None:
            raise BadQuery("unbalanced parenthesis: ')' has no '('", token.pos)
        return node

    def parse_and(self) -> Node:
        children: list[Node] = []
        while (token := self.peek()) is not None and token.kind != "RPAREN":
            if token.kind == "AND":
                self.take()
                if not children:
                    raise BadQuery("AND needs a term on both sides", token.pos)
                self.expect_term_after(token, "AND needs a term on both sides")
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
        if token.kind in ("OR", "NEAR"):
            raise BadQuery(f"{token.text} needs a term on both sides", token.pos)
        children = [self.parse_near()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            self.expect_term_after(token, "OR needs a term on both sides")
            children.append(self.parse_near())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_near(self) -> Node:
        left = self.parse_unary()
        token = self.peek()
        if token is None or token.kind != "NEAR":
            return left
        self.take()
        self.expect_term_after(token, f"{token.text} needs a word on both sides")
        right = self.parse_unary()
        distance = int(token.name)
        if not 0 < distance <= MAX_NEAR:
            raise BadQuery(f"NEAR distance must be 1 to {MAX_NEAR}", token.pos)
        if not (_plain_word(left) and _plain_word(right)):
            raise BadQuery(f"{token.text} joins two single words", token.pos)
        return Near(left.word, right.word, distance)

    def parse_unary(self) -> Node:
        token = self.peek()
        if token.kind in ("MINUS", "NOT"):
            self.take()
            following = self.peek()
            if following is None or following.kind in (*_ENDS_A_TERM, "MINUS", "NOT"):
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
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise BadQuery(f"parentheses nested more than {MAX_NESTING} deep", token.pos)
            node = self.parse_and()
            self.depth -= 1
            closing = self.peek()
            if closing is None or closing.kind != "RPAREN":
                raise BadQuery("unbalanced parenthesis: '(' is never closed", token.pos)
            self.take()
            return node
        if token.kind == "PHRASE":
            return _phrase(token.text, token.pos, "text", "empty phrase: put words in the quotes")
        if token.kind == "WORD":
            return _word(token.text, token.pos, "text")
        if token.kind == "FIELD":
            return _field(token)
        raise BadQuery(f"{token.text!r} is out of place", token.pos)


def _plain_word(node: Node) -> bool:
    return isinstance(node, Term) and node.field == "text"


def _phrase(text: str, pos: int, field: str, empty: str) -> Phrase:
    # One quoted word is still exact: "expenses" must not find "expensive".
    words = tuple(analysed_words(text))
    if not words:
        raise BadQuery(empty, pos)
    return Phrase(words, field)


def _word(text: str, pos: int, field: str) -> Node:
    if text.endswith("*"):
        words = analysed_words(text[:-1])
        if len(words) != 1 or "*" in text[:-1]:
            raise BadQuery(f"{text!r}: a prefix* is one word followed by *", pos)
        if len(words[0]) < 2:
            raise BadQuery(f"{text!r}: a prefix needs at least two letters", pos)
        return Prefix(words[0], field)
    words = analysed_words(text)
    if not words:
        raise BadQuery(f"{text!r} has no letters or digits to search for", pos)
    # "Malloch-Brown" or "Russia's" are several words that belong together.
    return Term(words[0], field) if len(words) == 1 else Phrase(tuple(words), field, exact=False)


def _field(token: _Token) -> Node:
    name, value, pos = token.name, token.text.strip(), token.pos
    if name == "title":
        if " " in value:
            return _phrase(value, pos, "title", "title: needs words")
        return _word(value, pos, "title")
    if name == "kind":
        if value.lower() not in KINDS:
            raise BadQuery(f"kind:{value} is not a kind (use {' or '.join(KINDS)})", pos)
        return FieldIn("kind", (value.lower(),))
    if name == "date":
        return _date_field(value, pos)
    if name == "house":
        house = house_name(value)
        if house is None:
            raise BadQuery(f"house:{value} is not a house (use {', '.join(HOUSES)})", pos)
        return FieldIn("house", (house,))
    if name == "topic":
        return FieldIn("tag", (tag_term(value),))
    return Field(name, value, pos)


def _date_field(value: str, pos: int) -> DateRange:
    first, sep, last = value.partition("..")
    try:
        if not sep:
            return DateRange(*date_range(first))
        start = date_range(first)[0] if first else None
        end = date_range(last)[1] if last else None
    except BadDate as exc:
        raise BadQuery(f"date:{value}: {exc}", pos) from None
    if start is None and end is None:
        raise BadQuery("date: needs at least one end of the range", pos)
    if start and end and start > end:
        raise BadQuery(f"date:{value}: the range ends before it starts", pos)
    return DateRange(start, end)


def parse(text: str) -> Node:
    """Parse query text into a tree; an empty query is MatchAll. Raises BadQuery."""
    return _Parser(text).parse()
