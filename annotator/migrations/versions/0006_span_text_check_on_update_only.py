"""drop the INSERT trigger on span text that 0004 briefly created on SQLite

New spans are checked against the stored text by the store's one insert path; a trigger
doing the same on every INSERT made imports of 5 KB articles ten times slower (SQLite
counts characters from the start of the text for each span). 0004 as first merged
created it; this drops it where it exists. The UPDATE trigger stays.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS span_text_matches_document_insert")


def downgrade() -> None:
    pass  # nothing to restore: the check lives in the store
