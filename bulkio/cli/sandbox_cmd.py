"""``bulkio sandbox``: a local Kanbert-compatible API to rehearse on."""

from __future__ import annotations

from pathlib import Path

import click

from bulkio.cli.terminal import echo
from bulkio.core.errors import ConfigError
from bulkio.sandbox import (
    DEFAULT_DB,
    DEFAULT_MAX_BODY,
    DEFAULT_PORT,
    FaultConfig,
    Sandbox,
    SetupError,
    is_loopback,
    serve,
)

_RATE = click.FloatRange(0.0, 1.0)


@click.command("sandbox")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite file with the sandbox's data; it survives restarts.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any but this computer's own (loopback) starts with a warning.",
)
@click.option("--port", type=int, default=DEFAULT_PORT, show_default=True)
@click.option(
    "--token",
    default=None,
    help="The one read-write bearer token to accept, instead of the seed's tokens "
    "(sandbox-token and the read-only sandbox-readonly-token).",
)
@click.option(
    "--read-only-token",
    default=None,
    help="A second token that may read but not write (answered 403), to rehearse a token "
    "without contact-data:write. Giving it or --token replaces all of the seed's tokens.",
)
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Reference data (users, tokens, look-ups) shaped like bulkio/data/seed.json.",
)
@click.option(
    "--rate-limit",
    default="60/minute",
    show_default=True,
    help="Requests per token, e.g. 60/minute, 600/minute, or off.",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BODY,
    show_default=True,
    help="Largest request body in bytes; a larger one is answered 413.",
)
@click.option("--fault-500", type=_RATE, default=0.0, help="Share of API requests answered 500.")
@click.option("--fault-503", type=_RATE, default=0.0, help="Share of API requests answered 503.")
@click.option("--fault-latency", type=_RATE, default=0.0, help="Share of API requests delayed.")
@click.option("--latency", type=float, default=1.0, show_default=True, help="Delay in seconds.")
@click.option(
    "--fault-drop", type=_RATE, default=0.0, help="Share of connections closed with no answer."
)
@click.option(
    "--fault-late",
    type=_RATE,
    default=0.0,
    help="Share of API requests carried out but answered only after --late-seconds.",
)
@click.option("--late-seconds", type=float, default=30.0, show_default=True)
@click.option("--fault-seed", type=int, default=None, help="Seed to repeat the same faults.")
def sandbox(
    db: Path,
    host: str,
    port: int,
    token: str | None,
    read_only_token: str | None,
    seed: Path | None,
    rate_limit: str,
    max_body: int,
    fault_500: float,
    fault_503: float,
    fault_latency: float,
    latency: float,
    fault_drop: float,
    fault_late: float,
    late_seconds: float,
    fault_seed: int | None,
) -> None:
    """Run a local Kanbert-compatible API on HOST:PORT until Ctrl-C.

    Point other commands at it with --api-url and --token as printed at start.
    """

    def announce(running: Sandbox) -> None:
        # A token the user chose is a secret: it is not echoed into terminals and logs.
        echo(f"bulkio sandbox on {running.base_url}")
        echo("token: " + ("the one given with --token" if token else running.token))
        if running.read_only_token is not None:
            given = "the one given with --read-only-token"
            echo("read-only token: " + (given if read_only_token else running.read_only_token))
        echo(f"data:  {running.db_path}  (rate limit {rate_limit}; Ctrl-C stops)")

    if not is_loopback(host):
        echo(_exposure_warning(host, public_token=token is None and seed is None), err=True)

    try:
        faults = FaultConfig(
            error_500=fault_500,
            error_503=fault_503,
            latency_rate=fault_latency,
            latency=latency,
            drop=fault_drop,
            late=fault_late,
            late_seconds=late_seconds,
            seed=fault_seed,
        )
        serve(
            db,
            token=token,
            read_only_token=read_only_token,
            rate_limit=rate_limit,
            max_body=max_body,
            faults=faults,
            seed=seed,
            host=host,
            port=port,
            on_ready=announce,
        )
    except SetupError as exc:
        raise ConfigError(str(exc)) from exc
    echo("sandbox stopped", err=True)


def _exposure_warning(host: str, public_token: bool) -> str:
    warning = (
        f"warning: listening on {host} lets other computers reach the sandbox, and whoever "
        "knows its token can read and change its data"
    )
    if public_token:
        warning += "; its token is the public sandbox-token: choose your own with --token"
    return warning + "; use --host 127.0.0.1 to keep it on this computer"
