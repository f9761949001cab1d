"""``python -m mlnews.cli``: the same as the ``mlnews`` command."""

from . import run

run()
