"""The newsletter as a book: its structure, its configuration and its LaTeX style.

``make latexpdf`` builds one book for the whole archive and one per year.
Sphinx inlines every page of the toctree into one document; this module
turns that document into a book a reader can follow:

* one part per year, one chapter per month (its summary first, then its
  weeks), quarters and halves as chapters right after their last month,
  all in chronological order (the web lists newest first, a book reads
  forward);
* the bibliography page gives its entries to the book's bibliography at the
  end (Sphinx gathers every citation there) and is not a chapter of its own;
* sections left without content (a month not yet written, a week's empty
  section) are dropped, so the book has no empty chapters;
* a card prints as a section whose heading is its headline (its LaTeX
  visitor is :mod:`mlnews.cards.latex`).

Japanese text is set with uplatex (Sphinx's default for ``ja``); the fonts
are HaranoAji through ``pxchfon``, so dvipdfmx embeds them. Another edition
(``-D language=en``) writes its books beside the source's with its language
in their names (``mlnews-en.pdf``); set with uplatex too (``conf.py``), its
text not yet translated prints in Japanese instead of failing the build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..build.compat import (
    BIBTEX_BIBLIOGRAPHY_PRIORITY,
    LATEX_BIBLIOGRAPHY_PRIORITY,
    MERGE_SOURCE_SUFFIX_PRIORITY,
    latex_citation_links,
    latex_escape,
    start_of_file,
    stored_doctree,
)

from ..data import NewsData
from ..i18n import _, is_translated_edition

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["BookBibliography", "BookStructure", "period_key", "setup_book"]

TEXINPUTS = Path(__file__).parent / "texinputs"
STYLE = TEXINPUTS / "mlnews.sty"

_YEAR_DOC = re.compile(r"^summaries/(?P<year>\d{4})/index$")
_SUMMARY_DOC = re.compile(r"^summaries/(?P<year>\d{4})/(?:(?P<month>\d{2})|q(?P<q>[1-4])|h(?P<h>[12]))$")


# -- The book's structure ----------------------------------------------------


def period_key(docname: str, week_dates: dict[str, str]) -> tuple[int, int, int, int] | None:
    """Where a page falls in time, for ordering a book's parts and chapters.

    A period sorts by its last month; at the same month, a month comes
    before the quarter, the quarter before the half and the half before the
    year it closes. Weeks sort by their start date. Other pages: ``None``.
    """
    match = _YEAR_DOC.match(docname)
    if match:
        return (int(match["year"]), 12, 3, 0)
    match = _SUMMARY_DOC.match(docname)
    if match:
        year = int(match["year"])
        if match["month"]:
            return (year, int(match["month"]), 0, 0)
        if match["q"]:
            return (year, 3 * int(match["q"]), 1, 0)
        return (year, 6 * int(match["h"]), 2, 0)
    if docname in week_dates:
        year, month, day = (int(part) for part in week_dates[docname].split("-"))
        return (year, month, -1, day)
    return None


WEB_NAVIGATION = frozenset({"mlnews-archive", "mlnews-latest", "mlnews-weeknav", "mlnews-picks"})
"""Classes (HTML hooks) of the web site's navigation: the book has its table of contents instead."""


_NO_CONTENT = (nodes.title, nodes.target, nodes.comment, nodes.substitution_definition, nodes.system_message)


def _has_content(node: nodes.Element) -> bool:
    """Whether *node* prints anything beyond headings and anchors."""
    for child in node.children:
        if isinstance(child, _NO_CONTENT):
            continue
        if isinstance(child, (nodes.section, addnodes.start_of_file)) or (
            isinstance(child, nodes.compound) and "toctree-wrapper" in child["classes"]
        ):
            if _has_content(child):
                return True
            continue
        return True
    return False


class BookBibliography(SphinxPostTransform):
    """Bring the bibliography page into a book that cites papers but does not hold it.

    A year's book does not reach the bibliography page through its toctrees;
    its citations would link to nowhere. Before sphinxcontrib-bibtex fills in
    bibliographies (priority 5), the page is appended; :class:`BookStructure`
    then makes it the book's bibliography.
    """

    default_priority = BIBTEX_BIBLIOGRAPHY_PRIORITY - 1
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        cites = any(xref.get("refdomain") == "cite" for xref in self.document.findall(addnodes.pending_xref))
        if not cites:
            return
        present = {self.document.get("docname")} | {
            sof["docname"] for sof in self.document.findall(addnodes.start_of_file)
        }
        pages = sorted({key.docname for key in self.env.get_domain("cite").bibliographies})
        for docname in pages:
            if docname in present:
                continue
            page = start_of_file(docname)
            page.extend(stored_doctree(self.env, docname).children)
            for section in page.findall(nodes.section):
                section["docname"] = docname
            self.document += page


