"""Wiring: one ``setup_<feature>`` per module, called from :func:`setup`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .archive import setup_archive
from .bibrefs import setup_bibrefs
from .bibtex_index import setup_bibtex_index
from .directives import setup_directives
from .feeds import setup_feeds
from .doctree_cache import setup_doctree_cache
from .gc_policy import setup_gc_policy
from .generated import setup_generated
from .sitemap import setup_sitemap
from .domain import DATA_VERSION, NewsDomain, outdated_by_bibliography, remember_bib_files
from .encoding import setup_encoding
from .latex import setup_latex
from .nodes import setup_nodes
from .pybtex_plugins import setup_pybtex_plugins
from .search import setup_search
from .social import setup_social
from .tags import setup_tags
from .safety import setup_safety
from .sidebar import setup_sidebar
from .transforms import setup_transforms

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["setup"]

VERSION = "0.1.0"
STATIC_DIR = Path(__file__).parent / "_static"


def _complete_config(app: Sphinx, config: Config) -> None:
    """Settings the authoring contract depends on, filled in when a site leaves them out."""
    # Cards are written as ':::{paper}' fences.
    extensions = list(config.myst_enable_extensions)
    if "colon_fence" not in extensions:
        config.myst_enable_extensions = [*extensions, "colon_fence"]
    if not config.bibtex_bibfiles:
        config.bibtex_bibfiles = ["refs.bib"]


def _add_static_path(app: Sphinx, config: Config) -> None:
    # On config-inited, before the saved environment's config is compared with this
    # one: added later, the change would make Sphinx rewrite every page on every build.
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def _add_static(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.add_css_file("mlnews.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("mlnews_tags", [], "env", types=[list, tuple])
    app.connect("config-inited", _complete_config)
    app.connect("config-inited", _add_static_path)
    app.add_domain(NewsDomain)
    setup_nodes(app)
    setup_directives(app)
    setup_transforms(app)
    setup_generated(app)
    setup_tags(app)
    setup_sitemap(app)
    setup_feeds(app)
    setup_search(app)
    setup_social(app)
    setup_archive(app)
    setup_bibrefs(app)
    setup_safety(app)
    setup_encoding(app)
    setup_gc_policy(app)
    setup_doctree_cache(app)
    setup_latex(app)
    setup_pybtex_plugins(app)
    setup_bibtex_index(app)
    setup_sidebar(app)
    app.connect("builder-inited", _add_static)
    app.connect("env-get-outdated", outdated_by_bibliography)
    app.connect("env-updated", remember_bib_files, priority=900)
    return {
        "version": VERSION,
        "env_version": DATA_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
