"""Alembic environment: run migrations on the engine handed over by annotator.db.

SQLite migrations run in batch mode with foreign keys off (table rebuilds would
otherwise cascade-delete child rows), then ``PRAGMA foreign_key_check`` confirms
nothing dangles.
"""

from alembic import context
from sqlalchemy import text

from annotator.models import metadata

config = context.config


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # pragma: no cover - only for the alembic command line
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    is_sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if is_sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=is_sqlite,
        )
        with context.begin_transaction():
            context.run_migrations()
        if is_sqlite:
            bad = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if bad:
                raise RuntimeError(f"foreign key check failed after migration: {bad[:5]}")
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


run_migrations_online()
