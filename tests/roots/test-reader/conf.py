extensions = ["mlnews", "sphinxext.opengraph", "sphinx_sitemap"]
language = "ja"
project = "Reader test"
author = "Test Author"
html_title = "Reader test"
bibtex_bibfiles = ["refs.bib"]
html_baseurl = "https://news.example.org/ml/"
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary" />']
sitemap_url_scheme = "{link}"
mlnews_tags = ["生成モデル", "自己教師あり学習", "データ拡張", "解釈性", "物理とML"]
