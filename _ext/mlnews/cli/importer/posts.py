"""The newsletter's shape, recognised in a post's blocks: weekly posts and summary posts.

A weekly post (title ``Akira's ML news #Week 45, 2020``) holds, in order: an
intro that gives the week's start date (``2020年第45週(11/1~)に…``), the
editor's picks after ``今週の注目記事/論文`` (one headline a line), navigation
(``過去の記事``, ``Week 44の記事 ⇦ …``, links to summaries, ``内容 :`` and the
list of sections), separator lines, the four numbered sections, and a footer
(Twitter, tip jar, paid section). mlnews generates the navigation and the
picks box, so both are dropped; so are the separators and the footer.

In a section, an item is a headline line (the author's catch), for a paper
its title line and its arXiv address, for an article its address on a line
of its own, as a link on the headline, or none; then its summary; then its
images. An item ends where an image ends it, or where the next headline
starts: a line followed by an address (or by a title and an address), a
heading, or a short line after a finished sentence followed by more text.

A summary post (``2020年9月のまとめ``, ``2020年第4四半期のまとめ``, ``2020年下半期のまとめ``,
``2020年のまとめ``) keeps its prose; its lines that name a paper (an arXiv
address, or a paper's title) become references, resolved by the planner into
a curated list.

Every block gets a *disposition* (what it became), and every block that could
not be placed is a :class:`~.model.Note` with its line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from urllib.parse import unquote, urlsplit

from ...core.arxiv_id import ArxivId, parse_arxiv_id
from ...core.periods import Period
from ...core.weeks import week_of, week_start
from .model import Block, Link, Note, PostError, RawPost

__all__ = [
    "Card",
    "WeekPost",
    "SummaryPost",
    "Piece",
    "Skipped",
    "classify_title",
    "read_post",
    "arxiv_from_url",
    "match_picks",
    "normalise",
]

SECTION_COUNT = 4


def normalise(text: str) -> str:
    """*text* for matching: NFKC (full-width to half-width), without blanks, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


# --- titles -------------------------------------------------------------------------------

_WEEKLY = re.compile(r"ml\s*news.*?week\s*(?P<week>\d{1,2})(?!\d)", re.IGNORECASE | re.DOTALL)
_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)")
_MONTH = re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月")
_QUARTER = re.compile(r"(?P<year>\d{4})年?(?:第(?P<q1>[1-4])四半期|q(?P<q2>[1-4]))")
_HALF = re.compile(r"(?P<year>\d{4})年(?:度)?(?P<half>上|下|前|後)半期?")
_YEAR_SUMMARY = re.compile(r"(?P<year>\d{4})年")


@dataclass(frozen=True, slots=True)
class TitleKind:
    """What a post's title says it is: a week (number, year if given) or a summary's period."""

    week: int = 0
    year: int = 0
    period: Period | None = None


def classify_title(title: str) -> TitleKind | None:
    """The week or the period a title names, or ``None`` for a post that is not the newsletter's."""
    plain = unicodedata.normalize("NFKC", title)
    weekly = _WEEKLY.search(plain)
    if weekly:
        year = _YEAR.search(plain[weekly.end() :]) or _YEAR.search(plain)
        return TitleKind(week=int(weekly["week"]), year=int(year["year"]) if year else 0)
    compact = normalise(title)
    if "まとめ" not in compact and "振り返り" not in compact:
        return None
    if match := _QUARTER.search(compact):
        return TitleKind(period=Period("quarter", int(match["year"]), int(match["q1"] or match["q2"])))
    if match := _HALF.search(compact):
        return TitleKind(period=Period("half", int(match["year"]), 1 if match["half"] in "上前" else 2))
    if match := _MONTH.search(compact):
        month = int(match["month"])
        if 1 <= month <= 12:
            return TitleKind(period=Period("month", int(match["year"]), month))
        return None
    if match := _YEAR_SUMMARY.search(compact):
        return TitleKind(period=Period("year", int(match["year"])))
    return None


# --- lines mlnews makes itself, and the post's chrome ---------------------------------------

