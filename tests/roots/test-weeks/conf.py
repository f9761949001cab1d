extensions = ["mlnews"]
language = "ja"
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "mlnews"
bibtex_default_style = "mlnews"
bibtex_cite_id = "cite-{key}"
html_sidebars = {"**": ["localtoc.html"]}
