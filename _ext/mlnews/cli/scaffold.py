"""New pages from templates: a week, its summaries, and card stubs in a week.

The formats are the authoring contract's (README, "Authoring contract" and
"Summaries"): a week page with its date and the four sections; summary pages
that name their period and list what they hold by glob toctrees, so adding a
week never edits an existing page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.weeks import SECTIONS
from ..core.weeks import NewsWeek, week_docname, week_of
from .pages import front_matter, headings
from .project import read_text

__all__ = ["week_page", "summary_pages", "insert_cards", "paper_stub", "weeks_by_start"]

_MONTH_GLOBS = {1: "0[1-3]", 2: "0[4-6]", 3: "0[7-9]", 4: "1[0-2]"}


def _toctree(entries: list[str]) -> str:
    return "```{toctree}\n:glob:\n:reversed:\n:maxdepth: 1\n\n" + "\n".join(entries) + "\n```\n"


def _page(period: str, title: str, *body: str) -> str:
    return f"---\nperiod: {period}\n---\n\n# {title}\n\n" + "\n".join(body)


def week_page(week: NewsWeek) -> tuple[str, str]:
    """``(docname, text)`` of a new week's page: its date, its title and the four sections."""
    start = week.start
    sections = "".join(f"\n## {title}\n" for title in SECTIONS)
    text = (
        f"---\ndate: {start.isoformat()}\n---\n\n"
        f"# {week.year}年 第{week.number}週 ({start.month}月{start.day}日〜)\n" + sections
    )
    return week_docname(start, week.number), text


def summary_pages(start: dt.date) -> dict[str, str]:
    """Docname → text of the month, quarter, half-year and year pages that hold a week starting on *start*."""
    year, month = start.year, start.month
    quarter, half = (month - 1) // 3 + 1, 1 if month <= 6 else 2
    first, last = (quarter - 1) * 3 + 1, quarter * 3
    half_name = "上半期" if half == 1 else "下半期"
    months = f"/summaries/{year}"
    return {
        f"summaries/{year}/{month:02d}": _page(
            f"{year}-{month:02d}", f"{year}年{month}月", _toctree([f"/issues/{year}/{month:02d}/*"])
        ),
        f"summaries/{year}/q{quarter}": _page(
            f"{year}-Q{quarter}",
            f"{year}年 第{quarter}四半期 ({first}月〜{last}月)",
            _toctree([f"{months}/{_MONTH_GLOBS[quarter]}"]),
        ),
        f"summaries/{year}/h{half}": _page(
            f"{year}-H{half}",
            f"{year}年 {half_name} ({1 if half == 1 else 7}月〜{6 if half == 1 else 12}月)",
            # Its quarters: one pattern that always matches (a glob that matches
            # nothing is a warning, and months 07-12 take two patterns).
            _toctree([f"{months}/q[{2 * half - 1}{2 * half}]"]),
        ),
        f"summaries/{year}/index": _page(
            str(year),
            f"{year}年",
            _toctree([f"{months}/[01][0-9]"]),
            _toctree([f"{months}/q[1-4]", f"{months}/h[12]"]),
        ),
    }


def weeks_by_start(root: Path) -> dict[dt.date, Path]:
    """Week pages by the Sunday their front matter names (the first page of a week wins)."""
    found: dict[dt.date, Path] = {}
    for path in sorted((root / "issues").glob("*/*/*.md")):
        date = front_matter(read_text(path, strict=False).splitlines()).fields.get("date")
        try:
            if date:
                found.setdefault(week_of(dt.date.fromisoformat(date[0])).start, path)
        except ValueError:
            continue
    return found


def paper_stub(arxiv_id: str) -> str:
    """A card for a paper, for the author to fill in (the build warns until they do)."""
    return f":::{{paper}} {arxiv_id}\n:headline:\n:tags:\n\n:::\n"


def insert_cards(text: str, section: int, cards: list[str]) -> str | None:
    """*text* with *cards* at the end of week section *section* (1-4), or ``None`` without it."""
    title = list(SECTIONS)[section - 1]
    lines = text.splitlines(keepends=True)
    plain = [line.rstrip("\r\n") for line in lines]
    found = list(headings(plain, front_matter(plain).end))
    start = next((i for i, (_, level, name) in enumerate(found) if level == 2 and name == title), None)
    if start is None:
        return None
    end = next((index for index, level, _ in found[start + 1 :] if level <= 2), len(lines))
    # Insert after the section's last non-blank line, one blank line before and after each card.
    cut = end
    while cut > found[start][0] + 1 and not plain[cut - 1].strip():
        cut -= 1
    head = "".join(lines[:cut])
    if head and not head.endswith("\n"):
        head += "\n"
    block = "".join("\n" + card for card in cards)
    tail = "".join(lines[cut:])
    return head + block + ("\n" + tail.lstrip("\n") if tail.strip() else "")
