"""What the English edition costs next to the Japanese one: both built from nothing, in one run.

Not a test: run it by hand,

    .venv/bin/python bench/editions.py              # the real site of this repository, 3 rounds
    .venv/bin/python bench/editions.py --rounds 5

Each round builds the Japanese edition (``sphinx-build -E``) into a fresh
folder and then the English one (``-D language=en``) into its ``en/``, as
``make publish`` does, each in a process of its own; the rounds alternate so
that the machine's load falls on both alike. It reports the median CPU time
of each edition's process (user + system, Pagefind's indexer included) and the
English/Japanese ratio. The goal: the English build costs no more than the Japanese.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build(out: Path, *options: str) -> float:
    before = _children_cpu()
    subprocess.run(
        # Formatted entries beside each build's doctrees: not carried from one build to the next.
        [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "html", "-D", "mlnews_format_cache=doctrees", *options,
         str(REPO), str(out)],
        check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    return _children_cpu() - before


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {"ja": [], "en": []}
    for _round in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="mlnews-editions-") as tmp:
            site = Path(tmp) / "html"
            times["ja"].append(_build(site, "-d", str(Path(tmp) / "doctrees-ja")))
            times["en"].append(_build(site / "en", "-D", "language=en", "-d", str(Path(tmp) / "doctrees-en")))
    ja, en = statistics.median(times["ja"]), statistics.median(times["en"])
    print(f"rounds: {args.rounds}")
    print(f"Japanese edition: {ja:.2f} s CPU (median; {', '.join(f'{t:.2f}' for t in times['ja'])})")
    print(f"English edition:  {en:.2f} s CPU (median; {', '.join(f'{t:.2f}' for t in times['en'])})")
    print(f"English / Japanese: {en / ja:.2f}")


if __name__ == "__main__":
    main()
