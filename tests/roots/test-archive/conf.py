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
# The themes append to templates_path. Left out, that is Sphinx's shared default list,
# which grows with every app a test process builds: the changed config would make
# every incremental build rewrite every page, and hide the stale ones.
templates_path: list[str] = []
