"""The query language: what a user types, as a tree of nodes every engine can run.

Enters: query text ("Syria -Russia", "speaker:fallon date:2015-12"). Leaves:
a tree (archive.query.tree) of words, phrases, prefixes, NEAR, AND/OR/NOT,
date ranges and field filters, or BadQuery naming the position of what is
wrong. Also here, because the parser, the engines and the people registry
must read alike: how text is cut into words, folded and stemmed
(archive.query.words), and dates as users type them (archive.query.dates).
Uses only archive.model and archive.errors.
"""
