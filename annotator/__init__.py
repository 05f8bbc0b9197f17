"""annotator — the headless core of the Arabic media-bias annotation tool.

Everything here works without Qt: storage, label sets, import/export, Arabic text
handling and the CLI. The Qt application lives in the top-level ``ui`` package.
"""

__version__ = "0.1.0"
