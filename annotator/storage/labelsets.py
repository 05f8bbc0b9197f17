"""Label sets registered in the database, and the ids of their labels.

A label set is stored as its YAML verbatim. Parsing YAML is slow, so each stored source
is parsed once per Store and kept (keyed by row id and source, so an edit made by
another process is noticed); :meth:`add` drops the cache. Callers never keep their own.

Reads are SQL text on the read seam (``labelset list`` and every export read label sets
without loading SQLAlchemy); registering a set writes through the engine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.errors import StoreError
from annotator.storage.base import Repository, insert_ignoring
from annotator.storage.connection import Database, reader_of
from annotator.storage.limits import LABEL_KEY, LABELSET_NAME, LABELSET_VERSION, checked

if TYPE_CHECKING:
    from types import ModuleType

    from sqlalchemy import Connection, Engine

    from annotator.labelsets import LabelSet

LISTING_SECONDS = 2.0


def _sets() -> ModuleType:
    """:mod:`annotator.labelsets`, imported when a label set is first read: its YAML
    loader costs start-up that ``stats`` and most exports never need."""
    import annotator.labelsets

    return annotator.labelsets


def parse_labelset(source: str, where: str) -> LabelSet:
    """A stored label set's YAML, parsed (the loader imported on first use)."""
    return _sets().parse_labelset(source, where)


REGISTERED = "SELECT id, name, version, yaml_source FROM labelset ORDER BY id"
STORED = "SELECT id, yaml_source FROM labelset WHERE name = :name AND version = :version"
KEYS_OF_SET = 'SELECT id, "key" FROM label WHERE labelset_id = :labelset_id'


def version_key(version: str) -> tuple[int, ...] | tuple[float]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (float("-inf"),)


@dataclass(frozen=True, slots=True)
class LabelSetInfo:
    name: str
    version: str
    origin: str  # "shipped", "database" or "shipped+database"
    label_count: int


