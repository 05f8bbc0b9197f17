"""The insight views on PostgreSQL: the same figures as on SQLite (JSON target, dates,
the streamed passes compiled for psycopg).

Runs when ANNOTATOR_TEST_PG_URL points at a server's admin database (.ci/run starts one).
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from annotator.insight.counts import by_source, by_term
from annotator.insight.naming import naming_divergence
from annotator.insight.report import gather
from annotator.store import Store
from tests.core.insight.corpus import SOURCE_A, build

ADMIN_URL = os.environ.get("ANNOTATOR_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="ANNOTATOR_TEST_PG_URL not set")


@pytest.fixture
def pg_store():
    assert ADMIN_URL is not None
    name = f"annotator_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    store = Store.open(ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    yield store
    store.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_insight_figures_on_postgres(pg_store: Store):
    build(pg_store)
    a = next(r for r in by_source(pg_store) if r["source"] == SOURCE_A)
    assert (a["documents"], a["words"], a["spans"]) == (2, 15, 5)
    terms = {(r["label"], r["term"]): r["spans"] for r in by_term(pg_store)}
    assert terms[("LOADED_TERM", "الثوار")] == 4
    naming = naming_divergence(pg_store, "LOADED_TERM", target="fighters")
    assert sum(sum(c.values()) for c in naming.counts.values()) == 7
    data = gather(pg_store)
    assert data.overview["spans"] == 9 and sum(n for _d, n in data.progress["amal"]) == 3
