"""The Windows installer's inputs, made from the package: its defines and the list of the program's files.

Plain Python (no NSIS), so tests/test_installer.py checks them without makensis; make_installer.py
hands them to makensis. Every name and the version come from the package, read without importing it,
so nothing is typed twice: app/__init__.py (name, id, version), app/campaign/file.py (the file
suffix), app/platform/credentials.py (where the API key is kept), spec_support.py (the publisher).
"""

from __future__ import annotations

import ast
import re
import struct
from pathlib import Path, PurePosixPath

from spec_support import DOCUMENT_TYPE_NAME, PUBLISHER, read_metadata, version_tuple

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve().parent / "installer.nsi"
ICON = ROOT / "resources" / "icons" / "rcs-desk.ico"

# Characters a Windows file name cannot hold; makensis would also read * and ? as wildcards.
_NOT_IN_WINDOWS_NAMES = re.compile(r'[*?"<>|:\\\x00-\x1f]')
# A define's value goes into the script's quoted strings as it is: no variables, quotes or line breaks.
_UNSAFE_IN_DEFINES = re.compile(r'[$"`\x00-\x1f]')
# Windows' rules for a ProgID: at most 39 characters, letters and digits in parts joined by periods.
_PROG_ID = re.compile(r"[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+")


def read_constant(module: Path, name: str) -> str:
    """The module-level string constant ``name`` of ``module``, read without importing it."""
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == name for target in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise SystemExit(f"{module}: the text constant {name} was not found")


def prog_id(publisher: str, app_name: str) -> str:
    """The campaign file type's ProgID: 'WWT.world', 'RCS Campaign Desk' -> 'WWTworld.RCSCampaignDesk.Campaign'."""
    parts = [re.sub(r"[^A-Za-z0-9]", "", part) for part in (publisher, app_name)]
    value = ".".join([*parts, "Campaign"])
    if len(value) > 39 or not _PROG_ID.fullmatch(value):
        raise SystemExit(f"{value!r} is not a valid Windows ProgID")
    return value


def installer_defines(root: Path = ROOT) -> dict[str, str]:
    """The names and version installer.nsi needs (each passed as ``-DNAME=value``)."""
    meta = read_metadata(root / "app" / "__init__.py")
    version = meta["__version__"]
    credentials = root / "app" / "platform" / "credentials.py"
    defines = {
        "APP_NAME": meta["APP_NAME"],
        "APP_ID": meta["APP_ID"],
        "APP_VERSION": version,
        "APP_VERSION4": ".".join(str(number) for number in version_tuple(version)),
        "PUBLISHER": PUBLISHER,
        "PROG_ID": prog_id(PUBLISHER, meta["APP_NAME"]),
        "DOCUMENT_TYPE_NAME": DOCUMENT_TYPE_NAME,
        "FILE_SUFFIX": read_constant(root / "app" / "campaign" / "file.py", "FILE_SUFFIX"),
        # app/platform/config.py asks platformdirs for user_config_dir and user_data_dir (APP_ID,
        # appauthor=False): on Windows both are this one folder in %LOCALAPPDATA%.
        "DATA_DIR_NAME": meta["APP_ID"],
        # keyring's Windows backend keeps the key as a generic credential named after the service
        # (or "account@service" when the service held another account's first).
        "KEYRING_SERVICE": read_constant(credentials, "KEYRING_SERVICE"),
        "KEYRING_ACCOUNT": read_constant(credentials, "KEYRING_ACCOUNT"),
    }
    check_defines(defines)
    return defines


def check_defines(defines: dict[str, str]) -> None:
    """Stop when a value would not go into the script's strings as it is."""
    for name, value in defines.items():
        if not value or _UNSAFE_IN_DEFINES.search(value):
            raise SystemExit(f"{name}={value!r} cannot be passed to the installer script ($, quotes, line breaks)")


def define_arguments(defines: dict[str, str]) -> list[str]:
    """makensis's command-line arguments for ``defines``."""
    return [f"-D{name}={value}" for name, value in defines.items()]


def program_files(source: Path) -> tuple[list[PurePosixPath], list[PurePosixPath]]:
    """The folders and the files under ``source``, relative to it, sorted (a folder before what it holds)."""
    folders: list[PurePosixPath] = []
    files: list[PurePosixPath] = []
    seen: dict[str, PurePosixPath] = {}
    for path in sorted(source.rglob("*")):
        relative = PurePosixPath(path.relative_to(source).as_posix())
        if path.is_symlink():
            raise SystemExit(f"{path}: a symbolic link; the installer takes a Windows build, which has none")
        if _NOT_IN_WINDOWS_NAMES.search(relative.name):
            raise SystemExit(f"{path}: Windows cannot hold this name")
        folded = str(relative).casefold()  # Windows' names ignore case: two such files would be one
        if folded in seen:
            raise SystemExit(f"{path}: the same name as {seen[folded]} on Windows")
        seen[folded] = relative
        (folders if path.is_dir() else files).append(relative)
    if not files:
        raise SystemExit(f"{source}: no files to install")
    return folders, files


def nsis_string(text: str) -> str:
    """``text`` inside an NSIS string in double quotes: $ and " escaped."""
    return text.replace("$", "$$").replace('"', '$\\"')


def install_path(relative: PurePosixPath) -> str:
    """Where ``relative`` goes on the user's computer, for the script: $INSTDIR\\folder\\file."""
    return "$INSTDIR" + "".join("\\" + nsis_string(part) for part in relative.parts)


