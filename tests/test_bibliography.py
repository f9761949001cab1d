"""Citations, week references, the global bibliography and BibTeX for readers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import build, copy_root, parse_html, warnings_of
from mlnews.bib.source import scan_bibtex
from mlnews.bib.styles import suffix

W45 = "issues/2020/11/w45"
W46 = "issues/2020/11/w46"


def source_of(root: Path, key: str) -> str:
    entries, _ = scan_bibtex((root / "refs.bib").read_text(encoding="utf-8"))
    return next(e.text for e in entries if e.key == key)


def entry(soup, key: str):
    return soup.find(id=f"cite-{key}")


@pytest.mark.sphinx("html", testroot="bibrefs", freshenv=True)
def test_bibliography_entries_sorted_labelled_and_linked(app, page):
    app.build()
    assert warnings_of(app) == []
    soup = page("bibliography")
    labels = [e.select_one(".label").get_text().strip("[]") for e in soup.select("div.citation")]
    assert labels == ["Asokan and Seelamantula 2020", "Smith et al. 2020a", "Smith et al. 2020b", "Zhang 2019"]
    # An ARIA list of list items (not DPUB's deprecated doc-biblioentry, which leaves the list without items).
    lists = soup.select('div.citation-list[role="list"]')
    assert len(lists) == 1
    assert [(child.name, child.get("role")) for child in lists[0].find_all(recursive=False)] == [("div", "listitem")] * 4
    assert soup.select('[role="doc-biblioentry"]') == []
    arxiv = entry(soup, "asokan2020teaching").select_one('a[href="https://arxiv.org/abs/2010.15639"]')
    assert arxiv.get_text() == "arXiv:2010.15639 [cs.LG]"
    journal = entry(soup, "zhang2019journal")
    assert "Journal of Fixtures" in journal.get_text()
    assert journal.select_one('a[href="https://doi.org/10.1234/jof.2019.1"]').get_text() == "doi:10.1234/jof.2019.1"


@pytest.mark.sphinx("html", testroot="bibrefs", freshenv=True)
def test_titles_with_latex_markup_render_cleanly(app, page):
    app.build()
    soup = page("bibliography")
    alpha = entry(soup, "smith2020alpha").p
    assert alpha.select_one(".math").get_text() == r"\(O(n \log n)\)"
    assert "Time & Space" in alpha.get_text() and "$" not in alpha.get_text()
    assert "Café Networks for Naïve Bayes" in entry(soup, "smith2020beta").get_text()
    assert "Teaching a GAN What Not to Learn" in entry(soup, "asokan2020teaching").get_text()
    card = page(W45).find(id="arxiv-2011-00001")
    title = card.select_one(".mlnews-paper-title a")
    assert title.select_one(".math").get_text() == r"\(O(n \log n)\)"
    assert title.get_text() == r"Sorting in \(O(n \log n)\) Time & Space"


@pytest.mark.sphinx("html", testroot="bibrefs", freshenv=True)
def test_citations_show_suffixed_years_and_hover_titles(app, page):
    app.build()
    cite = page(W45).select_one("#arxiv-2010-15639 .mlnews-summary .bibtex-citation a")
    assert cite.get_text() == "Smith et al., 2020b"
    assert cite["href"] == "../../../bibliography.html#cite-smith2020beta"
    assert cite["title"] == "Jane Smith, Ann Lee, and Bo Kim. Café Networks for Naïve Bayes."
    textual = page("notes").select_one(".bibtex-citation")
    assert textual.get_text() == "Smith et al. [2020a]"
    assert textual.a["title"] == "Jane Smith, John Doe, and Richard Roe. Sorting in O(n \\log n) Time & Space."
    card_cite = page(W45).select_one("#arxiv-2010-15639 .mlnews-cite a")
    assert card_cite.get_text() == "Asokan and Seelamantula, 2020"
    assert "Teaching a GAN What Not to Learn" in card_cite["title"]


@pytest.mark.sphinx("html", testroot="bibrefs", freshenv=True)
def test_week_ends_with_its_references(app, page):
    app.build()
    soup = page(W45)
    section = soup.find(id="references")
    assert section.find("h2").get_text().startswith("参考文献")
    # Last section of the page; cards first in page order, then other citations.
    assert section.find_next("section") is None
    items = section.select("li.mlnews-reference")
    assert [li["id"] for li in items] == [
        "ref-asokan2020teaching",
        "ref-smith2020alpha",
        "ref-smith2020beta",
        "ref-zhang2019journal",
    ]
    first = items[0].select_one("a.mlnews-reference-label")
    assert first.get_text() == "[Asokan and Seelamantula 2020]"
    assert first["href"] == "../../../bibliography.html#cite-asokan2020teaching"
    assert items[0].select_one('a[href="https://arxiv.org/abs/2010.15639"]').get_text() == "arXiv:2010.15639 [cs.LG]"
    assert [li["id"] for li in page(W46).select("#references li")] == ["ref-smith2020beta", "ref-asokan2020teaching"]
    # A page that is not a week has no references section.
    assert page("notes").find(id="references") is None


@pytest.mark.sphinx("html", testroot="bibrefs", freshenv=True, confoverrides={"mlnews_week_references": False})
def test_week_references_can_be_turned_off(app, page):
    app.build()
    assert warnings_of(app) == []
    assert page(W45).find(id="references") is None
    assert page(W45).select_one("#arxiv-2010-15639 .mlnews-cite a") is not None


@pytest.mark.sphinx("text", testroot="bibrefs", freshenv=True)
def test_week_references_in_text(app):
    app.build()
    assert warnings_of(app) == []
    text = (Path(app.outdir) / f"{W45}.txt").read_text(encoding="utf-8")
    references = text.split("参考文献", 1)[1]
    assert "[Asokan and Seelamantula 2020] Siddarth Asokan" in references
    assert "@misc" not in text


@pytest.mark.sphinx("html", testroot="bibrefs", freshenv=True)
def test_bibliography_links_back_to_featuring_and_citing_pages(app, page):
    app.build()
    soup = page("bibliography")
    asokan = entry(soup, "asokan2020teaching")
    featured = asokan.select("a.mlnews-featured-in")
    assert [(a.get_text(), a["href"]) for a in featured] == [("2020年 第45週", f"{W45}.html#arxiv-2010-15639")]
    assert [(a.get_text(), a["href"]) for a in asokan.select("a.mlnews-cited-in")] == [("2020年 第46週", f"{W46}.html")]
    alpha = entry(soup, "smith2020alpha")
    assert [a["href"] for a in alpha.select("a.mlnews-featured-in")] == [f"{W45}.html#arxiv-2011-00001"]
    assert [a["href"] for a in alpha.select("a.mlnews-cited-in")] == ["notes.html"]
    beta = entry(soup, "smith2020beta")
    assert [a["href"] for a in beta.select("a.mlnews-featured-in")] == [f"{W46}.html#arxiv-2011-00002"]
    assert [a["href"] for a in beta.select("a.mlnews-cited-in")] == [f"{W45}.html"]


@pytest.mark.sphinx("html", testroot="bibrefs", freshenv=True)
def test_bibtex_as_written_on_cards_and_entries(app, page):
    app.build()
    root = Path(app.srcdir)
    for soup, key in (
        (page(W45).find(id="arxiv-2010-15639"), "asokan2020teaching"),
        (entry(page("bibliography"), "smith2020alpha"), "smith2020alpha"),
        (entry(page("bibliography"), "zhang2019journal"), "zhang2019journal"),
    ):
        block = soup.select_one("details.mlnews-bibtex")
        assert block.summary.get_text() == "BibTeX"
        # The copy button follows the block, outside its summary (no control inside a control).
        assert block.summary.select("button, a, input") == []
        button = block.find_next_sibling("button")
        assert "mlnews-bibtex-copy" in button["class"] and button["type"] == "button"
        assert button.parent is block.parent and "mlnews-bibtex-block" in block.parent["class"]
        assert button.get_text() == "コピー"
        assert button["aria-label"] == f"{key} の BibTeX をコピー"
        assert block.select_one("div.highlight pre").get_text().rstrip("\n") == source_of(root, key)
    # One click: sphinx-copybutton adds its button to every highlighted block.
    scripts = [s.get("src", "") for s in page(W45).find_all("script")]
    assert any("copybutton.js" in src for src in scripts)
    assert any("mlnews-bibtex.js" in src for src in scripts)
    assert (Path(app.outdir) / "_static" / "mlnews-bibtex.js").is_file()


@pytest.mark.sphinx("latex", testroot="bibrefs", freshenv=True)
def test_latex_has_one_bibliography_and_no_html_extras(app):
    app.build()
    assert warnings_of(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    # Every entry once, in the one bibliography; no week references, no BibTeX blocks.
    bibitems = re.findall(r"\\bibitem\[[^\]]*\]\{([^}]*)\}", tex)
    assert sorted(bibitems) == [
        f"bibliography:cite-{key}" for key in ("asokan2020teaching", "smith2020alpha", "smith2020beta", "zhang2019journal")
    ]
    assert tex.count("\\begin{sphinxthebibliography}") == 1
    assert "@misc" not in tex and "mlnews-reference" not in tex
    assert r"Sorting in \(O(n \log n)\) Time \& Space" in tex
    assert "Smith \\sphinxstyleemphasis{et al.}, 2020b" in tex


def test_suffixes_never_run_out():
    letters = [suffix(n) for n in range(26 * 27 + 1)]
    assert letters[:3] == ["a", "b", "c"] and letters[25] == "z" and letters[26] == "aa"
    assert len(set(letters)) == len(letters)


def test_labels_unique_at_archive_size():
    from pybtex.database import BibliographyData, Entry, Person

    from mlnews.bib.styles import ArxivStyle

    data = BibliographyData()
    for n in range(3000):
        fields = {"title": f"Paper {n}", "year": str(2019 + n % 3)}
        authors = [Person(f"Author{n % 7}, A."), Person("Other, B."), Person("Third, C.")]
        data.add_entry(f"k{n}", Entry("misc", fields=fields, persons={"author": authors}))
    style = ArxivStyle()
    labels = list(style.format_labels(style.sort(data.entries.values())))
    assert len(set(labels)) == 3000
    assert "Author0 et al. 2019a" in labels


def _main_html(path: Path) -> str:
    soup = parse_html(path)
    main = soup.select_one("article") or soup.body
    for tag in main.select("script, link"):
        tag.decompose()
    return main.prettify()


PAGES = ("bibliography", W45, W46, "notes")


def test_incremental_builds_match_clean_builds(tmp_path):
    src = copy_root("bibrefs", tmp_path / "src")
    build(src)

    # Adding a citation in one page updates it and the bibliography page.
    week = src / f"{W46}.md"
    week.write_text(week.read_text(encoding="utf-8") + "\n新しい引用 {cite:p}`zhang2019journal` です。\n", encoding="utf-8")
    again = build(src)
    assert again.read == {W46}
    assert again.warnings == []
    shutil.copy(week, copy_root("bibrefs", tmp_path / "clean") / f"{W46}.md")
    clean = build(tmp_path / "clean", fresh=True)
    for docname in PAGES:
        assert _main_html(again.outdir / f"{docname}.html") == _main_html(clean.outdir / f"{docname}.html"), docname
    cited = again.page("bibliography").find(id="cite-zhang2019journal")
    assert f"{W46}.html" in [a["href"] for a in cited.select("a.mlnews-cited-in")]

    # Editing one entry re-reads exactly the pages that show it.
    bib = src / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("A Journal Paper", "A Renamed Journal Paper"), encoding="utf-8")
    again = build(src)
    assert again.read == {W45, W46, "bibliography"}
    assert "A Renamed Journal Paper" in again.page(W46).find(id="ref-zhang2019journal").get_text()

    # A new entry with the same authors and year gives the old one a suffix: its pages follow.
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "@misc{asokan2020another,\n  title = {Another One},\n"
        "  author = {Asokan, Siddarth and Seelamantula, Chandra Sekhar},\n  year = {2020},\n}\n",
        encoding="utf-8",
    )
    again = build(src)
    assert again.read == {W45, W46, "bibliography"}
    shutil.copy(bib, tmp_path / "clean" / "refs.bib")
    clean = build(tmp_path / "clean", fresh=True)
    for docname in PAGES:
        assert _main_html(again.outdir / f"{docname}.html") == _main_html(clean.outdir / f"{docname}.html"), docname
    assert again.page(W45).select_one("#arxiv-2010-15639 .mlnews-cite a").get_text() == "Asokan and Seelamantula, 2020b"
    assert again.page(W46).select_one(".mlnews-summary .bibtex-citation a").get_text() == "Asokan and Seelamantula, 2020b"
