"""What every command of the CLI shares: the group that turns library errors
into one line and an exit code, the DATE parameter, the filter and --wait
options, opening the archive, and writing through click. Click only.
"""

from __future__ import annotations

import click

from archive.errors import ArchiveError, UsageError

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
        except KeyboardInterrupt:
            # Before a command has changed anything (`index` says what it kept itself):
            # a line that says so, and the shell's code for Ctrl-C, not click's "Aborted!".
            click.echo("interrupted: nothing was changed", err=True)
            raise click.exceptions.Exit(130) from None


def _leaf_context(ctx: click.Context) -> click.Context:
    # The usage line shown should be the subcommand's, not the group's.
    sub = ctx.invoked_subcommand and ctx.command.get_command(ctx, ctx.invoked_subcommand)
    return click.Context(sub, info_name=ctx.invoked_subcommand, parent=ctx) if sub else ctx


class DateParam(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD; anything else is a usage error naming the value."""

    name = "DATE"

    def convert(self, value, param, ctx):
        from archive.errors import BadDate
        from archive.query.dates import date_range

        try:
            date_range(value)
        except BadDate as exc:
            self.fail(str(exc), param, ctx)
        return value


def filter_options(command):
    """The options that narrow a search, shared by search, export, speakers and timeline."""
    options = [
        click.option("--speaker", "speakers", multiple=True, metavar="NAME",
                     help="Said by this person: name, surname, alias, id or office. Repeatable."),
        click.option("--since", type=DateParam(), help="On or after this date (YYYY[-MM[-DD]])."),
        click.option("--until", type=DateParam(), help="On or before this date (YYYY[-MM[-DD]])."),
        click.option("--source", "sources", multiple=True, metavar="NAME",
                     help="From this source, by its words or site: bbc, axios.com, hansard "
                          "(all Hansard), \"House of Lords\". Repeatable."),
        click.option("--kind", "kinds", multiple=True, type=click.Choice(["news", "hansard"]),
                     help="Only news or only hansard."),
        click.option("--party", "parties", multiple=True, metavar="NAME",
                     help="Said by a member of this party, e.g. labour. Repeatable."),
        click.option("--house", "houses", multiple=True, metavar="HOUSE",
                     help="Hansard of this house: commons, lords, westminster-hall. Repeatable."),
        click.option("--topic", "topics", multiple=True, metavar="TAG",
                     help="Tagged with this topic, place or category, e.g. crude. Repeatable."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def filters_of(options: dict) -> dict:
    keys = ("speakers", "since", "until", "sources", "kinds", "parties", "houses", "topics")
    return {key: options.pop(key) for key in keys}


def query_text(words: tuple[str, ...]) -> str:
    # Unknown options are passed through as query words (so -Russia works);
    # a mistyped --option must still be an error.
    for word in words:
        if word.startswith("--"):
            raise click.NoSuchOption(word.split("=")[0])
    return " ".join(words)


def open_archive(ctx: click.Context, create: bool = False, wait: float | None = None):
    from archive.api import Archive

    extra = {} if wait is None else {"wait": wait}
    if wait is not None:  # a command that writes
        log_to_stderr(ctx.obj["quiet"])
    archive = Archive.open(ctx.obj["home"], create=create, engine=ctx.obj["engine"], **extra)
    ctx.call_on_close(archive.close)
    archive.on_warning = _silent if ctx.obj["quiet"] else warning
    return archive


def _silent(message: str) -> None:
    """-q: warnings are not shown (nor left to logging, which would print them bare)."""


def wait_option(command):
    """--wait: how long a command that writes waits for another writer to finish."""
    return click.option(
        "--wait", default=5.0, show_default=True, type=click.FloatRange(min=0), metavar="SECONDS",
        help="If another command is writing to the archive, wait this long for it to finish.",
    )(command)  # fmt: skip


def mark(word: str) -> str:
    # click.echo drops the styling when the output is not a terminal.
    return click.style(word, fg="yellow", bold=True)


def warning(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def log_to_stderr(quiet: bool) -> None:
    """Library log records (the indexer's) as `warning: ...` lines on the stderr of the moment.

    Only commands that write install this: logging is not imported by a search.
    """
    import logging

    class EchoHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)

    logger = logging.getLogger("archive")
    for handler in [h for h in logger.handlers if h.get_name() == "archive-cli"]:
        logger.removeHandler(handler)
    handler = EchoHandler()
    handler.set_name("archive-cli")
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)


class EchoStream:
    """A text stream that writes through click.echo, so colour follows the terminal."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)


class Progress:
    """How far an index run has got, on one line of a terminal's stderr, redrawn in place.

    Drawn only when stderr is a terminal and not quieted; lines printed
    meanwhile go through `echo`, which clears it first. It clears itself
    after the last file, before the index's last batch is written.
    """

    EVERY = 0.2  # seconds between redraws

    def __init__(self, enabled: bool):
        self.enabled, self.shown, self.drawn_at = enabled, False, 0.0
        self.done, self.total, self.report = 0, 0, None

    def __call__(self, done: int, total: int, report) -> None:
        self.done, self.total, self.report = done, total, report
        if not self.enabled:
            return
        import time

        if done == total:
            self.clear()
            return
        if time.monotonic() - self.drawn_at < self.EVERY:
            return
        self.drawn_at = time.monotonic()
        line = f"{done:,} of {count(total, 'file')} read, {count(report.passages, 'passage')}"
        click.echo(f"\r\033[K{line}", err=True, nl=False)
        self.shown = True

    def stopped(self) -> str:
        """What a run stopped by Ctrl-C kept, and what to do, on one line."""
        if self.report is None or not (self.report.added or self.report.updated):
            return "interrupted: nothing new was stored; run the same command again to index"
        report = self.report
        stored = count(report.added + report.updated, "document")
        read = (
            f"{self.done:,} of {count(self.total, 'file')}"
            if self.done < self.total
            else "every file"
        )
        return (
            f"interrupted: {read} read; what was stored from them ({stored}) is kept, "
            "though some may not be searchable yet; run the same command again to finish"
        )

    def echo(self, text: str) -> None:
        self.clear()
        click.echo(text, err=True)

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False


def count(n: int, noun: str) -> str:
    """'1 passage', '2 passages', '1,234 passages'."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def one_line(text: str) -> str:
    """`text` with control characters and undecodable bytes of file names escaped (\\n, \\xff).

    A file may be named "a\\nb.txt": its report must still be one line.
    """
    import unicodedata

    def shown(char: str) -> str:
        if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte of a name that is not UTF-8
            return f"\\x{ord(char) - 0xDC00:02x}"
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            return char.encode("unicode_escape").decode("ascii")
        return char

    return "".join(map(shown, text))


def mapping_of(text: str | None) -> dict[str, str]:
    """'title=headline,text=body' -> {"title": "headline", "text": "body"}."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise click.BadParameter(f"{part!r} is not FIELD=COLUMN", param_hint="--map")
        mapping[field.strip().lower()] = column.strip()
    return mapping
