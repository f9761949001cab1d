"""``mlnews add``: arXiv metadata to refs.bib entries and cards, against a local arXiv."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from pybtex.database import parse_file

from arxiv_server import FakeArxiv, Paper
from conftest import REPO, parse_html, warnings_of
from mlnews.cli import arxiv_client, main, project as project_module

ROOT = Path(__file__).parent / "roots" / "test-cli"

GAN = Paper("2010.15639", 1, "Teaching a GAN What Not to Learn", ["Siddarth Asokan", "Chandra Sekhar Seelamantula"])
VIEWMAKER = Paper(
    "2010.07432", 1,
    "Viewmaker Networks: Learning Views for Unsupervised\n  Representation Learning",
    ["Alex Tamkin", "Mike Wu", "Noah Goodman"], published="2020-10-15T17:51:04Z",
)
LATEX = Paper(
    "2010.12606", 2,
    "Exemplary Natural Images Explain CNN Activations\n  Better than $\\ell_p$-bounded Feature Visualization: 100% & more",
    ["Judy Borowski", "Roland S. Zimmermann", "Ludwig van Beethoven Jr."], primary="cs.CV",
    doi="10.1000/xyz.2020.1", journal_ref="ICLR 2021\n  (poster)",
)
FINZI = Paper(
    "2010.13581", 1, "Simplifying Hamiltonian and Lagrangian Neural Networks via Explicit Constraints",
    ["Marc Finzi", "Ke Alexander Wang", "Andrew Gordon Wilson"],
)
OLD = Paper(
    "hep-th/9901001", 1, "Old-Style Identifiers and the {AdS/CFT} Story",
    ["Juan Maldacena"], published="1999-01-01T10:00:00Z", primary="hep-th", categories=["hep-th"],
)
OLD_SUBJECT = Paper(
    "math/0309136", 1, "The Entropy Formula for the Ricci Flow", ["Grisha Perelman"],
    published="2002-11-11T16:11:49Z", primary="math.DG", categories=["math.DG"],
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the CLI test root to write into."""
    target = tmp_path / "site"
    shutil.copytree(ROOT, target)
    return target


@pytest.fixture
def arxiv(monkeypatch: pytest.MonkeyPatch):
    """The local arXiv, set as the API through MLNEWS_ARXIV_URL, with no rate-limit pause."""
    monkeypatch.setattr(arxiv_client, "DELAY_SECONDS", 0.0)
    with FakeArxiv() as server:
        server.add(GAN, VIEWMAKER, LATEX, FINZI, OLD, OLD_SUBJECT)
        monkeypatch.setenv("MLNEWS_ARXIV_URL", server.url)
        yield server


def run(site: Path, *args: str) -> int:
    return main(["--root", str(site), *args])


def entries(site: Path):
    return parse_file(str(site / "refs.bib"), "bibtex").entries


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_single_add_appends_a_normalised_entry(site, arxiv, capsys):
    before = (site / "refs.bib").read_text(encoding="utf-8")
    assert run(site, "add", "2010.07432") == 0
    after = (site / "refs.bib").read_text(encoding="utf-8")
    # Everything the author wrote stays byte for byte; the new entry comes last.
    assert after.startswith(before)
    assert after[len(before):] == (
        "\n@misc{tamkin2020viewmaker,\n"
        "  title         = {Viewmaker Networks: Learning Views for Unsupervised Representation Learning},\n"
        "  author        = {Tamkin, Alex and Wu, Mike and Goodman, Noah},\n"
        "  year          = {2020},\n"
        "  eprint        = {2010.07432},\n"
        "  archivePrefix = {arXiv},\n"
        "  primaryClass  = {cs.LG},\n"
        "  version       = {1},\n"
        "  url           = {https://arxiv.org/abs/2010.07432},\n"
        "}\n"
    )
    assert "2010.07432: added to refs.bib as tamkin2020viewmaker (v1)" in capsys.readouterr().out
    assert len(arxiv.requests) == 1 and arxiv.requests[0]["id_list"] == ["2010.07432"]


