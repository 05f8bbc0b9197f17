"""``annotator check`` and ``annotator backup``: inspect and copy a database as it is.

Neither migrates: a check reports an old or newer schema instead of changing it, and a
backup copies the file byte-consistent through SQLite's online backup API, which reads
one snapshot while the app goes on writing (WAL).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, text

from annotator.db.engine import create_db_engine
from annotator.db.schema import has_tables, head_revision, known_revisions, read_stamps
from annotator.db.target import database_url
from annotator.errors import AnnotatorError

# (what, SQL selecting the offending ids) — plain SQL both engines run alike.
_ORPHANS = [
    (
        "span without its document",
        "SELECT s.id FROM span s LEFT JOIN document d ON d.id = s.document_id WHERE d.id IS NULL",
    ),
    (
        "span without its annotator",
        "SELECT s.id FROM span s LEFT JOIN annotator a ON a.id = s.annotator_id WHERE a.id IS NULL",
    ),
    (
        "span without its label",
        "SELECT s.id FROM span s LEFT JOIN label l ON l.id = s.label_id WHERE l.id IS NULL",
    ),
    (
        "label without its label set",
        "SELECT l.id FROM label l LEFT JOIN labelset ls ON ls.id = l.labelset_id WHERE ls.id IS NULL",
    ),
    (
        "suggestion without its document",
        "SELECT g.id FROM suggestion g LEFT JOIN document d ON d.id = g.document_id "
        "WHERE d.id IS NULL",
    ),
    (
        "suggestion without its label",
        "SELECT g.id FROM suggestion g LEFT JOIN label l ON l.id = g.label_id WHERE l.id IS NULL",
    ),
    (
        "document status without its document",
        "SELECT t.document_id FROM document_status t LEFT JOIN document d ON d.id = t.document_id "
        "WHERE d.id IS NULL",
    ),
    (
        "document label without its document",
        "SELECT t.id FROM document_label t LEFT JOIN document d ON d.id = t.document_id "
        "WHERE d.id IS NULL",
    ),
]

# substr()/length() count characters (code points) on SQLite and PostgreSQL alike.
_BAD_SPAN_TEXT = (
    'SELECT s.id, s.document_id, s.start, s."end" FROM span s '
    "JOIN document d ON d.id = s.document_id "
    'WHERE s.start < 0 OR s."end" <= s.start OR s."end" > length(d.text) '
    'OR substr(d.text, s.start + 1, s."end" - s.start) <> s.text ORDER BY s.id'
)
MAX_LISTED = 20


@dataclass
class CheckReport:
    target: str
    problems: list[str] = field(default_factory=list)
    schema: str | None = None

    def add(self, problem: str) -> None:
        self.problems.append(problem)


def _ids(conn: Connection, sql: str) -> list[int]:
    return [row[0] for row in conn.exec_driver_sql(sql)]


def _listed(ids: list[int]) -> str:
    shown = ", ".join(map(str, ids[:MAX_LISTED]))
    return shown + (f" … ({len(ids)} in all)" if len(ids) > MAX_LISTED else "")


def check_database(target: str) -> CheckReport:
    """Every problem found in ``target`` (empty ``problems``: the database is sound)."""
    report = CheckReport(target)
    url = database_url(target)
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[-1])
        if not path.is_file():
            raise AnnotatorError(f"{target}: no such database file")
        _sqlite_file_checks(path, report)
        if report.problems and report.problems[0].startswith("integrity"):
            return report  # a damaged file: the queries below would only add noise
    engine = create_db_engine(target)
    try:
        with engine.connect() as conn:
            _schema_check(conn, report)
            if report.schema is None:
                return report
            for what, sql in _ORPHANS:
                ids = _ids(conn, sql)
                if ids:
                    report.add(f"{len(ids)} {what}: id {_listed(ids)}")
            bad = conn.exec_driver_sql(_BAD_SPAN_TEXT).all()
            for span_id, doc_id, start, end in bad[:MAX_LISTED]:
                report.add(
                    f"span {span_id} ({start}–{end} in document {doc_id}): its text is "
                    "not the document's text[start:end]"
                )
            if len(bad) > MAX_LISTED:
                report.add(f"… {len(bad) - MAX_LISTED} more spans whose text does not match")
    finally:
        engine.dispose()
    return report


def _sqlite_file_checks(path: Path, report: CheckReport) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            report.add("integrity check failed: " + "; ".join(rows[:MAX_LISTED]))
            return
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
            report.add(f"foreign key: {table} row {rowid} refers to a missing {parent} row")
    except sqlite3.DatabaseError as exc:
        report.add(f"integrity check failed: {exc} (not an SQLite database, or damaged)")
    finally:
        conn.close()


def _schema_check(conn: Connection, report: CheckReport) -> None:
    def query(sql: str):
        return conn.exec_driver_sql(sql).all()

    stamps = read_stamps(query, conn.dialect.name)
    if stamps is None:
        report.add(
            "no schema version (not an annotator database)"
            if has_tables(query, conn.dialect.name)
            else "empty database: no tables"
        )
        return
    if len(stamps) != 1:
        report.add(f"{len(stamps)} schema version stamps ({', '.join(stamps)}); expected one")
        return
    current = stamps[0]
    if current not in known_revisions():
        report.add(f"schema {current} was written by a newer annotator; upgrade annotator")
        return
    report.schema = current
    if current != head_revision():
        report.add(
            f"schema {current} is older than {head_revision()}: opening the database "
            "with annotator upgrades it (after a backup)"
        )
    if conn.dialect.name == "sqlite":
        # triggers of schema 0004 and later: a copy edited by another tool may have lost them
        names = {
            r[0]
            for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        }
        if current == head_revision() and not any(n.startswith("span_text") for n in names):
            report.add("the span text trigger is missing (schema altered by another program)")


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


def backup_sqlite(source: Path, output: Path, *, force: bool = False) -> int:
    """Copy the database ``source`` to ``output`` (one consistent snapshot, safe while the
    app writes); returns the size in bytes. Never writes over the database or its WAL
    files; over an existing ``output`` only with ``force``."""
    if not source.is_file():
        raise AnnotatorError(f"{source}: no such database file")
    for own in (
        source,
        source.with_name(source.name + "-wal"),
        source.with_name(source.name + "-shm"),
    ):
        if same_file(output, own) or output.resolve() == own.resolve():
            raise AnnotatorError(f"{output}: that is the database itself; choose another file")
    if output.exists() and not force:
        raise AnnotatorError(f"{output} exists; give --force to replace it")
    if not output.parent.is_dir():
        raise AnnotatorError(f"{output.parent}: no such folder")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(tmp)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            finally:
                dest.close()
        finally:
            src.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return output.stat().st_size