class LabelSetRepository(Repository):
    def __init__(self, database: Database | Engine):
        super().__init__(database)
        self._parsed: dict[tuple[int, str], LabelSet] = {}
        self._listing: tuple[float, list[tuple[int, str, str, LabelSet]]] | None = None
        self._ids: dict[tuple[str, str], int] = {}
        self._label_ids: dict[tuple[str, str, str], int] = {}
        self._label_by_id: dict[int, tuple[str, str]] = {}

    def forget(self) -> None:
        """Drop cached ids and parses (after a rollback, or a label set added)."""
        self._parsed.clear()
        self._listing = None
        self._ids.clear()
        self._label_ids.clear()
        self._label_by_id.clear()

    # ------------------------------------------------------------------ reading
    def _registered(self, name: str | None = None) -> list[tuple[int, str, str, LabelSet]]:
        """(id, name, version, parsed set) of the registered sets, oldest first.

        Read at most every LISTING_SECONDS (and at once after this Store adds one), so a
        caller may ask for a label set per record of an import without a query each
        time, while a set added by another process shows up within seconds.
        """
        now = time.monotonic()
        if self._listing is None or now - self._listing[0] > LISTING_SECONDS:
            self._listing = (now, self._read_registered())
        rows = self._listing[1]
        return rows if name is None else [row for row in rows if row[1] == name]

    def _read_registered(self) -> list[tuple[int, str, str, LabelSet]]:
        with self.database.reading() as read:
            rows = read.rows(REGISTERED)
        result = []
        for row_id, rname, rversion, source in rows:
            parsed = self._parsed.get((row_id, source))
            if parsed is None:
                parsed = parse_labelset(source, f"<database:{rname}@{rversion}>")
                self._parsed[(row_id, source)] = parsed
            result.append((row_id, rname, rversion, parsed))
        return result

    def get(self, name: str | None = None, version: str | None = None) -> LabelSet:
        """The label set called ``name`` (default set if None): the newest version among
        the shipped file and the sets registered in this database."""
        name = name or _sets().DEFAULT_LABELSET
        candidates = [
            ls
            for _id, _n, rversion, ls in self._registered(name)
            if version is None or rversion == version
        ]
        shipped = _sets().shipped_labelsets().get(name)
        if shipped is not None and (version is None or shipped.version == version):
            candidates.append(shipped)
        if not candidates:
            known = ", ".join(info.name for info in self.infos())
            wanted = f"{name}@{version}" if version else name
            raise StoreError(f"unknown label set {wanted!r} (known: {known})")
        # max() keeps the first of equals: a database copy wins a tie with the shipped file.
        return max(candidates, key=lambda ls: version_key(ls.version))

    def infos(self) -> list[LabelSetInfo]:
        infos: dict[str, LabelSetInfo] = {}
        for ls in _sets().shipped_labelsets().values():
            infos[ls.name] = LabelSetInfo(ls.name, ls.version, "shipped", len(ls.labels))
        for _id, name, version, ls in self._registered():
            prev = infos.get(name)
            if prev is None:
                infos[name] = LabelSetInfo(name, version, "database", len(ls.labels))
            elif version_key(version) >= version_key(prev.version):
                origin = "database" if prev.origin == "database" else "shipped+database"
                if prev.version != version:
                    origin = "database"
                infos[name] = LabelSetInfo(name, version, origin, len(ls.labels))
        return sorted(infos.values(), key=lambda i: i.name)

    # ------------------------------------------------------------------ writing
    @staticmethod
    def _stored_row(conn: Connection, labelset: LabelSet) -> Any:
        """(id, YAML) of the stored name+version, None if not stored."""
        return reader_of(conn).first(STORED, {"name": labelset.name, "version": labelset.version})

    def register(self, labelset: LabelSet, *, conn: Connection | None = None) -> int:
        """Store ``labelset`` (YAML verbatim) in this database; idempotent per name+version."""
        key = (labelset.name, labelset.version)
        if key in self._ids:
            return self._ids[key]
        checked("label set name", labelset.name, LABELSET_NAME)
        checked("label set version", labelset.version, LABELSET_VERSION)
        for lb in labelset.labels:
            checked("label key", lb.key, LABEL_KEY)
        from annotator.models import utcnow
        from annotator.storage.tables import LABEL, LABELSET

        with self.writing(conn) as conn:
            row = self._stored_row(conn, labelset)
            if row is None:
                conn.execute(
                    insert_ignoring(conn, LABELSET).values(
                        name=labelset.name,
                        version=labelset.version,
                        yaml_source=checked("label set file", labelset.source),
                        added_at=utcnow(),
                    )
                )
                row = self._stored_row(conn, labelset)
                self._listing = None
            row_id, yaml_source = row
            stored = parse_labelset(yaml_source, "<database>")
            if stored.keys != labelset.keys and not set(stored.keys) <= set(labelset.keys):
                raise StoreError(
                    f"label set {labelset.name!r} version {labelset.version} is already "
                    "registered with other labels; raise its version to change labels"
                )
            present = {k for _id, k in reader_of(conn).rows(KEYS_OF_SET, {"labelset_id": row_id})}
            missing = [lb for lb in labelset.labels if lb.key not in present]
            if missing:
                conn.execute(
                    insert_ignoring(conn, LABEL),
                    [{"labelset_id": row_id, "key": lb.key, "color": lb.color} for lb in missing],
                )
        self._ids[key] = row_id
        return row_id

    def add(self, labelset: LabelSet) -> str:
        """Register on the user's explicit request: ``"added"``, ``"updated"`` or
        ``"unchanged"`` (see :meth:`annotator.store.Store.add_labelset`)."""
        from sqlalchemy import insert, update

        from annotator.storage.tables import LABEL, LABELSET

        with self.writing() as conn:
            row = self._stored_row(conn, labelset)
            if row is None:
                self._ids.pop((labelset.name, labelset.version), None)
                self.register(labelset, conn=conn)
                outcome = "added"
            elif row[1] == labelset.source:
                outcome = "unchanged"
            else:
                row_id = row[0]
                stored = parse_labelset(row[1], "<database>")
                dropped = [k for k in stored.keys if k not in labelset.keys]
                if dropped:
                    raise StoreError(
                        f"label set {labelset.name!r} version {labelset.version} is already "
                        f"registered with label(s) {', '.join(dropped)} that this file drops; "
                        "raise its version to change the label keys"
                    )
                conn.execute(
                    update(LABELSET)
                    .where(LABELSET.c.id == row_id)
                    .values(yaml_source=checked("label set file", labelset.source))
                )
                for lb in labelset.labels:
                    if lb.key in stored.keys:
                        conn.execute(
                            update(LABEL)
                            .where(LABEL.c.labelset_id == row_id, LABEL.c.key == lb.key)
                            .values(color=lb.color)
                        )
                new = [lb for lb in labelset.labels if lb.key not in stored.keys]
                if new:
                    conn.execute(
                        insert(LABEL),
                        [
                            {
                                "labelset_id": row_id,
                                "key": checked("label key", lb.key, LABEL_KEY),
                                "color": lb.color,
                            }
                            for lb in new
                        ],
                    )
                outcome = "updated"
        self.forget()
        return outcome

    # ------------------------------------------------------------------ label ids
    def label_id(self, labelset: LabelSet, key: str, *, conn: Connection | None = None) -> int:
        """Database id of ``key`` (or its alias) in ``labelset``, registering the set if needed."""
        canonical = labelset.resolve(key)
        if canonical is None:
            raise StoreError(f"label {key!r} is not in label set {labelset.name!r}")
        cache_key = (labelset.name, labelset.version, canonical)
        cached = self._label_ids.get(cache_key)
        if cached is not None:
            return cached
        labelset_id = self.register(labelset, conn=conn)
        params = {"labelset_id": labelset_id}
        if conn is not None:
            rows = reader_of(conn).rows(KEYS_OF_SET, params)
        else:
            with self.database.reading() as read:
                rows = read.rows(KEYS_OF_SET, params)
        for label_id, label_key in rows:
            self._label_ids[(labelset.name, labelset.version, label_key)] = label_id
            self._label_by_id[label_id] = (labelset.name, label_key)
        return self._label_ids[cache_key]
