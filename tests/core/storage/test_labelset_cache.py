"""Stored label sets are parsed once per Store, and an added one is seen at once."""

from __future__ import annotations

import annotator.storage.labelsets as repo_module
from annotator.labelsets import parse_labelset
from annotator.store import Store

SOURCE = """name: tiny-set
version: "1"
labels:
  - key: ONE
    name: One
    color: "#112233"
"""


def test_a_registered_label_set_is_parsed_once_for_many_lookups(store: Store, monkeypatch):
    store.add_labelset(parse_labelset(SOURCE, "tiny-set.yaml"))
    calls = []
    real = repo_module.parse_labelset

    def counting(source, where, **kwargs):
        calls.append(where)
        return real(source, where, **kwargs)

    monkeypatch.setattr(repo_module, "parse_labelset", counting)
    store.forget_caches()
    for _ in range(50):
        assert store.labelset("tiny-set").keys == ("ONE",)
    assert len(calls) == 1


def test_adding_a_new_version_is_seen_at_once(store: Store):
    store.add_labelset(parse_labelset(SOURCE, "tiny-set.yaml"))
    assert store.labelset("tiny-set").version == "1"
    newer = SOURCE.replace('version: "1"', 'version: "2"').replace(
        '    color: "#112233"\n',
        '    color: "#112233"\n  - key: TWO\n    name: Two\n    color: "#445566"\n',
    )
    store.add_labelset(parse_labelset(newer, "tiny-set.yaml"))
    assert store.labelset("tiny-set").version == "2"
    assert store.labelset("tiny-set").keys == ("ONE", "TWO")
