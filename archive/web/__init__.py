"""The local web app and JSON API of `archive serve`: routes -> Archive -> templates / JSON.

Enters: HTTP GET requests, every state of a page in its URL (query string).
Their parameters are checked (archive.web.params) and passed to a read-only
archive.api.Archive in a worker thread (archive.web.readers); pages render
Jinja2 templates with every value escaped (archive.web.pages), the API writes
the command line's JSON through archive.search.records (archive.web.jsonapi).
Leaves: HTML pages, JSON, JSON Lines and CSV, and 400/404/503 answers that
say what is wrong. Never imports an engine or the catalog, and never writes.
"""
