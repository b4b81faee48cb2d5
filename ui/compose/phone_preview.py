"""A live picture of the message on a phone: the RCS card(s) or text, and the SMS fallback.

The preview follows ``editor.content_changed``. Pictures come from the media preview service's
cache (it never starts a download itself, so typing an address does not fetch every keystroke).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.campaign.sms import count_sms
from app.language import tr, tr_n
from app.language.formats import format_count
from ui.common.theme import set_tone
from ui.compose.editor_state import CampaignEditor
from ui.compose.media_preview import MediaPreviewService, MediaResult
from ui.compose.phone_parts import Bubble, CardView, ElidedLabel, blend, screen_color, set_muted, text_label

CAROUSEL_CARD_SHARE = 0.75  # a carousel card takes this much of the screen: the next one peeks in
PHONE_WIDTH_CHARS = 46  # the phone is this many average characters wide (about 320 px at 100 %)
PHONE_HEIGHT_RATIO = 2.2  # at most this many times as tall as wide, as phones are (a 19.5:9 screen and its bezel)
PANE_WIDTH_PHONES = 2  # the preview takes at most this many phone widths: more of a wide window is the editor's


class Avatar(QWidget):
    """The sender's round badge with the first letter of its name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letter = ""
        side = self.fontMetrics().height() * 2
        self.setFixedSize(side, side)

    def set_name(self, name: str) -> None:
        self.letter = name.strip()[:1].upper()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
        painter.drawEllipse(QRectF(self.rect()))
        painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.letter or "?")
        painter.end()