def test_batch_add_is_one_request_in_the_order_given(site, arxiv, capsys):
    assert run(site, "add", "2010.12606v2", "hep-th/9901001", "math.GT/0309136") == 0
    assert len(arxiv.requests) == 1
    assert arxiv.requests[0]["id_list"] == ["2010.12606v2,hep-th/9901001,math.GT/0309136"]
    found = entries(site)
    assert list(found)[-3:] == ["borowski2020exemplary", "maldacena1999oldstyle", "perelman2002entropy"]
    latex = found["borowski2020exemplary"]
    assert latex.type == "article"
    # One line, math kept, LaTeX specials escaped, the acronym protected.
    assert latex.fields["title"] == (
        "Exemplary Natural Images Explain {CNN} Activations Better than $\\ell_p$-bounded "
        "Feature Visualization: 100\\% \\& more"
    )
    assert latex.fields["journal"] == "ICLR 2021 (poster)"
    assert latex.fields["doi"] == "10.1000/xyz.2020.1"
    assert latex.fields["eprint"] == "2010.12606" and latex.fields["version"] == "2"
    assert latex.fields["primaryClass"] == "cs.CV"
    assert [str(p) for p in latex.persons["author"]] == [
        "Borowski, Judy", "Zimmermann, Roland S.", "van Beethoven, Jr., Ludwig"
    ]
    old = found["maldacena1999oldstyle"]
    assert old.fields["eprint"] == "hep-th/9901001" and old.fields["year"] == "1999"
    assert old.fields["title"] == "Old-Style Identifiers and the {AdS/CFT} Story"
    # arXiv names old-style papers without their subject class; the entry follows arXiv.
    assert found["perelman2002entropy"].fields["eprint"] == "math/0309136"
    out = capsys.readouterr()
    assert "[3/3] math.GT/0309136: added to refs.bib as perelman2002entropy" in out.out
    assert "asking arXiv for 3 papers" in out.err


def test_adding_again_changes_nothing_and_says_so(site, arxiv, capsys):
    assert run(site, "add", "2010.07432", "2010.15639") == 0
    first = snapshot(site)
    assert run(site, "add", "2010.07432", "2010.15639", "2010.13581") == 0
    assert snapshot(site) == first
    out = capsys.readouterr().out
    assert "2010.07432: already in refs.bib as tamkin2020viewmaker (v1); nothing changed" in out
    assert "2010.15639: already in refs.bib as asokan2020teaching (v1); nothing changed" in out
    assert "2010.13581: already in refs.bib as finzi2020simplifying (v1); nothing changed" in out


def test_refreshing_an_unfetched_entry_records_its_version(site, arxiv, capsys):
    """An entry typed by hand whose fields mean what arXiv says gets the version, and nothing else changes."""
    before = entries(site)["asokan2020teaching"]
    assert run(site, "check") == 0
    assert "'asokan2020teaching' has no version" in capsys.readouterr().out
    assert run(site, "add", "2010.15639") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["2010.15639: updated asokan2020teaching (no version recorded → v1): no field but the version changed"]
    after = entries(site)["asokan2020teaching"]
    assert after.fields["version"] == "1"
    # The author's spelling stays ({GAN}), and no field but the version is new.
    assert {k: v for k, v in after.fields.items() if k != "version"} == dict(before.fields)
    assert after.persons == before.persons
    # Written in the order of a new entry (pybtex hands the authors over last).
    written = re.search(r"@misc\{asokan2020teaching,\n(.*?)\n\}", (site / "refs.bib").read_text(encoding="utf-8"), re.S)
    assert [line.split("=")[0].strip() for line in written[1].splitlines()] == [
        "title", "author", "year", "eprint", "archivePrefix", "primaryClass", "version", "url",
    ]
    # The check has no note left to give.
    assert run(site, "check") == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip() == "no problems in 7 pages and refs.bib"


