"""The one index of the bibliography: the arXiv rule, lookups, stamps, and the same catalog for the CLI."""

from __future__ import annotations

import pytest

from mlnews.bib.catalog import BibCatalog
from mlnews.core.arxiv_id import ArxivId
from mlnews.core.cardrules import arxiv_eprint, entry_arxiv
from mlnews.core.warnings import Message
from test_bibsource import BIB

ENTRY = "@misc{{{key},\n  title = {{{title}}},\n  author = {{{author}}},\n  year = {{2020}},{extra}\n}}\n"


def entry(key: str, author: str = "Smith, Jane", title: str = "A Paper", extra: str = "") -> str:
    return ENTRY.format(key=key, author=author, title=title, extra=extra)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"eprint": "2010.15639"}, ArxivId("2010.15639")),
        ({"eprint": "2010.15639", "archivePrefix": "arXiv", "version": "2"}, ArxivId("2010.15639", 2)),
        # The version an entry describes is its version field, not a suffix of its eprint.
        ({"eprint": "2010.15639v3"}, ArxivId("2010.15639")),
        ({"eprint": "hep-th/9901001", "archiveprefix": "ARXIV"}, ArxivId("hep-th/9901001")),
        ({"eprint": "2010.15639", "archivePrefix": "HAL"}, None),
        ({"eprint": "hal-01234567", "archivePrefix": "HAL"}, None),
        ({"eprint": "not an id"}, None),
        ({}, None),
    ],
)
def test_one_rule_for_an_entrys_arxiv_id(fields, expected):
    assert entry_arxiv(fields) == expected


def test_an_eprint_of_another_archive_claims_no_arxiv_id():
    assert arxiv_eprint({"eprint": "2010.1563x"}) == "2010.1563x"
    assert arxiv_eprint({"eprint": "2010.1563x", "archivePrefix": "PubMed"}) == ""


def test_the_catalog_reads_arxiv_ids_from_the_fields_pybtex_parsed():
    bib = BIB + "\n@misc{hal2020, title = {Elsewhere}, author = {A, B}, eprint = {2011.00001}, archivePrefix = {HAL}}\n"
    catalog = BibCatalog.from_texts([("refs.bib", bib)])
    assert catalog.arxiv_of("asokan2020teaching") == ArxivId("2010.15639")
    assert catalog.key_of_arxiv(ArxivId("2010.15639", 3)) == "asokan2020teaching"
    assert catalog.arxiv_of("castells2020superloss") is None
    assert catalog.arxiv_of("hal2020") is None and catalog.key_of_arxiv(ArxivId("2011.00001")) is None
    # An entry as written that pybtex's parse of the whole file lost after a malformed one.
    assert entry_arxiv(catalog.fields("after2020broken")) == ArxivId("hep-th/9901001")
    source = catalog.source("asokan2020teaching")
    assert source is not None and source.line == 4 and source.text.startswith("@misc{asokan2020teaching,")


def test_lookups_find_a_key_and_a_stamp_that_follow_renames_new_entries_and_labels():
    old = BibCatalog.from_texts([("refs.bib", entry("smith2020a", extra="\n  eprint = {2010.15639},"))], style="mlnews")
    found = old.resolve("arxiv:2010.15639")
    assert found[0] == "smith2020a" and found[1] == old.stamp_of("smith2020a")
    assert old.resolve("key:smith2020a") == found
    assert old.resolve("arxiv:2011.00001") == ("", None)
    assert old.label("smith2020a") == "Smith 2020"

    renamed = BibCatalog.from_texts([("refs.bib", entry("smith2020paper", extra="\n  eprint = {2010.15639},"))], style="mlnews")
    assert renamed.resolve("arxiv:2010.15639")[0] == "smith2020paper"
    assert renamed.resolve("key:smith2020a") == ("", None)

    appeared = BibCatalog.from_texts(
        [("refs.bib", entry("smith2020a", extra="\n  eprint = {2010.15639},") + entry("smith2020b", title="B Paper"))],
        style="mlnews",
    )
    # The same text, but its label gained a suffix: the stamp differs.
    assert appeared.label("smith2020a") == "Smith 2020a"
    assert appeared.resolve("arxiv:2010.15639")[0] == "smith2020a"
    assert appeared.resolve("arxiv:2010.15639") != found


def test_problems_of_the_files_are_located():
    bib = entry("a2020") + entry("a2020", title="Again") + "@misc{notitle2020, author = {N, N}}\n"
    bib += entry("b2020", extra="\n  eprint = {2010.15639},") + entry("c2020", title="C", extra="\n  eprint = {2010.15639v2},")
    bib += entry("d2020", title="D", extra="\n  eprint = {2010.1563x},")
    catalog = BibCatalog.from_texts([("refs.bib", bib)])
    assert [(issue.report.message, issue.line) for issue in catalog.issues] == [
        (Message.bib_key_twice, 6),
        (Message.bib_missing, 11),
        (Message.bib_arxiv_twice, 18),
        (Message.bib_bad_eprint, 24),
    ]
    assert catalog.issues[0].report.text == "duplicate key 'a2020' (first at refs.bib:1); the first entry is used"
    assert "as 'b2020' (line 12)" in catalog.issues[2].report.text
    # The first entry of a repeated key counts, as in pybtex.
    assert catalog.by_key("a2020").title == "A Paper"
