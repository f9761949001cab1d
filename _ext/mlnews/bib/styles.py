"""The newsletter's citation styles, registered as pybtex and sphinxcontrib-bibtex plugins.

* ``mlnews`` (``pybtex.style.formatting``): pybtex's ``unsrt`` templates with
  titles kept as written, entries sorted by first author, year and title,
  and arXiv shown the way readers know it: ``arXiv:2010.15639 [stat.ML]``,
  linked to the abstract page (``arXiv:2011.11961v2 [cs.CV]`` and that version's
  page when the entry records the version it describes). A DOI or venue shows
  when the entry has one.
* ``mlnews_tooltip`` (``pybtex.style.formatting``): authors and title only,
  the text a reader sees when hovering a citation. Cheaper than a full entry.
* ``mlnews`` (``pybtex.style.labels``): author-year labels
  (``Asokan and Seelamantula 2020``, ``Borowski et al. 2020a``); entries that
  would share a label get ``a``, ``b``, ... ``z``, ``aa`` ... in sorted order,
  so labels never collide however large the archive grows.
* ``mlnews`` (``sphinxcontrib.bibtex.style.referencing``): sphinxcontrib-bibtex's
  author-year citations, with the year taken from the label so that the
  suffix shows in the text too (``Borowski et al., 2020a``).

The entry points are declared in ``pyproject.toml``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pybtex.richtext import BaseText, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.formatting import toplevel
from pybtex.style.template import field, href, join, optional, sentence
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference
from sphinxcontrib.bibtex.style.template import node as template_node
from sphinxcontrib.bibtex.style.template import year as plain_year

from ..core.cardrules import entry_arxiv
from .text import latex_to_text

if TYPE_CHECKING:
    from pybtex.database import Entry, Person
    from pybtex.style.template import Node

__all__ = [
    "ArxivStyle",
    "TooltipStyle",
    "AuthorYearLabelStyle",
    "ArxivReferenceStyle",
    "label_base",
    "suffix",
]

NO_YEAR = "n.d."


def _last_name(person: Person) -> str:
    return latex_to_text(" ".join(person.prelast_names + person.last_names))


def label_base(entry: Entry) -> str:
    """An entry's label before any suffix: ``Asokan and Seelamantula 2020``."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        who = latex_to_text(entry.fields.get("title", "")).split(":")[0][:40].strip() or entry.key
    elif len(people) == 1:
        who = _last_name(people[0])
    elif len(people) == 2:
        who = f"{_last_name(people[0])} and {_last_name(people[1])}"
    else:
        who = f"{_last_name(people[0])} et al."
    return f"{who} {entry.fields.get('year', '').strip() or NO_YEAR}"


def suffix(number: int) -> str:
    """The suffix of the *number*-th entry (0-based) of a group: a ... z, aa, ab ..."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


class AuthorYearLabelStyle(BaseLabelStyle):
    """Author-year labels, with letter suffixes for entries that would share one."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        bases = [label_base(entry) for entry in entries]
        groups: dict[str, int] = defaultdict(int)
        for base in bases:
            groups[base] += 1
        seen: dict[str, int] = defaultdict(int)
        labels: list[str] = []
        for base in bases:
            if groups[base] == 1:
                labels.append(base)
            else:
                labels.append(base + suffix(seen[base]))
                seen[base] += 1
        # A suffixed label can still equal another entry's base when a year is
        # odd ("2020" + "a" against a year written "2020a"): suffix again.
        used: set[str] = set()
        for index, label in enumerate(labels):
            unique, extra = label, 0
            while unique in used:
                unique, extra = f"{label}-{suffix(extra)}", extra + 1
            used.add(unique)
            labels[index] = unique
        return iter(labels)


_NAMES: dict[tuple[Any, ...], Text] = {}
"""Formatted names, shared by every style object of the process (see :meth:`ArxivStyle.format_name`)."""


def _formatted_name(name_style: Any, person: Person, abbr: bool = False) -> Text:
    key = (
        type(name_style),
        abbr,
        tuple(person.first_names),
        tuple(person.middle_names),
        tuple(person.prelast_names),
        tuple(person.last_names),
        tuple(person.lineage_names),
    )
    text = _NAMES.get(key)
    if text is None:
        text = _NAMES[key] = name_style.format(person, abbr).format()
    return text


