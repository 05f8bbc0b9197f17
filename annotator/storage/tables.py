"""Short names for the tables, as every repository spells them."""

from annotator.models import (
    annotator_table,
    assignment_table,
    comment_table,
    curation_status_table,
    document_label_table,
    document_status_table,
    document_table,
    label_table,
    labelset_table,
    span_table,
    suggestion_rejection_table,
    suggestion_table,
)

DOC = document_table
SPAN = span_table
LABEL = label_table
LABELSET = labelset_table
ANNOTATOR = annotator_table
STATUS = document_status_table
DOCLABEL = document_label_table
SUGGESTION = suggestion_table
REJECTION = suggestion_rejection_table
ASSIGNMENT = assignment_table
CURATION = curation_status_table
COMMENT = comment_table
