"""The ``bulkio`` command group and the error handling every command shares."""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import Any

import click

from bulkio import __version__
from bulkio.cli.terminal import echo
from bulkio.cli.whole_help import WholeHelpGroup
from bulkio.core.errors import BulkioError

EXIT_CANNOT_RUN = 2  # see the group's docstring for every exit code


# command name -> "module:attribute"; a command's module loads only when it runs
COMMANDS = {
    "check": "bulkio.cli.check_cmd:check",
    "import": "bulkio.cli.import_cmd:import_cmd",
    "runs": "bulkio.cli.runs_cmd:runs_cmd",
    "undo": "bulkio.cli.undo_cmd:undo_cmd",
    "mapping": "bulkio.cli.mapping_cmd:mapping",
    "template": "bulkio.cli.template_cmd:template",
    "export": "bulkio.cli.export_cmd:export_cmd",
    "backup": "bulkio.cli.backup_cmd:backup_cmd",
    "status": "bulkio.cli.status_cmd:status_cmd",
    "sandbox": "bulkio.cli.sandbox_cmd:sandbox",
}


class BulkioGroup(WholeHelpGroup):
    """Turns a ``BulkioError`` into one plain line on stderr and exit code 2.

    Anything else is a bug: with ``--debug`` the traceback is shown, without it a short
    message asks for a report. Exit codes: 0 all done, 1 some rows failed, 2 could not run.
    Commands are loaded when used, so ``bulkio check`` does not pay for the sandbox's imports;
    ``--help`` lists each with its whole description.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BulkioError as exc:
            if _debug(ctx):
                traceback.print_exc()
            echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # the reader of our output went away (e.g. `| head`): nothing more to say
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt:
            echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            if _debug(ctx):
                raise
            echo(
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


def main() -> None:
    cli(obj={})
