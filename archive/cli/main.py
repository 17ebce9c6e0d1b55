"""The `archive` command group: the options every command shares, and `main`.

The commands live one family to a module (archive.cli.writing, .finding,
.counting, .showing) and join this group when the package is imported.
"""

from __future__ import annotations

from pathlib import Path

import click

from archive.cli.options import (
    ArchiveGroup,
)


@click.group(cls=ArchiveGroup)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="ARCHIVE_HOME",
    help="Folder the archive lives in [env ARCHIVE_HOME; default: a per-user data folder].",
)
@click.option(
    "--engine",
    type=click.Choice(["tantivy", "whoosh", "xapian"]),
    envvar="ARCHIVE_ENGINE",
    help="Search engine of a new archive [env ARCHIVE_ENGINE; default tantivy]. "
    "An archive keeps the engine that built it; `reindex --engine` switches.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr, no warnings.")
@click.version_option(package_name="archive", message="archive %(version)s")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, engine: str | None, quiet: bool) -> None:
    """A searchable archive of news and Hansard: who said what, and when.

    \b
    Example:
        archive index seeds
        archive search Daesh --speaker hammond --since 2015-12
    """
    if home is None:
        from archive.api import default_home

        home = default_home()
    ctx.obj = {"home": home, "engine": engine, "quiet": quiet}


def main() -> None:
    cli(prog_name="archive")
