"""The indexed citation domain renders what sphinxcontrib-bibtex renders, and formats less."""

from __future__ import annotations

import pybtex.style.formatting
import pytest

import mlnews.bib.cite_domain
from conftest import build, copy_root, parse_html
from mlnews.bib.cite_domain import IndexedBibtexDomain

WEEK = "issues/2020/11/w45"


def _content(path):
    soup = parse_html(path)
    article = soup.select_one("article.bd-article") or soup.select_one("div.body") or soup.body
    return article.prettify()


def test_same_pages_as_sphinxcontrib_bibtex(tmp_path, monkeypatch):
    ours = build(copy_root("paper", tmp_path / "ours"))
    assert isinstance(ours.env.get_domain("cite"), IndexedBibtexDomain)
    monkeypatch.setattr(mlnews.bib.cite_domain, "setup_bibtex_index", lambda app: None)
    theirs = build(copy_root("paper", tmp_path / "theirs"))
    assert type(theirs.env.get_domain("cite")) is not IndexedBibtexDomain
    for page in ("bibliography", WEEK):
        assert _content(ours.outdir / f"{page}.html") == _content(theirs.outdir / f"{page}.html")
    labels = ours.page(WEEK).select(".mlnews-cite a")
    assert len(labels) >= 5 and all(a["href"].startswith("../../../bibliography.html#cite-") for a in labels)


def test_unchanged_entries_are_not_formatted_again(tmp_path, monkeypatch):
    src = copy_root("paper", tmp_path / "site")
    build(src)
    before = _content(src / "_build/html/bibliography.html")
    formatted: list[str] = []
    original = pybtex.style.formatting.BaseStyle.format_entry

    def counting(self, label, entry, *args, **kwargs):
        formatted.append(entry.key)
        return original(self, label, entry, *args, **kwargs)

    monkeypatch.setattr(pybtex.style.formatting.BaseStyle, "format_entry", counting)
    passes: list[int] = []
    full_pass = IndexedBibtexDomain._format_citations

    def counting_passes(self):
        passes.append(len(self.citations))
        return full_pass(self)

    monkeypatch.setattr(IndexedBibtexDomain, "_format_citations", counting_passes)

    # A week's text changes: nothing the citations are made from changed, so the
    # last build's are kept without a pass over the bibliography, and read the same.
    week = src / f"{WEEK}.md"
    week.write_text(week.read_text(encoding="utf-8") + "\n追記です。\n", encoding="utf-8")
    build(src)
    assert formatted == [] and passes == []
    assert _content(src / "_build/html/bibliography.html") == before

    # The week cites one more paper: the citations are worked out again (entries reused).
    week.write_text(week.read_text(encoding="utf-8") + "\n{cite:p}`castells2020superloss` も参照。\n", encoding="utf-8")
    build(src)
    assert len(passes) == 1 and formatted == []

    # One entry changes: that entry, and only it, is formatted again.
    bib = src / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    assert "Teaching a {GAN} What Not to Learn" in text
    bib.write_text(text.replace("Teaching a {GAN} What Not to Learn", "Teaching a {GAN} What Never to Learn"), encoding="utf-8")
    build(src)
    assert set(formatted) == {"asokan2020teaching"}
    page = parse_html(src / "_build/html/bibliography.html")
    text = page.select_one("#cite-asokan2020teaching").find_parent().get_text(" ", strip=True)
    assert "what never to learn" in text.lower()  # (some styles change the title's case)
