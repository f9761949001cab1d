"""``mlnews new-week``: week pages and their summary pages, across month and year boundaries."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import parse_html, warnings_of
from mlnews.cli import main
from mlnews.cli import commands

ROOT = Path(__file__).parent / "roots" / "test-cli"
TEMPLATE_SUMMARIES = ["summaries/2020/11.md", "summaries/2020/q4.md", "summaries/2020/h2.md", "summaries/2020/index.md"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(ROOT, target)
    return target


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_default_is_the_week_after_the_latest(site, capsys):
    before = files(site)
    assert main(["--root", str(site), "new-week"]) == 0
    assert capsys.readouterr().out.strip() == "issues/2020/11/w46.md"
    assert (site / "issues/2020/11/w46.md").read_text(encoding="utf-8") == (
        "---\ndate: 2020-11-08\n---\n\n# 2020年 第46週 (11月8日〜)\n\n"
        "## 論文\n\n## 技術的な記事\n\n## 実社会における機械学習適用例\n\n## その他話題\n"
    )
    # The month and its summaries exist already: nothing else is touched.
    after = files(site)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"issues/2020/11/w46.md"}


def test_the_test_root_summaries_are_what_new_week_writes(site):
    """The test root's summary pages (which the build test builds) are the templates, byte for byte."""
    for name in TEMPLATE_SUMMARIES:
        (site / name).unlink()
    assert main(["--root", str(site), "new-week", "--date", "2020-11-04"]) == 1  # w45 exists
    assert not (site / "summaries/2020/11.md").exists()
    (site / "issues/2020/11/w45.md").unlink()
    assert main(["--root", str(site), "new-week", "--date", "2020-11-04"]) == 0
    for name in TEMPLATE_SUMMARIES:
        assert (site / name).read_bytes() == (ROOT / name).read_bytes(), name


def test_across_a_month_boundary(site, capsys):
    assert main(["--root", str(site), "new-week", "--date", "2020-11-29"]) == 0
    assert main(["--root", str(site), "new-week"]) == 0
    out = capsys.readouterr().out.split()
    assert out == ["issues/2020/11/w49.md", "issues/2020/12/w50.md"]
    december = (site / "summaries/2020/12.md").read_text(encoding="utf-8")
    assert december.startswith("---\nperiod: 2020-12\n---\n\n# 2020年12月\n")
    assert "/issues/2020/12/*" in december


def test_across_a_year_boundary(site, capsys):
    """2020-12-27 starts week 1 of 2021; its page lives in the folder of its start date."""
    assert main(["--root", str(site), "new-week", "--date", "2020-12-20"]) == 0
    assert main(["--root", str(site), "new-week"]) == 0
    assert main(["--root", str(site), "new-week"]) == 0
    captured = capsys.readouterr()
    assert captured.out.split() == ["issues/2020/12/w52.md", "issues/2020/12/w01.md", "issues/2021/01/w02.md"]
    assert "# 2021年 第1週 (12月27日〜)" in (site / "issues/2020/12/w01.md").read_text(encoding="utf-8")
    assert "date: 2021-01-03" in (site / "issues/2021/01/w02.md").read_text(encoding="utf-8")
    for name in ["summaries/2021/01.md", "summaries/2021/q1.md", "summaries/2021/h1.md", "summaries/2021/index.md"]:
        assert (site / name).is_file(), name
    assert "period: 2021-H1" in (site / "summaries/2021/h1.md").read_text(encoding="utf-8")
    assert "/summaries/2021/q[12]" in (site / "summaries/2021/h1.md").read_text(encoding="utf-8")
    assert "created summaries/2021/index.md" in captured.err
    # The new pages pass the checks.
    assert main(["--root", str(site), "check"]) == 0


def test_refuses_an_existing_week_without_touching_anything(site, capsys):
    before = files(site)
    assert main(["--root", str(site), "new-week", "--date", "2020-11-07"]) == 1
    assert files(site) == before
    assert capsys.readouterr().err.strip() == (
        "mlnews: error: week 45 of 2020 (2020-11-01) exists already: issues/2020/11/w45.md"
    )


def test_refuses_a_week_that_exists_under_another_name(site):
    misplaced = site / "issues/2020/11/w99.md"
    misplaced.write_text("---\ndate: 2020-11-08\n---\n\n# x\n", encoding="utf-8")
    assert main(["--root", str(site), "new-week", "--date", "2020-11-10"]) == 1
    assert not (site / "issues/2020/11/w46.md").exists()


def test_without_weeks_it_is_this_week(tmp_path, monkeypatch, capsys):
    (tmp_path / "conf.py").write_text('extensions = ["mlnews"]\n', encoding="utf-8")
    monkeypatch.setattr(commands, "_today", lambda: dt.date(2021, 1, 1))
    assert main(["--root", str(tmp_path), "new-week"]) == 0
    assert capsys.readouterr().out.strip() == "issues/2020/12/w01.md"


def test_bad_date_is_a_usage_error(site, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(site), "new-week", "--date", "2020-13-01"])
    assert exit_info.value.code == 2
    assert "'2020-13-01' is not a date of the form YYYY-MM-DD" in capsys.readouterr().err


def test_default_root_is_the_current_folder(site, monkeypatch, capsys):
    monkeypatch.chdir(site / "issues")
    assert main(["new-week"]) == 2  # the issues folder is not a project
    monkeypatch.chdir(site)
    assert main(["new-week"]) == 0
    assert (site / "issues/2020/11/w46.md").is_file()


@pytest.mark.sphinx("html", testroot="cli")
def test_new_weeks_and_summaries_build_into_the_archive(app):
    """New weeks across a year boundary, built by Sphinx: no warning, every page in the toctrees."""
    srcdir = Path(app.srcdir)
    for date in ("2020-12-27", "2021-01-03"):
        assert main(["--root", str(srcdir), "new-week", "--date", date]) == 0
    app.build(force_all=True)
    assert warnings_of(app) == []
    year = parse_html(Path(app.outdir) / "summaries/2021/index.html")
    links = [a.get_text() for a in year.select("div.toctree-wrapper a")]
    assert links == ["2021年1月", "2021年 上半期 (1月〜6月)", "2021年 第1四半期 (1月〜3月)"]
    december = parse_html(Path(app.outdir) / "summaries/2020/12.html")
    weeks = [a.get_text() for a in december.select("div.toctree-wrapper a")]
    assert weeks == ["2021年 第1週 (12月27日〜)"]
    week = parse_html(Path(app.outdir) / "issues/2020/12/w01.html")
    assert [s["id"] for s in week.select("section section")] == ["papers", "articles", "applications", "other"]


def test_unreadable_pages_are_named_not_a_traceback(site, capsys):
    (site / "refs.bib").write_bytes(b"@misc{x, title = {caf\xe9}}\n")
    assert main(["--root", str(site), "add", "2010.07432"]) == 1
    assert capsys.readouterr().err.strip().endswith("refs.bib: not valid UTF-8 (byte 0xe9 at line 1); save it as UTF-8 and try again")
    # A week page with a bad byte still counts as a week for new-week.
    page = site / "issues/2020/11/w45.md"
    page.write_bytes(page.read_bytes() + b"\ncaf\xe9\n")
    assert main(["--root", str(site), "new-week"]) == 0
    assert capsys.readouterr().out.strip() == "issues/2020/11/w46.md"
