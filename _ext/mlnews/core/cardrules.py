"""Rules of a card that the build and ``mlnews check`` share (no Sphinx here).

``split_tags``, ``safe_url`` and ``PICK_VALUES`` read a card's options;
:func:`paper_ident` says which paper a card shows, across pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

__all__ = ["SAFE_SCHEMES", "PICK_VALUES", "split_tags", "safe_url", "paper_ident"]

SAFE_SCHEMES = ("http", "https")
PICK_VALUES = {"": True, "yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
"""What ``:pick:`` accepts (lower-cased), and what each value means."""


def split_tags(value: str | None) -> list[str]:
    """Tags from a comma-separated option (full-width commas too), without blanks or repeats."""
    if not value:
        return []
    tags = [t.strip() for t in value.replace("、", ",").replace("，", ",").split(",")]
    return list(dict.fromkeys(t for t in tags if t))


def safe_url(url: str) -> bool:
    """Whether *url* is an absolute http(s) URL: the only links a card makes."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


def paper_ident(record: Mapping[str, Any]) -> str:
    """What identifies a paper across pages: its BibTeX key, else ``arxiv:<ID>`` ('' for neither)."""
    if record.get("key"):
        return record["key"]
    return f"arxiv:{record['arxiv']}" if record.get("arxiv") else ""