_SECTION_LINE = re.compile(r"^(?P<number>[1-4])[.．、:：)]?(?P<name>.{1,24})$")
_PICKS = re.compile(r"^(今週の)?注目(の)?(記事|論文)")
_CONTENTS = re.compile(r"^(内容|目次|もくじ)[:：]?$")
_PAST = re.compile(r"^過去の(記事|号)")
_WEEK_NAV = re.compile(r"week\d{1,2}の(記事|号)")
_SUMMARY_LINK = re.compile(r"^\d{4}年.{0,12}(まとめ|振り返り)(の記事)?$")
_FOOTER_START = re.compile(r"^(記事は以上です|ここから先は|ここから下は有料)")
_PRICE = re.compile(r"^[¥￥]\d[\d,]*/月")
_SUPPORT = re.compile(r"(サポート|投げ銭|チップ).*(お願い|いただけ|頂け|ください|下さい|嬉しい|うれしい|励み)|^この記事が気に入ったら")
_TWITTER = re.compile(r"(twitter|ツイッター)", re.IGNORECASE)
_HANDLE = re.compile(r"(twitter\.com/|x\.com/|@[A-Za-z0-9_]{2,})", re.IGNORECASE)
_INTRO_DATE = re.compile(
    r"(?:(?P<year>\d{4})年)?(?:第(?P<week>\d{1,2})週)?\((?P<month>\d{1,2})/(?P<day>\d{1,2})[~〜～\-]?"
)
_ARXIV_URL = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|format)/(?P<id>.+?)(?:\.pdf)?/?$", re.IGNORECASE
)


def section_of(block: Block) -> int:
    """The week section (1-4) a line heads, or 0."""
    if block.kind != "text" or block.links and block.heading == 0:
        return 0
    plain = normalise(block.text)
    match = _SECTION_LINE.match(plain)
    name = match["name"] if match else plain if block.heading else ""
    if not name or len(name) > 24:
        return 0
    # The section's name, however spaced and with or without a trailing 等: a numbered
    # sentence of a summary ("2. 技術的には…") is no section.
    name = re.sub(r"(等|など)$", "", name.strip(".．、:： "))
    if name in ("論文", "論文紹介"):
        return 1
    if name.startswith("技術") and name.endswith("記事") and len(name) <= 8:
        return 2
    if (name.startswith("実社会") and name.endswith(("適用例", "応用例", "事例"))) or name in ("機械学習適用例", "適用例"):
        return 3
    if name in ("その他話題", "その他の話題", "その他", "その他のトピック"):
        return 4
    return 0


def _is_rule(block: Block) -> bool:
    return block.kind == "rule"


def _navigation(block: Block, own_host: str) -> str:
    """What a line is, when mlnews makes it itself or it is the post's chrome ('' otherwise)."""
    if block.kind != "text":
        return ""
    plain = normalise(block.text)
    if _PAST.match(plain) and len(plain) <= 12:
        return "navigation"
    if _WEEK_NAV.search(plain):
        return "navigation"
    if _SUMMARY_LINK.match(plain) and len(plain) <= 24:
        return "navigation"
    if own_host and block.links and _all_links(block) and all(_on_site(link.href, own_host) for link in block.links):
        return "navigation"
    if _PRICE.match(plain):
        return "footer"
    if _SUPPORT.search(plain):
        return "footer"
    if _TWITTER.search(block.text) and _HANDLE.search(block.text):
        return "footer"
    return ""


def _all_links(block: Block) -> bool:
    covered = sum(link.end - link.start for link in block.links)
    return covered >= len(block.text.strip()) - 2


# --- items ----------------------------------------------------------------------------------


def arxiv_from_url(address: str) -> ArxivId | None:
    """The arXiv ID an abs/pdf address names (any version, old style too), or ``None``."""
    match = _ARXIV_URL.match(address.strip())
    if not match:
        return None
    return parse_arxiv_id(unquote(match["id"]).split("?")[0].split("#")[0])


@dataclass(frozen=True, slots=True)
class UrlLine:
    """A line that is nothing but one link: its address and its text."""

    url: str
    label: str

    @property
    def bare(self) -> bool:
        return self.label.strip().rstrip("/") == self.url.strip().rstrip("/")


