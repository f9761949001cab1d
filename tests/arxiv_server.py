"""A stand-in for arXiv's export API on 127.0.0.1, answering in arXiv's Atom format.

Feeds are built like arXiv's: the opensearch header, one ``<entry>`` per known
ID (in an order of the server's choosing, as arXiv does not keep the request's
order), ``id`` with the version, ``arxiv:primary_category``, ``category``,
the ``alternate`` and ``pdf`` links, and ``arxiv:doi`` / ``arxiv:journal_ref``
when the paper has them. An ID the server does not know is left out.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

__all__ = ["Paper", "FakeArxiv", "atom_feed"]


@dataclass
class Paper:
    """One version of a paper, as arXiv describes it."""

    id: str
    """Without version: ``2010.15639``, ``hep-th/9901001``."""
    version: int
    title: str
    authors: list[str]
    published: str = "2020-10-29T13:58:21Z"
    updated: str = ""
    primary: str = "cs.LG"
    categories: list[str] = field(default_factory=lambda: ["cs.LG"])
    doi: str = ""
    journal_ref: str = ""
    comment: str = ""


def _entry(paper: Paper) -> str:
    versioned = f"{paper.id}v{paper.version}"
    authors = "".join(f"\n    <author>\n      <name>{escape(a)}</name>\n    </author>" for a in paper.authors)
    extra = ""
    if paper.comment:
        extra += f'\n    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">{escape(paper.comment)}</arxiv:comment>'
    if paper.journal_ref:
        extra += f'\n    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">{escape(paper.journal_ref)}</arxiv:journal_ref>'
    links = (
        f'\n    <link href="http://arxiv.org/abs/{versioned}" rel="alternate" type="text/html"/>'
        f'\n    <link title="pdf" href="http://arxiv.org/pdf/{versioned}" rel="related" type="application/pdf"/>'
    )
    if paper.doi:
        extra += f'\n    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">{escape(paper.doi)}</arxiv:doi>'
        links += f'\n    <link title="doi" href="http://dx.doi.org/{escape(paper.doi)}" rel="related"/>'
    categories = "".join(
        f'\n    <category term={quoteattr(c)} scheme="http://arxiv.org/schemas/atom"/>' for c in paper.categories
    )
    return f"""  <entry>
    <id>http://arxiv.org/abs/{versioned}</id>
    <updated>{paper.updated or paper.published}</updated>
    <published>{paper.published}</published>
    <title>{escape(paper.title)}</title>
    <summary>  A summary written for the tests; the CLI does not use it.
</summary>{authors}{extra}{links}
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term={quoteattr(paper.primary)} scheme="http://arxiv.org/schemas/atom"/>{categories}
  </entry>
"""


def atom_feed(papers: list[Paper], query: str = "", total: int | None = None) -> bytes:
    """A whole answer of the API for *papers* (of *total* results, by default as many)."""
    entries = "".join(_entry(p) for p in papers)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?{escape(query)}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: {escape(query)}</title>
  <id>http://arxiv.org/api/6HyRGs4pwYpw3RPuYsD1L1Jfq0c</id>
  <updated>2020-11-02T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{len(papers) if total is None else total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{len(papers)}</opensearch:itemsPerPage>
{entries}</feed>
""".encode()


class FakeArxiv:
    """The server: ``papers`` by ID; ``failures`` (statuses) answered first; ``delay`` per request."""

    def __init__(self) -> None:
        self.papers: dict[str, list[Paper]] = {}
        self.failures: list[int] = []
        self.delay = 0.0
        self.count_unknown = False
        """Count unknown IDs in totalResults, and answer later pages empty (an old arXiv bug)."""
        self.body: bytes | None = None
        """When set, the answer to every request (a malformed feed)."""
        self.requests: list[dict[str, list[str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = urlsplit(self.path).query
                server.requests.append(parse_qs(query))
                if server.delay:
                    time.sleep(server.delay)
                if server.failures:
                    status = server.failures.pop(0)
                    self._send(status, b"<html><body>Service Unavailable</body></html>", "text/html")
                    return
                if server.body is not None:
                    self._send(200, server.body, "application/atom+xml")
                    return
                params = parse_qs(query)
                ids = [i for i in params.get("id_list", [""])[0].split(",") if i]
                found = [p for p in (server.lookup(i) for i in ids) if p is not None]
                total = len(ids) if server.count_unknown else len(found)
                if int(params.get("start", ["0"])[0]) > 0:
                    found = []
                self._send(200, atom_feed(list(reversed(found)), query, total), "application/atom+xml; charset=utf-8")

            def _send(self, status: int, body: bytes, kind: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/query"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def add(self, *papers: Paper) -> None:
        """Publish versions of papers (the highest version is the latest)."""
        for paper in papers:
            self.papers.setdefault(paper.id, []).append(paper)
            self.papers[paper.id].sort(key=lambda p: p.version)

    def lookup(self, text: str) -> Paper | None:
        """What arXiv answers for one ID of ``id_list``: that version, or the latest."""
        match = re.match(r"^(?P<base>.+?)(?:v(?P<version>\d+))?$", text)
        assert match is not None
        base, version = match["base"], match["version"] or ""
        # arXiv drops the subject class of old-style IDs (math.GT/0309136 -> math/0309136).
        archive, slash, number = base.partition("/")
        base = f"{archive.split('.')[0]}/{number}" if slash else base
        versions = self.papers.get(base, [])
        if version:
            return next((p for p in versions if p.version == int(version)), None)
        return versions[-1] if versions else None

    def __enter__(self) -> FakeArxiv:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
