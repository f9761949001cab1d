"""``mlnews init DIR``: a new newsletter project that builds with ``sphinx-build -W`` at once.

The project is this repository's own layout (README, "Authoring contract"):
``conf.py`` with mlnews, the book theme and mlnews' sidebar and an empty tag
vocabulary; ``index.md`` with the latest issue and the years;
``bibliography.md`` and an empty ``refs.bib``; ``issues/`` and ``summaries/``
for the weeks and their summaries; a ``Makefile`` (``html``, ``live``,
``latexpdf``), ``.gitignore`` and a short README. ``mlnews new-week`` or
``mlnews import`` then fill it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from . import markup
from .errors import USAGE, CliError
from .project import atomic_replace

__all__ = ["init_project", "FILES"]

FILES = (
    "conf.py",
    "index.md",
    "bibliography.md",
    "refs.bib",
    "issues/",
    "summaries/",
    "Makefile",
    ".gitignore",
    "README.md",
)
"""What ``init`` creates, in the order it reports them."""

_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$")

_CONF = '''"""Sphinx configuration of {title_text}."""

import os

project = {title}
author = {author}
copyright = {copyright}
language = {language}

extensions = [
    "mlnews",  # brings myst_parser and sphinxcontrib.bibtex
]

root_doc = "index"
exclude_patterns = [".*", "**/.*", "_build", "README.md"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Quotes and dashes as the authors typed them (imported posts are shown verbatim).
smartquotes = False

bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "mlnews"
bibtex_default_style = "mlnews"
bibtex_cite_id = "cite-{{key}}"

# The tag vocabulary. Empty, a card may have any tag; once it lists tags, a
# card's tag outside it is a warning (so that tag pages stay useful).
mlnews_tags = []

html_theme = "sphinx_book_theme"
html_title = project
# mlnews' sidebar holds the years, with the current year and month open (the
# theme's own sidebar renders the whole archive into every page);
# mlnews/sidebar-brand.html is the site's name and the icon links in one landmark.
html_sidebars = {{
    "**": ["mlnews/sidebar-brand.html", "search-button-field.html", "mlnews/sidebar-nav.html"],
}}
# The theme's light/dark switch starts from the reader's system setting.
html_context = {{"default_mode": "auto"}}
html_theme_options = {{
    "show_toc_level": 2,
    # The author's links (sidebar and footer), e.g.
    # {{"name": "X", "url": "https://x.com/you", "icon": "fa-brands fa-x-twitter"}}
    "icon_links": [],
    "icon_links_label": "著者のリンク",
    "footer_content_items": ["author.html", "copyright.html", "icon-links.html", "last-updated.html", "extra-footer.html"],
}}

# The site's public address, e.g. "https://you.github.io/news/". With it, mlnews
# writes the Atom feeds, and sitemap.xml and social cards (with mlnews' share images) are turned on.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or os.environ.get("MLNEWS_BASEURL") or ""
if html_baseurl:
    extensions += ["sphinxext.opengraph", "sphinx_sitemap"]
    ogp_site_url = html_baseurl
    ogp_site_name = html_title
    ogp_use_first_image = True
    ogp_social_cards = {{"enable": False}}
    sitemap_url_scheme = "{{link}}"

# The PDF book of the whole archive (`make latexpdf`); mlnews adds one book per
# year, {book}-<YYYY>.pdf, for each summaries/<YYYY>/index.md.
latex_documents = [("index", "{book}.tex", project, author, "manual")]
'''

_INDEX = """# {title}

## 最新号

:::{{latest-issue}}
:::

## 年ごとのまとめ

```{{toctree}}
:caption: アーカイブ
:glob:
:reversed:
:maxdepth: 1

/summaries/*/index
```

```{{toctree}}
:caption: 資料
:maxdepth: 1

bibliography
```
"""

_BIBLIOGRAPHY = """# 参考文献

このニュースレターで紹介したすべての論文です。各項目から arXiv の論文ページへ移動できます。

