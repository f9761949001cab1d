"""The one exception the CLI turns into a one-line message and an exit status."""

from __future__ import annotations

__all__ = ["CliError", "USAGE", "FAILURE"]

FAILURE = 1
"""Exit status of a command that could not do its job (network, unknown ID, ...)."""
USAGE = 2
"""Exit status of a command given wrong arguments (argparse uses it too)."""


class CliError(Exception):
    """A failure to report on one line, without a traceback."""

    def __init__(self, message: str, status: int = FAILURE) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
