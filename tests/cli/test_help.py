"""``bulkio --help`` and ``bulkio mapping --help`` show each command's whole description."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from bulkio.cli.main import COMMANDS, cli
from bulkio.cli.mapping_cmd import mapping
from bulkio.cli.whole_help import first_paragraph


@pytest.mark.parametrize(("group", "args"), [(cli, ["--help"]), (mapping, ["mapping", "--help"])])
def test_help_lists_every_command_with_its_whole_description(
    group: click.Group, args: list[str]
) -> None:
    result = CliRunner().invoke(cli, args, terminal_width=80)

    assert result.exit_code == 0
    listing = " ".join(result.output.split("Commands:", 1)[1].split())
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        assert f"{name} {first_paragraph(command)}" in listing
    assert "..." not in listing
    if group is cli:
        assert cli.list_commands(ctx) == list(COMMANDS)