# 2011.11961 as the newsletter featured it (v2), and arXiv's v4 under another title.
MATTING_V2 = Paper(
    "2011.11961", 2, "Is a Green Screen Really Necessary for Real-Time Portrait Matting?",
    ["Zhanghan Ke", "Kaican Li", "Yurou Zhou", "Qiuhua Wu", "Xiangyu Mao", "Qiong Yan", "Rynson W. H. Lau"],
    published="2020-11-24T10:00:00Z", primary="cs.CV", categories=["cs.CV"],
)
MATTING_V4 = Paper(
    "2011.11961", 4, "MODNet: Real-Time Trimap-Free Portrait Matting via Objective Decomposition",
    ["Zhanghan Ke", "Jiayu Sun", "Kaican Li", "Qiong Yan", "Rynson W.H. Lau"],
    published="2020-11-24T10:00:00Z", primary="cs.CV", categories=["cs.CV"],
)
MATTING_ENTRY = """
% The newsletter featured v2; v4 has another title and authors.
@misc{ke2020is,
  title         = {Is a Green Screen Really Necessary for Real-Time Portrait Matting?},
  author        = {Ke, Zhanghan and Li, Kaican and Zhou, Yurou and Wu, Qiuhua and Mao, Xiangyu and Yan, Qiong and Lau, Rynson W. H.},
  year          = {2020},
  eprint        = {2011.11961},
  archivePrefix = {arXiv},
  primaryClass  = {cs.CV},
  version       = {2},{pin}
  url           = {https://arxiv.org/abs/2011.11961},
}
"""


def _with_matting(site: Path, arxiv, pin: str) -> None:
    arxiv.add(MATTING_V2, MATTING_V4)
    bib = site / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + MATTING_ENTRY.replace("{pin}", pin), encoding="utf-8")


def test_a_newer_version_replaces_an_entry_that_is_not_pinned(site, arxiv, capsys):
    """Why pins exist: a version alone says what the entry describes, not that it must stay so."""
    _with_matting(site, arxiv, "")
    assert run(site, "add", "2011.11961") == 0
    assert entries(site)["ke2020is"].fields["title"].startswith("{MODNet}: Real-Time Trimap-Free")
    assert "2011.11961: updated ke2020is (v2 → v4): title, author changed" in capsys.readouterr().out


@pytest.mark.parametrize("pin", ["\n  pinned        = {yes},", "\n  Pinned = {true},", "\n  pinned = {v2: the newsletter's version},"])
def test_a_pinned_entry_keeps_its_version_and_says_what_arxiv_has(site, arxiv, capsys, pin):
    _with_matting(site, arxiv, pin)
    before = snapshot(site)
    assert run(site, "add", "2011.11961", "2010.07432") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "[1/2] 2011.11961: ke2020is in refs.bib is pinned to v2; arXiv has v4, "
        "not applied (remove the entry's pinned field to take it)"
    )
    # The rest of the command goes on: the other paper is added, the pinned entry is byte for byte as it was.
    assert out[1] == "[2/2] 2010.07432: added to refs.bib as tamkin2020viewmaker (v1)"
    after = (site / "refs.bib").read_text(encoding="utf-8")
    assert after.startswith(before["refs.bib"].decode("utf-8"))
    assert entries(site)["ke2020is"].fields["title"] == "Is a Green Screen Really Necessary for Real-Time Portrait Matting?"
    # Asked for the pinned version itself, it is up to date.
    assert run(site, "add", "2011.11961v2") == 0
    assert capsys.readouterr().out.strip() == "2011.11961v2: already in refs.bib as ke2020is (v2, pinned); nothing changed"


def test_pinned_no_is_no_pin(site, arxiv, capsys):
    _with_matting(site, arxiv, "\n  pinned        = {no},")
    assert run(site, "add", "2011.11961") == 0
    assert "updated ke2020is (v2 → v4)" in capsys.readouterr().out


def test_newer_version_updates_the_entry_in_place_and_says_what_changed(site, arxiv, capsys):
    arxiv.add(Paper(
        "2010.13581", 2, "Simplifying Hamiltonian and Lagrangian Neural Networks via Explicit Constraints",
        ["Marc Finzi", "Ke Alexander Wang", "Andrew Gordon Wilson"],
        doi="10.5555/neurips.2020.13581", journal_ref="NeurIPS 2020",
    ))
    before = (site / "refs.bib").read_text(encoding="utf-8")
    assert run(site, "add", "2010.13581") == 0
    after = (site / "refs.bib").read_text(encoding="utf-8")
    old_start = before.index("@misc{ finzi2020simplifying")
    # Everything before the entry is untouched, and nothing follows it but what did.
    assert after[:old_start] == before[:old_start]
    entry = entries(site)["finzi2020simplifying"]
    assert entry.type == "article"
    assert entry.fields["journal"] == "NeurIPS 2020" and entry.fields["version"] == "2"
    # The author's spelling of an unchanged title stays.
    assert entry.fields["title"].startswith("Simplifying {H}amiltonian")
    assert list(entries(site)) == ["asokan2020teaching", "finzi2020simplifying"]
    out = capsys.readouterr().out
    assert "2010.13581: updated finzi2020simplifying (v1 → v2): type, journal, doi changed" in out


