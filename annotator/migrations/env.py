"""Alembic environment: run migrations on the connection handed over by annotator.db.migrate.

:func:`annotator.db.migrate.upgrade` opens the transaction (under the write lock), turns
foreign keys off on SQLite (batch table rebuilds would otherwise cascade-delete child
rows), and checks ``PRAGMA foreign_key_check`` afterwards. Here the migrations run, and
on a PostgreSQL team server the access rules are kept across them
(:func:`annotator.storage.team_server.access_rules_kept`): every path that migrates — the
app and CLI opening a database, or the alembic command line — comes through this file.
"""

from alembic import context

from annotator.models import metadata
from annotator.storage.team_server import access_rules_kept

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # pragma: no cover - only for the alembic command line
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as conn:
            context.configure(
                connection=conn,
                target_metadata=metadata,
                render_as_batch=conn.dialect.name == "sqlite",
            )
            with access_rules_kept(conn):
                context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction(), access_rules_kept(connection):  # the caller's transaction
        context.run_migrations()


run_migrations_online()
