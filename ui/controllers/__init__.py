"""Small controllers beside the thin main window, one job each.

The window builds docks and menus from the action table (:mod:`.actions`); each menu
entry's handler is a method of one controller here. Controllers turn intents into calls
of the core (:mod:`annotator.editing`) through :class:`ui.commands.UndoHistory` and never
touch SQL; the session then tells the widgets what to redraw.
"""
