"""Entries written by the CLI: titles, names, keys, and a round trip through pybtex."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import Person, parse_string

from mlnews.core.arxiv_id import ArxivId
from mlnews.cli.arxiv_client import ArxivPaper
from mlnews.cli.bibwriter import (
    balance_braces,
    bib_key,
    bibtex_name,
    normalise_title,
    paper_fields,
    render_entry,
    unique_key,
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Teaching a GAN What Not to Learn", "Teaching a {GAN} What Not to Learn"),
        ("Deep\n  Residual Learning for\tImage Recognition", "Deep Residual Learning for Image Recognition"),
        ("ResNet-50 on ImageNet in 3D", "{ResNet}-50 on {ImageNet} in {3D}"),
        ("State-of-the-Art Models", "State-of-the-Art Models"),
        ("$\\mathcal{O}(N)$ Attention with $\\ell_1$ Loss", "$\\mathcal{O}(N)$ Attention with $\\ell_1$ Loss"),
        ("Q&A: 100% of #1 and Q\\&A", "Q\\&A: 100\\% of \\#1 and Q\\&A"),
        ("The {AdS/CFT} Story", "The {AdS/CFT} Story"),
        ("A \\textit{Faster} BERT", "A \\textit{Faster} {BERT}"),
        ("Unbalanced } brace {", "Unbalanced brace"),
        ("A $5 prize", "A \\$5 prize"),
    ],
)
def test_normalise_title(title, expected):
    assert normalise_title(title) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Siddarth Asokan", "Asokan, Siddarth"),
        ("Ke Alexander Wang", "Wang, Ke Alexander"),
        ("Ludwig van Beethoven", "van Beethoven, Ludwig"),
        ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
        ("Plato", "Plato"),
        ("ATLAS Collaboration", "{ATLAS Collaboration}"),
        ("Simon and Garfunkel", "{Simon and Garfunkel}"),
        ("José García-Pérez", "García-Pérez, José"),
    ],
)
def test_bibtex_name(name, expected):
    assert bibtex_name(name) == expected


def _paper(title: str, authors: tuple[str, ...], year: int = 2020) -> ArxivPaper:
    return ArxivPaper(ArxivId("2010.15639", 1), title, authors, year, "cs.LG", "", "")


@pytest.mark.parametrize(
    ("title", "authors", "key"),
    [
        ("Teaching a GAN What Not to Learn", ("Siddarth Asokan",), "asokan2020teaching"),
        ("The Entropy Formula", ("Grisha Perelman",), "perelman2020entropy"),
        ("An Über-Model", ("Jürgen Schmidhuber",), "schmidhuber2020ubermodel"),
        ("$\\ell_1$ Matters", ("Ludwig van Beethoven",), "beethoven2020ell"),
        ("A", (), "anonymous2020"),
    ],
)
def test_key_rule(title, authors, key):
    assert bib_key(_paper(title, authors)) == key


def test_unique_key_suffixes():
    assert unique_key("a2020x", set()) == "a2020x"
    assert unique_key("a2020x", {"a2020x"}) == "a2020xb"
    taken = {"a2020x"} | {f"a2020x{c}" for c in string.ascii_lowercase[1:]}
    assert unique_key("a2020x", taken) == "a2020xba"


# Text an arXiv title or name may hold: letters of any script, digits, LaTeX's specials.
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs", "P", "S"], exclude_characters="\x00"),
    min_size=1,
    max_size=60,
)
_NAME = st.text(alphabet=st.characters(categories=["L"], max_codepoint=0x2FFF), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_TEXT.filter(lambda t: t.strip()),
    authors=st.lists(st.lists(_NAME, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5),
    journal=st.one_of(st.just(""), _TEXT),
    year=st.integers(1991, 2099),
)
def test_written_entries_parse_back_to_the_same_fields(title, authors, journal, year):
    paper = ArxivPaper(ArxivId("2010.15639", 3), title, tuple(authors), year, "cs.LG", "10.1/x", journal.strip())
    fresh = paper_fields(paper)
    key = bib_key(paper)
    assert key and all(c in string.ascii_lowercase + string.digits for c in key)
    text = render_entry(fresh.entry_type, key, fresh.fields)
    entry = parse_string(text, "bibtex").entries[key]
    assert entry.type == fresh.entry_type
    expected = {name: value for name, value in fresh.fields.items() if name != "author"}
    assert dict(entry.fields) == expected
    assert [str(p) for p in entry.persons["author"]] == [str(Person(bibtex_name(a))) for a in authors]
    # The title stays one line with balanced braces, whatever arXiv sent.
    assert "\n" not in entry.fields["title"] and balance_braces(entry.fields["title"]) == entry.fields["title"]
