"""Build synthetic archives of the site and of the plain-MyST floor, and print a table.

For each size (weeks) and flavour (``site``: mlnews through its authoring
interface; ``floor``: the same pages as plain MyST, same theme settings), see
``bench/generate.py``:

* ``full -j1`` / ``full -j2``: a clean build, serial and with two processes;
* ``edit``: the rebuild after editing the text of one week (the middle one);
* ``add``: the rebuild after publishing one more week (page, ``refs.bib``
  entries and, when a month starts, its summary pages);
* ``pages``: how many HTML pages that rebuild wrote (files whose mtime changed);
* ``peak MB``: the largest resident set of the serial full build (``wait4``).

A third flavour, ``floor+gc``, is the floor built with ``mlnews.build.gc_policy`` (the
site's garbage-collector policy, an extension of its own): the site gains that
policy over plain Sphinx, so its ratios to ``floor+gc`` show what mlnews' own
features cost, like for like.

Then the issue's goals as ratios of this one run. Usage::

    python bench/run.py                    # quick: 130 and 260 weeks
    python bench/run.py --sizes 130,260,520
    python bench/run.py --sizes 260 --profile site   # cProfile of one full build

Every build runs ``python -m sphinx`` in a child process of the interpreter
that runs this script (use the project's ``.venv``).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import FLAVOURS, ISSUE_FLAVOURS, add_week, edit_week, issue_shape, plan, write_project  # noqa: E402

VARIANTS = {"floor+gc": ("floor", ["-D", "extensions=myst_parser,mlnews.build.gc_policy"])}
"""Flavours built from another flavour's project with extra sphinx-build options."""
RUN_FLAVOURS = (*FLAVOURS, *VARIANTS)

HERE = Path(__file__).resolve().parent
DEFAULT_WORK = HERE / "_work"


@dataclass
class Build:
    """One sphinx-build run."""

    seconds: float
    """Wall-clock time."""
    cpu: float
    """User and system CPU time of the build and its worker processes: on a shared,
    loaded machine far steadier than wall-clock time, so the goals use it."""
    peak_mb: float
    warnings: int
    written: int


@dataclass
class Row:
    """All measurements of one flavour at one size."""

    weeks: int
    flavour: str
    full: Build | None = None
    full_j2: Build | None = None
    edit: Build | None = None
    add: Build | None = None
    notes: list[str] = field(default_factory=list)


def _html_mtimes(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.html")} if out.exists() else {}


def sphinx_build(
    src: Path, out: Path, doctrees: Path, jobs: int = 1, profile: Path | None = None, options: list[str] | None = None
) -> Build:
    """Run one build in a child process; time it, and read its peak memory from ``wait4``."""
    before = _html_mtimes(out)
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "sphinx", "-b", "html", "-q", "-j", str(jobs), *(options or [])]
    command += ["-d", str(doctrees), str(src), str(out)]
    stderr_path = out.parent / "stderr.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(stderr_path, "w", encoding="utf-8") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    log = stderr_path.read_text(encoding="utf-8")
    if child.returncode != 0:
        raise SystemExit(f"sphinx-build failed ({child.returncode}) on {src}:\n{log[-3000:]}")
    after = _html_mtimes(out)
    written = sum(1 for path, mtime in after.items() if before.get(path) != mtime)
    # ru_maxrss is in KiB on Linux, and covers the child's own reaped children.
    return Build(
        seconds=seconds,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,
        warnings=len(re.findall(r"WARNING|ERROR", log)),
        written=written,
    )


def _archive(weeks: int, project: str):
    """The planned weeks of *project*'s flavour (the issue's flavours reshaped as issue 19 says)."""
    archive = plan(weeks)
    return issue_shape(archive) if project in ISSUE_FLAVOURS else archive


def measure(weeks: int, flavour: str, work: Path, *, jobs2: bool = True) -> Row:
    """Full builds, then the two incremental rebuilds, of one flavour at one size."""
    row = Row(weeks=weeks, flavour=flavour)
    project, options = VARIANTS.get(flavour, (flavour, []))
    if project in ("site", "issue"):
        # Formatted entries kept beside the doctrees (an incremental build reuses them), not
        # in conf.py's _build/.cache, which would carry them into the next full build.
        options = ["-D", "mlnews_format_cache=doctrees", *options]
    archive = _archive(weeks, project)
    base = work / f"{project}-{weeks}"
    src, out, doctrees = base / "src", base / "html", base / "doctrees"
    shutil.rmtree(base, ignore_errors=True)
    write_project(src, archive, weeks, project)
    row.full = sphinx_build(src, out, doctrees, options=options)
    edit_week(src, archive, weeks)
    row.edit = sphinx_build(src, out, doctrees, options=options)
    add_week(src, archive, weeks, project)
    row.add = sphinx_build(src, out, doctrees, options=options)
    if jobs2:
        shutil.rmtree(base)
        write_project(src, archive, weeks, project)
        row.full_j2 = sphinx_build(src, out, doctrees, jobs=2, options=options)
    shutil.rmtree(base, ignore_errors=True)
    return row


