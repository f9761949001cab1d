"""Timing of ``mlnews import`` on a note.com export of many weekly posts (issue 17's goal: 150 posts in < 10 s).

Not a test: run it by hand, ``.venv/bin/python bench/bench_import.py [POSTS]``.
It writes a synthetic export (default 150 weekly posts, each with six arXiv
papers, four articles, picks, navigation, a footer and an image per item) as a
ZIP with its ``assets/``, starts a new project with ``mlnews init``, and times
``mlnews import`` against the local arXiv stand-in (``tests/arxiv_server.py``,
no politeness delay). The time the stand-in took to answer is reported apart:
the goal is the import's own time, "plus the arXiv requests" (against arXiv,
one request per 100 papers and three seconds between requests).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from arxiv_server import FakeArxiv, Paper  # noqa: E402

from mlnews.cli import arxiv_client, main  # noqa: E402
from mlnews.core.weeks import week_of  # noqa: E402

PAPERS_PER_POST = 6
ITEMS_PER_POST = 4


def _png(seed: int) -> bytes:
    raw = b"".join(b"\x00" + bytes(((seed * 7) % 256, (seed * 13) % 256, (seed * 29) % 256)) * 16 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 16, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _post(number: int, start: dt.date, papers: list[str], images: dict[str, bytes]) -> str:
    week = week_of(start)
    html = [
        f"<p>{week.year}年第{week.number}週({start.month}/{start.day}~)に読んだ論文や記事を紹介します。</p>",
        "<p>今週の注目記事/論文</p>",
        f"<p>第{number}回の一本目の論文の見出し<br>第{number}回の記事一の見出し</p>",
        "<p>過去の記事</p>",
        f"<p><a href='https://note.com/example_ml/n/prev{number}'>Week {week.number - 1}の記事</a> ⇦ Week {week.number}の記事(コレ)⇨ Week {week.number + 1}の記事</p>",
        "<p>内容 :</p><p>1. 論文<br>2. 技術的な記事等<br>3. 実社会における機械学習適用例<br>4. その他話題</p><hr>",
        "<h2>1. 論文</h2>",
    ]

    def figure(tag: str) -> str:
        name = f"picture_pc_{tag}.png"
        images[name] = _png(len(images))
        return f"<figure><img src='https://assets.st-note.com/production/uploads/images/1/{name}' alt='画像'></figure>"

    ordinal = ["一", "二", "三", "四", "五", "六"]
    for i, arxiv in enumerate(papers):
        html += [
            f"<h3>第{number}回の{ordinal[i]}本目の論文の見出し</h3>",
            f"<p>A Study of Things Number {number}-{i}<br><a href='https://arxiv.org/abs/{arxiv}'>https://arxiv.org/abs/{arxiv}</a></p>",
            f"<p>この論文は第{number}回の{i + 1}本目として紹介する、要約の文章です。*強調* のような記号も含みます。</p>",
            f"<p>二つ目の段落では結果を述べます。精度が {i + 1} ポイント上がりました。</p>",
            figure(f"{number:04d}p{i}"),
        ]
    for section, title in ((2, "2. 技術的な記事等"), (3, "3. 実社会における機械学習適用例"), (4, "4. その他話題")):
        html.append(f"<h2>{title}</h2>")
        count = 2 if section == 2 else 1
        for j in range(count):
            html += [
                f"<h3>第{number}回の記事{'一二'[j]}の見出し</h3>" if section == 2 else f"<h3>第{number}回の話題{section}の見出し</h3>",
                f"<p><a href='https://example.org/{number}/{section}/{j}'>An Article Title {number}-{section}-{j}</a></p>",
                f"<p>記事の要約です。第{number}回、節{section}の{j + 1}つ目。</p>",
                figure(f"{number:04d}s{section}{j}"),
            ]
    html += ["<p>Twitter でも紹介しています @example_ml</p>", "<p>記事は以上です。ここから下は有料設定です。</p>"]
    return "\n".join(html)


def write_export(folder: Path, posts: int) -> tuple[Path, list[Paper]]:
    """The export ZIP of *posts* weekly posts, and the papers they link."""
    first = dt.date(2018, 1, 7)
    images: dict[str, bytes] = {}
    items, papers = [], []
    for number in range(1, posts + 1):
        start = first + dt.timedelta(days=7 * (number - 1))
        week = week_of(start)
        ids = [f"{start.year % 100:02d}{start.month:02d}.{number * 10 + i:05d}" for i in range(PAPERS_PER_POST)]
        papers += [Paper(i, 1, f"A Study of Things Number {number}-{n}", ["Ann Smith", "Bo Li"], published=f"{start.isoformat()}T10:00:00Z")
                   for n, i in enumerate(ids)]
        body = _post(number, start, ids, images)
        items.append(
            f"<item><title>Akira's ML news #Week {week.number}, {week.year}</title>"
            f"<link>https://note.com/example_ml/n/w{number}</link>"
            f"<pubDate>{(start + dt.timedelta(days=6)).strftime('%a, %d %b %Y')} 12:00:00 +0000</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded>"
            "<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>example_ml</title><wp:wxr_version>1.2</wp:wxr_version>\n" + "\n".join(items) + "</channel></rss>\n"
    )
    path = folder / "export.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.xml", xml)
        for name, data in images.items():
            archive.writestr(f"assets/{name}", data)
    path.write_bytes(buffer.getvalue())
    return path, papers


def main_bench() -> None:
    posts = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    arxiv_client.DELAY_SECONDS = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        export, papers = write_export(folder, posts)
        site = folder / "site"
        main(["init", str(site), "--title", "Bench news"])
        with FakeArxiv() as server:
            server.add(*papers)
            os.environ["MLNEWS_ARXIV_URL"] = server.url
            answered = 0.0
            handler = server.httpd.RequestHandlerClass
            served = handler.do_GET

            def timed(self: object) -> None:
                nonlocal answered
                began = time.perf_counter()
                served(self)
                answered += time.perf_counter() - began

            handler.do_GET = timed
            import mlnews.cli.importer as importer

            writing = {"seconds": 0.0, "files": 0}
            write = importer.atomic_replace

            def timed_write(changes):
                began = time.perf_counter()
                write(changes)
                writing["seconds"] += time.perf_counter() - began
                writing["files"] += len(changes)

            importer.atomic_replace = timed_write
            devnull = open(os.devnull, "w")
            saved = sys.stdout
            sys.stdout = devnull
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                status = main(["--root", str(site), "import", str(export)])
            finally:
                sys.stdout = saved
                devnull.close()
            took, cpu = time.perf_counter() - t0, time.process_time() - c0
        pages = len(list((site / "issues").rglob("w*.md")))
        images = len(list((site / "issues").rglob("img/*")))
        print(
            f"import: {posts} posts, {len(papers)} papers in {len(server.requests)} arXiv requests, "
            f"{pages} week pages, {images} images: {took:.2f} s ({cpu:.2f} s CPU), of which the arXiv stand-in "
            f"{answered:.2f} s (exit status {status}); without arXiv: {took - answered:.2f} s, "
            f"of which writing {writing['files']} files {writing['seconds']:.2f} s"
        )
        t1 = time.perf_counter()
        with open(os.devnull, "w") as devnull:
            saved, sys.stdout = sys.stdout, devnull
            try:
                again = main(["--root", str(site), "import", str(export)])
            finally:
                sys.stdout = saved
        print(f"import again (nothing to change): {time.perf_counter() - t1:.2f} s (exit status {again})")


if __name__ == "__main__":
    main_bench()
