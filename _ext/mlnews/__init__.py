"""mlnews: publish a weekly machine-learning newsletter with Sphinx.

Add ``"mlnews"`` to ``extensions`` in ``conf.py``; it brings MyST and
sphinxcontrib-bibtex along. See the project's README for the authoring contract.
"""

from .extension import VERSION as __version__
from .extension import setup

__all__ = ["setup", "__version__"]
