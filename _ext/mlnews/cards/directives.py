"""The ``paper`` and ``item`` directives: one card each.

::

    :::{paper} 2010.15639
    :headline: 学習してほしくないデータを GAN に教える
    :pick:
    :tags: 生成モデル, 不均衡データ
    :image: img/2020-w45/rumi-gan.png

    要約 (MyST)
    :::

    :::{item} https://thegradient.pub/...
    :title: Why Skin Lesions are Peanuts and Brain Tumors Harder Nuts
    :headline: ...
    要約
    :::
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..core.arxiv_id import ArxivId, looks_like_arxiv_id, parse_arxiv_id
from ..core.cardrules import (
    CARD_OPTIONS,
    PICK_VALUES,
    item_anchor,
    paper_anchor,
    safe_url,
    split_tags,
    version_disagrees,
)
from ..bib.catalog import PaperMeta
from ..bib.bibtex_block import make_bibtex_block
from ..bib.text import title_nodes
from ..data import NewsData
from ..i18n import _, tag_label
from ..messages import Message, warn
from .nodes import card, item_card, paper_card

if TYPE_CHECKING:
    from docutils.parsers.rst.directives import OptionSpec

__all__ = ["PaperDirective", "ItemDirective"]

_CONVERTERS = {"image": directives.uri}
"""How an option's value is read; every other option is taken as written."""


def _option_spec(directive: str) -> OptionSpec:
    # The names are core's (mlnews check reports an unknown option as MyST does).
    return {name: _CONVERTERS.get(name, directives.unchanged) for name in CARD_OPTIONS[directive]}


class _CardDirective(SphinxDirective):
    """What papers and items share: headline, pick, tags, image and summary."""

    has_content = True
    option_spec: ClassVar[OptionSpec] = _option_spec("paper")
    kind_label: ClassVar[str] = ""

    def _location(self) -> tuple[str, int]:
        return (self.env.docname, self.lineno)

    def _headline(self, fallback: str) -> str:
        headline = (self.options.get("headline") or "").strip()
        if not headline:
            warn(Message.card_headline(directive=self.name), self._location())
            return fallback or self.name
        return headline

    def _unique_anchor(self, anchor: str) -> str:
        ids = self.state.document.ids
        if anchor not in ids:
            return anchor
        warn(Message.card_twice(anchor=anchor), self._location())
        n = 2
        while f"{anchor}-{n}" in ids:
            n += 1
        return f"{anchor}-{n}"

    def _new_card(self, node_class: type[card], anchor: str, headline: str) -> card:
        node = node_class()
        node["ids"].append(self._unique_anchor(anchor))
        node["classes"].append(f"mlnews-{self.name}")
        node["pick"] = self._pick()
        if node["pick"]:
            node["classes"].append("mlnews-pick")
        node["tags"] = self._checked_tags()
        self.set_source_info(node)
        node += nodes.title(headline, headline)
        self.state.document.set_id(node)
        return node

    def _pick(self) -> bool:
        """``:pick:`` alone (or yes/true/1) marks an editor's pick; no/false/0 does not."""
        if "pick" not in self.options:
            return False
        value = (self.options["pick"] or "").strip().lower()
        if value in PICK_VALUES:
            return PICK_VALUES[value]
        warn(Message.card_pick(value=self.options["pick"]), self._location())
        return False

    def _checked_tags(self) -> list[str]:
        tags = split_tags(self.options.get("tags"))
        vocabulary = self.config.mlnews_tags
        if vocabulary:
            for tag in tags:
                if tag not in vocabulary:
                    warn(Message.card_tag(tag=tag, vocabulary=", ".join(vocabulary)), self._location())
        return tags

    def _badges(self, node: card) -> list[nodes.Node]:
        if not node["pick"]:
            return []
        badge = _("Pick")
        return [nodes.inline(badge, badge, classes=["mlnews-pick-badge"]), nodes.Text(" ")]

    def _tags(self, node: card) -> list[nodes.Node]:
        if not node["tags"]:
            return []
        para = nodes.paragraph(classes=["mlnews-tags"])
        for tag in node["tags"]:
            label = tag_label(self.config, tag)
            para += nodes.inline(label, label, classes=["mlnews-tag"], tag=tag)
            para += nodes.Text(" ")
        para.pop()
        return [para]

    def _image(self, alt: str) -> list[nodes.Node]:
        uri = self.options.get("image")
        if not uri:
            return []
        image = nodes.image(uri, uri=uri, alt=alt, classes=["mlnews-card-image"])
        self.set_source_info(image)
        figure = nodes.container(classes=["mlnews-card-figure"])
        figure += image
        return [figure]

    def _summary(self) -> list[nodes.Node]:
        if not self.content:
            warn(Message.card_summary(directive=self.name), self._location())
            return []
        summary = nodes.container(classes=["mlnews-summary"])
        summary += self.parse_content_to_nodes()
        return [summary]


