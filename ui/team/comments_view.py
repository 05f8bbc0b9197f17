"""The comments panel: the open document's threads and the selected span's, a box to
write in, and buttons to comment, reply and resolve.

The panel renders a :class:`~ui.team.comments_model.CommentsModel` and emits what the
user asked for; the controller calls the core. Comment text is data (never markup) and
each comment is laid out in its own direction, so an Arabic comment reads right to left
whatever the interface language.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.team.comments import CommentData, Thread
from ui.team.comments_model import CommentsModel, is_rtl

_RLE, _LRE, _PDF = "\u202b", "\u202a", "\u202c"
_LRI, _RLI, _PDI = "\u2066", "\u2067", "\u2069"
COMMENT_ROLE = Qt.ItemDataRole.UserRole
SPAN_ROLE = Qt.ItemDataRole.UserRole + 1


def isolated(text: str) -> str:
    """``text`` as a bidi isolate of its own direction inside a line of another.
    Explicit (RLI/LRI): Qt 6 misplaces neutrals around a first-strong isolate (FSI)
    in bold text."""
    return f"{_RLI if is_rtl(text) else _LRI}{text}{_PDI}"


def _edge(text: str) -> Qt.AlignmentFlag:
    """The text's own reading edge, absolute: a plain AlignRight is mirrored to the left
    in the Arabic interface."""
    side = Qt.AlignmentFlag.AlignRight if is_rtl(text) else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute


def directed(text: str) -> str:
    """``text`` embedded in its own direction, so a tree row (laid out in the interface's
    direction) shows an Arabic sentence right to left, its final punctuation on the left."""
    return f"{_RLE if is_rtl(text) else _LRE}{text}{_PDF}"


class CommentsPanel(QWidget):
    """Threads on the selected span, then on the document; writing and resolving."""

    commentRequested = Signal(str, object)  # body, span id (None: on the document)
    replyRequested = Signal(int, str)  # comment replied to, body
    resolveRequested = Signal(int, bool)  # a comment of the thread, resolved?
    spanRequested = Signal(int)  # select this span in the article

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CommentsPanel")
        self.span_id: int | None = None
        self.span_text = ""
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.setObjectName("CommentThreads")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("CommentEditor")
        self.editor.setPlaceholderText(
            self.tr("Write a comment (Ctrl+Enter: reply to the selected thread, or comment)")
        )
        self.comment_span = QPushButton(self.tr("Comment on span"))
        self.comment_doc = QPushButton(self.tr("Comment on document"))
        self.reply = QPushButton(self.tr("Reply"))
        self.resolve = QPushButton(self.tr("Resolve"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        # Threads on the left, writing on the right: the dock is a wide strip under the
        # article, and the threads get its whole height.
        buttons = QGridLayout()
        for i, button in enumerate((self.comment_span, self.comment_doc, self.reply, self.resolve)):
            buttons.addWidget(button, i // 2, i % 2)
        writing = QVBoxLayout()
        writing.addWidget(self.editor, 1)
        writing.addLayout(buttons)
        writing.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 3)
        layout.addLayout(writing, 2)

        self.comment_span.clicked.connect(lambda: self._comment(on_span=True))
        self.comment_doc.clicked.connect(lambda: self._comment(on_span=False))
        self.reply.clicked.connect(self._reply)
        self.resolve.clicked.connect(self._resolve)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemActivated.connect(self._activated)
        # Ctrl+Enter is also the window's "Mark done and next": while writing, the box
        # claims it (ShortcutOverride), so sending a comment never closes the document.
        self.editor.installEventFilter(self)
        self._enable()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.editor and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            send = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            )
            if send:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.submit()
                return True
        return super().eventFilter(watched, event)

    # ---------------------------------------------------------------- rendering
    def show_model(
        self,
        model: CommentsModel,
        span_id: int | None,
        span_text: str = "",
        span_texts: dict[int, str] | None = None,
    ) -> None:
        """Fill the tree from ``model`` (the current thread stays current if still shown):
        the selected span's threads, the document's, then those on other spans (grouped
        under each span's words, ``span_texts``; activating one selects that span)."""
        current = self.current_comment()
        self.span_id, self.span_text = span_id, span_text
        self.tree.clear()
        if span_id is not None:
            on_span = model.on_span(span_id)
            # The span's words last: an Arabic phrase ending an English line stays whole.
            title = self.tr("Span (threads: {n}): {text}").format(
                n=len(on_span), text=isolated(span_text)
            )
            self._section(title, on_span)
        on_doc = model.on_document()
        self._section(self.tr("Document · threads: {n}").format(n=len(on_doc)), on_doc)
        others = model.on_other_spans(span_id)
        if others:
            title = self.tr("Other spans · threads: {n}").format(n=len(others))
            self._section(title, others, span_texts or {})
        self.tree.expandAll()
        if current is not None:
            self.select_comment(current.id)
        self._enable()

    def _section(
        self, title: str, threads: list[Thread], span_texts: dict[int, str] | None = None
    ) -> None:
        header = QTreeWidgetItem([title])  # in the interface's language and direction
        font = header.font(0)
        font.setBold(True)
        header.setFont(0, font)
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(header)
        for thread in threads:
            top = header
            if span_texts is not None and thread.span_id is not None:
                words = span_texts.get(thread.span_id, "")
                top = QTreeWidgetItem(header, [directed(f"«{words}»")])
                top.setData(0, SPAN_ROLE, thread.span_id)
                top.setTextAlignment(0, _edge(words))
                top.setToolTip(0, self.tr("Enter or double-click: select this span"))
            parents: dict[int, QTreeWidgetItem] = {}
            for comment in thread.comments:
                parent = parents.get(comment.parent_id or -1, top)
                item = QTreeWidgetItem(parent, [self._line(comment, thread)])
                item.setData(0, COMMENT_ROLE, comment)
                item.setToolTip(0, comment.created_at.strftime("%Y-%m-%d %H:%M"))
                item.setTextAlignment(0, _edge(comment.body))
                if thread.resolved:
                    item.setForeground(0, self.palette().placeholderText())
                parents[comment.id] = item

    def _line(self, comment: CommentData, thread: Thread) -> str:
        """ "author: body", laid out in the body's direction (the name isolated, so a Latin
        name stays whole on the right of an Arabic comment)."""
        line = f"{isolated(comment.author)}: {comment.body}"
        if comment.depth:
            # Indented from where the line starts (the right of an Arabic comment), since
            # the tree's own indentation is always on the left.
            arrow = "↲ " if is_rtl(comment.body) else "↳ "
            line = "\u2003" * (comment.depth - 1) + arrow + line
        if comment.depth == 0 and thread.resolved:
            resolved = self.tr("✓ resolved by {name}").format(name=thread.root.resolved_by)
            line += f"   {isolated(resolved)}"
        return f"{_RLE if is_rtl(comment.body) else _LRE}{line}{_PDF}"

    def _enable(self) -> None:
        current = self.current_comment()
        self.comment_span.setEnabled(self.span_id is not None)
        self.reply.setEnabled(current is not None)
        self.resolve.setEnabled(current is not None)
        resolved = self._resolved(current)
        self.resolve.setText(self.tr("Reopen") if resolved else self.tr("Resolve"))

    def _resolved(self, comment: CommentData | None) -> bool:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            data = item.parent().data(0, COMMENT_ROLE)
            if data is None:
                break
            item = item.parent()
        root = item.data(0, COMMENT_ROLE) if item is not None else None
        return comment is not None and root is not None and root.resolved_by is not None

    def _activated(self, item: QTreeWidgetItem) -> None:
        span_id = item.data(0, SPAN_ROLE)
        if span_id is not None:
            self.spanRequested.emit(span_id)

    # ---------------------------------------------------------------- selection
    def current_comment(self) -> CommentData | None:
        item = self.tree.currentItem()
        return item.data(0, COMMENT_ROLE) if item is not None else None

    def select_comment(self, comment_id: int) -> bool:
        for item in self._items():
            data = item.data(0, COMMENT_ROLE)
            if data is not None and data.id == comment_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def shown_comments(self) -> list[CommentData]:
        """Every comment the tree shows, in order (for tests and accessibility)."""
        return [d for it in self._items() if (d := it.data(0, COMMENT_ROLE)) is not None]

    # ---------------------------------------------------------------- intents
    def _body(self) -> str:
        return self.editor.toPlainText().strip()

    def _comment(self, *, on_span: bool) -> None:
        body = self._body()
        if not body:
            self.message.setText(self.tr("Write the comment first."))
            return
        if on_span and self.span_id is None:
            self.message.setText(self.tr("Select a span in the article first."))
            return
        self.commentRequested.emit(body, self.span_id if on_span else None)

    def _reply(self) -> None:
        current = self.current_comment()
        body = self._body()
        if current is None or not body:
            self.message.setText(self.tr("Choose a comment and write the reply."))
            return
        self.replyRequested.emit(current.id, body)

    def _resolve(self) -> None:
        current = self.current_comment()
        if current is not None:
            self.resolveRequested.emit(current.id, not self._resolved(current))

    def submit(self) -> None:
        """Ctrl+Enter: reply to the selected thread, else comment on the span (if one is
        selected) or on the document."""
        if self.current_comment() is not None:
            self._reply()
        else:
            self._comment(on_span=self.span_id is not None)

    def written(self) -> None:
        """The controller stored what was written: clear the box."""
        self.editor.clear()
        self.message.clear()
