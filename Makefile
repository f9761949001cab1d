# Akira's ML news: build and test targets. Every target sets up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPHINXOPTS ?=
BUILDDIR ?= _build

.PHONY: html test live latexpdf clean publish linkcheck

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,live]'
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -b html $(SPHINXOPTS) . $(BUILDDIR)/html

test: $(STAMP)
	$(BIN)/python -m pytest

# The archive and each year as a PDF book: _build/latex/mlnews.pdf, mlnews-<YYYY>.pdf.
# Needs TeX (see README); latexmk runs uplatex and dvipdfmx.
latexpdf: $(STAMP)
	LATEXMKOPTS="-silent" $(BIN)/sphinx-build -M latexpdf . $(BUILDDIR) -W --keep-going $(SPHINXOPTS)

live: $(STAMP)
	$(BIN)/sphinx-autobuild --watch _ext -b html -D mlnews_search_index=0 $(SPHINXOPTS) . $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)

# A build to deploy: from nothing (-E, a fresh output folder), so no page of a
# deleted or renamed source survives in what readers get.
publish: $(STAMP)
	rm -rf $(BUILDDIR)/publish
	$(BIN)/sphinx-build -E -W --keep-going -b html $(SPHINXOPTS) . $(BUILDDIR)/publish/html

# Every external link of the archive (needs the internet; not part of `make test`).
linkcheck: $(STAMP)
	$(BIN)/sphinx-build -b linkcheck $(SPHINXOPTS) . $(BUILDDIR)/linkcheck
