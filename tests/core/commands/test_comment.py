"""``annotator comment`` / ``annotator comments``: write, reply, resolve and read threads
from the command line, with the core's visibility rule."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.store import Store
from annotator.team.adjudication import adjudicate
from tests.core.team.conftest import add_doc

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"


@pytest.fixture
def db(db_path) -> str:
    store = Store.open(str(db_path))
    doc = add_doc(store, "d1", TEXT)
    for name in ("a", "b"):
        store.add_span(doc, name, store.labelset(), "LOADED_TERM", 5, 15)
        store.set_status(doc, name, "done")
    adjudicate(store, "chief")
    store.close()
    return str(db_path)


def cli(db: str, *args: str) -> int:
    return main([args[0], "--db", db, *args[1:]])


def test_comment_on_a_span_reply_and_resolve(db, capsys):
    assert (
        cli(
            db,
            "comment",
            "--annotator",
            "chief",
            "--document",
            "d1",
            "--span",
            "5:15",
            "--span-by",
            "a",
            "لماذا؟",
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == "comment 1 added"
    assert (
        cli(db, "comment", "--annotator", "a", "--document", "d1", "--reply", "1", "لأنه محمّل") == 0
    )
    assert cli(db, "comment", "--annotator", "chief", "--document", "d1", "--resolve", "2") == 0
    capsys.readouterr()
    assert cli(db, "comments", "--annotator", "a", "--document", "d1") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "[span 5:15 LOADED_TERM by a «الميليشيات»] — resolved by chief",
        "  #1 chief: لماذا؟",
        "    #2 a: لأنه محمّل",
    ]
    assert cli(db, "comments", "--annotator", "b", "--document", "d1") == 0
    assert capsys.readouterr().out == ""  # b never sees a thread on a's span


@pytest.mark.parametrize(
    "args, message",
    [
        (("--span", "5:16"), "a has no span at 5:16"),
        (("--span", "five"), "--span must be START:END"),
        (("--reply", "9"), "no comment 9 to reply to"),
    ],
)
def test_a_bad_target_is_a_clear_refusal(db, capsys, args, message):
    assert cli(db, "comment", "--annotator", "a", "--document", "d1", *args, "نص") != 0
    assert message in capsys.readouterr().err


def test_an_unknown_document_and_an_empty_comment_are_refused(db, capsys):
    assert cli(db, "comment", "--annotator", "a", "--document", "nope", "نص") != 0
    assert "no document 'nope'" in capsys.readouterr().err
    assert cli(db, "comment", "--annotator", "a", "--document", "d1") != 0
    assert "write the comment" in capsys.readouterr().err
