"""``mlnews import``: an archive (note.com export, saved page, pasted posts) brought into a new project.

The fixtures in ``tests/data/import/`` are ours, written in the formats the
importer reads: a pasted week (``week45-pasted.txt``, with navigation and the
paid-section footer), a saved note.com page (``week44-saved.html``, with a
script, an iframe, an event attribute and a ``javascript:`` link), an export
(``note-export/``, zipped here: two weeks, a month's summary, a draft, another
article, a duplicate and an attachment, and ``assets/``) and a quarter's
summary as pasted text. arXiv is the local stand-in.
"""

from __future__ import annotations

import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from arxiv_server import FakeArxiv, Paper
from conftest import build, heading_text, parse_html
from mlnews.cli import arxiv_client, main
from mlnews.cli import project as project_module
from mlnews.cli.importer import wxr

DATA = Path(__file__).parent / "data" / "import"
TEXT_WEEK = DATA / "week45-pasted.txt"
SAVED_PAGE = DATA / "week44-saved.html"
QUARTER = DATA / "2020-q4-pasted.txt"

PAPERS = [
    Paper("2010.15639", 1, "Teaching a GAN What Not to Learn", ["Siddarth Asokan", "Chandra Sekhar Seelamantula"]),
    Paper("2010.07432", 1, "Viewmaker Networks: Learning Views for Unsupervised Representation Learning", ["Alex Tamkin", "Mike Wu", "Noah Goodman"]),
    Paper(
        "2010.15327", 1,
        "Do Wide and Deep Networks Learn the Same Things? Uncovering How Neural Network Representations Vary with Width and Depth",
        ["Thao Nguyen", "Maithra Raghu", "Simon Kornblith"],
    ),
    Paper(
        "2010.12606", 2, "Exemplary Natural Images Explain CNN Activations Better than State-of-the-Art Feature Visualization",
        ["Judy Borowski", "Roland S. Zimmermann"], primary="cs.CV",
    ),
    Paper("2010.11934", 1, "mT5: A massively multilingual pre-trained text-to-text transformer", ["Linting Xue", "Noah Constant"], primary="cs.CL"),
    Paper("2007.00151", 2, "Early-Learning Regularization Prevents Memorization of Noisy Labels", ["Sheng Liu", "Jonathan Niles-Weed"]),
    Paper("2010.01412", 1, "Sharpness-Aware Minimization for Efficiently Improving Generalization", ["Pierre Foret", "Ariel Kleiner"]),
    Paper("2010.08895", 1, "Fourier Neural Operator for Parametric Partial Differential Equations", ["Zongyi Li", "Nikola Kovachki"]),
    Paper(
        "2011.05867", 1, "DeepI2I: Enabling Deep Hierarchical Image-to-Image Translation by Transferring from GANs",
        ["Yaxing Wang", "Lu Yu"], primary="cs.CV",
    ),
    Paper("2011.07357", 1, "Solving Physics Puzzles by Reasoning about Paths", ["Augustin Harter", "Andrew Melnik"]),
]


