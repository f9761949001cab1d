"""Cost of the per-week references: build time with them against without, at two sizes.

Generates a synthetic archive of N weeks x 6 papers (one refs.bib entry per
paper, one {cite:p} per week to a paper of the week before), builds it from
scratch with ``mlnews_week_references`` on and off (best of two each), and
prints the ratio.
A ratio that stays flat as N grows means the references grow linearly.

    .venv/bin/python bench/bib_refs.py            # 52 and 260 weeks
    .venv/bin/python bench/bib_refs.py 26 104     # other sizes
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from sphinx.cmd.build import build_main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))
from mlnews.core.weeks import week_docname, week_of  # noqa: E402

PAPERS_PER_WEEK = 6
CONF = """extensions = ["mlnews"]
language = "ja"
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "mlnews"
bibtex_default_style = "mlnews"
bibtex_cite_id = "cite-{key}"
html_theme = "basic"
"""


def _arxiv(week: int, paper: int) -> str:
    return f"{2001 + week // 1000:04d}.{(week % 1000) * 10 + paper + 10000:05d}"


def generate(root: Path, weeks: int) -> None:
    """Write a site of *weeks* weeks with six papers each."""
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    bib: list[str] = []
    docnames: list[str] = []
    start = dt.date(2020, 1, 5)
    for number in range(weeks):
        day = start + dt.timedelta(weeks=number)
        week = week_of(day)
        docname = week_docname(week.start, week.number)
        docnames.append(docname)
        cards = []
        for paper in range(PAPERS_PER_WEEK):
            key = f"author{number % 97}{paper}{day.year}w{number}p{paper}"
            arxiv = _arxiv(number, paper)
            bib.append(
                f"@misc{{{key},\n  title = {{Paper {paper} of Week {number}: {{GAN}}s in $O(n)$}},\n"
                f"  author = {{Author{number % 97}, Ann and Other, Bob and Third, Cy}},\n"
                f"  year = {{{day.year}}}, eprint = {{{arxiv}}}, archivePrefix = {{arXiv}}, primaryClass = {{cs.LG}},\n}}\n"
            )
            cards.append(f":::{{paper}} {arxiv}\n:headline: 見出し {paper}\n\n要約です。\n:::\n")
        cite = (
            f"\n先週の {{cite:p}}`author{(number - 1) % 97}0{(start + dt.timedelta(weeks=number - 1)).year}w{number - 1}p0` も参照。\n"
            if number
            else ""
        )
        page = root / f"{docname}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"---\ndate: {week.start.isoformat()}\n---\n\n# 第{week.number}週\n\n## 論文\n\n"
            + "\n".join(cards)
            + cite,
            encoding="utf-8",
        )
    (root / "refs.bib").write_text("".join(bib), encoding="utf-8")
    (root / "bibliography.md").write_text("# 参考文献\n\n```{bibliography}\n:all:\n```\n", encoding="utf-8")
    toc = "\n".join(docnames)
    (root / "index.md").write_text(f"# Bench\n\n```{{toctree}}\n{toc}\nbibliography\n```\n", encoding="utf-8")


def build_seconds(root: Path, references: bool) -> float:
    out = root / "_build" / ("with" if references else "without")
    flag = "1" if references else "0"
    # CPU time of this process: the build is serial and in-process, and other
    # work on a shared machine does not count against it the way wall time does.
    begin = time.process_time()
    status = build_main(
        ["-q", "-E", "-b", "html", "-D", f"mlnews_week_references={flag}", "-d", str(out / "doctrees"), str(root), str(out / "html")]
    )
    elapsed = time.process_time() - begin
    if status:
        raise SystemExit(f"build failed ({status})")
    return elapsed


def main(sizes: list[int]) -> None:
    print("CPU seconds of a clean HTML build, per-week references off and on")
    print(f"{'weeks':>6} {'papers':>7} {'without':>9} {'with':>9} {'ratio':>6}")
    for weeks in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            generate(root, weeks)
            # Best of two, alternating: noise only ever adds time.
            times: dict[bool, list[float]] = {False: [], True: []}
            for references in (False, True, True, False):
                times[references].append(build_seconds(root, references))
            without, with_refs = min(times[False]), min(times[True])
            print(f"{weeks:>6} {weeks * PAPERS_PER_WEEK:>7} {without:>8.1f}s {with_refs:>8.1f}s {with_refs / without:>6.2f}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [52, 260])