def test_key_collision_gets_a_suffix(site, arxiv):
    arxiv.add(Paper("2011.00001", 1, "Teaching a Robot", ["Siddarth Asokan"]))
    arxiv.add(Paper("2011.00002", 1, "Teaching Again", ["S. Asokan"]))
    assert run(site, "add", "2011.00001", "2011.00002") == 0
    assert list(entries(site))[-2:] == ["asokan2020teachingb", "asokan2020teachingc"]


def test_unknown_id_is_named_and_nothing_is_written(site, arxiv, capsys):
    before = snapshot(site)
    assert run(site, "add", "2010.07432", "2012.99999") == 1
    assert snapshot(site) == before
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "mlnews: error: 2012.99999: arXiv has no paper with this ID"


def test_malformed_id_is_a_usage_error_before_any_request(site, arxiv, capsys):
    assert run(site, "add", "2010.1563x") == 2
    assert arxiv.requests == []
    assert "2010.1563x: not an arXiv ID" in capsys.readouterr().err


def test_503_then_success(site, arxiv, capsys):
    arxiv.failures = [503]
    assert run(site, "add", "2010.07432") == 0
    assert len(arxiv.requests) == 2
    assert "tamkin2020viewmaker" in entries(site)


def test_persistent_http_error(site, arxiv, capsys):
    arxiv.failures = [503] * 10
    before = snapshot(site)
    assert run(site, "add", "2010.07432") == 1
    assert snapshot(site) == before
    message = capsys.readouterr().err.strip().splitlines()[-1]
    assert message == "mlnews: error: 2010.07432: the arXiv API answered HTTP 503 (after 4 tries)"


def test_timeout(site, arxiv, capsys, monkeypatch):
    monkeypatch.setattr(arxiv_client, "TIMEOUT_SECONDS", 0.2)
    arxiv.delay = 1.0
    before = snapshot(site)
    assert run(site, "add", "2010.07432") == 1
    assert snapshot(site) == before
    assert "2010.07432: the arXiv API did not answer within 0.2 seconds" in capsys.readouterr().err


def test_unreachable_server(site, monkeypatch, capsys):
    monkeypatch.setattr(arxiv_client, "DELAY_SECONDS", 0.0)
    monkeypatch.setenv("MLNEWS_ARXIV_URL", "http://127.0.0.1:9/api/query")
    assert run(site, "add", "2010.07432") == 1
    assert "2010.07432: cannot reach the arXiv API (network error)" in capsys.readouterr().err


def test_malformed_feed(site, arxiv, capsys):
    arxiv.body = b"<html><body>maintenance</body></html>"
    before = snapshot(site)
    assert run(site, "add", "2010.07432") == 1
    assert snapshot(site) == before
    err = capsys.readouterr().err
    assert "2010.07432: malformed answer from the arXiv API: the answer is not an Atom feed" in err


def test_interrupted_write_leaves_every_file_as_it_was(site, arxiv, monkeypatch, capsys):
    before = snapshot(site)
    replaced: list[str] = []
    real_replace = os.replace

    def replace_then_fail(source, target):
        # The bibliography is moved in place, then the week page fails.
        if str(target).endswith(".md"):
            raise OSError(28, "No space left on device")
        replaced.append(str(target))
        real_replace(source, target)

    monkeypatch.setattr(project_module.os, "replace", replace_then_fail)
    assert run(site, "add", "2010.07432", "--week", "issues/2020/11/w45.md") == 1
    monkeypatch.setattr(project_module.os, "replace", real_replace)
    assert replaced and replaced[0].endswith("refs.bib")
    # The bibliography got its old text back, and no temporary file is left.
    assert snapshot(site) == before
    captured = capsys.readouterr()
    # Nothing is reported as done, and the error says that nothing changed.
    assert captured.out == ""
    assert captured.err.strip().splitlines()[-1] == (
        "mlnews: error: [Errno 28] No space left on device; no file was changed"
    )


def test_interrupt_while_writing_the_temporary_file(site, arxiv, monkeypatch, capsys):
    before = snapshot(site)

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(project_module.os, "fsync", interrupted)
    assert run(site, "add", "2010.07432") == 130
    assert snapshot(site) == before
    assert "interrupted; no file was changed" in capsys.readouterr().err