def make_export(target: Path, folder: Path = DATA / "note-export") -> Path:
    """The export folder as note gives it: one ZIP."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def new_site(folder: Path) -> Path:
    site = folder / "site"
    assert main(["init", str(site), "--title", "Akira's ML news"]) == 0
    return site


@pytest.fixture
def arxiv(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(arxiv_client, "DELAY_SECONDS", 0.0)
    with FakeArxiv() as server:
        server.add(*PAPERS)
        monkeypatch.setenv("MLNEWS_ARXIV_URL", server.url)
        yield server


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    made = new_site(tmp_path)
    capsys.readouterr()
    return made


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    """A new project with every fixture imported, built with -W: (site, html folder, report, check output)."""
    folder = tmp_path_factory.mktemp("imported")
    export = make_export(folder / "note-export.zip")
    with pytest.MonkeyPatch.context() as patch, FakeArxiv() as server:
        patch.setattr(arxiv_client, "DELAY_SECONDS", 0.0)
        server.add(*PAPERS)
        patch.setenv("MLNEWS_ARXIV_URL", server.url)
        site = new_site(folder)
        report = folder / "report.txt"
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["--root", str(site), "import", str(TEXT_WEEK), str(SAVED_PAGE), str(export), str(QUARTER)])
        report.write_text(out.getvalue(), encoding="utf-8")
        requests = list(server.requests)
    assert status == 0, err.getvalue()
    assert build(site, folder).warnings == []  # sphinx-build -W passes
    check_out = io.StringIO()
    with contextlib.redirect_stdout(check_out), contextlib.redirect_stderr(io.StringIO()):
        check_status = main(["--root", str(site), "check"])
    return {
        "site": site,
        "html": folder / "html",
        "report": out.getvalue(),
        "progress": err.getvalue(),
        "requests": requests,
        "check": (check_status, check_out.getvalue()),
        "export": export,
    }


def page(imported, docname: str):
    return parse_html(imported["html"] / f"{docname}.html")


# --- the site a reader sees -----------------------------------------------------------------


def test_weeks_are_written_where_their_dates_say(imported):
    site = imported["site"]
    weeks = sorted(p.relative_to(site).as_posix() for p in (site / "issues").rglob("w*.md"))
    assert weeks == ["issues/2020/10/w43.md", "issues/2020/10/w44.md", "issues/2020/11/w45.md", "issues/2020/11/w48.md"]
    assert (site / "issues/2020/11/w48.md").read_text(encoding="utf-8").startswith("---\ndate: 2020-11-22\n---\n")
    # The summary pages the weeks need exist (the build would warn otherwise), the imported ones among them.
    summaries = sorted(p.relative_to(site).as_posix() for p in (site / "summaries").rglob("*.md"))
    assert summaries == ["summaries/2020/10.md", "summaries/2020/11.md", "summaries/2020/h2.md", "summaries/2020/index.md", "summaries/2020/q4.md"]


def test_cards_sections_and_picks_of_a_pasted_week(imported):
    week = page(imported, "issues/2020/11/w45")
    sections = [s["id"] for s in week.select("article section section") if s["id"] in ("papers", "articles", "applications", "other")]
    assert sections == ["papers", "articles", "applications", "other"]
    papers = week.select("section#papers section.mlnews-paper")
    assert [card["data-arxiv"] for card in papers] == ["2010.15639", "2010.07432", "2010.15327", "2010.12606"]
    assert heading_text(papers[0].select_one("h3")) == "GAN に「学習してほしくない本物のデータ」を教える"
    assert papers[0].select_one(".mlnews-paper-title a").get_text() == "Teaching a GAN What Not to Learn"
    assert papers[0].select_one(".mlnews-summary p").get_text() == (
        "識別器に「本物だが生成してほしくない」という三つ目の区分を持たせる Rumi-GAN の論文です。"
        "避けたいサンプルも学習に使えるので、少数クラスだけを生成したいときに役立ちます。"
    )
    # The versioned pdf link of the post becomes a card of that version.
    assert papers[1].select_one("a.mlnews-abs")["href"] == "https://arxiv.org/abs/2010.07432v1"
    # Two lines of summary are two paragraphs.
    assert len(papers[2].select(".mlnews-summary p")) == 2
    # The picks: a shortened headline ("a phrase dropped") and a reworded one are matched.
    assert [card["data-arxiv"] for card in week.select("section.mlnews-paper.mlnews-pick")] == ["2010.07432", "2010.15327", "2010.12606"]
    assert [a["href"] for a in week.select("aside.mlnews-picks li a")] == ["#arxiv-2010-07432", "#arxiv-2010-15327", "#arxiv-2010-12606"]
    # Navigation and footer are mlnews' own or dropped: none of the post's is left.
    article = week.select_one("article")
    for generated in article.select("aside.mlnews-picks, nav.mlnews-weeknav"):
        generated.decompose()
    text = article.get_text()
    for dropped in ("過去の記事", "(コレ)", "内容 :", "記事は以上です", "有料", "¥300", "@example_ml", "------", "今週の注目記事"):
        assert dropped not in text
    items = week.select("section.mlnews-item")
    assert [heading_text(item.select_one("h3")) for item in items] == [
        "医用画像 AI がうまくいく課題と難しい課題",
        "スマートフォンで録音した咳から感染を見分ける",
        "GPT-3 を医療の相談に使うと何が起きるか",
        "AWS が A100 を載せたインスタンスを発表",
    ]
    article = items[0].select_one(".mlnews-item-title a")
    assert (article.get_text(), article["href"]) == (
        "Why Skin Lesions are Peanuts and Brain Tumors Harder Nuts",
        "https://thegradient.pub/why-skin-lesions-are-peanuts-and-brain-tumors-harder-nuts/",
    )
    # A bare address gets its host as title; the copy that lost its link card is a card without a link.
    assert items[1].select_one(".mlnews-item-title a").get_text() == "news.mit.edu"
    assert items[2].select_one("a[href^='http']") is None and items[2].select_one(".mlnews-item-title") is None
    assert items[2].select_one(".mlnews-summary").get_text(strip=True).startswith("医療の場面で GPT-3 を試したところ")


def test_a_saved_page_keeps_text_verbatim_and_drops_raw_html(imported):
    week = page(imported, "issues/2020/10/w44")
    card = week.select_one("section#arxiv-2007-00151")
    paragraphs = [p.get_text() for p in card.select(".mlnews-summary p")]
    assert paragraphs == [
        "学習の初期にはきれいなラベルが先に当てはまる、という性質を使った正則化です。"
        "損失は *L* = CE + λ·R と書けて、`λ` は {0.1, 1} 程度、$R$ は予測の移動平均との内積です。",
        "1. まず早い段階の予測を覚え、2. それから離れないように学習します。",
        "# のように始まる行も、<script>alert(1)</script> と書いた文も、::: で始まる行も、そのまま表示されるべきです。",
    ]
    article = week.select_one("article")
    assert article.select("script, iframe, em, code, ol") == []
    assert not [a for a in article.select("a[href]") if a["href"].lower().startswith("javascript")]
    assert not [tag for tag in article.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    assert "injected" not in article.get_text()
    # The text of a javascript: link is kept, without the link.
    first = week.select_one("section#arxiv-2010-11934 .mlnews-summary p")
    assert first.get_text() == "T5 を 101 の言語のコーパスで事前学習したモデルです。ここをクリックすると何かが起きる、というような罠は取り除かれます。"
    assert first.select("a") == []
    # The image of the saved page's folder is copied next to the week and shown in its card.
    image = week.select_one("section#arxiv-2010-11934 .mlnews-card-figure img")
    assert (imported["html"] / "issues/2020/10" / image["src"]).resolve().read_bytes() == (
        DATA / "week44-saved_files/picture_pc_51be2a9c03f4.png"
    ).read_bytes()
    # The link on a headline, and the address of an embedded link card, are the items' links.
    links = [item.select_one(".mlnews-item-title a")["href"] for item in week.select("section.mlnews-item")]
    assert links == [
        "https://paulbridger.com/posts/video_analytics_pipeline_tuning/",
        "https://www.universetoday.com/148165/machine-learning-software-is-now-doing-the-exhausting-task-of-counting-craters-on-mars/",
        "https://github.com/daviddao/awful-ai",
    ]


def test_an_export_brings_its_images_and_only_those(imported):
    site, html = imported["site"], imported["html"]
    week = page(imported, "issues/2020/10/w43")
    sam = week.select_one("section#arxiv-2010-01412 .mlnews-card-figure img")
    assert (html / "issues/2020/10" / sam["src"]).resolve().read_bytes() == (
        DATA / "note-export/assets/picture_pc_4a1f0c2e9b7d.png"
    ).read_bytes()
    # A figure's caption is the author's text: it ends the item's summary.
    bias = [s for s in week.select("section.mlnews-item") if "偏り" in heading_text(s.select_one("h3"))][0]
    assert bias.select(".mlnews-summary p")[-1].get_text() == "注釈の偏りを示す図"
    assert bias.select_one(".mlnews-card-figure img") is not None
    copied = sorted(p.name for p in site.rglob("img/*"))
    assert "picture_pc_unused000001.png" not in copied
    assert copied == [
        "picture_pc_0d9e8f7a6b5c.png",
        "picture_pc_4a1f0c2e9b7d.png",
        "picture_pc_51be2a9c03f4.png",
        "picture_pc_77c3e5d1a0b2.png",
        "picture_pc_77c3e5d1a0b2.png",
    ]
    # A paper elsewhere than arXiv is a link card in the papers' section.
    lambda_card = week.select_one("section#papers section.mlnews-item .mlnews-item-title a")
    assert lambda_card.get_text() == "LambdaNetworks: Modeling Long-Range Interactions Without Attention"
    assert [c["data-arxiv"] for c in week.select("section.mlnews-paper.mlnews-pick")] == []
    assert len(week.select("section.mlnews-pick")) == 3


def test_summaries_keep_their_prose_and_list_their_papers(imported):
    month = page(imported, "summaries/2020/11")
    assert heading_text(month.select_one("article h1")) == "2020年11月のまとめ"
    prose = [p.get_text() for p in month.select("article section > p")]
    assert prose[0] == "11月に紹介した論文の中から、特に印象に残ったものを振り返ります。今月は生成モデルの工夫が目立ちました。"
    assert "来月もよろしくお願いします。" in prose
    lists = [[(a.get_text(), a["href"]) for a in block.select("li a")] for block in month.select("div.mlnews-paperlist")]
    assert lists == [
        [
            ("GAN に「学習してほしくない本物のデータ」を教える", "../../issues/2020/11/w45.html#arxiv-2010-15639"),
            ("学習済みの GAN を土台にした画像変換", "../../issues/2020/11/w48.html#arxiv-2011-05867"),
        ],
        # Named by its title only.
        [("経路を推論して物理パズルを解く", "../../issues/2020/11/w48.html#arxiv-2011-07357")],
    ]
    assert [heading_text(h) for h in month.select("article h2")][:2] == ["生成モデル", "物理と機械学習"]
    # A paper that no week features stays a link in the prose.
    assert month.select_one("article a[href='https://arxiv.org/abs/2009.08551']") is not None
    quarter = page(imported, "summaries/2020/q4")
    listed = [[a["href"].split("#")[1] for a in block.select("li a")] for block in quarter.select("div.mlnews-paperlist")]
    assert listed == [["arxiv-2010-07432", "arxiv-2010-15639"], ["arxiv-2010-08895"]]
    assert "A Paper Title That No Week Has Featured" in quarter.select_one("article").get_text()


def test_refs_bib_gets_every_paper_in_one_request(imported):
    assert len(imported["requests"]) == 1
    asked = imported["requests"][0]["id_list"][0].split(",")
    assert sorted(asked) == sorted(p.id for p in PAPERS)
    bibliography = page(imported, "bibliography")
    assert len(bibliography.select("div.citation")) == len(PAPERS)
    assert bibliography.select_one("div.citation a[href='https://arxiv.org/abs/2011.07357v1']") is not None
    refs = (imported["site"] / "refs.bib").read_text(encoding="utf-8")
    assert len(re.findall(r"^@misc\{", refs, flags=re.M)) == len(PAPERS)
    assert "@misc{asokan2020teaching," in refs and "eprint        = {2010.07432}," in refs


def test_the_report_names_every_post_and_place(imported):
    report = imported["report"]
    export = f"{imported['export']}/note-example_ml-export.xml"
    assert f"{TEXT_WEEK}:1: Akira's ML news #Week 45, 2020\n  wrote issues/2020/11/w45.md (4 papers, 4 items, 3 picks)" in report
    # What needs the author, with the post and the line.
    assert f"needs you: {export}:71: the pick 'この見出しはどの記事にもありません' matches no item's headline" in report
    assert f"needs you: {TEXT_WEEK}:70: the item 'GPT-3 を医療の相談に使うと何が起きるか' has no link" in report
    assert f"needs you: {TEXT_WEEK}:30: 7 images (30, 36, 43, 49, 59, 68, 81) have no file (pasted text keeps no images)" in report
    assert f"needs you: {export}:87: the image 'https://assets.st-note.com/production/uploads/images/30000004/picture_pc_missing0000.png' has no file in the export" in report
    assert f"needs you: {TEXT_WEEK}:65: the link of 'スマートフォンで録音した咳から感染を見分ける' shows only its address: its :title: is 'news.mit.edu'" in report
    # The intro's stale date disagrees with the title: reported, the page follows the title.
    assert f"needs you: {export}:69: the intro gives week 47, 11/15 (week 47 of 2020) but the title says week 48 of 2020" in report
    # Raw HTML that was dropped.
    assert f"dropped: {SAVED_PAGE}:35: dropped <script>" in report
    assert f"dropped: {SAVED_PAGE}:29: dropped the event attribute onerror= of <img>" in report
    assert f"dropped: {SAVED_PAGE}:28: dropped a link to \"javascript:alert('hi')\"" in report
    # What was skipped, and why.
    assert f"skipped {export}:137: Akira's ML news #Week 50, 2020: not published (draft)" in report
    assert f"skipped {export}:151: 機械学習の勉強を始めて一年が経ちました: not a post of the newsletter" in report
    assert f"skipped {export}:165: Akira's ML news #Week 48, 2020 (再投稿): the same week as {export}:63" in report
    assert "refs.bib: 10 entries added, 0 already there" in report
    assert report.rstrip().endswith("6 posts imported: 6 pages written, 0 unchanged, 0 left alone; 4 skipped; 11 things need you")


def test_check_lists_the_cards_without_link(imported):
    status, out = imported["check"]
    assert status == 0
    # Every entry was fetched from arXiv now (no unfetched notes): the card without link is the one note.
    assert out.splitlines() == [
        "issues/2020/11/w45.md:58: note: item has no link yet: give its URL as the argument, and its :title: [mlnews.no_link]"
    ]


# --- guarantees -----------------------------------------------------------------------------


def test_importing_again_changes_nothing(site, arxiv, tmp_path, capsys):
    export = make_export(tmp_path / "export.zip")
    args = ["--root", str(site), "import", str(TEXT_WEEK), str(export)]
    assert main(args) == 0
    first = snapshot(site)
    requests = len(arxiv.requests)
    capsys.readouterr()
    assert main(args) == 0
    assert snapshot(site) == first
    assert len(arxiv.requests) == requests  # every paper is in refs.bib now: no question for arXiv
    out = capsys.readouterr().out
    assert "unchanged: issues/2020/11/w45.md" in out and "unchanged: summaries/2020/11.md" in out
    assert "0 pages written" in out


def test_a_page_that_differs_is_left_alone_unless_forced(site, arxiv, capsys):
    assert main(["--root", str(site), "import", str(TEXT_WEEK)]) == 0
    page_path = site / "issues/2020/11/w45.md"
    edited = page_path.read_text(encoding="utf-8").replace("役立ちます。", "役立ちます。著者の追記です。")
    page_path.write_text(edited, encoding="utf-8")
    before = snapshot(site)
    capsys.readouterr()
    assert main(["--root", str(site), "import", str(TEXT_WEEK)]) == 0
    assert snapshot(site) == before
    assert "left alone: issues/2020/11/w45.md exists and differs from the import (--force replaces it)" in capsys.readouterr().out
    assert main(["--root", str(site), "import", "--force", str(TEXT_WEEK)]) == 0
    assert "著者の追記です。" not in page_path.read_text(encoding="utf-8")
    assert "replaced issues/2020/11/w45.md" in capsys.readouterr().out


def test_pages_mlnews_made_empty_are_filled_without_force(site, arxiv, tmp_path, capsys):
    # new-week made the week's empty page; the week's import made the month's empty summary.
    assert main(["--root", str(site), "new-week", "--date", "2020-11-22"]) == 0
    assert main(["--root", str(site), "import", str(TEXT_WEEK)]) == 0
    assert (site / "summaries/2020/11.md").read_text(encoding="utf-8").count("\n") < 15
    capsys.readouterr()
    assert main(["--root", str(site), "import", str(make_export(tmp_path / "export.zip"))]) == 0
    out = capsys.readouterr().out
    assert "replaced summaries/2020/11.md (3 papers listed)" in out
    assert "replaced issues/2020/11/w48.md" in out
    assert "left alone" not in out.replace("0 left alone", "")
    assert "2020年11月のまとめ" in (site / "summaries/2020/11.md").read_text(encoding="utf-8")


def test_a_summary_without_its_weeks_builds(site, tmp_path, capsys):
    post = tmp_path / "2019-h2.txt"
    post.write_text("2019年下半期のまとめ\n\n2019年の後半に読んだ論文から、印象に残ったものを振り返ります。\n", encoding="utf-8")
    assert main(["--root", str(site), "import", str(post)]) == 0
    # Only the year's page is added for it: no empty months or quarters.
    assert sorted(p.relative_to(site).as_posix() for p in (site / "summaries").rglob("*.md")) == [
        "summaries/2019/h2.md", "summaries/2019/index.md",
    ]
    assert build(site, tmp_path / "out").warnings == []
    half = parse_html(tmp_path / "out" / "html" / "summaries/2019/h2.html")
    assert heading_text(half.select_one("article h1")) == "2019年下半期のまとめ"
    assert half.select_one("article section > p").get_text() == "2019年の後半に読んだ論文から、印象に残ったものを振り返ります。"


def test_dry_run_writes_nothing_and_asks_no_one(site, arxiv, tmp_path, capsys):
    before = snapshot(site)
    export = make_export(tmp_path / "export.zip")
    assert main(["--root", str(site), "import", "--dry-run", str(TEXT_WEEK), str(export)]) == 0
    assert snapshot(site) == before
    assert arxiv.requests == []
    out = capsys.readouterr().out
    assert "refs.bib: would ask arXiv for 8 papers it lacks" in out
    assert "  would write issues/2020/11/w45.md (4 papers, 4 items, 3 picks)" in out
    assert "would create summaries/2020/11.md" not in out  # the month is the imported summary's page
    assert "would create summaries/2020/q4.md" in out
    assert out.rstrip().endswith("dry run: nothing was written")


def test_arxiv_down_changes_nothing(site, arxiv, capsys):
    before = snapshot(site)
    arxiv.failures = [503] * 10
    assert main(["--root", str(site), "import", str(TEXT_WEEK)]) == 1
    assert snapshot(site) == before
    err = capsys.readouterr().err
    assert "mlnews: error: 2010.15639, 2010.07432, 2010.15327, 2010.12606: the arXiv API answered HTTP 503" in err
    assert "Traceback" not in err


def test_a_failed_write_leaves_the_project_as_it_was(site, arxiv, monkeypatch, capsys):
    before = snapshot(site)
    folders = sorted(p for p in site.rglob("*") if p.is_dir())
    moved: list[str] = []
    real_replace = project_module.os.replace

    def replace_then_fail(source, target):
        moved.append(str(target))
        if len(moved) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(project_module.os, "replace", replace_then_fail)
    assert main(["--root", str(site), "import", str(TEXT_WEEK)]) == 1
    assert len(moved) > 3  # two files were moved in place, then put back
    assert snapshot(site) == before
    # Not even the folders of the new pages are left behind.
    assert sorted(p for p in site.rglob("*") if p.is_dir()) == folders
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().endswith("mlnews: error: [Errno 28] No space left on device; no file was changed")


def test_a_post_that_cannot_be_read_changes_nothing(site, arxiv, tmp_path, capsys):
    broken = tmp_path / "week46.txt"
    broken.write_text("Akira's ML news #Week 46, 2020\n\n今週はお休みします。来週またお会いしましょう。\n", encoding="utf-8")
    before = snapshot(site)
    assert main(["--root", str(site), "import", str(TEXT_WEEK), str(broken)]) == 1
    assert snapshot(site) == before
    assert arxiv.requests == []
    err = capsys.readouterr().err
    assert err.strip() == (
        f"mlnews: error: {broken}:1: Akira's ML news #Week 46, 2020: no section with items: expected headings "
        "such as '1. 論文' and '2. 技術的な記事'; nothing was written"
    )


def test_a_paper_arxiv_does_not_know_becomes_a_link_card(site, arxiv, tmp_path, capsys):
    post = tmp_path / "week46.txt"
    post.write_text(
        "Akira's ML news #Week 46, 2020\n\n1. 論文\n\n存在しない論文を紹介してしまった\nA Paper That Is Not There\n"
        "https://arxiv.org/abs/2011.99999\n番号を打ち間違えた論文へのリンクです。\n",
        encoding="utf-8",
    )
    assert main(["--root", str(site), "import", str(post)]) == 0
    text = (site / "issues/2020/11/w46.md").read_text(encoding="utf-8")
    assert ":::{item} https://arxiv.org/abs/2011.99999\n:title: A Paper That Is Not There\n" in text
    assert "arXiv has no paper 2011.99999" in capsys.readouterr().out
    assert build(site, tmp_path / "out").warnings == []


def test_malformed_xml_is_located(site, tmp_path, capsys):
    bad = tmp_path / "export"
    shutil.copytree(DATA / "note-export", bad)
    xml = bad / "note-example_ml-export.xml"
    xml.write_text(xml.read_text(encoding="utf-8").replace("</channel>", "</chanel>"), encoding="utf-8")
    before = snapshot(site)
    assert main(["--root", str(site), "import", str(make_export(tmp_path / "bad.zip", bad))]) == 1
    assert snapshot(site) == before
    err = capsys.readouterr().err
    assert re.match(rf"mlnews: error: {re.escape(str(tmp_path / 'bad.zip'))}/note-example_ml-export.xml:\d+: not well-formed XML", err)


def test_text_that_is_not_utf8_is_refused(site, tmp_path, capsys):
    bad = tmp_path / "week.txt"
    bad.write_bytes("Akira's ML news #Week 45, 2020\n".encode() + "今週は".encode("shift_jis"))
    assert main(["--root", str(site), "import", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"mlnews: error: {bad}:2: not valid UTF-8")


def test_missing_path_is_a_usage_error(site, capsys):
    assert main(["--root", str(site), "import", "no-such-export.zip"]) == 2
    assert "no-such-export.zip: no such file or folder" in capsys.readouterr().err


# --- hostile archives -----------------------------------------------------------------------


def _zip_with(target: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    make_export(target)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, data in extra:
            archive.writestr(name, data)
    return target


def _link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("../outside.txt", "the entry '../outside.txt' has '..' in its path"),
        ("assets/../../outside.txt", "the entry 'assets/../../outside.txt' has '..' in its path"),
        ("/tmp/outside.txt", "the entry '/tmp/outside.txt' has an absolute path"),
        ("C:/outside.txt", "the entry 'C:/outside.txt' has an absolute path"),
        ("assets\\..\\outside.txt", "has a backslash in its path"),
        (_link("assets/picture_pc_link.png"), "is a symbolic link"),
    ],
    ids=["dotdot", "nested dotdot", "absolute", "drive", "backslash", "symlink"],
)
def test_a_hostile_entry_refuses_the_whole_zip(site, tmp_path, capsys, entry, message):
    archive = _zip_with(tmp_path / "export.zip", [(entry, b"not yours")])
    before = snapshot(site)
    outside = snapshot(tmp_path)
    assert main(["--root", str(site), "import", str(archive)]) == 1
    assert snapshot(site) == before
    assert snapshot(tmp_path) == outside
    err = capsys.readouterr().err
    assert err.startswith(f"mlnews: error: {archive}: refused: ") and message in err


def test_a_zip_bomb_is_refused(site, tmp_path, capsys):
    archive = _zip_with(tmp_path / "export.zip", [("assets/huge.png", b"\0" * (8 * 1024**2))])
    assert main(["--root", str(site), "import", str(archive)]) == 1
    assert "refused: the entry 'assets/huge.png' would unpack to 8388608 bytes" in capsys.readouterr().err


def test_too_many_entries_are_refused(site, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(wxr, "MAX_ENTRIES", 10)
    archive = _zip_with(tmp_path / "export.zip", [(f"assets/{n}.png", b"x") for n in range(10)])
    assert main(["--root", str(site), "import", str(archive)]) == 1
    assert "refused: 15 entries (more than 10; not an export)" in capsys.readouterr().err


def test_too_large_in_total_is_refused(site, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(wxr, "MAX_TOTAL_BYTES", 10_000)
    archive = _zip_with(tmp_path / "export.zip", [])
    assert main(["--root", str(site), "import", str(archive)]) == 1
    assert "would unpack to" in capsys.readouterr().err


def test_a_saved_page_cannot_pull_in_files_from_elsewhere(site, arxiv, tmp_path, capsys):
    secret = tmp_path / "secret.png"
    secret.write_bytes((DATA / "note-export/assets/picture_pc_4a1f0c2e9b7d.png").read_bytes())
    folder = tmp_path / "saved"
    folder.mkdir()
    html = SAVED_PAGE.read_text(encoding="utf-8").replace("./week44-saved_files/picture_pc_51be2a9c03f4.png", "../secret.png")
    (folder / "week44.html").write_text(html, encoding="utf-8")
    assert main(["--root", str(site), "import", str(folder / "week44.html")]) == 0
    assert list(site.rglob("*.png")) == []
    assert "the image '../secret.png' has no file in the export" in capsys.readouterr().out
