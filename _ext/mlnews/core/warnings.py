"""Every warning of mlnews, by subtype and text: one table for the build and ``mlnews check``.

The build emits a :class:`Message` through :func:`mlnews.messages.warn` (Sphinx's
logging, ``type="mlnews"``); ``mlnews check`` prints the same text with the same
``[mlnews.<subtype>]``. Both format the message here, so neither can word a
problem its own way. A few problems are reported by Sphinx, docutils, MyST or
sphinxcontrib-bibtex in a build; ``mlnews check`` reports those in their words
and with their types (:data:`UPSTREAM`). Its notes (:data:`NOTES`) are no
problem and no warning of the build.

No Sphinx here: the command line imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Subtype", "Message", "Report", "UPSTREAM", "NOTES"]


class Subtype(str, Enum):
    """Warning subtypes of mlnews: ``suppress_warnings = ["mlnews.<subtype>"]`` silences one."""

    arxiv_id = "arxiv_id"
    """A card's argument, or an entry's ``eprint``, that looks like an arXiv ID but is malformed."""
    unknown_paper = "unknown_paper"
    """A paper whose arXiv ID or BibTeX key has no entry in the bibliography."""
    version = "version"
    """The version in a paper's argument disagrees with its entry's ``version`` field."""
    option = "option"
    """A directive option with a bad or empty value."""
    tag = "tag"
    """A tag that is not in the site's vocabulary (``mlnews_tags``)."""
    url = "url"
    """A link that is not http(s) or relative."""
    week_date = "week_date"
    """A week page without a valid ``date:`` in its front matter."""
    week_path = "week_path"
    """A week page whose file name or folder disagrees with its date."""
    encoding = "encoding"
    """A page that is not valid UTF-8."""
    duplicate = "duplicate"
    """The same week or the same item twice, a paper brought as new by two weeks, a key or an arXiv ID twice in the bibliography."""
    period = "period"
    """A summary's ``period:`` or a ``paperlist`` ``:period:`` that names no period."""
    bibtex = "bibtex"
    """A bibliography entry that is malformed or lacks title or authors, or a bib file that cannot be read."""
    search = "search"
    """The search index could not be written (Pagefind failed or found no page)."""
    share_image = "share_image"
    """Share images that cannot be drawn (no Japanese font)."""


@dataclass(frozen=True, slots=True)
class _Spec:
    kind: str
    """``mlnews.<subtype>``, or the type of another tool's warning (``image.not_readable``)."""
    template: str
    note: bool = False
    """A note of ``mlnews check``: worth knowing, no fault; the build says nothing."""


@dataclass(frozen=True, slots=True)
class Report:
    """A message with its fields filled in: what the build warns and ``mlnews check`` prints."""

    message: Message
    text: str

    @property
    def kind(self) -> str:
        """``mlnews.<subtype>`` (or another tool's type), as printed in brackets."""
        return self.message.kind


def _mlnews(subtype: Subtype, template: str) -> _Spec:
    return _Spec(f"mlnews.{subtype.value}", template)


