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
(median of the rounds), with the machine's CPU count and load. With
``-j 2`` it also times where the read phase goes: how many child processes
Sphinx forks (one per chunk of pages), the pages' reading summed over them,
each child pickling its whole environment back, and the main process
unpickling and merging each one in turn (serial).
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
import json, os, pickle, time

import sphinx.builders
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

# Where -j 2's read time goes: Sphinx forks one process per chunk of pages
# (sphinx.util.parallel), each child reads its pages and pickles its whole
# environment back, the main process unpickles it and merges it in
# (Builder._read_parallel). These wrappers time each part; a child writes its
# numbers to a file of its own. Bench-only instrumentation, not mlnews code.
_PARTS = {"read_doc": 0.0, "dumps": 0.0, "dumps_bytes": 0, "loads": 0.0, "merge": 0.0, "chunks": 0}
_real_read_doc = Builder.read_doc
_real_merge = BuildEnvironment.merge_info_from


def _read_doc(self, docname, *args, **kwargs):
    begin = time.perf_counter()
    try:
        return _real_read_doc(self, docname, *args, **kwargs)
    finally:
        _PARTS["read_doc"] += time.perf_counter() - begin


def _merge(self, docnames, other, app):
    begin = time.perf_counter()
    try:
        return _real_merge(self, docnames, other, app)
    finally:
        _PARTS["merge"] += time.perf_counter() - begin
        _PARTS["chunks"] += 1


class _TimedPickle:
    def __getattr__(self, name):
        return getattr(pickle, name)

    def dumps(self, obj, *args, **kwargs):
        begin = time.perf_counter()
        data = pickle.dumps(obj, *args, **kwargs)
        if isinstance(obj, BuildEnvironment) and _CHILD_FILE[0]:
            # The end of a child's chunk: what it read, and what pickling its environment cost.
            with open(f"{_CHILD_FILE[0]}.{os.getpid()}", "w") as handle:
                json.dump({"read_doc": _PARTS["read_doc"], "dumps": time.perf_counter() - begin, "bytes": len(data)}, handle)
        return data

    def loads(self, data, *args, **kwargs):
        begin = time.perf_counter()
        try:
            return pickle.loads(data, *args, **kwargs)
        finally:
            _PARTS["loads"] += time.perf_counter() - begin


_CHILD_FILE = [""]


def _stamp(name):
    def handler(app, *args):
        app._mlnews_bench_times[name] = time.perf_counter()
        return [] if name == "read_end" else None
    return handler


def _write(app, exception):
    app._mlnews_bench_times["end"] = time.perf_counter()
    app._mlnews_bench_times["parts"] = dict(_PARTS)
    with open(app.config.bench_times_file, "w") as handle:
        json.dump(app._mlnews_bench_times, handle)


def _inited(app):
    _CHILD_FILE[0] = app.config.bench_times_file + ".child"


def setup(app):
    app._mlnews_bench_times = {"start": time.perf_counter()}
    app.add_config_value("bench_times_file", "", "")
    Builder.read_doc = _read_doc
    BuildEnvironment.merge_info_from = _merge
    sphinx.builders.pickle = _TimedPickle()
    app.connect("builder-inited", _inited)
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
    children = []
    for path in times.parent.glob(times.name + ".child.*"):
        children.append(json.loads(path.read_text()))
        path.unlink()
    parts = stamps["parts"]
    read = stamps["read_end"] - stamps["read_start"]
    found = {
        "read": read,
        "rest": stamps["end"] - stamps["read_end"] + stamps["read_start"] - stamps["start"],
        "total": stamps["end"] - stamps["start"],
    }
    if jobs == 1:
        found["reading pages"] = parts["read_doc"]
    else:
        found["children"] = len(children)
        found["reading pages (children, summed)"] = sum(c["read_doc"] for c in children)
        found["pickling the environment (children, summed)"] = sum(c["dumps"] for c in children)
        found["environment pickle, MB each (mean)"] = statistics.mean(c["bytes"] for c in children) / 1e6 if children else 0
        found["unpickling (main, serial)"] = parts["loads"]
        found["merging (main, serial)"] = parts["merge"]
    return found


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
    print(f"  -j1: reading the pages (read_doc) {statistics.median(r['reading pages'] for r in results[1]):.2f} s of the read phase")
    print("  -j2, where the read phase goes (median of the rounds):")
    for part in [k for k in results[2][0] if k not in ("read", "rest", "total")]:
        print(f"    {part}: {statistics.median(r[part] for r in results[2]):.2f}")


if __name__ == "__main__":
    main()
