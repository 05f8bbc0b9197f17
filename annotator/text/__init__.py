"""The text layer: every rule about characters, words and offsets, in one place.

Nothing here knows about the database, label sets or Qt; everything takes a string and
code-point offsets (0-based, end-exclusive) and returns offsets into the same string.

* :mod:`~annotator.text.chars` – the one table of Arabic character classes.
* :mod:`~annotator.text.normalise` – matching normalisation with the exact raw-offset map.
* :mod:`~annotator.text.clitics` – the proclitic / tanween rule (one rule, two settings).
* :mod:`~annotator.text.graphemes` – user-perceived characters (extended grapheme clusters).
* :mod:`~annotator.text.units` – code point ↔ UTF-16 ↔ grapheme offset conversion.
* :mod:`~annotator.text.snapping` – what a double-click, drag or keyboard selection means.
* :mod:`~annotator.text.matching` – lexicon, label-all and find-box matching.

Submodules are imported on use (nothing is re-exported here) so a command that needs
only offsets does not pay for the matcher's tables.
"""