def test_week_cards_are_appended_to_the_section(site, arxiv, capsys):
    assert run(site, "add", "2010.07432", "2010.15639", "--week", "issues/2020/11/w45.md") == 0
    page = (site / "issues/2020/11/w45.md").read_text(encoding="utf-8")
    assert ":::{paper} 2010.07432\n:headline:\n:tags:\n\n:::\n\n## 技術的な記事" in page
    assert page.count(":::{paper} 2010.15639") == 1
    out = capsys.readouterr().out
    assert "issues/2020/11/w45.md: has a card for 2010.15639 already" in out
    # Again: nothing changes.
    before = snapshot(site)
    assert run(site, "add", "2010.07432", "--week", "issues/2020/11/w45", "--section", "1") == 0
    assert snapshot(site) == before


def test_section_four(site, arxiv):
    assert run(site, "add", "2010.07432", "--week", "issues/2020/11/w45.md", "--section", "4") == 0
    page = (site / "issues/2020/11/w45.md").read_text(encoding="utf-8")
    assert page.endswith("## その他話題\n\n:::{paper} 2010.07432\n:headline:\n:tags:\n\n:::\n")


@pytest.mark.parametrize("week", ["../outside.md", "/etc/passwd", "issues/../../x.md"])
def test_week_outside_the_project_is_refused(site, arxiv, capsys, week):
    before = snapshot(site)
    assert run(site, "add", "2010.07432", "--week", week) == 2
    assert snapshot(site) == before and arxiv.requests == []
    assert "is outside the project folder" in capsys.readouterr().err


def test_symlink_out_of_the_project_is_refused(site, arxiv, tmp_path, capsys):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("## 論文\n", encoding="utf-8")
    (site / "issues/2020/11/link.md").symlink_to(outside)
    assert run(site, "add", "2010.07432", "--week", "issues/2020/11/link.md") == 2
    assert outside.read_text(encoding="utf-8") == "## 論文\n"


def test_bibliography_outside_the_project_is_refused(site, arxiv, capsys):
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('["refs.bib"]', '["../refs.bib"]'), encoding="utf-8")
    assert run(site, "add", "2010.07432") == 2
    assert not (site.parent / "refs.bib").exists()


def test_recorded_feed_with_journal_doi_and_affiliation(site, arxiv, capsys):
    arxiv.body = (Path(__file__).parent / "data" / "arxiv-hep-th-9711200.xml").read_bytes()
    assert run(site, "add", "hep-th/9711200") == 0
    entry = entries(site)["maldacena1997large"]
    assert entry.type == "article"
    assert dict(entry.fields) == {
        "title": "The Large N Limit of Superconformal Field Theories and Supergravity",
        "year": "1997",
        "journal": "Adv.Theor.Math.Phys.2:231-252,1998",
        "doi": "10.1023/A:1026654312961",
        "eprint": "hep-th/9711200",
        "archivePrefix": "arXiv",
        "primaryClass": "hep-th",
        "version": "3",
        "url": "https://arxiv.org/abs/hep-th/9711200",
    }
    assert [str(p) for p in entry.persons["author"]] == ["Maldacena, Juan M."]


def test_added_paper_shows_as_a_card(site, arxiv, make_app):
    """From an arXiv ID to a card a reader sees: add with --week, then build."""
    assert run(site, "add", "2010.07432", "--week", "issues/2020/11/w45.md") == 0
    app = make_app("html", srcdir=site)
    app.build()
    page = parse_html(Path(app.outdir) / "issues/2020/11/w45.html")
    card = page.select_one("section#arxiv-2010-07432")
    assert card is not None
    title = card.select_one(".mlnews-paper-title a")
    assert title.get_text() == "Viewmaker Networks: Learning Views for Unsupervised Representation Learning"
    # The card describes the version the entry was written from, and links to it.
    assert title["href"] == "https://arxiv.org/abs/2010.07432v1"
    assert card.select_one(".mlnews-arxiv-id").get_text() == "arXiv:2010.07432v1 [cs.LG]"
    assert card.select_one(".mlnews-authors").get_text() == "Alex Tamkin, Mike Wu, Noah Goodman"
    # The stub's only warnings ask for what the author writes next.
    assert [w.split("WARNING: ")[1] for w in warnings_of(app)] == [
        "paper needs a :headline: (a one-line catch) [mlnews.option]",
        "paper has no summary: write what it does and why it matters [mlnews.option]",
    ]


