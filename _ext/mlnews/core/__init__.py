"""Rules shared by the build and the command line, with no Sphinx in them.

arXiv IDs (:mod:`.arxiv_id`), the newsletter's weeks (:mod:`.weeks`) and
periods (:mod:`.periods`), front matter (:mod:`.frontmatter`), the card rules
(:mod:`.cardrules`) and every warning's subtype and text (:mod:`.warnings`).
"""
