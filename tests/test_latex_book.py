"""The archive as a book: structure and cards in LaTeX (fast), then the PDF itself (needs TeX)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, build, warnings_of
from latexbook import (
    LEVELS,
    fonts,
    headings,
    make_pdfs,
    overfull_boxes,
    own_text,
    pdf_text,
    require_tex,
    squeeze,
    titles,
    undefined_references,
)
from mlnews.data import NewsData

BOOK_KEYS = ["asokan2020teaching", "muller2021special", "nguyen2020wide", "tamkin2020viewmaker"]


def _tex(app, name: str = "book") -> str:
    return (Path(app.outdir) / f"{name}.tex").read_text(encoding="utf-8")


def _body(tex: str) -> str:
    return tex[tex.index(r"\begin{document}") :]


@pytest.fixture
def book(app) -> str:
    app.build()
    assert warnings_of(app) == []
    return _body(_tex(app))


@pytest.mark.sphinx("latex", testroot="book")
def test_years_are_parts_months_are_chapters_in_time_order(book):
    assert titles(book, "part") == ["2020年", "2021年"]
    # The landing page's own headings and web navigation are not the book's.
    assert "年ごとのまとめ" not in book and "最新号" not in book and "ウェブ版" not in book
    # Quarter and half follow the last month they close; September has no
    # summary and no week yet, so it is no chapter at all.
    assert titles(book, "chapter") == ["2020年10月", "2020年11月", "2020年 第4四半期", "2020年 下半期", "2021年1月"]
    assert titles(book, "section") == [
        "2020年 第44週 (10月25日〜)",
        "2020年 第45週 (11月1日〜)",
        "2020年 第46週 (11月8日〜)",
        "2021年 第2週 (1月3日〜)",
    ]


@pytest.mark.sphinx("latex", testroot="book")
def test_month_summary_comes_before_its_weeks(book):
    november = next(h for h in headings(book) if h.title == "2020年11月")
    assert own_text(book, november).startswith("11月は GAN の学習方法と")


@pytest.mark.sphinx("latex", testroot="book")
def test_no_empty_parts_chapters_or_sections(book):
    found = headings(book)
    for i, heading in enumerate(found):
        deeper_follows = i + 1 < len(found) and LEVELS.index(found[i + 1].level) > LEVELS.index(heading.level)
        assert deeper_follows or own_text(book, heading), f"empty {heading.level}: {heading.title}"
    # The week sections without items are gone; those with items stay.
    assert titles(book, "subsection").count("論文") == 4
    assert "実社会における機械学習適用例" not in titles(book, "subsection")
    assert titles(book, "subsection").count("その他話題") == 1


@pytest.mark.sphinx("latex", testroot="book")
def test_bibliography_is_the_books_own_and_citations_point_into_it(book):
    # The bibliography page is no chapter: its entries are the book's bibliography, under its title.
    assert "参考文献" not in titles(book, "chapter")
    bibliography = book[book.index(r"\begin{sphinxthebibliography}") :]
    assert book.index(r"\renewcommand{\bibname}{参考文献}") < book.index(r"\begin{sphinxthebibliography}")
    items = re.findall(r"\\bibitem\[[^\]]*\]\{([^}]*)\}", bibliography)
    assert items == [f"bibliography:cite-{key}" for key in BOOK_KEYS]
    # Every citation (cards and summaries) links to an entry of it.
    targets = set(re.findall(r"\\hyperlink\{cite\.([^}]*)\}", book))
    assert targets == {f"bibliography:cite-{key}" for key in BOOK_KEYS}


@pytest.mark.sphinx("latex", testroot="book")
def test_paper_card_prints_headline_link_byline_id_citation_picture_tags(book):
    card = next(h for h in headings(book) if h.title == "手作りのデータ拡張に代わる、学習で作る「ビュー」")
    text = book[card.start : card.end]
    assert r"\label{\detokenize{issues/2020/11/w46:arxiv-2010-07432}}" in text
    meta = text[text.index(r"\begin{mlnewsmeta}") : text.index(r"\end{mlnewsmeta}")]
    assert r"\mlnewspick{注目}" in meta
    assert (
        r"\mlnewstitle{\sphinxhref{https://arxiv.org/abs/2010.07432}{Viewmaker Networks: "
        r"Learning Views for Unsupervised Representation Learning}}" in meta
    )
    assert r"\mlnewsbyline{Alex Tamkin, Mike Wu, Noah Goodman (2020)}" in meta
    assert r"\mlnewsid{arXiv:2010.07432 {[}cs.LG{]}}" in meta
    assert r"\hyperlink{cite.bibliography:cite-tamkin2020viewmaker}" in meta
    assert re.search(r"\\begin\{mlnewsfigure\}\s*\\noindent\\sphinxincludegraphics\{\{views\}\.png\}", text)
    assert text.index("入力に摂動を加える") < text.index(r"\mlnewstags{\mlnewstag{自己教師あり学習}\mlnewstag{データ拡張}}")


@pytest.mark.sphinx("latex", testroot="book")
def test_item_card_prints_linked_title_and_host(book):
    card = next(h for h in headings(book) if h.title == "医用画像 AI がうまくいく課題と難しい課題の違い")
    assert (
        r"\mlnewstitle{\sphinxhref{https://example.org/articles/medical-imaging}"
        r"{Why Some Medical Imaging Tasks Are Harder \& Slower}\mlnewshost{(example.org)}}" in book[card.start : card.end]
    )


@pytest.mark.sphinx("latex", testroot="book")
def test_card_data_is_escaped_for_tex(book):
    assert titles(book, "subsubsection")[-1] == (
        r"記号の多いタイトル: \& \% \_ \$ \textasciitilde{} \textasciicircum{} \textbackslash{} \{ \} をそのまま印刷する"
    )
    assert r"{Q\&A for 100\% of the Cases: \#tags and \_under}" in book
    assert r"\mlnewsbyline{Jan Müller, Kate Brien (2021)}" in book


@pytest.mark.sphinx("latex", testroot="book")
def test_a_book_per_year(app, book):
    year = _body(_tex(app, "book-2020"))
    assert re.search(r"\\title\{Book Fixture 2020年\}", _tex(app, "book-2020"))
    # A year's book has the archive's shape: the year a part, its months chapters.
    assert titles(year, "part") == ["2020年"]
    assert titles(year, "chapter") == ["2020年10月", "2020年11月", "2020年 第4四半期", "2020年 下半期"]
    assert "2021年1月" not in year
    assert titles(_body(_tex(app, "book-2021")), "part") == ["2021年"]
    # Each book's bibliography holds the papers it cites, numbered from 1.
    entries = re.compile(r"\\bibitem\[([^\]]*)\]\{bibliography:cite-([^}]*)\}")
    assert entries.findall(year) == [("1", "asokan2020teaching"), ("2", "nguyen2020wide"), ("3", "tamkin2020viewmaker")]
    assert entries.findall(_tex(app, "book-2021")) == [("1", "muller2021special")]


@pytest.mark.sphinx("html", testroot="book")
def test_html_keeps_the_web_order_and_pages(app, page):
    app.build()
    assert warnings_of(app) == []
    year = page("summaries/2020/index")
    months = [a.get_text() for a in year.select("div.toctree-wrapper a.reference")]
    # Newest first on the web, as the toctrees say; the book alone reads forward.
    assert months[:3] == ["2020年11月", "2020年10月", "2020年9月"]
    assert page("bibliography").select_one("h1").get_text().startswith("参考文献")


# -- The PDF ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def book_pdf(tmp_path_factory, rootdir):
    """The folder of the test root's books, built as PDF."""
    require_tex()
    out = tmp_path_factory.mktemp("book")
    assert build(rootdir / "test-book", out, builder="latex", fresh=True).warnings == []
    make_pdfs(out / "latex")
    return out / "latex"


