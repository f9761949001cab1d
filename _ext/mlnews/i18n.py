"""mlnews's own words on a page, in the site's language.

The texts mlnews writes itself (the picks box's title, "Featured in", the empty
lists' notes, the search page's controls, the share image's captions, ...) are
messages of the gettext catalog ``mlnews``: English in the code, translated by
``mlnews/locale/<language>/LC_MESSAGES/mlnews.po`` (Japanese ships with mlnews;
another language is one more ``.po`` file). Sphinx picks the catalog of the
site's ``language`` (:meth:`Sphinx.add_message_catalog`).

Call :data:`_` where a text is used, never at import time: a module is imported
once per process, and one process may build several languages (the tests do).

The ``.po`` files are the source; their compiled ``.mo`` files are written on
setup beside the build's doctrees (an installed package may be read-only), and
only when their bytes change.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.locale import get_translation

from .core.files import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .core.periods import Period

__all__ = ["CATALOG", "PO_DIR", "_", "compiled_catalog", "is_translated_edition", "list_separator", "period_label", "setup_i18n", "site_text", "tag_label", "week_label"]

CATALOG = "mlnews"
PO_DIR = Path(__file__).parent / "locale"
"""``<language>/LC_MESSAGES/mlnews.po``, one per language mlnews speaks besides English."""

_ = get_translation(CATALOG)


def compiled_catalog(po: Path) -> bytes:
    """The ``.mo`` bytes of *po* (fuzzy entries left out, as ``msgfmt`` does)."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _template_gettext(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``mlnews_gettext(text)`` in the templates: the catalog ``mlnews`` (``_()`` there is Sphinx's)."""
    context["mlnews_gettext"] = _


def setup_i18n(app: Sphinx) -> None:
    """Compile the catalog of the site's language and register it with Sphinx."""
    app.add_config_value("mlnews_translations", {}, "env", types=[dict])
    app.connect("config-inited", _translate_theme_texts)
    app.connect("html-page-context", _template_gettext)
    target = Path(app.doctreedir) / "mlnews-locale"
    language = app.config.language or "en"
    for po in PO_DIR.glob(f"*/LC_MESSAGES/{CATALOG}.po"):
        if po.parts[-3].split("_")[0] == language.split("_")[0]:
            write_if_changed(target / po.relative_to(PO_DIR).with_suffix(".mo"), compiled_catalog(po))
    app.add_message_catalog(CATALOG, str(target))


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def week_label(year: int, week: int) -> str:
    """A week's short name: "Week 45, 2020" ("2020年 第45週")."""
    return _("Week {week}, {year}").format(year=year, week=week)


def period_label(period: Period) -> str:
    """A period's name in the site's language: "November 2020", "Q4 2020", "2020"."""
    year, number = period.year, period.number
    if period.kind == "year":
        return _("{year}").format(year=year)
    if period.kind == "half":
        text = _("First half of {year}") if number == 1 else _("Second half of {year}")
        return text.format(year=year)
    if period.kind == "quarter":
        return _("Q{quarter} {year}").format(year=year, quarter=number)
    if period.kind == "month":
        return _("{month_name} {year}").format(year=year, month=number, month_name=_MONTH_NAMES[number - 1])
    return week_label(year, number)


def list_separator() -> str:
    """Between the items of an inline list of pages (", "; Japanese "、")."""
    return _(", ")


def is_translated_edition(config: Config) -> bool:
    """Whether this build is an edition in another language than the source's (the first
    language of ``mlnews_editions``): its text comes from the translation catalogs."""
    editions = list(config.mlnews_editions)
    return bool(editions) and (config.language or "en") != editions[0]


def site_text(config: Config, text: str) -> str:
    """*text* of ``conf.py`` (a tag, an icon link's name) in the site's language.

    ``mlnews_translations`` maps each edition's language to its translations of
    the texts ``conf.py`` writes in the source language; a text it does not list
    stays as written.
    """
    return config.mlnews_translations.get(config.language or "", {}).get(text) or text


def tag_label(config: Config, tag: str) -> str:
    """What readers see of *tag*: its name in the site's language (:func:`site_text`).

    A tag is a word of the site's source language; its page and feed keep that
    word in their address in every language, so an edition's pages link their twins.
    """
    return site_text(config, tag)


def _translate_theme_texts(app: Sphinx, config: Config) -> None:
    """The theme's icon links' names and their list's name, in the site's language."""
    options = dict(config.html_theme_options or {})
    if not config.mlnews_translations.get(config.language or ""):
        return
    if "icon_links" in options:
        options["icon_links"] = [
            {**link, "name": site_text(config, link["name"])} if "name" in link else link for link in options["icon_links"]
        ]
    if "icon_links_label" in options:
        options["icon_links_label"] = site_text(config, options["icon_links_label"])
    config.html_theme_options = options
