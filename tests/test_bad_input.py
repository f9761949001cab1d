"""The corpus of broken input, run through the build and through ``mlnews check``.

Every case writes its broken files (a card, a page, an entry of ``refs.bib``)
into an otherwise good project, then:

* builds it: the build gives exactly the case's warnings (file, line, subtype
  and words; most cases have one), and the rest of the site still builds: the
  good week keeps its card, the broken page is written with its cards, and the
  bibliography keeps its good entries, the one after a broken entry too;
* runs ``mlnews check`` on it: check reports exactly what the build warned,
  with the same text and the same ``[type.subtype]``. So the two cannot drift.
  A case that check cannot see says why (:attr:`Case.unseen_by_check`), and
  check must then report nothing for it, so the note stays true.

This is the one place to add a case of bad input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Built, build, heading_text
from mlnews.cli.check import Note, check_project
from mlnews.cli.project import Project
from mlnews.core.warnings import Subtype

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
GOOD_ENTRIES = ("asokan2020teaching", "nguyen2020wide")
TAIL = "@misc{later2020kept, title = {Kept After the Problem}, author = {Kept, Kim}, year = {2020}}\n"
"""An entry after the broken one: it must still be in the bibliography."""
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
NOVEMBER = "summaries/2020/11.md"
WARNING = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?:WARNING|ERROR): (?P<text>.*) \[(?P<kind>[\w.]+)\]$")


def card(argument: str, options: str = ":headline: 見出し", body: str = "要約です。") -> str:
    """A week page (week 45) whose only card is the given one; the card starts at line 9, its options at 10."""
    return f"{HEAD}:::{{paper}} {argument}\n{options}\n\n{body}\n:::\n"


def item(argument: str, options: str = ":title: An article\n:headline: 見出し") -> str:
    return f"{HEAD}:::{{item}} {argument}\n{options}\n\n要約です。\n:::\n"


def entry(text: str, tail: bool = True) -> dict[str, str]:
    """refs.bib with one more entry, at line 11 (REFS has 10 lines), and a good one after it."""
    return {"refs.bib": REFS + text + "\n" + (TAIL if tail else "")}


def week(date: str, title: str = "# 週") -> str:
    return f"---\ndate: {date}\n---\n\n{title}\n"


@dataclass(frozen=True)
class Warn:
    """One warning a case must give: where, its ``type.subtype``, and words of its text."""

    path: str
    line: int
    kind: str
    words: str


@dataclass
class Case:
    """A broken input and the warnings it must give (in the build and in ``mlnews check``)."""

    files: dict[str, str | bytes]
    warns: list[Warn]
    unseen_by_check: str = ""
    """Why ``mlnews check`` cannot see this case ('' when it reports what the build does)."""
    then: Callable[[Built], None] | None = None
    """More of "the rest still builds", for this case."""
    conf: str = ""
    """More lines of conf.py."""


def one(path: str, line: int, kind: str, words: str, **options) -> Case:
    """A case whose files are *options['files']* and that gives one warning."""
    files = options.pop("files")
    return Case(files, [Warn(path, line, kind, words)], **options)


def _lists(built: Built, docname: str) -> list[list[str]]:
    return [[a["href"] for a in box.select("a")] for box in built.page(docname).select("div.mlnews-paperlist")]


def _lists_the_good_paper(built: Built) -> None:
    assert _lists(built, "summaries/2020/11") == [["../../issues/2020/10/w44.html#arxiv-2010-15327"]]


def _lists_nothing(built: Built) -> None:
    box = built.page("summaries/2020/11").select_one("div.mlnews-paperlist")
    assert box.get_text(strip=True) == "該当する論文はまだありません。"


def _both_weeks_link_each_other(built: Built) -> None:
    def featured(docname: str) -> list[str]:
        node = built.page(docname).select_one('section[data-arxiv="2010.15327"] .mlnews-card-featured-in')
        return [a["href"] for a in node.select("a")]

    assert featured("issues/2020/11/w45") == ["../10/w44.html#arxiv-2010-15327"]
    assert featured("issues/2020/10/w44") == ["../11/w45.html#arxiv-2010-15327"]


CASES: dict[str, Case] = {
    # Cards: the paper's argument.
    "malformed new-style id": one(BROKEN, 9, "mlnews.arxiv_id", "'2010.1563x' is not a valid arXiv ID", files={BROKEN: card("2010.1563x")}),
    "malformed old-style id": one(BROKEN, 9, "mlnews.arxiv_id", "'hep-th/99' is not a valid arXiv ID", files={BROKEN: card("hep-th/99")}),
    "id with month 13": one(BROKEN, 9, "mlnews.arxiv_id", "'2013.15639' is not a valid arXiv ID", files={BROKEN: card("2013.15639")}),
    "bare arXiv prefix": one(BROKEN, 9, "mlnews.arxiv_id", "'arXiv:' is not a valid arXiv ID", files={BROKEN: card("arXiv:")}),
    "unknown arXiv id": one(
        BROKEN, 9, "mlnews.unknown_paper", "no entry in the bibliography has eprint = {2101.00001}; add it with 'mlnews add 2101.00001'",
        files={BROKEN: card("2101.00001")},
    ),
    "unknown key": one(BROKEN, 9, "mlnews.unknown_paper", "no entry with key 'nosuchkey2020'", files={BROKEN: card("nosuchkey2020")}),
    "version disagrees with the entry's version field": one(
        BROKEN, 9, "mlnews.version", "arXiv:2010.15639v3 names version 3 but entry 'asokan2020teaching' describes arXiv:2010.15639v2",
        files={BROKEN: card("2010.15639v3")},
    ),
    # eprint holds no version: an entry without `version` records none, so no card's version disagrees.
    "versioned card of an entry without version": Case(
        {**entry("@misc{plain2020, title = {Plain}, author = {Plain, P}, year = {2020}, eprint = {2011.00002}}"), BROKEN: card("2011.00002v5")}, []
    ),
    "paper without argument": one(
        BROKEN, 9, "docutils", "Directive 'paper': 1 argument(s) required, 0 supplied",
        files={BROKEN: f"{HEAD}:::{{paper}}\n:headline: 見出し\n\n要約です。\n:::\n"},
    ),
    "paper with two arguments": one(
        BROKEN, 9, "docutils", "Directive 'paper': maximum 1 argument(s) allowed, 2 supplied", files={BROKEN: card("2010.15639 2010.15327")}
    ),
    # Cards: options and summary.
    "unknown option": one(
        BROKEN, 11, "myst.directive_option", "'paper': Unknown option key: 'colour' (allowed: ['headline', 'image', 'pick', 'tags'])",
        files={BROKEN: card("2010.15639", ":headline: 見出し\n:colour: red")},
    ),
    "unknown option of an item": one(
        BROKEN, 12, "myst.directive_option", "'item': Unknown option key: 'colour'",
        files={BROKEN: item("https://example.org/a", ":title: An article\n:headline: 見出し\n:colour: red")},
    ),
    "empty headline": one(BROKEN, 9, "mlnews.option", "paper needs a :headline:", files={BROKEN: card("2010.15639", ":headline:")}),
    "blank headline": one(BROKEN, 9, "mlnews.option", "paper needs a :headline:", files={BROKEN: card("2010.15639", ":headline:    ")}),
    "no headline option": one(BROKEN, 9, "mlnews.option", "paper needs a :headline:", files={BROKEN: card("2010.15639", ":tags: 解釈性")}),
    "bad pick value": one(
        BROKEN, 9, "mlnews.option", ":pick: takes no value (or yes/no), not 'maybe'; not marked as a pick",
        files={BROKEN: card("2010.15639", ":headline: 見出し\n:pick: maybe")},
    ),
    "unknown tag": one(
        BROKEN, 9, "mlnews.tag", "tag '宇宙' is not in mlnews_tags (生成モデル, 解釈性)",
        files={BROKEN: card("2010.15639", ":headline: 見出し\n:tags: 生成モデル, 宇宙")},
    ),
    "unknown tag after full-width comma": one(
        BROKEN, 9, "mlnews.tag", "tag '量子' is not in mlnews_tags", files={BROKEN: card("2010.15639", ":headline: 見出し\n:tags: 生成モデル、量子")}
    ),
    "missing image": one(
        BROKEN, 9, "image.not_readable", "image file not readable: issues/2020/11/img/nowhere.png",
        files={BROKEN: card("2010.15639", ":headline: 見出し\n:image: img/nowhere.png")},
    ),
    "paper without summary": one(
        BROKEN, 9, "mlnews.option", "paper has no summary", files={BROKEN: f"{HEAD}:::{{paper}} 2010.15639\n:headline: 見出し\n:::\n"}
    ),
    "unknown citation key": one(
        BROKEN, 12, "bibtex.key_not_found", 'could not find bibtex key "nosuch2020"',
        files={BROKEN: card("2010.15639", body="要約 {cite:p}`nosuch2020` です。")},
    ),
    # A code block is text: an example of a citation in it cites nothing.
    "citation in a code block": Case(
        {BROKEN: card("2010.15639", body="書き方:\n\n```markdown\n{cite:p}`nosuch2020`\n```")}, []
    ),
    "same paper twice on a page": one(
        BROKEN, 15, "mlnews.duplicate", "this page already has a card with anchor #arxiv-2010-15639; the same item twice?",
        files={BROKEN: card("2010.15639") + "\n:::{paper} 2010.15639v2\n:headline: 二度目\n\n要約です。\n:::\n"},
    ),
    "same paper by key and by arXiv ID": one(
        BROKEN, 15, "mlnews.duplicate", "anchor #arxiv-2010-15639",
        files={BROKEN: card("2010.15639") + "\n:::{paper} asokan2020teaching\n:headline: 二度目\n\n要約です。\n:::\n"},
    ),
    "paper new in two weeks": one(
        BROKEN, 9, "mlnews.duplicate",
        "paper nguyen2020wide is already a new item of issues/2020/10/w44; a later week should cite it ({cite:p}) instead of featuring it again",
        files={BROKEN: card("2010.15327")}, then=_both_weeks_link_each_other,
    ),
    # Cards: items.
    "item without title": one(BROKEN, 9, "mlnews.option", "item needs a :title:", files={BROKEN: item("https://example.org/a", ":headline: 見出し")}),
    "item without headline": one(BROKEN, 9, "mlnews.option", "item needs a :headline:", files={BROKEN: item("https://example.org/a", ":title: An article")}),
    "item with two arguments": one(
        BROKEN, 9, "docutils", "Directive 'item': maximum 1 argument(s) allowed, 2 supplied", files={BROKEN: item("https://a.org/x https://b.org/y")}
    ),
    "javascript url": one(BROKEN, 9, "mlnews.url", "link 'javascript:alert(1)' is not an http(s) URL", files={BROKEN: item("javascript:alert(1)")}),
    "data url": one(BROKEN, 9, "mlnews.url", "link 'data:text/html,hi' is not an http(s) URL", files={BROKEN: item("data:text/html,hi")}),
    "ftp url": one(BROKEN, 9, "mlnews.url", "link 'ftp://example.org/file' is not an http(s) URL", files={BROKEN: item("ftp://example.org/file")}),
    "relative url without host": one(BROKEN, 9, "mlnews.url", "link 'https:///nohost' is not an http(s) URL", files={BROKEN: item("https:///nohost")}),
    "same item twice on a page": one(
        BROKEN, 16, "mlnews.duplicate", "this page already has a card with anchor #item-",
        files={BROKEN: item("https://example.org/a") + "\n:::{item} https://example.org/a\n:title: Again\n:headline: 二度目\n\n要約です。\n:::\n"},
    ),
    # Week pages.
    "front matter without date": one(BROKEN, 1, "mlnews.week_date", "needs 'date: YYYY-MM-DD'", files={BROKEN: "---\nauthor: akira\n---\n\n# 第45週\n"}),
    "no front matter": one(BROKEN, 1, "mlnews.week_date", "needs 'date: YYYY-MM-DD'", files={BROKEN: "# 第45週\n\n本文。\n"}),
    "date not a Sunday": one(
        BROKEN, 3, "mlnews.week_date", "date 2020-11-03 is a Tuesday; a week starts on Sunday (2020-11-01)",
        files={BROKEN: "---\ntitle: x\ndate: 2020-11-03\n---\n\n# 第45週\n"},
    ),
    "date in words": one(
        BROKEN, 2, "mlnews.week_date", "date '1 November 2020' is not a date of the form YYYY-MM-DD", files={BROKEN: week("1 November 2020")}
    ),
    "date with time": one(BROKEN, 2, "mlnews.week_date", "is not a date of the form YYYY-MM-DD", files={BROKEN: week("2020-11-01 10:00")}),
    # PyYAML reads 2020-02-30 as a timestamp and fails: MyST reports the front matter (one warning is enough).
    "impossible date": one(BROKEN, 1, "myst.topmatter", "Malformed YAML", files={BROKEN: week("2020-02-30")}),
    "week in the wrong month folder": one(
        "issues/2020/10/w45.md", 2, "mlnews.week_path", "its page belongs at issues/2020/11/w45.md", files={"issues/2020/10/w45.md": week("2020-11-01")}
    ),
    "week number wrong in file name": one("issues/2020/11/w46.md", 2, "mlnews.week_path", "week 45 of 2020", files={"issues/2020/11/w46.md": week("2020-11-01")}),
    "week number without leading zero": one(
        "issues/2021/01/w2.md", 2, "mlnews.week_path", "its page belongs at issues/2021/01/w02.md", files={"issues/2021/01/w2.md": week("2021-01-03")}
    ),
    "week page outside a month folder": one(
        "issues/2020/w45.md", 2, "mlnews.week_path", "its page belongs at issues/2020/11/w45.md", files={"issues/2020/w45.md": week("2020-11-01")}
    ),
    "year-boundary week filed under the new year": one(
        "issues/2021/01/w01.md", 2, "mlnews.week_path", "week 1 of 2021; its page belongs at issues/2020/12/w01.md",
        files={"issues/2021/01/w01.md": week("2020-12-27")},
    ),
    # Two pages for one week: the one filed where its date says is the week's page.
    "two pages for one week": Case(
        {"issues/2020/11/w46.md": week("2020-11-10"), "issues/2020/11/w47.md": week("2020-11-08")},
        [
            Warn("issues/2020/11/w46.md", 2, "mlnews.week_date", "date 2020-11-10 is a Tuesday; a week starts on Sunday (2020-11-08)"),
            Warn("issues/2020/11/w47.md", 2, "mlnews.week_path", "the week of 2020-11-08 is week 46 of 2020; its page belongs at issues/2020/11/w46.md"),
            Warn("issues/2020/11/w47.md", 2, "mlnews.duplicate", "week 46 of 2020 already has a page, issues/2020/11/w46"),
        ],
    ),
    "a misfiled week is a second page of its week": Case(
        {BROKEN: week("2020-11-01"), "issues/2020/10/w45.md": week("2020-11-01")},
        [
            Warn("issues/2020/10/w45.md", 2, "mlnews.week_path", "its page belongs at issues/2020/11/w45.md"),
            Warn("issues/2020/10/w45.md", 2, "mlnews.duplicate", "week 45 of 2020 already has a page, issues/2020/11/w45"),
        ],
    ),
    "non-UTF-8 bytes": one(
        BROKEN, 9, "mlnews.encoding", "the file is not valid UTF-8 (byte 0x96 at line 9)",
        files={BROKEN: HEAD.encode() + "本文".encode("shift_jis") + b"\n"},
    ),
    "heading levels that skip one": one(
        BROKEN, 9, "myst.header", "Non-consecutive header level increase; H1 to H3",
        files={BROKEN: "---\ndate: 2020-11-01\n---\n\n# 第45週\n\n本文。\n\n### 小見出し\n"},
        unseen_by_check="MyST's rule for any Markdown page, not the newsletter's: check reads front matter, cards, lists and citations",
    ),
    # Summaries and paper lists.
    "summary period that names nothing": one(
        "summaries/2020/q5.md", 2, "mlnews.period", "period '2020-Q5' is not a summary's period",
        files={"summaries/2020/q5.md": "---\nperiod: 2020-Q5\n---\n\n# 2020年 第5四半期\n"},
    ),
    "summary period that is a week": one(
        "summaries/2020/w45.md", 2, "mlnews.period", "period '2020-W45' is not a summary's period",
        files={"summaries/2020/w45.md": "---\nperiod: 2020-W45\n---\n\n# 第45週のまとめ\n"},
    ),
    "paperlist with an unknown period": one(
        NOVEMBER, 7, "mlnews.period", "unknown period '2020-Q5'", files={NOVEMBER: SUMMARY + ":::{paperlist}\n:period: 2020-Q5\n:::\n"}, then=_lists_nothing
    ),
    "paperlist with an unknown tag": one(
        NOVEMBER, 7, "mlnews.tag", "unknown tag '宇宙' in a paperlist filter",
        files={NOVEMBER: SUMMARY + ":::{paperlist}\n:period: 2020-10\n:tags: 解釈性, 宇宙\n:::\n"}, then=_lists_the_good_paper,
    ),
    "paperlist with an unknown kind": one(
        NOVEMBER, 7, "mlnews.option", "unknown :kind: 'book' (paper, item or all)",
        files={NOVEMBER: SUMMARY + ":::{paperlist}\n:period: 2020-10\n:kind: book\n:::\n"}, then=_lists_the_good_paper,
    ),
    "paperlist with an unknown option": one(
        NOVEMBER, 9, "myst.directive_option", "'paperlist': Unknown option key: 'colour' (allowed: ['kind', 'papers', 'period', 'picks', 'tags'])",
        files={NOVEMBER: SUMMARY + ":::{paperlist}\n:period: 2020-10\n:colour: red\n:::\n"}, then=_lists_the_good_paper,
    ),
    "paperlist naming a paper no week has": one(
        NOVEMBER, 7, "mlnews.unknown_paper", "paperlist: no week has a card for '2101.00001'",
        files={NOVEMBER: SUMMARY + ":::{paperlist}\n:papers: 2010.15327, 2101.00001\n:::\n"}, then=_lists_the_good_paper,
    ),
    "paperlist with an empty :papers:": one(
        NOVEMBER, 7, "mlnews.option", ":papers: names no paper", files={NOVEMBER: SUMMARY + ":::{paperlist}\n:papers:\n:::\n"}
    ),
    "paperlist without a period on a page without one": one(
        "summaries/2020/notes.md", 3, "mlnews.period", "paperlist needs :period: on a page without 'period:' in its front matter",
        files={"summaries/2020/notes.md": "# メモ\n\n:::{paperlist}\n:::\n"},
    ),
    # refs.bib: each broken entry starts at line 11.
    # pybtex reads an unclosed entry on into the next one, so no good entry follows it here.
    "malformed BibTeX entry": one(
        "refs.bib", 11, "mlnews.bibtex", "@misc entry is not closed (unbalanced braces)",
        files=entry("@misc{broken2020,\n  title = {Unclosed,\n  year = {2020},\n", tail=False),
    ),
    "duplicate BibTeX key": one(
        "refs.bib", 11, "mlnews.duplicate", "duplicate key 'nguyen2020wide' (first at refs.bib:6); the first entry is used",
        files=entry("@misc{nguyen2020wide, title = {Again}, author = {A, B}, year = {2020}}"),
    ),
    "entry without title": one("refs.bib", 11, "mlnews.bibtex", "entry 'notitle2020' has no title", files=entry("@misc{notitle2020, author = {Nobody, N}, year = {2020}}")),
    "entry without authors": one(
        "refs.bib", 11, "mlnews.bibtex", "entry 'noauthor2020' has no author", files=entry("@misc{noauthor2020, title = {No Authors}, year = {2020}}")
    ),
    "two entries for one arXiv ID": one(
        "refs.bib", 11, "mlnews.duplicate", "entry 'twice2020' has the same arXiv ID 2010.15327 as 'nguyen2020wide' (line 6); cards use 'nguyen2020wide'",
        files=entry("@misc{twice2020, title = {T}, author = {T, T}, year = {2020}, eprint = {2010.15327v3}}"),
    ),
    "eprint that is not an arXiv ID": one(
        "refs.bib", 11, "mlnews.arxiv_id", "eprint '2010.1563x' of 'badeprint2020' is not an arXiv ID",
        files=entry("@misc{badeprint2020, title = {T}, author = {T, T}, year = {2020}, eprint = {2010.1563x}}"),
    ),
    # archivePrefix says whose eprint it is: another archive's is no arXiv ID, and no problem.
    "eprint of another archive": Case(
        entry("@misc{hal2020paper, title = {T}, author = {T, T}, year = {2020}, eprint = {hal-0123}, archivePrefix = {HAL}}"), []
    ),
}


def _write(project: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def project(tmp_path: Path, files: dict[str, str | bytes], conf: str = "") -> Path:
    """The good project with *files* written over it."""
    root = tmp_path / "site"
    good = {
        "conf.py": CONF + conf,
        "index.md": INDEX,
        "bibliography.md": BIBLIOGRAPHY,
        "refs.bib": REFS,
        "issues/2020/10/w44.md": GOOD_WEEK,
        "summaries/2020/10.md": GOOD_SUMMARY,
    }
    _write(root, {**good, **files})
    return root


def build_warnings(built: Built) -> list[tuple[str, int, str, str]]:
    """``(path, line, type.subtype, text)`` of every warning, the path relative to the project."""
    found = []
    for line in built.warnings:
        match = WARNING.match(line)
        assert match, f"a warning without file, line or type: {line}"
        path = Path(match["path"])
        shown = path.relative_to(built.srcdir).as_posix() if path.is_absolute() else match["path"]
        found.append((shown, int(match["line"]), match["kind"], match["text"]))
    return sorted(found)


def check_problems(root: Path) -> list[tuple[str, int, str, str]]:
    """What ``mlnews check`` reports for the project at *root*, as :func:`build_warnings` gives the build's."""
    problems, _pages = check_project(Project.open(root))
    return sorted((p.path, p.line, p.subtype, p.message) for p in problems)


