"""How much ``-j 2`` speeds up reading: the read phase of a clean build, timed from inside Sphinx.

Not a test: run it by hand,

    .venv/bin/python bench/read_phase.py --weeks 260 --rounds 2

On one generated archive of the issue's shape (``bench/generate.py``), each
round builds it from nothing with ``-j 1`` and with ``-j 2`` (alternating), in
processes of their own. A small extension appended to the archive's
``conf.py`` stamps the wall clock when Sphinx starts reading
(``env-before-read-docs``), when the last page is read and merged
(``env-updated``'s first handler) and when the build ends; the report gives
the read phase, the rest, and the whole build, and the -j1/-j2 ratio of each
(median of the rounds), with the machine's CPU count and load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import issue_shape, plan, write_project  # noqa: E402

TIMER = '''
import json, time

def _stamp(name):
    def handler(app, *args):
        app._mlnews_bench_times[name] = time.perf_counter()
        return [] if name == "read_end" else None
    return handler

def _write(app, exception):
    app._mlnews_bench_times["end"] = time.perf_counter()
    with open(app.config.bench_times_file, "w") as handle:
        json.dump(app._mlnews_bench_times, handle)

def setup(app):
    app._mlnews_bench_times = {"start": time.perf_counter()}
    app.add_config_value("bench_times_file", "", "")
    app.connect("env-before-read-docs", _stamp("read_start"), priority=0)
    app.connect("env-updated", _stamp("read_end"), priority=0)
    app.connect("build-finished", _write, priority=999)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


def _build(src: Path, out: Path, jobs: int, times: Path) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-j", str(jobs), "-D", f"bench_times_file={times}",
         "-D", "mlnews_format_cache=doctrees", "-d", str(out / "doctrees"), str(src), str(out / "html")],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(src)},
    )  # fmt: skip
    stamps = json.loads(times.read_text())
    return {
        "read": stamps["read_end"] - stamps["read_start"],
        "rest": stamps["end"] - stamps["read_end"] + stamps["read_start"] - stamps["start"],
        "total": stamps["end"] - stamps["start"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mlnews-read-phase-") as tmp:
        work = Path(tmp)
        src = write_project(work / "src", issue_shape(plan(args.weeks)), args.weeks, "issue")
        (src / "bench_read_timer.py").write_text(TIMER, encoding="utf-8")
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('\nextensions = [*extensions, "bench_read_timer"]\n')
        results: dict[int, list[dict[str, float]]] = {1: [], 2: []}
        for _ in range(args.rounds):
            for jobs in (1, 2):
                results[jobs].append(_build(src, work / f"j{jobs}", jobs, work / f"times-{jobs}.json"))
    print(f"{args.weeks} weeks, issue shape; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    for part in ("read", "rest", "total"):
        one = statistics.median(r[part] for r in results[1])
        two = statistics.median(r[part] for r in results[2])
        print(f"  {part:5s}  -j1 {one:7.2f} s   -j2 {two:7.2f} s   -j1/-j2 {one / two:5.2f}")


if __name__ == "__main__":
    main()
