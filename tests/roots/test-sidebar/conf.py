extensions = ["mlnews"]
language = "ja"
bibtex_bibfiles = ["refs.bib"]
html_theme = "sphinx_book_theme"
html_sidebars = {"**": ["navbar-logo.html", "mlnews/sidebar-nav.html"]}
# Fresh lists: the themes and sphinx-copybutton append to these settings in
# place, and Sphinx's defaults are shared by every app of one test process, so
# a second app would see a "changed" configuration and rewrite every page.
templates_path = []
html_static_path = []
