"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 22:50:09.498866
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "annotator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotator")),
        sa.UniqueConstraint("name", name=op.f("uq_annotator_name")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("corpus", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=1000), nullable=False),
        sa.Column("title", sa.String(length=2000), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=2000), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("corpus", "external_id", name=op.f("uq_document_corpus_external_id")),
    )
    op.create_table(
        "labelset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.String(length=50), nullable=False),
        sa.Column("yaml_source", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labelset")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_labelset_name_version")),
    )
    op.create_table(
        "document_label",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("labelset_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=2000), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotator.id"],
            name=op.f("fk_document_label_annotator_id_annotator"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_label_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["labelset_id"], ["labelset.id"], name=op.f("fk_document_label_labelset_id_labelset")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_label")),
        sa.UniqueConstraint(
            "document_id",
            "annotator_id",
            "labelset_id",
            "key",
            name=op.f("uq_document_label_document_id_annotator_id_labelset_id_key"),
        ),
    )
    op.create_table(
        "document_status",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotator.id"],
            name=op.f("fk_document_status_annotator_id_annotator"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_status_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "annotator_id", name=op.f("pk_document_status")),
    )
    op.create_table(
        "label",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("labelset_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.ForeignKeyConstraint(
            ["labelset_id"],
            ["labelset.id"],
            name=op.f("fk_label_labelset_id_labelset"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label")),
        sa.UniqueConstraint("labelset_id", "key", name=op.f("uq_label_labelset_id_key")),
    )
    op.create_table(
        "span",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotator.id"], name=op.f("fk_span_annotator_id_annotator")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_span_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["label_id"], ["label.id"], name=op.f("fk_span_label_id_label")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_span")),
        sa.UniqueConstraint(
            "document_id",
            "annotator_id",
            "label_id",
            "start",
            "end",
            name=op.f("uq_span_document_id_annotator_id_label_id_start_end"),
        ),
    )
    with op.batch_alter_table("span", schema=None) as batch_op:
        batch_op.create_index(
            "ix_span_document_annotator", ["document_id", "annotator_id"], unique=False
        )

    op.create_table(
        "suggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("term", sa.String(length=1000), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_suggestion_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["label_id"], ["label.id"], name=op.f("fk_suggestion_label_id_label")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion")),
        sa.UniqueConstraint(
            "document_id",
            "label_id",
            "start",
            "end",
            name=op.f("uq_suggestion_document_id_label_id_start_end"),
        ),
    )
    with op.batch_alter_table("suggestion", schema=None) as batch_op:
        batch_op.create_index("ix_suggestion_document", ["document_id"], unique=False)

    op.create_table(
        "suggestion_rejection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotator.id"],
            name=op.f("fk_suggestion_rejection_annotator_id_annotator"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_suggestion_rejection_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["label_id"], ["label.id"], name=op.f("fk_suggestion_rejection_label_id_label")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_rejection")),
        sa.UniqueConstraint(
            "annotator_id",
            "document_id",
            "label_id",
            "start",
            "end",
            name=op.f("uq_suggestion_rejection_annotator_id_document_id_label_id_start_end"),
        ),
    )


def downgrade() -> None:
    op.drop_table("suggestion_rejection")
    with op.batch_alter_table("suggestion", schema=None) as batch_op:
        batch_op.drop_index("ix_suggestion_document")

    op.drop_table("suggestion")
    with op.batch_alter_table("span", schema=None) as batch_op:
        batch_op.drop_index("ix_span_document_annotator")

    op.drop_table("span")
    op.drop_table("label")
    op.drop_table("document_status")
    op.drop_table("document_label")
    op.drop_table("labelset")
    op.drop_table("document")
    op.drop_table("annotator")
