"""Serving the archive to a browser and to programs: `archive serve`."""

from __future__ import annotations

import click

from archive.cli.main import cli
from archive.cli.options import warning

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this machine's own makes the archive "
              "readable by the network.")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free one).")  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="Open the search page in a browser.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, open_browser: bool) -> None:
    """Search and read the archive in a web browser, with a JSON API beside it.

    Read-only: nothing over HTTP changes the archive, and documents that
    `archive index` adds meanwhile appear in the next search. Ctrl-C stops it.

    \b
    Examples:
        archive serve
        archive serve --port 8080 --open
        curl 'http://127.0.0.1:8000/api/search?q=Daesh&speaker=hammond'
    """
    import socket

    import uvicorn

    from archive.web.app import LOOPBACK_HOSTS, create_app

    local = host in LOOPBACK
    app = create_app(ctx.obj["home"], allowed_hosts=LOOPBACK_HOSTS if local else None)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, so that asyncio sets TCP_NODELAY on each connection: without
    # it a kept-alive connection waits ~40 ms per answer (Nagle against delayed ACKs).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        reason = exc.strerror or exc
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}") from None
    sock.listen(1024)  # connections wait from now on, so the URL printed below works at once
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if not local:
        warning(
            f"listening on {host}: anyone who can reach this machine over the network can "
            "read the whole archive"
        )
    click.echo(f"Serving {ctx.obj['home']} at {url}  (Ctrl-C to stop)")
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, timeout_graceful_shutdown=3,
        lifespan="on",
    )  # fmt: skip
    server = uvicorn.Server(config)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn stopped cleanly and passed the Ctrl-C on
    finally:
        sock.close()
    click.echo("stopped", err=True)