def _cards_in(text: str) -> int:
    return sum(line.startswith((":::{paper}", ":::{item}")) for line in text.splitlines())


def assert_the_rest_builds(built: Built, case: Case) -> None:
    """Nothing but the broken thing is lost."""
    good = built.page("issues/2020/10/w44")
    assert good.select_one('section.mlnews-paper[data-arxiv="2010.15327"] .mlnews-paper-title a') is not None
    dropped = any(warn.kind == "docutils" for warn in case.warns)  # docutils drops a directive it cannot run
    for name, content in case.files.items():
        if name.endswith(".md"):
            page = built.page(name.removesuffix(".md"))
            cards = page.select("section.mlnews-paper, section.mlnews-item")
            if isinstance(content, str) and not dropped:
                # Every card is still on the page, with a headline.
                assert len(cards) == _cards_in(content), name
                assert all(heading_text(c.find(["h2", "h3"])) for c in cards), name
    bibliography = built.page("bibliography")
    kept = [*GOOD_ENTRIES, *(["later2020kept"] if TAIL in str(case.files.get("refs.bib", "")) else [])]
    assert [key for key in kept if bibliography.find(id=f"cite-{key}") is None] == []
    if case.then is not None:
        case.then(built)


@pytest.mark.parametrize("name", list(CASES))
def test_the_build_and_check_report_the_case_and_the_rest_builds(tmp_path, name):
    case = CASES[name]
    root = project(tmp_path, case.files, case.conf)
    built = build(root, tmp_path / "build")
    assert "Traceback" not in built.app.status.getvalue() + built.app.warning.getvalue()
    warned = build_warnings(built)
    expected = sorted(case.warns, key=lambda w: (w.path, w.line, w.kind))
    assert [(path, line, kind) for path, line, kind, _ in warned] == [(w.path, w.line, w.kind) for w in expected], warned
    for (_path, _line, _kind, text), warn in zip(warned, expected, strict=True):
        assert warn.words in text, (text, warn.words)
    assert_the_rest_builds(built, case)

    checked = check_problems(root)
    if case.unseen_by_check:
        assert checked == [], f"check sees it now: remove unseen_by_check ({case.unseen_by_check})"
    else:
        assert checked == warned


