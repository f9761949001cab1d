"""pybtex's error capture around sphinxcontrib-bibtex's parse of the bib files.

In pybtex's strict mode the first duplicate key ends the parse and every later
entry is lost; captured, the repeated key is skipped and mlnews reports it
with its line (:mod:`mlnews.bib.catalog`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pybtex.errors

from ..build.compat import pybtex_capturing
from ..data import news_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["setup_lenient_parse"]


def _lenient_parse_begin(app: Sphinx) -> None:
    """Let pybtex skip a repeated key instead of dropping the rest of refs.bib.

    sphinxcontrib-bibtex parses the bib files in its builder-inited handler; in
    pybtex's strict mode the first duplicate key ends the parse and every
    later entry is lost. Our own check reports the duplicate with its line.
    """
    if not pybtex_capturing():
        capture = pybtex.errors.capture()
        capture.__enter__()
        news_domain(app.env).pybtex_capture = capture


def _lenient_parse_end(app: Sphinx) -> None:
    domain = news_domain(app.env)
    if domain.pybtex_capture is not None:
        domain.pybtex_capture.__exit__(None, None, None)
        domain.pybtex_capture = None


def setup_lenient_parse(app: Sphinx) -> None:
    """Capture pybtex's errors while sphinxcontrib-bibtex parses."""
    # Around sphinxcontrib-bibtex's builder-inited handler (priority 500), which parses.
    app.connect("builder-inited", _lenient_parse_begin, priority=400)
    app.connect("builder-inited", _lenient_parse_end, priority=600)
