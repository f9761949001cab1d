"""The upgrade boundary: every use of an upstream internal, and the versions it was checked on.

mlnews leans on a few things that Sphinx, docutils, sphinxcontrib-bibtex,
pybtex, sphinx-sitemap, sphinxext-opengraph and arxiv do not document as API
(``../shared/architecture-review.md`` lists them). Each of them is reached
through one function of this module, and nowhere else, so that an upgrade
is checked in one file: :func:`check_versions` runs when the extension is set
up and stops the build with one message when an installed version is outside
the range the code was tested with (``SUPPORTED``, the same ranges as
``pyproject.toml``).

The upstream modules are imported inside the functions that need them: the
command line imports this module without loading Sphinx.
"""

from __future__ import annotations

import importlib.metadata
import queue
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

__all__ = [
    "SUPPORTED",
    "check_versions",
    "unsupported_versions",
]

SUPPORTED: dict[str, tuple[str, str]] = {
    "sphinx": ("9.0.4", "9.2"),
    "docutils": ("0.22", "0.23"),
    "sphinxcontrib-bibtex": ("2.7", "2.8"),
    "pybtex": ("0.26", "0.27"),
    "sphinx-sitemap": ("2.9", "2.10"),
    "sphinxext-opengraph": ("0.13", "0.14"),
    "arxiv": ("4.0", "5"),
    "myst-parser": ("5.2", "6"),
}
"""``package: (lowest version, first version not supported)``: the ranges whose internals
this module was checked against. ``pyproject.toml`` declares the same ranges."""


def _version_key(text: str) -> tuple[int, ...]:
    """``"9.0.4"`` -> ``(9, 0, 4)``; pre-release and local parts are ignored."""
    numbers = []
    for part in re.split(r"[.+-]", text):
        match = re.match(r"\d+", part)
        if match is None:
            break
        numbers.append(int(match.group()))
    return tuple(numbers)


def unsupported_versions(
    installed: Callable[[str], str] = importlib.metadata.version,
) -> list[str]:
    """The installed packages outside ``SUPPORTED``, as ``"name X (mlnews supports >=A,<B)"``."""
    problems = []
    for name, (low, high) in SUPPORTED.items():
        try:
            version = installed(name)
        except importlib.metadata.PackageNotFoundError:
            problems.append(f"{name} is not installed (mlnews needs >={low},<{high})")
            continue
        if not (_version_key(low) <= _version_key(version) < _version_key(high)):
            problems.append(f"{name} {version} (mlnews supports >={low},<{high})")
    return problems


def check_versions() -> None:
    """Stop with one message when an installed package is outside the tested ranges."""
    problems = unsupported_versions()
    if problems:
        from sphinx.errors import ExtensionError

        raise ExtensionError(
            "mlnews relies on internals of these packages and was not tested with the installed "
            "versions: " + "; ".join(problems) + ". Install the versions of constraints.txt "
            "(pip install -c constraints.txt .)."
        )


# --- Transform and event priorities --------------------------------------------------------
# mlnews interleaves its transforms with upstream ones; the numbers it assumes are
# here, and tests/test_compat.py checks them against the installed packages.

SPHINX_DOMAINS_PRIORITY = 850
"""``sphinx.transforms.SphinxDomains``: domains' ``process_doc`` runs here after a read."""
BIBTEX_BIBLIOGRAPHY_PRIORITY = 5
"""``sphinxcontrib.bibtex.transforms.BibliographyTransform``: citations are made here."""
REFERENCES_RESOLVER_PRIORITY = 10
"""``sphinx.transforms.post_transforms.ReferencesResolver``: pending_xref are resolved here."""
LATEX_BIBLIOGRAPHY_PRIORITY = 750
"""``sphinx.builders.latex.transforms.BibliographyTransform``: the book gathers its citations."""
BIBTEX_PARSE_PRIORITY = 500
"""sphinxcontrib-bibtex parses the bib files in a ``builder-inited`` handler of this priority."""
OPENGRAPH_CONTEXT_PRIORITY = 500
"""sphinxext-opengraph reads ``context["meta"]`` in its ``html-page-context`` handler here."""
SITEMAP_WRITE_PRIORITY = 500
"""sphinx-sitemap writes ``sitemap.xml`` in its ``build-finished`` handler here."""
MERGE_SOURCE_SUFFIX_PRIORITY = 800
"""Sphinx fills ``config.source_suffix`` from the registry in a ``config-inited`` handler here."""