NOT_FROM_INPUT = {
    "search": "the search indexer failing on the output folder: no page or bib file causes it",
    "share_image": "a machine without a Japanese font for the share images: no page or bib file causes it",
}
"""Subtypes that no broken input gives, with the reason."""


def test_every_subtype_has_a_case_and_a_line_in_the_readme():
    covered = {warn.kind for case in CASES.values() for warn in case.warns}
    missing = [s.value for s in Subtype if f"mlnews.{s.value}" not in covered]
    assert missing == sorted(NOT_FROM_INPUT)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    warnings = readme[readme.index("### Warnings") : readme.index("## The `mlnews` command")]
    assert [s.value for s in Subtype if f"| `mlnews.{s.value}` |" not in warnings] == []


def test_the_good_project_is_clean(tmp_path):
    root = project(tmp_path, {})
    assert build(root, tmp_path / "build").warnings == []
    assert check_problems(root) == []


def test_a_subtype_can_be_suppressed(tmp_path):
    files = {BROKEN: card("nosuchkey2020") + "\n:::{paper} 2010.1563x\n:headline: 形の崩れた ID\n\n要約です。\n:::\n"}
    root = project(tmp_path, files, 'suppress_warnings = ["mlnews.unknown_paper"]\n')
    warned = build_warnings(build(root, tmp_path / "build"))
    assert [(path, line, kind) for path, line, kind, _ in warned] == [(BROKEN, 15, "mlnews.arxiv_id")]


