"""What a reader's search query downloads, Pagefind against Sphinx's search (issue 19).

For each size: one synthetic archive (``generate.py``'s ``site`` flavour, or
``--flavour issue`` for the issue's shape), built twice in a child process:
with Pagefind (mlnews' default) and with ``-D mlnews_search=sphinx`` (Sphinx's
own search index, as plain Sphinx builds it). Then, in Debian's Chromium
driven by Playwright, ``search.html?q=…`` for each query on a fresh tab (an
empty cache), summing the bytes of the search's responses:

- Pagefind: everything under ``pagefind/`` (its client and worker, WebAssembly,
  the entry and meta files, the index chunks of the query's words, the filter
  chunks, the fragments of the results shown) and mlnews' front end
  ``_static/mlnews-pagefind.js`` (Pagefind's own UI is not loaded);
- Sphinx: ``searchindex.js``, ``searchtools.js``, ``language_data.js``.

Bytes are the response bodies as served by ``http.server`` (no compression),
and gzip's size of the same bodies (what a server that compresses sends).
Also: each build's wall and CPU seconds, and Pagefind's index time alone
(:func:`mlnews.reader.pagefind.index_site` on the built site).

Usage: ``.venv/bin/python bench/search_bytes.py --sizes 130,260,520,1040``
(one build per size and engine; results printed as a Markdown table).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import resource
import shutil
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ISSUE_FLAVOURS, issue_shape, plan, write_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERIES = ("評価", "強化学習", "弱点", "Contrastive", "Müller")
"""A two-kanji word, a compound, a rarer word, an English title word, an author."""
SPHINX_FILES = ("searchindex.js", "searchtools.js", "language_data.js")
PAGEFIND_FILES = ("mlnews-pagefind.js",)
"""Besides everything under ``pagefind/``: the search page's own script (its CSS is in the
style sheet every page loads, like the theme's styles of Sphinx's search page)."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def build(src: Path, out: Path, engine: str) -> tuple[float, float]:
    """A clean build of *src*; its (wall, CPU) seconds."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(out.parent / f"doctrees-{engine}")]
    shutil.rmtree(out.parent / f"doctrees-{engine}", ignore_errors=True)
    if engine == "sphinx":
        command += ["-D", "mlnews_search=sphinx"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    subprocess.run([*command, str(src), str(out)], check=True, capture_output=True)
    wall = time.perf_counter() - begin
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def query_bytes(site: Path, engine: str, queries: tuple[str, ...]) -> dict[str, tuple[int, int, int]]:
    """``query -> (bytes, gzip bytes, results)`` of each query on a fresh tab."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found: dict[str, tuple[int, int, int]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            for query in queries:
                context = browser.new_context()
                tab = context.new_page()
                bodies: list[bytes] = []

                def record(response, bodies=bodies) -> None:
                    path = response.url[len(base) :].split("?")[0]
                    name = path.rsplit("/", 1)[-1]
                    if engine == "pagefind":
                        wanted = path.startswith("pagefind/") or name in PAGEFIND_FILES
                    else:
                        wanted = name in SPHINX_FILES
                    if wanted:
                        try:
                            bodies.append(response.body())
                        except Exception:  # noqa: BLE001 - a redirect has no body
                            pass

                tab.on("response", record)
                tab.goto(base + "search.html?q=" + quote(query), wait_until="load")
                if engine == "pagefind":
                    # mlnews-pagefind.js marks the box done once the count and the first results are shown.
                    tab.wait_for_function(
                        "() => document.getElementById('mlnews-search').dataset.state === 'done'", timeout=120_000
                    )
                    results = int(tab.locator("#mlnews-search").get_attribute("data-count"))
                else:
                    tab.wait_for_function(
                        "() => typeof Search !== 'undefined' && Search.title && "
                        "Search.title.innerText === Documentation.gettext('Search Results')",
                        timeout=120_000,
                    )
                    results = tab.locator("#search-results ul.search li").count()
                tab.wait_for_load_state("networkidle")
                found[query] = (sum(map(len, bodies)), sum(len(gzip.compress(b)) for b in bodies), results)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def measure(weeks: int, work: Path, flavour: str, engines: tuple[str, ...] = ("pagefind", "sphinx")) -> dict:
    src = work / f"src-{weeks}"
    shutil.rmtree(src, ignore_errors=True)
    archive = plan(weeks, seed=0)
    write_project(src, issue_shape(archive) if flavour in ISSUE_FLAVOURS else archive, weeks, flavour)
    row: dict = {"weeks": weeks}
    for engine in engines:
        out = work / f"html-{weeks}-{engine}"
        row[f"{engine}_build"] = build(src, out, engine)
        row[f"{engine}_bytes"] = query_bytes(out, engine, QUERIES)
        if engine == "pagefind":
            from mlnews.reader.pagefind import index_site

            begin = time.perf_counter()
            row["pages"] = index_site(out)
            row["index_s"] = time.perf_counter() - begin
            row["index_kb"] = sum(p.stat().st_size for p in (out / "pagefind").rglob("*") if p.is_file()) / 1024
        else:
            row["searchindex_kb"] = (out / "searchindex.js").stat().st_size / 1024
    return row


def report(row: dict) -> str:
    lines = [f"### {row['weeks']} weeks ({row['pages']} pages indexed)", ""]
    pw, pc = row["pagefind_build"]
    build_line = f"- Clean build: Pagefind {pw:.1f} s ({pc:.1f} s CPU)"
    if "sphinx_build" in row:
        sw, sc = row["sphinx_build"]
        build_line += f", Sphinx's search {sw:.1f} s ({sc:.1f} s CPU)"
    build_line += f"; Pagefind's index alone {row['index_s']:.1f} s, {row['index_kb']:.0f} KB in all"
    if "searchindex_kb" in row:
        build_line += f"; `searchindex.js` {row['searchindex_kb']:.0f} KB"
    lines.append(build_line)
    lines += ["", "| query | Pagefind KB (gzip) | results | Sphinx KB (gzip) | results |", "| --- | --- | --- | --- | --- |"]
    for query in QUERIES:
        pb, pg, pr = row["pagefind_bytes"][query]
        sphinx = "| – | –"
        if "sphinx_bytes" in row:
            sb, sg, sr = row["sphinx_bytes"][query]
            sphinx = f"| {sb / 1024:.0f} ({sg / 1024:.0f}) | {sr}"
        lines.append(f"| {query} | {pb / 1024:.0f} ({pg / 1024:.0f}) | {pr} {sphinx} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="130,260")
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "_work" / "search")
    parser.add_argument("--flavour", default="site")
    parser.add_argument("--sphinx-up-to", type=int, default=10_000, help="build with Sphinx's search only up to this size")
    args = parser.parse_args(argv)
    for weeks in (int(s) for s in args.sizes.split(",")):
        engines = ("pagefind", "sphinx") if weeks <= args.sphinx_up_to else ("pagefind",)
        row = measure(weeks, args.work, args.flavour, engines)
        print(report(row), flush=True)
        shutil.rmtree(args.work / f"src-{weeks}", ignore_errors=True)
        for engine in ("pagefind", "sphinx"):
            shutil.rmtree(args.work / f"html-{weeks}-{engine}", ignore_errors=True)
            shutil.rmtree(args.work / f"doctrees-{engine}", ignore_errors=True)


if __name__ == "__main__":
    main()
