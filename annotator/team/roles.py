"""Annotator roles: "annotator" labels, "curator" reconciles into the gold layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.store import Store
from annotator.team.errors import TeamError

if TYPE_CHECKING:
    from sqlalchemy import Connection

ROLES = ("annotator", "curator")


def role(store: Store, name: str) -> str | None:
    return store.team.curation.role(name)


def curators(store: Store) -> list[str]:
    return store.team.curation.names_with_role("curator")


def ensure_curator(store: Store, name: str, conn: Connection) -> int:
    """The curator's id, creating the person or giving an existing one the curator role.

    Refused for someone who already labelled as an annotator: the gold layer must not be
    mixed with one annotator's own spans, or agreement against gold would be inflated.
    ``conn`` is the caller's write transaction (from ``store.team.curation.transaction``).
    """
    aid = store.annotator_id(name, conn=conn)
    assert aid is not None
    current, spans = store.team.curation.role_and_span_count(aid, conn)
    if current == "curator":
        return aid
    if spans:
        raise TeamError(
            f"{name} has {spans} spans of their own as an annotator; choose another "
            "name for the curator (the gold layer is kept apart from every annotator's)"
        )
    store.team.curation.set_role(aid, "curator", conn)
    return aid