def upstream_priorities() -> dict[str, int]:
    """The installed packages' own values for the priorities above (for the test)."""
    from sphinx.builders.latex.transforms import BibliographyTransform as LatexBibliography
    from sphinx.transforms.references import SphinxDomains
    from sphinx.transforms.post_transforms import ReferencesResolver
    from sphinxcontrib.bibtex.transforms import BibliographyTransform

    return {
        "SPHINX_DOMAINS_PRIORITY": SphinxDomains.default_priority,
        "BIBTEX_BIBLIOGRAPHY_PRIORITY": BibliographyTransform.default_priority,
        "REFERENCES_RESOLVER_PRIORITY": ReferencesResolver.default_priority,
        "LATEX_BIBLIOGRAPHY_PRIORITY": LatexBibliography.default_priority,
    }


# --- myst-parser ---------------------------------------------------------------------------

_MYST_MAKE_DOCUMENT: Callable[..., Any] | None = None
"""myst-parser's own ``make_document``, while :func:`reuse_myst_default_settings` stands in for it."""


def reuse_myst_default_settings(on: bool) -> None:
    """myst-parser 5.2's renderer makes a fresh default document on every parse, even when
    it is given the document to fill (``setup_render``: ``options.get("document",
    make_document())``): docutils' option parser is built anew each time (4 ms). A
    translated build parses every translated message on its own (Sphinx's ``Locale``),
    hundreds of times a build. *on*: the default settings are made once per parser class
    and each such document gets a copy; off: myst-parser's own function again."""
    global _MYST_MAKE_DOCUMENT
    import copy

    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser as RSTParser
    from docutils.utils import new_document
    from myst_parser.mdit_to_docutils import base

    if not on:
        if _MYST_MAKE_DOCUMENT is not None:
            base.make_document, _MYST_MAKE_DOCUMENT = _MYST_MAKE_DOCUMENT, None
        return
    if _MYST_MAKE_DOCUMENT is not None:
        return
    settings: dict[type, Any] = {}

    def make_document(source_path: str = "notset", parser_cls: type = RSTParser) -> nodes.document:
        if parser_cls not in settings:
            settings[parser_cls] = get_default_settings(parser_cls)
        return new_document(source_path, settings=copy.copy(settings[parser_cls]))

    _MYST_MAKE_DOCUMENT, base.make_document = base.make_document, make_document


# --- Sphinx --------------------------------------------------------------------------------


def doctree_write_cache(env: BuildEnvironment) -> dict[str, nodes.document] | None:
    """Sphinx's in-memory cache of the doctrees read in this (serial) build, to be written.

    Private (``env._write_doc_doctree_cache``, checked on 9.0 and 9.1): ``None`` if it
    is gone, and then mlnews' doctree cache does nothing.
    """
    return getattr(env, "_write_doc_doctree_cache", None)


def builder_of(env: BuildEnvironment) -> Builder:
    """The builder of a transform's environment (``env._app``, as Sphinx's own post-transforms read it)."""
    return env._app.builder  # type: ignore[attr-defined]


def newest_template_mtime(builder: Builder) -> float:
    """When the newest template of the builder's loader was changed (0 without templates)."""
    templates = getattr(builder, "templates", None)
    return templates.newest_template_mtime() if templates is not None else 0


def output_filename(builder: Builder, pagename: str) -> str:
    """Where the HTML builder writes *pagename* (undocumented ``get_outfilename``)."""
    return builder.get_outfilename(pagename)  # type: ignore[attr-defined]


def reading_encoding(env: BuildEnvironment) -> str:
    """The codec Sphinx reads sources with (``env.settings["input_encoding"]``)."""
    return str(env.settings["input_encoding"])


def set_reading_encoding(env: BuildEnvironment, codec: str) -> None:
    """Make Sphinx read the sources with *codec* (it opens them with this setting)."""
    env.settings["input_encoding"] = codec


def disable_sphinx_search(builder: Builder) -> None:
    """Switch off Sphinx's search index on an HTML builder (mlnews indexes with Pagefind).

    ``StandaloneHTMLBuilder.search`` is the class attribute by which Sphinx's
    help builders (HTML Help, Apple Help) suppress search; it is not documented
    and no setting does the same: with it off, ``prepare_writing`` makes no
    ``IndexBuilder``, no page is fed to one and no ``searchindex.js`` is
    written, and Sphinx does not write ``search.html`` (mlnews writes its own).
    """
    builder.search = False  # type: ignore[attr-defined]


