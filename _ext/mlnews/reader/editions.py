"""The site's editions: one source, one build per language, every page linked to its twin.

``mlnews_editions`` maps each language the site is published in to the address
of its edition: relative to ``html_baseurl`` as ``conf.py`` sets it (the first
edition's, usually ``""``; ``"en/"`` puts the English one beside it), or
absolute (Read the Docs, where each language is a project of its own). The
first edition is the default (``x-default``).

A build is one edition: ``sphinx-build -D language=en`` builds the English one
from the same source with Sphinx's gettext catalogs. On ``config-inited`` its
``html_baseurl`` (and ``ogp_site_url``, where it followed) becomes the
edition's address, so canonical links, feeds, the sitemap and share images
name the edition's own pages. Every HTML page then gets
``<link rel="alternate" hreflang>`` to each edition's twin and an
``x-default``, and templates get ``mlnews_editions``: the language switch
(``mlnews/language-switch.html``) lists them, the current one marked.

An edition whose address lies inside another's output (``en/`` inside the
Japanese site) is left to its own build: :func:`nested_editions` names those
folders so that the other build's search index does not take them in.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from babel import Locale, UnknownLocaleError
from sphinx.util.osutil import relative_uri

from .site import is_site_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["edition_urls", "language_name", "nested_editions", "setup_editions", "twin_links"]

SWITCH_TEMPLATE = "mlnews/language-switch.html"


def _language(config: Config) -> str:
    return config.language or "en"


def edition_urls(config: Config) -> dict[str, str]:
    """Each edition's address (absolute with ``html_baseurl``; else a path from the first edition's root)."""
    return dict(config.mlnews_edition_urls)


def _resolve(config: Config) -> dict[str, str]:
    root = (config.html_baseurl or "").strip()
    if root and not root.endswith("/"):
        root += "/"
    urls = {}
    for language, where in config.mlnews_editions.items():
        where = where.strip()
        if where and not where.endswith("/"):
            where += "/"
        urls[language] = urljoin(root, where) if root else where
    return urls


def _set_edition_url(app: Sphinx, config: Config) -> None:
    if not config.mlnews_editions:
        config.mlnews_edition_urls = {}
        return
    root = config.html_baseurl
    config.mlnews_edition_urls = urls = _resolve(config)
    here = urls.get(_language(config))
    if here is None or not root:
        return
    # sphinxext-opengraph's address, where conf.py made it the site's.
    if "ogp_site_url" in config and config.ogp_site_url == root:
        config.ogp_site_url = here
    config.html_baseurl = here


def nested_editions(config: Config) -> list[str]:
    """Folders of this build's output that hold other editions (``["en"]`` in the Japanese site)."""
    urls = edition_urls(config)
    here = urls.get(_language(config))
    if here is None:
        return []
    nested = []
    for language, url in urls.items():
        if language != _language(config) and url != here and url.startswith(here):
            nested.append(url[len(here) :].strip("/"))
    return nested


def language_name(language: str) -> str:
    """A language's name in itself: 日本語, English."""
    try:
        return Locale.parse(language.replace("-", "_")).get_display_name(language.replace("-", "_")) or language
    except (ValueError, UnknownLocaleError):
        return language


def _path(url: str) -> str:
    path = urlsplit(url).path if "://" in url else url
    return path.lstrip("/")


def twin_links(config: Config, target_uri: str) -> list[dict[str, Any]]:
    """Each edition's twin of the page at *target_uri*: language, name, absolute and relative address."""
    urls = edition_urls(config)
    here_language = _language(config)
    here = urls.get(here_language)
    if here is None:
        return []
    page = quote(target_uri, safe="/%#")
    twins = []
    for language, url in urls.items():
        same_site = urlsplit(url)[:2] == urlsplit(here)[:2]
        relative = relative_uri(_path(here) + page, _path(url) + page) if same_site else url + page
        twins.append(
            {
                "language": language,
                "name": language_name(language),
                "url": url + page,
                "href": relative or page.rsplit("/", 1)[-1] or "./",
                "current": language == here_language,
            }
        )
    return twins


def _link_twins(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if not is_site_builder(app.builder) or len(app.config.mlnews_editions) < 2:
        return
    twins = twin_links(app.config, app.builder.get_target_uri(pagename))
    if not twins:
        return
    context["mlnews_editions"] = twins
    default = twins[0]
    links = [(t["language"], t["url"]) for t in twins] + [("x-default", default["url"])]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{escape(lang, quote=True)}" href="{escape(url, quote=True)}" />'
        for lang, url in links
    )


def setup_editions(app: Sphinx) -> None:
    app.add_config_value("mlnews_editions", {}, "html", types=[dict])
    # Filled in on config-inited from mlnews_editions and html_baseurl (not for conf.py).
    app.add_config_value("mlnews_edition_urls", {}, "", types=[dict])
    # Early: before sphinxext-opengraph and sphinx-sitemap read the addresses.
    app.connect("config-inited", _set_edition_url, priority=100)
    app.connect("html-page-context", _link_twins)
