"""The bib files read and parsed once per change, for the catalog and sphinxcontrib-bibtex alike.

sphinxcontrib-bibtex parses ``bibtex_bibfiles`` in its ``builder-inited``
handler when their modification times changed, and keeps the parse (its
``BibData``) with the environment. mlnews needs the files' text besides
(each entry as written, and its line), so it reads them itself, once, just
before: :class:`~mlnews.bib.catalog.BibCatalog` scans and parses that one
text, sphinxcontrib-bibtex is handed the parse (the one upstream internal
here, :func:`mlnews.build.compat.give_bibtex_parse`), finds it current and
does not read the files again. The catalog is kept with the environment
(:meth:`mlnews.data.NewsData.set_catalog`) until the files or the style
change, and the files' problems are reported once, when they are read.

pybtex parses in strict mode by default, where the first repeated key ends
the parse and every later entry is lost; the catalog's parse captures
pybtex's errors instead (the repeat is skipped, and reported with its line).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..build.compat import BIBTEX_PARSE_PRIORITY, bibtex_parse_of, give_bibtex_parse
from ..data import NewsData
from ..messages import warn
from .catalog import BibCatalog, file_mtime, read_bib_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_parse"]

logger = logging.getLogger(__name__)

_BEFORE_SPHINXCONTRIB_BIBTEX = BIBTEX_PARSE_PRIORITY - 50


def _read_bib_files(app: Sphinx) -> None:
    """Read and parse the bib files when they changed since the catalog was made; label it."""
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex says what is missing
    # sphinxcontrib-bibtex's own reading of the setting: relative to the configuration folder.
    paths = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    encoding = app.config.bibtex_encoding
    style = app.config.bibtex_default_style
    news = NewsData(app.env)
    catalog = news.catalog()
    current = [file_mtime(path) for path in paths]
    if (
        catalog.encoding == encoding
        and catalog.files == [(str(path), mtime) for path, mtime in zip(paths, current, strict=True)]
        and bibtex_parse_of(app.env) is catalog.data
    ):
        if catalog.style != style:
            catalog.relabel(style)
            news.set_catalog(catalog)
        return
    files = []
    for path in paths:
        if not path.is_file():
            # What sphinxcontrib-bibtex says of a missing file when it reads the files itself.
            logger.warning(f"could not open bibtex file {path}.", type="bibtex", subtype="bibfile_error")
        files.append(read_bib_file(path, encoding))
    catalog = BibCatalog(files, encoding, style)
    news.set_catalog(catalog)
    handed = [(path, mtime, catalog.file_keys.get(path, [])) for path, mtime in catalog.files]
    give_bibtex_parse(app.env, catalog.encoding, handed, catalog.data)
    for issue in catalog.issues:
        warn(issue.report, f"{issue.path}:{issue.line}")


def setup_parse(app: Sphinx) -> None:
    """Read the bib files (when they changed) before sphinxcontrib-bibtex would."""
    app.connect("builder-inited", _read_bib_files, priority=_BEFORE_SPHINXCONTRIB_BIBTEX)
