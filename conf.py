"""Sphinx configuration of Akira's ML news."""

import os

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
bibtex_reference_style = "mlnews"
bibtex_default_style = "mlnews"
bibtex_cite_id = "cite-{key}"
# Each entry formatted once per text and style, kept under _build/ (which `make publish`
# keeps: its clean build starts from the entries earlier builds formatted).
mlnews_format_cache = "_build/.cache/mlnews-formatted-entries.pickle"

# The tag vocabulary: a card's tag outside it is a warning, so tag pages stay useful.
mlnews_tags = [
    "生成モデル",
    "自己教師あり学習",
    "表現学習",
    "解釈性",
    "物理とML",
    "医療",
    "自然言語処理",
    "画像認識",
    "物体検出",
    "動画",
    "最適化",
    "強化学習",
    "データ拡張",
    "不均衡データ",
    "異常検知",
    "軽量化",
    "学習理論",
    "Transformer",
    "社会と倫理",
    "産業応用",
    "計算資源",
    "教育",
]
# This file's own texts in the other editions: each tag's name (its page keeps the tag
# itself in its address) and the author's links' names.
mlnews_translations = {
    "en": {
        "note でサポートする": "Support the newsletter on note",
        "著者のリンク": "The author's links",
        "生成モデル": "Generative models",
        "自己教師あり学習": "Self-supervised learning",
        "表現学習": "Representation learning",
        "解釈性": "Interpretability",
        "物理とML": "Physics and ML",
        "医療": "Medicine",
        "自然言語処理": "Natural language processing",
        "画像認識": "Image recognition",
        "物体検出": "Object detection",
        "動画": "Video",
        "最適化": "Optimization",
        "強化学習": "Reinforcement learning",
        "データ拡張": "Data augmentation",
        "不均衡データ": "Imbalanced data",
        "異常検知": "Anomaly detection",
        "軽量化": "Model compression",
        "学習理論": "Learning theory",
        "Transformer": "Transformer",
        "社会と倫理": "Society and ethics",
        "産業応用": "Industry",
        "計算資源": "Compute",
        "教育": "Education",
    },
}

# Absolute links (feeds, sitemap, social cards) need the site's public address:
# Read the Docs provides it; the GitHub Pages workflow passes MLNEWS_BASEURL.
html_baseurl = (
    os.environ.get("READTHEDOCS_CANONICAL_URL")
    or os.environ.get("MLNEWS_BASEURL")
    or "https://akiratosei.github.io/mlnews/"
)

# `make linkcheck`: arXiv asks robots to go slowly; some news sites refuse
# robots outright (403) or answer slowly, and would fail every run.
linkcheck_workers = 4
linkcheck_timeout = 30
linkcheck_retries = 2
linkcheck_rate_limit_timeout = 600.0
linkcheck_ignore = [
    r"https://medium\.com/.*",
    r"https://www\.nytimes\.com/.*",
    r"https://www\.wired\.com/.*",
    r"https://hbr\.org/.*",
    r"https://www\.prnewswire\.com/.*",
    r"https://www\.newscientist\.com/.*",
    r"https://www\.theverge\.com/.*",
]
linkcheck_allowed_redirects = {
    # arXiv's abs and pdf links redirect to the newest version.
    r"https://arxiv\.org/(abs|pdf)/.*": r"https://arxiv\.org/(abs|pdf)/.*",
}

html_theme = "sphinx_book_theme"
html_title = "Akira's ML news"
html_static_path = ["_static"]
# The theme's sidebar holds the whole archive on every page (a build that grows with
# its square); mlnews' holds the years, and the current year and month open.
# mlnews/sidebar-brand.html is the theme's navbar-logo.html and icon-links.html in one
# landmark (screen readers and axe's "region" want every part of a page in one).
html_sidebars = {
    "**": ["mlnews/sidebar-brand.html", "search-button-field.html", "mlnews/sidebar-nav.html"],
}
html_favicon = "_static/favicon.svg"
# The theme's light/dark switch starts from the reader's system setting.
html_context = {"default_mode": "auto"}
html_theme_options = {
    "show_toc_level": 2,
    # The author's links, on every page: the sidebar's top (mlnews/sidebar-brand.html)
    # and the footer. pydata-sphinx-theme's icon links; Font Awesome icons.
    "icon_links": [
        {"name": "X (Twitter) @AkiraTOSEI", "url": "https://x.com/AkiraTOSEI", "icon": "fa-brands fa-x-twitter"},
        {"name": "note でサポートする", "url": "https://note.com/akira_tosei", "icon": "fa-solid fa-mug-hot"},
    ],
    "icon_links_label": "著者のリンク",
    # The language switch (mlnews/language-switch.html) beside the theme's buttons.
    "article_header_end": ["mlnews/language-switch.html", "article-header-buttons.html"],
    "footer_content_items": ["author.html", "copyright.html", "icon-links.html", "last-updated.html", "extra-footer.html"],
}

# Reader features: social cards (sphinxext-opengraph) and sitemap.xml (sphinx-sitemap);
# mlnews itself writes the Atom feeds, tag pages and the Japanese query splitter.
extensions += ["sphinxext.opengraph", "sphinx_sitemap"]
ogp_site_url = html_baseurl
ogp_site_name = html_title
ogp_use_first_image = True  # pages other than weeks and summaries: their first image
# mlnews draws each week's and summary's share image (1200x630, Pillow) and sets
# twitter:card itself; sphinxext-opengraph's own cards would need matplotlib.
ogp_social_cards = {"enable": False}
# html_baseurl is already the address of this language and version.
sitemap_url_scheme = "{link}"

# The PDF book of the whole archive (`make latexpdf`); mlnews adds one book per
# year, mlnews-<YYYY>.pdf, for each summaries/<YYYY>/index.md.
latex_documents = [("index", "mlnews.tex", "Akira's ML news", author, "manual")]
# upLaTeX for every edition (Sphinx's default for ja): the English book may show
# Japanese that is not translated yet, which pdfLaTeX could not set.
latex_engine = "uplatex"
# Read the Docs fails a build whose LaTeX output makes more than one PDF.
mlnews_year_books = os.environ.get("READTHEDOCS") != "True"

# The English edition (`make html` builds it into _build/html/en/ with -D language=en):
# Sphinx's own gettext catalogs, locale/en/LC_MESSAGES/<page>.po, one per page (sphinx-intl).
locale_dirs = ["locale"]
gettext_compact = False
# Each edition's address, from html_baseurl (the first is x-default). On Read the Docs
# each language is a project of its own (the English one a translation of the Japanese).
mlnews_editions = {"ja": "", "en": "en/"}
if os.environ.get("READTHEDOCS") == "True" and os.environ.get("READTHEDOCS_CANONICAL_URL"):
    _here = os.environ.get("READTHEDOCS_LANGUAGE", "ja")
    mlnews_editions = {
        lang: html_baseurl.replace(f"/{_here}/", f"/{lang}/") for lang in ("ja", "en")
    }
