"""A picture that scales to the width it is given, keeping its aspect ratio; GIFs play."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Slot
from PySide6.QtGui import QImage, QMovie, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class ImageView(QWidget):
    """Shows a ``QImage`` or an animated GIF (``QMovie`` reading a ``QBuffer`` of the bytes).

    The picture is never enlarged beyond twice its size nor taller than ``max_lines`` lines of
    text, so a tiny icon does not become a blurry wall and a tall poster does not push the form away.
    """

    def __init__(self, parent: QWidget | None = None, *, max_lines: int = 12) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._movie: QMovie | None = None
        self._buffer: QBuffer | None = None
        self._max_lines = max_lines
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # Content ------------------------------------------------------------------------------

    def clear(self) -> None:
        self._stop_movie()
        self._image = QImage()
        self.updateGeometry()
        self.update()

    def set_image(self, image: QImage) -> None:
        self._stop_movie()
        self._image = image
        self.updateGeometry()
        self.update()

    def set_gif(self, data: bytes, first_frame: QImage | None = None) -> None:
        """Play an animated GIF from memory."""
        self._stop_movie()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._movie = QMovie(self._buffer, QByteArray(b"gif"), self)
        self._movie.setCacheMode(QMovie.CacheMode.CacheAll)
        self._movie.frameChanged.connect(self.on_movie_frame_changed)
        self._image = first_frame if first_frame is not None else QImage()
        self._movie.start()
        self.updateGeometry()
        self.update()

    def hold_first_frame(self) -> None:
        """Stop an animation on its first frame (a screenshot must come out the same every time)."""
        if self._movie is not None:
            self._movie.jumpToFrame(0)
            self._movie.setPaused(True)

    @property
    def playing(self) -> bool:
        return self._movie is not None and self._movie.state() == QMovie.MovieState.Running

    @property
    def has_picture(self) -> bool:
        return not self._image.isNull()

    def image(self) -> QImage:
        return self._image

    def _stop_movie(self) -> None:
        if self._movie is not None:
            self._movie.stop()
            self._movie.frameChanged.disconnect(self.on_movie_frame_changed)
            self._movie.deleteLater()
            self._movie = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    @Slot(int)
    def on_movie_frame_changed(self, _frame: int) -> None:
        if self._movie is not None:
            was_null = self._image.isNull()
            self._image = self._movie.currentImage()
            if was_null:
                self.updateGeometry()
            self.update()

    # Geometry -----------------------------------------------------------------------------

    def _max_height(self) -> int:
        return self.fontMetrics().lineSpacing() * self._max_lines

    def _target(self, width: int) -> QSize:
        if self._image.isNull() or width <= 0:
            return QSize(0, 0)
        size = QSize(self._image.size())
        limit = QSize(min(width, size.width() * 2), min(self._max_height(), size.height() * 2))
        return size.scaled(limit, Qt.AspectRatioMode.KeepAspectRatio)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._target(width).height()

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self.fontMetrics().averageCharWidth() * 40
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self._image.isNull():
            return
        target = self._target(self.width())
        rect = QRect(0, 0, target.width(), target.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(rect, self._image)
        painter.end()