class PhoneFrame(QFrame):
    """The phone's body: a dark rounded bezel around a screen in the palette's base colour."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        unit = self.fontMetrics().height()
        outer = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        dark_theme = screen_color(palette).lightness() < 128
        painter.setPen(QColor("#5f6368") if dark_theme else QColor("#3c4043"))
        painter.setBrush(QColor("#0b0b0c") if dark_theme else QColor("#202124"))
        painter.drawRoundedRect(outer, unit * 2.2, unit * 2.2)
        layout = self.layout()  # the preview gives the frame one
        margin = layout.contentsMargins() if layout is not None else QMargins()
        screen = QRectF(outer).adjusted(margin.left() - 1, margin.top() - 1, -margin.right() + 1, -margin.bottom() + 1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(screen_color(palette))
        painter.drawRoundedRect(screen, unit * 1.4, unit * 1.4)
        painter.end()


class PhonePreview(QWidget):
    """How the message looks on a phone (objectName ``phonePreview``).

    ``set_mode("rcs" | "sms")`` switches between the RCS message and the SMS fallback;
    ``show_card(index)`` scrolls a carousel to a card (connect ``MessageEditor.current_card_changed``).
    ``card_views`` are the cards drawn now.
    """

    def __init__(
        self, editor: CampaignEditor, media_service: MediaPreviewService | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("phonePreview")
        self.setAccessibleName(tr("Phone preview"))
        self.editor = editor
        self.media_service = media_service
        self.card_views: list[CardView] = []
        self.mode = "rcs"
        self._build()
        editor.content_changed.connect(self.refresh)
        editor.document_replaced.connect(self.refresh)
        if media_service is not None:
            media_service.checked.connect(self.on_media_checked)
        self.refresh()

    # Building -----------------------------------------------------------------------------

    def _build(self) -> None:
        unit = self.fontMetrics().height()
        self.mode_tabs = QTabBar()
        self.mode_tabs.addTab(tr("RCS"))
        self.mode_tabs.addTab(tr("SMS fallback"))
        self.mode_tabs.setTabToolTip(0, tr("The message as phones with RCS show it"))
        self.mode_tabs.setTabToolTip(1, tr("The SMS that goes out instead when RCS cannot be delivered"))
        self.mode_tabs.setAccessibleName(tr("Preview of"))
        self.mode_tabs.currentChanged.connect(self.on_mode_tabs_changed)

        self.phone = PhoneFrame()
        self.phone.setMaximumWidth(self.phone_width())
        self.phone.setMinimumWidth(self.phone_width() * 2 // 3)
        self.phone.setMaximumHeight(round(self.phone_width() * PHONE_HEIGHT_RATIO))
        self.setMaximumWidth(self.phone_width() * PANE_WIDTH_PHONES)
        self.phone.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        bezel = max(6, unit // 2)
        phone_layout = QVBoxLayout(self.phone)
        phone_layout.setContentsMargins(bezel, bezel * 2, bezel, bezel * 2)
        phone_layout.setSpacing(0)

        self.avatar = Avatar()
        self.sender_label = ElidedLabel()
        self.sender_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sender_label.setForegroundRole(QPalette.ColorRole.Text)
        sender_font = QFont(self.sender_label.font())
        sender_font.setBold(True)
        self.sender_label.setFont(sender_font)
        self.channel_label = text_label(small=True, muted=True)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.sender_label)
        names.addWidget(self.channel_label)
        header = QHBoxLayout()
        header.setContentsMargins(unit * 2 // 3, unit // 3, unit * 2 // 3, unit // 2)
        header.setSpacing(unit // 2)
        header.addWidget(self.avatar)
        header.addLayout(names, 1)
        phone_layout.addLayout(header)
        self.divider = QFrame()
        self.divider.setFrameShape(QFrame.Shape.HLine)
        self.divider.setFrameShadow(QFrame.Shadow.Plain)
        self.divider.setForegroundRole(QPalette.ColorRole.Mid)
        phone_layout.addWidget(self.divider)

        self.screens = QStackedWidget()
        self.screens.addWidget(self._build_rcs_screen())
        self.screens.addWidget(self._build_sms_screen())
        phone_layout.addWidget(self.screens, 1)

        self.fallback_note = QLabel()
        self.fallback_note.setWordWrap(True)
        self.fallback_note.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(self.phone, 100)
        centre.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.mode_tabs, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(centre, 1)
        layout.addWidget(self.fallback_note)
        layout.addStretch(0)  # below the note, what a tall window has left once the phone is at its tallest

    def _scroll(self) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        return scroll

    def _content(self) -> tuple[QWidget, QVBoxLayout]:
        content = QWidget()
        content.setAutoFillBackground(False)
        layout = QVBoxLayout(content)
        unit = self.fontMetrics().height()
        layout.setContentsMargins(unit * 2 // 3, unit * 2 // 3, unit * 2 // 3, unit * 2 // 3)
        layout.setSpacing(unit // 2)
        return content, layout

    def _build_rcs_screen(self) -> QWidget:
        self.rcs_scroll = self._scroll()
        content, layout = self._content()
        self.rcs_content_layout = layout
        self.text_bubble = Bubble()
        layout.addWidget(self.text_bubble, 0, Qt.AlignmentFlag.AlignLeft)
        self.carousel = QScrollArea()
        self.carousel.setFrameShape(QFrame.Shape.NoFrame)
        self.carousel.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.carousel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # phones show dots
        self.carousel.viewport().setAutoFillBackground(False)
        self.carousel.setAccessibleName(tr("Cards; scroll sideways to see the next one"))
        self.strip = QWidget()
        self.strip.setAutoFillBackground(False)
        self.strip_layout = QHBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.strip_layout.setSpacing(self.fontMetrics().height() // 2)
        self.strip_layout.addStretch(1)
        self.carousel.setWidgetResizable(True)
        self.carousel.setWidget(self.strip)
        self.strip.setAutoFillBackground(False)  # setWidget turns it on: the screen shows through
        layout.addWidget(self.carousel)
        self.dots = QLabel()
        self.dots.setObjectName("carouselDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.dots)
        self.carousel.horizontalScrollBar().valueChanged.connect(self._update_dots)
        self.empty_message = text_label(tr("The message is empty."), muted=True)
        layout.addWidget(self.empty_message)
        layout.addStretch(1)
        self.rcs_scroll.setWidget(content)
        content.setAutoFillBackground(False)
        self.rcs_scroll.viewport().installEventFilter(self)
        return self.rcs_scroll

    def _build_sms_screen(self) -> QWidget:
        self.sms_scroll = scroll = self._scroll()
        scroll.viewport().installEventFilter(self)
        content, layout = self._content()
        self.sms_content_layout = layout
        self.sms_bubble = Bubble()
        self.sms_bubble.setAccessibleName(tr("SMS text"))
        layout.addWidget(self.sms_bubble, 0, Qt.AlignmentFlag.AlignLeft)
        self.sms_parts = text_label(small=True, muted=True)
        layout.addWidget(self.sms_parts)
        self.sms_off = text_label(tr("The SMS fallback is off.\nPhones without RCS get nothing."))
        self.sms_off.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self.sms_off)
        layout.addStretch(2)
        scroll.setWidget(content)
        content.setAutoFillBackground(False)
        return scroll

    def phone_width(self) -> int:
        """A phone's width for this font (about 360 pixels at 100 % scaling)."""
        return self.fontMetrics().averageCharWidth() * PHONE_WIDTH_CHARS

    # Updating -----------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode_tabs.setCurrentIndex(1 if mode == "sms" else 0)

    @Slot(int)
    def on_mode_tabs_changed(self, index: int) -> None:
        self.mode = "sms" if index == 1 else "rcs"
        self.refresh()

    @Slot(str, object)
    def on_media_checked(self, url: str, _result: MediaResult) -> None:
        cards = self.editor.campaign.options.cards if self.editor.campaign.options else None
        if any(card.media_url.strip() == url for card in cards or []):
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Draw the document's message again."""
        campaign = self.editor.campaign
        sms = campaign.sms
        if self.mode == "sms":
            self.screens.setCurrentIndex(1)
            self._show_sender((sms.sender if sms else "") or "", tr("SMS sender"), tr("Text message (SMS)"))
            self._show_sms()
        else:
            self.screens.setCurrentIndex(0)
            self._show_sender(campaign.sender or "", tr("Your RCS agent"), tr("RCS business message"))
            self._show_rcs()
        self._show_fallback_note()

    def _show_sender(self, name: str, placeholder: str, channel: str) -> None:
        self.sender_label.setText(name or placeholder)
        self.sender_label.setForegroundRole(QPalette.ColorRole.Text if name else QPalette.ColorRole.PlaceholderText)
        self.avatar.set_name(name)
        self.channel_label.setText(channel)

    def _show_rcs(self) -> None:
        options = self.editor.campaign.options
        cards = options.cards if options is not None else None
        if cards is None:
            text = (options.text if options is not None else None) or ""
            self.text_bubble.set_message(text)
            self.text_bubble.setVisible(bool(text))
            self.empty_message.setVisible(not text)
            self._set_card_count(0)
            self.carousel.hide()
            self._layout_bubbles()
            return
        self.text_bubble.hide()
        self.empty_message.setVisible(not cards)
        self._set_card_count(len(cards))
        self.carousel.setVisible(bool(cards))
        carousel = len(cards) > 1
        for view, card in zip(self.card_views, cards, strict=False):
            image, video = self._media_for(card.media_url.strip())
            view.show_card(card, image, video, carousel)
        self._layout_cards()

    def _media_for(self, url: str) -> tuple[QImage | None, str]:
        if not url or self.media_service is None:
            return None, ""
        result = self.media_service.cached(url)
        if result is None:
            return None, ""
        if result.check.state == "video":
            # Translators: on the card's picture box when the media is a video; {kind} is its format ("MP4").
            return None, tr("{kind} video").format(kind=result.check.format_name or "")
        return result.image, ""

    def _set_card_count(self, count: int) -> None:
        while len(self.card_views) > count:
            view = self.card_views.pop()
            view.hide()
            view.deleteLater()
        while len(self.card_views) < count:
            view = CardView()
            self.strip_layout.insertWidget(len(self.card_views), view, 0, Qt.AlignmentFlag.AlignTop)
            self.card_views.append(view)

    def _layout_cards(self) -> None:
        """Card widths from the screen width; every card of a carousel as tall as the tallest."""
        if not self.card_views:
            return
        margins = self.rcs_content_layout.contentsMargins()
        available = max(1, self.rcs_scroll.viewport().width() - margins.left() - margins.right())
        share = CAROUSEL_CARD_SHARE if len(self.card_views) > 1 else 1.0
        width = max(1, int(available * share))
        for view in self.card_views:
            view.set_card_width(width)
        height = max(view.content_height(width) for view in self.card_views)
        for view in self.card_views:
            view.setFixedHeight(height)
        self.carousel.setFixedHeight(height)
        self._update_dots()
        self.rcs_content_layout.invalidate()
        self.rcs_content_layout.activate()

    def _layout_bubbles(self) -> None:
        """Bubbles take at most 80 % of the screen, as chat apps draw them."""
        screens = (
            (self.text_bubble, self.rcs_scroll, self.rcs_content_layout),
            (self.sms_bubble, self.sms_scroll, self.sms_content_layout),
        )
        for bubble, scroll, layout in screens:  # layout: that of the scroll area's widget
            margins = layout.contentsMargins()
            available = scroll.viewport().width() - margins.left() - margins.right()
            bubble.fit(max(1, int(available * 0.8)))
            layout.invalidate()
            layout.activate()

    def _show_sms(self) -> None:
        sms = self.editor.campaign.sms
        if sms is None:
            self.sms_bubble.hide()
            self.sms_parts.hide()
            self.sms_off.show()
            return
        self.sms_off.hide()
        text = sms.text or ""
        self.sms_bubble.set_message(text)
        self.sms_bubble.setVisible(bool(text))
        self._layout_bubbles()
        count = count_sms(text)
        if text:
            # Translators: under the SMS on the phone: "Sent as 2 SMS". How many characters an SMS holds is said
            # once, by the counter on the SMS tab.
            sent_as = tr_n("Sent as {count} SMS", "Sent as {count} SMS", count.parts)
            self.sms_parts.setText(sent_as.format(count=format_count(count.parts)))
        else:
            self.sms_parts.setText(tr("The SMS text is empty."))
        self.sms_parts.show()

    def _show_fallback_note(self) -> None:
        sms = self.editor.campaign.sms
        if sms is None:
            self.fallback_note.setText(tr("⚠ SMS fallback is off: phones without RCS get nothing."))
            self.fallback_note.setForegroundRole(QPalette.ColorRole.WindowText)  # not the half-clear muted role
            set_tone(self.fallback_note, "warning")
        else:
            if sms.sender:
                text = tr("SMS fallback is on: phones without RCS get an SMS from {sender}.").format(sender=sms.sender)
            else:
                text = tr("SMS fallback is on: phones without RCS get an SMS (choose its sender).")
            self.fallback_note.setText(text)
            set_tone(self.fallback_note, "")
            set_muted(self.fallback_note)

    def _update_dots(self) -> None:
        """One dot a card, the one in view filled, as phones mark a carousel (hidden for one card)."""
        count = len(self.card_views)
        self.dots.setVisible(count > 1)
        if count <= 1:
            return
        bar = self.carousel.horizontalScrollBar()
        current = round(bar.value() / bar.maximum() * (count - 1)) if bar.maximum() else 0
        palette = self.dots.palette()
        accent = palette.color(QPalette.ColorRole.Highlight).name()
        muted = blend(screen_color(palette), palette.color(QPalette.ColorRole.Text), 0.3).name()
        dots = [f'<span style="color:{accent if i == current else muted}">●</span>' for i in range(count)]
        self.dots.setText("&nbsp;".join(dots))
        self.dots.setAccessibleName(tr("Card {number} of {count}").format(number=current + 1, count=count))

    def show_card(self, index: int) -> None:
        """Scroll the carousel so that card ``index`` is in view."""
        if 0 <= index < len(self.card_views):
            self.carousel.ensureWidgetVisible(self.card_views[index], 0, 0)

    # Events -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched in (self.rcs_scroll.viewport(), self.sms_scroll.viewport()):
            self._layout_cards()
            self._layout_bubbles()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.refresh()
        super().changeEvent(event)
