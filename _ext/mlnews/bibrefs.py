"""References at the end of each week, the global bibliography's extras, BibTeX for readers.

Design, and why it stays linear at archive size:

* sphinxcontrib-bibtex formats the entries of ``bibliography.md``'s single
  ``{bibliography} :all:`` once per build; that page is the one place the
  PDF collects its bibliography.
* A week's references are *not* a second ``{bibliography}`` directive (each
  one walks the whole ``.bib`` and is formatted again on every build, which
  makes the archive quadratic). A week page gets a :class:`week_references`
  section at read time, empty, naming nothing; at resolve time it is filled
  with the entries the page features (cards) and cites (``{cite:p}``), in page
  order. Each entry is formatted at most once per build
  (:meth:`~mlnews.bibcatalog.BibCatalog.formatted`), reusing what
  sphinxcontrib-bibtex already formatted for the global page. The section is
  HTML (and text) only: in LaTeX the one bibliography at the end of the PDF
  already lists every entry.
* Every bibliography entry and every card gets a :class:`bibtex_block`: the
  entry exactly as written in ``refs.bib``, behind a ``<details>`` toggle, with
  sphinx-copybutton's one-click copy. HTML only.
* The global bibliography links each entry back to the pages that feature or
  cite it. That page is rewritten whenever any page was read again.
* Each page records a *stamp* of every entry it shows (its text in
  ``refs.bib`` and its label); a page is read again exactly when one of its
  stamps changed, which covers an edited entry and a label that gained a
  suffix because a new entry now shares its author and year.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from docutils import nodes
import pybtex.errors
from pybtex.plugin import find_plugin
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from .bibindex import latex_to_text
from .domain import news_domain
from .messages import Subtype, warn
from .nodes import paper_card
from .weeks import is_week_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .bibcatalog import BibCatalog
    from .domain import ItemRecord, NewsDomain

__all__ = [
    "bibtex_block",
    "week_references",
    "make_bibtex_block",
    "keys_of",
    "math_in_titles",
    "title_nodes",
    "setup_bibrefs",
]

REFERENCES_TITLE = "参考文献"
COPY = "コピー"
COPIED = "コピーしました"
REFERENCES_ANCHOR = "references"
_MATH = re.compile(r"(?<!\\)\$(?P<math>[^$]+?)(?<!\\)\$")


class bibtex_block(nodes.General, nodes.Element):
    """A BibTeX entry as written, behind a toggle (HTML only)."""


class week_references(nodes.section):
    """The references at the end of a week; filled at resolve time (HTML and text only)."""


def _visit_bibtex_block_html(self: Any, node: bibtex_block) -> None:
    self.body.append(self.starttag(node, "details", CLASS="mlnews-bibtex"))
    # The copy button works while the block is folded (mlnews-bibtex.js); the
    # block itself also gets sphinx-copybutton's button once open.
    self.body.append(
        f'<summary>BibTeX <button type="button" class="mlnews-bibtex-copy" hidden '
        f'data-done="{COPIED}">{COPY}</button></summary>\n'
    )
    # The entry as plain preformatted text, in the markup of a Sphinx code block
    # (sphinx-copybutton looks for ``div.highlight pre``) but without Pygments:
    # colouring a folded block cost a formatter per entry, and its spans made
    # the bibliography page five times heavier (bench/RESULTS.md).
    for literal in node.findall(nodes.literal_block):
        classes = " ".join([*literal["classes"], "highlight-bibtex", "notranslate"])
        self.body.append(
            f'<div class="{classes}"><div class="highlight"><pre>'
            f"{self.encode(literal.astext())}\n</pre></div>\n</div>\n"
        )
    raise nodes.SkipChildren


def _depart_bibtex_block_html(self: Any, node: bibtex_block) -> None:
    self.body.append("</details>\n")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _depart_nothing(self: Any, node: nodes.Node) -> None:
    pass


def _visit_as_section(self: Any, node: nodes.Node) -> None:
    self.visit_section(node)


def _depart_as_section(self: Any, node: nodes.Node) -> None:
    self.depart_section(node)


def make_bibtex_block(catalog: BibCatalog, key: str) -> list[nodes.Node]:
    """The entry *key* exactly as in ``refs.bib``, ready to copy ([] when it has no source)."""
    source = catalog.source(key)
    if source is None:
        return []
    # no-search: the same data is on the page already; Japanese word splitting is slow.
    block = bibtex_block(classes=["mlnews-bibtex", "no-search"])
    literal = nodes.literal_block(source.text, source.text, language="bibtex")
    literal["classes"].append("mlnews-bibtex-source")
    block += literal
    return [block]


def keys_of(document: nodes.Node) -> list[str]:
    """Bibliography keys a doctree shows, in page order: cards, then citations not on a card."""
    keys: dict[str, None] = {}
    for card in document.findall(paper_card):
        if card.get("bibkey"):
            keys.setdefault(card["bibkey"], None)
    for xref in document.findall(addnodes.pending_xref):
        if xref.get("refdomain") == "cite":
            for target in parse_citation_targets(xref["reftarget"]):
                keys.setdefault(target.key, None)
    return list(keys)


def math_in_titles(node: nodes.Element) -> None:
    """Turn ``$...$`` in formatted entries into math nodes (MathJax in HTML, math in LaTeX)."""
    for text in list(node.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, (nodes.FixedTextElement, nodes.math)):
            continue
        value = str(text)
        if "$" not in value or not _MATH.search(value):
            continue
        parts: list[nodes.Node] = []
        position = 0
        for match in _MATH.finditer(value):
            if match.start() > position:
                parts.append(nodes.Text(value[position : match.start()]))
            parts.append(nodes.math(match["math"], match["math"]))
            position = match.end()
        if position < len(value):
            parts.append(nodes.Text(value[position:]))
        index = parent.index(text)
        parent[index : index + 1] = parts


def _spaced_text(raw: str) -> str:
    """Plain text of a piece of a title, keeping the spaces around it (next to math)."""
    text = latex_to_text(raw).strip()
    lead = " " if raw[:1].isspace() else ""
    trail = " " if raw[-1:].isspace() else ""
    return f"{lead}{text}{trail}" if text else lead or trail


def title_nodes(raw: str) -> list[nodes.Node]:
    """A BibTeX title as nodes: text resolved from LaTeX, ``$...$`` as math."""
    parts: list[nodes.Node] = []
    position = 0
    for match in _MATH.finditer(raw):
        if match.start() > position:
            parts.append(nodes.Text(_spaced_text(raw[position : match.start()])))
        parts.append(nodes.math(match["math"], match["math"]))
        position = match.end()
    if position < len(raw) or not parts:
        parts.append(nodes.Text(_spaced_text(raw[position:])))
    return parts


class AddWeekReferences(SphinxTransform):
    """Give a week page that features or cites papers an empty references section."""

    default_priority = 880

    def apply(self, **kwargs: Any) -> None:
        if not self.config.mlnews_week_references or not is_week_docname(self.env.docname):
            return
        if not keys_of(self.document):
            return
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        section = week_references(ids=[REFERENCES_ANCHOR], classes=["mlnews-references", "no-search"])
        if REFERENCES_ANCHOR in self.document.ids:
            section["ids"] = [nodes.make_id(f"mlnews-{REFERENCES_ANCHOR}")]
        section += nodes.title(REFERENCES_TITLE, REFERENCES_TITLE)
        top += section
        self.document.ids[section["ids"][0]] = section


def _record_stamps(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the stamp of every entry the page shows, to know when it is stale."""
    domain = news_domain(app.env)
    catalog = domain.bib_catalog()
    keys = keys_of(doctree)
    if keys:
        domain.refstamps[app.env.docname] = {key: catalog.stamp(key) for key in keys}


