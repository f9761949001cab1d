"""How the archive scales: a synthetic site of N weeks, built clean and then incrementally.

    .venv/bin/python bench/archive_scale.py 130 520

For each N: a site of N weeks (5 papers and 2 items each, 2 picks), every month's,
quarter's, half's and year's summary with paper lists, built clean with -j 1;
then one week's headline changes and the site is rebuilt without -E. Prints the
wall time of each build, the time spent in the archive's env-updated handler
(computing every placeholder) and in filling placeholders while writing, and how
many pages the incremental build wrote.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sphinx.cmd.build import build_main

import mlnews.archive.engine as archive
from mlnews.core.weeks import week_docname, week_of

TAGS = ["生成モデル", "自己教師あり学習", "解釈性", "強化学習", "医療"]


def make_site(root: Path, weeks: int) -> list[Path]:
    (root / "conf.py").write_text(
        'extensions = ["mlnews"]\nlanguage = "ja"\nbibtex_bibfiles = ["refs.bib"]\n'
        'bibtex_reference_style = "author_year"\nhtml_theme = "sphinx_book_theme"\n'
        f"mlnews_tags = {TAGS!r}\nsuppress_warnings = ['mlnews.option']\n"
        # Sphinx's default templates_path list is shared by every app of a process and the
        # themes append to it: the second build would see a changed config and rewrite all.
        "templates_path = []\n",
        encoding="utf-8",
    )
    bib, pages, years = [], [], set()
    start = week_of(dt.date(2015, 1, 4)).start
    for n in range(weeks):
        week = week_of(start + dt.timedelta(weeks=n))
        docname = week_docname(week.start, week.number)
        years.add(week.start.year)
        cards = []
        for k in range(5):
            arxiv = f"{week.start:%y%m}.{n * 5 + k:05d}"
            key = f"author{n}x{k}"
            bib.append(f"@misc{{{key},\n  title = {{Paper {n}-{k}}},\n  author = {{Doe, Jane and Roe, Rick}},\n  year = {{{week.start.year}}},\n  eprint = {{{arxiv}}},\n}}\n")
            cite = f" {{cite:p}}`author{n - 1}x{k}` を受けた研究です。" if n and k == 4 else ""
            cards.append(
                f":::{{paper}} {arxiv}\n:headline: 論文 {n}-{k} の見出し\n{':pick:' if k < 2 else ''}\n"
                f":tags: {TAGS[(n + k) % len(TAGS)]}\n\n要約です。{cite}\n:::\n"
            )
        items = [f":::{{item}} https://example.org/{n}/{k}\n:title: Item {n}-{k}\n:headline: 記事 {n}-{k}\n\n要約です。\n:::\n" for k in range(2)]
        path = root / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ndate: {week.start.isoformat()}\n---\n\n# {week.year}年 第{week.number}週\n\n## 論文\n\n"
            + "\n".join(cards) + "\n## 技術的な記事\n\n" + "\n".join(items),
            encoding="utf-8",
        )
        pages.append(path)
    (root / "refs.bib").write_text("\n".join(bib), encoding="utf-8")
    toctree = "```{{toctree}}\n:glob:\n:reversed:\n:maxdepth: 1\n\n{}\n```\n"
    for year in sorted(years):
        folder = root / "summaries" / str(year)
        folder.mkdir(parents=True)
        for month in range(1, 13):
            (folder / f"{month:02d}.md").write_text(
                f"---\nperiod: {year}-{month:02d}\n---\n\n# {year}年{month}月\n\n"
                + toctree.format(f"/issues/{year}/{month:02d}/*") + "\n:::{paperlist}\n:::\n",
                encoding="utf-8",
            )
        for name, period in [*((f"q{q}", f"{year}-Q{q}") for q in range(1, 5)), *((f"h{h}", f"{year}-H{h}") for h in (1, 2))]:
            (folder / f"{name}.md").write_text(
                f"---\nperiod: {period}\n---\n\n# {period}\n\n:::{{paperlist}}\n:picks:\n:::\n", encoding="utf-8"
            )
        (folder / "index.md").write_text(
            f"---\nperiod: {year}\n---\n\n# {year}年\n\n" + toctree.format(f"/summaries/{year}/[01][0-9]")
            + "\n```{toctree}\n:maxdepth: 1\n\nh1\nh2\nq1\nq2\nq3\nq4\n```\n\n:::{paperlist}\n:picks:\n:::\n\n"
            ":::{paperlist}\n:tags: 解釈性\n:::\n",
            encoding="utf-8",
        )
    (root / "index.md").write_text(
        "# Bench\n\n:::{latest-issue}\n:::\n\n" + toctree.format("/summaries/*/index") + "\n```{toctree}\nbibliography\n```\n",
        encoding="utf-8",
    )
    (root / "bibliography.md").write_text("# 参考文献\n\n```{bibliography}\n:all:\n```\n", encoding="utf-8")
    return pages


def timed(name: str, function, totals: dict[str, float]):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - began

    return wrapper


def build(root: Path) -> tuple[float, dict[str, float], int]:
    totals: dict[str, float] = {}
    original = archive._env_updated, archive._fill
    archive._env_updated = timed("env-updated", original[0], totals)
    archive._fill = timed("fill", original[1], totals)
    status = io.StringIO()
    stdout, sys.stdout = sys.stdout, status
    try:
        began = time.perf_counter()
        code = build_main(["-q", "-b", "html", str(root), str(root / "_build/html")])
        elapsed = time.perf_counter() - began
    finally:
        sys.stdout = stdout
        archive._env_updated, archive._fill = original
    assert code == 0
    written = len(list((root / "_build/html").rglob("*.html")))
    return elapsed, totals, written


def newest_outputs(root: Path, since: float) -> int:
    return sum(1 for p in (root / "_build/html").rglob("*.html") if p.stat().st_mtime >= since)


def main(sizes: list[int]) -> None:
    for weeks in sizes:
        root = Path(tempfile.mkdtemp(prefix=f"mlnews-bench-{weeks}-"))
        try:
            pages = make_site(root, weeks)
            clean, totals, pages_out = build(root)
            print(f"{weeks} weeks, {pages_out} pages: clean build {clean:.1f} s "
                  f"(env-updated {totals['env-updated'] * 1000:.0f} ms, fill {totals['fill'] * 1000:.0f} ms)")
            middle = pages[len(pages) // 2]
            text = middle.read_text(encoding="utf-8")
            middle.write_text(re.sub(r":headline: 論文 (\d+)-0 の見出し", r":headline: 論文 \1-0 の新しい見出し", text), encoding="utf-8")
            began = time.time()
            incremental, totals, _ = build(root)
            print(f"  one headline changed: incremental build {incremental:.1f} s, {newest_outputs(root, began)} pages written "
                  f"(env-updated {totals['env-updated'] * 1000:.0f} ms, fill {totals['fill'] * 1000:.0f} ms)")
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [130])
