"""Synthetic archives of Akira's ML news, for the build benchmark.

Two flavours of the same weeks, written deterministically from a seed:

``site``
    Through the public authoring interface only: week pages at
    ``issues/<YYYY>/<MM>/w<WW>.md`` with their date in the front matter, six
    ``paper`` cards (arXiv IDs with ``refs.bib`` entries that carry ``eprint``)
    and two ``item`` cards a week, picks and tags from the site's
    ``mlnews_tags``; month, quarter, half and year summaries with glob
    toctrees and ``paperlist`` as README's summaries contract says; the
    repository's own ``conf.py`` (so the same extension, theme and sidebar
    settings) and its other top-level pages.

``floor``
    The same pages as plain MyST without mlnews: a paper is a heading and
    text, a summary's paper list is a hand-written list, the bibliography a
    plain list. Same theme and theme options, with the theme's collapsed
    navigation (``collapse_navbar``): the floor a plain Sphinx site of this
    size costs.

``issue`` and ``issue-floor``
    The shape of issue 19's measurement: six ``paper`` cards a week (valid
    arXiv IDs, one ``refs.bib`` entry each with title, three authors,
    ``eprint``, ``primaryClass``), one pick a week, the same tag on every
    card, two sentences of Japanese per card, no items; month pages that list
    their papers and year pages of months. ``issue-floor`` is the same
    reader-visible content as plain MyST: per paper a heading, the title linked
    to arXiv, the authors, year and arXiv ID, the text; each month page listing
    its papers; one bibliography page listing every paper; the same theme with
    ``collapse_navbar``.

Usage: ``python bench/generate.py DEST --weeks 260 [--flavour site|floor|issue|issue-floor]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import runpy
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mlnews.core.weeks import week_of

__all__ = ["Archive", "Paper", "Week", "plan", "issue_shape", "write_project", "add_week", "edit_week"]

REPO = Path(__file__).resolve().parent.parent
FIRST_SUNDAY = dt.date(2016, 1, 3)
"""The first synthetic week starts here; the archive grows forward from it."""
PAPERS_PER_WEEK = 6
FLAVOURS = ("site", "floor", "issue", "issue-floor")
ISSUE_FLAVOURS = ("issue", "issue-floor")

SECTION_PAPERS = "論文"
SECTION_ARTICLES = "技術的な記事"
SECTION_APPLICATIONS = "実社会における機械学習適用例"
SECTION_OTHER = "その他話題"

# Words the synthetic text is made of. The sentences are our own filler and only
# need to look like the newsletter's prose (length, mix of kana, kanji and Latin).
_LAST_NAMES = [
    "Tanaka", "Suzuki", "Sato", "Takahashi", "Ito", "Watanabe", "Yamamoto", "Nakamura",
    "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martin", "Lee", "Chen",
    "Wang", "Zhang", "Liu", "Kim", "Park", "Müller", "Schmidt", "Dubois", "Rossi",
]
_FIRST_NAMES = [
    "Akira", "Yuki", "Haruto", "Sakura", "Alice", "Bob", "Carol", "David", "Eve",
    "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mei", "Wei", "Jin", "Hana", "Lukas",
]
_TITLE_WORDS = [
    "Learning", "Scalable", "Robust", "Efficient", "Neural", "Contrastive", "Sparse",
    "Generative", "Adaptive", "Self-Supervised", "Transformers", "Diffusion", "Graph",
    "Representations", "Optimization", "Attention", "Policies", "Reasoning", "Vision",
    "Language", "Models", "Networks", "Agents", "Priors", "Embeddings", "Benchmarks",
]
_SUBJECTS = [
    "この論文は", "著者らは", "本研究では", "このチームは", "提案手法は", "新しいモデルは",
]
_OBJECTS = [
    "少ないデータでも安定して学習できる方法", "推論の計算量を大きく減らす仕組み",
    "ラベルなしデータから表現を学ぶ枠組み", "既存のベンチマークの弱点を突く評価",
    "生成モデルの品質を測る新しい指標", "大規模モデルの振る舞いを説明する理論",
    "画像と言語をまとめて扱うネットワーク", "強化学習の探索を効率化する工夫",
]
_RESULTS = [
    "を提案し、従来手法を上回る精度を示しました。",
    "を示し、実験でその有効性を確かめています。",
    "を作り、複数のデータセットで一貫した改善を報告しています。",
    "を調べ、意外な弱点があることを明らかにしました。",
]
_REMARKS = [
    "実装も公開されており、すぐに試せます。",
    "応用先は広く、産業への展開も期待できます。",
    "理論的な裏付けもあり、今後の研究の土台になりそうです。",
    "計算資源の少ない環境でも動く点が魅力です。",
    "一方で、評価の設定には議論の余地があります。",
]
_HOSTS = ["example.com", "example.org", "blog.example.net", "news.example.jp"]


@dataclass
class Paper:
    """One synthetic paper: its BibTeX entry and its card."""

    key: str
    arxiv: str
    title: str
    authors: list[str]
    year: int
    primary_class: str
    headline: str
    summary: str
    tags: list[str]
    pick: bool


@dataclass
class Item:
    """One synthetic article or application."""

    url: str
    title: str
    headline: str
    summary: str
    tags: list[str]
    section: str


@dataclass
class Week:
    """One week's page."""

    start: dt.date
    year: int
    number: int
    papers: list[Paper] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @property
    def docname(self) -> str:
        return f"issues/{self.start.year:04d}/{self.start.month:02d}/w{self.number:02d}"

    @property
    def title(self) -> str:
        return f"{self.year}年 第{self.number}週 ({self.start.month}月{self.start.day}日〜)"

    @property
    def month_key(self) -> tuple[int, int]:
        """The month summary the week belongs to: that of its start date."""
        return self.start.year, self.start.month


