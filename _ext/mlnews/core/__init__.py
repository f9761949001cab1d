"""Rules shared by the build and the command line, with no Sphinx in them.

arXiv IDs (:mod:`.arxiv_id`), the newsletter's weeks (:mod:`.weeks`) and
periods (:mod:`.periods`), front matter (:mod:`.frontmatter`) and the card
rules (:mod:`.cardrules`).
"""
