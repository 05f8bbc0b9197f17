"""Alembic environment: run migrations on the connection handed over by annotator.db.migrate.

:func:`annotator.db.migrate.upgrade` opens the transaction (under the write lock), turns
foreign keys off on SQLite (batch table rebuilds would otherwise cascade-delete child
rows), and checks ``PRAGMA foreign_key_check`` afterwards; here the migrations only run.
"""

from alembic import context

from annotator.models import metadata

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
            context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():  # joins the caller's transaction
        context.run_migrations()


run_migrations_online()
