"""span text must stay document.text[start:end]: a trigger refuses an update that breaks it

Every exporter checks ``text[start:end] == span.text``; a span stored against the wrong
text (a refused import record's span, a hand-written row) made every later export of
the database fail. The store's one insert path checks every new span against the stored
text (in Python: a trigger on INSERT cost ten times the insert itself on 5 KB articles,
as SQLite counts characters from the start of the text for each span), and this trigger
makes the database refuse an UPDATE that moves a span or changes its text without the
other, whatever program runs it; ``annotator check`` finds rows written around both.
Offsets are code points: SQLite's and PostgreSQL's substr() and length() count
characters, as Python does.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MESSAGE = "span text is not text[start:end] of its document"

# (a missing document is left to the foreign key, which names the problem better)
_SQLITE_CONDITION = """
    EXISTS (SELECT 1 FROM document WHERE id = NEW.document_id) AND (NEW.start < 0 OR NEW."end" <= NEW.start
    OR NEW."end" > (SELECT length(text) FROM document WHERE id = NEW.document_id)
    OR NEW.text IS NOT (SELECT substr(text, NEW.start + 1, NEW."end" - NEW.start)
                        FROM document WHERE id = NEW.document_id))
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER span_text_matches_document_update BEFORE UPDATE OF "
            f'start, "end", text, document_id ON span WHEN {_SQLITE_CONDITION} '
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        return
    op.execute(
        f"""
        CREATE FUNCTION span_text_matches_document() RETURNS trigger AS $$
        DECLARE doc text;
        BEGIN
            SELECT d.text INTO doc FROM document d WHERE d.id = NEW.document_id;
            IF FOUND AND (NEW.start < 0 OR NEW."end" <= NEW.start OR NEW."end" > length(doc)
               OR NEW.text IS DISTINCT FROM substr(doc, NEW.start + 1, NEW."end" - NEW.start))
            THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        "CREATE TRIGGER span_text_matches_document BEFORE UPDATE OF "
        'start, "end", text, document_id ON span '
        "FOR EACH ROW EXECUTE FUNCTION span_text_matches_document()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS span_text_matches_document_insert")
        op.execute("DROP TRIGGER IF EXISTS span_text_matches_document_update")
        return
    op.execute("DROP TRIGGER IF EXISTS span_text_matches_document ON span")
    op.execute("DROP FUNCTION IF EXISTS span_text_matches_document()")
