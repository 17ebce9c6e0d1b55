"""One indexing run: files in, a catalog and an index that agree out.

Enters: paths, ingest options, the catalog and the search index. A run
(archive.indexing.run) finds the files, reads them, in a worker process
when there is much to read (reading), passes each document through
archive.speakers, folds copies of a story (copies), stores each file in
one catalog transaction, and keeps the index catching up a batch at a time
(catchup), one writer at a time (lock). A killed run is repaired by the
next. Leaves: an IndexReport, and the catalog and index brought up to date.
"""