def toctree_includes(env: BuildEnvironment) -> dict[str, list[str]]:
    """``parent -> the pages its toctrees hold`` (the toctree collector's table)."""
    return env.toctree_includes


def files_to_rebuild(env: BuildEnvironment) -> dict[str, set[str]]:
    """``page -> the pages whose toctree holds it`` (the toctree collector's table)."""
    return env.files_to_rebuild


def tocs(env: BuildEnvironment) -> dict[str, Any]:
    """Each page's table of contents (the toctree collector's table)."""
    return env.tocs


def collect_relations(env: BuildEnvironment) -> dict[str, list[str | None]]:
    """``page -> [parent, previous, next]`` in toctree order."""
    return env.collect_relations()


def config_unchanged(env: BuildEnvironment) -> bool:
    """Whether the saved environment's configuration equals this build's."""
    from sphinx.environment import CONFIG_OK

    return env.config_status == CONFIG_OK


def is_parallel(app: Sphinx) -> bool:
    """Whether this build reads or writes in several processes."""
    return app.parallel > 1


def start_of_file(docname: str) -> nodes.Element:
    """The marker node the LaTeX builder puts around an inlined page."""
    from sphinx import addnodes

    return addnodes.start_of_file(docname=docname)


def stored_doctree(env: BuildEnvironment, docname: str) -> nodes.document:
    """The pickled doctree of *docname* as it was read (not resolved)."""
    return env.get_doctree(docname)


def latex_escape(text: str, engine: str) -> str:
    """Text escaped for LaTeX the way Sphinx escapes it (``sphinx.util.texescape``)."""
    from sphinx.util import texescape

    return texescape.escape(text, engine)


def docname_join(base: str, name: str) -> str:
    """A toctree entry relative to *base*, as Sphinx resolves it."""
    from sphinx.util import docname_join as join

    return join(base, name)


def glob_docnames(docnames: Iterable[str], pattern: str) -> list[str]:
    """The docnames a toctree glob matches, as Sphinx matches them."""
    from sphinx.util.matching import patfilter

    return patfilter(docnames, pattern)


def toctree_url_re() -> re.Pattern[str]:
    """Sphinx's test for a toctree entry that is a URL."""
    from sphinx.util import url_re

    return url_re


def clean_astext(node: nodes.Element) -> str:
    """A title's text as Sphinx shows it in toctrees."""
    from sphinx.util.nodes import clean_astext as clean

    return clean(node)


# --- docutils ------------------------------------------------------------------------------


def dismantle(doctree: nodes.document) -> None:
    """Break a dropped doctree's reference cycles so that it is freed at once.

    Parents lose their children and the document its registries (emptied, not
    deleted: a late reader, such as a warning logged at the end of reading,
    finds empty tables instead of an ``AttributeError``). Each node keeps its
    own parent, source and line, so a pending warning still names its file and line.
    """
    from docutils import nodes as docutils_nodes

    for node in list(doctree.findall(docutils_nodes.Element)):
        node.children = []
    for name, value in list(vars(doctree).items()):
        if name in {"rawsource", "children", "attributes", "tagname", "parent", "source", "line"}:
            continue
        if isinstance(value, (dict, list, set)):
            value.clear()
        elif name in {"reporter", "settings", "document"}:
            continue  # a warning still in flight reads these
        elif not isinstance(value, (str, int, float, bool, type(None))):
            setattr(doctree, name, None)


# --- pybtex --------------------------------------------------------------------------------


def set_pybtex_entry_points(lookup: Callable[..., Any] | None) -> None:
    """Make pybtex find its plugins through *lookup* (``None``: importlib.metadata's own)."""
    import importlib.metadata as metadata

    import pybtex.plugin

    pybtex.plugin.entry_points = lookup or metadata.entry_points  # type: ignore[attr-defined]


def pybtex_entry_points() -> Callable[..., Any]:
    """The function pybtex looks its plugins up with."""
    import pybtex.plugin

    return pybtex.plugin.entry_points  # type: ignore[attr-defined]


def pybtex_capturing() -> bool:
    """Whether pybtex's errors are being captured (pybtex's global ``captured_errors``)."""
    import pybtex.errors

    return pybtex.errors.captured_errors is not None


# --- sphinx-sitemap ------------------------------------------------------------------------


