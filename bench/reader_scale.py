"""Timing of the reader features (feeds, tag pages, social descriptions)
on a large archive.

Not a test: run it by hand, ``.venv/bin/python bench/reader_scale.py [WEEKS] [CARDS_PER_WEEK]``.
It writes a synthetic site (default 520 weeks, ten years, of 10 cards with two
tags each, three of them picks) to a temporary folder, builds it once, then
times what the reader features add: collecting the tag pages, writing every
feed, describing every page. (Search: ``bench/search_bytes.py``.)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from mlnews.reader.site import page_description
from mlnews.reader.feeds import _write_feeds, site_entries
from mlnews.reader.tags import _collect_tag_pages
from mlnews.core.weeks import week_docname, week_of

TAGS = ["生成モデル", "自己教師あり学習", "表現学習", "解釈性", "医療", "自然言語処理", "画像認識", "最適化"]
SENTENCE = "対照学習に使う入力の変換を人が設計する代わりに、入力に摂動を加えるネットワークを敵対的に学習させます。"


def write_site(root: Path, weeks: int, cards: int) -> None:
    (root / "conf.py").write_text(
        'extensions = ["mlnews", "sphinxext.opengraph", "sphinx_sitemap"]\n'
        'language = "ja"\nhtml_baseurl = "https://news.example.org/"\nbibtex_bibfiles = ["refs.bib"]\n'
        'ogp_social_cards = {"enable": False}\nsuppress_warnings = ["mlnews"]\n',
        encoding="utf-8",
    )
    (root / "refs.bib").write_text("", encoding="utf-8")
    (root / "index.md").write_text("# Bench\n\n```{toctree}\n:glob:\n\nissues/*/*/*\n```\n", encoding="utf-8")
    start = week_of(dt.date(2016, 1, 3)).start
    for w in range(weeks):
        week = week_of(start + dt.timedelta(weeks=w))
        path = root / f"{week_docname(week.start, week.number)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = [f"---\ndate: {week.start.isoformat()}\n---\n\n# {week.year}年 第{week.number}週\n\n## 技術的な記事\n"]
        for c in range(cards):
            tags = f"{TAGS[(w + c) % len(TAGS)]}, {TAGS[(w + 3 * c + 1) % len(TAGS)]}"
            pick = ":pick:\n" if c < 3 else ""
            body.append(
                f":::{{item}} https://example.org/{w}/{c}\n:title: Article {w}-{c} on learning\n"
                f":headline: 第{w}週の記事{c}: 機械学習の話題\n{pick}:tags: {tags}\n\n{SENTENCE}\n:::\n"
            )
        path.write_text("\n".join(body), encoding="utf-8")


def timed(label: str, func, repeat: int = 3) -> None:
    best = min(_once(func) for _ in range(repeat))
    print(f"{label:<46} {best * 1000:9.1f} ms")


def _once(func) -> float:
    begin = time.perf_counter()
    func()
    return time.perf_counter() - begin


def main() -> None:
    weeks = int(sys.argv[1]) if len(sys.argv) > 1 else 520
    cards = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as tmp, docutils_namespace():
        root = Path(tmp)
        write_site(root, weeks, cards)
        app = Sphinx(str(root), str(root), str(root / "_build"), str(root / "_doctrees"), "html", status=None, warning=None)
        begin = time.perf_counter()
        app.build()
        print(f"{weeks} weeks x {cards} cards: clean build {time.perf_counter() - begin:.1f} s")
        timed("tag pages (html-collect-pages, all tags)", lambda: list(_collect_tag_pages(app)))
        timed("feed entries (weeks and summaries)", lambda: site_entries(app))
        timed("write feed.xml and every tag feed", lambda: _write_feeds(app, None))
        docnames = sorted(app.env.found_docs)
        timed(f"describe all {len(docnames)} pages", lambda: [page_description(app.env, d) for d in docnames])


if __name__ == "__main__":
    main()
