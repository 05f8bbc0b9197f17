"""Team work: assignment, agreement, adjudication into a gold layer, offline merge and
the PostgreSQL team server. Headless: no Qt here; the app's team views call into this."""
