"""``mlnews``: the authoring command line of Akira's ML news.

``mlnews new-week``, ``mlnews add ID ...``, ``mlnews import PATH ...`` and
``mlnews check`` work on the project in the current folder (or ``--root
DIR``), never on the folder the package is installed in; ``mlnews init DIR``
starts a new one. See README, "The mlnews command".
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence

from .errors import FAILURE, CliError

__all__ = ["main"]


def _say(message: str, err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout, flush=True)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root", metavar="DIR", default=argparse.SUPPRESS,
        help="the project folder (default: the current folder)",
    )
    parser = argparse.ArgumentParser(
        prog="mlnews", parents=[common],
        description="Write Akira's ML news: new projects, new weeks, papers from arXiv, imported archives, checks.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    week = commands.add_parser(
        "new-week", parents=[common], help="create the next week's page (and its summary pages)"
    )
    week.add_argument("--date", type=_date, help="a day of the week to create (YYYY-MM-DD)")
    add = commands.add_parser("add", parents=[common], help="add papers from arXiv to the bibliography")
    add.add_argument("ids", nargs="+", metavar="ID", help="arXiv IDs: 2010.15639, 2010.15639v2, hep-th/9901001")
    add.add_argument("--week", metavar="PATH", help="also add a card for each paper to this week's page")
    add.add_argument(
        "--section", type=int, choices=range(1, 5), default=1, metavar="N",
        help="the week's section for the cards: 1 論文 (default), 2 記事, 3 適用例, 4 その他",
    )
    commands.add_parser("check", parents=[common], help="report what the build would warn about")
    init = commands.add_parser("init", help="start a new newsletter project in a new or empty folder")
    init.add_argument("folder", metavar="DIR", help="the project's folder (created if missing; must be empty)")
    init.add_argument("--title", help="the newsletter's title (default: the folder's name)")
    init.add_argument("--author", default="", help="the author, for the copyright line and the PDF book")
    init.add_argument("--language", default="ja", help="the site's language code (default: ja)")
    bring = commands.add_parser(
        "import", parents=[common], help="bring an archive in: a note.com export, saved posts or pasted text"
    )
    bring.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="a note.com export (.zip, or its unpacked folder or .xml), a post's HTML (.html) or its pasted text",
    )
    bring.add_argument("--dry-run", action="store_true", help="print the report and write nothing")
    bring.add_argument("--force", action="store_true", help="replace week and summary pages that differ from the import")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = _parser().parse_args(argv)
    # The arxiv package logs through the logging module; the CLI reports its own errors.
    arxiv_logger = logging.getLogger("arxiv")
    if not arxiv_logger.handlers:
        arxiv_logger.addHandler(logging.NullHandler())
    from .commands import add, check, import_archive, init, new_week
    from .project import Project

    try:
        if arguments.command == "init":
            return init(arguments.folder, arguments.title, arguments.author, arguments.language, _say)
        project = Project.open(getattr(arguments, "root", "."))
        if arguments.command == "import":
            return import_archive(project, arguments.paths, arguments.dry_run, arguments.force, _say)
        if arguments.command == "new-week":
            return new_week(project, arguments.date, _say)
        if arguments.command == "add":
            return add(project, arguments.ids, arguments.week, arguments.section, _say)
        return check(project, _say)
    except CliError as error:
        _say(f"mlnews: error: {error.message}", err=True)
        return error.status
    except KeyboardInterrupt:
        _say("mlnews: interrupted; no file was changed", err=True)
        return 130
    except OSError as error:
        # Writes are all-or-nothing (project.atomic_replace).
        _say(f"mlnews: error: {error}; no file was changed", err=True)
        return FAILURE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
