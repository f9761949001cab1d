"""Japanese search that splits the reader's query the way the index was split.

Sphinx cuts Japanese text into words with ``sphinx.search.ja.DefaultSplitter``
(a port of TinySegmenter) when it writes ``searchindex.js``, but the search page
splits the query only at spaces and punctuation (Sphinx issue 13395): the query
機械学習 looks for one word that the index never holds, since it holds 機械 and
学習. We register a Japanese search language whose ``js_splitter_code`` runs
the same segmenter in the browser, with the weights read from the Python
splitter at build time, so both sides cut at the same places.

A site that picks another splitter with ``html_search_options['type']`` (a
dotted class path in Sphinx 7 and later, e.g. Janome) keeps Sphinx's own query
splitting: a browser cannot run those splitters.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sphinx.search.ja import DefaultSplitter, SearchJapanese

from ._site import is_site_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["SearchJapaneseSplitQuery", "splitter_model", "setup_search"]

SEARCH_JS = "mlnews-search.js"
"""The browser side of the segmenter, in ``_static``; loaded by the search page only."""


def splitter_model(splitter: DefaultSplitter) -> dict[str, Any]:
    """The segmenter's character classes and weights, as the browser side reads them."""
    weights = {
        name: getattr(splitter, name)
        for name in dir(type(splitter))
        if name.endswith("__") and not name.startswith("__")
    }
    patterns = [[pattern.pattern, kind] for pattern, kind in splitter.patterns_.items()]
    return {"patterns": patterns, "weights": weights}


class SearchJapaneseSplitQuery(SearchJapanese):
    """Sphinx's Japanese search, with a query splitter that matches the index's."""

    @property  # type: ignore[override]
    def js_splitter_code(self) -> str:
        if type(self.splitter) is not DefaultSplitter:
            return ""
        model = json.dumps(splitter_model(self.splitter), ensure_ascii=False, sort_keys=True)
        # Read when the query is split, so the order of the script tags does not matter.
        return (
            f"const mlnewsSplitterModel = {model};\n"
            "var splitQuery = (query) => mlnewsSplitQuery(mlnewsSplitterModel, query);\n"
        )


def _add_search_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    # Only the search page splits queries; no other page needs the segmenter.
    if pagename == "search" and is_site_builder(app.builder):
        app.add_js_file(SEARCH_JS)


def setup_search(app: Sphinx) -> None:
    """Use the query-splitting Japanese search for ``language = 'ja'``."""
    app.add_search_language(SearchJapaneseSplitQuery)
    app.connect("html-page-context", _add_search_script)

