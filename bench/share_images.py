"""What the share images cost: every week's and summary's image of a site, drawn from nothing.

Not a test: run it by hand,

    .venv/bin/python bench/share_images.py            # the real site of this repository
    .venv/bin/python bench/share_images.py --weeks 260  # a synthetic archive (bench/generate.py)

It builds the site once with the images off (``-D mlnews_share_images=0``,
the build's own CPU time printed for scale), then, on the built environment,
lays out and draws every image into an empty folder as a clean build does
(:func:`mlnews.reader.share_image.draw_if_changed`), and once more into the
same folder, where nothing changed and nothing is drawn. Times are CPU seconds
of this process (the machine is shared; wall-clock times follow the load).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=0, help="a synthetic archive of this many weeks (default: the real site)")
    args = parser.parse_args(argv)

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    from mlnews.data import NewsData
    from mlnews.reader import share_image

    with tempfile.TemporaryDirectory(prefix="mlnews-share-") as scratch:
        work = Path(scratch)
        if args.weeks:
            from generate import plan, write_project

            src = write_project(work / "src", plan(args.weeks), args.weeks, "site")
            name = f"{args.weeks}-week archive"
        else:
            src, name = REPO, "the real site"
        out = work / "html"
        start, children = _cpu(), _children_cpu()
        with docutils_namespace():
            app = Sphinx(
                str(src), str(src), str(out), str(work / "doctrees"), "html",
                confoverrides={"mlnews_share_images": False}, status=None, warning=sys.stderr, freshenv=True,
            )
            app.build()
            build_cpu = _cpu() - start + _children_cpu() - children
            app.config.mlnews_share_images = True  # the images' own switch, for share_image()
            news = NewsData(app.env)
            weeks = dict(news.weeks())
            docnames = sorted(set(weeks) | set(news.summaries()))
            fonts = share_image.find_fonts(app.config.mlnews_share_image_font)
            if fonts is None:
                raise SystemExit("no Japanese font: apt-get install fonts-noto-cjk")
            images = work / "images"

            def draw_all() -> tuple[float, int]:
                share_image._lay_out.cache_clear()  # a fresh process lays every page out
                began = _cpu()
                drawn = 0
                for docname in docnames:
                    image = share_image.share_image(app, docname)
                    assert image is not None, docname
                    drawn += share_image.draw_if_changed(images, image)
                return _cpu() - began, drawn

            clean, drawn = draw_all()
            again, redrawn = draw_all()
            size = sum(path.stat().st_size for path in images.rglob("*.png"))
        shutil.rmtree(images, ignore_errors=True)

    print(f"{name}: {len(weeks)} weeks, {len(docnames) - len(weeks)} summaries; fonts {fonts.bold}")
    print(f"  build without images         {build_cpu:8.2f} s CPU")
    print(f"  draw every image (clean)     {clean:8.2f} s CPU  {drawn} images, {clean / max(drawn, 1) * 1000:.1f} ms each, {size / 1e6:.1f} MB")
    print(f"  check them again (no change) {again:8.2f} s CPU  {redrawn} drawn")
    print(f"  images / build               {clean / build_cpu:8.1%}")


if __name__ == "__main__":
    main()
