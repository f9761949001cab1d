"""Wrong input to the archive is a located warning, and the rest of the site still builds."""

from __future__ import annotations

import pytest

from conftest import warnings_of


@pytest.mark.sphinx("html", testroot="archive-warnings")
def test_located_warnings(app, page):
    app.build()
    warnings = warnings_of(app)

    def one(fragment: str, subtype: str) -> str:
        found = [w for w in warnings if fragment in w and f"[mlnews.{subtype}]" in w]
        assert len(found) == 1, (fragment, warnings)
        return found[0]

    # A week filed outside its date's month folder, which also makes the week twice.
    one("issues/2020/10/w45.md:2:", "week_path")
    duplicate_week = one("issues/2020/10/w45.md:2:", "duplicate")
    assert "week 45 of 2020 already has a page, issues/2020/11/w45" in duplicate_week
    # The same paper as a new item of two weeks: at the later card.
    repeated = one("issues/2020/11/w46.md:13:", "duplicate")
    assert "asokan2020teaching" in repeated and "issues/2020/11/w45" in repeated
    # Filters naming an unknown period, tag or kind.
    assert "'2020-Q5'" in one("summaries/2020/11.md:7:", "period")
    assert "存在しないタグ" in one("summaries/2020/11.md:11:", "tag")
    assert "'everything'" in one("summaries/2020/11.md:11:", "option")
    # A summary whose period names nothing, and a list with no period to default to.
    one("summaries/2020/q5.md:2:", "period")
    one("index.md:11:", "period")
    assert len(warnings) == 8, warnings

    # The rest builds: the valid filter still lists, the bad one says it found nothing.
    lists = page("summaries/2020/11").select("div.mlnews-paperlist")
    assert lists[0].get_text(strip=True) == "該当する論文はまだありません。"
    assert [a.get_text() for a in lists[1].select("a")] == ["初めて紹介する"]
    # Both weeks' cards of the paper link to each other.
    w46 = page("issues/2020/11/w46").select_one('section[data-arxiv="2010.15639"] .mlnews-card-featured-in a')
    assert w46["href"] == "w45.html#arxiv-2010-15639"
