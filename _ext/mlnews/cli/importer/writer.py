"""The pages an import writes: a week's page with its cards, a summary's page, in MyST.

Every sentence of the author is written through :mod:`mlnews.cli.markup`, so
the reader sees it exactly as written; only the page's frame (front matter,
title, section headings, card directives) is mlnews' own, in the form
``mlnews new-week`` and ``mlnews add`` write it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ...core.periods import Period
from ...core.weeks import SECTIONS, NewsWeek
from .. import markup
from ..scaffold import summary_pages, week_page
from .model import Block

__all__ = ["CardOut", "paragraphs", "render_week", "render_summary", "summary_frame", "summary_docname"]


@dataclass(slots=True)
class CardOut:
    """A card as it is written."""

    directive: str
    """``paper`` or ``item``."""
    argument: str
    """The arXiv ID (paper) or the URL (item; '' for an item without link)."""
    headline: str
    summary: list[list[Block]]
    title: str = ""
    pick: bool = False
    image: str = ""
    """The card's image, relative to the page."""
    more_images: list[tuple[str, str]] = field(default_factory=list)
    """Further images of the item (path, alternative text), shown at the end of its summary."""


def _line(block: Block) -> str:
    links = [(link.start, link.end, link.href) for link in block.links if _web(link.href)]
    return markup.linked_text(block.text, links)


def _web(address: str) -> bool:
    parts = urlsplit(address)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def paragraphs(parts: list[list[Block]]) -> list[str]:
    """Paragraphs of the author's text as MyST: lines of one paragraph joined by hard breaks, list items as a list."""
    out: list[str] = []
    bullets: list[str] = []
    for lines in parts:
        if lines[0].kind == "code":
            if bullets:
                out.append("\n".join(bullets))
                bullets = []
            out.append(markup.fenced(lines[0].code))
            continue
        shown = [_line(block) for block in lines if block.text.strip()]
        shown = [line for line in shown if line]
        if not shown:
            continue
        if all(block.bullet for block in lines):
            bullets.append("- " + "\\\n  ".join(shown))
            continue
        if bullets:
            out.append("\n".join(bullets))
            bullets = []
        out.append("\\\n".join(shown))
    if bullets:
        out.append("\n".join(bullets))
    return out


def _card(card: CardOut) -> str:
    head = f":::{{{card.directive}}} {card.argument}".rstrip()
    lines = [head]
    if card.directive == "item" and card.title:
        lines.append(f":title: {markup.option_value(card.title)}")
    if card.headline:
        lines.append(f":headline: {markup.option_value(card.headline)}")
    if card.pick:
        lines.append(":pick:")
    if card.image:
        lines.append(f":image: {card.image}")
    body = paragraphs(card.summary)
    body += [f"![{markup.inline(alt)}]({path})" for path, alt in card.more_images]
    return "\n".join(lines) + "\n\n" + "\n\n".join(body) + ("\n" if body else "") + ":::\n"


def render_week(week: NewsWeek, intro: list[list[Block]], unmatched: list[str], sections: dict[int, list[CardOut]]) -> str:
    """A week's page: the frame ``mlnews new-week`` writes, the intro, and the cards of each section."""
    _, frame = week_page(week)
    head, _, _ = frame.partition("\n## ")
    parts = [head.rstrip("\n")]
    parts += paragraphs(intro)
    # A pick that names no card stays in the page's source, where the author sees it.
    parts += [f"% 注目 (どのカードにも合いませんでした): {' '.join(text.split())}" for text in unmatched]
    for number, title in enumerate(SECTIONS, start=1):
        parts.append(f"## {title}")
        parts += [_card(card).rstrip("\n") for card in sections.get(number, [])]
    return "\n\n".join(parts) + "\n"


def summary_docname(period: Period) -> str:
    """Where a period's summary page lives."""
    if period.kind == "month":
        return f"summaries/{period.year}/{period.number:02d}"
    if period.kind == "quarter":
        return f"summaries/{period.year}/q{period.number}"
    if period.kind == "half":
        return f"summaries/{period.year}/h{period.number}"
    return f"summaries/{period.year}/index"


def summary_frame(period: Period) -> tuple[str, str]:
    """``(head, toctrees)`` of a period's page as ``mlnews new-week`` writes it: front matter and title, then its trees."""
    import datetime as dt

    first = dt.date(period.year, period.months[0], 1)
    text = summary_pages(first)[summary_docname(period)]
    head, fence, trees = text.partition("```{toctree}")
    return head.rstrip("\n"), fence + trees


def render_summary(period: Period, title: str, body: list[str]) -> str:
    """A summary's page: its period, the post's title, its body (prose and lists), then its toctrees."""
    head, trees = summary_frame(period)
    front, _, _ = head.rpartition("\n# ")
    parts = [front.rstrip("\n"), markup.heading(1, title), *body, trees.rstrip("\n")]
    return "\n\n".join(part for part in parts if part) + "\n"
