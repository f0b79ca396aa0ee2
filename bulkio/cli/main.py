"""The ``bulkio`` command group and the error handling every command shares."""

from __future__ import annotations

import sys
import traceback
from typing import Any

import click

from bulkio import __version__
from bulkio.cli import (
    check_cmd,
    import_cmd,
    mapping_cmd,
    sandbox_cmd,
    status_cmd,
    template_cmd,
)
from bulkio.core.errors import BulkioError

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_CANNOT_RUN = 2


class BulkioGroup(click.Group):
    """Turns a ``BulkioError`` into one plain line on stderr and exit code 2.

    Anything else is a bug: with ``--debug`` the traceback is shown, without it a short
    message asks for a report. Exit codes: 0 all done, 1 some rows failed, 2 could not run.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BulkioError as exc:
            if _debug(ctx):
                traceback.print_exc()
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            if _debug(ctx):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in bulkio. Run the command again with --debug and send us "
                "the output.",
                err=True,
            )
            sys.exit(EXIT_CANNOT_RUN)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


@click.group(cls=BulkioGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bulkio")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Move contacts and companies between spreadsheets and Kanbert.

    Exit codes: 0 all done; 1 some rows invalid or rejected (the report says which);
    2 the command could not run (usage, mapping, file, auth, network).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


cli.add_command(check_cmd.check)
cli.add_command(import_cmd.import_cmd)
cli.add_command(sandbox_cmd.sandbox)
cli.add_command(status_cmd.status_cmd)
cli.add_command(template_cmd.template)
cli.add_command(mapping_cmd.mapping)


def main() -> None:
    cli(obj={})
