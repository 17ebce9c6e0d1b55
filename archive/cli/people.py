"""The people registry read: `archive people list [PATTERN]` and `people show PERSON`."""

from __future__ import annotations

import json

import click

from archive.cli.options import count, open_archive
from archive.cli.writing import people


def until_text(end: str | None, known_until: str | None) -> str:
    """How an office's end reads: its date, or how far the minister lists go."""
    if end:
        return end
    if known_until:
        return f"at least {known_until} (where the minister lists end)"
    return "now"


@people.command("list")
@click.argument("pattern", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@click.pass_context
def people_list(ctx: click.Context, pattern: str | None, fmt: str) -> None:
    """List the people in the registry, those who speak most first.

    PATTERN narrows the list to the people it names: a name, surname, office
    or part of a name, as --speaker takes it.

    \b
    Examples:
        archive people list
        archive people list blackman --format json
    """
    found = open_archive(ctx).people(pattern)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo("No people match." if pattern else "The registry is empty.")
        return
    for person in found:
        dates = f"  {person['first']} to {person['last']}" if person["first"] else ""
        click.echo(
            f"{person['person_id']:>7}  {person['name']}  "
            f"{count(person['passages'], 'passage')}{dates}  {person['ref'] or ''}".rstrip()
        )


@people.command("show")
@click.argument("person")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@click.pass_context
def people_show(ctx: click.Context, person: str, fmt: str) -> None:
    """Show one person: names over time, parties, offices, houses, ids, passages.

    PERSON is a number from `archive people list`, a ParlParse id
    (person/10249) or a name that names one person.

    \b
    Examples:
        archive people show "Philip Hammond"
        archive people show person/10249 --format json
    """
    archive = open_archive(ctx)
    record = archive.person(int(person) if person.strip().isdigit() else person)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=1))
        return
    click.echo(f"{record['name']}  [{record['id']}]  {record['ref'] or ''}".rstrip())
    spoken = record["passages"]
    if spoken:
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in sorted(record["passages_by_kind"].items()))
        dated = f", {record['first']} to {record['last']}" if record["first"] else ", undated"
        click.echo(f"passages  {spoken:,} ({kinds}){dated}")
    else:
        click.echo("passages  none in this archive")
    if record["houses"]:
        click.echo(f"houses    {', '.join(record['houses'])}")
    for title, terms in (("names", record["names"]), ("parties", record["parties"])):
        if terms:
            click.echo(title)
            for value, start, end in terms:
                click.echo(f"  {value}, {start or '?'} to {end or 'now'}")
    if record["offices"]:
        click.echo("offices")
        for value, start, end in record["offices"]:
            click.echo(
                f"  {value}, {start or '?'} to {until_text(end, record['offices_known_until'])}"
            )
    if record["other_names"]:
        click.echo(f"also     {'; '.join(record['other_names'])}")
