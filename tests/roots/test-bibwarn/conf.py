# The mlnews defaults: refs.bib, the mlnews styles, #cite-<key> anchors.
extensions = ["mlnews"]
language = "ja"
