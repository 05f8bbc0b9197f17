"""document.word_count (cached whitespace-token count) and an index on document.source

Statistics per outlet divide span counts by words; counting the words of 100,000 texts
on every ``annotator stats`` takes seconds, so the count is stored with the document
(filled on insert by the column default in annotator.models) and counted here once for
the rows that already exist.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from annotator.insight.words import count_words

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table("document") as batch_op:
        batch_op.add_column(sa.Column("word_count", sa.Integer(), nullable=True))
        batch_op.create_index("ix_document_source", ["source"])
    conn = op.get_bind()
    doc = sa.table(
        "document",
        sa.column("id", sa.Integer),
        sa.column("text", sa.Text),
        sa.column("word_count", sa.Integer),
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(doc.c.id, doc.c.text).where(doc.c.id > last).order_by(doc.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        conn.execute(
            sa.update(doc)
            .where(doc.c.id == sa.bindparam("doc_id"))
            .values(word_count=sa.bindparam("words")),
            [{"doc_id": i, "words": count_words(t)} for i, t in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("document") as batch_op:
        batch_op.drop_index("ix_document_source")
        batch_op.drop_column("word_count")
