"""The archive never goes stale: incremental and parallel builds give a clean build's HTML.

Each test builds the archive test root, changes its weeks the way an editor
does, rebuilds without -E and compares every page, parsed and normalised, with
a clean build of the changed sources.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import warnings_of

ROOT = Path(__file__).parent / "roots" / "test-archive"


def build(src: Path, builddir: Path, parallel: int = 0, fresh: bool = False) -> tuple[list[str], set[str], list[str]]:
    """Build *src* into *builddir*; the warnings, the found docnames and the pages written."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.console import strip_escape_sequences

    status = StringIO()
    app = SphinxTestApp("html", srcdir=src, builddir=builddir, parallel=parallel, freshenv=fresh, status=status)
    try:
        assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
        app.build()
        output = strip_escape_sequences(status.getvalue())
        written = re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", output)
        return warnings_of(app), set(app.env.found_docs), written
    finally:
        app.cleanup()


def normalised(path: Path) -> str:
    """A page, parsed and printed the same way whatever wrote it."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.prettify()


def assert_same_pages(docnames: set[str], left: Path, right: Path) -> None:
    """The documents, Sphinx's own pages and the tag pages of *right* (a clean build) match *left*."""
    tag_pages = sorted(str(path.relative_to(right).with_suffix("")) for path in (right / "tags").glob("*.html"))
    assert tag_pages, "the archive has tag pages"
    different = [
        pagename
        for pagename in sorted(docnames) + ["genindex", "search"] + tag_pages
        if normalised(left / f"{pagename}.html") != normalised(right / f"{pagename}.html")
    ]
    assert different == []


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    # Later than anything the first build read, whatever the file system's clock resolution.
    future = time.time() + 5
    os.utime(path, (future, future))


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    write(path, text.replace(old, new))


def add_week(src: Path) -> None:
    write(
        src / "issues/2020/11/w47.md",
        "---\ndate: 2020-11-15\n---\n\n# 第47週\n\n## 論文\n\n"
        ":::{paper} 2010.13581\n:headline: 拘束を明示する\n:pick:\n:tags: 物理とML\n\n"
        "{cite:p}`borowski2020exemplary` とは別の話題です。\n:::\n",
    )
    # The paper was week 1's new item; that week now cites it instead of featuring it.
    write(
        src / "issues/2020/12/w01.md",
        "---\ndate: 2020-12-27\n---\n\n# 2021年 第1週\n\n第47週の {cite:t}`finzi2020simplifying` の続報を待っています。\n",
    )


def edit_week(src: Path) -> None:
    """Move a pick to another card and change a headline."""
    w45 = src / "issues/2020/11/w45.md"
    replace(w45, ":headline: 学習で作るビュー\n:pick:\n", ":headline: 学習で作るビュー\n")
    replace(w45, ":headline: 幅と深さとブロック構造\n", ":headline: 幅と深さが生む層の塊\n:pick:\n")


def retitle_week(src: Path) -> None:
    replace(src / "issues/2020/11/w46.md", "# 第46週", "# 2020年 第46週")


def rename_week(src: Path) -> None:
    """Week 46 was filed a week early: it becomes week 47."""
    old = src / "issues/2020/11/w46.md"
    text = old.read_text(encoding="utf-8").replace("2020-11-08", "2020-11-15").replace("# 第46週", "# 第47週")
    old.unlink()
    write(src / "issues/2020/11/w47.md", text)


def delete_week(src: Path) -> None:
    (src / "issues/2020/11/w45.md").unlink()


def delete_last_week(src: Path) -> None:
    (src / "issues/2021/01/w02.md").unlink()


def add_month_first_week(src: Path) -> None:
    write(src / "issues/2020/09/w38.md", "---\ndate: 2020-09-13\n---\n\n# 第38週\n\n短い号です。\n")


def edit_summary(src: Path) -> None:
    """A summary cites another paper and changes its filter."""
    q4 = src / "summaries/2020/q4.md"
    replace(q4, "{cite:p}`tamkin2020viewmaker`", "{cite:p}`borowski2020exemplary`")
    replace(q4, ":kind: all\n", "")


EDITS: dict[str, Callable[[Path], None]] = {
    "add": add_week,
    "add-to-empty-month": add_month_first_week,
    "edit": edit_week,
    "retitle": retitle_week,
    "rename": rename_week,
    "delete": delete_week,
    "delete-latest": delete_last_week,
    "edit-summary": edit_summary,
}


@pytest.mark.parametrize("parallel", [0, 2], ids=["j1", "j2"])
@pytest.mark.parametrize("edit", EDITS)
def test_incremental_build_equals_clean_build(tmp_path, edit, parallel):
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    shutil.copytree(ROOT, incremental)
    warnings, _, _ = build(incremental, tmp_path / "inc-build", parallel)
    assert warnings == []

    EDITS[edit](incremental)
    shutil.copytree(incremental, clean)
    warnings, docnames, _ = build(incremental, tmp_path / "inc-build", parallel)
    clean_warnings, clean_docnames, _ = build(clean, tmp_path / "clean-build", parallel, fresh=True)
    assert docnames == clean_docnames
    assert warnings == clean_warnings == []
    assert_same_pages(docnames, tmp_path / "inc-build/html", tmp_path / "clean-build/html")


def test_parallel_build_equals_serial_build(tmp_path):
    shutil.copytree(ROOT, tmp_path / "src")
    serial_warnings, docnames, _ = build(tmp_path / "src", tmp_path / "serial", 0, fresh=True)
    parallel_warnings, _, _ = build(tmp_path / "src", tmp_path / "parallel", 2, fresh=True)
    assert serial_warnings == parallel_warnings == []
    assert_same_pages(docnames, tmp_path / "serial/html", tmp_path / "parallel/html")


def test_unrelated_edit_rewrites_only_its_page(tmp_path):
    """Correct, not wasteful: a summary's wording touches no week and no other page."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    build(src, tmp_path / "build")
    replace(src / "summaries/2020/h2.md", "# 2020年 下半期\n", "# 2020年 下半期\n\n半年をふり返ります。\n")
    _, _, written = build(src, tmp_path / "build")
    # The page and, by Sphinx's own rule, the page whose toctree holds it; not the
    # bibliography, whose backlinks did not change.
    assert sorted(written) == ["summaries/2020/h2", "summaries/2020/index"]
    # No week and no other summary: their placeholders show nothing new.
    assert not [docname for docname in written if docname.startswith("issues/")]