class BookStructure(SphinxPostTransform):
    """Make the LaTeX builder's assembled document a book (see the module's docstring)."""

    # After sphinxcontrib-bibtex has made citations of the bibliography (5)
    # and before Sphinx gathers them at the end of the book (750).
    default_priority = LATEX_BIBLIOGRAPHY_PRIORITY - 50
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        self._give_up_bibliography_pages()
        self._drop_web_navigation()
        self._dissolve_sections_holding_pages()
        self._order_chronologically()
        self._drop_empty_sections()
        self._year_book_as_part()

    def _own_sofs(self, node: nodes.Element) -> list[addnodes.start_of_file]:
        """The documents inlined in *node* by its own toctrees (not by those of its documents)."""
        found = []
        for child in node.children:
            if isinstance(child, addnodes.start_of_file):
                found.append(child)
            elif isinstance(child, nodes.Element) and not isinstance(child, nodes.section):
                found.extend(self._own_sofs(child))
        return found

    def _give_up_bibliography_pages(self) -> None:
        """A page that is only a title, a few words and a bibliography is the book's bibliography.

        Its citations move to the end of the book, where Sphinx sets them as
        the book's bibliography; the page itself would be an empty chapter.
        """
        for sof in list(self.document.findall(addnodes.start_of_file)):
            sections = [c for c in sof.children if isinstance(c, nodes.section)]
            if len(sections) != 1:
                continue
            citations = [c for c in sections[0].findall(nodes.citation)]
            if not citations:
                continue
            rest = [
                c
                for c in sections[0].children
                if not isinstance(c, (nodes.citation, nodes.paragraph, *_NO_CONTENT))
                and not all(isinstance(g, nodes.citation) for g in getattr(c, "children", [None]))
            ]
            if rest:
                continue
            # The book's bibliography takes the page's title (jsbook calls it 関連図書).
            title = sections[0][0].astext() if isinstance(sections[0][0], nodes.title) else ""
            if title:
                name = latex_escape(title, self.config.latex_engine)
                self.document += nodes.raw("", r"\renewcommand{\bibname}{%s}" % name, format="latex")
            for citation in citations:
                citation.parent.remove(citation)
            sof.parent.remove(sof)
            self._keep_cited(citations)

    def _keep_cited(self, citations: list[nodes.citation]) -> None:
        """The book's bibliography: the entries the book cites, numbered anew, at its end."""
        cited = latex_citation_links(self.document)
        number = 0
        for citation in citations:
            if f"{citation['docname']}:{citation['ids'][0]}" not in cited:
                continue
            label = citation[0]
            if isinstance(label, nodes.label) and label.astext().isdigit():
                number += 1
                label.children = [nodes.Text(str(number))]
            self.document += citation

    def _drop_web_navigation(self) -> None:
        """Navigation of the web site (archive trees, the latest issue, week bars) has no place in a book."""
        for node in list(self.document.findall(nodes.Element)):
            if WEB_NAVIGATION.intersection(node.get("classes", ())) and node.parent is not None:
                node.parent.remove(node)

    def _dissolve_sections_holding_pages(self) -> None:
        """A page's own heading over its toctree ("## 年ごとのまとめ") would nest the pages one level down.

        The book's levels come from the pages (year, month, week), so such a
        section gives up its heading and keeps its content and anchors.
        """
        for section in list(self.document.findall(nodes.section)):
            if not isinstance(section.parent, nodes.section) or not self._own_sofs(section):
                continue
            anchors = nodes.target(ids=list(section["ids"]))
            section["ids"] = []
            body = [child for child in section.children if not isinstance(child, nodes.title)]
            section.replace_self([anchors, *body])

    def _order_chronologically(self) -> None:
        weeks = {name: record["date"] for name, record in NewsData(self.env).weeks().items()}
        for section in [self.document, *self.document.findall(nodes.section)]:
            slots = [sof for sof in self._own_sofs(section) if period_key(sof["docname"], weeks) is not None]
            ordered = sorted(slots, key=lambda sof: period_key(sof["docname"], weeks))
            if ordered == slots:
                continue
            placeholders = []
            for sof in slots:
                placeholder = nodes.Element()
                sof.replace_self(placeholder)
                placeholders.append(placeholder)
            for placeholder, sof in zip(placeholders, ordered):
                placeholder.replace_self(sof)

    def _drop_empty_sections(self) -> None:
        top = next(iter(self.document.findall(nodes.section)), None)
        for section in reversed(list(self.document.findall(nodes.section))):
            if section is top or _has_content(section):
                continue
            parent = section.parent
            parent.remove(section)
            while isinstance(parent, addnodes.start_of_file) and not _has_content(parent):
                grand = parent.parent
                grand.remove(parent)
                parent = grand

    def _year_book_as_part(self) -> None:
        """A year's own book keeps the archive's shape: the year is a part, its months chapters."""
        if not _YEAR_DOC.match(self.document.get("docname", "")):
            return
        year = next((c for c in self.document.children if isinstance(c, nodes.section)), None)
        if year is None:
            return
        book = nodes.section()
        # The document's first title becomes the book's title, which LaTeX
        # takes from latex_documents: this one is never printed.
        heading = year[0].astext() if len(year) and isinstance(year[0], nodes.title) else ""
        book += nodes.title(heading, heading)
        year.replace_self(book)
        book += year


