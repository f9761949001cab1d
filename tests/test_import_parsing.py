"""The importer's readers, one piece at a time: titles, picks, arXiv links, HTML, escaping; and properties.

The properties (Hypothesis): the pasted-text parser never crashes on any text
and places or locates every line; author text written by ``mlnews.cli.markup``
renders as exactly that text in MyST; option values survive MyST's option
parser.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.options import options_to_items

from mlnews.core.arxiv_id import ArxivId
from mlnews.cli import markup
from mlnews.cli.importer.html import read_html
from mlnews.cli.importer.model import Block, PostError, RawPost
from mlnews.cli.importer.posts import Skipped, WeekPost, arxiv_from_url, classify_title, read_post, section_of
from mlnews.cli.importer.text import read_text_post
from mlnews.cli.importer.writer import CardOut, paragraphs, render_week
from mlnews.core.periods import Period
from mlnews.core.weeks import NewsWeek


@pytest.mark.parametrize(
    ("title", "week", "year", "period"),
    [
        ("Akira's ML news #Week 45, 2020", 45, 2020, None),
        ("Akira's ML news #Week45, 2020", 45, 2020, None),
        ("Akira’s ML news #Week 1,2021", 1, 2021, None),
        ("Akira's ML news　＃Ｗｅｅｋ４５，２０２０", 45, 2020, None),
        ("2020年9月のまとめ", 0, 0, Period("month", 2020, 9)),
        ("Akira's ML news 2020年9月まとめ", 0, 0, Period("month", 2020, 9)),
        ("2020年第4四半期のまとめ", 0, 0, Period("quarter", 2020, 4)),
        ("2020年 第4四半期 まとめ", 0, 0, Period("quarter", 2020, 4)),
        ("【まとめ】2020年Q3", 0, 0, Period("quarter", 2020, 3)),
        ("2020年下半期のまとめ", 0, 0, Period("half", 2020, 2)),
        ("2020年上半期のまとめ", 0, 0, Period("half", 2020, 1)),
        ("2020年のまとめ", 0, 0, Period("year", 2020)),
        ("2020年の振り返り", 0, 0, Period("year", 2020)),
    ],
)
def test_titles_of_the_newsletter(title, week, year, period):
    kind = classify_title(title)
    assert kind is not None
    assert (kind.week, kind.year, kind.period) == (week, year, period)


@pytest.mark.parametrize("title", ["機械学習の勉強を始めて一年", "Week 3 of learning Rust", "2020年13月のまとめ", "今週読んだ本", ""])
def test_other_titles_are_not_the_newsletter(title):
    assert classify_title(title) is None


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://arxiv.org/abs/2010.15639", ArxivId("2010.15639")),
        ("https://arxiv.org/abs/2010.15639v2", ArxivId("2010.15639", 2)),
        ("http://arxiv.org/pdf/2010.08895v1.pdf", ArxivId("2010.08895", 1)),
        ("https://arxiv.org/pdf/2010.08895", ArxivId("2010.08895")),
        ("https://export.arxiv.org/abs/hep-th/9901001", ArxivId("hep-th/9901001")),
        ("https://www.arxiv.org/abs/math.GT/0309136v1", ArxivId("math.GT/0309136", 1)),
        ("https://arxiv.org/abs/1501.00001/", ArxivId("1501.00001")),
        ("https://openreview.net/forum?id=abc", None),
        ("https://arxiv.org/list/cs.LG/recent", None),
    ],
)
def test_arxiv_links_in_any_form(address, expected):
    assert arxiv_from_url(address) == expected


@pytest.mark.parametrize(
    ("line", "heading", "section"),
    [
        ("1. 論文", 0, 1), ("1.論文", 0, 1), ("１．論文", 0, 1), ("2.技術的な記事等", 0, 2), ("2. 技術的な記事", 0, 2),
        ("3. 実社会における機械学習適用例", 0, 3), ("3.実社会における機械学習の適用例", 0, 3), ("4. その他話題", 0, 4),
        ("4.その他の話題", 0, 4), ("論文", 2, 1), ("その他話題", 3, 4),
        ("論文", 0, 0), ("2. 技術的には難しい点が残ります", 0, 0), ("1. まず早い段階の予測を覚え", 0, 0), ("5. 論文", 0, 0),
    ],
)
def test_section_headings(line, heading, section):
    assert section_of(Block("text", 1, text=line, heading=heading)) == section


def _week(text: str) -> WeekPost:
    post = read_post(read_text_post(text, "post.txt"))
    assert isinstance(post, WeekPost)
    return post


BODY = """
1. 論文

