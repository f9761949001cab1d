"""The BibTeX of an entry exactly as written in ``refs.bib``, behind a toggle (HTML only).

Every bibliography entry and every card gets one, with a one-click copy
button (``mlnews-bibtex.js``; sphinx-copybutton's once it is open). The button
follows the ``<details>`` instead of sitting in its ``<summary>``: a control
inside the control that opens the block is announced by no screen reader and
is a trap for the keyboard (axe's ``nested-interactive``). ``mlnews-bib.css``
draws it beside the summary all the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .catalog import BibCatalog

__all__ = ["bibtex_block", "make_bibtex_block", "setup_bibtex_block"]


class bibtex_block(nodes.General, nodes.Element):
    """A BibTeX entry as written, behind a toggle (HTML only)."""


def _visit_bibtex_block_html(self: Any, node: bibtex_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="mlnews-bibtex-block"))
    # no-search: the same data is on the page already (search skips the class).
    self.body.append('<details class="mlnews-bibtex no-search">\n<summary>BibTeX</summary>\n')
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
    self.body.append("</details>\n")
    # The copy button works while the block is folded (mlnews-bibtex.js); its name
    # says which entry it copies, since a bibliography page has one per entry.
    key = node.get("bibkey", "")
    name = _("Copy the BibTeX of {key}").format(key=key) if key else _("Copy the BibTeX")
    status = _("Copied the BibTeX of {key}").format(key=key) if key else _("Copied the BibTeX")
    done, copy = _("Copied"), _("Copy")
    self.body.append(
        f'<button type="button" class="mlnews-bibtex-copy" hidden aria-label="{self.attval(name)}" '
        f'data-done="{self.attval(done)}" data-status="{self.attval(status)}">{self.encode(copy)}</button>\n'
    )
    raise nodes.SkipChildren


def _depart_bibtex_block_html(self: Any, node: bibtex_block) -> None:
    self.body.append("</div>\n")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _depart_nothing(self: Any, node: nodes.Node) -> None:
    pass


def make_bibtex_block(catalog: BibCatalog, key: str) -> list[nodes.Node]:
    """The entry *key* exactly as in ``refs.bib``, ready to copy ([] when it has no source)."""
    source = catalog.source(key)
    if source is None:
        return []
    # no-search: the same data is on the page already; Japanese word splitting is slow.
    block = bibtex_block(classes=["no-search"], bibkey=key)
    literal = nodes.literal_block(source.text, source.text, language="bibtex")
    literal["classes"].append("mlnews-bibtex-source")
    block += literal
    return [block]


def setup_bibtex_block(app: Sphinx) -> None:
    """Register the node (HTML only; skipped by every other builder) and its assets."""
    app.setup_extension("sphinx_copybutton")
    skip = (_skip, _depart_nothing)
    app.add_node(
        bibtex_block,
        html=(_visit_bibtex_block_html, _depart_bibtex_block_html),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
