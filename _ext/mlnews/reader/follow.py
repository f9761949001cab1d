"""``{follow-links}``: the line that tells readers where to follow the newsletter.

"To read by theme, see the tag index; new issues come by the Atom feed", in
the site's language (the catalog ``mlnews``), linking the tag index and the
feed of the edition being built. Both exist on the browsable site only: other
builders (the PDF book) leave the line out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..i18n import _
from .feeds import FEED_PATH
from .site import is_site_builder
from .tags import TAG_INDEX

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_follow"]

class follow_links(nodes.General, nodes.Element):
    """Where the line goes; filled in (or dropped) when the page is written."""


class FollowLinksDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [follow_links()]


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(follow_links)):
        if not is_site_builder(app.builder):
            node.parent.remove(node)
            continue
        here = app.builder.get_target_uri(docname)
        para = nodes.paragraph(classes=["mlnews-reader-links"])
        before, tags, between, feed, after = _parts()
        para += nodes.Text(before)
        para += nodes.reference(tags, tags, refuri=relative_uri(here, app.builder.get_target_uri(TAG_INDEX)))
        para += nodes.Text(between)
        para += nodes.reference(feed, feed, refuri=relative_uri(here, FEED_PATH))
        para += nodes.Text(after)
        node.replace_self(para)


def _parts() -> tuple[str, ...]:
    # One message, so that translators see the whole sentence; {tags} and {feed} mark the links.
    sentence = _("To read by theme, see the {tags}; new issues come by the {feed}.")
    tags, feed = _("tag index"), _("Atom feed")
    head, rest = sentence.split("{tags}", 1)
    middle, tail = rest.split("{feed}", 1)
    return head, tags, middle, feed, tail


def setup_follow(app: Sphinx) -> dict[str, Any]:
    app.add_node(follow_links)
    app.add_directive("follow-links", FollowLinksDirective)
    app.connect("doctree-resolved", _fill)
    return {}
