"""Nothing from a page, refs.bib or arXiv reaches HTML or LaTeX unescaped; only safe links."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import heading_text, warnings_of

WEEK = "issues/2020/11/w45"
# Elements and attributes a payload could smuggle in.
FORBIDDEN_TAGS = ("script", "img", "b")


@pytest.mark.sphinx("html", testroot="safety", freshenv=True)
def test_payloads_render_as_text(app, page):
    app.build()
    soup = page(WEEK)
    body = soup.select_one("section.mlnews-paper").find_parent("section")
    for tag in FORBIDDEN_TAGS:
        assert body.find_all(tag) == [], tag
    assert not [el for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)]
    card = soup.find(id="arxiv-2010-11111")
    assert heading_text(card.find("h3")) == '<script>alert("headline")</script> & "><img src=x onerror=alert(2)>'
    assert card.select_one(".mlnews-paper-title a").get_text() == '<script>alert("title")</script> & "><img src=x onerror=alert(1)>'
    assert card.select_one(".mlnews-authors").get_text() == "<b>Mallory</b> Evil, Eve O'Brien"
    assert [t.get_text() for t in card.select(".mlnews-tag")] == ["<b>bold</b>", '"quoted"']


@pytest.mark.sphinx("html", testroot="safety", freshenv=True)
def test_only_http_links_and_noopener(app, page):
    app.build()
    warnings = warnings_of(app)
    refused = [w for w in warnings if "[mlnews.url]" in w]
    assert len(refused) == 2, warnings
    assert f"{WEEK}.md:30:" in refused[0] and "'javascript:alert(3)'" in refused[0]
    assert f"{WEEK}.md:37:" in refused[1] and "'data:text/html" in refused[1]
    soup = page(WEEK)
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    # The entry whose url field is javascript: shows its title unlinked.
    evil = soup.find(id="paper-evil2020url")
    assert evil.select_one(".mlnews-paper-title a") is None
    assert "A Paper Whose url Is javascript" in evil.select_one(".mlnews-paper-title").get_text()
    external = soup.select("a.reference.external")
    assert external and all("noopener" in a.get("rel", []) for a in external)
    link = soup.select("section.mlnews-item .mlnews-item-title a")[-1]
    assert link["href"] == 'https://example.org/?a=1&b="2"'


@pytest.mark.sphinx("latex", testroot="safety", freshenv=True)
def test_latex_escapes_data(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"特殊文字 \# \$ \% \& \textasciitilde{} \_ \textasciicircum{} \textbackslash{} \{ \} の見出し" in tex
    assert r"Special characters \# \$ \% \& \textasciitilde{} \_ \textasciicircum{} \textbackslash{} in a title" in tex
    assert r'\subsection{\textless{}script\textgreater{}alert("headline")\textless{}/script\textgreater{} \&' in tex
    assert "<script>" not in tex
