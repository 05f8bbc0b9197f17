"""A fresh PostgreSQL database per test when ANNOTATOR_TEST_PG_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text


@pytest.fixture
def pg_url() -> Iterator[str]:
    admin_url = os.environ.get("ANNOTATOR_TEST_PG_URL")
    if not admin_url:
        pytest.skip("ANNOTATOR_TEST_PG_URL not set")
    name = f"annotator_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
