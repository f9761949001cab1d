"""The BibTeX of an entry exactly as written in ``refs.bib``, behind a toggle (HTML only).

Every bibliography entry and every card gets one, with a one-click copy
button (``mlnews-bibtex.js``; sphinx-copybutton's once it is open).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .catalog import BibCatalog

__all__ = ["bibtex_block", "make_bibtex_block", "setup_bibtex_block"]

COPY = "コピー"
COPIED = "コピーしました"


class bibtex_block(nodes.General, nodes.Element):
    """A BibTeX entry as written, behind a toggle (HTML only)."""


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
