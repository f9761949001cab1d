"""Helpers for the PDF book tests: building with latexmk and reading .tex, .log and PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

TEX_TOOLS = ("latexmk", "uplatex", "dvipdfmx", "pdftotext", "pdffonts")

_HEADING = re.compile(r"^\\(part|chapter|section|subsection|subsubsection)\{(.*)\}$", re.MULTILINE)
LEVELS = ("part", "chapter", "section", "subsection", "subsubsection")
OVERFULL_LIMIT_PT = 3.0
"""Overfull boxes up to this much are rounding noise; wider ones show on the page."""


def require_tex() -> None:
    """Skip, saying what is missing, where the TeX tool chain is not installed."""
    missing = [tool for tool in TEX_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed: the PDF needs the Debian packages "
            "latexmk texlive-lang-japanese texlive-latex-recommended texlive-latex-extra "
            "texlive-fonts-recommended tex-gyre poppler-utils (see README)"
        )


def make_pdfs(latex_dir: Path) -> None:
    """Run the Makefile Sphinx wrote (latexmk for every .tex), as ``make latexpdf`` does."""
    result = subprocess.run(
        ["make", "-C", str(latex_dir), "all-pdf", "LATEXMKOPTS=-silent"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@dataclass(frozen=True)
class Heading:
    level: str
    title: str
    start: int
    end: int
    """Where the text under this heading (up to the next heading) ends."""


def headings(tex: str) -> list[Heading]:
    """The sectioning commands of a .tex body, in order, with the extent of their text."""
    found = list(_HEADING.finditer(tex))
    end_of_body = tex.find(r"\begin{sphinxthebibliography}")
    end_of_body = len(tex) if end_of_body < 0 else end_of_body
    return [
        Heading(m[1], m[2], m.end(), found[i + 1].start() if i + 1 < len(found) else end_of_body)
        for i, m in enumerate(found)
    ]


def titles(tex: str, level: str) -> list[str]:
    return [h.title for h in headings(tex) if h.level == level]


def own_text(tex: str, heading: Heading) -> str:
    """What a heading holds before its first subheading, without labels and spacing commands."""
    text = tex[heading.start : heading.end]
    text = re.sub(r"\\(phantomsection|label\{\\detokenize\{[^}]*\}\}|sphinxstepscope|sphinxAtStartPar)", "", text)
    return text.strip()


def overfull_boxes(log: str) -> list[str]:
    """Overfull boxes of a LaTeX log wider than :data:`OVERFULL_LIMIT_PT`."""
    return [
        line
        for line in log.splitlines()
        if (m := re.match(r"Overfull \\[hv]box \((\d+(?:\.\d+)?)pt too", line)) and float(m[1]) > OVERFULL_LIMIT_PT
    ]


def undefined_references(log: str) -> list[str]:
    """LaTeX's and hyperref's complaints about references to nowhere."""
    pattern = re.compile(r"(LaTeX|hyperref) Warning: .*(undefined|Reference|Citation)|There were undefined")
    return [line for line in log.splitlines() if pattern.search(line)]


def pdf_text(pdf: Path, *, first: int | None = None) -> str:
    """The PDF's text (pdftotext), NFKC-normalised (ligatures, full-width forms)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)


def squeeze(text: str) -> str:
    """Text without white space or hyphens, lower case: for finding a phrase across line breaks."""
    return re.sub(r"[\s\-‐]+", "", unicodedata.normalize("NFKC", text)).lower()


def fonts(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts``' table: name, type and whether each font is embedded."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        # name type... encoding emb sub uni object ID: the flags are the 5th to 3rd fields from the end.
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows
