"""Looking at what is stored: one document whole (show), a passage cited (cite), and the
archive's figures (stats)."""

from __future__ import annotations

import click

from archive.cli.main import cli
from archive.cli.options import (
    EchoStream,
    open_archive,
)


@cli.command()
@click.argument("doc_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@click.option("--related", "with_related", is_flag=True,
              help="Then what `archive related` gives for it (JSON: \"related\").")  # fmt: skip
@click.option("--days", default=7, show_default=True, type=click.IntRange(min=0),
              help="With --related: debates (or stories) this many days either side.")  # fmt: skip
@click.pass_context
def show(ctx: click.Context, doc_id: str, fmt: str, with_related: bool, days: int) -> None:
    """Show one document with all its passages, in order.

    DOC_ID is the doc_id of a search hit; a passage id such as abc123.4 shows
    its document with that passage marked ">>" (JSON: "marked"). --related
    adds, after it, what `archive related` gives for the document.

    \b
    Examples:
        archive show 5c6f0a1e2b3d4c5e
        archive show 5c6f0a1e2b3d4c5e.4
        archive show 5c6f0a1e2b3d4c5e --related
    """
    from archive.cli.render import write_document

    archive = open_archive(ctx)
    doc = archive.show(doc_id)
    if not with_related:
        write_document(doc, fmt, EchoStream())
        return
    found = archive.related(doc["doc_id"], days=days)
    if fmt == "json":
        write_document(doc | {"related": found}, fmt, EchoStream())
        return
    from archive.cli.tracing import write_related

    write_document(doc, fmt, EchoStream())
    click.echo("")
    write_related(found, EchoStream())


@cli.command()
@click.argument("passage_id")
@click.option(
    "--style",
    type=click.Choice(["hansard", "apa", "bibtex"]),
    help="Citation style [default: hansard for Hansard, apa for news].",
)
@click.pass_context
def cite(ctx: click.Context, passage_id: str, style: str | None) -> None:
    """Print a citation of one passage (its passage_id from a search hit).

    hansard: "HC Deb 18 October 2016, vol 615, col 123, Boris Johnson" (HL Deb
    for the Lords, col 12WH for Westminster Hall; the volume and column only
    where the source states them). apa and bibtex work for news and Hansard.

    \b
    Examples:
        archive cite 5c6f0a1e2b3d4c5e.4
        archive cite 5c6f0a1e2b3d4c5e.4 --style bibtex >> refs.bib
    """
    click.echo(open_archive(ctx).cite(passage_id, style))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Count documents, passages, kinds, sources and speakers.

    \b
    Example:
        archive stats --format json
    """
    from archive.cli.render import write_stats

    write_stats(open_archive(ctx).stats(), fmt, EchoStream())