def _global_bibliographies(env: BuildEnvironment) -> set[str]:
    cite = env.get_domain("cite")
    return {key.docname for key in cite.bibliographies}  # type: ignore[attr-defined]


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Report refs.bib's problems (once per build) and the pages whose entries changed."""
    domain = news_domain(env)
    if domain.bib_files_unchanged():
        # Checked against these very files last time: their problems were reported
        # then (like a page's own warnings), and every stamp still holds.
        domain.pages_changed = bool(added or changed or removed)
        return []
    catalog = domain.bib_catalog()
    for issue in catalog.issues:
        warn(issue.message, f"{issue.path}:{issue.line}", Subtype.duplicate if issue.duplicate else Subtype.bibtex)
    stale = [
        docname
        for docname, stamps in domain.refstamps.items()
        if docname not in changed | removed
        and any(catalog.stamp(key) != stamp for key, stamp in stamps.items())
    ]
    domain.pages_changed = bool(added or changed or removed or stale)
    return stale


def _backlinks_digest(env: BuildEnvironment, domain: NewsDomain) -> str:
    """A digest of what the global bibliography shows beside its entries: which pages
    feature or cite each paper (with their titles and anchors) and every entry's stamp."""
    digest = hashlib.sha1()
    pages: set[str] = set()
    for key, records in sorted(domain.features_by_key().items()):
        for record in records:
            digest.update(repr((key, record["docname"], record["anchor"])).encode())
            pages.add(record["docname"])
    for page, stamps in sorted(domain.refstamps.items()):
        digest.update(repr((page, sorted(stamps.items()))).encode())
        pages.add(page)
    for page in sorted(pages):
        title = env.titles.get(page)
        digest.update(repr((page, title.astext() if title is not None else "")).encode())
    return digest.hexdigest()


