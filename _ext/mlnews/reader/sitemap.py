"""``sitemap.xml`` (sphinx-sitemap) listing every page of the site, with escaped addresses.

sphinx-sitemap lists the pages a build *wrote* (it collects them from
``html-page-context``): after an incremental build the sitemap would hold only
the pages that changed. Before it writes the file, :func:`complete_sitemap`
adds every other page of the site (the documents and the generated tag pages)
through sphinx-sitemap's own page handler, so the addresses are formed the
way it forms them, and sorts the list so that it does not depend on the order
pages were written in (``-j``). Afterwards :func:`escape_sitemap`
percent-encodes the addresses (tag pages have Japanese names) and lists each
page's twins in the site's other editions (:mod:`.editions`).

sphinx-sitemap collects the addresses in a ``multiprocessing`` manager's queue,
one round trip to the manager's process per page, so that ``-j`` workers can
add theirs; a serial build gets an ordinary queue instead.
"""

from __future__ import annotations

import queue
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from xml.etree import ElementTree

from ..build.compat import (
    SITEMAP_WRITE_PRIORITY,
    is_parallel,
    new_sitemap_queue,
    set_sitemap_links,
    sitemap_add_page,
    sitemap_links,
)
from .editions import edition_urls
from .site import is_site_builder
from .output_state import generated_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["complete_sitemap", "escape_sitemap", "setup_sitemap"]

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_BEFORE_SITEMAP = SITEMAP_WRITE_PRIORITY - 50
_AFTER_SITEMAP = 900


def _drain(links: Any) -> list[tuple[str, Any]]:
    drained = []
    while True:
        try:
            drained.append(links.get_nowait())
        except queue.Empty:
            return drained


def _local_queue(app: Sphinx) -> None:
    # sphinx-sitemap's queue is a multiprocessing manager's, for parallel writers;
    # a serial build gets an in-process one (``mlnews_sitemap_queue = False``: keep theirs).
    if app.config.mlnews_sitemap_queue and sitemap_links(app) is not None and not is_parallel(app):
        set_sitemap_links(app, new_sitemap_queue())


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Add the pages this build did not write to sphinx-sitemap's list, and sort it."""
    links = sitemap_links(app)
    if exception is not None or links is None or not is_site_builder(app.builder):
        return
    listed = {link: lastmod for link, lastmod in _drain(links)}
    pages = set(app.env.found_docs)
    generated = generated_pages(app)
    if generated is not None:
        pages.update(generated.after)
    # add_html_link files a page's address in app.sitemap_links: collect them apart.
    scratch = new_sitemap_queue()
    set_sitemap_links(app, scratch)
    try:
        for pagename in sorted(pages):
            sitemap_add_page(app, pagename)
    finally:
        set_sitemap_links(app, links)
    for link, lastmod in _drain(scratch):
        listed.setdefault(link, lastmod)
    for link in sorted(listed):
        links.put((link, listed[link]))


def escape_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Percent-encode the addresses in sphinx-sitemap's ``sitemap.xml``.

    It writes page names as they are, and tag pages have Japanese names; the
    sitemap protocol wants escaped URLs. Runs after sphinx-sitemap has written.
    """
    path = Path(app.outdir, getattr(app.config, "sitemap_filename", "sitemap.xml"))
    if exception is not None or not is_site_builder(app.builder) or not path.is_file():
        return
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    tree = ElementTree.parse(path)
    changed = False
    for loc in tree.getroot().iter(f"{{{SITEMAP_NS}}}loc"):
        escaped = quote(loc.text or "", safe=":/%#?&=~+@!$,;'()*[]")
        if escaped != loc.text:
            loc.text, changed = escaped, True
    changed = _link_editions(app, tree.getroot()) or changed
    if changed:
        tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")


def _link_editions(app: Sphinx, urlset: ElementTree.Element) -> bool:
    """Each page's twins in every edition (``xhtml:link rel=alternate hreflang``, and
    ``x-default``) in place of sphinx-sitemap's own, which names this edition only."""
    urls = edition_urls(app.config)
    here = urls.get(app.config.language or "en", "")
    if len(urls) < 2 or "://" not in here:
        return False
    for url in urlset.iter(f"{{{SITEMAP_NS}}}url"):
        loc = url.find(f"{{{SITEMAP_NS}}}loc")
        if loc is None or not (loc.text or "").startswith(here):
            continue
        for old in url.findall(f"{{{XHTML_NS}}}link"):
            url.remove(old)
        page = (loc.text or "")[len(here) :]
        twins = [(language, address + page) for language, address in urls.items()]
        for language, href in [*twins, ("x-default", twins[0][1])]:
            ElementTree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=language, href=href)
    return True


def setup_sitemap(app: Sphinx) -> None:
    """Complete sphinx-sitemap's list before it writes, and escape it after."""
    app.add_config_value("mlnews_sitemap_queue", True, "", types=[bool])
    # After sphinx-sitemap's own builder-inited handler (default priority), which makes its queue.
    app.connect("builder-inited", _local_queue, priority=600)
    app.connect("build-finished", complete_sitemap, priority=_BEFORE_SITEMAP)
    app.connect("build-finished", escape_sitemap, priority=_AFTER_SITEMAP)
