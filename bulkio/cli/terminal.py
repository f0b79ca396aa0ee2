"""What bulkio prints: text that comes from data (cell values, sheet and file names, the
API's messages) is shown, never obeyed by the terminal.

Control characters (C0 other than tab and newline, DEL, C1, so ESC sequences that set the
window title, clear the screen or move the cursor, and a carriage return that would print
over a line) and the Unicode controls that reorder text are written as ``\\u001b``, which a
person can read and which is still valid inside JSON. Every command prints through ``echo``.
"""

from __future__ import annotations

import re

import click

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """``text`` with its control characters escaped."""
    return _CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo, with control characters escaped."""
    click.echo(shown(str(message)), err=err, nl=nl)
