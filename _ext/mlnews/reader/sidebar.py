"""A navigation sidebar whose size does not grow with the archive.

sphinx-book-theme renders the site's whole toctree into every page, so ten
years of weeks cost ten years of links on each of them: a build that grows
with the square of the archive. The theme's ``collapse_navbar`` shows less
but still resolves the whole tree for every page. This sidebar walks the
toctrees only along the path to the page: the root's entries (the years and
the other top-level pages), then the children of each ancestor (the page's
year, its month) and of the page itself. Other years and months are links,
one click away, and open in turn when visited; every week is reachable
through its year and month.

The HTML is what the theme's collapsed navigation makes (the same classes,
``<details>`` toggles and captions), so the theme's CSS and scripts apply.
A site uses it by naming ``mlnews/sidebar-nav.html`` in ``html_sidebars``
in place of the theme's ``sbt-sidebar-nav.html``.

Incremental builds: a page's sidebar shows the titles of its ancestors'
children. When a page is re-read, its title or its toctree entries may have
changed; :func:`pages_with_stale_sidebar` compares them with what they were
before the read and reports for rewriting exactly the pages whose sidebar
(or previous/next link) shows them.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sphinx import addnodes

from ..build.compat import (
    clean_astext,
    collect_relations,
    files_to_rebuild,
    toctree_includes,
    toctree_url_re,
    tocs,
)
from ..data import news_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = ["TEMPLATE", "follows_navigation", "sidebar_html", "pages_with_stale_sidebar", "setup_sidebar"]

TEMPLATE = "mlnews/sidebar-nav.html"
"""The sidebar template's name, for ``html_sidebars``."""

_TOGGLE = (
    '<details open="open"><summary aria-label="{label}"><span class="toctree-toggle" role="presentation">'
    '<i class="fa-solid fa-chevron-down" aria-hidden="true"></i></span></summary>'
)
"""The theme's toggle of a branch, with a name: its summary holds only an icon, which
screen readers cannot name (axe's ``summary-name``)."""

TOGGLE_LABEL = "{} の項目"
"""The toggle's accessible name, from the title of the page whose entries it opens."""

_GENERATED = {"genindex": "Index", "modindex": "Module Index", "search": "Search Page"}
"""Pages Sphinx generates that a toctree may name (their default titles, as Sphinx's)."""

NavSignature = tuple[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]]


def _toctrees(env: BuildEnvironment, docname: str) -> list[addnodes.toctree]:
    """The toctree directives of a page, in page order (hidden ones too)."""
    toc = tocs(env).get(docname)
    return list(toc.findall(addnodes.toctree)) if toc is not None else []


def _ancestors(env: BuildEnvironment, docname: str) -> list[str]:
    """The page and the pages above it, nearest first (the root not included).

    Walks up Sphinx's own reverse index of the toctrees (``files_to_rebuild``:
    a page -> the pages whose toctrees include it), so the cost is the depth of
    the page, not the size of the site. A page in several toctrees takes the
    parent Sphinx's navigation takes: the last in name order.
    """
    chain: list[str] = []
    current = docname
    while current not in chain:
        parents = [p for p in files_to_rebuild(env).get(current, ()) if current in toctree_includes(env).get(p, ())]
        if not parents:
            break
        chain.append(current)
        current = max(parents)
    return chain


def _newest_path(env: BuildEnvironment, depth: int = 2) -> list[str]:
    """For pages outside the toctrees (the home page): the newest year and its newest month.

    The first entry of the root's first toctree, then that page's first entry
    (the archive's globs are reversed: newest first).
    """
    path: list[str] = []
    current = env.config.root_doc
    while len(path) < depth:
        children = toctree_includes(env).get(current, ())
        if not children or children[0] in path:
            break
        current = children[0]
        path.append(current)
    return path


