"""LaTeX visitors of the cards: a section headed by the headline, then a compact block.

The block holds the linked title, the byline, the arXiv ID and the citation
that points into the book's bibliography. The visitor reads the card's
children by their CSS classes (set in :mod:`mlnews.cards.directives`).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ..build.compat import latex_escape
from .nodes import card

__all__ = ["visit_card_latex", "depart_card_latex"]


def _escape(self: Any, text: str) -> str:
    return latex_escape(text, self.config.latex_engine)


def _link(self: Any, uri: str, text: str) -> str:
    """*text* (already escaped) linked to the external *uri*."""
    if not uri:
        return text
    return r"\sphinxhref{%s}{%s}" % (self.encode_uri(uri), text)


def _first(node: nodes.Element, cls: str) -> nodes.Element | None:
    return next((n for n in node.findall(nodes.Element) if cls in n.get("classes", ())), None)


def _pick_badge(self: Any, box: nodes.Element) -> str:
    badge = _first(box, "mlnews-pick-badge")
    return r"\mlnewspick{%s}" % _escape(self, badge.astext()) if badge is not None else ""


def _paper_meta(self: Any, node: card, box: nodes.Element) -> None:
    title_para = _first(box, "mlnews-paper-title")
    if title_para is None or "mlnews-missing" in title_para["classes"]:
        box.walkabout(self)  # an unknown paper: show what the author wrote
        return
    ref = next(title_para.findall(nodes.reference), None)
    title = node.get("papertitle") or title_para.astext()
    body = [r"\begin{mlnewsmeta}", _pick_badge(self, box)]
    body.append(r"\mlnewstitle{%s}" % _link(self, ref.get("refuri", "") if ref else "", _escape(self, title)))
    parts = []
    byline = _first(box, "mlnews-paper-byline")
    if byline is not None:
        parts.append(r"\mlnewsbyline{%s}" % _escape(self, byline.astext()))
    arxiv = _first(box, "mlnews-arxiv-id")
    if arxiv is not None:
        parts.append(r"\mlnewsid{%s}" % _escape(self, arxiv.astext()))
    self.body.append("\n".join(body) + "\n" + r"\mlnewssep{}".join(parts))
    cite = _first(box, "mlnews-cite")
    if cite is not None:
        if parts:
            self.body.append(r"\mlnewssep{}")
        cite.walkabout(self)
    self.body.append("\n" + r"\end{mlnewsmeta}" + "\n")


def _item_meta(self: Any, node: card, box: nodes.Element) -> None:
    title_para = _first(box, "mlnews-item-title")
    if title_para is None:
        box.walkabout(self)
        return
    ref = next(title_para.findall(nodes.reference), None)
    title = node.get("papertitle") or (ref.astext() if ref else title_para.astext())
    line = r"\mlnewstitle{%s%s}" % (
        _link(self, ref.get("refuri", "") if ref else "", _escape(self, title)),
        "".join(r"\mlnewshost{%s}" % _escape(self, h.astext()) for h in title_para.findall(nodes.inline)
                if "mlnews-item-host" in h["classes"]),
    )
    self.body.append("\n".join([r"\begin{mlnewsmeta}", _pick_badge(self, box) + line, r"\end{mlnewsmeta}", ""]))


def visit_card_latex(self: Any, node: card) -> None:
    """A card as a section: its headline is the heading, then a compact metadata block.

    The figure keeps to a modest size, the tags follow the summary, and
    everything else (the summary, nodes other extensions put in a card) is
    rendered by its own visitor.
    """
    self.visit_section(node)
    tags = node.get("tags") or []
    for child in node.children:
        classes = child.get("classes", []) if isinstance(child, nodes.Element) else []
        if "mlnews-paper-meta" in classes:
            _paper_meta(self, node, child)
        elif "mlnews-item-meta" in classes:
            _item_meta(self, node, child)
        elif "mlnews-card-figure" in classes:
            self.body.append("\n" + r"\begin{mlnewsfigure}")
            for image in child.findall(nodes.image):
                image.walkabout(self)
            self.body.append(r"\end{mlnewsfigure}" + "\n")
        elif "mlnews-tags" in classes:
            continue  # printed after the summary, from the card's own list
        else:
            child.walkabout(self)
    if tags:
        self.body.append(
            "\n" + r"\mlnewstags{%s}" % "".join(r"\mlnewstag{%s}" % _escape(self, t) for t in tags) + "\n"
        )
    self.depart_section(node)
    raise nodes.SkipNode


def depart_card_latex(self: Any, node: card) -> None:
    self.depart_section(node)
