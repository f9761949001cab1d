"""pybtex's plugins are found without scanning the installed entry points again."""

from __future__ import annotations

from importlib.metadata import entry_points

import pybtex.plugin
import pytest


@pytest.mark.sphinx("html", testroot="sidebar")
def test_lookups_after_builder_inited_are_table_hits(app, monkeypatch):
    # The builder has started: the plugins are registered. From now on a lookup
    # that scanned the entry points would fail.
    expected = {
        (group, ep.name): ep.load()
        for group in ("pybtex.backends", "pybtex.style.formatting", "pybtex.style.names")
        for ep in entry_points().select(group=group)
    }
    (text_entry,) = entry_points().select(group="pybtex.backends.aliases", name="text")
    text = text_entry.load()

    def no_scan(**kwargs):
        raise AssertionError(f"entry points scanned for {kwargs}")

    monkeypatch.setattr(pybtex.plugin, "entry_points", no_scan)
    for (group, name), klass in expected.items():
        assert pybtex.plugin.find_plugin(group, name) is klass
    assert pybtex.plugin.find_plugin("pybtex.backends", "text") is text
    assert pybtex.plugin.find_plugin("pybtex.style.names") is expected[("pybtex.style.names", "plain")]
    assert ("pybtex.backends", "docutils") in expected and ("pybtex.style.names", "last") in expected