```{bibliography}
:all:
```
"""

_REFS = """% Bibliography of {title}.
% Keys: <first author's last name><year><first word of the title that is not an
% article>, lower case ASCII (asokan2020teaching). `mlnews add` and `mlnews import`
% follow the rule; when another paper has the key, the new one gets b, c, ...
% Every arXiv paper has eprint (no version unless a card needs one),
% archivePrefix and primaryClass. `version`, when present, is the arXiv version
% the fields describe: `mlnews add` writes it and updates an entry when arXiv
% has a newer one.
"""

_MAKEFILE = """# {title}: build targets. Needs the mlnews package (it brings Sphinx and the mlnews command).
SPHINXBUILD ?= sphinx-build
SPHINXOPTS ?=
BUILDDIR ?= _build

.PHONY: html live latexpdf check clean

# The site, in $(BUILDDIR)/html; any warning fails the build.
html:
\t$(SPHINXBUILD) -W --keep-going -b html $(SPHINXOPTS) . $(BUILDDIR)/html

# Serve the site and rebuild it on every change (pip install sphinx-autobuild).
live:
\tsphinx-autobuild -b html $(SPHINXOPTS) . $(BUILDDIR)/html

# The archive and each year as a PDF book (needs TeX with Japanese support).
latexpdf:
\tLATEXMKOPTS="-silent" $(SPHINXBUILD) -M latexpdf . $(BUILDDIR) -W --keep-going $(SPHINXOPTS)

# What the build would warn about, without building.
check:
\tmlnews check

clean:
\trm -rf $(BUILDDIR)
"""

_GITIGNORE = """_build/
.venv/
__pycache__/
"""

_README = """# {title}

A weekly newsletter built with mlnews and Sphinx.

```sh
mlnews new-week                 # next week's page: issues/<YYYY>/<MM>/w<WW>.md (and its summary pages)
mlnews add 2010.15639 --week issues/2020/11/w45.md   # a paper from arXiv: refs.bib entry and card
mlnews import export.zip        # an existing archive (note.com export, saved pages, pasted posts)
mlnews check                    # what the build would warn about
make html                       # the site, in _build/html
make live                       # the site, rebuilt as you write
```

Week pages live in `issues/<YYYY>/<MM>/w<WW>.md`, the summaries of months,
quarters, halves and years in `summaries/<YYYY>/`, every paper's metadata in
`refs.bib`. The site's public address goes in `html_baseurl` (conf.py) or the
`MLNEWS_BASEURL` environment variable: then the feeds and the sitemap are
written too.
"""


def _book_name(folder: Path) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")
    return name or "newsletter"


def _texts(folder: Path, title: str, author: str, language: str) -> dict[str, str]:
    year = dt.date.today().year
    return {
        "conf.py": _CONF.format(
            title_text=title.replace('"""', "'''"),
            title=repr(title),
            author=repr(author),
            copyright=repr(f"{year}, {author}" if author else str(year)),
            language=repr(language),
            book=_book_name(folder),
        ),
        "index.md": _INDEX.format(title=markup.heading(1, title)[2:]),
        "bibliography.md": _BIBLIOGRAPHY,
        "refs.bib": _REFS.format(title=" ".join(title.split())),
        "issues/.gitkeep": "",
        "summaries/.gitkeep": "",
        "Makefile": _MAKEFILE.format(title=" ".join(title.split())),
        ".gitignore": _GITIGNORE,
        "README.md": _README.format(title=markup.heading(1, title)[2:]),
    }


def init_project(folder: str | os.PathLike[str], title: str | None = None, author: str = "", language: str = "ja") -> Path:
    """Write a new project into *folder* (created if missing); refuse a folder that holds anything.

    The title defaults to the folder's name.
    """
    root = Path(folder).expanduser().resolve()
    title = " ".join((title if title is not None else root.name).split())
    author = " ".join(author.split())
    if not title:
        raise CliError("--title: the newsletter needs a title", USAGE)
    if not _LANGUAGE.match(language):
        raise CliError(f"--language {language!r}: expected a language code such as ja or en", USAGE)
    if root.exists() and not root.is_dir():
        raise CliError(f"{root}: exists and is not a folder")
    if root.is_dir() and any(root.iterdir()):
        raise CliError(f"{root}: the folder is not empty; mlnews init starts a project in a new or empty folder")
    changes = {root / name: content for name, content in _texts(root, title, author, language).items()}
    for path in changes:
        # The names are ours, but the check costs nothing: nothing lands outside the new folder.
        if not path.resolve().is_relative_to(root):
            raise CliError(f"{path}: outside {root}")
    atomic_replace(changes)
    return root
