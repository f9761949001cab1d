"""What readers get around the pages: editions, tags, feeds, search, social cards, the sidebar, the sitemap.

The site's editions in other languages and the links between twin pages are
in :mod:`.editions`; the text an edition has no translation for yet is marked
and counted by :mod:`.translations`.

Owns the reader helpers every feature shares (:mod:`.site`: URLs, tag page
names, page descriptions), the tag pages (:mod:`.tags`, ``html-collect-pages``),
the Atom feeds (:mod:`.feeds`, ``build-finished``) and the line that points
readers to them and to the tag index (:mod:`.follow`), search with Pagefind
(:mod:`.pagefind`, ``build-finished``), OpenGraph descriptions
(:mod:`.social`, ``html-page-context``; a summary's description is a
derived view of :mod:`mlnews.build.staleness`), the share image of each week
and summary (:mod:`.share_image`), the sidebar navigation (:mod:`.sidebar`,
``html-page-context``; it and the theme's navigation are derived views too),
the sitemap (:mod:`.sitemap`),
``rel=noopener`` on external links (:mod:`.external_links`), and the digests
of the pages written outside Sphinx's own pages (:mod:`.output_state`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_reader"]


def setup_reader(app: Sphinx) -> None:
    """Register every reader feature."""
    from .editions import setup_editions
    from .external_links import setup_safety
    from .feeds import setup_feeds
    from .follow import setup_follow
    from .output_state import setup_generated
    from .pagefind import setup_pagefind
    from .share_image import setup_share_image
    from .sidebar import setup_sidebar
    from .sitemap import setup_sitemap
    from .social import setup_social
    from .tags import setup_tags
    from .translations import setup_translations

    setup_editions(app)
    setup_translations(app)
    setup_generated(app)
    setup_tags(app)
    setup_sitemap(app)
    setup_feeds(app)
    setup_follow(app)
    setup_pagefind(app)
    setup_share_image(app)
    setup_social(app)
    setup_safety(app)
    setup_sidebar(app)
