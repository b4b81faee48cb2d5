"""Draws the demo server's sample pictures (app/sandbox/media/) with Qt.

Run once after changing a design: ``python tools/make_demo_media.py``. The pictures are
committed, so neither the program nor its tests need Qt to serve them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath

OUT = Path(__file__).resolve().parents[1] / "app" / "sandbox" / "media"
W, H = 960, 540

DESIGNS = {
    "spring-sale.jpg": ("#ff6f61", "#ffb347", "SPRING SALE", "-30% on running shoes"),
    "free-delivery.jpg": ("#2b5876", "#4e4376", "FREE DELIVERY", "on orders over 50 €"),
    "new-collection.jpg": ("#11998e", "#38ef7d", "NEW COLLECTION", "autumn / winter"),
    "coffee-break.jpg": ("#6f4e37", "#c69c6d", "COFFEE BREAK", "2 for 1 every Friday"),
}


def draw(top: str, bottom: str, title: str, subtitle: str) -> QImage:
    image = QImage(W, H, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gradient = QLinearGradient(0, 0, W, H)
    gradient.setColorAt(0, QColor(top))
    gradient.setColorAt(1, QColor(bottom))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(Qt.PenStyle.NoPen)
    for x, y, r, alpha in ((820, 90, 220, 40), (120, 470, 160, 35), (700, 470, 90, 50), (60, 60, 50, 60)):
        painter.setBrush(QColor(255, 255, 255, alpha))
        painter.drawEllipse(QPointF(x, y), r, r)
    wave = QPainterPath(QPointF(0, H * 0.78))
    wave.cubicTo(W * 0.3, H * 0.66, W * 0.6, H * 0.95, W, H * 0.8)
    wave.lineTo(W, H)
    wave.lineTo(0, H)
    painter.setBrush(QColor(255, 255, 255, 45))
    painter.drawPath(wave)
    painter.setPen(QColor("white"))
    font = QFont("DejaVu Sans", 64, QFont.Weight.Black)
    painter.setFont(font)
    painter.drawText(QRectF(60, 150, W - 120, 120), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    font.setPointSize(30)
    font.setWeight(QFont.Weight.DemiBold)
    painter.setFont(font)
    painter.drawText(QRectF(64, 270, W - 120, 60), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, subtitle)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    for name, design in DESIGNS.items():
        if not draw(*design).save(str(OUT / name), "JPEG", 82):
            print(f"could not write {name}", file=sys.stderr)
            return 1
        print(OUT / name, (OUT / name).stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
