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
@click.pass_context
def show(ctx: click.Context, doc_id: str, fmt: str) -> None:
    """Show one document with all its passages, in order.

    DOC_ID is the doc_id of a search hit; a passage id such as abc123.4 shows
    its document with that passage marked ">>" (JSON: "marked").

    \b
    Examples:
        archive show 5c6f0a1e2b3d4c5e
        archive show 5c6f0a1e2b3d4c5e.4
    """
    from archive.cli.render import write_document

    archive = open_archive(ctx)
    write_document(archive.show(doc_id), fmt, EchoStream())


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
