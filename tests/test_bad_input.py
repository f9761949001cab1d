"""A corpus of broken inputs: each gives exactly one located warning, and the rest of the site builds.

Every case writes one broken file (or one broken card) into an otherwise good
project, builds it, and checks the single warning's file, line, subtype and
wording, and that the good week still has its card (nothing else is lost).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import Built, build, parse_html

CONF = """extensions = ["mlnews"]
language = "ja"
bibtex_reference_style = "author_year"
bibtex_cite_id = "cite-{key}"
mlnews_tags = ["生成モデル", "解釈性"]
"""
INDEX = """# Site

```{toctree}
:glob:

issues/**
summaries/**
bibliography
```
"""
BIBLIOGRAPHY = "# Bibliography\n\n```{bibliography}\n:all:\n```\n"
REFS = """@misc{asokan2020teaching,
  title = {Teaching a {GAN} What Not to Learn},
  author = {Asokan, Siddarth and Seelamantula, Chandra Sekhar},
  year = {2020}, eprint = {2010.15639}, version = {2}, archivePrefix = {arXiv}, primaryClass = {cs.LG},
}
@misc{nguyen2020wide,
  title = {Do Wide and Deep Networks Learn the Same Things?},
  author = {Nguyen, Thao and Raghu, Maithra and Kornblith, Simon},
  year = {2020}, eprint = {2010.15327}, archivePrefix = {arXiv}, primaryClass = {cs.LG},
}
"""
GOOD_WEEK = """---
date: 2020-10-25
---

# 第44週

## 論文

:::{paper} 2010.15327
:headline: 良いカード
:tags: 解釈性