@dataclass
class Archive:
    """The planned weeks, the site's tag vocabulary and the edit made by the bench."""

    weeks: list[Week]
    tags: list[str]

    def months(self) -> dict[tuple[int, int], list[Week]]:
        grouped: dict[tuple[int, int], list[Week]] = {}
        for week in self.weeks:
            grouped.setdefault(week.month_key, []).append(week)
        return grouped


def _sentence(rng: random.Random) -> str:
    return rng.choice(_SUBJECTS) + rng.choice(_OBJECTS) + rng.choice(_RESULTS)


def _summary(rng: random.Random) -> str:
    # Three lines, wrapped as authors wrap them (the site joins Japanese lines).
    return "\n".join([_sentence(rng), _sentence(rng), rng.choice(_REMARKS)])


def _site_tags() -> list[str]:
    """The tag vocabulary of the repository's ``conf.py``."""
    return list(runpy.run_path(str(REPO / "conf.py")).get("mlnews_tags", []))


def plan(weeks: int, *, seed: int = 0, tags: list[str] | None = None) -> Archive:
    """The weeks of a synthetic archive of *weeks* weeks (plus one spare the bench adds later)."""
    rng = random.Random(seed)
    vocabulary = tags if tags is not None else _site_tags()
    taken_keys: set[str] = set()
    serial: dict[str, int] = {}
    result: list[Week] = []
    for n in range(weeks + 1):
        start = FIRST_SUNDAY + dt.timedelta(weeks=n)
        info = week_of(start)
        week = Week(start=start, year=info.year, number=info.number)
        picks = set(rng.sample(range(PAPERS_PER_WEEK), rng.choice([1, 2])))
        for i in range(PAPERS_PER_WEEK):
            prefix = f"{start.year % 100:02d}{start.month:02d}"
            serial[prefix] = serial.get(prefix, 0) + 1
            arxiv = f"{prefix}.{serial[prefix]:05d}"
            words = rng.sample(_TITLE_WORDS, rng.randint(3, 6))
            title = " ".join(words)
            authors = [
                f"{rng.choice(_LAST_NAMES)}, {rng.choice(_FIRST_NAMES)}"
                for _ in range(rng.randint(1, 6))
            ]
            base = (authors[0].split(",")[0] + str(start.year) + words[0].split("-")[0]).lower()
            base = base.encode("ascii", "ignore").decode()
            key, suffix = base, 1
            while key in taken_keys:
                suffix += 1
                key = f"{base}{chr(ord('a') + suffix - 2)}" if suffix <= 27 else f"{base}{suffix}"
            taken_keys.add(key)
            week.papers.append(
                Paper(
                    key=key,
                    arxiv=arxiv,
                    title=title,
                    authors=authors,
                    year=start.year,
                    primary_class=rng.choice(["cs.LG", "cs.CV", "cs.CL", "stat.ML"]),
                    headline=f"{words[0]} と {words[-1]} をめぐる新しい手法 ({arxiv})",
                    summary=_summary(rng),
                    tags=rng.sample(vocabulary, rng.randint(1, 3)) if vocabulary else [],
                    pick=i in picks,
                )
            )
        for section in (SECTION_ARTICLES, SECTION_APPLICATIONS):
            slug = f"{start.isoformat()}-{len(week.items)}"
            week.items.append(
                Item(
                    url=f"https://{rng.choice(_HOSTS)}/posts/{slug}",
                    title=f"Notes on {rng.choice(_TITLE_WORDS)} {rng.choice(_TITLE_WORDS)} ({slug})",
                    headline=f"{rng.choice(_OBJECTS)}についての解説 ({slug})",
                    summary=_summary(rng),
                    tags=rng.sample(vocabulary, 1) if vocabulary else [],
                    section=section,
                )
            )
        result.append(week)
    return Archive(weeks=result, tags=vocabulary)


