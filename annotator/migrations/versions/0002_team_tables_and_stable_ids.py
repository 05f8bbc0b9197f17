"""team tables (assignment, curation status, comments), annotator roles, ids never reused

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Rows an undo addresses by id: on SQLite they get AUTOINCREMENT so a deleted id is never
# handed to another writer's new row (PostgreSQL sequences never reuse ids anyway).
UNDOABLE_TABLES = ("span", "suggestion", "suggestion_rejection", "document_label")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in UNDOABLE_TABLES:
            with op.batch_alter_table(
                table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
            ):
                pass
    with op.batch_alter_table("annotator") as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=20), nullable=False, server_default="annotator")
        )
    op.create_table(
        "assignment",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotator.id"], name=op.f("fk_assignment_annotator_id_annotator")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_assignment_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "annotator_id", name=op.f("pk_assignment")),
    )
    op.create_table(
        "curation_status",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("curator_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["curator_id"], ["annotator.id"], name=op.f("fk_curation_status_curator_id_annotator")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_curation_status_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "curator_id", name=op.f("pk_curation_status")),
    )
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("span_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["annotator.id"], name=op.f("fk_comment_author_id_annotator")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_comment_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["comment.id"],
            name=op.f("fk_comment_parent_id_comment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["span_id"], ["span.id"], name=op.f("fk_comment_span_id_span"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_comment_document", "comment", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_comment_document", table_name="comment")
    op.drop_table("comment")
    op.drop_table("curation_status")
    op.drop_table("assignment")
    with op.batch_alter_table("annotator") as batch_op:
        batch_op.drop_column("role")
