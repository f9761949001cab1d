"""The benchmark's synthetic archives are real projects that build cleanly (no timing here)."""

from __future__ import annotations

import sys

import pytest
from sphinx.cmd.build import build_main

from conftest import REPO, parse_html

sys.path.insert(0, str(REPO / "bench"))

from generate import add_week, edit_week, plan, write_project  # noqa: E402

WEEKS = 6


@pytest.mark.parametrize("flavour", ["site", "floor"])
def test_generated_archive_builds_with_W(tmp_path, flavour):
    archive = plan(WEEKS, seed=3)
    assert plan(WEEKS, seed=3) == archive  # deterministic
    src = write_project(tmp_path / "src", archive, WEEKS, flavour)
    weeks = sorted((src / "issues").rglob("w*.md"))
    assert len(weeks) == WEEKS
    args = ["-W", "--keep-going", "-q", "-b", "html", "-d", str(tmp_path / "doctrees"), str(src), str(tmp_path / "html")]
    assert build_main(args) == 0
    first = archive.weeks[0]
    page = parse_html(tmp_path / "html" / f"{first.docname}.html")
    if flavour == "site":
        cards = page.select("section.mlnews-paper")
        assert [c["data-arxiv"] for c in cards] == [p.arxiv for p in first.papers]
        assert len(page.select("section.mlnews-paper.mlnews-pick")) == sum(p.pick for p in first.papers)
    else:
        assert not page.select("section.mlnews-paper")
        assert len(page.select("h3")) == len(first.papers) + len(first.items)
    # The bench's two edits keep the project clean too.
    edit_week(src, archive, WEEKS)
    added = add_week(src, archive, WEEKS, flavour)
    assert build_main(args) == 0
    assert (tmp_path / "html" / f"{added}.html").exists()


def test_the_import_bench_export_imports_and_builds_with_W(tmp_path, monkeypatch, capsys):
    from arxiv_server import FakeArxiv
    from bench_import import write_export

    from mlnews.cli import arxiv_client, main

    export, papers = write_export(tmp_path, 3)
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    monkeypatch.setattr(arxiv_client, "DELAY_SECONDS", 0.0)
    with FakeArxiv() as server:
        server.add(*papers)
        monkeypatch.setenv("MLNEWS_ARXIV_URL", server.url)
        assert main(["--root", str(site), "import", str(export)]) == 0
    assert "3 posts imported: 3 pages written" in capsys.readouterr().out
    args = ["-W", "--keep-going", "-q", "-b", "html", "-d", str(tmp_path / "doctrees"), str(site), str(tmp_path / "html")]
    assert build_main(args) == 0
    week = parse_html(tmp_path / "html" / "issues/2018/01/w02.html")
    assert len(week.select("section.mlnews-paper")) == 6 and len(week.select("section.mlnews-item")) == 4
    assert len(week.select(".mlnews-card-figure img")) == 10
    assert len(week.select("section.mlnews-pick")) == 2


@pytest.mark.parametrize("flavour", ["issue", "issue-floor"])
def test_issue_shaped_archive_builds_with_W_and_shows_the_same_papers(tmp_path, flavour):
    from generate import issue_shape
    from pybtex.database import parse_file

    archive = issue_shape(plan(WEEKS, seed=3), seed=3)
    src = write_project(tmp_path / "src", archive, WEEKS, flavour)
    args = ["-W", "--keep-going", "-q", "-b", "html", "-d", str(tmp_path / "doctrees"), str(src), str(tmp_path / "html")]
    assert build_main(args) == 0
    shown = archive.weeks[:WEEKS]
    papers = [p for w in shown for p in w.papers]
    # The issue's shape: six papers a week, one pick, the same tag everywhere, three authors, no items.
    assert all(len(w.papers) == 6 and sum(p.pick for p in w.papers) == 1 and not w.items for w in shown)
    assert {t for p in papers for t in p.tags} == {archive.tags[0]}
    assert all(len(p.authors) == 3 and p.summary.count("\n") == 1 for p in papers)
    first = shown[0]
    page = parse_html(tmp_path / "html" / f"{first.docname}.html")
    if flavour == "issue":
        entries = parse_file(str(src / "refs.bib")).entries
        assert len(entries) == len(papers)
        assert all(
            len(e.persons["author"]) == 3 and e.fields["eprint"] and e.fields["primaryClass"] for e in entries.values()
        )
        assert [c["data-arxiv"] for c in page.select("section.mlnews-paper")] == [p.arxiv for p in first.papers]
    else:
        assert not page.select("section.mlnews-paper")
        links = [a["href"] for a in page.select("a[href^='https://arxiv.org/abs/']")]
        assert links == [f"https://arxiv.org/abs/{p.arxiv}" for p in first.papers]
        assert len(page.select("h3")) == len(first.papers)
        bibliography = parse_html(tmp_path / "html" / "bibliography.html")
        assert len(bibliography.select("article li")) == len(papers)
    # Each month page lists its papers (the site's paperlist, the floor's list by hand).
    year, month = first.month_key
    month_page = parse_html(tmp_path / "html" / f"summaries/{year}/{month:02d}.html")
    in_month = [p for w in shown if w.month_key == first.month_key for p in w.papers]
    listed = month_page.select(".mlnews-paperlist li") if flavour == "issue" else month_page.select("article li a[href*='issues/'] span.std-doc")
    assert len(listed) == len(in_month)
    # The bench's two edits keep the project clean too.
    edit_week(src, archive, WEEKS)
    added = add_week(src, archive, WEEKS, flavour)
    assert build_main(args) == 0
    assert (tmp_path / "html" / f"{added}.html").exists()
