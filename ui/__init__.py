"""ui — the Qt desktop application. It talks to the headless core (``annotator``) only."""
