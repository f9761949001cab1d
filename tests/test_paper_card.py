"""The paper and item cards, as a reader sees them in HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import heading_text, parse_html, warnings_of

WEEK = "issues/2020/11/w45"


def card(soup, arxiv):
    return soup.select_one(f'section.mlnews-paper[data-arxiv="{arxiv}"]')


@pytest.mark.sphinx("html", testroot="paper", freshenv=True)
def test_card_parts(app, page):
    app.build()
    assert warnings_of(app) == []
    soup = page(WEEK)
    node = card(soup, "2010.15639")
    assert node is not None and node["id"] == "arxiv-2010-15639"
    assert heading_text(node.find(["h2", "h3"])) == "GAN に学習させたくないデータを教える"
    title = node.select_one(".mlnews-paper-title a")
    assert title.get_text() == "Teaching a GAN What Not to Learn"
    assert title["href"] == "https://arxiv.org/abs/2010.15639"
    assert node.select_one(".mlnews-authors").get_text() == "Siddarth Asokan, Chandra Sekhar Seelamantula"
    assert node.select_one(".mlnews-year").get_text() == "2020"
    assert node.select_one(".mlnews-arxiv-id").get_text() == "arXiv:2010.15639 [cs.LG]"
    assert node.select_one("a.mlnews-abs")["href"] == "https://arxiv.org/abs/2010.15639"
    assert node.select_one("a.mlnews-pdf")["href"] == "https://arxiv.org/pdf/2010.15639"
    assert [t.get_text() for t in node.select(".mlnews-tag")] == ["生成モデル", "不均衡データ"]
    assert "mlnews-pick" in node["class"]
    assert node.select_one(".mlnews-pick-badge").get_text() == "注目"
    # The summary's source line break between two Japanese characters is no gap.
    assert "三つ目のクラスを与える方法です。" in node.select_one(".mlnews-summary").get_text()


@pytest.mark.sphinx("html", testroot="paper")
def test_card_image_has_title_as_alt(app, page):
    app.build()
    image = card(page(WEEK), "2010.15639").select_one(".mlnews-card-figure img")
    assert image["alt"] == "Teaching a GAN What Not to Learn"
    assert (Path(app.outdir) / WEEK).parent.joinpath(image["src"]).resolve().is_file()


@pytest.mark.sphinx("html", testroot="paper")
def test_headline_in_page_toc_with_stable_anchor(app, page):
    app.build()
    toc = [(a.get_text(strip=True), a["href"]) for a in page(WEEK).select(".sphinxlocaltoc a, div[role=navigation] a, nav a") if a.get("href", "").startswith("#")]
    assert ("GAN に学習させたくないデータを教える", "#arxiv-2010-15639") in toc
    assert ("旧形式の ID", "#arxiv-cs-0112017") in toc
    assert ("論文", "#papers") in toc and ("その他話題", "#other") in toc


@pytest.mark.sphinx("html", testroot="paper")
def test_citation_label_links_to_bibliography_entry(app, page):
    app.build()
    link = card(page(WEEK), "2010.15639").select_one(".mlnews-cite a")
    assert link.get_text() == "Asokan and Seelamantula, 2020"
    target_page, _, anchor = link["href"].partition("#")
    assert target_page == "../../../bibliography.html"
    entry = page("bibliography").find(id=anchor)
    assert entry is not None and "Teaching a GAN What Not to Learn" in entry.get_text()


@pytest.mark.sphinx("html", testroot="paper")
@pytest.mark.parametrize(
    ("arxiv", "anchor", "abs_url"),
    [
        ("2010.15327", "arxiv-2010-15327", "https://arxiv.org/abs/2010.15327v2"),
        ("2010.12606", "arxiv-2010-12606", "https://arxiv.org/abs/2010.12606v2"),
        ("cs/0112017", "arxiv-cs-0112017", "https://arxiv.org/abs/cs/0112017"),
        ("hep-th/9901001", "arxiv-hep-th-9901001", "https://arxiv.org/abs/hep-th/9901001"),
    ],
)
def test_every_id_form(app, page, arxiv, anchor, abs_url):
    app.build()
    node = card(page(WEEK), arxiv)
    assert node is not None, arxiv
    assert node["id"] == anchor
    assert node.select_one(".mlnews-paper-title a")["href"] == abs_url


@pytest.mark.sphinx("html", testroot="paper")
def test_card_and_bibliography_show_the_version_the_entry_describes(app, page):
    """``version = {2}`` in the entry: the card (named without version) and its bibliography entry say v2."""
    app.build()
    node = card(page(WEEK), "2010.12606")
    assert node["id"] == "arxiv-2010-12606"
    assert node.select_one(".mlnews-arxiv-id").get_text() == "arXiv:2010.12606v2 [cs.CV]"
    assert node.select_one("a.mlnews-abs")["href"] == "https://arxiv.org/abs/2010.12606v2"
    assert node.select_one("a.mlnews-pdf")["href"] == "https://arxiv.org/pdf/2010.12606v2"
    entry = page("bibliography").find(id=node.select_one(".mlnews-cite a")["href"].partition("#")[2])
    link = entry.select_one('a[href^="https://arxiv.org/abs/2010.12606"]')
    assert link.get_text() == "arXiv:2010.12606v2 [cs.CV]" and link["href"] == "https://arxiv.org/abs/2010.12606v2"
    # An entry without version says none, and links to the paper's latest version.
    plain = card(page(WEEK), "2010.15639")
    assert plain.select_one(".mlnews-arxiv-id").get_text() == "arXiv:2010.15639 [cs.LG]"


@pytest.mark.sphinx("html", testroot="paper")
def test_more_than_three_authors_are_cut_with_et_al(app, page):
    app.build()
    authors = card(page(WEEK), "2010.12606").select_one(".mlnews-authors").get_text()
    assert authors == "Judy Borowski, Roland S. Zimmermann, Judith Schepers et al."


@pytest.mark.sphinx("html", testroot="paper")
def test_paper_by_bibtex_key(app, page):
    app.build()
    node = page(WEEK).find(id="paper-castells2020superloss")
    assert node is not None and "mlnews-paper" in node["class"]
    assert not node.has_attr("data-arxiv")
    link = node.select_one(".mlnews-paper-title a")
    assert link.get_text() == "SuperLoss: A Generic Loss for Robust Curriculum Learning"
    assert link["href"].startswith("https://papers.nips.cc/")
    assert node.select_one(".mlnews-authors").get_text() == "Thibault Castells, Philippe Weinzaepfel, Jérôme Revaud"
    assert node.select_one(".mlnews-cite a")["href"].endswith("#cite-castells2020superloss")


@pytest.mark.sphinx("html", testroot="paper")
def test_item_card(app, page):
    app.build()
    node = page(WEEK).select_one("section.mlnews-item")
    assert heading_text(node.find(["h2", "h3"])) == "医用画像 AI の得意と不得意"
    link = node.select_one(".mlnews-item-title a")
    assert link["href"].startswith("https://thegradient.pub/why-skin-lesions")
    assert link.get_text() == "Why Skin Lesions are Peanuts and Brain Tumors Harder Nuts"
    assert node.find_parent("section")["id"] == "articles"


@pytest.mark.sphinx("latex", testroot="paper", freshenv=True)
def test_latex_builds_without_warnings(app):
    app.build()
    assert warnings_of(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "GAN に学習させたくないデータを教える" in tex
    assert "Teaching a GAN What Not to Learn" in tex
    # The card's title links to the paper on arXiv.
    assert "\\sphinxhref{https://arxiv.org/abs/2010.15639}{Teaching a GAN What Not to Learn}" in tex