class ArxivStyle(UnsrtStyle):
    """Full entries for the bibliography: titles as written, arXiv IDs as readers know them."""

    default_sorting_style = "author_year_title"
    default_label_style = "mlnews"

    def format_name(self, person: Person, abbr: bool = False) -> Text:
        # A name formats the same way in every entry: parsing its LaTeX and running
        # the name template was half the cost of an entry, and every entry is
        # formatted twice (bibliography and tooltip). The formatted rich text is
        # what the template would have made of the name (pybtex's templates take
        # formatted text as it is).
        return _formatted_name(self.name_style, person, abbr)

    def format_title(self, e: Entry, which_field: str, as_sentence: bool = True) -> Node:
        # unsrt lower-cases titles; arXiv titles are in title case and stay so.
        formatted = field(which_field)
        return sentence[formatted] if as_sentence else formatted

    def format_eprint(self, e: Entry) -> Node:
        arxiv = entry_arxiv(e.fields)
        if arxiv is None:
            return super().format_eprint(e)
        label = f"arXiv:{arxiv}"
        category = e.fields.get("primaryClass", e.fields.get("primaryclass", "")).strip()
        if category:
            label += f" [{category}]"
        return href(arxiv.abs_url)[label]

    def format_web_refs(self, e: Entry) -> Node:
        # An arXiv URL next to the arXiv ID says the same thing twice.
        url = e.fields.get("url", "").strip()
        parts_of_url = urlsplit(url)
        # Only http(s) links reach a page; an arXiv URL next to the arXiv ID says it twice.
        show_url = (
            parts_of_url.scheme.lower() in ("http", "https")
            and bool(parts_of_url.netloc)
            and not (entry_arxiv(e.fields) is not None and "arxiv.org" in parts_of_url.netloc)
        )
        parts = []
        if show_url:
            parts.append(optional[self.format_url(e)])
        parts.append(optional[self.format_eprint(e)])
        parts.append(optional[self.format_doi(e)])
        return sentence[*parts]

    def get_misc_template(self, e: Entry) -> Node:
        # arXiv preprints are @misc: show the venue when the entry names one.
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            sentence[
                optional[field("howpublished")],
                optional[field("journal")],
                optional[field("booktitle")],
                optional[field("year")],
            ],
            sentence[optional[field("note")]],
            self.format_web_refs(e),
        ]


def _plain(text: Text) -> Text:
    """A title for an HTML title attribute: no math dollars."""
    return Text(str(text).replace("$", ""))


class TooltipStyle(ArxivStyle):
    """Authors and title: what hovering a citation shows."""

    def _tooltip_template(self, e: Entry) -> Node:
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[sentence[field("title", apply_func=_plain)]],
        ]

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        formatted = super().format_entry(label, entry, bib_data)
        # A tooltip is shown as plain text (a title attribute): one string, not a
        # tree of rich text, for each citation the environment keeps.
        return FormattedEntry(entry.key, Text(formatted.text.render_as("text")), label)


# pybtex formats an entry with its style's get_<type>_template: every type the
# bibliography style knows gets the tooltip's two sentences.
for _name in dir(ArxivStyle):
    if _name.startswith("get_") and _name.endswith("_template"):
        setattr(TooltipStyle, _name, TooltipStyle._tooltip_template)
del _name


@template_node
def labelled_year(children: list[Any], data: dict[str, Any]) -> Text:
    """The year with the label's suffix (``2020a``), or the plain year for other label styles."""
    assert not children
    label = data["formatted_entry"].label or ""
    last = label.rsplit(" ", 1)[-1]
    year = data["entry"].fields.get("year", "").strip() or NO_YEAR
    if last.startswith(year):
        return Text(last)
    return plain_year.format_data(data)


@dataclass
class _Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name: str) -> Node:
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[
                join(sep=self.author_year_sep)[
                    self.person.author_or_editor_or_title(full="s" in role_name),
                    labelled_year,
                ]
            ],
            post_text,
        ]


@dataclass
class _Textual(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name: str) -> Node:
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                    pre_text,
                    reference[labelled_year],
                    post_text,
                ],
                self.bracket.right,
            ],
        ]


@dataclass
class _Year(ExtraYearReferenceStyle):
    def inner(self, role_name: str) -> Node:
        return reference[labelled_year]


@dataclass
class ArxivReferenceStyle(GroupReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations, with the label's year suffix.

    Built the way sphinxcontrib-bibtex builds its ``AuthorYearReferenceStyle``:
    a group of basic styles, with ours for the parenthetical, textual and year forms.
    """

    bracket_textual: BracketStyle = dataclass_field(default_factory=BracketStyle)
    bracket_parenthetical: BracketStyle = dataclass_field(default_factory=BracketStyle)
    bracket_author: BracketStyle = dataclass_field(default_factory=BracketStyle)
    bracket_label: BracketStyle = dataclass_field(default_factory=BracketStyle)
    bracket_year: BracketStyle = dataclass_field(default_factory=BracketStyle)
    person: PersonStyle = dataclass_field(default_factory=PersonStyle)
    author_year_sep: BaseText | str = ", "
    text_reference_sep: BaseText | str = " "
    pre_text_sep: BaseText | str = " "
    post_text_sep: BaseText | str = ", "

    def __post_init__(self) -> None:
        self.styles.extend(
            [
                _Parenthetical(
                    bracket=self.bracket_parenthetical,
                    person=self.person,
                    author_year_sep=self.author_year_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                _Textual(
                    bracket=self.bracket_textual,
                    person=self.person,
                    text_reference_sep=self.text_reference_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                ExtraAuthorReferenceStyle(bracket=self.bracket_author, person=self.person),
                ExtraLabelReferenceStyle(bracket=self.bracket_label),
                _Year(bracket=self.bracket_year),
                ExtraEmptyReferenceStyle(),
            ]
        )
        super().__post_init__()
