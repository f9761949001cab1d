extensions = ["mlnews"]
language = "ja"
exclude_patterns = ["_build", ".*"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
mlnews_tags = ["生成モデル", "解釈性"]
