"""The catalog: one SQLite file, the archive's source of truth.

Enters: Documents whose speakers have been read and resolved (archive.speakers),
with the ids the run gave them. Leaves: passage rows for the engine to
index and for hits to show, the people registry's tables, and the record
of which files were read and what the index still lacks. Everything the
search index holds can be rebuilt from here (`archive reindex`).
archive.store.schema holds the tables and brings older archives forward.
"""