def sitemap_links(app: Sphinx) -> Any:
    """sphinx-sitemap's queue of ``(link, lastmod)`` (``app.sitemap_links``), or None."""
    return getattr(app, "sitemap_links", None)


def set_sitemap_links(app: Sphinx, links: Any) -> None:
    """Replace sphinx-sitemap's queue (an in-process queue for serial builds)."""
    app.sitemap_links = links  # type: ignore[attr-defined]


def sitemap_add_page(app: Sphinx, pagename: str) -> None:
    """File *pagename*'s address in sphinx-sitemap's queue, as its own handler does."""
    import sphinx_sitemap

    sphinx_sitemap.add_html_link(app, pagename, None, {}, None)


def new_sitemap_queue() -> queue.Queue[tuple[str, Any]]:
    """An in-process queue of the shape sphinx-sitemap uses."""
    return queue.Queue()


# --- arxiv ---------------------------------------------------------------------------------


def arxiv_client(session: Any, query_url: str, **options: Any) -> Any:
    """An ``arxiv.Client`` that asks *query_url* through *session* (a ``requests.Session``).

    The package has no public way to set a timeout or another address: both go
    through its private ``_session`` and its ``query_url_format``.
    """
    import arxiv

    client = arxiv.Client(**options)
    # The package builds each request's URL from this format string.
    separator = "&" if "?" in query_url else "?"
    client.query_url_format = query_url.replace("{", "{{").replace("}", "}}") + separator + "{}"  # type: ignore[attr-defined]
    client._session = session  # type: ignore[attr-defined]
    return client


def toctree_logger_name() -> str:
    """The logger Sphinx's ``toctree`` directive warns through (its module's, in Sphinx's namespace)."""
    return "sphinx.sphinx.directives.other"


def latex_citation_links(document: nodes.document) -> set[str]:
    """``"<docname>:<citation id>"`` of every citation the LaTeX *document* links to.

    sphinxcontrib-bibtex resolves a citation in LaTeX to raw LaTeX
    (``\\hyperlink{cite.<docname>:<id>}``); its nodes and that format are not API.
    """
    from sphinxcontrib.bibtex.nodes import raw_latex

    cited: set[str] = set()
    for raw in document.findall(raw_latex):
        cited.update(_CITE_LINK.findall(raw.rawsource))
    return cited


_CITE_LINK = re.compile(r"\\hyperlink\{cite\.([^}]*)\}")


# --- sphinxcontrib-bibtex ------------------------------------------------------------------
# mlnews.bib.cite_domain subclasses the cite domain and keeps copies of two of its
# loops (checked against 2.7.0); these are the private names those copies use.


def filter_visitor(**options: Any) -> Any:
    """sphinxcontrib-bibtex's evaluator of a bibliography's ``:filter:`` (private ``_FilterVisitor``)."""
    from sphinxcontrib.bibtex.domain import _FilterVisitor

    return _FilterVisitor(**options)


def bibtex_docnames(env: BuildEnvironment) -> Iterable[str]:
    """The pages in the order sphinxcontrib-bibtex numbers citations (its ``get_docnames``)."""
    from sphinxcontrib.bibtex.domain import get_docnames as docnames

    return docnames(env)


def bibtex_logger() -> Any:
    """sphinxcontrib-bibtex's logger, so that the copied loops warn as the originals do."""
    from sphinxcontrib.bibtex.domain import logger

    return logger


# mlnews.bib.parse reads the bib files itself, once, and hands sphinxcontrib-bibtex the parse.


def bibtex_parse_of(env: BuildEnvironment) -> Any:
    """The pybtex data sphinxcontrib-bibtex works from (its domain's ``bibdata.data``)."""
    return env.get_domain("cite").bibdata.data  # type: ignore[attr-defined]


def give_bibtex_parse(env: BuildEnvironment, encoding: str, files: Iterable[tuple[str, float, list[str]]], data: Any) -> None:
    """Store a parse of the bib files where sphinxcontrib-bibtex keeps its own (its ``BibData``
    of ``BibFile`` by path: modification time and keys), so that its ``builder-inited``
    handler finds it current and reads nothing. *files* are ``(path, mtime, keys)``."""
    from pathlib import Path

    from sphinxcontrib.bibtex.bibfile import BibData, BibFile

    bibfiles = {Path(path): BibFile(mtime=mtime, keys=dict.fromkeys(keys)) for path, mtime, keys in files}
    env.get_domain("cite").data["bibdata"] = BibData(encoding=encoding, bibfiles=bibfiles, data=data)
