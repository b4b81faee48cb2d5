"""What goes into the packaged program: rules shared by rcs_desk.spec and the Qt hooks in hooks/.

Plain Python (no PyInstaller import), so tests/test_packaging.py checks the rules without building.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PUBLISHER = "WWT.world"  # the Windows version resource, the macOS copyright, the Windows installer
DOCUMENT_TYPE_NAME = "RCS campaign"  # what Finder and Explorer call a campaign file
ROOT = Path(__file__).resolve().parent.parent
# The program's compiled catalogs (app/language/catalogs.py reads them beside itself, in the bundle too).
LOCALE_DIR = ROOT / "app" / "language" / "locale"
CATALOG_DOMAIN = "rcs_desk"
QT_CATALOG = "qtbase"  # Qt's own texts for QtCore, QtGui and QtWidgets (ui/common/qt_language.py)


def read_metadata(init_file: Path) -> dict[str, str]:
    """APP_NAME, APP_ID and __version__ from the package's __init__.py, without importing it."""
    wanted = {"APP_NAME", "APP_ID", "__version__"}
    found: dict[str, str] = {}
    for node in ast.parse(init_file.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in wanted and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                found[name] = node.value.value
    missing = wanted - found.keys()
    if missing:
        raise SystemExit(f"{init_file}: {', '.join(sorted(missing))} not found")
    return found


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'1.2.3rc1' -> (1, 2, 3, 0): the numeric release part, padded to the four numbers Windows wants."""
    match = re.match(r"\d+(?:\.\d+){0,3}", version)
    if not match:
        raise SystemExit(f"version {version!r} does not start with a number")
    numbers = [int(part) for part in match.group(0).split(".")]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def windows_version_text(meta: dict[str, str]) -> str:
    """A Windows version resource (PyInstaller's VSVersionInfo, in its text form) for the package version."""
    numbers = version_tuple(meta["__version__"])
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": meta["APP_NAME"],
        "FileVersion": meta["__version__"],
        "InternalName": meta["APP_ID"],
        "LegalCopyright": PUBLISHER,
        "OriginalFilename": f"{meta['APP_ID']}.exe",
        "ProductName": meta["APP_NAME"],
        "ProductVersion": meta["__version__"],
    }
    table = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return (
        "VSVersionInfo(\n"
        "  ffi=FixedFileInfo(\n"
        f"    filevers={numbers!r},\n"
        f"    prodvers={numbers!r},\n"
        "    mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        "      StringTable('040904B0', [\n"
        f"{table}\n"
        "      ])\n"
        "    ]),\n"
        "    VarFileInfo([VarStruct('Translation', [1033, 1200])])\n"
        "  ]\n"
        ")\n"
    )


def info_plist(meta: dict[str, str]) -> dict:
    """The macOS bundle's Info.plist entries (PyInstaller adds the executable and identifier)."""
    return {
        "CFBundleName": meta["APP_NAME"],
        "CFBundleDisplayName": meta["APP_NAME"],
        "CFBundleShortVersionString": meta["__version__"],
        "CFBundleVersion": meta["__version__"],
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow the system's dark mode
        "LSMinimumSystemVersion": "12.0",  # PySide6 6.8+ wheels support macOS 12 and newer
        "NSHumanReadableCopyright": PUBLISHER,
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": DOCUMENT_TYPE_NAME,
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [f"world.wwt.{meta['APP_ID']}.campaign"],
                "CFBundleTypeIconFile": "rcs-desk.icns",
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": f"world.wwt.{meta['APP_ID']}.campaign",
                "UTTypeDescription": DOCUMENT_TYPE_NAME,
                "UTTypeConformsTo": ["public.json"],
                "UTTypeTagSpecification": {"public.filename-extension": ["rcs.json"]},
            }
        ],
    }


# Python packages the program never uses: GUI toolkits, test and packaging tools.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "_hypothesis_pytestplugin",
    "_hypothesis_globals",
    "_hypothesis_ftz_detector",
    "yaml",
    "jsonschema",
    "jsonschema_specifications",
    "referencing",
    "setuptools",
    "pkg_resources",
    "pip",
    "distutils",
    "_distutils_hack",
    "wheel",
    "PyInstaller",
    "IPython",
    "numpy",
    "PIL",
    "pygments",
    "rich",
    "click",  # httpx's own command line only
    # Only reachable through concurrent.futures.process (process pools, unused); excluding it also drops
    # PyInstaller's multiprocessing start-up hook (~6 ms of every start).
    "multiprocessing",
    # Qt modules not imported by app/ or ui/ (each would also bring its plugins and libraries).
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtDBus",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
    "PySide6.QtStateMachine",
    "PySide6.QtVirtualKeyboard",
]

