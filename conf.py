"""Sphinx configuration of Akira's ML news."""

project = "Akira's ML news"
author = "Akihiro Fujii"
copyright = "2020, Akihiro Fujii"
language = "ja"

extensions = [
    "mlnews",  # brings myst_parser and sphinxcontrib.bibtex
]

root_doc = "index"
exclude_patterns = [
    ".*",  # .venv, .github, .ci, caches
    "**/.*",
    "_build",
    "_ext",
    "bench",
    "tests",
    "test-artifacts",
    "README.md",
]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"
bibtex_cite_id = "cite-{key}"

html_theme = "sphinx_book_theme"
html_title = "Akira's ML news"
html_static_path = ["_static"]
html_theme_options = {
    "show_toc_level": 2,
}