def url_line(block: Block) -> UrlLine | None:
    """The link a line consists of, or ``None``."""
    if block.kind != "text" or len(block.links) != 1:
        return None
    link = block.links[0]
    rest = (block.text[: link.start] + block.text[link.end :]).strip(" 　:：()（）<>")
    if rest:
        return None
    return UrlLine(link.href, block.text[link.start : link.end].strip())


def _latin(text: str) -> bool:
    """Mostly Latin letters: a paper's or an article's own title, not the author's Japanese."""
    letters = [c for c in text if not c.isspace()]
    if len(letters) < 4 or "。" in text:
        return False
    latin = sum(1 for c in letters if c.isascii())
    return latin / len(letters) >= 0.6


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" 　」』）)").endswith(("。", "．", "！", "？"))


def _title_like(block: Block | None) -> bool:
    return block is not None and block.kind == "text" and url_line(block) is None and _latin(block.text)


def _headline_like(block: Block) -> bool:
    text = block.text.strip()
    return (
        block.kind == "text"
        and 2 <= len(text) <= 60
        and not _ends_sentence(text)
        and not text.endswith((":", "："))
        and not text.startswith(("・", "•", "-", "*", "※"))
        and "。" not in text
    )


@dataclass(slots=True)
class Card:
    """One item of a week: a paper (an arXiv link) or anything else."""

    section: int
    line: int
    headline: str = ""
    title: str = ""
    """The title line as the post gives it ('' when it gives none)."""
    url: str = ""
    url_label: str = ""
    arxiv: ArxivId | None = None
    summary: list[list[Block]] = field(default_factory=list)
    """Paragraphs: each a list of lines (more than one when the HTML broke it with ``<br>``)."""
    images: list[Block] = field(default_factory=list)
    pick: bool = False
    closed: bool = False
    """An image ended the item: the next line starts another."""

    @property
    def kind(self) -> str:
        return "paper" if self.arxiv is not None else "item"

    def add_summary(self, block: Block) -> None:
        if self.summary and self.summary[-1][-1].group == block.group and block.kind == "text" and block.group:
            self.summary[-1].append(block)
        else:
            self.summary.append([block])


