"""The commands that change the archive: index, remove, reindex, people import."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from archive.cli.main import cli
from archive.cli.options import (
    Progress,
    mapping_of,
    one_line,
    open_archive,
    wait_option,
)


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
@click.option(
    "--strict",
    is_flag=True,
    help="Count files that are not documents (member lists, metadata JSON, READMEs) "
    "as failed, with an error line and exit 1, instead of skipping them with a note.",
)
@wait_option
@click.pass_context
def index(
    ctx: click.Context, paths: tuple[Path, ...], form: str | None, mapping: str | None,
    encoding: str | None, prune: bool, strict: bool, wait: float,
):  # fmt: skip
    """Add the documents in PATHS (files and folders, recursively) to the archive.

    Formats are detected from content: ParlParse/TheyWorkForYou XML,
    ParlaMint TEI, Reuters-21578 SGML, HTML pages, CSV/TSV/JSON lines tables,
    plain text; .gz files are read directly. Files already indexed and
    unchanged (same content) are skipped; a changed file's documents replace
    its old ones; a file that cannot be read, or a bad record in a table, is
    reported on one line and the rest is still indexed (exit 1). A file that
    is plainly not a document (a member list, a JSON of metadata or
    annotations, a README, LICENSE or notes file) is skipped with a note and
    counted as skipped, not failed; --strict makes it a failure. A run that
    was killed is finished by the next one.

    \b
    Example:
        archive index seeds ~/Downloads/hansard
        archive index stories.jsonl --map title=headline,text=short_description
        archive index --prune ~/news        # and drop stories whose files are gone
        archive index --encoding cp1252 old-stories/   # files saved as Windows-1252
        archive index --strict ~/hansard    # a member list among the debates fails
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

    # The reading worker's semaphores are left to multiprocessing's resource tracker
    # when Ctrl-C ends the run at once; its "leaked semaphore" warnings then would
    # follow the line that says what was kept. The tracker takes this process's -W
    # options when it starts, so this keeps them off the screen.
    sys.warnoptions.append("ignore::UserWarning:multiprocessing.resource_tracker")
    try:
        report = archive.index(
            paths, on_error=report_error, on_warning=report_warning, on_note=report_note,
            format=form, mapping=mapping_of(mapping), prune=prune, on_progress=progress,
            worker=True, encoding=encoding, strict=strict,
        )  # fmt: skip
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C: already stopping
        progress.clear()
        click.echo(progress.stopped(), err=True)
        archive.close()
        sys.stdout.flush()
        sys.stderr.flush()
        # Ended here, not by returning: the reading worker's pipe threads, if one was
        # left blocked, would otherwise be waited for at exit. What exit would do for
        # multiprocessing is done first (its finalizers release the worker's
        # semaphores, else its resource tracker warns of them as leaked).
        from multiprocessing import util

        util._run_finalizers()
        os._exit(130)
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
    click.echo(
        f"{documents:,} document{'' if documents == 1 else 's'} removed "
        f"({passages:,} passage{'' if passages == 1 else 's'})"
    )


@cli.command()
@click.option("--engine", "new_engine", type=click.Choice(["tantivy", "whoosh", "xapian"]),
              help="Rebuild with this engine; the archive uses it from now on.")  # fmt: skip
@click.option("--shards", metavar="HOST:PORT,...",
              help="Keep a xapian index on these `xapian-tcpsrv --writable` servers, one "
              "shard each; remembered. --engine without --shards makes it local.")  # fmt: skip
@wait_option
@click.pass_context
def reindex(ctx: click.Context, new_engine: str | None, shards: str | None, wait: float) -> None:
    """Rebuild the search index from the catalog.

    The catalog is the source of truth; run this to switch engines, to move
    the index onto shards or back, or if the index was damaged.

    \b
    Examples:
        archive reindex
        archive reindex --engine whoosh
        archive reindex --engine xapian --shards 10.0.0.5:8100,10.0.0.6:8100
    """
    ctx.obj["engine"] = None  # the switch is this command's to make
    archive = open_archive(ctx, wait=wait)
    written = archive.reindex(new_engine, shards)
    where = f" on {len(archive.shards.split(','))} shards" if archive.shards else ""
    click.echo(f"reindexed {written} passages with {archive.engine_name}{where}")


@cli.group()
def people() -> None:
    """The people registry: who is who, their names and offices."""


@people.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@wait_option
@click.pass_context
def people_import(ctx: click.Context, paths: tuple[Path, ...], wait: float) -> None:
    """Load member lists (people.xml, ministers.json, ...) and person -> party tables.

    PATHS are files or folders: people.xml[.gz], all-members*.xml[.gz],
    peers*.xml[.gz], member-aliases.xml, ministers*.json[.gz] (the member
    lists name people through people.xml, so import them together), and
    tables of person -> party (a JSON object of person id -> party, or
    JSON/CSV rows with person and party columns and optional start and end
    dates). A path that does not exist, or a file named that it cannot use,
    is an error and nothing is loaded; other files in a folder are skipped
    with a note. Speakers already in the archive are resolved again; the
    summary says what changed.

    \b
    Examples:
        archive people import ../shared/corpus/hansard-parlparse/members
        archive people import parties-2019.csv
    """
    quiet = ctx.obj["quiet"]

    def report_note(message: str) -> None:
        if not quiet:
            click.echo(f"note: {one_line(message)}", err=True)

    def count(n: int, noun: str, plural: str) -> str:
        return f"{n:,} {noun if n == 1 else plural}"

    archive = open_archive(ctx, create=True, wait=wait)
    done = archive.import_people(paths, on_note=report_note)
    not_found = f", {count(done.not_found, 'row', 'rows')} naming nobody known"
    click.echo(
        f"{count(done.added, 'person', 'people')} added, {done.updated:,} updated"
        f"{not_found if done.not_found else ''}; "
        f"{count(done.speakers_changed, 'passage', 'passages')} credited to another person, "
        f"{count(done.parties_changed, 'passage', 'passages')} with another party"
    )
