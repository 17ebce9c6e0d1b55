"""Finding passages: search (a page of hits) and export (every hit, streamed)."""

from __future__ import annotations

import click

from archive.cli.main import cli
from archive.cli.options import (
    FORMATS,
    EchoStream,
    filter_options,
    filters_of,
    mark,
    open_archive,
    query_text,
)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    help="Order of results [default: relevance; newest with no query words].",
)
@click.option(
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(min=0),
    help="Show at most N results (0: only count them).",
)
@click.option("--offset", default=0, type=click.IntRange(min=0), help="Skip the first N.")
@click.option(
    "--group",
    type=click.Choice(["document"]),
    help="One result per document (article or debate) with its best passages.",
)
@click.option(
    "--context",
    "width",
    default=240,
    show_default=True,
    type=click.IntRange(min=40),
    help="Snippet width in characters.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], **options) -> None:
    """Find passages by words, speaker, date, source, kind and party.

    Words are all required; "double quotes" make an exact phrase; -word
    excludes; OR between terms allows either; (parentheses) group; prefix*
    and a NEAR/5 b work; field terms such as speaker:fallon, date:2015-12
    or kind:hansard mean what the options mean. With no query words, at
    least one filter lists the matching passages, newest first.

    \b
    Examples:
        archive search Daesh --speaker hammond
        archive search '"kinetic options"' --kind hansard
        archive search Putin -Russia --since 2015-12 --format json
        archive search 'speaker:"Foreign Secretary" Aleppo' --group document
    """
    filters = filters_of(options)
    fmt = options.pop("fmt")
    result = open_archive(ctx).search(query_text(query), **options, **filters)
    if result.did_you_mean:
        click.echo(f"Did you mean: {result.did_you_mean}", err=True)
    from archive.cli.render import write_results

    write_results(result, fmt, EchoStream(), mark=mark, offset=options["offset"])
    if options["limit"] == 0 and fmt in ("csv", "jsonl"):
        # A header alone (or nothing) would not say how many: the count goes to stderr.
        click.echo(f"{result.total:,} match.", err=True)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--sort", type=click.Choice(["oldest", "newest"]), default="oldest", show_default=True
)
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.pass_context
def export(ctx: click.Context, query: tuple[str, ...], sort: str, fmt: str, **options) -> None:
    """Write every matching passage, streamed, with no cap.

    Takes the same query and filters as search.

    \b
    Examples:
        archive export Daesh --format csv > daesh.csv
        archive export --speaker "Foreign Secretary" --since 2015 > fs.jsonl
    """
    from archive.cli.render import write_export

    hits = open_archive(ctx).export(query_text(query), sort=sort, **filters_of(options))
    write_export(hits, fmt, EchoStream())
