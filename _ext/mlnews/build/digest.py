"""The one digest of the extension: sha256 of canonical JSON.

Every "did this change?" of mlnews compares digests made here: a
bibliography entry's stamp (:mod:`mlnews.bib.catalog`), what a page shows of
each derived view (:mod:`mlnews.build.staleness`), the inputs of the
citations (:mod:`mlnews.bib.cite_domain`) and of the generated pages
(:mod:`mlnews.reader.output_state`). Canonical JSON (sorted keys, no
whitespace, tuples as lists) makes equal values give equal digests in every
process and every build; anything JSON does not know is digested as its
``str()``. No Sphinx here: the command line uses it too.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["digest"]


def digest(value: Any) -> str:
    """The sha256 (hex) of *value* as canonical JSON."""
    blob = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