# -- Configuration -----------------------------------------------------------


def _years(app: Sphinx, config: Config) -> list[str]:
    """The years that have a page, ``summaries/<YYYY>/index``."""
    # After Sphinx has merged the parsers' suffixes (MyST's ".md") into the config.
    suffixes = set(config.source_suffix)
    return sorted(
        path.parent.name
        for path in Path(app.srcdir).glob("summaries/*/index.*")
        if path.suffix in suffixes and re.fullmatch(r"\d{4}", path.parent.name)
    )


def _configure_books(app: Sphinx, config: Config) -> None:
    """Book settings (a site may override them in its conf.py) and a book per year."""
    years = _years(app, config)
    if years:
        # Years are parts, months chapters. A site without years keeps chapters on top.
        config.latex_toplevel_sectioning = config.latex_toplevel_sectioning or "part"
    elements = dict(config.latex_elements)
    elements.setdefault("papersize", "a4paper")
    # Read on screen: no blank pages before chapters, the same margins on every page.
    elements.setdefault("extraclassoptions", "openany,oneside")
    # No index: its chapter would be empty.
    elements.setdefault("makeindex", "")
    elements.setdefault("printindex", "")
    # The table of contents' name in the edition's language (mlnews.sty uses it).
    contents = latex_escape(_("Contents"), config.latex_engine)
    preamble = f"\n\\renewcommand{{\\mlnewscontentsname}}{{{contents}}}\n"
    if config.latex_engine in {"platex", "uplatex"} and not (config.language or "").startswith(("ja", "zh", "ko")):
        preamble += "\\mlnewslatinquotes\n"
    elements["preamble"] = elements.get("preamble", "") + preamble
    config.latex_elements = elements
    config.latex_additional_files = [*config.latex_additional_files, str(STYLE)]

    documents = list(config.latex_documents)
    if documents and config.mlnews_year_books:
        listed = {entry[0] for entry in documents}
        _root, target, title, author, theme = documents[0][:5]
        for year in years:
            docname = f"summaries/{year}/index"
            if docname not in listed:
                name = _("{title} {year}").format(title=title, year=year)
                documents.append((docname, f"{Path(target).stem}-{year}.tex", name, author, theme))
    if is_translated_edition(config):
        # Another edition's books beside the source's: mlnews-en.pdf, mlnews-2020-en.pdf.
        suffix = f"-{config.language}"
        documents = [(doc, f"{Path(target).stem}{suffix}.tex", *rest) for doc, target, *rest in documents]
    config.latex_documents = documents


def _latex_packages(app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    if app.config.latex_engine in {"platex", "uplatex"}:
        # Debian's default Japanese fonts for dvipdfmx are not embedded: pages
        # come out blank in many viewers. HaranoAji (in TeX Live) is. Another
        # edition set with upLaTeX (conf.py) may show Japanese that is not translated yet.
        app.add_latex_package("pxchfon", "haranoaji")
    app.add_latex_package("mlnews")


def setup_book(app: Sphinx) -> None:
    """Register the book's structure, its defaults and its LaTeX style."""
    # Read the Docs accepts one PDF per build: a site there turns the year books off.
    app.add_config_value("mlnews_year_books", True, "", types=[bool])
    app.connect("config-inited", _configure_books, priority=MERGE_SOURCE_SUFFIX_PRIORITY + 10)
    app.connect("builder-inited", _latex_packages)
    app.add_post_transform(BookBibliography)
    app.add_post_transform(BookStructure)
