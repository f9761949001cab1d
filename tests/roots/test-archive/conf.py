extensions = ["mlnews"]
language = "ja"
root_doc = "index"
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"
bibtex_cite_id = "cite-{key}"
mlnews_tags = ["生成モデル", "自己教師あり学習", "データ拡張", "解釈性", "画像認識", "物理とML", "医療"]
html_theme = "sphinx_book_theme"
html_title = "Archive test"
# What the theme would set on builder-inited, set here: a config changed after the
# environment is loaded makes Sphinx rewrite every page, which would hide stale pages.
html_permalinks_icon = "#"
html_sourcelink_suffix = ""
html_theme_options = {"navbar_persistent": ["search-button-field"], "icon_links": [], "logo": {}}
# The themes append to templates_path; a list of our own keeps that from growing
# across the apps a test process builds.
templates_path: list[str] = []
