"""The team's repositories (assignments, curation and roles, comments, the PostgreSQL
team server's logins and policies, offline merging) behind one handle.

:class:`~annotator.store.Store` exposes them as ``store.team``, so the modules of
:mod:`annotator.team` keep only their computation and never write SQL. Agreement reads a
whole corpus through the read seam (``store.database.reading()`` and
:class:`~annotator.storage.agreement.AgreementReader`).
"""

from __future__ import annotations

from sqlalchemy import Engine

from annotator.storage.assignments import AssignmentRepository
from annotator.storage.comments import CommentRepository
from annotator.storage.curation import CurationRepository
from annotator.storage.merging import MergeRepository
from annotator.storage.team_server import TeamServerRepository


class TeamRepositories:
    """What a team of annotators and curators stores beside the spans."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.assignments = AssignmentRepository(engine)
        self.curation = CurationRepository(engine)
        self.comments = CommentRepository(engine)
        self.server = TeamServerRepository(engine)  # PostgreSQL logins and policies
        self.merge = MergeRepository(engine)  # annotator merge: one input into this database