学習データの一部を忘れさせる方法
Some Paper About Forgetting
https://arxiv.org/abs/2011.00001
忘れさせたいデータだけを効率よく取り除きます。

物理の法則を満たすように学習する
https://arxiv.org/abs/2011.00002
保存則を損失に入れた手法です。

2. 技術的な記事等

GPU を使い切るための工夫を利用して学習を速くする
https://example.org/fast
細かな工夫を積み重ねた記事です。
"""


def test_picks_match_shortened_headlines_and_report_the_rest():
    post = _week(
        "Akira's ML news #Week 46, 2020\n\n今週の注目記事/論文\n学習データの一部を忘れさせる\nGPU を使い切って学習を速くする\n"
        "まったく関係のない見出し\n" + BODY
    )
    assert [card.pick for card in post.cards] == [True, False, True]
    assert post.unmatched == [("まったく関係のない見出し", 6)]
    assert [note.line for note in post.notes if "matches no item" in note.message] == [6]


def test_the_intro_date_is_checked_against_the_week_rule():
    agreeing = _week("Akira's ML news #Week 46, 2020\n\n2020年第46週(11/8~)の記事です。\n" + BODY)
    assert agreeing.start == dt.date(2020, 11, 8) and not [n for n in agreeing.notes if "intro" in n.message]
    stale = _week("Akira's ML news #Week 46, 2020\n\n2020年第45週(11/1~)の記事です。\n" + BODY)
    assert stale.start == dt.date(2020, 11, 8)
    assert [n.line for n in stale.notes if "the intro gives week 45, 11/1" in n.message] == [3]
    # Week 1 starts in December of the year before.
    first = _week("Akira's ML news #Week 1, 2021\n\n2021年第1週(12/27~)の記事です。\n" + BODY)
    assert (first.year, first.number, first.start) == (2021, 1, dt.date(2020, 12, 27))


def test_a_title_without_year_takes_the_intro_year():
    post = _week("Akira's ML news #Week 46\n\n2020年第46週(11/8~)の記事です。\n" + BODY)
    assert (post.year, post.start) == (2020, dt.date(2020, 11, 8))


def test_no_year_anywhere_is_an_error_with_its_line():
    with pytest.raises(PostError) as raised:
        read_post(read_text_post("Akira's ML news #Week 46\n" + BODY, "post.txt"))
    assert raised.value.line == 1 and "no year" in raised.value.message


def test_html_lines_links_and_groups():
    source = (
        "<p>first line</p>\n<p>text   with\n <a href='https://example.org/x'>a   link</a> and <a href='javascript:x()'>no link</a><br>"
        "second <b>line</b></p>\n<figure><img src='https://assets.example/p.png' alt='画像'><figcaption>図の説明</figcaption></figure>"
    )
    _, _, blocks, notes = read_html(source, line_offset=10, fragment=True)
    assert [(b.kind, b.line, b.text) for b in blocks] == [
        ("text", 11, "first line"),
        ("text", 12, "text with a link and no link"),
        ("text", 13, "second line"),
        ("image", 14, "画像"),
    ]
    link = blocks[1].links[0]
    assert blocks[1].text[link.start : link.end] == "a link" and link.href == "https://example.org/x"
    assert len(blocks[1].links) == 1
    assert blocks[1].group == blocks[2].group != blocks[0].group
    assert blocks[3].caption == "図の説明" and blocks[3].src == "https://assets.example/p.png"
    assert [(n.line, n.needs_author) for n in notes] == [(13, False)]


# --- properties -----------------------------------------------------------------------------

_MD = create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath", "substitution", "strikethrough", "attrs_inline"}), RendererHTML)
# Characters a post's line can hold: no line breaks, no control characters (a paste or an HTML page has none).
_LINE_TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x00"), max_size=60),
    # Markup characters, densely: every one of them must come out as itself.
    st.text(alphabet="*_`[]()<>&{}$|~^#-+=:%!\\\"'.1a あ　\t@/", max_size=30),
)


def _rendered_text(source: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", _MD.render(source))).strip()


@given(_LINE_TEXT)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_author_text_renders_verbatim(line):
    assert _rendered_text(markup.text(line)) == line.strip()


@given(_LINE_TEXT, st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=3))
@settings(max_examples=200)
def test_linked_text_renders_its_text_verbatim(line, spans):
    links = [(start, start + length, "https://example.org/a b") for start, length in spans if start + length <= len(line)]
    links.sort()
    kept, end = [], -1
    for link in links:
        if link[0] >= end:
            kept.append(link)
            end = link[1]
    source = markup.linked_text(line, kept)
    assert _rendered_text(source) == line.strip()


@given(_LINE_TEXT)
@settings(max_examples=300)
def test_option_values_survive_the_option_parser(value):
    expected = " ".join(value.split())
    items, _ = options_to_items(f"headline: {markup.option_value(value)}")
    assert items == [("headline", expected)]


_LINES = st.one_of(
    st.sampled_from([
        "1. 論文", "2. 技術的な記事等", "3.実社会における機械学習適用例", "4. その他話題", "今週の注目記事/論文", "過去の記事",
        "Week 44の記事 ⇦ Week 45の記事(コレ)⇨ Week 46の記事", "2020年9月のまとめ", "内容 :", "-----------", "画像3",
        "https://arxiv.org/abs/2010.15639", "https://arxiv.org/pdf/2010.07432v1.pdf", "https://example.org/article",
        "Teaching a GAN What Not to Learn", "短い見出し", "要約の文です。結果も述べます。", "記事は以上です。ここから下は有料設定です。",
        "ここから先は", "¥300 / 月", "Twitter で紹介しています @example", "2020年第45週(11/1~)の記事です。", "", "   ",
        "サポートしていただけると嬉しいです。", "https://arxiv.org/abs/hep-th/9901001", "1. 1. 1.", "# 見出し", ":::{note}",
    ]),
    _LINE_TEXT,
)


@given(st.lists(_LINES, max_size=40))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_text_parser_never_crashes_and_locates_what_it_cannot_map(lines):
    text = "\n".join(["Akira's ML news #Week 45, 2020", *lines])
    raw = read_text_post(text, "post.txt")
    try:
        post = read_post(raw)
    except PostError as error:
        assert 1 <= error.line <= len(lines) + 1 and error.message
        return
    if isinstance(post, Skipped):
        assert post.reason
        return
    numbers = {n for n, line in enumerate(text.split("\n"), start=1) if line.strip()}
    placed = {raw.line} | set(raw.chrome) | {note.line for note in raw.notes}
    located = {note.line for note in post.notes}
    for index, block in enumerate(raw.blocks):
        what = post.dispositions[index]  # every line became something
        placed.add(block.line)
        if what == "unplaced":
            assert block.line in located
    assert placed == numbers
    # The page can be written, and every sentence that was kept is in it, as MyST that shows it verbatim.
    sections: dict[int, list[CardOut]] = {}
    for card in post.cards:
        sections.setdefault(card.section, []).append(CardOut("item", "", card.headline, card.summary, title=card.title))
    page = render_week(NewsWeek(post.year, post.number, post.start), post.intro, [t for t, _ in post.unmatched], sections)
    for paragraph in paragraphs(post.intro):
        assert paragraph in page
    for card in post.cards:
        if card.headline:
            assert f":headline: {markup.option_value(card.headline)}\n" in page
        for paragraph in paragraphs(card.summary):
            assert paragraph in page
    for text, _ in post.unmatched:
        assert " ".join(text.split()) in page


_HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<br>", "<h2>", "</h2>", "<h3>", "<a href='https://example.org/x'>", "<a href='javascript:x()'>", "</a>",
    "<figure>", "</figure>", "<img src='https://a.example/p.png' onerror='x()'>", "<figcaption>", "</figcaption>",
    "<script>", "</script>", "<iframe src='https://b.example/'>", "</iframe>", "<ul><li>", "</li></ul>", "<pre>", "</pre>",
    "<hr>", "&lt;", "&amp;", "&#0;", "<!-- c -->", "<![CDATA[x]]>", "<div>", "</div>", "1. 論文", "画像", "\n",
])


@given(st.lists(st.one_of(_HTML_PIECES, _LINE_TEXT), max_size=40))
@settings(max_examples=200, deadline=None)
def test_the_html_reader_never_crashes(pieces):
    source = "".join(pieces)
    for fragment in (True, False):
        title, line, blocks, notes = read_html(source, line_offset=5, fragment=fragment)
        assert line >= 1
        for block in blocks:
            assert block.line >= 1
            for link in block.links:
                assert 0 <= link.start < link.end <= len(block.text) and link.href.startswith("https://")
        try:
            post = read_post(RawPost("post.html", "Akira's ML news #Week 45, 2020", 1, blocks, notes=notes))
        except PostError as error:  # the one way a post may fail: located
            assert error.line >= 1 and error.message
        else:
            assert isinstance(post, WeekPost) and post.raw.source == "post.html"
