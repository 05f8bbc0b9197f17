"""Team views: the agreement panel and the curation view (rendering only; the figures
and every decision come from :mod:`annotator.team`)."""
