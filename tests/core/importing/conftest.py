"""The PostgreSQL fixture of the storage tests, for the import tests that run on both."""

from tests.core.storage.conftest import pg_url

__all__ = ["pg_url"]
