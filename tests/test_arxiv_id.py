"""Every arXiv identifier form the paper directive accepts, and the ones it refuses."""

from __future__ import annotations

import pytest

from mlnews.core.arxiv_id import looks_like_arxiv_id, parse_arxiv_id


@pytest.mark.parametrize(
    ("text", "base", "version", "anchor"),
    [
        ("2010.15639", "2010.15639", None, "arxiv-2010-15639"),
        ("2010.15639v2", "2010.15639", 2, "arxiv-2010-15639"),
        ("arXiv:2010.15639v12", "2010.15639", 12, "arxiv-2010-15639"),
        ("0704.0001", "0704.0001", None, "arxiv-0704-0001"),
        ("1412.6980v9", "1412.6980", 9, "arxiv-1412-6980"),
        ("cs/0112017", "cs/0112017", None, "arxiv-cs-0112017"),
        ("hep-th/9901001", "hep-th/9901001", None, "arxiv-hep-th-9901001"),
        ("hep-th/9901001v3", "hep-th/9901001", 3, "arxiv-hep-th-9901001"),
        ("math.GT/0309136", "math.GT/0309136", None, "arxiv-math-gt-0309136"),
    ],
)
def test_accepted(text, base, version, anchor):
    parsed = parse_arxiv_id(text)
    assert parsed is not None
    assert (parsed.base, parsed.version, parsed.anchor) == (base, version, anchor)
    assert str(parsed) == (base if version is None else f"{base}v{version}")


@pytest.mark.parametrize(
    "text",
    [
        "2010.1563x",  # not digits
        "2013.15639",  # month 13
        "2010.1563",  # four digits after 2015
        "1412.69801",  # five digits before 2015
        "2010.15639v0",  # versions start at 1
        "2010.15639v",
        "cs/011201",  # six digits
        "CS/0112017",  # archive names are lower case
        "cs/1512017",  # old style ended in 2007
        "hep-th/9913001",
        "asokan2020teaching",
        "",
    ],
)
def test_refused(text):
    assert parse_arxiv_id(text) is None


def test_id_like_versus_key():
    assert looks_like_arxiv_id("2010.1563x")
    assert looks_like_arxiv_id("hep-th/99")
    assert not looks_like_arxiv_id("asokan2020teaching")
    assert not looks_like_arxiv_id("castells2020superloss")