# --- the site flavour -------------------------------------------------------------


def _bib_entry(paper: Paper) -> str:
    authors = " and ".join(paper.authors)
    return (
        f"@misc{{{paper.key},\n"
        f"  title         = {{{paper.title}}},\n"
        f"  author        = {{{authors}}},\n"
        f"  year          = {{{paper.year}}},\n"
        f"  eprint        = {{{paper.arxiv}}},\n"
        f"  archivePrefix = {{arXiv}},\n"
        f"  primaryClass  = {{{paper.primary_class}}},\n"
        f"  url           = {{https://arxiv.org/abs/{paper.arxiv}}},\n"
        f"}}\n"
    )


def _site_week(week: Week) -> str:
    lines = ["---", f"date: {week.start.isoformat()}", "---", "", f"# {week.title}", "", f"## {SECTION_PAPERS}", ""]
    for paper in week.papers:
        lines.append(f":::{{paper}} {paper.arxiv}")
        lines.append(f":headline: {paper.headline}")
        if paper.pick:
            lines.append(":pick:")
        if paper.tags:
            lines.append(f":tags: {', '.join(paper.tags)}")
        lines += ["", paper.summary, ":::", ""]
    for section in (SECTION_ARTICLES, SECTION_APPLICATIONS, SECTION_OTHER):
        lines += [f"## {section}", ""]
        for item in week.items:
            if item.section != section:
                continue
            lines.append(f":::{{item}} {item.url}")
            lines.append(f":title: {item.title}")
            lines.append(f":headline: {item.headline}")
            if item.tags:
                lines.append(f":tags: {', '.join(item.tags)}")
            lines += ["", item.summary, ":::", ""]
        if section == SECTION_OTHER:
            lines += ["今週は特にありません。", ""]
    return "\n".join(lines)


def _toctree(entries: list[str], *options: str) -> list[str]:
    return ["```{toctree}", *options, "", *entries, "```", ""]


def _month_head(year: int, month: int) -> list[str]:
    """What a month's summary starts with, in both flavours: period, title, toctree of its weeks."""
    return [
        "---",
        f"period: {year}-{month:02d}",
        "---",
        "",
        f"# {year}年{month}月のまとめ",
        "",
        f"{month}月に紹介した論文から、注目の論文をまとめます。",
        "",
        *_toctree([f"/issues/{year}/{month:02d}/*"], ":glob:", ":reversed:", ":maxdepth: 1"),
        "## 今月の一本",
        "",
    ]


