"""The command line: parse options, call the library, render. Nothing else lives here.

Heavy modules (the engine, the catalog) are imported inside commands so
that `archive --help` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_common import (
    FORMATS,
    ArchiveGroup,
    EchoStream,
    Progress,
    filter_options,
    filters_of,
    mapping_of,
    mark,
    one_line,
    open_archive,
    query_text,
    wait_option,
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
    type=click.Choice(["tantivy", "whoosh"]),
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
        from .api import default_home

        home = default_home()
    ctx.obj = {"home": home, "engine": engine, "quiet": quiet}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "form",
    metavar="FORMAT",
    help="Read every file as this format instead of detecting it: "
    "parlparse, parlamint, reuters, html, table, text.",
)
@click.option(
    "--map",
    "mapping",
    metavar="FIELD=COLUMN[,...]",
    help="For tables (CSV, TSV, JSON lines): which column holds each field, "
    "e.g. title=headline,text=short_description.",
)
@click.option(
    "--encoding",
    metavar="NAME",
    help="Decode files that are not UTF-8 with this encoding (e.g. cp1252, latin-1): "
    "plain text, tables, and HTML pages that declare no charset. UTF-8 files are "
    "still read as UTF-8.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Also remove the documents of files under PATHS that no longer exist.",
)
@wait_option
@click.pass_context
def index(
    ctx: click.Context, paths: tuple[Path, ...], form: str | None, mapping: str | None,
    encoding: str | None, prune: bool, wait: float,
):  # fmt: skip
    """Add the documents in PATHS (files and folders, recursively) to the archive.

    Formats are detected from content: ParlParse/TheyWorkForYou XML,
    ParlaMint TEI, Reuters-21578 SGML, HTML pages, CSV/TSV/JSON lines tables,
    plain text; .gz files are read directly. Files already indexed and
    unchanged (same content) are skipped; a changed file's documents replace
    its old ones; a file that cannot be read, or a bad record in a table, is
    reported on one line and the rest is still indexed (exit 1). A run that
    was killed is finished by the next one.

    \b
    Example:
        archive index seeds ~/Downloads/hansard
        archive index stories.jsonl --map title=headline,text=short_description
        archive index --prune ~/news        # and drop stories whose files are gone
        archive index --encoding cp1252 old-stories/   # files saved as Windows-1252
    """
    archive = open_archive(ctx, create=True, wait=wait)
    quiet = ctx.obj["quiet"]
    progress = Progress(not quiet and sys.stderr.isatty())

    def report_error(error) -> None:
        progress.echo(f"error: {one_line(str(error))}")

    def report_warning(message: str) -> None:
        if not quiet:
            progress.echo(f"warning: {one_line(message)}")

    def report_note(message: str) -> None:
        if not quiet:
            progress.echo(f"note: {one_line(message)}")

    try:
        report = archive.index(
            paths, on_error=report_error, on_warning=report_warning, on_note=report_note,
            format=form, mapping=mapping_of(mapping), prune=prune, on_progress=progress,
            worker=True, encoding=encoding,
        )  # fmt: skip
    finally:
        progress.clear()
    click.echo(report.summary())
    if report.failed or report.bad_records:
        ctx.exit(1)


@cli.command()
@click.argument("targets", nargs=-1, required=True, metavar="DOC_ID|PATH...")
@wait_option
@click.pass_context
def remove(ctx: click.Context, targets: tuple[str, ...], wait: float) -> None:
    """Remove documents by id, or every document of files and folders.

    The files are forgotten too, so `archive index` reads them again if
    they are still there. A document that another indexed file also holds
    stays. If any target names nothing in the archive, nothing is removed.

    \b
    Examples:
        archive remove 5c6f0a1e2b3d4c5e
        archive remove ~/news/old-story.txt ~/news/2014
    """
    documents, passages = open_archive(ctx, wait=wait).remove(targets)
    click.echo(f"{documents} documents removed ({passages} passages)")


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
    from .render import write_results

    write_results(result, fmt, EchoStream(), mark=mark, offset=options["offset"])


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
    from .render import write_export

    hits = open_archive(ctx).export(query_text(query), sort=sort, **filters_of(options))
    write_export(hits, fmt, EchoStream())


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--name",
    metavar="PATTERN",
    help="Only the people this names: a name, surname, office or part of a name.",
)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=0),
    help="Show at most N people (0: all).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@click.pass_context
def speakers(ctx: click.Context, query: tuple[str, ...], name, limit, fmt, **options) -> None:
    """Who says it most: people ranked by the passages of theirs that match.

    With no QUERY and no filters, everyone who speaks in the archive.

    \b
    Examples:
        archive speakers Daesh
        archive speakers Aleppo --kind hansard --since 2016
        archive speakers --name hammond --format json
    """
    from .render import write_speakers

    people = open_archive(ctx).speakers(query_text(query), name=name, **filters_of(options))
    write_speakers(people[:limit] if limit else people, fmt, EchoStream())


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--by",
    type=click.Choice(["day", "week", "month", "year"]),
    default="month",
    show_default=True,
    help="The period counted.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True
)
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the timeline to this PNG file (needs the plot extra).",
)
@click.pass_context
def timeline(ctx: click.Context, query: tuple[str, ...], by, fmt, plot, **options) -> None:
    """Count matching passages over time, news and Hansard side by side.

    Every period from the first match to the last is shown, zeros included.

    \b
    Examples:
        archive timeline Aleppo --by month
        archive timeline Daesh --by week --format csv > daesh.csv
        archive timeline Syria --plot syria.png
    """
    from .render import write_timeline

    buckets = open_archive(ctx).timeline(query_text(query), by=by, **filters_of(options))
    write_timeline(buckets, fmt, EchoStream())
    if plot:
        from .plot import plot_timeline

        plot_timeline(buckets, plot, title=" ".join(query) or "all passages")
        click.echo(f"wrote {plot}", err=True)


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

    archive = open_archive(ctx)
    write_document(archive.show(doc_id.split(".")[0]), fmt, EchoStream())


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

    write_stats(open_archive(ctx).stats(), fmt, EchoStream())


@cli.group()
def people() -> None:
    """The people registry: who is who, their names and offices."""


@people.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@wait_option
@click.pass_context
def people_import(ctx: click.Context, paths: tuple[Path, ...], wait: float) -> None:
    """Load ParlParse member lists (people.xml, ministers.json, ...) into the registry.

    PATHS are files or folders: people.xml[.gz], all-members*.xml[.gz],
    peers*.xml[.gz], member-aliases.xml, ministers*.json[.gz]. Speakers
    already in the archive are resolved again.

    \b
    Example:
        archive people import ../shared/corpus/hansard-parlparse/members
    """
    added, updated, changed = open_archive(ctx, create=True, wait=wait).import_people(paths)
    click.echo(f"{added} people added, {updated} updated; {changed} passages' speakers changed")


@cli.command()
@click.option("--engine", "new_engine", type=click.Choice(["tantivy", "whoosh"]),
              help="Rebuild with this engine; the archive uses it from now on.")  # fmt: skip
@wait_option
@click.pass_context
def reindex(ctx: click.Context, new_engine: str | None, wait: float) -> None:
    """Rebuild the search index from the catalog.

    The catalog is the source of truth; run this to switch engines or if
    the index was damaged.

    \b
    Examples:
        archive reindex
        archive reindex --engine whoosh
    """
    ctx.obj["engine"] = None  # the switch is this command's to make
    archive = open_archive(ctx, wait=wait)
    written = archive.reindex(new_engine)
    click.echo(f"reindexed {written} passages with {archive.engine_name}")


def main() -> None:
    cli(prog_name="archive")
