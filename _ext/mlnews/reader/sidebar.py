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

Incremental builds: navigation is a derived view of
:mod:`mlnews.build.staleness`. With this sidebar, a page shows the root's
entries, the entries of each page on its path, and its previous and next
pages, each with their titles (:func:`sidebar_views`): exactly the pages
whose share of these changed are written again. With the theme's sidebar,
every page shows every toctree and title (:func:`navigation_views`): a
change of any writes every page.
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
from ..build.digest import digest
from ..build.staleness import View, register_view
from ..data import NewsData
from ..i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = [
    "TEMPLATE",
    "follows_navigation",
    "sidebar_html",
    "navigation_digest",
    "navigation_views",
    "sidebar_views",
    "setup_sidebar",
]

TEMPLATE = "mlnews/sidebar-nav.html"
"""The sidebar template's name, for ``html_sidebars``."""

_TOGGLE = (
    '<details open="open"><summary aria-label="{label}"><span class="toctree-toggle" role="presentation">'
    '<i class="fa-solid fa-chevron-down" aria-hidden="true"></i></span></summary>'
)
"""The theme's toggle of a branch, with a name: its summary holds only an icon, which
screen readers cannot name (axe's ``summary-name``)."""


def _toggle_label(title: str) -> str:
    """The toggle's accessible name, from the title of the page whose entries it opens."""
    return _("Entries of {title}").format(title=title)


_GENERATED = {"genindex": "Index", "modindex": "Module Index", "search": "Search Page"}
"""Pages Sphinx generates that a toctree may name (their default titles, as Sphinx's)."""


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
            f'<li class="{" ".join(classes)}">{link}{_TOGGLE.format(label=html.escape(_toggle_label(title)))}'
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


def _title(env: BuildEnvironment, docname: str | None) -> str | None:
    node = env.titles.get(docname) if docname else None
    return clean_astext(node) if node is not None else None


def _entries(env: BuildEnvironment, docname: str) -> list[Any]:
    """What a sidebar that opens *docname* shows of it: its toctrees' captions and entries, with titles."""
    return [
        [
            str(toctree.get("caption") or ""),
            [[str(title or ""), str(ref), _title(env, ref)] for title, ref in toctree["entries"]],
        ]
        for toctree in _toctrees(env, docname)
    ]


def navigation_digest(env: BuildEnvironment) -> str:
    """A digest of what the theme's sidebar and Sphinx's previous/next links are made of:
    every toctree and every title (once per build, until a page's data changes)."""

    def make() -> str:
        includes = toctree_includes(env)
        trees = [[parent, includes[parent]] for parent in sorted(includes)]
        titles = [[docname, env.titles[docname].astext()] for docname in sorted(env.titles)]
        return digest([trees, titles])

    return NewsData(env).derived("navigation_digest", make)


def navigation_views(app: Sphinx, env: BuildEnvironment) -> dict[str, Any]:
    """With the theme's sidebar: every page shows the whole navigation."""
    if follows_navigation(env.config):
        return {}
    shown = navigation_digest(env)
    return {docname: shown for docname in env.found_docs}


def sidebar_views(app: Sphinx, env: BuildEnvironment) -> dict[str, Any]:
    """With this sidebar: each page shows the root's entries, those of each page on its path, and
    its previous and next pages (the theme's links), with their titles."""
    if not follows_navigation(env.config):
        return {}
    opened: dict[str, str] = {}

    def entries(docname: str) -> str:
        if docname not in opened:
            opened[docname] = digest(_entries(env, docname))
        return opened[docname]

    root = entries(env.config.root_doc)
    newest = _newest_path(env)
    relations = collect_relations(env)
    shown: dict[str, Any] = {}
    for docname in env.found_docs:
        path = _ancestors(env, docname) or newest
        _, previous, following = relations.get(docname, (None, None, None))
        shown[docname] = [
            path,
            root,
            [entries(page) for page in path],
            [previous, _title(env, previous)],
            [following, _title(env, following)],
        ]
    return shown


def follows_navigation(config: Config) -> bool:
    """Whether every page's sidebar is this one, so that :func:`sidebar_views` alone
    names the pages a change of the toctrees or titles makes stale."""
    sidebars = config.html_sidebars or {}
    return "**" in sidebars and all(TEMPLATE in list(templates) for templates in sidebars.values())


def setup_sidebar(app: Sphinx) -> None:
    """Offer the sidebar template and keep sidebars current on incremental builds."""
    app.connect("html-page-context", _page_context)
    register_view(app, View("navigation", navigation_views))
    register_view(app, View("sidebar", sidebar_views))
