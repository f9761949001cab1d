"""Papers that cannot be resolved: one located warning each, and the page still builds."""

from __future__ import annotations

import pytest

from conftest import heading_text, warnings_of

WEEK = "issues/2020/11/w45"


@pytest.mark.sphinx("html", testroot="bad-paper", freshenv=True)
def test_located_warnings_and_page_still_built(app, page):
    app.build()
    warnings = warnings_of(app)
    expected = {
        9: ("'2010.1563x' is not a valid arXiv ID", "mlnews.arxiv_id"),
        15: ("no entry in the bibliography has eprint = {2101.00001}", "mlnews.unknown_paper"),
        21: ("no entry with key 'nosuchkey2020'", "mlnews.unknown_paper"),
        39: ("tag '存在しないタグ' is not in mlnews_tags (生成モデル)", "mlnews.tag"),
        27: ("arXiv:2010.07432v3 names version 3 but entry 'tamkin2020viewmaker' describes arXiv:2010.07432v2", "mlnews.version"),
    }
    assert len(warnings) == len(expected), warnings
    for line, (message, subtype) in expected.items():
        matching = [w for w in warnings if f"{WEEK}.md:{line}:" in w]
        assert len(matching) == 1, (line, warnings)
        assert message in matching[0] and f"[{subtype}]" in matching[0]
    soup = page(WEEK)
    # Every card is still on the page with its headline and summary.
    headlines = [heading_text(h) for h in soup.select("section.mlnews-paper > h3")]
    assert headlines == ["malformed", "missing from refs.bib", "unknown key", "version disagrees", "still rendered"]
    assert heading_text(soup.select_one("section.mlnews-item > h3")) == "unknown tag"
    good = soup.find(id="arxiv-2010-15639")
    assert good.select_one(".mlnews-paper-title a").get_text() == "Teaching a GAN What Not to Learn"


@pytest.mark.sphinx("html", testroot="bad-paper", freshenv=True, confoverrides={"suppress_warnings": ["mlnews.unknown_paper"]})
def test_warnings_can_be_suppressed_by_subtype(app):
    app.build()
    assert not any("unknown_paper" in w for w in warnings_of(app))
    assert any("mlnews.arxiv_id" in w for w in warnings_of(app))
