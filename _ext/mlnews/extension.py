"""Wiring: one ``setup_<package>`` per feature package, called from :func:`setup`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .archive import setup_archive
from .bib import setup_bib
from .book import setup_book
from .build import setup_build
from .build.compat import check_versions
from .cards import setup_cards
from .data import DATA_VERSION, NewsDomain
from .i18n import setup_i18n
from .reader import setup_reader

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["setup"]

VERSION = "0.1.0"
STATIC_DIR = Path(__file__).parent / "_static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
CSS_FILES = ("mlnews-bib.css", "mlnews-reader.css", "mlnews.css")
"""Cards, the bibliography's extras, tag links and pages (phone width and dark mode)."""
JS_FILES = ("mlnews-bibtex.js", "mlnews-sidebar.js")
"""The BibTeX blocks' copy button; sphinx-book-theme's sidebar buttons on narrow screens."""


def _complete_config(app: Sphinx, config: Config) -> None:
    """Settings the authoring contract depends on, filled in when a site leaves them out."""
    # Cards are written as ':::{paper}' fences.
    extensions = list(config.myst_enable_extensions)
    if "colon_fence" not in extensions:
        config.myst_enable_extensions = [*extensions, "colon_fence"]
    if not config.bibtex_bibfiles:
        config.bibtex_bibfiles = ["refs.bib"]


def _add_folders(app: Sphinx, config: Config) -> None:
    # On config-inited, before the saved environment's config is compared with this
    # one (added later, the change would make Sphinx rewrite every page on every
    # build) and before the builder makes its template loader.
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]


def _add_assets(app: Sphinx) -> None:
    """The extension's style sheets and scripts, on HTML builders (the search page adds its own)."""
    if app.builder.format != "html":
        return
    for css in CSS_FILES:
        app.add_css_file(css)
    for script in JS_FILES:
        app.add_js_file(script)


def setup(app: Sphinx) -> dict[str, Any]:
    check_versions()
    app.setup_extension("myst_parser")
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("mlnews_tags", [], "env", types=[list, tuple])
    app.connect("config-inited", _complete_config)
    app.connect("config-inited", _add_folders)
    app.add_domain(NewsDomain)
    setup_i18n(app)
    setup_cards(app)
    setup_bib(app)
    setup_archive(app)
    setup_reader(app)
    setup_book(app)
    setup_build(app)
    app.connect("builder-inited", _add_assets)
    return {
        "version": VERSION,
        "env_version": DATA_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
