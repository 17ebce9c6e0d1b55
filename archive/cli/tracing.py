"""Fact-checking: where a quote was first said (trace), and what links a story to Parliament
(related)."""

from __future__ import annotations

import click

from archive.cli.main import cli
from archive.cli.options import EchoStream, filter_options, filters_of, open_archive


@cli.command()
@click.argument("quote")
@filter_options
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(min=1),
    help="List at most N matches.",
)  # fmt: skip
@click.option(
    "--min-similarity", type=click.FloatRange(0, 1), default=None, metavar="S",
    help="List only passages at least this similar, 0 to 1 (default 0.8).",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def trace(ctx: click.Context, quote: str, limit, min_similarity, fmt, **options) -> None:
    """Where a quote was first said, and who says it later: fact-check a quote.

    QUOTE as the press prints it: trimmed, cut with "..." or "…", with
    [bracketed] words, other capitals and punctuation, a word or two
    changed. Matches are passages that hold it or nearly (similarity 0..1).
    The earliest is named first, the later ones follow by date, and a later
    one that credits the words to someone else is said to. Nothing found:
    "No source found." (exit 0).

    \b
    Examples:
        archive trace "the Russians have been targeting...opposition groups"
        archive trace "we will not stand by" --kind hansard --since 2016
        archive trace "[Russia is] backing the butcher Assad" --format json
    """
    if not quote.strip():
        raise click.BadParameter("give the words of the quote", param_hint="QUOTE")
    found = open_archive(ctx).trace(
        quote, limit=limit, min_similarity=min_similarity, **filters_of(options)
    )
    if fmt == "json":
        from archive.search.records import pretty_json

        for piece in pretty_json(found.record()):
            click.echo(piece, nl=False)
        return
    write_trace(found, EchoStream())


def _excerpt(match, width: int = 160) -> str:
    text = " ".join(match.hit.text[match.span[0] : match.span[1]].split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_trace(found, out) -> None:
    from archive.search.citation import long_date, said_where

    if found.first is None:
        out.write("No source found.\n")
        return
    first = found.first
    who = first.said_by or "an unnamed speaker"
    out.write(f"First said by {who}, {said_where(first.hit)}\n")
    _write_match(first, out)
    if found.later:
        out.write(f"\nLater ({len(found.later)}), by date:\n")
    wrong = {m.hit.passage_id for m in found.misattributed}
    for match in found.later:
        _write_match(match, out)
        if match.hit.passage_id in wrong:
            out.write(
                f"    MISATTRIBUTED: credited to {match.said_by}, but first said by {who} "
                f"({long_date(first.hit.date)})\n"
            )


def _write_match(match, out) -> None:
    from archive.search.citation import said_where

    hit = match.hit
    by = match.said_by or "unnamed"
    out.write(f"  {match.similarity:.2f}  {by} — {said_where(hit)}  [{hit.passage_id}]\n")
    if hit.title:
        out.write(f"    {hit.title}\n")
    out.write(f"    “{_excerpt(match)}”\n")


@cli.command()
@click.argument("doc_id")
@click.option(
    "--days", default=7, show_default=True, type=click.IntRange(min=0),
    help="Debates (or stories) this many days either side.",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def related(ctx: click.Context, doc_id: str, days: int, fmt: str) -> None:
    """What links a story to Parliament, or a debate to the press.

    For a news story: each of its quotes traced to Hansard (if said there),
    and the debates of the days around it sharing its most distinctive words
    and the people it quotes. For a debate: the stories that quote it.

    \b
    Examples:
        archive related b83e6b54661a1b54
        archive related 67276a044e18e4dc --days 14 --format json
    """
    found = open_archive(ctx).related(doc_id, days=days)
    if fmt == "json":
        from archive.search.records import pretty_json

        for piece in pretty_json(found):
            click.echo(piece, nl=False)
        return
    write_related(found, EchoStream())


def write_related(found: dict, out) -> None:
    from archive.search.citation import long_date

    out.write(f"Related to {found['title']} ({long_date(found['date'])}), ±{found['days']} days\n")
    if found["kind"] == "news":
        out.write("\nIts quotes in Hansard:\n")
        if not found["quotes"]:
            out.write("  (no direct quotes long enough to trace)\n")
        for quote in found["quotes"]:
            source = quote["source"]
            said = " ".join(quote["quote"].split())[:120]
            out.write(f"  “{said}” — {quote['speaker'] or 'unnamed'}\n")
            if source:
                place = hansard_place(source)
                out.write(f"    said by {source['attributed_to']}, {place} [{source['passage_id']}]"
                          f" {source['similarity']:.2f}\n")  # fmt: skip
            else:
                out.write("    not found in Hansard\n")
        out.write("\nDebates sharing its words and people:\n")
        for debate in found["debates"] or [{"title": None}]:
            if debate["title"] is None:
                out.write("  none\n")
                break
            people = ", ".join(debate["shared_people"])
            out.write(f"  {long_date(debate['date'])}  {debate['title']}  [{debate['doc_id']}]\n"
                      f"    words: {', '.join(debate['shared_words'])}"
                      + (f"; people: {people}" if people else "") + "\n")  # fmt: skip
        return
    out.write("\nStories that quote it:\n")
    if not found["stories"]:
        out.write("  none\n")
    for story in found["stories"]:
        out.write(f"  {long_date(story['date'])}  {story['source'] or ''}  {story['title']}"
                  f"  [{story['doc_id']}]\n")  # fmt: skip
        for quote in story["quotes"]:
            said = " ".join(quote["quote"].split())[:120]
            out.write(f"    “{said}” ({quote['speaker'] or 'unnamed'}, {quote['passage_id']})\n")


def hansard_place(record: dict) -> str:
    from archive.search.citation import HOUSE_NAMES, long_date

    place = HOUSE_NAMES.get(record.get("house") or "") or record.get("source") or "Hansard"
    return f"{place}, {long_date(record.get('date'))}"