@dataclass(slots=True)
class WeekPost:
    """A weekly post, recognised."""

    raw: RawPost
    year: int
    number: int
    start: dt.date
    intro: list[list[Block]]
    cards: list[Card]
    picks: list[tuple[str, int]]
    """The editor's picks as written, with their lines."""
    unmatched: list[tuple[str, int]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    dispositions: dict[int, str] = field(default_factory=dict)
    """Block index → what the block became."""


@dataclass(slots=True)
class Piece:
    """A part of a summary post's body: prose, a heading, an image, code, or a paper reference."""

    kind: str
    """``prose``, ``heading``, ``image``, ``code`` or ``paper``."""
    blocks: list[Block]
    arxiv: ArxivId | None = None
    title: str = ""
    """For a paper: the title line that names it (when it is named by title)."""


@dataclass(slots=True)
class SummaryPost:
    """A summary post, recognised."""

    raw: RawPost
    period: Period
    body: list[Piece]
    notes: list[Note] = field(default_factory=list)
    dispositions: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class Skipped:
    """A post that is not imported, and why."""

    raw: RawPost
    reason: str


# --- weekly posts ---------------------------------------------------------------------------


def _intro_date(intro: list[list[Block]], year: int, number: int) -> tuple[dt.date | None, int, int, int]:
    """The start date an intro line states, the year and week it states, and its line."""
    for paragraph in intro:
        for block in paragraph:
            match = _INTRO_DATE.search(normalise(block.text))
            if not match or not (match["week"] or match["year"]):
                continue
            stated_year = int(match["year"]) if match["year"] else 0
            stated_week = int(match["week"]) if match["week"] else 0
            guess = stated_year or year
            month, day = int(match["month"]), int(match["day"])
            if (stated_week or number) == 1 and month == 12:
                guess -= 1  # week 1 starts in December of the year before
            try:
                return dt.date(guess, month, day), stated_year, stated_week, block.line
            except ValueError:
                return None, stated_year, stated_week, block.line
    return None, 0, 0, 0


def _dates(raw: RawPost, kind: TitleKind, intro: list[list[Block]], notes: list[Note]) -> tuple[int, int, dt.date]:
    """The week's year, number and start date: the title's week by the week rule, checked against the intro."""
    year = kind.year or (raw.published.year if raw.published else 0)
    stated, stated_year, stated_week, line = _intro_date(intro, year, kind.week)
    if not year and stated_year:
        year = stated_year
    if not year and stated is not None:
        year = week_of(stated).year
    if not year:
        raise PostError(raw.line, "the title names week %d but no year, and neither does the intro" % kind.week)
    start = week_start(year, kind.week)
    if start is None:
        raise PostError(raw.line, f"the title names week {kind.week} of {year}, which has no such week")
    if stated is not None:
        week = week_of(stated)
        if week.start != start or (stated_week and stated_week != kind.week):
            said = f"week {stated_week}, " if stated_week else ""
            notes.append(
                Note(
                    line,
                    f"the intro gives {said}{stated.month}/{stated.day} (week {week.number} of {week.year}) but the title "
                    f"says week {kind.week} of {year}, which starts on {start.isoformat()}; the page follows the title",
                )
            )
    elif line:
        notes.append(Note(line, f"the intro's date is not a date; the week rule gives {start.isoformat()}"))
    return year, kind.week, start


def _own_host(raw: RawPost) -> str:
    """The author's own address on the post's site (``note.com/akira_tosei``): links there are navigation."""
    if not raw.link:
        return ""
    parts = urlsplit(raw.link)
    user = parts.path.strip("/").split("/")[0]
    return f"{parts.netloc}/{user}" if parts.netloc and user else ""


def _on_site(address: str, own: str) -> bool:
    parts = urlsplit(address)
    return f"{parts.netloc}/{parts.path.strip('/').split('/')[0]}" == own


def read_week(raw: RawPost, kind: TitleKind) -> WeekPost:
    """The weekly post in *raw*'s blocks (see the module's description)."""
    blocks = raw.blocks
    notes: list[Note] = []
    where: dict[int, str] = {}
    host = _own_host(raw)
    intro: list[list[Block]] = []
    picks: list[tuple[str, int]] = []
    sections: list[tuple[int, list[int]]] = []  # (section, block indexes)
    state = "intro"
    for index, block in enumerate(blocks):
        if state == "footer":
            where[index] = "footer"
            continue
        if block.kind == "text" and _FOOTER_START.match(normalise(block.text)):
            where[index] = "footer"
            state = "footer"
            continue
        if _is_rule(block):
            where[index] = "rule"
            if state in ("picks", "contents"):
                state = "intro" if not sections else "section"
            continue
        what = _navigation(block, host)
        if what:
            where[index] = what
            if state in ("picks", "contents"):
                state = "intro" if not sections else "section"
            continue
        plain = normalise(block.text) if block.kind == "text" else ""
        if block.kind == "text" and _CONTENTS.match(plain):
            where[index] = "navigation"
            state = "contents"
            continue
        if block.kind == "text" and _PICKS.match(plain) and len(plain) <= 20:
            where[index] = "navigation"
            state = "picks"
            continue
        number = section_of(block)
        if state == "contents":
            if number or (block.bullet and len(plain) <= 24 and not block.links):
                where[index] = "navigation"
                continue
            state = "intro" if not sections else "section"
        if state == "picks":
            # One headline a line, until the navigation, a separator or a section; a
            # finished sentence is the intro going on.
            if number == 0 and block.kind == "text" and not block.heading and not _ends_sentence(block.text):
                picks.append((block.text.strip(), block.line))
                where[index] = "pick"
                continue
            state = "intro" if not sections else "section"
        if number:
            where[index] = "section"
            sections.append((number, []))
            state = "section"
            continue
        if state == "intro":
            if block.kind == "text":
                where[index] = "intro"
                if intro and intro[-1][-1].group == block.group and block.group:
                    intro[-1].append(block)
                else:
                    intro.append([block])
            elif block.kind == "code":
                where[index] = "intro"
                intro.append([block])
            else:
                where[index] = "unplaced"
                notes.append(Note(block.line, f"{_describe(block)} before the first section: not imported"))
            continue
        sections[-1][1].append(index)
    # A heading directly followed by another (or by nothing) was a list of the sections, not a section.
    filled = [(number, indexes) for number, indexes in sections if indexes]
    if not filled:
        raise PostError(raw.line, "no section with items: expected headings such as '1. 論文' and '2. 技術的な記事'")
    cards: list[Card] = []
    for number, indexes in filled:
        cards += _cards(blocks, number, indexes, where, notes)
    year, week_number, start = _dates(raw, kind, intro, notes)
    post = WeekPost(raw, year, week_number, start, intro, cards, picks, notes=notes, dispositions=where)
    match_picks(post)
    for card in post.cards:
        label = card.headline or card.url or f"line {card.line}"
        if not card.headline:
            notes.append(Note(card.line, f"the item {label!r} has no headline: write its :headline:"))
        if not card.summary:
            notes.append(Note(card.line, f"the item {label!r} has no summary"))
    notes.sort(key=lambda note: note.line)
    return post


def _describe(block: Block) -> str:
    if block.kind == "image":
        return f"an image ({block.src or block.text or 'no address'})"
    if block.kind == "code":
        return "a code block"
    return repr(block.text[:40])


def _cards(blocks: list[Block], section: int, indexes: list[int], where: dict[int, str], notes: list[Note]) -> list[Card]:
    """The items of one section (see the module's description of an item)."""
    cards: list[Card] = []
    current: Card | None = None
    position = 0

    def block_at(offset: int) -> Block | None:
        at = position + offset
        return blocks[indexes[at]] if at < len(indexes) else None

    def starts_card(block: Block) -> bool:
        if current is None or block.heading or current.closed:
            return True
        if not (current.url or current.summary):
            return False
        following, after = block_at(1), block_at(2)
        found = url_line(block)
        if found is not None:
            # A link whose text is Japanese is a headline with its link.
            return not found.bare and not _latin(found.label) and bool(current.summary)
        if _ends_sentence(block.text):
            return False
        if following is not None and url_line(following) is not None and not _linked_word(block):
            return True
        if _title_like(following) and after is not None and url_line(after) is not None:
            return True
        previous = current.summary[-1][-1] if current.summary else None
        return (
            previous is not None
            and _ends_sentence(previous.text)
            and _headline_like(block)
            and following is not None
            and following.kind == "text"
            and url_line(following) is None
            and not _headline_like(following)
        )

    while position < len(indexes):
        index = indexes[position]
        block = blocks[index]
        if block.kind == "image":
            if current is None:
                where[index] = "unplaced"
                notes.append(Note(block.line, f"{_describe(block)} before the first item of section {section}: not imported"))
            else:
                where[index] = "image"
                current.images.append(block)
                # An image after the summary ends the item; one above the summary belongs to it.
                current.closed = bool(current.summary)
            position += 1
            continue
        if block.kind == "code":
            if current is None:
                current = Card(section, block.line)
                cards.append(current)
            where[index] = "summary"
            current.summary.append([block])
            position += 1
            continue
        if starts_card(block):
            current = Card(section, block.line)
            cards.append(current)
            found = url_line(block)
            if found is not None and (found.bare or _latin(found.label)) and not block.heading:
                # An address with no headline above it.
                _set_url(current, found)
                if not found.bare:
                    current.title = found.label
                where[index] = "url"
            else:
                current.headline = block.text.strip()
                where[index] = "headline"
                if found is not None:
                    _set_url(current, found)
                elif len(block.links) == 1 and _all_links(block):
                    link = block.links[0]
                    _set_url(current, UrlLine(link.href, block.text[link.start : link.end]))
            position += 1
            following, after = block_at(0), block_at(1)
            if _title_like(following) and after is not None and url_line(after) is not None and not current.url:
                current.title = following.text.strip()
                where[indexes[position]] = "title"
                _take_url(current, url_line(after), indexes[position + 1], where)
                position += 2
            elif following is not None and url_line(following) is not None and not current.url:
                _take_url(current, url_line(following), indexes[position], where)
                position += 1
            elif current.url and not current.title and _title_like(following) and (after is None or after.kind != "text" or not _title_like(after)):
                current.title = following.text.strip()
                where[indexes[position]] = "title"
                position += 1
            continue
        found = url_line(block)
        if found is not None and not current.url and not current.summary:
            _take_url(current, found, index, where)
        else:
            where[index] = "summary"
            current.add_summary(block)
        position += 1
    return cards


def _linked_word(block: Block) -> bool:
    """A line ending with a colon or 'こちら' introduces its link; it is not a headline."""
    text = block.text.rstrip()
    return text.endswith((":", "：", "こちら", "から", "参照"))


def _set_url(card: Card, found: UrlLine) -> None:
    card.url, card.url_label = found.url, found.label
    card.arxiv = arxiv_from_url(found.url)


def _take_url(card: Card, found: UrlLine | None, index: int, where: dict[int, str]) -> None:
    assert found is not None
    _set_url(card, found)
    if not found.bare and not card.title and _latin(found.label):
        card.title = found.label
    where[index] = "url"


# --- picks ----------------------------------------------------------------------------------

_PICK_NOISE = re.compile(r"[\s、。，,.・:：「」『』()（）\[\]【】!！?？\"'“”‘’]+")


def _pick_key(text: str) -> str:
    return _PICK_NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


def _similarity(pick: str, candidate: str) -> float:
    """How well a pick names a card: how much of the pick the candidate holds, and of the candidate the pick."""
    if not pick or not candidate:
        return 0.0
    if pick == candidate:
        return 2.0
    matcher = SequenceMatcher(None, pick, candidate, autojunk=False)
    # quick_ratio bounds the common characters from above: most pairs stop here.
    if matcher.quick_ratio() * (len(pick) + len(candidate)) / 2 < 0.75 * len(pick):
        return 0.0
    common = sum(block.size for block in matcher.get_matching_blocks())
    of_pick, of_candidate = common / len(pick), common / len(candidate)
    # A pick is the headline, maybe shortened: most of it must be in the headline.
    if of_pick < 0.75 or of_candidate < 0.4:
        return 0.0
    return of_pick + of_candidate


def match_picks(post: WeekPost) -> None:
    """Mark the cards the picks name; the picks that name none are kept in ``post.unmatched``."""
    scores: list[tuple[float, int, int]] = []
    seen: set[str] = set()
    picks = []
    for text, line in post.picks:
        key = _pick_key(text)
        if key and key not in seen:
            seen.add(key)
            picks.append((text, line, key))
    for p, (_, _, key) in enumerate(picks):
        for c, card in enumerate(post.cards):
            best = max(_similarity(key, _pick_key(card.headline)), _similarity(key, _pick_key(card.title)))
            if best:
                scores.append((best, p, c))
    taken_picks: set[int] = set()
    taken_cards: set[int] = set()
    for _, p, c in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if p in taken_picks or c in taken_cards:
            continue
        taken_picks.add(p)
        taken_cards.add(c)
        post.cards[c].pick = True
    for p, (text, line, _) in enumerate(picks):
        if p not in taken_picks:
            post.unmatched.append((text, line))
            post.notes.append(Note(line, f"the pick {text!r} matches no item's headline; kept as a comment at the top of the page"))


# --- summary posts --------------------------------------------------------------------------


def read_summary(raw: RawPost, period: Period) -> SummaryPost:
    """The summary post in *raw*'s blocks: its prose, headings, images and paper references."""
    notes: list[Note] = []
    where: dict[int, str] = {}
    host = _own_host(raw)
    body: list[Piece] = []
    state = "body"
    for index, block in enumerate(raw.blocks):
        if state == "footer":
            where[index] = "footer"
            continue
        plain = normalise(block.text) if block.kind == "text" else ""
        if block.kind == "text" and _FOOTER_START.match(plain):
            where[index], state = "footer", "footer"
            continue
        if _is_rule(block):
            where[index] = "rule"
            state = "body"
            continue
        what = _navigation(block, host)
        if what:
            where[index] = what
            continue
        if block.kind == "text" and _CONTENTS.match(plain):
            where[index], state = "navigation", "contents"
            continue
        if state == "contents":
            if block.kind == "text" and (block.bullet or len(plain) <= 24) and not block.links:
                where[index] = "navigation"
                continue
            state = "body"
        if block.kind == "image":
            where[index] = "image"
            body.append(Piece("image", [block]))
            continue
        if block.kind == "code":
            where[index] = "prose"
            body.append(Piece("code", [block]))
            continue
        reference = _paper_reference(block)
        if reference is not None:
            where[index] = "paper"
            # A title line directly above its address names the same paper.
            if body and body[-1].kind == "title" and body[-1].arxiv is None:
                title_piece = body.pop()
                where[_index_of(raw.blocks, title_piece.blocks[0])] = "paper"
                reference.title = title_piece.title
                reference.blocks = title_piece.blocks + reference.blocks
            body.append(reference)
            continue
        if block.heading:
            where[index] = "heading"
            body.append(Piece("heading", [block]))
            continue
        if _title_like(block) and not block.links:
            where[index] = "title"
            body.append(Piece("title", [block], title=block.text.strip()))
            continue
        where[index] = "prose"
        if body and body[-1].kind == "prose" and body[-1].blocks[-1].group == block.group and block.group:
            body[-1].blocks.append(block)
        else:
            body.append(Piece("prose", [block]))
    return SummaryPost(raw, period, body, notes=notes, dispositions=where)


def _index_of(blocks: list[Block], block: Block) -> int:
    return next(i for i, b in enumerate(blocks) if b is block)


def _paper_reference(block: Block) -> Piece | None:
    """A line that names one arXiv paper and nothing else but its title."""
    if block.kind != "text":
        return None
    arxiv_links = [link for link in block.links if arxiv_from_url(link.href) is not None]
    if len(arxiv_links) != 1 or len(block.links) != 1:
        return None
    link = arxiv_links[0]
    label = block.text[link.start : link.end].strip()
    rest = (block.text[: link.start] + block.text[link.end :]).strip(" 　:：()（）<>-・")
    title = rest or ("" if label.startswith("http") else label)
    if title and not _latin(title):
        return None
    return Piece("paper", [block], arxiv=arxiv_from_url(link.href), title=title)


# --- any post -------------------------------------------------------------------------------


def read_post(raw: RawPost) -> WeekPost | SummaryPost | Skipped:
    """What *raw* is: a week, a summary, or a post that is skipped (with the reason)."""
    if raw.post_type not in ("post", ""):
        return Skipped(raw, f"an export entry of type {raw.post_type!r}, not a post")
    if raw.status not in ("publish", ""):
        return Skipped(raw, f"not published ({raw.status})")
    kind = classify_title(raw.title) if raw.title else _title_in_body(raw)
    if kind is None:
        return Skipped(raw, "not a post of the newsletter (its title names no week and no summary)")
    if kind.period is not None:
        return read_summary(raw, kind.period)
    return read_week(raw, kind)


_BODY_WEEK = re.compile(r"(?P<year>\d{4})年第(?P<week>\d{1,2})週")


def _title_in_body(raw: RawPost) -> TitleKind | None:
    """A post without a title (an item's HTML saved on its own): its first lines name what it is."""
    for index, block in enumerate(raw.blocks[:12]):
        if block.kind != "text":
            continue
        kind = classify_title(block.text)
        if kind is not None:
            raw.title, raw.line = block.text.strip(), block.line
            del raw.blocks[index]
            return kind
    for block in raw.blocks[:12]:
        match = _BODY_WEEK.search(normalise(block.text)) if block.kind == "text" else None
        if match:
            raw.title = f"{match['year']}年 第{int(match['week'])}週"
            return TitleKind(week=int(match["week"]), year=int(match["year"]))
    return None


def link_text(block: Block, link: Link) -> str:
    """The text a link covers."""
    return block.text[link.start : link.end]
