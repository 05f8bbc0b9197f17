"""The ``--report FILE`` JSONL sink, written safely (never over an input or database)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from annotator.outputs import OutputError, SafeOutput


def write_report(
    path: str | Path, protected: Iterable[str | Path] = ()
) -> tuple[Callable[[dict[str, Any]], None], Callable[[], None]]:
    """A JSONL sink for ``--report FILE``: returns (sink, close).

    ``protected`` lists what the import reads (database files, the input): the report
    may be none of them (:class:`annotator.outputs.OutputError`). The report is written
    under a temporary name and appears at ``path`` when ``close()`` is called.
    """
    output = SafeOutput(path, protected).open()
    try:
        # backslashreplace: a message quoting a name that is not UTF-8 still gets written
        handle = open(output.temp, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
    except OSError:
        output.discard()
        raise

    failures: list[OSError] = []

    def sink(entry: dict[str, Any]) -> None:
        # a full disk stops the report, never the import: close() says what happened
        if failures:
            return
        try:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:
            failures.append(exc)

    def close() -> None:
        try:
            handle.close()
        except OSError as exc:
            failures.append(exc)
        if failures:
            output.discard()
            reason = failures[0].strerror or failures[0]
            raise OutputError(f"{path}: cannot write the report: {reason}")
        output.commit()

    return sink, close