class _Renderer:
    """The sidebar of one page."""

    def __init__(self, app: Sphinx, pagename: str, maxdepth: int) -> None:
        self.env = app.env
        self.builder: Builder = app.builder
        self.pagename = pagename
        self.maxdepth = maxdepth
        self.path = _ancestors(self.env, pagename) or _newest_path(self.env)
        self.open = set(self.path)

    def render(self) -> str:
        root = self.env.config.root_doc
        out: list[str] = []
        for toctree in _toctrees(self.env, root):
            items = list(self._items(toctree, root, depth=1, seen=(root,)))
            if not items:
                continue
            caption = toctree.get("caption")
            if caption:
                out.append(
                    '<p aria-level="2" class="caption" role="heading">'
                    f'<span class="caption-text">{html.escape(caption)}</span></p>'
                )
            current = any(ref in self.open for _, ref in toctree["entries"])
            classes = "current nav bd-sidenav" if current else "nav bd-sidenav"
            out.append(f'<ul class="{classes}">' + "".join(items) + "</ul>")
        return "\n".join(out)

    def _title(self, title: str | None, ref: str) -> str:
        if title:
            return title
        node = self.env.titles.get(ref)
        return clean_astext(node) if node is not None else ref

    def _items(self, toctree: addnodes.toctree, parent: str, depth: int, seen: tuple[str, ...]) -> Iterator[str]:
        for title, ref in toctree["entries"]:
            if toctree_url_re().match(ref):
                text = html.escape(title or ref)
                yield (
                    f'<li class="toctree-l{depth}"><a class="reference external" '
                    f'href="{html.escape(ref, quote=True)}">{text}</a></li>'
                )
                continue
            if ref == "self":
                ref = parent
            if ref not in self.env.titles:
                if ref in _GENERATED:
                    href = self.builder.get_relative_uri(self.pagename, ref)
                    yield (
                        f'<li class="toctree-l{depth}"><a class="reference internal" '
                        f'href="{html.escape(href, quote=True)}">{html.escape(title or _GENERATED[ref])}</a></li>'
                    )
                # Anything else is a missing page, which Sphinx reports.
                continue
            if ref in seen:
                continue  # a cycle, which Sphinx reports
            yield self._item(self._title(title, ref), ref, depth, (*seen, ref))

    def _item(self, title: str, ref: str, depth: int, seen: tuple[str, ...]) -> str:
        is_page = ref == self.pagename
        in_path = ref in self.open
        children: list[str] = []
        if in_path and depth < self.maxdepth:
            for toctree in _toctrees(self.env, ref):
                children.extend(self._items(toctree, ref, depth + 1, seen))
        classes = [f"toctree-l{depth}"]
        if in_path:
            classes += ["current", "active"]
        if children:
            classes.append("has-children")
        if is_page:
            link = f'<a class="current reference internal" href="#">{html.escape(title)}</a>'
        else:
            href = self.builder.get_relative_uri(self.pagename, ref)
            link = f'<a class="reference internal" href="{html.escape(href, quote=True)}">{html.escape(title)}</a>'
        if not children:
            return f'<li class="{" ".join(classes)}">{link}</li>'
        # Sphinx marks the branch that leads to the page; the page's own list is below it.
        ul_class = ' class="current"' if in_path and not is_page else ""
        return (
            f'<li class="{" ".join(classes)}">{link}{_TOGGLE.format(label=html.escape(TOGGLE_LABEL.format(title)))}'
            f'<ul{ul_class}>{"".join(children)}</ul></details></li>'
        )


def sidebar_html(app: Sphinx, pagename: str, maxdepth: int = 4) -> str:
    """The sidebar navigation of *pagename*: top-level entries, and the open path to the page."""
    return _Renderer(app, pagename, maxdepth).render()


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    @functools.cache  # the theme may render the sidebar twice per page
    def mlnews_sidebar_nav() -> str:
        try:
            depth = int(context.get("theme_max_navbar_depth", 4))
        except (TypeError, ValueError):
            depth = 4
        return sidebar_html(app, pagename, depth)

    context["mlnews_sidebar_nav"] = mlnews_sidebar_nav


# --- incremental builds ------------------------------------------------------------


def _signature(env: BuildEnvironment, docname: str) -> NavSignature | None:
    """What other pages' sidebars show of *docname*: its title and its toctree entries."""
    title = env.titles.get(docname)
    if title is None:
        return None
    trees = tuple(
        (str(t.get("caption") or ""), tuple((str(e_title or ""), str(ref)) for e_title, ref in t["entries"]))
        for t in _toctrees(env, docname)
    )
    return clean_astext(title), trees


def _remember_navigation(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before pages are re-read: note what their navigation looked like."""
    domain = news_domain(env)
    domain.nav_before.clear()
    for docname in docnames:
        domain.nav_before[docname] = _signature(env, docname)


def _subtree(env: BuildEnvironment, top: str) -> Iterator[str]:
    """*top* and every page below it in the toctrees."""
    stack, seen = [top], {top}
    while stack:
        docname = stack.pop()
        yield docname
        for child in toctree_includes(env).get(docname, ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)


def pages_with_stale_sidebar(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose sidebar or previous/next links show a page whose title or entries changed."""
    domain = news_domain(env)
    before = dict(domain.nav_before)
    domain.nav_before.clear()
    if not before:
        return []
    root = env.config.root_doc
    parents: dict[str, set[str]] = {}
    for parent, children in toctree_includes(env).items():
        for child in children:
            parents.setdefault(child, set()).add(parent)
    tops: set[str] = set()
    retitled: set[str] = set()
    for docname, old in before.items():
        new = _signature(env, docname)
        if new == old:
            continue
        if old is None or new is None or old[0] != new[0]:
            # Shown as an entry in the sidebars under each of its parents.
            tops |= parents.get(docname, set())
            retitled.add(docname)
        if old is None or new is None or old[1] != new[1]:
            # Its children are shown in the sidebars of the pages below it.
            tops.add(docname)
    if root in tops:
        # The root's entries are in every sidebar.
        return sorted(env.found_docs)
    stale: set[str] = set()
    if tops & set(_newest_path(env)):
        # The home page shows the newest year and month open.
        stale.add(root)
    for top in tops:
        if top in env.found_docs:
            stale.update(_subtree(env, top))
    if retitled:
        # The theme's previous/next links name the neighbours by title.
        relations = collect_relations(env)
        for docname in retitled:
            _, previous, following = relations.get(docname, (None, None, None))
            stale.update(d for d in (previous, following) if d)
    return sorted(stale & env.found_docs)


def follows_navigation(config: Config) -> bool:
    """Whether every page's sidebar is this one, so that :func:`pages_with_stale_sidebar`
    alone names the pages a change of the toctrees or titles makes stale."""
    sidebars = config.html_sidebars or {}
    return "**" in sidebars and all(TEMPLATE in list(templates) for templates in sidebars.values())


def setup_sidebar(app: Sphinx) -> None:
    """Offer the sidebar template and keep sidebars current on incremental builds."""
    app.connect("html-page-context", _page_context)
    app.connect("env-before-read-docs", _remember_navigation)
    app.connect("env-get-updated", pages_with_stale_sidebar)
