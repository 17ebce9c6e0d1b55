"""Looking after an archive: check it (catalog, index, files) and back up its catalog."""

from __future__ import annotations

from pathlib import Path

import click

from archive.cli.main import cli
from archive.cli.options import open_archive


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@click.pass_context
def check(ctx: click.Context, fmt: str) -> None:
    """Check the archive: the catalog's integrity, the index against the catalog, and
    the files the catalog lists that are gone. Exit 0 when sound, 1 otherwise.

    \b
    Example:
        archive check --format json
    """
    from archive.errors import DamagedCatalog

    try:
        report = open_archive(ctx).check()
    except DamagedCatalog as exc:
        report = {"sound": False, "home": str(ctx.obj["home"]), "catalog": {"problems": [str(exc)]}}
    write_check(report, fmt)
    if not report["sound"]:
        ctx.exit(1)


@cli.command()
@click.argument("dest", type=click.Path(path_type=Path))
@click.pass_context
def backup(ctx: click.Context, dest: Path) -> None:
    """Copy the catalog to DEST (a file, or a folder to put catalog.sqlite in).

    The copy is consistent even while others search or index. The search
    index is not copied: it is rebuilt from the catalog. To restore, copy
    the file back as HOME/catalog.sqlite and run `archive reindex`.

    \b
    Example:
        archive backup /mnt/backups/archive-$(date +%F).sqlite
    """
    written = open_archive(ctx).backup(dest)
    click.echo(f"catalog copied to {written}; `archive reindex` rebuilds the index from it")


def write_check(report: dict, fmt: str) -> None:
    if fmt == "json":
        import json

        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(f"archive at {report['home']}: {'sound' if report['sound'] else 'NOT sound'}")
    catalog = report["catalog"]
    problems = catalog["problems"]
    if "documents" in catalog:
        counts = f"{catalog['documents']} documents, {catalog['passages']} passages"
        state = f"{len(problems)} problems" if problems else "ok"
        click.echo(f"catalog  {catalog['path']}: {state} ({counts})")
    for problem in problems[:20]:
        click.echo(f"  - {problem}")
    if "index" not in report:
        return
    index = report["index"]
    click.echo(f"index    {report['engine']}: {index['message']}")
    if index["problem"]:
        click.echo("  - `archive reindex` rebuilds it from the catalog")
    files = report["files"]
    if not files["gone"]:
        click.echo(f"files    {files['listed']} listed, all present")
        return
    click.echo(f"files    {files['listed']} listed, {files['gone']} gone:")
    for path in files["gone_paths"]:
        click.echo(f"  - {path}")
    if files["gone"] > len(files["gone_paths"]):
        click.echo(f"  ... and {files['gone'] - len(files['gone_paths'])} more")
    click.echo("  - `archive index --prune FOLDER` forgets the documents of files that are gone")
