"""Annotator roles: "annotator" labels, "curator" reconciles into the gold layer."""

from __future__ import annotations

from sqlalchemy import Connection, func, select, update

from annotator.store import ANNOTATOR, SPAN, Store
from annotator.team.errors import TeamError

ROLES = ("annotator", "curator")


def role(store: Store, name: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(select(ANNOTATOR.c.role).where(ANNOTATOR.c.name == name)).scalar()


def curators(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(
            conn.execute(
                select(ANNOTATOR.c.name)
                .where(ANNOTATOR.c.role == "curator")
                .order_by(ANNOTATOR.c.name)
            ).scalars()
        )


def ensure_curator(store: Store, name: str, conn: Connection) -> int:
    """The curator's id, creating the person or giving an existing one the curator role.

    Refused for someone who already labelled as an annotator: the gold layer must not be
    mixed with one annotator's own spans, or agreement against gold would be inflated.
    """
    aid = store.annotator_id(name, conn=conn)
    assert aid is not None
    current = conn.execute(select(ANNOTATOR.c.role).where(ANNOTATOR.c.id == aid)).scalar()
    if current == "curator":
        return aid
    spans = conn.execute(
        select(func.count()).select_from(SPAN).where(SPAN.c.annotator_id == aid)
    ).scalar()
    if spans:
        raise TeamError(
            f"{name} has {spans} spans of their own as an annotator; choose another "
            "name for the curator (the gold layer is kept apart from every annotator's)"
        )
    conn.execute(update(ANNOTATOR).where(ANNOTATOR.c.id == aid).values(role="curator"))
    return aid
