"""Paper metadata from the arXiv API, through the ``arxiv`` package.

The ``arxiv`` package brings the API's rate limit (one request every three
seconds) and retries. What it leaves to us: a timeout (it sets none), a base
URL that a mirror or a test server can replace (``MLNEWS_ARXIV_URL``), telling
a malformed feed from an empty one, and matching the entries of a feed to the
IDs that were asked for, so that an unknown ID is named.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import arxiv
import requests
from lxml import etree

from ..core.arxiv_id import ArxivId, parse_arxiv_id
from ..build.compat import arxiv_client
from .errors import CliError

__all__ = ["ArxivPaper", "fetch_papers", "match_key", "base_url", "DEFAULT_URL"]

DEFAULT_URL = "https://export.arxiv.org/api/query"
URL_VARIABLE = "MLNEWS_ARXIV_URL"
BATCH_SIZE = 100
"""IDs per request: arXiv answers an ``id_list`` of this size in one page."""
TIMEOUT_SECONDS = 30.0
"""How long one request may take before it is given up (connect and read)."""
DELAY_SECONDS = 3.0
"""Pause between two requests, as arXiv's terms of use ask."""
RETRIES = 3
"""Retries of a failed request (HTTP error or connection error)."""

_ATOM_FEED = "{http://www.w3.org/2005/Atom}feed"


@dataclass(frozen=True, slots=True)
class ArxivPaper:
    """What the CLI takes from one entry of arXiv's feed."""

    arxiv: ArxivId
    """The ID as arXiv states it, with the version the entry describes."""
    title: str
    authors: tuple[str, ...]
    year: int
    primary_class: str
    doi: str
    journal: str


def base_url() -> str:
    """The API's query URL: ``MLNEWS_ARXIV_URL`` or arXiv's export API."""
    return os.environ.get(URL_VARIABLE, "").strip() or DEFAULT_URL


def match_key(arxiv_id: ArxivId) -> str:
    """How arXiv names a paper in its answers: old-style IDs lose their subject class.

    ``math.GT/0309136`` comes back as ``math/0309136``.
    """
    archive, slash, number = arxiv_id.base.partition("/")
    return f"{archive.split('.')[0]}/{number}" if slash else arxiv_id.base


class _FeedSession(requests.Session):
    """A session with a timeout on every request that rejects answers that are not Atom feeds.

    The ``arxiv`` package parses leniently: an HTML error page or a cut-off
    feed would read as "no results", and an unknown ID would be blamed.
    """

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        kwargs.setdefault("timeout", self.timeout)
        response = super().request(method, url, *args, **kwargs)
        if response.status_code == requests.codes.ok:
            _check_feed(response.content)
        return response


class MalformedFeed(Exception):
    """The API answered 200 with something that is not an Atom feed."""


def _check_feed(content: bytes) -> None:
    try:
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise MalformedFeed(f"the answer is not well-formed XML ({error})") from None
    if root.tag != _ATOM_FEED:
        raise MalformedFeed(f"the answer is not an Atom feed (root element {root.tag!r})")


def _client(url: str, page_size: int) -> arxiv.Client:
    # The package exposes no timeout setting and no other address.
    return arxiv_client(
        _FeedSession(TIMEOUT_SECONDS), url, page_size=page_size, delay_seconds=DELAY_SECONDS, num_retries=RETRIES
    )


def _describe(error: Exception) -> str:
    if isinstance(error, arxiv.HTTPError):
        return f"the arXiv API answered HTTP {error.status} (after {error.retry + 1} tries)"
    if isinstance(error, requests.Timeout):
        return f"the arXiv API did not answer within {TIMEOUT_SECONDS:g} seconds"
    if isinstance(error, requests.ConnectionError):
        return "cannot reach the arXiv API (network error)"
    if isinstance(error, arxiv.UnexpectedEmptyPageError):
        return "the arXiv API answered with an empty page"
    if isinstance(error, MalformedFeed):
        return f"malformed answer from the arXiv API: {error}"
    return f"{type(error).__name__}: {error}"


def _paper(result: arxiv.Result) -> ArxivPaper | None:
    parsed = parse_arxiv_id(result.get_short_id())
    if parsed is None or not result.title.strip():
        return None
    doi = (result.doi or "").split()
    return ArxivPaper(
        arxiv=parsed,
        title=result.title,
        authors=tuple(author.name for author in result.authors),
        year=result.published.year,
        primary_class=result.primary_category,
        doi=doi[0] if doi else "",
        journal=" ".join((result.journal_ref or "").split()),
    )


def fetch_papers(
    ids: Sequence[ArxivId], progress: Callable[[str], None] = lambda message: None, allow_missing: bool = False
) -> dict[str, ArxivPaper]:
    """The papers of *ids* by :func:`match_key`, in as few requests as the API allows.

    Raises :class:`CliError` naming the IDs and the cause when a request fails,
    the answer is malformed, or arXiv does not know one of the IDs (unless
    *allow_missing*: then the unknown IDs are only absent from the result).
    """
    url = base_url()
    found: dict[str, ArxivPaper] = {}
    batches = [list(ids[i : i + BATCH_SIZE]) for i in range(0, len(ids), BATCH_SIZE)]
    client = _client(url, page_size=min(len(ids), BATCH_SIZE) or 1)
    for number, batch in enumerate(batches, start=1):
        names = ", ".join(str(i) for i in batch)
        if len(batches) > 1:
            progress(f"request {number}/{len(batches)}: {len(batch)} IDs")
        search = arxiv.Search(id_list=[str(i) for i in batch], max_results=len(batch))
        results: list[arxiv.Result] = []
        try:
            for result in client.results(search):
                results.append(result)
        except arxiv.UnexpectedEmptyPageError as error:
            # arXiv has counted unknown IDs in totalResults, so the package asked
            # for a page that does not exist: the first page had everything.
            if not results:
                raise CliError(f"{names}: {_describe(error)}") from None
        except (arxiv.ArxivError, requests.RequestException, MalformedFeed) as error:
            raise CliError(f"{names}: {_describe(error)}") from None
        for result in results:
            paper = _paper(result)
            if paper is not None:
                found.setdefault(match_key(paper.arxiv), paper)
    missing = [str(i) for i in ids if match_key(i) not in found]
    if missing and not allow_missing:
        raise CliError(f"{', '.join(missing)}: arXiv has no paper with this ID")
    return found
