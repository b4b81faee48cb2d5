"""How a campaign went, as a picture: sent -> delivered -> read, the SMS fallback, and the phones not reached.

One bar per step, its length the share of the messages sent, with the count and the percentage
written beside it in the theme's tone colours (WCAG AA on either palette, ``ui.common.theme``).
Drawn with QPainter; the same numbers are given in words to screen readers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.campaign.text import count_words
from app.language import tr, tr_n
from ui.common.theme import tone_color


@dataclass(frozen=True)
class Step:
    """One bar: its words, its count, and its tone (a ``ui.common.theme`` tone, "" for the plain text colour);
    ``phrase`` says it in a sentence, with ``{count}`` and ``{percent}`` to fill in ("" for the first bar)."""

    label: str
    count: int
    tone: str
    phrase: str = ""


def delivery_steps(counters: Mapping[str, int | None], sms: Mapping[str, int | None]) -> list[Step]:
    """The bars of a campaign from its RCS and SMS counters (missing counters count as 0)."""

    def get(source: Mapping[str, int | None], name: str) -> int:
        value = source.get(name)
        return value if isinstance(value, int) and value > 0 else 0

    # A phone without RCS (or whose RCS message expired) gets the SMS when the campaign has one: those
    # RCS failures reached the person all the same, so they are shown as SMS, not as failures.
    by_sms = get(sms, "delivered") or get(sms, "sent")
    rcs_failed = get(counters, "failed") + get(counters, "undelivered") + get(counters, "expired")
    steps = [
        Step(tr("Sent"), get(counters, "sent"), ""),
        Step(tr("Delivered"), get(counters, "delivered"), "ok", tr("{count} delivered ({percent})")),
        Step(tr("Read"), get(counters, "read"), "ok", tr("{count} read ({percent})")),
    ]
    if by_sms:
        steps.append(Step(tr("Got the SMS instead"), by_sms, "warning", tr("{count} got the SMS instead ({percent})")))
    steps.append(
        Step(
            tr("Not reached"),
            max(0, rcs_failed - by_sms),
            "error",
            tr("{count} not reached: no RCS message and no SMS ({percent})"),
        )
    )
    return steps


def percent(count: int, sent: int) -> int:
    return round(100 * count / sent) if sent else 0


def steps_in_words(steps: list[Step]) -> str:
    """What the picture shows, as a sentence: "Of 1,590 messages sent: 1,200 delivered (75 %), …"."""
    if not steps or steps[0].count == 0:
        return tr("No messages sent yet.")
    sent = steps[0].count
    parts = [
        step.phrase.format(count=count_words(step.count), percent=f"{percent(step.count, sent)} %")
        for step in steps[1:]
    ]
    # Translators: {parts} is a list such as "750 delivered (75 %), 400 read (40 %)".
    return tr_n("Of {count} message sent: {parts}.", "Of {count} messages sent: {parts}.", sent).format(
        count=count_words(sent), parts=", ".join(parts)
    )


class DeliveryPicture(QWidget):
    """The bars of one campaign (objectName ``deliveryPicture``); ``set_counts`` moves them."""

    ROW_LINES = 1.9  # a row's height in text lines

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deliveryPicture")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.steps: list[Step] = []
        self.setAccessibleName(tr("How the campaign went"))
        self.set_counts({}, {})

    def set_counts(self, counters: Mapping[str, int | None], sms: Mapping[str, int | None]) -> None:
        steps = delivery_steps(counters, sms)
        if steps == self.steps:
            return
        self.steps = steps
        self.setAccessibleDescription(steps_in_words(steps))
        self.setToolTip(steps_in_words(steps))
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return round(self.fontMetrics().height() * self.ROW_LINES)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.fontMetrics().averageCharWidth() * 60, self._row_height() * max(len(self.steps), 1))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.fontMetrics().averageCharWidth() * 36, self.sizeHint().height())

    def bar_rect(self, index: int) -> QRectF:
        """Where the bar of step ``index`` is drawn (its full length: 100 %)."""
        metrics = self.fontMetrics()
        label_width = max(metrics.horizontalAdvance(step.label) for step in self.steps) + metrics.averageCharWidth()
        value_width = metrics.horizontalAdvance("000,000 (100 %)") + metrics.averageCharWidth()
        row = self._row_height()
        bar_height = metrics.height() * 0.8
        top = index * row + (row - bar_height) / 2
        return QRectF(label_width, top, max(self.width() - label_width - value_width, 10), bar_height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not self.steps:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        track = palette.color(QPalette.ColorRole.Mid)
        sent = self.steps[0].count
        row = self._row_height()
        for index, step in enumerate(self.steps):
            bar = self.bar_rect(index)
            colour = QColor(tone_color(step.tone, self)) if step.tone else palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, 3, 3)
            share = step.count / sent if sent else 0.0
            if share > 0:
                filled = QRectF(bar.left(), bar.top(), max(bar.width() * min(share, 1.0), 3), bar.height())
                painter.setBrush(colour)
                painter.drawRoundedRect(filled, 3, 3)
            painter.setPen(text)
            line = QRectF(0, index * row, bar.left(), row)
            painter.drawText(line, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, step.label)
            painter.setPen(QColor(tone_color(step.tone, self)) if step.tone else text)
            value = QRectF(bar.right() + 6, index * row, self.width() - bar.right() - 6, row)
            words = f"{count_words(step.count)} ({percent(step.count, sent)} %)"
            painter.drawText(value, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, words)
        painter.end()
