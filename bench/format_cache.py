"""What the kept formatted entries save: a clean build from nothing, and one from a saved cache.

Not a test: run it by hand,

    .venv/bin/python bench/format_cache.py --weeks 260            # the issue's shape (issue 19)
    .venv/bin/python bench/format_cache.py --weeks 260 --flavour site

In one run, on the same generated archive (``bench/generate.py``): its
same-content floor (plain MyST), the site with the cache off
(``-D mlnews_format_cache=``), the site building its cache (empty, then
written), and the site built again from nothing (``-E``, a fresh output
folder, as ``make publish`` does) with that saved cache. Each build is a
process of its own (``bench/run.py``'s ``sphinx_build``); CPU seconds and the
ratio to the floor.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ISSUE_FLAVOURS, issue_shape, plan, write_project  # noqa: E402
from run import sphinx_build  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--flavour", default="issue", choices=["issue", "site"])
    args = parser.parse_args(argv)
    archive = plan(args.weeks)
    if args.flavour in ISSUE_FLAVOURS:
        archive = issue_shape(archive)
    floor_flavour = "issue-floor" if args.flavour == "issue" else "floor"
    with tempfile.TemporaryDirectory(prefix="mlnews-format-cache-") as tmp:
        work = Path(tmp)
        floor_src = write_project(work / "floor", archive, args.weeks, floor_flavour)
        src = write_project(work / "site", archive, args.weeks, args.flavour)
        cache = work / "cache" / "formatted.pickle"
        def fresh(name: str, *options: str):
            out = work / name
            shutil.rmtree(out, ignore_errors=True)
            return sphinx_build(src, out / "html", out / "doctrees", options=list(options))

        rows = [
            ("floor (plain MyST)", sphinx_build(floor_src, work / "f/html", work / "f/doctrees")),
            ("site, no cache", fresh("a", "-D", "mlnews_format_cache=")),
            ("site, cache written", fresh("b", "-D", f"mlnews_format_cache={cache}")),
            ("site from the saved cache", fresh("c", "-D", f"mlnews_format_cache={cache}")),
        ]
    floor = rows[0][1].cpu
    print(f"{args.weeks} weeks, {args.flavour} shape (the site with its Pagefind index, the floor with Sphinx's search)")
    for name, built in rows:
        print(f"  {name:28s} {built.cpu:7.2f} s CPU  {built.cpu / floor:5.2f}x floor  warnings {built.warnings}")


if __name__ == "__main__":
    main()
