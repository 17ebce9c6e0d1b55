"""The floor for the archive's engine: the same passages in bare tantivy, nothing else.

    python bench/peers/tantivy_bare.py index PASSAGES.jsonl INDEX_DIR
    python bench/peers/tantivy_bare.py search INDEX_DIR QUERY [--since D] [--until D]
        [--speaker NAME] [--sort newest] [--timeline]

A minimal schema, what a short script written against the tantivy docs would
use: the text (stored, tantivy's English stemming tokenizer), the passage id,
the date as a YYYYMMDD integer (indexed, fast, stored) and the speaker as one
raw term. Indexing reads the generator's passage dump (one JSON object a
line) with tantivy's default writer (128 MB heap, its own thread count) and
commits once. A search is one process: open the index, parse the query with
tantivy's query parser (words joined by AND, as the archive does), print the
total and the ten best hits with the first 240 characters of their text, or
with --timeline the count per year.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import peer_cli  # beside this script
import tantivy


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True)
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
    builder.add_integer_field("date", stored=True, indexed=True, fast=True)
    builder.add_text_field("speaker", stored=True, tokenizer_name="raw")
    return builder.build()


def day(value: str) -> int:
    return int(value.replace("-", ""))


def index(dump: str, folder: str) -> None:
    Path(folder).mkdir(parents=True, exist_ok=True)
    idx = tantivy.Index(schema(), path=folder)
    writer = idx.writer(heap_size=128_000_000)
    count = 0
    with open(dump, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            doc = tantivy.Document(id=row["id"], text=row["text"])
            if row.get("date"):
                doc.add_integer("date", day(row["date"]))
            if row.get("speaker"):
                doc.add_text("speaker", row["speaker"])
            writer.add_document(doc)
            count += 1
    writer.commit()
    writer.wait_merging_threads()
    print(f"indexed {count} passages")


def search(args: argparse.Namespace) -> None:
    idx = tantivy.Index.open(args.store)
    text = args.query
    if args.since or args.until:
        low = day(args.since) if args.since else 0
        high = day(args.until) if args.until else 99999999
        text += f" date:[{low} TO {high}]"
    if args.speaker:
        text += ' speaker:"' + args.speaker.replace('"', "") + '"'
    query = idx.parse_query(text, ["text"], conjunction_by_default=True)
    searcher = idx.searcher()
    if args.timeline:
        spec = {"years": {"histogram": {"field": "date", "interval": 10000}}}
        buckets = searcher.aggregate(query, spec)["years"]["buckets"]
        for bucket in buckets:
            print(int(bucket["key"]) // 10000, bucket["doc_count"])
        return
    if args.sort == "newest":
        found = searcher.search(
            query, 10, count=True, order_by_field="date", order=tantivy.Order.Desc
        )
    else:
        found = searcher.search(query, 10, count=True)
    print(f"total {found.count}")
    for _score, address in found.hits:
        doc = searcher.doc(address)
        date = doc.get_first("date")
        print(doc.get_first("id"), date, doc.get_first("speaker"), doc.get_first("text")[:240])


def main(argv: list[str] | None = None) -> None:
    peer_cli.run(__doc__, index, search, argv)


if __name__ == "__main__":
    sys.exit(main())
