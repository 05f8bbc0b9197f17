"""comment threads can be resolved: who resolved the thread and when

A thread's first comment carries the resolution (``resolved_by_id``, ``resolved_at``);
both are NULL while the thread is open. Replies never carry one.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("comment") as batch_op:
        batch_op.add_column(sa.Column("resolved_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            "fk_comment_resolved_by_id_annotator", "annotator", ["resolved_by_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("comment") as batch_op:
        batch_op.drop_constraint("fk_comment_resolved_by_id_annotator", type_="foreignkey")
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("resolved_by_id")