class PaperDirective(_CardDirective):
    """A paper, given by arXiv ID (or BibTeX key), shown as a card."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0].strip()
        meta, lookup, arxiv = self._resolve(argument)
        title = meta.title if meta else ""
        anchor = paper_anchor(argument, arxiv, meta.arxiv if meta is not None else None)
        headline = self._headline(title or argument)
        node = self._new_card(paper_card, anchor, headline)
        node["arxiv"] = arxiv.base if arxiv else (meta.arxiv.base if meta and meta.arxiv else "")
        node["bibkey"] = meta.key if meta else ""
        node["papertitle"] = title
        node["lookup"] = lookup
        node += self._meta_nodes(meta, arxiv, node)
        node += self._image(title or headline)
        node += self._tags(node)
        node += self._summary()
        return [node]

    def _resolve(self, argument: str) -> tuple[PaperMeta | None, str, ArxivId | None]:
        index = NewsData(self.env).catalog()
        arxiv = parse_arxiv_id(argument)
        if arxiv is not None:
            meta = index.by_arxiv(arxiv)
            if meta is None:
                warn(Message.paper_no_entry(base=arxiv.base, arxiv=arxiv), self._location())
                return meta, f"arxiv:{arxiv.base}", arxiv
            # The entry's ID carries the version it describes: its version field.
            recorded = meta.arxiv.version if meta.arxiv else None
            if version_disagrees(arxiv, recorded):
                report = Message.paper_version(arxiv=arxiv, version=arxiv.version, key=meta.key, base=arxiv.base, recorded=recorded)
                warn(report, self._location())
            return meta, f"arxiv:{arxiv.base}", arxiv
        meta = index.by_key(argument)
        if meta is None:
            if looks_like_arxiv_id(argument):
                warn(Message.paper_bad_id(argument=argument), self._location())
            else:
                warn(Message.paper_no_key(key=argument), self._location())
        return meta, f"key:{argument}", None

    def _meta_nodes(self, meta: PaperMeta | None, arxiv: ArxivId | None, node: card) -> list[nodes.Node]:
        box = nodes.container(classes=["mlnews-paper-meta"])
        if meta is None:
            para = nodes.paragraph(classes=["mlnews-paper-title", "mlnews-missing"])
            para += self._badges(node)
            para += nodes.Text(self.arguments[0])
            box += para
            return [box]
        # The version the card names, else the one the entry describes (its ``version``).
        shown_id = arxiv if arxiv is not None and arxiv.version else meta.arxiv or arxiv
        title = nodes.paragraph(classes=["mlnews-paper-title"])
        title += self._badges(node)
        link = meta.url if safe_url(meta.url) else ""
        if shown_id is not None:
            link = shown_id.abs_url
        elif meta.doi:
            link = f"https://doi.org/{meta.doi}"
        shown = self._title_nodes(meta)
        title += nodes.reference(meta.title, "", *shown, refuri=link) if link else shown
        box += title
        byline = nodes.paragraph(classes=["mlnews-paper-byline"])
        byline += nodes.inline(meta.short_authors, meta.short_authors, classes=["mlnews-authors"])
        if meta.year:
            byline += nodes.Text(" (")
            byline += nodes.inline(meta.year, meta.year, classes=["mlnews-year"])
            byline += nodes.Text(")")
        box += byline
        links = nodes.paragraph(classes=["mlnews-paper-links"])
        if shown_id is not None:
            label = f"arXiv:{shown_id}" + (f" [{meta.primary_class}]" if meta.primary_class else "")
            links += nodes.inline(label, label, classes=["mlnews-arxiv-id"])
            links += nodes.Text(" ")
            links += nodes.reference("abs", "abs", refuri=shown_id.abs_url, classes=["mlnews-abs"])
            links += nodes.Text(" ")
            links += nodes.reference("PDF", "PDF", refuri=shown_id.pdf_url, classes=["mlnews-pdf"])
            links += nodes.Text(" ")
        links += self._citation(meta.key)
        box += links
        box += make_bibtex_block(NewsData(self.env).catalog(), meta.key)
        return [box]

    def _title_nodes(self, meta: PaperMeta) -> list[nodes.Node]:
        """The title with ``$...$`` as math (MathJax in HTML, math mode in LaTeX)."""
        return title_nodes(meta.raw_title) if meta.raw_title else [nodes.Text(meta.title)]

    def _citation(self, key: str) -> list[nodes.Node]:
        """The paper's citation label, resolved by sphinxcontrib-bibtex to its bibliography entry.

        The node is the one the ``cite:p`` role makes, and resolves the same way in
        every builder, but the role would also note a citation: sphinxcontrib-bibtex
        then matches every noted citation against every entry on each build, which
        grows with the square of the archive. A card features its paper; it does not
        need to be counted as citing it.
        """
        xref = addnodes.pending_xref(
            key,
            nodes.inline(key, key),
            refdomain="cite",
            reftype="p",
            reftarget=key,
            refexplicit=False,
            refwarn=True,
            refdoc=self.env.docname,
        )
        self.set_source_info(xref)
        wrapper = nodes.inline(classes=["mlnews-cite"])
        wrapper += xref
        return [wrapper]


class ItemDirective(_CardDirective):
    """An article, application or news item, given by URL, shown as a card."""

    optional_arguments = 1
    option_spec: ClassVar[OptionSpec] = _option_spec("item")

    def run(self) -> list[nodes.Node]:
        url = self.arguments[0].strip() if self.arguments else ""
        if url and not safe_url(url):
            warn(Message.item_url(url=url), self._location())
            url = ""
        written_title = (self.options.get("title") or "").strip()
        # A card whose link was lost (an imported post's link card) has neither
        # URL nor title yet: a valid card, which `mlnews check` lists as needing a link.
        if not written_title and url:
            warn(Message.item_title(), self._location())
        title = written_title or url
        headline = self._headline(title)
        name = (self.options.get("name") or "").strip()
        anchor = item_anchor(name, url, written_title, (self.options.get("headline") or "").strip())
        node = self._new_card(item_card, anchor, headline)
        node["url"] = url
        node["papertitle"] = title
        if title or node["pick"]:
            box = nodes.container(classes=["mlnews-item-meta"])
            para = nodes.paragraph(classes=["mlnews-item-title"])
            para += self._badges(node)
            para += nodes.reference(title, title, refuri=url) if url else nodes.Text(title)
            if url:
                host = urlsplit(url).netloc.removeprefix("www.")
                para += nodes.Text(" ")
                para += nodes.inline(host, f"({host})", classes=["mlnews-item-host"])
            box += para
            node += box
        node += self._image(title)
        node += self._tags(node)
        node += self._summary()
        return [node]
