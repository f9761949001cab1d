"""Timing of ``mlnews check`` and of ``mlnews add``'s bibliography edit on a large archive.

Not a test: run it by hand, ``.venv/bin/python bench/bench_cli.py [WEEKS] [PAPERS_PER_WEEK]``.
It writes a synthetic project (default 520 weeks, ten years, of 10 papers: 5200
entries) to a temporary folder, then times a full check, and the scan, one
planned update, the append of 100 new entries and the atomic write that
``mlnews add`` does (without the network).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from mlnews.core.arxiv_id import ArxivId
from mlnews.bib.source import scan_bibtex
from mlnews.cli.arxiv_client import ArxivPaper
from mlnews.cli.bibwriter import append_entries, paper_fields, plan_update, render_entry
from mlnews.cli.check import check_project
from mlnews.cli.project import Project, atomic_replace
from mlnews.core.weeks import week_docname, week_of


def _paper(n: int, year: int, version: int = 1) -> ArxivPaper:
    arxiv = ArxivId(f"{year % 100:02d}{n % 12 + 1:02d}.{n % 100000:05d}", version)
    return ArxivPaper(arxiv, f"A Study of Things Number {n}", ("Ann Smith", "Bo Li"), year, "cs.LG", "", "")


def build(root: Path, weeks: int, per_week: int) -> list[ArxivPaper]:
    """Write the project; return its papers."""
    (root / "conf.py").write_text('extensions = ["mlnews"]\nbibtex_bibfiles = ["refs.bib"]\n', encoding="utf-8")
    first = dt.date(2016, 1, 3)
    entries, papers = [], []
    for w in range(weeks):
        week = week_of(first + dt.timedelta(days=7 * w))
        path = root / f"{week_docname(week.start, week.number)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        cards = []
        for _ in range(per_week):
            paper = _paper(len(papers) + 1, max(week.start.year, 2016))
            papers.append(paper)
            fields = paper_fields(paper)
            entries.append(render_entry(fields.entry_type, f"smith{len(papers)}", fields.fields))
            cards.append(f":::{{paper}} {paper.arxiv.base}\n:headline: 見出し\n:tags: a, b\n\n要約です。\n:::\n")
        path.write_text(f"---\ndate: {week.start}\n---\n\n# 週\n\n## 論文\n\n" + "\n".join(cards), encoding="utf-8")
    (root / "refs.bib").write_text("\n\n".join(entries) + "\n", encoding="utf-8")
    return papers


def main() -> None:
    weeks = int(sys.argv[1]) if len(sys.argv) > 1 else 520
    per_week = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        papers = build(root, weeks, per_week)
        project = Project.open(root)
        t0 = time.perf_counter()
        problems, pages = check_project(project)
        t1 = time.perf_counter()
        print(f"check: {pages} pages, {len(papers)} entries, {len(problems)} problems: {t1 - t0:.2f} s")
        text = project.bibfile.read_text(encoding="utf-8")
        t2 = time.perf_counter()
        entries, _ = scan_bibtex(text)
        middle = papers[len(papers) // 2]
        newer = _paper(len(papers) // 2 + 1, middle.year, version=2)
        plan = plan_update(entries[len(entries) // 2], paper_fields(newer))
        new = [render_entry("misc", f"new{i}", paper_fields(_paper(900000 + i, 2026)).fields) for i in range(100)]
        atomic_replace({project.bibfile: append_entries(text, new)})
        t3 = time.perf_counter()
        print(f"add: scan {len(entries)} entries, update one ({plan.changed or 'version'}), "
              f"append 100, write: {t3 - t2:.2f} s")


if __name__ == "__main__":
    main()
