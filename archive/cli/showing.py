"""Looking at what is stored: one document whole (show), and the archive's figures (stats)."""

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

    DOC_ID is the doc_id of a search hit (a passage id such as abc123.4 also works).

    \b
    Example:
        archive show 5c6f0a1e2b3d4c5e
    """
    from archive.cli.render import write_document

    archive = open_archive(ctx)
    write_document(archive.show(doc_id), fmt, EchoStream())


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