def _year_head(year: int, quarters: list[int]) -> list[str]:
    """What a year's page starts with, in both flavours: title, toctrees of its months and periods."""
    halves = sorted({(q + 1) // 2 for q in quarters})
    return [
        f"# {year}年",
        "",
        f"{year}年に紹介した論文と記事のまとめです。",
        "",
        *_toctree([f"/summaries/{year}/[01][0-9]"], ":caption: 月", ":glob:", ":reversed:", ":maxdepth: 1"),
        *_toctree(
            [f"q{q}" for q in reversed(quarters)] + [f"h{h}" for h in reversed(halves)],
            ":caption: 四半期と半期",
            ":maxdepth: 1",
        ),
        "## 今年の注目論文",
        "",
    ]


def _site_month(year: int, month: int, weeks: list[Week]) -> str:
    lead = next((p for w in weeks for p in w.papers if p.pick), weeks[0].papers[0])
    return "\n".join(
        [
            *_month_head(year, month),
            f":::{{paper}} {lead.arxiv}",
            f":headline: {lead.headline}",
            "",
            f"今月いちばん話題になった論文です {{cite:p}}`{lead.key}`。",
            ":::",
            "",
            "## 注目の論文",
            "",
            ":::{paperlist}",
            ":picks:",
            ":::",
            "",
        ]
    )


def _site_period(period: str, heading: str) -> str:
    return "\n".join(
        [
            "---",
            f"period: {period}",
            "---",
            "",
            f"# {heading}",
            "",
            "この期間の注目の論文です。",
            "",
            ":::{paperlist}",
            ":picks:",
            ":::",
            "",
        ]
    )


def _site_year(year: int, quarters: list[int]) -> str:
    return "\n".join(
        [
            "---",
            f"period: {year}",
            "---",
            "",
            *_year_head(year, quarters),
            ":::{paperlist}",
            ":picks:",
            ":::",
            "",
        ]
    )


def _other_pages(src: Path, flavour: str) -> list[str]:
    """The repository's top-level pages besides the home page (bibliography, ...), copied."""
    names = []
    for page in sorted(REPO.glob("*.md")):
        if page.name in ("index.md", "README.md"):
            continue
        names.append(page.stem)
        if flavour == "site":
            shutil.copy(page, src / page.name)
    return names


def _index(other: list[str]) -> str:
    lines = [
        "# Akira's ML news",
        "",
        "機械学習の論文、技術記事、応用事例を毎週紹介するニュースレターです。",
        "",
        *_toctree(["/summaries/*/index"], ":caption: 週刊号", ":glob:", ":reversed:", ":maxdepth: 1"),
    ]
    if other:
        lines += _toctree(other, ":caption: 資料", ":maxdepth: 1")
    return "\n".join(lines)


def _quarters(months: list[int]) -> list[int]:
    return sorted({(m - 1) // 3 + 1 for m in months})


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_summaries(src: Path, archive: Archive, weeks: list[Week], flavour: str) -> None:
    months: dict[tuple[int, int], list[Week]] = {}
    for week in weeks:
        months.setdefault(week.month_key, []).append(week)
    years = sorted({y for y, _ in months})
    for year in years:
        in_year = sorted(m for y, m in months if y == year)
        quarters = _quarters(in_year)
        for month in in_year:
            text = (
                _site_month(year, month, months[(year, month)])
                if flavour == "site"
                else _floor_month(year, month, months[(year, month)])
            )
            _write(src / f"summaries/{year}/{month:02d}.md", text)
        year_weeks = [w for (y, _), ws in months.items() if y == year for w in ws]
        for q in quarters:
            in_quarter = [w for w in year_weeks if (w.start.month - 1) // 3 + 1 == q]
            heading = f"{year}年 第{q}四半期"
            text = (
                _site_period(f"{year}-Q{q}", heading)
                if flavour == "site"
                else _floor_period(heading, in_quarter)
            )
            _write(src / f"summaries/{year}/q{q}.md", text)
        for h in sorted({(q + 1) // 2 for q in quarters}):
            in_half = [w for w in year_weeks if (w.start.month - 1) // 6 + 1 == h]
            heading = f"{year}年 {'上' if h == 1 else '下'}半期"
            text = _site_period(f"{year}-H{h}", heading) if flavour == "site" else _floor_period(heading, in_half)
            _write(src / f"summaries/{year}/h{h}.md", text)
        text = _site_year(year, quarters) if flavour == "site" else _floor_year(year, quarters, year_weeks)
        _write(src / f"summaries/{year}/index.md", text)


# --- the floor flavour ------------------------------------------------------------


def _floor_week(week: Week) -> str:
    lines = ["---", f"date: {week.start.isoformat()}", "---", "", f"# {week.title}", "", f"## {SECTION_PAPERS}", ""]
    for paper in week.papers:
        authors = ", ".join(a.split(",")[0] for a in paper.authors[:3]) + (" et al." if len(paper.authors) > 3 else "")
        lines += [f"### {paper.headline}", ""]
        if paper.pick:
            lines += ["**注目**", ""]
        lines += [
            f"[{paper.title}](https://arxiv.org/abs/{paper.arxiv})",
            f"{authors} ({paper.year}) arXiv:{paper.arxiv} [{paper.primary_class}]",
            "",
        ]
        if paper.tags:
            lines += [" ".join(f"`{t}`" for t in paper.tags), ""]
        lines += [paper.summary, ""]
    for section in (SECTION_ARTICLES, SECTION_APPLICATIONS, SECTION_OTHER):
        lines += [f"## {section}", ""]
        for item in week.items:
            if item.section != section:
                continue
            lines += [f"### {item.headline}", "", f"[{item.title}]({item.url})", ""]
            if item.tags:
                lines += [" ".join(f"`{t}`" for t in item.tags), ""]
            lines += [item.summary, ""]
        if section == SECTION_OTHER:
            lines += ["今週は特にありません。", ""]
    return "\n".join(lines)


def _floor_picks(weeks: list[Week]) -> list[str]:
    """What ``paperlist :picks:`` shows, written by hand: one line per pick."""
    lines = []
    for week in sorted(weeks, key=lambda w: w.start):
        for paper in week.papers:
            if paper.pick:
                lines.append(f"- [{paper.headline}](/{week.docname}.md) — {paper.title}")
    return [*lines, ""]


def _floor_month(year: int, month: int, weeks: list[Week]) -> str:
    lead = next((p for w in weeks for p in w.papers if p.pick), weeks[0].papers[0])
    return "\n".join(
        [
            *_month_head(year, month),
            f"### {lead.headline}",
            "",
            f"[{lead.title}](https://arxiv.org/abs/{lead.arxiv})",
            "",
            f"今月いちばん話題になった論文です ({lead.authors[0].split(',')[0]}, {lead.year})。",
            "",
            "## 注目の論文",
            "",
            *_floor_picks(weeks),
        ]
    )


def _floor_period(heading: str, weeks: list[Week]) -> str:
    return "\n".join([f"# {heading}", "", "この期間の注目の論文です。", "", *_floor_picks(weeks)])


def _floor_year(year: int, quarters: list[int], weeks: list[Week]) -> str:
    return "\n".join(
        [
            *_year_head(year, quarters),
            *_floor_picks(weeks),
        ]
    )


def _floor_bibliography(weeks: list[Week]) -> str:
    lines = ["# 参考文献", "", "このニュースレターで紹介したすべての論文です。", ""]
    papers = sorted((p for w in weeks for p in w.papers), key=lambda p: p.key)
    for paper in papers:
        authors = ", ".join(a.split(",")[0] for a in paper.authors)
        lines.append(f"- {authors}. *{paper.title}*. {paper.year}. [arXiv:{paper.arxiv}](https://arxiv.org/abs/{paper.arxiv})")
    return "\n".join([*lines, ""])


def _floor_conf() -> str:
    """Plain MyST with the site's theme, theme options and language; the theme's collapsed sidebar."""
    conf = runpy.run_path(str(REPO / "conf.py"))
    keep = [
        "project", "author", "copyright", "language", "root_doc", "exclude_patterns",
        "myst_enable_extensions", "myst_heading_anchors", "html_theme", "html_title",
        "html_static_path",
    ]
    lines = ['"""Plain MyST floor of the benchmark: the site\'s theme settings, no mlnews."""', ""]
    lines.append('extensions = ["myst_parser"]')
    for name in keep:
        if name in conf:
            lines.append(f"{name} = {conf[name]!r}")
    options = dict(conf.get("html_theme_options", {}))
    # The same sidebar behaviour as the site's (current branch open, others a click away),
    # the way the theme itself offers it.
    options["collapse_navbar"] = True
    # mlnews's templates (the language switch) are not there without mlnews.
    for name, value in options.items():
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            options[name] = [item for item in value if not item.startswith("mlnews/")]
    lines.append(f"html_theme_options = {options!r}")
    return "\n".join([*lines, ""])


# --- the issue's shape (issue 19) ------------------------------------------------


def issue_shape(archive: Archive, *, seed: int = 0) -> Archive:
    """*archive* reshaped as issue 19 measured: three authors, one pick, one tag, two sentences, no items."""
    rng = random.Random(seed + 19)
    tag = archive.tags[0] if archive.tags else "生成モデル"
    for week in archive.weeks:
        week.items = []
        for i, paper in enumerate(week.papers):
            # The first author stays (the BibTeX key is made from it).
            paper.authors = [paper.authors[0]] + [f"{rng.choice(_LAST_NAMES)}, {rng.choice(_FIRST_NAMES)}" for _ in range(2)]
            paper.pick = i == 0
            paper.tags = [tag]
            paper.summary = "\n".join([_sentence(rng), rng.choice(_REMARKS)])
    return archive


def _issue_week(week: Week) -> str:
    lines = ["---", f"date: {week.start.isoformat()}", "---", "", f"# {week.title}", "", f"## {SECTION_PAPERS}", ""]
    for paper in week.papers:
        lines.append(f":::{{paper}} {paper.arxiv}")
        lines.append(f":headline: {paper.headline}")
        if paper.pick:
            lines.append(":pick:")
        lines += [f":tags: {', '.join(paper.tags)}", "", paper.summary, ":::", ""]
    return "\n".join(lines)


def _issue_floor_week(week: Week) -> str:
    lines = ["---", f"date: {week.start.isoformat()}", "---", "", f"# {week.title}", "", f"## {SECTION_PAPERS}", ""]
    for paper in week.papers:
        authors = ", ".join(a.split(",")[0] for a in paper.authors)
        lines += [
            f"### {paper.headline}",
            "",
            f"[{paper.title}](https://arxiv.org/abs/{paper.arxiv})",
            f"{authors} ({paper.year}) arXiv:{paper.arxiv}",
            "",
            paper.summary,
            "",
        ]
    return "\n".join(lines)


def _issue_month(year: int, month: int, weeks: list[Week], flavour: str) -> str:
    head = [
        "---",
        f"period: {year}-{month:02d}",
        "---",
        "",
        f"# {year}年{month}月のまとめ",
        "",
        *_toctree([f"/issues/{year}/{month:02d}/*"], ":glob:", ":reversed:", ":maxdepth: 1"),
        "## この月の論文",
        "",
    ]
    if flavour == "issue":
        return "\n".join([*head, ":::{paperlist}", ":::", ""])
    listed = [
        f"- [{p.headline}](/{w.docname}.md) — {p.title}" for w in sorted(weeks, key=lambda w: w.start) for p in w.papers
    ]
    return "\n".join([*head, *listed, ""])


def _issue_year(year: int) -> str:
    return "\n".join(
        [
            "---",
            f"period: {year}",
            "---",
            "",
            f"# {year}年",
            "",
            *_toctree([f"/summaries/{year}/[01][0-9]"], ":caption: 月", ":glob:", ":reversed:", ":maxdepth: 1"),
        ]
    )


def _write_issue(dest: Path, shown: list[Week], flavour: str) -> list[str]:
    """The pages of an ``issue`` or ``issue-floor`` project; the other top-level pages' names."""
    if flavour == "issue":
        shutil.copy(REPO / "conf.py", dest / "conf.py")
        shutil.copy(REPO / "bibliography.md", dest / "bibliography.md")
        _write(dest / "refs.bib", "".join(_bib_entry(p) + "\n" for w in shown for p in w.papers))
    else:
        _write(dest / "conf.py", _floor_conf())
        _write(dest / "bibliography.md", _floor_bibliography(shown))
    for week in shown:
        _write(dest / f"{week.docname}.md", _issue_week(week) if flavour == "issue" else _issue_floor_week(week))
    months: dict[tuple[int, int], list[Week]] = {}
    for week in shown:
        months.setdefault(week.month_key, []).append(week)
    for (year, month), in_month in months.items():
        _write(dest / f"summaries/{year}/{month:02d}.md", _issue_month(year, month, in_month, flavour))
    for year in sorted({y for y, _ in months}):
        _write(dest / f"summaries/{year}/index.md", _issue_year(year))
    return ["bibliography"]


# --- writing ----------------------------------------------------------------------


def write_project(dest: Path, archive: Archive, weeks: int, flavour: str) -> Path:
    """Write the first *weeks* weeks of *archive* as a Sphinx project in *dest*; return *dest*."""
    if flavour not in FLAVOURS:
        raise ValueError(f"flavour must be one of {FLAVOURS}")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shown = archive.weeks[:weeks]
    if (REPO / "_static").is_dir():
        shutil.copytree(REPO / "_static", dest / "_static")
    else:
        (dest / "_static").mkdir()
    if flavour in ISSUE_FLAVOURS:
        _write(dest / "index.md", _index(_write_issue(dest, shown, flavour)))
        return dest
    if flavour == "site":
        shutil.copy(REPO / "conf.py", dest / "conf.py")
        for extra in ("_templates",):
            if (REPO / extra).is_dir():
                shutil.copytree(REPO / extra, dest / extra)
        other = _other_pages(dest, flavour)
        _write(dest / "refs.bib", "".join(_bib_entry(p) + "\n" for w in shown for p in w.papers))
        for week in shown:
            _write(dest / f"{week.docname}.md", _site_week(week))
    else:
        _write(dest / "conf.py", _floor_conf())
        other = ["bibliography"]
        _write(dest / "bibliography.md", _floor_bibliography(shown))
        for week in shown:
            _write(dest / f"{week.docname}.md", _floor_week(week))
    _write(dest / "index.md", _index(other))
    _write_summaries(dest, archive, shown, flavour)
    return dest


def edit_week(dest: Path, archive: Archive, weeks: int) -> str:
    """Edit the text (not the title) of the middle week, as an author fixing a summary would."""
    week = archive.weeks[weeks // 2]
    path = dest / f"{week.docname}.md"
    text = path.read_text(encoding="utf-8")
    old = week.papers[0].summary
    assert old in text, path
    path.write_text(text.replace(old, old + "\n追記: 著者による解説動画も公開されました。", 1), encoding="utf-8")
    return week.docname


def add_week(dest: Path, archive: Archive, weeks: int, flavour: str) -> str:
    """Publish the next week: its page, its papers in ``refs.bib`` and any new summary pages."""
    week = archive.weeks[weeks]
    if flavour in ISSUE_FLAVOURS:
        # What the project of one more week holds, written where it differs (new pages,
        # refs.bib, the month's list of papers and, for the floor, the bibliography).
        scratch = dest.parent / f".{dest.name}-scratch"
        write_project(scratch, archive, weeks + 1, flavour)
        for page in scratch.rglob("*"):
            target = dest / page.relative_to(scratch)
            if page.is_file() and (not target.exists() or target.read_bytes() != page.read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(page.read_bytes())
        shutil.rmtree(scratch)
        return week.docname
    if flavour == "site":
        _write(dest / f"{week.docname}.md", _site_week(week))
        with open(dest / "refs.bib", "a", encoding="utf-8") as bib:
            bib.write("".join(_bib_entry(p) + "\n" for p in week.papers))
    else:
        _write(dest / f"{week.docname}.md", _floor_week(week))
        _write(dest / "bibliography.md", _floor_bibliography(archive.weeks[: weeks + 1]))
    # Summary pages exist once per period; an author writes a new one when a period starts.
    year, month = week.month_key
    existing = dest / f"summaries/{year}/{month:02d}.md"
    if not existing.exists():
        before = {p.relative_to(dest) for p in (dest / "summaries").rglob("*.md")}
        scratch = dest.parent / f".{dest.name}-scratch"
        _write_summaries(scratch, archive, archive.weeks[: weeks + 1], flavour)
        for page in scratch.rglob("*.md"):
            rel = page.relative_to(scratch)
            if rel not in before or rel.parent == Path(f"summaries/{year}"):
                target = dest / rel
                if not target.exists() or target.read_text(encoding="utf-8") != page.read_text(encoding="utf-8"):
                    _write(target, page.read_text(encoding="utf-8"))
        shutil.rmtree(scratch)
    elif flavour == "floor":
        # The floor's hand-written lists of picks must be edited by hand too.
        scratch = dest.parent / f".{dest.name}-scratch"
        _write_summaries(scratch, archive, archive.weeks[: weeks + 1], flavour)
        for page in scratch.rglob("*.md"):
            target = dest / page.relative_to(scratch)
            if target.read_text(encoding="utf-8") != page.read_text(encoding="utf-8"):
                _write(target, page.read_text(encoding="utf-8"))
        shutil.rmtree(scratch)
    return week.docname


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--flavour", choices=FLAVOURS, default="site")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    archive = plan(args.weeks, seed=args.seed)
    if args.flavour in ISSUE_FLAVOURS:
        archive = issue_shape(archive, seed=args.seed)
    write_project(args.dest, archive, args.weeks, args.flavour)
    print(f"{args.flavour}: {args.weeks} weeks in {args.dest}")


if __name__ == "__main__":
    main()
