"""Finding each BibTeX entry's exact text and line."""

from __future__ import annotations

from mlnews.bib.source import scan_bibtex

BIB = """% header comment with an @ sign: not an entry
@string{neurips = {NeurIPS}}

@misc{asokan2020teaching,
  title = {Teaching a {GAN} What Not to Learn},
  author = {Asokan, Siddarth and Seelamantula, Chandra Sekhar},
  eprint = {2010.15639},
}

@inproceedings{castells2020superloss,
  title = "{SuperLoss}: A Generic Loss",
  booktitle = neurips,
}
@misc{broken2020,
  title = {Unclosed {brace},
  year = {2020},

@article{after2020broken, title = {Still Found}, eprint = "hep-th/9901001v2"}
@misc{, title = {No key}}
"""


def test_entries_with_lines_and_exact_text():
    entries, problems = scan_bibtex(BIB)
    assert [(e.key, e.entry_type, e.line) for e in entries] == [
        ("asokan2020teaching", "misc", 4),
        ("castells2020superloss", "inproceedings", 10),
        ("after2020broken", "article", 18),
    ]
    first = entries[0]
    assert first.text == BIB[first.start : first.end]
    assert first.text.startswith("@misc{asokan2020teaching,") and first.text.endswith("}")
    assert first.end_line == 8
    assert first.eprint == "2010.15639"
    assert entries[2].eprint == "hep-th/9901001v2"
    assert entries[1].eprint == ""


def test_problems_are_located_and_scanning_goes_on():
    _, problems = scan_bibtex(BIB)
    assert [(p.line, p.message) for p in problems] == [
        (14, "@misc entry is not closed (unbalanced braces)"),
        (19, "@misc entry has no citation key"),
    ]