def _cell(build: Build | None, what: str) -> str:
    if build is None:
        return "—"
    if what == "s":
        return f"{build.seconds:.1f} ({build.cpu:.1f})"
    if what == "pages":
        return str(build.written)
    return f"{build.peak_mb:.0f}"


def table(rows: list[Row]) -> str:
    """The measurements as a Markdown table."""
    head = (
        "| weeks | flavour | full -j1 | full -j2 | edit | edit: pages | add | add: pages "
        "| peak MB | warnings |"
    )
    lines = [head, "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        warnings = sum(b.warnings for b in (row.full, row.edit, row.add, row.full_j2) if b is not None)
        lines.append(
            f"| {row.weeks} | {row.flavour} | {_cell(row.full, 's')} | {_cell(row.full_j2, 's')} "
            f"| {_cell(row.edit, 's')} | {_cell(row.edit, 'pages')} | {_cell(row.add, 's')} "
            f"| {_cell(row.add, 'pages')} | {_cell(row.full, 'mb')} | {warnings} |"
        )
    return "\n".join(lines)


def goals(rows: list[Row]) -> str:
    """The issue's goals, as ratios of this run (only those the sizes measured allow)."""
    by = {(r.weeks, r.flavour): r for r in rows}
    sizes = sorted({r.weeks for r in rows})
    lines = ["| goal | CPU time ratio | wall-clock ratio | limit | met (CPU) |", "| --- | ---: | ---: | ---: | --- |"]

    def add(name: str, a: Build, b: Build, limit: float) -> None:
        cpu, wall = a.cpu / b.cpu, a.seconds / b.seconds
        lines.append(f"| {name} | {cpu:.2f} | {wall:.2f} | {limit} | {'yes' if cpu <= limit else 'NO'} |")

    for small, large in zip(sizes, sizes[1:]):
        for flavour in RUN_FLAVOURS:
            a, b = by.get((small, flavour)), by.get((large, flavour))
            if a and b and a.full and b.full and large == 2 * small:
                add(f"{flavour}: full {large} / full {small}", b.full, a.full, 2.2)
    # Issue 10's goals (the site against the week-pages floor), then issue 19's (the issue's
    # archive shape against its same-content floor, tighter limits).
    pairs = (
        ("site", "floor", 1.3, 1.5, 1.5),
        ("site", "floor+gc", 1.3, 1.5, 1.5),
        ("issue", "issue-floor", 1.0, 1.2, 1.2),
    )
    for weeks in sizes:
        for ours, name, full_limit, edit_limit, memory_limit in pairs:
            site, floor = by.get((weeks, ours)), by.get((weeks, name))
            if not (site and floor and site.full and floor.full and site.edit and floor.edit):
                continue
            add(f"full {ours} / {name} at {weeks}", site.full, floor.full, full_limit)
            add(f"one-week edit {ours} / {name} at {weeks}", site.edit, floor.edit, edit_limit)
            if site.add and floor.add:
                add(f"(added week {ours} / {name} at {weeks})", site.add, floor.add, edit_limit)
            memory = site.full.peak_mb / floor.full.peak_mb
            met = "yes" if memory <= memory_limit else "NO"
            lines.append(f"| peak memory {ours} / {name} at {weeks} | {memory:.2f} | | {memory_limit} | {met} |")
    return "\n".join(lines)


def machine() -> str:
    """What the numbers were measured on."""
    import sphinx

    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            total_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
        memory = f"{total_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {memory} RAM, "
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, {platform.platform()}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="130,260", help="comma-separated week counts (default: 130,260)")
    parser.add_argument(
        "--flavours", default=",".join(RUN_FLAVOURS), help=f"comma-separated, of {', '.join(RUN_FLAVOURS)}"
    )
    parser.add_argument("--no-j2", action="store_true", help="skip the -j 2 full builds")
    parser.add_argument("--j2-sizes", help="comma-separated sizes that get a -j 2 build (default: all)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="scratch folder (default bench/_work)")
    parser.add_argument("--profile", choices=FLAVOURS, help="only profile one full -j1 build of this flavour per size")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    flavours = [f for f in args.flavours.split(",") if f]
    print(f"machine: {machine()}", flush=True)
    if args.profile:
        for weeks in sizes:
            base = args.work / f"profile-{args.profile}-{weeks}"
            shutil.rmtree(base, ignore_errors=True)
            write_project(base / "src", _archive(weeks, args.profile), weeks, args.profile)
            stats = args.work / f"{args.profile}-{weeks}.prof"
            build = sphinx_build(base / "src", base / "html", base / "doctrees", profile=stats)
            print(f"{args.profile} {weeks}: {build.seconds:.1f} s; profile in {stats}")
        return
    rows = []
    j2_sizes = {int(s) for s in args.j2_sizes.split(",") if s} if args.j2_sizes else set(sizes)
    for weeks in sizes:
        for flavour in flavours:
            row = measure(weeks, flavour, args.work, jobs2=not args.no_j2 and weeks in j2_sizes)
            rows.append(row)
            print(table([row]).splitlines()[-1], flush=True)
    print()
    print("Times: wall-clock seconds (CPU seconds). Pages: HTML files the rebuild wrote.")
    print(table(rows))
    print()
    print(goals(rows))


if __name__ == "__main__":
    main()
