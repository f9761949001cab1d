extensions = ["mlnews"]
language = "ja"
bibtex_bibfiles = ["refs.bib"]
html_theme = "sphinx_book_theme"
html_sidebars = {"**": ["navbar-logo.html", "mlnews/sidebar-nav.html"]}
