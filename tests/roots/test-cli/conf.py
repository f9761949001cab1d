extensions = ["mlnews"]
language = "ja"
exclude_patterns = ["_build", ".*", "notes"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"
mlnews_tags = ["生成モデル", "解釈性"]
html_sidebars = {"**": ["localtoc.html"]}
