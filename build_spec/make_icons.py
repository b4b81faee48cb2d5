"""Render the one source image, resources/icon.svg, into the icon set of every platform.

    .venv/bin/python build_spec/make_icons.py

writes resources/icons/:

- rcs-desk.png (512 px) and rcs-desk-256.png: Linux, and the window icon;
- rcs-desk.ico: Windows, 16 to 256 px (BMP entries up to 128 px as Qt's ICO plugin writes
  them, a PNG entry at 256 px as Windows expects);
- rcs-desk.icns: macOS, 16 to 1024 px (PNG entries, as Qt's ICNS plugin writes them).

Qt draws every size from the SVG (QSvgRenderer, so small sizes stay sharp) and encodes each
image with its imageformats plugins (qico, qicns). Those plugins write one image per file,
so this script gathers the single-image files into one multi-size file, then reads the
result back with the same plugins to check it. The generated files are committed; run this
again only when icon.svg changes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icon.svg"
OUT = ROOT / "resources" / "icons"

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# ICNS entry type -> pixel size (Apple's types for PNG data; @2x variants included).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def _require_plugins() -> None:
    from PySide6.QtGui import QImageWriter

    formats = {bytes(f).decode() for f in QImageWriter.supportedImageFormats()}
    missing = {"png", "ico", "icns"} - formats
    if missing:
        raise SystemExit(f"Qt cannot write {', '.join(sorted(missing))}: the imageformats plugins are missing")


def render(size: int):
    """The source image drawn at ``size`` x ``size`` pixels, transparent around it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def encode(image, fmt: str) -> bytes:
    """``image`` encoded by Qt's plugin for ``fmt`` (png, ico, icns)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, fmt.encode())
    if not writer.write(image):
        raise SystemExit(f"Qt could not write {fmt}: {writer.errorString()}")
    buffer.close()
    return bytes(data)


def build_ico(images: dict[int, object]) -> bytes:
    """One .ico holding every size: Qt's single-image ICO entries, PNG data at 256 px."""
    entries: list[tuple[bytes, bytes]] = []  # (16-byte directory entry without offset, data)
    for size in ICO_SIZES:
        if size >= 256:
            data = encode(images[size], "png")
            head = struct.pack("<BBBBHHI", 0, 0, 0, 0, 1, 32, len(data))
        else:
            single = encode(images[size], "ico")
            reserved, kind, count = struct.unpack_from("<HHH", single, 0)
            if (reserved, kind, count) != (0, 1, 1):
                raise SystemExit(f"unexpected ICO from Qt at {size} px")
            width, height, colors, res, planes, bpp, length, offset = struct.unpack_from("<BBBBHHII", single, 6)
            data = single[offset : offset + length]
            head = struct.pack("<BBBBHHI", width, height, colors, res, planes, bpp, length)
        entries.append((head, data))
    out = bytearray(struct.pack("<HHH", 0, 1, len(entries)))
    offset = 6 + 16 * len(entries)
    for head, data in entries:
        out += head + struct.pack("<I", offset)
        offset += len(data)
    for _head, data in entries:
        out += data
    return bytes(out)


def build_icns(images: dict[int, object]) -> bytes:
    """One .icns holding every size, from Qt's single-image ICNS files (PNG data)."""
    chunks: list[tuple[bytes, bytes]] = []
    for kind, size in ICNS_TYPES:
        single = encode(images[size], "icns")
        data = _icns_png_entry(single)
        chunks.append((kind, data))
    toc = b"".join(kind + struct.pack(">I", 8 + len(data)) for kind, data in chunks)
    body = b"TOC " + struct.pack(">I", 8 + len(toc)) + toc
    body += b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def _icns_png_entry(single: bytes) -> bytes:
    """The PNG data of the one image entry in an .icns that Qt wrote."""
    position = 8
    while position < len(single):
        kind, length = struct.unpack_from(">4sI", single, position)
        data = single[position + 8 : position + length]
        if kind != b"TOC " and data.startswith(b"\x89PNG"):
            return data
        position += length
    raise SystemExit("unexpected ICNS from Qt: no PNG entry")


def check(path: Path, fmt: str, sizes: set[int]) -> None:
    """Read ``path`` back with Qt's plugin; every size must be there."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QImageReader

    def quiet(mode, context, message: str) -> None:
        # Qt's ICNS reader warns about the table of contents of every file, its own writer's too.
        if "QICNSHandler::scanDevice" not in message:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(quiet)
    try:
        reader = QImageReader(str(path), fmt.encode())
        found: set[int] = set()
        for index in range(max(reader.imageCount(), 1)):
            if index:
                reader.jumpToImage(index)
            image = reader.read()
            if image.isNull():
                raise SystemExit(f"{path.name}: image {index} unreadable ({reader.errorString()})")
            found.add(image.width())
    finally:
        qInstallMessageHandler(previous)
    if not sizes <= found:
        raise SystemExit(f"{path.name}: sizes {sorted(sizes - found)} missing (found {sorted(found)})")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (plugins need it)
    _require_plugins()
    sizes = set(ICO_SIZES) | {size for _kind, size in ICNS_TYPES}
    images = {size: render(size) for size in sorted(sizes)}
    OUT.mkdir(parents=True, exist_ok=True)
    outputs = {
        "rcs-desk.png": encode(images[512], "png"),
        "rcs-desk-256.png": encode(images[256], "png"),
        "rcs-desk.ico": build_ico(images),
        "rcs-desk.icns": build_icns(images),
    }
    for name, data in outputs.items():
        (OUT / name).write_bytes(data)
    check(OUT / "rcs-desk.ico", "ico", set(ICO_SIZES))
    check(OUT / "rcs-desk.icns", "icns", {16, 32, 64, 128, 256, 512, 1024})
    for name in outputs:
        print(f"{OUT.relative_to(ROOT) / name}: {(OUT / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
