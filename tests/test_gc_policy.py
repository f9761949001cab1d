"""Memory and the cycle collector: what a build keeps, and for how long.

The loaded environment is kept out of the cycle collector during a build and
handed back after (a process that runs several builds, like this one, must get
its objects collectable again); a serial build does not hold every page's
doctree between reading and writing.
"""

from __future__ import annotations

import gc
import subprocess
import sys

from conftest import build, copy_root


def test_environment_is_frozen_during_the_build_only(tmp_path, monkeypatch):
    import pickle

    import sphinx.application
    from sphinx.testing.util import SphinxTestApp

    src = copy_root("archive", tmp_path / "src")
    build(src, tmp_path / "build")  # an environment to load
    collector_while_loading: list[bool] = []

    class Pickle:
        """sphinx.application's pickle module, noting whether the collector runs during load()."""

        def __getattr__(self, name):
            return getattr(pickle, name)

        def load(self, *args, **kwargs):
            collector_while_loading.append(gc.isenabled())
            return pickle.load(*args, **kwargs)

    monkeypatch.setattr(sphinx.application, "pickle", Pickle())
    seen: list[int] = []
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "build")
    assert collector_while_loading == [False] and gc.isenabled()
    try:
        app.connect("env-before-read-docs", lambda app, env, docnames: seen.append(gc.get_freeze_count()))
        app.build()
    finally:
        app.cleanup()
    assert seen and seen[0] > len(app.env.all_docs), "the loaded environment was frozen"
    assert gc.get_freeze_count() == 0, "and handed back to the collector afterwards"


def test_sphinx_build_freezes_the_heap_at_exit(tmp_path):
    src = copy_root("archive", tmp_path / "src")
    probe = (
        "import atexit, gc, sys\n"
        "from sphinx.cmd.build import main\n"
        "code = main(['-b', 'html', '-q', sys.argv[1], sys.argv[2]])\n"
        # atexit runs handlers last-registered first: this one runs after mlnews'.
        "atexit._run_exitfuncs()\n"
        "print(gc.get_freeze_count())\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(src), str(tmp_path / "out")], capture_output=True, text=True, check=True
    )
    assert int(done.stdout.split()[-1]) > 10_000


def test_serial_build_writes_from_pickles_not_from_a_cache_of_every_doctree(tmp_path):
    from sphinx.testing.util import SphinxTestApp

    src = copy_root("archive", tmp_path / "src")
    held: list[int] = []
    read: list[str] = []
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "build", freshenv=True)
    try:
        app.connect("doctree-read", lambda app, doctree: read.append(app.env.docname))
        app.connect("write-started", lambda app, builder: held.append(len(app.env._write_doc_doctree_cache)))
        app.build()
    finally:
        app.cleanup()
    assert len(read) > 10 and held == [0]
    # Every page was written all the same (test_archive_rebuilds compares them with -j 2).
    assert all((tmp_path / "build" / "html" / f"{docname}.html").is_file() for docname in read)
