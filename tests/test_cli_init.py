"""``mlnews init DIR``: a new newsletter project that builds with ``-W`` at once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import build, heading_text, parse_html
from mlnews.cli import main

FILES = [
    ".gitignore",
    "Makefile",
    "README.md",
    "bibliography.md",
    "conf.py",
    "index.md",
    "issues/.gitkeep",
    "refs.bib",
    "summaries/.gitkeep",
]


def conf_values(site: Path) -> dict[str, object]:
    tree = ast.parse((site / "conf.py").read_text(encoding="utf-8"))
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return values


def test_init_writes_a_project_that_builds_with_W_at_once(tmp_path, capsys):
    site = tmp_path / "ml-weekly"
    assert main(["init", str(site), "--title", "Weekly ML notes", "--author", "Hanako Yamada"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(site)
    assert captured.err.startswith(f"created {site}: conf.py, index.md, bibliography.md, refs.bib, issues/, summaries/")
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == FILES
    values = conf_values(site)
    assert values["project"] == "Weekly ML notes" and values["author"] == "Hanako Yamada"
    assert values["language"] == "ja"
    assert values["mlnews_tags"] == []
    assert values["html_theme"] == "sphinx_book_theme"
    assert "mlnews/sidebar-nav.html" in values["html_sidebars"]["**"]
    assert 'latex_documents = [("index", "ml-weekly.tex", project, author, "manual")]' in (site / "conf.py").read_text(encoding="utf-8")
    assert "% Keys: <first author's last name><year><first word of the title" in (site / "refs.bib").read_text(encoding="utf-8")
    makefile = (site / "Makefile").read_text(encoding="utf-8")
    for target in ("html:", "live:", "latexpdf:"):
        assert f"\n{target}\n\t" in makefile
    assert build(site, tmp_path).warnings == []  # sphinx-build -W passes
    index = parse_html(tmp_path / "html" / "index.html")
    assert heading_text(index.select_one("article h1")) == "Weekly ML notes"
    assert index.select_one("div.mlnews-latest .mlnews-empty").get_text() == "最初の号を準備中です。"
    assert heading_text(parse_html(tmp_path / "html" / "bibliography.html").select_one("article h1")) == "参考文献"
    # With its public address the reader features come on, and it still builds cleanly.
    assert build(site, tmp_path, fresh=True, confoverrides={"html_baseurl": "https://example.org/news/"}).warnings == []
    assert (tmp_path / "html" / "feed.xml").is_file()


def test_init_then_new_week_builds(tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    assert conf_values(site)["project"] == "site"  # the folder's name by default
    assert main(["--root", str(site), "new-week", "--date", "2020-11-01"]) == 0
    assert build(site, tmp_path).warnings == []  # sphinx-build -W passes
    index = parse_html(tmp_path / "html" / "index.html")
    assert index.select_one("div.mlnews-latest a").get_text() == "2020年 第45週 (11月1日〜)"


def test_the_title_is_written_verbatim(tmp_path):
    site = tmp_path / "site"
    title = 'Akira\'s "ML" news: *weekly* #1 {x} $y$ <b>'
    assert main(["init", str(site), "--title", title, "--language", "en"]) == 0
    assert conf_values(site)["project"] == title
    assert conf_values(site)["language"] == "en"
    assert build(site, tmp_path).warnings == []  # sphinx-build -W passes
    assert heading_text(parse_html(tmp_path / "html" / "index.html").select_one("article h1")) == title


@pytest.mark.parametrize("content", ["file", "folder"])
def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys, content):
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine\n") if content == "file" else (site / ".git").mkdir()
    assert main(["init", str(site)]) == 1
    assert "the folder is not empty" in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == (["notes.txt"] if content == "file" else [".git"])


def test_init_refuses_a_bad_language(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site"), "--language", "ja; import os"]) == 2
    assert "expected a language code" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
