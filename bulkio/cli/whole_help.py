"""A command group whose ``--help`` lists each command with its whole first paragraph,
wrapped, where click would cut it to one line ending in "..."."""

from __future__ import annotations

import click


class WholeHelpGroup(click.Group):
    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, first_paragraph(command)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def first_paragraph(command: click.Command) -> str:
    """The command's own short help, else its help text up to the first blank line."""
    if command.short_help:
        return command.short_help
    text = (command.help or "").split("\f", 1)[0]
    return " ".join(text.strip().split("\n\n", 1)[0].split())