def _updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Reuse the global bibliography's formatting; rewrite it when its backlinks changed.

    The page is as large as the archive: rewriting it after every edit would make a
    one-week edit cost as much as the whole bibliography."""
    domain = news_domain(env)
    catalog = domain.bib_catalog()
    cite = env.get_domain("cite")
    for citation in cite.citations:  # type: ignore[attr-defined]
        catalog.seed(citation.key, citation.formatted_entry)
        catalog.targets.setdefault(citation.key, (citation.bibliography_key.docname, citation.citation_id))
    if not domain.pages_changed:
        return []
    digest = _backlinks_digest(env, domain)
    if digest == domain.data["bibdigest"]:
        return []
    domain.data["bibdigest"] = digest
    return sorted(_global_bibliographies(env) & set(env.all_docs))


class FillReferences(SphinxPostTransform):
    """Fill the week references; add backlinks and BibTeX to the global bibliography."""

    # After sphinxcontrib-bibtex's BibliographyTransform (5), before references resolve (10).
    default_priority = 6
    _backend = find_plugin("pybtex.backends", "docutils")()

    @property
    def _builder(self) -> Any:
        # Sphinx 9 deprecates SphinxTransform.app; its own post-transforms read this.
        return self.env._app.builder

    def run(self, **kwargs: Any) -> None:
        domain = news_domain(self.env)
        catalog = domain.bib_catalog()
        html = self._builder.format == "html"
        for section in list(self.document.findall(week_references)):
            if self._builder.format in ("html", "text"):
                self._fill(section, catalog, html)
            else:
                # The PDF lists every entry once, in its bibliography at the end.
                section.parent.remove(section)
        if html:
            self._extend_bibliography(domain, catalog)
        for citation in self.document.findall(nodes.citation):
            math_in_titles(citation)

    def _fill(self, section: week_references, catalog: BibCatalog, html: bool) -> None:
        fromdoc = self.env.docname
        targets = catalog.targets
        listing = nodes.bullet_list(classes=["mlnews-reference-list"])
        for key in keys_of(self.document):
            formatted = catalog.formatted(key)
            if formatted is None:
                continue  # an unknown key is already a warning where it is used
            item = nodes.list_item(classes=["mlnews-reference"], ids=[nodes.make_id(f"ref-{key}")])
            para = nodes.paragraph()
            label = f"[{formatted.label}]"
            target = targets.get(key)
            if target is not None and html:
                todoc, citation_id = target
                uri = self._builder.get_relative_uri(fromdoc, todoc) + "#" + citation_id
                para += nodes.reference(label, label, refuri=uri, internal=True, classes=["mlnews-reference-label"])
            else:
                para += nodes.inline(label, label, classes=["mlnews-reference-label"])
            para += nodes.Text(" ")
            para += self._backend.paragraph(formatted).children
            math_in_titles(para)
            item += para
            listing += item
        if len(listing):
            section += listing
        else:
            section.parent.remove(section)

    def _extend_bibliography(self, domain: NewsDomain, catalog: BibCatalog) -> None:
        cite = self.env.get_domain("cite")
        docname = self.env.docname
        if docname not in _global_bibliographies(self.env):
            return
        ids = {
            citation.citation_id: citation.key
            for citation in cite.citations  # type: ignore[attr-defined]
            if citation.bibliography_key.docname == docname
        }
        if not ids:
            return
        features = domain.features_by_key()
        mentions: dict[str, list[str]] = defaultdict(list)
        for page, stamps in sorted(domain.refstamps.items()):
            for key in stamps:
                mentions[key].append(page)
        for node in self.document.findall(nodes.citation):
            key = ids.get(node["ids"][0]) if node["ids"] else None
            if key is None:
                continue
            node += self._backlinks(docname, features.get(key, []), mentions.get(key, []))
            node += make_bibtex_block(catalog, key)

    def _page_title(self, docname: str) -> str:
        week = news_domain(self.env).weeks.get(docname)
        if week is not None and week["title"]:
            return week["title"]
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else docname

    def _backlinks(self, fromdoc: str, features: list[ItemRecord], mentions: list[str]) -> list[nodes.Node]:
        featured_pages = {record["docname"] for record in features}
        cited = [page for page in mentions if page not in featured_pages and page != fromdoc]
        if not features and not cited:
            return []
        # no-search: links to other pages, whose own text is indexed there.
        para = nodes.paragraph(classes=["mlnews-backlinks", "no-search"])
        builder = self._builder
        groups = (
            ("紹介", [(r["docname"], r["anchor"], "mlnews-featured-in") for r in features]),
            ("言及", [(page, "", "mlnews-cited-in") for page in cited]),
        )
        for caption, links in groups:
            if not links:
                continue
            if len(para):
                para += nodes.Text(" / ")
            para += nodes.inline(caption, caption, classes=["mlnews-backlinks-caption"])
            para += nodes.Text(": ")
            for index, (page, anchor, css) in enumerate(links):
                if index:
                    para += nodes.Text("、")
                uri = builder.get_relative_uri(fromdoc, page) + (f"#{anchor}" if anchor else "")
                title = self._page_title(page)
                para += nodes.reference(title, title, refuri=uri, internal=True, classes=[css])
        return [para]


def _lenient_parse_begin(app: Sphinx) -> None:
    """Let pybtex skip a repeated key instead of dropping the rest of refs.bib.

    sphinxcontrib-bibtex parses the bib files in its builder-inited handler; in
    pybtex's strict mode the first duplicate key ends the parse and every
    later entry is lost. Our own check reports the duplicate with its line.
    """
    if pybtex.errors.captured_errors is None:
        capture = pybtex.errors.capture()
        capture.__enter__()
        news_domain(app.env).pybtex_capture = capture


def _lenient_parse_end(app: Sphinx) -> None:
    domain = news_domain(app.env)
    if domain.pybtex_capture is not None:
        domain.pybtex_capture.__exit__(None, None, None)
        domain.pybtex_capture = None


def _add_static(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("mlnews-bib.css")
        app.add_js_file("mlnews-bibtex.js")


def _complete_config(app: Sphinx, config: Any) -> None:
    """The newsletter's styles, unless a site picked others; short tooltips."""
    if config.bibtex_default_style == "alpha":  # sphinxcontrib-bibtex's default
        config.bibtex_default_style = "mlnews"
    if config.bibtex_reference_style == "label":
        config.bibtex_reference_style = "mlnews"
    if not config.bibtex_tooltips_style:
        config.bibtex_tooltips_style = "mlnews_tooltip"
    if not config.bibtex_cite_id:
        # Stable anchors: a card's citation and a week's references link to #cite-<key>.
        config.bibtex_cite_id = "cite-{key}"


def setup_bibrefs(app: Sphinx) -> None:
    """Register week references, BibTeX blocks and the bibliography's extras."""
    app.setup_extension("sphinx_copybutton")
    app.add_config_value("mlnews_week_references", True, "env", types=[bool])
    app.connect("config-inited", _complete_config)
    section_visitors = (_visit_as_section, _depart_as_section)
    skip = (_skip, _depart_nothing)
    app.add_node(
        bibtex_block,
        html=(_visit_bibtex_block_html, _depart_bibtex_block_html),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_node(
        week_references,
        html=section_visitors,
        text=section_visitors,
        latex=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_transform(AddWeekReferences)
    app.add_post_transform(FillReferences)
    app.connect("doctree-read", _record_stamps)
    app.connect("env-get-outdated", _outdated)
    # After sphinxcontrib-bibtex's own env-updated handler, which formats the entries.
    app.connect("env-updated", _updated, priority=600)
    app.connect("builder-inited", _add_static)
    # Around sphinxcontrib-bibtex's builder-inited handler (priority 500), which parses.
    app.connect("builder-inited", _lenient_parse_begin, priority=400)
    app.connect("builder-inited", _lenient_parse_end, priority=600)
