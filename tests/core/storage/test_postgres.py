"""The same models, migrations and store on PostgreSQL (a team that outgrew one file).

Runs when ANNOTATOR_TEST_PG_URL points at a server's admin database (.ci/run starts
one); skipped otherwise.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from annotator.store import DuplicateSpanError, Store

ADMIN_URL = os.environ.get("ANNOTATOR_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="ANNOTATOR_TEST_PG_URL not set")


@pytest.fixture
def pg_store():
    name = f"annotator_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    store = Store.open(url)
    yield store
    store.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_and_spans_on_postgres(pg_store: Store, tmp_path):
    from annotator.seed import seed

    assert seed(pg_store) == 1
    doc_id = pg_store.first_document_id()
    doc = pg_store.document(doc_id)
    ls = pg_store.labelset()
    start = doc.text.index("الميليشيات الطائفية")
    span = pg_store.add_span(
        doc_id,
        "amal",
        ls,
        "LOADED_TERM",
        start,
        start + len("الميليشيات الطائفية"),
        attributes={"k": "v"},
    )
    assert pg_store.spans(doc_id) == [span]
    with pytest.raises(DuplicateSpanError):
        pg_store.add_span(doc_id, "amal", ls, "LOADED_TERM", span.start, span.end)
    pg_store.set_status(doc_id, "amal", "done")
    assert pg_store.stats()["spans"] == 1


def test_import_export_round_trip_on_postgres(pg_store: Store, tmp_path):
    from annotator.exporting import ExportOptions, export_to
    from annotator.importing import ImportOptions, import_path

    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "text": "قصفت الميليشيات الطائفية 😀 المدينة", "label": [[5, 24, "LOADED_TERM"]]}\n',
        encoding="utf-8",
    )
    report = import_path(pg_store, src, ImportOptions(annotator="amal"))
    assert report.spans_added == 1
    out = tmp_path / "out.jsonl"
    export_to(pg_store, out, ExportOptions(format="jsonl"))
    assert '"text": "الميليشيات الطائفية"' in out.read_text(
        encoding="utf-8"
    ) or '"text":"الميليشيات الطائفية"' in out.read_text(encoding="utf-8")
