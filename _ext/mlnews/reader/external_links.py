"""What keeps published pages safe for readers.

External links (arXiv, articles, news) open pages we do not control: each
gets ``rel="noopener"`` so the opened page cannot reach back into ours
through ``window.opener``. Links from pages are checked where they enter
(``item`` URLs, ``url`` fields of ``refs.bib``: only http and https), and all
text reaches HTML through docutils nodes, which escape it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["ExternalLinkRel", "setup_safety"]


class ExternalLinkRel(SphinxPostTransform):
    """Add ``rel="noopener"`` to every link that leaves the site."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for reference in self.document.findall(nodes.reference):
            uri = reference.get("refuri", "")
            if reference.get("internal") or not uri.lower().startswith(("http://", "https://", "//")):
                continue
            rel = reference.get("rel", "").split()
            if "noopener" not in rel:
                reference["rel"] = " ".join([*rel, "noopener"])


def setup_safety(app: Sphinx) -> None:
    """Register the link post-transform."""
    app.add_post_transform(ExternalLinkRel)
