"""Modal dialogs of the desktop app. Each module has one dialog and a small entry point
(``run_import``, ``run_export``, ``ask_annotator_name``, ``show_label_help``), so the main
window only calls functions and never builds dialog internals itself."""