def files_nsh(source: Path) -> str:
    """installer.nsi's list of the program's files: macros INSTALL_FILES and UNINSTALL_FILES.

    The uninstaller removes exactly these files, then each folder when it is empty (deepest first),
    so nothing else a person put there is lost.
    """
    source = source.resolve()
    folders, files = program_files(source)
    lines = [
        f"; Made by build_spec/make_installer.py from {source.name}/: {len(files)} files in {len(folders)} folders.",
        "!macro INSTALL_FILES",
    ]
    for folder in [PurePosixPath("."), *folders]:
        lines.append(f'  SetOutPath "{install_path(folder)}"')
        for file in files:
            if file.parent == folder:
                lines.append(f'  File "{nsis_string(str(source / file))}"')
    lines += ["!macroend", "", "!macro UNINSTALL_FILES"]
    lines += [f'  Delete "{install_path(file)}"' for file in files]
    for folder in sorted(folders, key=lambda f: (-len(f.parts), str(f))):
        lines.append(f'  RMDir "{install_path(folder)}"')
    lines += ["!macroend", ""]
    return "\n".join(lines)


# The picture on the left of the finish page (MUI's size): the icon's blue, top to bottom, and its white
# chat bubble with three dots, drawn from resources/icon.svg's shapes (in its 512-unit coordinates).
SIDE_BITMAP_SIZE = (164, 314)
_TOP, _BOTTOM, _DOT = (0x2F, 0x7C, 0xF6), (0x15, 0x53, 0xC7), (0x1C, 0x63, 0xDC)
_SCALE, _LEFT, _TOP_Y = 112 / 312, 26, 70  # the bubble, 312 units wide, becomes 112 px at (26, 70)


def _bubble_colour(x: float, y: float) -> tuple[int, int, int] | None:
    """The icon's colour at (x, y) in its own units: white bubble, blue dots; None outside."""
    if any((x - cx) ** 2 + (y - 240) ** 2 <= 26**2 for cx in (186, 256, 326)):
        return _DOT
    near_x, near_y = min(max(x, 150), 362), min(max(y, 178), 302)  # the rounded rectangle, radius 50
    in_body = 100 <= x <= 412 and 128 <= y <= 352 and (x - near_x) ** 2 + (y - near_y) ** 2 <= 50**2
    in_tail = 352 <= y <= 410 and 160 - (y - 352) * 0.1 <= x <= 236 - (y - 352) * 70 / 58  # tapers to (154, 410)
    return (255, 255, 255) if in_body or in_tail else None


def side_bitmap() -> bytes:
    """The finish page's picture, a 24-bit BMP (each pixel 3 x 3 samples, so the edges are smooth)."""
    width, height = SIDE_BITMAP_SIZE
    rows = []
    for row in range(height - 1, -1, -1):  # BMP rows go from the bottom up
        t = row / (height - 1)
        background = tuple(round(a + (b - a) * t) for a, b in zip(_TOP, _BOTTOM, strict=True))
        pixels = bytearray()
        for column in range(width):
            samples = [background] * 9
            if 20 <= column <= 144 and 60 <= row <= 180:  # only around the bubble
                samples = [
                    _bubble_colour(100 + (column + dx / 3 - _LEFT) / _SCALE, 128 + (row + dy / 3 - _TOP_Y) / _SCALE)
                    or background
                    for dx in (0.5, 1.5, 2.5)
                    for dy in (0.5, 1.5, 2.5)
                ]
            red, green, blue = (round(sum(sample[i] for sample in samples) / 9) for i in range(3))
            pixels += bytes((blue, green, red))
        rows.append(bytes(pixels) + bytes(-len(pixels) % 4))
    image = b"".join(rows)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(image), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(image), 0, 0, 14 + len(info)) + info + image


# A stand-in installer (a few small files) is ~150 KB; a real one tens of MB. Less is no installer.
MIN_INSTALLER_BYTES = 60_000
PE_MACHINE_I386 = 0x014C  # NSIS's installer stub is a 32-bit program; it runs on 64-bit Windows too


def installer_problems(path: Path, defines: dict[str, str]) -> list[str]:
    """What is wrong with the installer makensis wrote (nothing: an empty list)."""
    if not path.is_file():
        return [f"{path} was not written"]
    data = path.read_bytes()
    problems = []
    if len(data) < MIN_INSTALLER_BYTES:
        problems.append(f"{path.name} is only {len(data):,} bytes")
    if data[:2] != b"MZ" or len(data) < 0x40:
        return [*problems, f"{path.name} is not a Windows program (no MZ header)"]
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    if data[pe_offset : pe_offset + 4] != b"PE\0\0":
        return [*problems, f"{path.name} is not a Windows program (no PE header)"]
    (machine,) = struct.unpack_from("<H", data, pe_offset + 4)
    if machine != PE_MACHINE_I386:
        problems.append(f"{path.name} is built for machine {machine:#06x}, not NSIS's 32-bit stub")
    if b"NullsoftInst" not in data:
        problems.append(f"{path.name} carries no NSIS installer data")
    for name in ("APP_NAME", "APP_VERSION", "PUBLISHER"):  # the version resource, in UTF-16 as Windows keeps it
        if defines[name].encode("utf-16-le") not in data:
            problems.append(f"{path.name}: its version information lacks {name} {defines[name]!r}")
    return problems