def test_paperlist_lists_the_papers_it_names_in_their_order(tmp_path):
    week = card("2010.15639", ":headline: 二本目の見出し")
    summary = SUMMARY + ":::{paperlist}\n:papers: asokan2020teaching, 2010.15327v1\n:::\n"
    root = project(tmp_path, {BROKEN: week, NOVEMBER: summary})
    built = build(root, tmp_path / "build")
    assert built.warnings == [] and check_problems(root) == []
    listed = built.page("summaries/2020/11").select("div.mlnews-paperlist li a")
    assert [(a.get_text(), a["href"]) for a in listed] == [
        ("二本目の見出し", "../../issues/2020/11/w45.html#arxiv-2010-15639"),
        ("良いカード", "../../issues/2020/10/w44.html#arxiv-2010-15327"),
    ]


def test_an_item_without_link_is_a_valid_card(tmp_path):
    """A card whose link was lost (an imported post's link card): headline and summary, no title, no URL."""
    root = project(tmp_path, {BROKEN: f"{HEAD}:::{{item}}\n:headline: リンクを失った記事\n:pick:\n\n要約です。\n:::\n"})
    built = build(root, tmp_path / "build")
    assert built.warnings == []
    notes: list[Note] = []
    assert check_project(Project.open(root), notes)[0] == []
    assert [(n.path, n.line) for n in notes if n.subtype == "mlnews.no_link"] == [(BROKEN, 9)]
    node = built.page("issues/2020/11/w45").select_one("section.mlnews-item")
    assert node.find(["h2", "h3"]).get_text().startswith("リンクを失った記事")
    assert node.select("a[href^='http']") == []
    assert node.select_one(".mlnews-pick-badge") is not None and "mlnews-pick" in node["class"]
    assert node.select_one(".mlnews-summary").get_text(strip=True) == "要約です。"


