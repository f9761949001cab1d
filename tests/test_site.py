"""The real site in this repository builds with warnings as errors."""

from __future__ import annotations

from sphinx.cmd.build import build_main

from conftest import REPO, parse_html


def test_real_site_builds_with_W(tmp_path):
    out = tmp_path / "html"
    status = build_main(["-W", "--keep-going", "-q", "-b", "html", "-d", str(tmp_path / "doctrees"), str(REPO), str(out)])
    assert status == 0
    week = parse_html(out / "issues/2020/11/w45.html")
    cards = week.select("section.mlnews-paper")
    assert [c["data-arxiv"] for c in cards] == ["2010.15639", "2010.07432", "2010.15327", "2010.12606", "2010.13581"]
    assert len(week.select("section.mlnews-item")) == 4
    picks = [c["data-arxiv"] for c in week.select("section.mlnews-paper.mlnews-pick")]
    assert picks == ["2010.07432", "2010.15327", "2010.12606"]