def test_long_runs_are_split_into_requests_and_show_progress(site, arxiv, capsys):
    ids = [f"2011.{n:05d}" for n in range(1, 151)]
    arxiv.add(*(Paper(i, 1, f"Paper Number {n}", ["Ann Smith"]) for n, i in enumerate(ids, start=1)))
    assert run(site, "add", *ids) == 0
    assert [len(r["id_list"][0].split(",")) for r in arxiv.requests] == [100, 50]
    captured = capsys.readouterr()
    assert "request 1/2: 100 IDs" in captured.err and "request 2/2: 50 IDs" in captured.err
    assert "[1/150] 2011.00001: added to refs.bib as smith2020paper (v1)" in captured.out
    assert "[150/150] 2011.00150: added to refs.bib as smith2020paper" in captured.out
    keys = list(entries(site))[2:]
    assert keys[:3] == ["smith2020paper", "smith2020paperb", "smith2020paperc"] and len(keys) == 150


def test_a_version_written_in_eprint_moves_to_the_version_field(site, arxiv, capsys):
    bib = site / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("{2010.15639}", "{2010.15639v1}"), encoding="utf-8")
    arxiv.add(Paper("2010.15639", 2, "Teaching a GAN What Not to Learn", ["Siddarth Asokan", "Chandra Sekhar Seelamantula"]))
    assert run(site, "add", "2010.15639") == 0
    entry = entries(site)["asokan2020teaching"]
    # eprint is the ID alone: the version it named (no version field) is no recorded version.
    assert entry.fields["eprint"] == "2010.15639" and entry.fields["version"] == "2"
    assert "updated asokan2020teaching (no version recorded → v2): eprint changed" in capsys.readouterr().out


def test_asking_for_an_older_version_changes_nothing(site, arxiv, capsys):
    arxiv.add(Paper("2010.15639", 2, "Teaching a GAN What Not to Learn, Revised", ["Siddarth Asokan"]))
    assert run(site, "add", "2010.15639") == 0
    before = snapshot(site)
    assert run(site, "add", "2010.15639v1") == 0
    assert snapshot(site) == before
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2010.15639: updated asokan2020teaching (no version recorded → v2): title, author changed"
    assert out[1] == "2010.15639v1: already in refs.bib as asokan2020teaching (v2); nothing changed"


def test_a_card_given_by_key_counts_as_the_paper(site, arxiv, capsys):
    page = site / "issues/2020/11/w45.md"
    page.write_text(page.read_text(encoding="utf-8").replace(":::{paper} 2010.15639", ":::{paper} asokan2020teaching"), encoding="utf-8")
    before = page.read_bytes()
    assert run(site, "add", "2010.15639", "--week", "issues/2020/11/w45.md", "--section", "2") == 0
    assert page.read_bytes() == before
    assert "issues/2020/11/w45.md: has a card for 2010.15639 already" in capsys.readouterr().out


def test_unknown_id_counted_in_total_results(site, arxiv, capsys):
    """arXiv once counted unknown IDs in totalResults: the unknown ID is still the error."""
    arxiv.count_unknown = True
    before = snapshot(site)
    assert run(site, "add", "2010.07432", "2012.99999") == 1
    assert snapshot(site) == before
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "mlnews: error: 2012.99999: arXiv has no paper with this ID"
    )
    # The package asked for the missing page (and retried it) before giving up on it.
    assert len(arxiv.requests) == 5 and arxiv.requests[1]["start"] == ["1"]


def test_the_repositorys_matting_entry_is_pinned(site, arxiv, capsys):
    """refs.bib's ke2020is (the version week 50 of 2020 featured) survives mlnews add against arXiv's v4."""
    arxiv.add(MATTING_V2, MATTING_V4)
    shutil.copy(REPO / "refs.bib", site / "refs.bib")
    before = snapshot(site)
    assert run(site, "add", "2011.11961") == 0
    assert snapshot(site) == before
    assert capsys.readouterr().out.strip() == (
        "2011.11961: ke2020is in refs.bib is pinned to v2; arXiv has v4, "
        "not applied (remove the entry's pinned field to take it)"
    )
