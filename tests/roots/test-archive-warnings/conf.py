extensions = ["mlnews"]
language = "ja"
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"
bibtex_cite_id = "cite-{key}"
mlnews_tags = ["生成モデル", "解釈性"]
html_sidebars = {"**": ["localtoc.html"]}
