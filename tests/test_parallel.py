"""A parallel build (-j 2) writes the pages a serial build writes, for every test root that has one behaviour to keep.

Each root is built fresh twice, serially and with two processes, and every
HTML page of the output (documents, Sphinx's own pages, the tag pages) is
compared parsed and printed the same way; so are the feeds, entry by entry,
and the sitemap.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from conftest import build, copy_root, normalised

ROOTS = {
    "archive": "navigation, picks, paper lists and featured-in across weeks",
    "bibrefs": "citations, week references and the bibliography's backlinks",
    "paper": "cards and the indexed cite domain",
    "sidebar": "the per-page sidebar",
    "reader": "feeds and tag pages",
}


def feed_entries(path: Path) -> list[tuple[str, str, str, str]]:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [(e.title, e.link, e.get("published", ""), e.get("summary", "")) for e in parsed.entries]


@pytest.mark.parametrize("root", ROOTS)
def test_parallel_build_equals_serial_build(tmp_path, root):
    src = copy_root(root, tmp_path / "src")
    serial = build(src, tmp_path / "serial", fresh=True)
    parallel = build(src, tmp_path / "parallel", parallel=2, fresh=True)
    assert parallel.app.is_parallel_allowed("read") and parallel.app.is_parallel_allowed("write")
    assert serial.warnings == parallel.warnings == []
    pages = sorted(path.relative_to(serial.outdir) for path in serial.outdir.rglob("*.html"))
    assert {f"{docname}.html" for docname in serial.docnames} <= {str(p) for p in pages}
    assert pages == sorted(path.relative_to(parallel.outdir) for path in parallel.outdir.rglob("*.html"))
    different = [str(page) for page in pages if normalised(serial.outdir / page) != normalised(parallel.outdir / page)]
    assert different == []
    xml = sorted(path.relative_to(serial.outdir) for path in serial.outdir.rglob("*.xml"))
    assert xml == sorted(path.relative_to(parallel.outdir) for path in parallel.outdir.rglob("*.xml"))
    for name in xml:
        if name.name == "sitemap.xml":  # sorted, whatever order the pages were written in
            assert (serial.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes()
        else:  # a feed: its <updated> is the time it was written
            assert feed_entries(serial.outdir / name) == feed_entries(parallel.outdir / name), name