要約です。
:::
"""
GOOD_SUMMARY = "---\nperiod: 2020-10\n---\n\n# 2020年10月\n\n:::{paperlist}\n:::\n"
SUMMARY = "---\nperiod: 2020-11\n---\n\n# 2020年11月\n\n"
HEAD = "---\ndate: 2020-11-01\n---\n\n# 第45週\n\n## 論文\n\n"
BROKEN = "issues/2020/11/w45.md"


def card(argument: str, options: str = ":headline: 見出し", body: str = "要約です。") -> str:
    """A week page (week 45) whose only card is the given one; the card starts at line 9."""
    return f"{HEAD}:::{{paper}} {argument}\n{options}\n\n{body}\n:::\n"


def item(argument: str, options: str = ":title: An article\n:headline: 見出し") -> str:
    return f"{HEAD}:::{{item}} {argument}\n{options}\n\n要約です。\n:::\n"


@dataclass
class Case:
    """One broken input and the one warning it must give."""

    files: dict[str, str | bytes]
    path: str
    line: int
    subtype: str
    message: str
    extra_files: dict[str, str] = field(default_factory=dict)


CASES: dict[str, Case] = {
    "malformed new-style id": Case({BROKEN: card("2010.1563x")}, BROKEN, 9, "mlnews.arxiv_id", "'2010.1563x' is not a valid arXiv ID"),
    "malformed old-style id": Case({BROKEN: card("hep-th/99")}, BROKEN, 9, "mlnews.arxiv_id", "'hep-th/99' is not a valid arXiv ID"),
    "id with month 13": Case({BROKEN: card("2013.15639")}, BROKEN, 9, "mlnews.arxiv_id", "'2013.15639' is not a valid arXiv ID"),
    "bare arXiv prefix": Case({BROKEN: card("arXiv:")}, BROKEN, 9, "mlnews.arxiv_id", "'arXiv:' is not a valid arXiv ID"),
    "unknown arXiv id": Case({BROKEN: card("2101.00001")}, BROKEN, 9, "mlnews.unknown_paper", "no entry in the bibliography has eprint = {2101.00001}"),
    "unknown key": Case({BROKEN: card("nosuchkey2020")}, BROKEN, 9, "mlnews.unknown_paper", "no entry with key 'nosuchkey2020'"),
    "version disagrees": Case({BROKEN: card("2010.15639v3")}, BROKEN, 9, "mlnews.version", "names version 3 but entry 'asokan2020teaching' describes arXiv:2010.15639v2"),
    "unknown option": Case({BROKEN: card("2010.15639", ":headline: 見出し\n:colour: red")}, BROKEN, 11, "myst.directive_option", "Unknown option key: 'colour'"),
    "empty headline": Case({BROKEN: card("2010.15639", ":headline:")}, BROKEN, 9, "mlnews.option", "paper needs a :headline:"),
    "blank headline": Case({BROKEN: card("2010.15639", ":headline:    ")}, BROKEN, 9, "mlnews.option", "paper needs a :headline:"),
    "no headline option": Case({BROKEN: card("2010.15639", ":tags: 解釈性")}, BROKEN, 9, "mlnews.option", "paper needs a :headline:"),
    "bad pick value": Case({BROKEN: card("2010.15639", ":headline: 見出し\n:pick: maybe")}, BROKEN, 9, "mlnews.option", ":pick: takes no value (or yes/no), not 'maybe'"),
    "unknown tag": Case({BROKEN: card("2010.15639", ":headline: 見出し\n:tags: 生成モデル, 宇宙")}, BROKEN, 9, "mlnews.tag", "tag '宇宙' is not in mlnews_tags"),
    "unknown tag after full-width comma": Case({BROKEN: card("2010.15639", ":headline: 見出し\n:tags: 生成モデル、量子")}, BROKEN, 9, "mlnews.tag", "tag '量子' is not in mlnews_tags"),
    "missing image": Case({BROKEN: card("2010.15639", ":headline: 見出し\n:image: img/nowhere.png")}, BROKEN, 9, "image.not_readable", "image file not readable: issues/2020/11/img/nowhere.png"),
    "paper without summary": Case({BROKEN: f"{HEAD}:::{{paper}} 2010.15639\n:headline: 見出し\n:::\n"}, BROKEN, 9, "mlnews.option", "paper has no summary"),
    "paper without argument": Case({BROKEN: f"{HEAD}:::{{paper}}\n:headline: 見出し\n\n要約です。\n:::\n"}, BROKEN, 9, "docutils", "1 argument(s) required, 0 supplied"),
    "paper with two arguments": Case({BROKEN: card("2010.15639 2010.15327")}, BROKEN, 9, "docutils", "maximum 1 argument(s) allowed, 2 supplied"),
    "same paper twice on a page": Case(
        {BROKEN: card("2010.15639") + "\n:::{paper} 2010.15639v2\n:headline: 二度目\n\n要約です。\n:::\n"},
        BROKEN, 15, "mlnews.duplicate", "this page already has a card with anchor #arxiv-2010-15639",
    ),
    "item without title": Case({BROKEN: item("https://example.org/a", ":headline: 見出し")}, BROKEN, 9, "mlnews.option", "item needs a :title:"),
    "item without headline": Case({BROKEN: item("https://example.org/a", ":title: An article")}, BROKEN, 9, "mlnews.option", "item needs a :headline:"),
    "javascript url": Case({BROKEN: item("javascript:alert(1)")}, BROKEN, 9, "mlnews.url", "link 'javascript:alert(1)' is not an http(s) URL"),
    "data url": Case({BROKEN: item("data:text/html,hi")}, BROKEN, 9, "mlnews.url", "link 'data:text/html,hi' is not an http(s) URL"),
    "ftp url": Case({BROKEN: item("ftp://example.org/file")}, BROKEN, 9, "mlnews.url", "link 'ftp://example.org/file' is not an http(s) URL"),
    "relative url without host": Case({BROKEN: item("https:///nohost")}, BROKEN, 9, "mlnews.url", "link 'https:///nohost' is not an http(s) URL"),
    "front matter without date": Case({BROKEN: "---\nauthor: akira\n---\n\n# 第45週\n"}, BROKEN, 1, "mlnews.week_date", "needs 'date: YYYY-MM-DD'"),
    "no front matter": Case({BROKEN: "# 第45週\n\n本文。\n"}, BROKEN, 1, "mlnews.week_date", "needs 'date: YYYY-MM-DD'"),
    "date not a Sunday": Case({BROKEN: "---\ntitle: x\ndate: 2020-11-03\n---\n\n# 第45週\n"}, BROKEN, 3, "mlnews.week_date", "date 2020-11-03 is a Tuesday; a week starts on Sunday (2020-11-01)"),
    "date in words": Case({BROKEN: "---\ndate: 1 November 2020\n---\n\n# 第45週\n"}, BROKEN, 2, "mlnews.week_date", "date '1 November 2020' is not a date of the form YYYY-MM-DD"),
    "date with time": Case({BROKEN: "---\ndate: 2020-11-01 10:00\n---\n\n# 第45週\n"}, BROKEN, 2, "mlnews.week_date", "is not a date of the form YYYY-MM-DD"),
    # PyYAML reads 2020-02-30 as a timestamp and fails: MyST reports the front matter.
    "impossible date": Case({BROKEN: "---\ndate: 2020-02-30\n---\n\n# 週\n"}, BROKEN, 1, "myst.topmatter", "Malformed YAML"),
    "week in the wrong month folder": Case({"issues/2020/10/w45.md": "---\ndate: 2020-11-01\n---\n\n# 第45週\n"}, "issues/2020/10/w45.md", 2, "mlnews.week_path", "its page belongs at issues/2020/11/w45.md"),
    "week number wrong in file name": Case({"issues/2020/11/w46.md": "---\ndate: 2020-11-01\n---\n\n# 第45週\n"}, "issues/2020/11/w46.md", 2, "mlnews.week_path", "week 45 of 2020"),
    "week number without leading zero": Case({"issues/2021/01/w2.md": "---\ndate: 2021-01-03\n---\n\n# 第2週\n"}, "issues/2021/01/w2.md", 2, "mlnews.week_path", "its page belongs at issues/2021/01/w02.md"),
    "week page outside a month folder": Case({"issues/2020/w45.md": "---\ndate: 2020-11-01\n---\n\n# 第45週\n"}, "issues/2020/w45.md", 2, "mlnews.week_path", "its page belongs at issues/2020/11/w45.md"),
    "year-boundary week filed under the new year": Case({"issues/2021/01/w01.md": "---\ndate: 2020-12-27\n---\n\n# 第1週\n"}, "issues/2021/01/w01.md", 2, "mlnews.week_path", "week 1 of 2021; its page belongs at issues/2020/12/w01.md"),
    # refs.bib: REFS has 10 lines, so an appended entry starts at line 11.
    "malformed BibTeX entry": Case({"refs.bib": REFS + "@misc{broken2020,\n  title = {Unclosed,\n  year = {2020},\n"}, "refs.bib", 11, "mlnews.bibtex", "@misc entry is not closed (unbalanced braces)"),
    "duplicate BibTeX key": Case({"refs.bib": REFS + "@misc{nguyen2020wide, title = {Again}, author = {A, B}, year = {2020}}\n"}, "refs.bib", 11, "mlnews.duplicate", "duplicate key 'nguyen2020wide' (first at refs.bib:6)"),
    "entry without title": Case({"refs.bib": REFS + "@misc{notitle2020, author = {Nobody, N}, year = {2020}}\n"}, "refs.bib", 11, "mlnews.bibtex", "entry 'notitle2020' has no title"),
    "entry without authors": Case({"refs.bib": REFS + "@misc{noauthor2020, title = {No Authors}, year = {2020}}\n"}, "refs.bib", 11, "mlnews.bibtex", "entry 'noauthor2020' has no author"),
    "two entries for one arXiv ID": Case({"refs.bib": REFS + "@misc{twice2020, title = {T}, author = {T, T}, year = {2020}, eprint = {2010.15327v3}}\n"}, "refs.bib", 11, "mlnews.duplicate", "entry 'twice2020' has the same arXiv ID 2010.15327 as 'nguyen2020wide'"),
    "paperlist with an unknown period": Case({"summaries/2020/11.md": SUMMARY + ":::{paperlist}\n:period: 2020-Q5\n:::\n"}, "summaries/2020/11.md", 7, "mlnews.period", "unknown period '2020-Q5'"),
    "paperlist with an unknown tag": Case({"summaries/2020/11.md": SUMMARY + ":::{paperlist}\n:tags: 宇宙\n:::\n"}, "summaries/2020/11.md", 7, "mlnews.tag", "unknown tag '宇宙' in a paperlist filter"),
    "paperlist with an unknown kind": Case({"summaries/2020/11.md": SUMMARY + ":::{paperlist}\n:kind: book\n:::\n"}, "summaries/2020/11.md", 7, "mlnews.option", "unknown :kind: 'book' (paper, item or all)"),
    "paperlist naming a paper no week has": Case({"summaries/2020/11.md": SUMMARY + ":::{paperlist}\n:papers: 2010.15327, 2101.00001\n:::\n"}, "summaries/2020/11.md", 7, "mlnews.unknown_paper", "paperlist: no week has a card for '2101.00001'"),
    "paperlist with an empty :papers:": Case({"summaries/2020/11.md": SUMMARY + ":::{paperlist}\n:papers:\n:::\n"}, "summaries/2020/11.md", 7, "mlnews.option", ":papers: names no paper"),
    "non-UTF-8 bytes": Case({BROKEN: HEAD.encode() + "本文".encode("shift_jis") + b"\n"}, BROKEN, 9, "mlnews.encoding", "the file is not valid UTF-8 (byte 0x96 at line 9)"),
}


def _write(project: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _build(tmp_path: Path, files: dict[str, str | bytes]) -> Built:
    project = tmp_path / "site"
    _write(project, {"conf.py": CONF, "index.md": INDEX, "bibliography.md": BIBLIOGRAPHY, "refs.bib": REFS,
                     "issues/2020/10/w44.md": GOOD_WEEK,
                     "summaries/2020/10.md": GOOD_SUMMARY, **files})
    return build(project, tmp_path / "build")


@pytest.mark.parametrize("name", list(CASES))
def test_one_located_warning_and_the_rest_builds(tmp_path, name):
    case = CASES[name]
    app = _build(tmp_path, case.files)
    warnings = app.warnings
    assert len(warnings) == 1, warnings
    warning = warnings[0]
    assert f"{case.path}:{case.line}:" in warning, warning
    assert case.message in warning, warning
    assert warning.rstrip().endswith(f"[{case.subtype}]"), warning
    assert "Traceback" not in app.app.status.getvalue() + app.app.warning.getvalue()
    good = parse_html(app.outdir / "issues/2020/10/w44.html")
    assert good.select_one('section.mlnews-paper[data-arxiv="2010.15327"] .mlnews-paper-title a') is not None
    if case.path.endswith(".md"):
        assert (app.outdir / case.path.replace(".md", ".html")).is_file()
    else:  # refs.bib: the bibliography still lists the good entries
        entries = parse_html(app.outdir / "bibliography.html").get_text()
        assert "Teaching a GAN What Not to Learn" in entries and "Do Wide and Deep Networks" in entries


def test_paperlist_lists_the_papers_it_names_in_their_order(tmp_path):
    week = card("2010.15639", ":headline: 二本目の見出し")
    summary = SUMMARY + ":::{paperlist}\n:papers: asokan2020teaching, 2010.15327v1\n:::\n"
    app = _build(tmp_path, {BROKEN: week, "summaries/2020/11.md": summary})
    assert warnings_of(app) == []
    listed = parse_html(Path(app.outdir) / "summaries/2020/11.html").select("div.mlnews-paperlist li a")
    assert [(a.get_text(), a["href"]) for a in listed] == [
        ("二本目の見出し", "../../issues/2020/11/w45.html#arxiv-2010-15639"),
        ("良いカード", "../../issues/2020/10/w44.html#arxiv-2010-15327"),
    ]


def test_an_item_without_link_is_a_valid_card(tmp_path):
    """A card whose link was lost (an imported post's link card): headline and summary, no title, no URL."""
    app = _build(tmp_path, {BROKEN: f"{HEAD}:::{{item}}\n:headline: リンクを失った記事\n:pick:\n\n要約です。\n:::\n"})
    assert warnings_of(app) == []
    node = parse_html(Path(app.outdir) / "issues/2020/11/w45.html").select_one("section.mlnews-item")
    assert node.find(["h2", "h3"]).get_text().startswith("リンクを失った記事")
    assert node.select("a[href^='http']") == []
    assert node.select_one(".mlnews-pick-badge") is not None and "mlnews-pick" in node["class"]
    assert node.select_one(".mlnews-summary").get_text(strip=True) == "要約です。"


def test_very_long_title_and_headline_render_whole(tmp_path):
    title = "A " + " ".join(["Very Long Title"] * 60)
    headline = "とても長い見出し" * 40
    refs = REFS + f"@misc{{long2020title, title = {{{title}}}, author = {{Long, Lee}}, year = {{2020}}, eprint = {{2011.00001}}}}\n"
    app = _build(tmp_path, {"refs.bib": refs, BROKEN: card("2011.00001", f":headline: {headline}")})
    assert app.warnings == []
    page = parse_html(app.outdir / "issues/2020/11/w45.html")
    node = page.select_one('section.mlnews-paper[data-arxiv="2011.00001"]')
    assert node.select_one(".mlnews-paper-title a").get_text() == title
    assert headline in node.find(["h2", "h3"]).get_text()


def test_page_with_500_papers(tmp_path):
    entries = "".join(
        f"@misc{{p{n}, title = {{Paper {n}}}, author = {{Author, A{n}}}, year = {{2020}}, eprint = {{2011.{n:05d}}}}}\n"
        for n in range(1, 501)
    )
    cards = "".join(f":::{{paper}} 2011.{n:05d}\n:headline: 論文 {n}\n\n要約 {n}。\n:::\n\n" for n in range(1, 501))
    app = _build(tmp_path, {"refs.bib": REFS + entries, BROKEN: HEAD + cards})
    assert app.warnings == []
    page = parse_html(app.outdir / "issues/2020/11/w45.html")
    assert len(page.select("section.mlnews-paper")) == 500
    assert page.find(id="arxiv-2011-00500").select_one(".mlnews-paper-title a").get_text() == "Paper 500"
