# Akira's ML news: build and test targets. Every target sets up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPHINXOPTS ?=
BUILDDIR ?= _build
# The editions besides Japanese: each is built from the same source, with Sphinx's
# gettext catalogs locale/<language>/LC_MESSAGES/, into $(BUILDDIR)/html/<language>/.
EDITIONS ?= en

.PHONY: html test live latexpdf clean publish linkcheck gettext translations

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,live,translate]'
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -b html $(SPHINXOPTS) . $(BUILDDIR)/html
	for lang in $(EDITIONS); do \
	  $(BIN)/sphinx-build -W --keep-going -b html -D language=$$lang $(SPHINXOPTS) . $(BUILDDIR)/html/$$lang || exit 1; \
	done

# Translating: `make gettext` extracts every page's messages into $(BUILDDIR)/gettext/*.pot;
# `make translations` brings locale/<language>/LC_MESSAGES/*.po up to date with them
# (new messages empty, changed ones fuzzy) for each edition. Then fill in msgstr.
gettext: $(STAMP)
	$(BIN)/sphinx-build -b gettext $(SPHINXOPTS) . $(BUILDDIR)/gettext

translations: gettext
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d locale $(foreach lang,$(EDITIONS),-l $(lang))

# The tests on every core (pytest-xdist); tests/conftest.py keeps those that build
# the repository itself on one worker.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The archive and each year as a PDF book: _build/latex/mlnews.pdf, mlnews-<YYYY>.pdf;
# each other edition's in _build/<language>/latex/ (mlnews-en.pdf, mlnews-<YYYY>-en.pdf).
# Needs TeX (see README); latexmk runs uplatex and dvipdfmx.
latexpdf: $(STAMP)
	LATEXMKOPTS="-silent" $(BIN)/sphinx-build -M latexpdf . $(BUILDDIR) -W --keep-going $(SPHINXOPTS)
	for lang in $(EDITIONS); do \
	  LATEXMKOPTS="-silent" $(BIN)/sphinx-build -M latexpdf . $(BUILDDIR)/$$lang -W --keep-going -D language=$$lang $(SPHINXOPTS) || exit 1; \
	done

live: $(STAMP)
	$(BIN)/sphinx-autobuild --watch _ext -b html -D mlnews_search_index=0 $(SPHINXOPTS) . $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)

# A build to deploy: from nothing (-E, a fresh output folder), so no page of a
# deleted or renamed source survives in what readers get.
publish: $(STAMP)
	rm -rf $(BUILDDIR)/publish
	$(BIN)/sphinx-build -E -W --keep-going -b html $(SPHINXOPTS) . $(BUILDDIR)/publish/html
	for lang in $(EDITIONS); do \
	  $(BIN)/sphinx-build -E -W --keep-going -b html -D language=$$lang $(SPHINXOPTS) . $(BUILDDIR)/publish/html/$$lang || exit 1; \
	done

# Every external link of the archive (needs the internet; not part of `make test`).
linkcheck: $(STAMP)
	$(BIN)/sphinx-build -b linkcheck $(SPHINXOPTS) . $(BUILDDIR)/linkcheck