@pytest.fixture(scope="module")
def site_pdf(tmp_path_factory):
    """The real site's books as PDF: (their folder, the site's cards, the books' names)."""
    require_tex()
    out = tmp_path_factory.mktemp("site")
    built = build(REPO, out, builder="latex", fresh=True)
    assert built.warnings == []
    cards = list(NewsData(built.env).all_cards())
    names = [Path(entry[1]).stem for entry in built.app.config.latex_documents]
    make_pdfs(out / "latex")
    return out / "latex", cards, names


def _assert_clean_log(latex_dir: Path, name: str) -> None:
    log = (latex_dir / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    assert undefined_references(log) == []
    assert overfull_boxes(log) == []
    # Citations link with \hyperlink to the anchors \bibitem makes, which LaTeX does not check.
    tex = (latex_dir / f"{name}.tex").read_text(encoding="utf-8")
    anchors = set(re.findall(r"\\bibitem\[[^\]]*\]\{([^}]*)\}", tex))
    assert set(re.findall(r"\\hyperlink\{cite\.([^}]*)\}", tex)) <= anchors
    assert anchors


def _assert_fonts_embedded(pdf: Path) -> None:
    table = fonts(pdf)
    assert any("HaranoAjiMincho" in row["name"] for row in table)
    assert any("HaranoAjiGothic" in row["name"] for row in table)
    assert [row["line"] for row in table if row["emb"] != "yes"] == []


def test_book_pdf_reads_forward_with_embedded_fonts(book_pdf):
    latex_dir = book_pdf
    for name in ("book", "book-2020", "book-2021"):
        assert (latex_dir / f"{name}.pdf").is_file()
        _assert_clean_log(latex_dir, name)
        _assert_fonts_embedded(latex_dir / f"{name}.pdf")
    text = squeeze(pdf_text(latex_dir / "book.pdf"))
    # The table of contents runs from 目次 to its last entry, the bibliography.
    contents = text[text.index("目次") : text.index("参考文献")]
    order = ["2020年", "2020年10月", "2020年第44週", "2020年11月", "2020年第45週", "2020年第46週",
             "2020年第4四半期", "2020年下半期", "2021年", "2021年1月", "2021年第2週"]
    positions = [contents.index(squeeze(entry)) for entry in order]
    assert positions == sorted(positions)
    # The symbols of a headline are printed as written.
    assert squeeze("記号の多いタイトル: & % _ $ ~ ^ \\ { } をそのまま印刷する") in text
    assert squeeze("Q&A for 100% of the Cases: #tags and _under") in text
    assert "関連図書" not in text


def test_site_pdf_has_every_card_and_a_bibliography_of_every_featured_paper(site_pdf):
    latex_dir, cards, names = site_pdf
    assert names[0] == "mlnews"
    assert cards, "the site has no cards"
    for name in names:
        pdf = latex_dir / f"{name}.pdf"
        assert pdf.is_file()
        _assert_clean_log(latex_dir, name)
        _assert_fonts_embedded(pdf)
    text = pdf_text(latex_dir / "mlnews.pdf")
    # The bibliography: its heading, then its first entry's label (the heading alone
    # also shows in the contents and in running feet).
    body, found, bibliography = squeeze(text).partition(squeeze("参考文献") + "[")
    assert found
    for card in cards:
        assert squeeze(card["headline"]) in body, card["headline"]
        assert squeeze(card["title"]) in body, card["title"]
    papers = {(card["arxiv"], card["title"]) for card in cards if card["kind"] == "paper"}
    assert papers
    for arxiv, title in papers:
        assert f"arxiv:{arxiv}" in bibliography, arxiv
        # pybtex's plain style sets titles in sentence case.
        assert squeeze(title).lower() in bibliography, title


@pytest.mark.sphinx("latex", testroot="book", confoverrides={"mlnews_year_books": False})
def test_year_books_can_be_turned_off(app):
    assert [entry[1] for entry in app.config.latex_documents] == ["book.tex"]
    app.build()
    assert titles(_body(_tex(app)), "part") == ["2020年", "2021年"]


@pytest.fixture(scope="module")
def english_pdf(tmp_path_factory):
    """The real site's English books as PDF (``make latexpdf`` builds them with ``-D language=en``)."""
    require_tex()
    out = tmp_path_factory.mktemp("site-en")
    built = build(REPO, out, builder="latex", fresh=True, confoverrides={"language": "en"})
    assert built.warnings == []
    cards = list(NewsData(built.env).all_cards())
    names = [Path(entry[1]).stem for entry in built.app.config.latex_documents]
    make_pdfs(out / "latex")
    return out / "latex", cards, names


def test_the_english_book_has_the_same_structure_in_english_with_embedded_fonts(english_pdf, site_pdf):
    latex_dir, cards, names = english_pdf
    assert names == ["mlnews-en", "mlnews-2020-en"]
    for name in names:
        _assert_clean_log(latex_dir, name)
        assert [row["line"] for row in fonts(latex_dir / f"{name}.pdf") if row["emb"] != "yes"] == []
    japanese_tex = (site_pdf[0] / "mlnews.tex").read_text(encoding="utf-8")
    tex = (latex_dir / "mlnews-en.tex").read_text(encoding="utf-8")
    for level in ("part", "chapter", "section"):
        assert len(titles(tex, level)) == len(titles(japanese_tex, level)), level
    assert titles(tex, "part") == ["2020 Summary"]
    assert "Week 45, 2020 (from Nov 1)" in titles(tex, "section")
    quotes = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    text = squeeze(pdf_text(latex_dir / "mlnews-en.pdf")).translate(quotes)
    contents = text[text.index(squeeze("Contents")) : text.index(squeeze("Bibliography"))]
    order = ["September 2020 Summary", "Week 37, 2020 (from Sep 6)", "Q3 2020 Summary", "October 2020 Summary",
             "Week 45, 2020 (from Nov 1)", "Q4 2020 Summary", "Second Half of 2020 Summary"]  # fmt: skip
    positions = [contents.index(squeeze(entry)) for entry in order]
    assert positions == sorted(positions)
    for card in cards:
        assert squeeze(card["headline"]).translate(quotes) in text, card["headline"]
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", card["headline"]), card["headline"]
