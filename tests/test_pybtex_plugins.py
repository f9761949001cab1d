"""pybtex's plugins are found from one scan of the installed packages per process."""

from __future__ import annotations

import importlib.metadata

import pybtex.plugin
import pytest


@pytest.mark.sphinx("html", testroot="sidebar")
def test_lookups_after_the_first_scan_read_no_package_metadata(app, monkeypatch):
    app.build()  # citations formatted: the scan has been made
    expected = {
        (group, ep.name): ep.load()
        for group in ("pybtex.backends", "pybtex.style.formatting", "pybtex.style.names", "pybtex.style.labels")
        for ep in importlib.metadata.entry_points().select(group=group)
    }
    (text_entry,) = importlib.metadata.entry_points().select(group="pybtex.backends.aliases", name="text")

    def no_scan(*args, **kwargs):
        raise AssertionError("the installed packages were scanned again")

    # A lookup that read the packages' metadata again would fail from now on.
    monkeypatch.setattr(importlib.metadata, "distributions", no_scan)
    monkeypatch.setattr(importlib.metadata.Distribution, "discover", no_scan)
    for (group, name), klass in expected.items():
        assert pybtex.plugin.find_plugin(group, name) is klass
    assert pybtex.plugin.find_plugin("pybtex.backends", "text") is text_entry.load()
    assert pybtex.plugin.find_plugin("pybtex.style.names") is expected[("pybtex.style.names", "plain")]
    assert ("pybtex.backends", "docutils") in expected and ("pybtex.style.labels", "mlnews") in expected
    with pytest.raises(pybtex.plugin.PluginNotFound):
        pybtex.plugin.find_plugin("pybtex.style.formatting", "no-such-style")