class Message(Enum):
    """Every text mlnews warns with, by name; ``Message.x(**fields)`` gives a :class:`Report`."""

    # Cards (cards/directives.py).
    card_headline = _mlnews(Subtype.option, "{directive} needs a :headline: (a one-line catch)")
    card_summary = _mlnews(Subtype.option, "{directive} has no summary: write what it does and why it matters")
    card_pick = _mlnews(Subtype.option, ":pick: takes no value (or yes/no), not {value!r}; not marked as a pick")
    card_tag = _mlnews(Subtype.tag, "tag {tag!r} is not in mlnews_tags ({vocabulary})")
    card_twice = _mlnews(Subtype.duplicate, "this page already has a card with anchor #{anchor}; the same item twice?")
    paper_bad_id = _mlnews(
        Subtype.arxiv_id, "{argument!r} is not a valid arXiv ID (expected e.g. 2010.15639, 2010.15639v2 or hep-th/9901001)"
    )
    paper_no_entry = _mlnews(
        Subtype.unknown_paper, "no entry in the bibliography has eprint = {{{base}}}; add it with 'mlnews add {arxiv}'"
    )
    paper_no_key = _mlnews(Subtype.unknown_paper, "no entry with key {key!r} in the bibliography")
    paper_version = _mlnews(
        Subtype.version, "arXiv:{arxiv} names version {version} but entry '{key}' describes arXiv:{base}v{recorded}"
    )
    item_url = _mlnews(Subtype.url, "link {url!r} is not an http(s) URL; it is not linked")
    item_title = _mlnews(Subtype.option, "item needs a :title: (the article's own title)")

    # Week pages (core/weeks.py, data.py, archive/engine.py).
    week_no_date = _mlnews(
        Subtype.week_date, "a week's page needs 'date: YYYY-MM-DD' (the week's Sunday) in its front matter"
    )
    week_bad_date = _mlnews(Subtype.week_date, "date {date!r} is not a date of the form YYYY-MM-DD")
    week_not_sunday = _mlnews(Subtype.week_date, "date {date} is a {weekday}; a week starts on Sunday ({sunday})")
    week_path = _mlnews(
        Subtype.week_path, "the week of {start} is week {number} of {year}; its page belongs at {expected}.md"
    )
    week_twice = _mlnews(Subtype.duplicate, "week {number} of {year} already has a page, {first}")
    paper_repeated = _mlnews(
        Subtype.duplicate,
        "paper {paper} is already a new item of {first}; a later week should cite it ({{cite:p}}) instead of featuring it again",
    )

    # Summaries and paper lists (archive/engine.py, archive/paperlist.py).
    summary_period = _mlnews(
        Subtype.period, "period {period!r} is not a summary's period (e.g. 2020, 2020-H2, 2020-Q4 or 2020-11)"
    )
    paperlist_period = _mlnews(
        Subtype.period, "unknown period {period!r} (e.g. 2020, 2020-H2, 2020-Q4, 2020-11 or 2020-W45)"
    )
    paperlist_no_period = _mlnews(
        Subtype.period, "paperlist needs :period: on a page without 'period:' in its front matter"
    )
    paperlist_tag = _mlnews(Subtype.tag, "unknown tag {tag!r} in a paperlist filter (not in mlnews_tags)")
    paperlist_kind = _mlnews(Subtype.option, "unknown :kind: {kind!r} (paper, item or all); listing papers")
    paperlist_no_papers = _mlnews(Subtype.option, ":papers: names no paper (arXiv IDs or BibTeX keys, comma-separated)")
    paperlist_unknown_paper = _mlnews(
        Subtype.unknown_paper, "paperlist: no week has a card for {name!r} (an arXiv ID or BibTeX key of a week's paper); not listed"
    )

    # Sources (build/lenient_utf8.py).
    not_utf8 = _mlnews(
        Subtype.encoding,
        "the file is not valid UTF-8 (byte 0x{byte:02x} at line {line}); "
        "undecodable bytes are shown as \ufffd: save the file as UTF-8",
    )
    unreadable_page = _mlnews(Subtype.encoding, "cannot read the page ({reason})")
    """``mlnews check`` only: a build cannot read such a page either, and Sphinx says so."""

    # The bibliography (bib/source.py, bib/catalog.py).
    bib_unreadable = _mlnews(Subtype.bibtex, "cannot read the bibliography: {error}")
    bib_unclosed = _mlnews(Subtype.bibtex, "@{type} entry is not closed (unbalanced braces)")
    bib_no_key = _mlnews(Subtype.bibtex, "@{type} entry has no citation key")
    bib_key_twice = _mlnews(Subtype.duplicate, "duplicate key '{key}' (first at {first}); the first entry is used")
    bib_arxiv_twice = _mlnews(
        Subtype.duplicate, "entry '{key}' has the same arXiv ID {base} as '{first}' (line {line}); cards use '{first}'"
    )
    bib_missing = _mlnews(Subtype.bibtex, "entry '{key}' has no {missing}")
    bib_bad_eprint = _mlnews(Subtype.arxiv_id, "eprint {eprint!r} of '{key}' is not an arXiv ID")

    # The search index (reader/pagefind.py).
    search_failed = _mlnews(Subtype.search, "Pagefind could not index the site: {error}")
    search_empty = _mlnews(Subtype.search, "Pagefind indexed no page (no data-pagefind-body in the output)")
    search_engine = _mlnews(Subtype.option, "mlnews_search must be one of {engines}; using pagefind")

    # The share images (reader/share_image.py).
    share_image_no_font = _mlnews(
        Subtype.share_image,
        "share images are not drawn: no Japanese font found (apt-get install fonts-noto-cjk, or set mlnews_share_image_font)",
    )
    share_image_bad_font = _mlnews(
        Subtype.share_image, "share images are not drawn: mlnews_share_image_font = {font!r} is no font file"
    )

    # Notes of mlnews check: no fault, the check passes, the build is silent.
    entry_unfetched = _Spec(
        "mlnews.unfetched", "entry {key!r} has no version (never fetched from arXiv); refresh it with 'mlnews add {arxiv}'", note=True
    )
    item_no_link = _Spec("mlnews.no_link", "item has no link yet: give its URL as the argument, and its :title:", note=True)

    # What other tools report in a build, worded as they word it: mlnews check prints these.
    image_missing = _Spec("image.not_readable", "image file not readable: {path}")
    cite_unknown = _Spec("bibtex.key_not_found", 'could not find bibtex key "{key}"')
    argument_missing = _Spec("docutils", "Directive '{directive}': 1 argument(s) required, 0 supplied")
    arguments_extra = _Spec("docutils", "Directive '{directive}': maximum 1 argument(s) allowed, {count} supplied")
    option_unknown = _Spec("myst.directive_option", "'{directive}': Unknown option key: '{option}' (allowed: {allowed})")
    front_matter_yaml = _Spec("myst.topmatter", "Malformed YAML")

    @property
    def kind(self) -> str:
        """``mlnews.<subtype>``, or the type of the tool that reports it in a build."""
        return self.value.kind

    @property
    def subtype(self) -> Subtype:
        """The mlnews subtype (only for the warnings of mlnews itself)."""
        kind = self.value.kind
        if self.value.note or not kind.startswith("mlnews."):
            raise ValueError(f"{self.name} is no warning of the build ({kind})")
        return Subtype(kind.removeprefix("mlnews."))

    @property
    def note(self) -> bool:
        """Whether ``mlnews check`` takes it as a note (no fault) rather than a problem."""
        return self.value.note

    @property
    def template(self) -> str:
        """The text, with ``{field}`` places."""
        return self.value.template

    def __call__(self, **fields: object) -> Report:
        """The message with *fields* filled in."""
        return Report(self, self.template.format(**fields))


UPSTREAM = frozenset(message for message in Message if not message.kind.startswith("mlnews."))
"""Messages that Sphinx, docutils, MyST or sphinxcontrib-bibtex emit in a build; only ``mlnews check`` formats them."""
NOTES = frozenset(message for message in Message if message.note)
"""The notes of ``mlnews check`` (no fault; the build does not warn)."""
