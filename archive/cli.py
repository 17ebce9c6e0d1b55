"""The command line: parse options, call the library, render. Nothing else lives here.

Heavy modules (the engine, the catalog) are imported inside commands so
that `archive --help` starts fast.
"""

from __future__ import annotations

import logging
from pathlib import Path

import click

from .errors import ArchiveError, UsageError

FORMATS = ("text", "json", "jsonl", "csv")


class ArchiveGroup(click.Group):
    """Turns the library's errors into one clear line and the right exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx=_leaf_context(ctx)) from None
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from None


def _leaf_context(ctx: click.Context) -> click.Context:
    # The usage line shown should be the subcommand's, not the group's.
    sub = ctx.invoked_subcommand and ctx.command.get_command(ctx, ctx.invoked_subcommand)
    return click.Context(sub, info_name=ctx.invoked_subcommand, parent=ctx) if sub else ctx


class DateParam(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD; anything else is a usage error naming the value."""

    name = "DATE"

    def convert(self, value, param, ctx):
        from .dates import date_range
        from .errors import BadDate

        try:
            date_range(value)
        except BadDate as exc:
            self.fail(str(exc), param, ctx)
        return value


def _open(ctx: click.Context, create: bool = False):
    from .api import Archive

    archive = Archive.open(ctx.obj["home"], create=create)
    ctx.call_on_close(archive.close)
    return archive


def _mark(word: str) -> str:
    # click.echo drops the styling when the output is not a terminal.
    return click.style(word, fg="yellow", bold=True)


class _EchoHandler(logging.Handler):
    """Library warnings as `warning: ...` lines on the stderr of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)


def _log_to_stderr(level: int) -> None:
    logger = logging.getLogger("archive")
    for handler in [h for h in logger.handlers if isinstance(h, _EchoHandler)]:
        logger.removeHandler(handler)
    logger.addHandler(_EchoHandler())
    logger.setLevel(level)


class _EchoStream:
    """A text stream that writes through click.echo, so colour follows the terminal."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)


@click.group(cls=ArchiveGroup)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="ARCHIVE_HOME",
    help="Folder the archive lives in [env ARCHIVE_HOME; default: a per-user data folder].",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr, no warnings.")
@click.version_option(package_name="archive", message="archive %(version)s")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, quiet: bool) -> None:
    """A searchable archive of news and Hansard: who said what, and when.

    \b
    Example:
        archive index seeds
        archive search Daesh --speaker hammond --since 2015-12
    """
    _log_to_stderr(logging.ERROR if quiet else logging.WARNING)
    if home is None:
        from .api import default_home

        home = default_home()
    ctx.obj = {"home": home}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def index(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Add the documents in PATHS (files and folders, recursively) to the archive.

    Files already indexed and unchanged are skipped; a file that cannot be
    read is reported on one line and the others are still indexed (exit 1).

    \b
    Example:
        archive index seeds ~/Downloads/hansard
    """
    archive = _open(ctx, create=True)

    def report_error(error) -> None:
        click.echo(f"error: {error}", err=True)

    report = archive.index(paths, on_error=report_error)
    click.echo(report.summary())
    if report.failed:
        ctx.exit(1)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@click.option(
    "--speaker",
    "speakers",
    multiple=True,
    metavar="NAME",
    help="Said by this person: full name, surname or alias. Repeatable.",
)
@click.option("--since", type=DateParam(), help="On or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", type=DateParam(), help="On or before this date (YYYY[-MM[-DD]]).")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="NAME",
    help="From this source, e.g. bbc. Repeatable.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["news", "hansard"]),
    help="Only news or only hansard.",
)
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
    help="Show at most N passages.",
)
@click.option("--offset", default=0, type=click.IntRange(min=0), help="Skip the first N.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], speakers, since, until, sources, kinds,
           sort, limit, offset, fmt) -> None:  # fmt: skip
    """Find passages by words, speaker, date, source and kind.

    Words are all required; "double quotes" make an exact phrase; -word
    excludes; OR between terms allows either; (parentheses) group. With no
    query words, at least one filter lists the matching passages, newest first.

    \b
    Examples:
        archive search Daesh --speaker hammond
        archive search '"kinetic options"' --kind hansard
        archive search Putin -Russia --since 2015-12 --format json
    """
    for word in query:
        if word.startswith("--"):
            raise click.NoSuchOption(word.split("=")[0])
    archive = _open(ctx)
    result = archive.search(
        " ".join(query), speakers=speakers, since=since, until=until, sources=sources,
        kinds=kinds, sort=sort, limit=limit, offset=offset,
    )  # fmt: skip
    from .render import write_results

    write_results(result, fmt, _EchoStream(), mark=_mark, offset=offset)


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
    from .render import write_document

    archive = _open(ctx)
    write_document(archive.show(doc_id.split(".")[0]), fmt, _EchoStream())


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
    from .render import write_stats

    write_stats(_open(ctx).stats(), fmt, _EchoStream())


@cli.command()
@click.argument("pattern", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@click.pass_context
def speakers(ctx: click.Context, pattern: str | None, fmt: str) -> None:
    """List the people who speak in the archive, most passages first.

    PATTERN narrows the list to people it names: a name, surname, alias,
    office ("Foreign Secretary") or part of a name.

    \b
    Examples:
        archive speakers
        archive speakers hammond --format json
    """
    from .render import write_speakers

    write_speakers(_open(ctx).speakers(pattern), fmt, _EchoStream())


@cli.group()
def people() -> None:
    """The people registry: who is who, their names and offices."""


@people.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_context
def people_import(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Load ParlParse member lists (people.xml, ministers.json, ...) into the registry.

    PATHS are files or folders: people.xml[.gz], all-members*.xml[.gz],
    peers*.xml[.gz], member-aliases.xml, ministers*.json[.gz]. Speakers
    already in the archive are resolved again.

    \b
    Example:
        archive people import ../shared/corpus/hansard-parlparse/members
    """
    added, updated, changed = _open(ctx, create=True).import_people(paths)
    click.echo(f"{added} people added, {updated} updated; {changed} passages' speakers changed")


@cli.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the search index from the catalog.

    The catalog is the source of truth; run this after changing engines or
    if the index was damaged.

    \b
    Example:
        archive reindex
    """
    written = _open(ctx).reindex()
    click.echo(f"reindexed {written} passages")


def main() -> None:
    cli(prog_name="archive")
