"""The Statistics window: the insight views (by source, label, term, naming, concordance)
for the open database; the figures come from annotator.insight."""
