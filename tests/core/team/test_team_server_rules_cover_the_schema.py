"""The team server's access rules name every table of the schema.

A table missing from the grants would be unreadable to every login once a migration
creates it (or, granted by hand, unguarded): the one list of grants is held to the
tables the models define, and every table a person writes is under row-level security.
"""

from __future__ import annotations

from annotator.models import metadata
from annotator.storage.team_server import GRANTS, policy_rules


def test_every_table_has_a_team_server_grant():
    assert set(metadata.tables) | {"alembic_version"} == set(GRANTS)


def test_every_table_a_login_writes_has_row_level_policies():
    written = {
        table
        for table, privileges in GRANTS.items()
        if {"INSERT", "UPDATE", "DELETE"} & {p.strip() for p in privileges.split(",")}
    }
    assert written <= set(policy_rules())
