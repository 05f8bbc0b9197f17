"""Opening a database, one module per job.

- :mod:`~annotator.db.target`: what the user named (path or URL), the checks on an SQLite
  file before anything opens it (folder exists, not an empty file), creating a new one.
- :mod:`~annotator.db.sqlite`: the settings of every SQLite connection (WAL,
  ``synchronous=FULL``, foreign keys, busy timeout), the same for SQLAlchemy's
  connections and for the stdlib ones of the read seam (:mod:`annotator.storage.connection`).
- :mod:`~annotator.db.schema`: the schema version, read with one query and compared with
  the newest migration file's name; no alembic, no SQLAlchemy.
- :mod:`~annotator.db.engine`: the SQLAlchemy engine (``BEGIN IMMEDIATE`` for writers,
  driver errors translated).
- :mod:`~annotator.db.writers`: write transactions, queued on an OS lock on SQLite.
- :mod:`~annotator.db.migrate`: migrations under the write lock, with a backup first;
  alembic is imported only here, and only when a migration has to run.

Start-up cost matters (every CLI command opens a database), so ``target``, ``sqlite`` and
``schema`` import neither SQLAlchemy nor alembic: a command that only reads a current
SQLite file never loads them.
"""
