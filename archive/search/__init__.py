"""Searching: a query and filters in, hits out.

Enters: query text and filter options (speakers, dates, sources, kinds,
parties, houses, topics). The filters are resolved against the catalog
into tree nodes (archive.search.filters), the search is planned and run
on the engine, which returns passage ids (archive.search.plan); the
catalog turns ids into Hits with snippets (archive.search.snippets).
Leaves: SearchResults and Hit streams, counts by speaker and period
(archive.search.counts), a document whole (archive.search.document) and a
passage cited, with its ParlParse id and TheyWorkForYou link (archive.search.citation).
Uses the query language, the engine and the store; never writes.
"""
