"""``annotator comment`` and ``annotator comments`` — write in and read comment threads
from the command line, under the same visibility rule as the app."""

from __future__ import annotations

import argparse

from annotator.commands._common import CommandError, add_db_option, open_store


def _common(p: argparse.ArgumentParser) -> None:
    add_db_option(p)
    p.add_argument(
        "--annotator", required=True, help="who writes or reads (an annotator or a curator)"
    )
    p.add_argument("--document", required=True, metavar="ID", help="the document's external id")
    p.add_argument("--corpus", default="default", help="the document's corpus (default: default)")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "comment",
        help="comment on a document or a span, reply, resolve a thread",
        description=(
            "Adds a comment to a document (or, with --span, to one span; with --reply, to a "
            "thread), or resolves/reopens a thread. Threads are seen by curators, by whoever "
            "wrote in them and by the author of the span they are about."
        ),
    )
    _common(p)
    p.add_argument("text", nargs="?", help="the comment (not needed with --resolve/--reopen)")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--span", metavar="START:END", help="the span commented on (code points)")
    target.add_argument("--reply", type=int, metavar="COMMENT", help="reply to this comment id")
    target.add_argument("--resolve", type=int, metavar="COMMENT", help="resolve its thread")
    target.add_argument("--reopen", type=int, metavar="COMMENT", help="open its thread again")
    p.add_argument("--span-by", metavar="NAME", help="whose span (default: --annotator)")
    p.add_argument("--label", help="the span's label, when several spans share the range")
    p.set_defaults(func=run_comment)

    p = subparsers.add_parser(
        "comments",
        help="list the comment threads of a document someone may see",
        description="Prints the threads of a document that --annotator may see, replies indented.",
    )
    _common(p)
    p.set_defaults(func=run_comments)


def _document(store, args: argparse.Namespace) -> int:
    doc = store.document_by_external_id(args.document, args.corpus)
    if doc is None:
        raise CommandError(f"no document {args.document!r} in corpus {args.corpus!r}")
    return doc.id


def _range(value: str) -> tuple[int, int]:
    try:
        start, end = (int(part) for part in value.split(":"))
    except ValueError:
        raise CommandError(f"--span must be START:END (code points), not {value!r}") from None
    return start, end


def run_comment(args: argparse.Namespace) -> int:
    from annotator.errors import AnnotatorError
    from annotator.team.comments import add_comment, resolve_thread, span_at

    resolving = args.resolve if args.resolve is not None else args.reopen
    if resolving is None and not (args.text or "").strip():
        raise CommandError("write the comment's text (or use --resolve/--reopen)")
    store = open_store(args)
    try:
        doc = _document(store, args)
        if resolving is not None:
            resolve_thread(store, resolving, args.annotator, resolved=args.resolve is not None)
            print(f"thread of comment {resolving} {'resolved' if args.resolve else 'reopened'}")
            return 0
        span_id = None
        if args.span:
            start, end = _range(args.span)
            owner = args.span_by or args.annotator
            span_id = span_at(store, doc, start, end, owner, args.label)
        new = add_comment(
            store, doc, args.annotator, args.text, span_id=span_id, parent_id=args.reply
        )
        print(f"comment {new} added")
        return 0
    except AnnotatorError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()


def run_comments(args: argparse.Namespace) -> int:
    from annotator.team.comments import threads

    store = open_store(args)
    try:
        doc = _document(store, args)
        spans = {s.id: s for s in store.spans(doc)}
        for thread in threads(store, doc, args.annotator):
            span = spans.get(thread.span_id) if thread.span_id is not None else None
            about = (
                f"span {span.start}:{span.end} {span.label} by {span.annotator} «{span.text}»"
                if span
                else "document"
            )
            state = f" — resolved by {thread.root.resolved_by}" if thread.resolved else ""
            print(f"[{about}]{state}")
            for c in thread.comments:
                print(f"{'  ' * (c.depth + 1)}#{c.id} {c.author}: {c.body}")
    finally:
        store.close()
    return 0
