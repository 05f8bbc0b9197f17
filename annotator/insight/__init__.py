"""Insight: what the labels say about the coverage (statistics by outlet, naming
divergence, concordance, the shareable HTML report).

Headless and read-only: every function here reads the database through SQL and never
changes an annotation. Modules are imported directly (``annotator.insight.counts``…);
this package imports nothing on purpose, so ``annotator.models`` can use
:mod:`annotator.insight.words` without pulling the rest in.
"""