# Qt plugins kept: plugin folder -> file stems (no "lib" prefix, no suffix); None keeps the whole folder.
# Every other plugin folder is dropped.
KEPT_QT_PLUGINS: dict[str, set[str] | None] = {
    # a real desktop (X11, Wayland, Windows, macOS), and offscreen for the self-test
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"},
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient", "adwaita"},  # window frames where the compositor draws none
    # (no wayland-graphics-integration-client: those are for OpenGL; widgets draw into shared memory)
    "xcbglintegrations": None,
    # the desktop portal (file dialogs in sandboxes); not gtk3, which would pull GTK into the folder
    "platformthemes": {"qxdgdesktopportal"},
    # typing accents (compose key) and input methods (IBus); not the virtual keyboard, which needs QML
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    # PNG is built into Qt; media previews are JPEG, PNG or GIF
    "imageformats": {"qgif", "qjpeg", "qico"},
    # native looks on Windows and macOS
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"},
}


def program_languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The languages the program has a compiled catalog for (English, the source, needs none)."""
    return sorted(path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{CATALOG_DOMAIN}.mo"))


def catalog_datas(locale_dir: Path = LOCALE_DIR) -> list[tuple[str, str]]:
    """(compiled catalog, its folder in the bundle) for each language, where app.language looks for it:
    ``app/language/locale/<code>/LC_MESSAGES``."""
    root = locale_dir.parents[2]
    return [
        (str(path), path.parent.relative_to(root).as_posix())
        for path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{CATALOG_DOMAIN}.mo"))
    ]


# Qt's translations kept: its own texts (message box buttons, file dialogs, the calendar) in each language the
# program speaks. qtbase_<code>.qm depends on no other catalog (qt_<code>.qm is only a list of qtbase_<code>
# and catalogs of modules the program does not use); every other .qm is dropped.
KEPT_QT_TRANSLATIONS = frozenset(f"{QT_CATALOG}_{code}.qm" for code in program_languages())


def qt_plugin(dest: str) -> tuple[str, str] | None:
    """(plugin folder, file stem) when ``dest`` is a Qt plugin collected by PyInstaller, else None."""
    parts = dest.replace("\\", "/").split("/")
    if len(parts) < 3 or parts[-3] != "plugins":
        return None
    stem = parts[-1].split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return parts[-2], stem


def keep_file(dest: str) -> bool:
    """Whether a file PyInstaller collected (its destination in the build) belongs in the program."""
    path = dest.replace("\\", "/")
    if path.endswith(".qm") and "translations/" in path:
        return path.rsplit("/", 1)[-1] in KEPT_QT_TRANSLATIONS
    plugin = qt_plugin(path)
    if plugin is None:
        return True
    folder, stem = plugin
    if folder not in KEPT_QT_PLUGINS:
        return False
    kept = KEPT_QT_PLUGINS[folder]
    return kept is None or stem in kept


def keep_collected(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (source file, destination folder) pairs of a hook that ``keep_file`` keeps."""
    return [(src, dest) for src, dest in entries if keep_file(f"{dest}/{Path(src).name}")]
