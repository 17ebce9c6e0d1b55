"""Counting what matches: who says it most (speakers), and how often over time (timeline)."""

from __future__ import annotations

from pathlib import Path

import click

from archive.cli.main import cli
from archive.cli.options import (
    EchoStream,
    filter_options,
    filters_of,
    open_archive,
    query_text,
)


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
    from archive.cli.render import write_speakers

    people = open_archive(ctx).speakers(query_text(query), name=name, **filters_of(options))
    write_speakers(people[:limit] if limit else people, fmt, EchoStream())


# Rows a timeline shows when no --by is given: past this, a longer period is chosen.
MOST_ROWS = 60


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--by",
    type=click.Choice(["day", "week", "month", "year"]),
    default=None,
    help=f"The period counted [default: month, or a longer one past {MOST_ROWS} rows].",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True
)
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the timeline to this PNG file (needs the plot extra).",
)
@click.option(
    "--compare",
    is_flag=True,
    help="Also the lag at which the news and Hansard series agree best, and which led. "
    "JSON gains a 'compare' object; CSV gives the correlation at every lag instead.",
)
@click.pass_context
def timeline(ctx: click.Context, query: tuple[str, ...], by, fmt, plot, compare, **options):
    """Count matching passages over time, news and Hansard side by side.

    Every period from --since (else the first match) to --until (else the
    last) is shown, zeros included. Without --by, months, or years when
    months would be more than 60 rows.

    \b
    Examples:
        archive timeline Aleppo --by month
        archive timeline Daesh --by week --format csv > daesh.csv
        archive timeline Syria --plot syria.png
        archive timeline Syria --by week --compare
    """
    from archive.cli.render import write_timeline

    filters = filters_of(options)
    most = None if by else MOST_ROWS
    buckets = open_archive(ctx).timeline(query_text(query), by=by or "month", most=most, **filters)
    lag = None
    if compare:
        from archive.search.lag import compare as lag_of

        lag = lag_of(buckets)
    write_timeline(buckets, fmt, EchoStream(), lag, compare)
    if plot:
        from archive.cli.chart import plot_timeline, title_of

        plot_timeline(buckets, plot, title=title_of(query_text(query), filters), lag=lag)
        click.echo(f"wrote {plot}", err=True)