def test_very_long_title_and_headline_render_whole(tmp_path):
    title = "A " + " ".join(["Very Long Title"] * 60)
    headline = "とても長い見出し" * 40
    refs = REFS + f"@misc{{long2020title, title = {{{title}}}, author = {{Long, Lee}}, year = {{2020}}, eprint = {{2011.00001}}}}\n"
    root = project(tmp_path, {"refs.bib": refs, BROKEN: card("2011.00001", f":headline: {headline}")})
    built = build(root, tmp_path / "build")
    assert built.warnings == [] and check_problems(root) == []
    node = built.page("issues/2020/11/w45").select_one('section.mlnews-paper[data-arxiv="2011.00001"]')
    assert node.select_one(".mlnews-paper-title a").get_text() == title
    assert headline in node.find(["h2", "h3"]).get_text()


def test_page_with_500_papers(tmp_path):
    entries = "".join(
        f"@misc{{p{n}, title = {{Paper {n}}}, author = {{Author, A{n}}}, year = {{2020}}, eprint = {{2011.{n:05d}}}}}\n"
        for n in range(1, 501)
    )
    cards = "".join(f":::{{paper}} 2011.{n:05d}\n:headline: 論文 {n}\n\n要約 {n}。\n:::\n\n" for n in range(1, 501))
    root = project(tmp_path, {"refs.bib": REFS + entries, BROKEN: HEAD + cards})
    built = build(root, tmp_path / "build")
    assert built.warnings == [] and check_problems(root) == []
    page: BeautifulSoup = built.page("issues/2020/11/w45")
    assert len(page.select("section.mlnews-paper")) == 500
    assert page.find(id="arxiv-2011-00500").select_one(".mlnews-paper-title a").get_text() == "Paper 500"
