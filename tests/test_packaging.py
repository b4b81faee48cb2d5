"""Packaging, without building: the spec and its rules, the icons, the workflow, the helpers the
packaged program relies on, and the frozen-program checker (against stand-in programs).

The real build and the frozen program's own checks run in .ci/run.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import textwrap
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from importlib.resources import files
from pathlib import Path
from types import SimpleNamespace

import pytest

import app
from app.platform import resources, windows_console

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_spec" / "rcs_desk.spec"
ICONS = ROOT / "resources" / "icons"
WORKFLOW = ROOT / ".github" / "workflows" / "package.yml"


@pytest.fixture
def spec_support(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "build_spec"))
    import spec_support

    return spec_support


# --- the spec's rules -------------------------------------------------------------------------


def test_metadata_is_read_from_the_package(spec_support):
    meta = spec_support.read_metadata(ROOT / "app" / "__init__.py")
    assert meta == {"APP_NAME": app.APP_NAME, "APP_ID": app.APP_ID, "__version__": app.__version__}


def test_metadata_missing_a_version_stops_the_build(spec_support, tmp_path):
    init = tmp_path / "__init__.py"
    init.write_text('APP_NAME = "X"\nAPP_ID = "x"\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="__version__"):
        spec_support.read_metadata(init)


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2", (2, 0, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4))],
)
def test_version_tuple(spec_support, version, expected):
    assert spec_support.version_tuple(version) == expected


def test_version_tuple_refuses_a_version_without_numbers(spec_support):
    with pytest.raises(SystemExit):
        spec_support.version_tuple("dev")


def _eval_version_text(text: str) -> dict:
    """Evaluate the Windows version resource text as PyInstaller does, with recording stand-ins."""

    def record(kind):
        return lambda *args, **kwargs: {"kind": kind, "args": args, "kwargs": kwargs}

    names = [
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ]
    return eval(text, {name: record(name) for name in names})  # noqa: S307 (our own generated text)


def test_windows_version_resource_carries_the_package_version(spec_support):
    meta = spec_support.read_metadata(ROOT / "app" / "__init__.py")
    info = _eval_version_text(spec_support.windows_version_text(meta))
    assert info["kind"] == "VSVersionInfo"
    ffi = info["kwargs"]["ffi"]["kwargs"]
    assert ffi["filevers"] == ffi["prodvers"] == spec_support.version_tuple(app.__version__)
    table = info["kwargs"]["kids"][0]["args"][0][0]
    strings = {s["args"][0]: s["args"][1] for s in table["args"][1]}
    assert strings["ProductVersion"] == strings["FileVersion"] == app.__version__
    assert strings["ProductName"] == app.APP_NAME
    assert strings["OriginalFilename"] == f"{app.APP_ID}.exe"


def test_info_plist(spec_support):
    plist = spec_support.info_plist({"APP_NAME": app.APP_NAME, "APP_ID": app.APP_ID, "__version__": "1.2.3"})
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == "1.2.3"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSMinimumSystemVersion"]
    [doc_type] = plist["CFBundleDocumentTypes"]
    [uti] = plist["UTExportedTypeDeclarations"]
    assert doc_type["LSItemContentTypes"] == [uti["UTTypeIdentifier"]]
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["rcs.json"]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6\\Qt\\plugins\\imageformats\\qgif.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtbase_uk.qm", True),  # Qt's own texts in the program's language
        ("PySide6\\Qt\\translations\\qtbase_uk.qm", True),
        ("PySide6/Qt/translations/qt_uk.qm", False),  # only a list of other catalogs
        ("PySide6/Qt/translations/qtdeclarative_uk.qm", False),
        ("app/language/locale/uk/LC_MESSAGES/rcs_desk.mo", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("certifi/cacert.pem", True),
        ("resources/icons/rcs-desk.png", True),
    ],
)
def test_keep_file(spec_support, dest, kept):
    assert spec_support.keep_file(dest) is kept


def test_qt_is_kept_in_each_language_the_program_speaks(spec_support):
    shipped = sorted(path.parent.parent.name for path in (ROOT / "app" / "language" / "locale").glob("*/*/*.mo"))
    assert spec_support.program_languages() == shipped
    assert "uk" in shipped
    assert {f"qtbase_{code}.qm" for code in shipped} == spec_support.KEPT_QT_TRANSLATIONS


def _qm_sections(path: Path) -> dict[int, bytes]:
    """The tagged sections of a Qt .qm catalog (after its 16-byte magic number): tag -> bytes."""
    data = path.read_bytes()
    sections, at = {}, 16
    while at < len(data):
        tag, length = data[at], struct.unpack(">I", data[at + 1 : at + 5])[0]
        sections[tag] = data[at + 5 : at + 5 + length]
        at += 5 + length
    return sections


def test_the_kept_qt_catalogs_need_no_other_catalog(spec_support):
    """QTranslator also loads a catalog's dependencies (section 0x96): qt_uk.qm names qtbase_uk and
    qtmultimedia_uk; qtbase_uk.qm itself must name none, or they would have to be kept too."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    dependencies = 0x96
    assert dependencies in _qm_sections(folder / "qt_uk.qm")  # the reading is right: the meta catalog has them
    for name in spec_support.KEPT_QT_TRANSLATIONS:
        sections = _qm_sections(folder / name)
        assert sections and dependencies not in sections, name


def test_keep_collected_filters_hook_pairs(spec_support):
    pairs = [
        ("/x/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms"),
        ("/x/plugins/platforms/libqlinuxfb.so", "PySide6/Qt/plugins/platforms"),
        ("/x/translations/qt_fr.qm", "PySide6/Qt/translations"),
    ]
    assert spec_support.keep_collected(pairs) == pairs[:1]


def test_excludes_leave_out_test_tools_and_unused_qt(spec_support):
    excluded = set(spec_support.EXCLUDED_MODULES)
    assert {
        "tkinter",
        "pytest",
        "_pytest",
        "hypothesis",
        "setuptools",
        "pip",
        "PySide6.QtNetwork",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtPdf",
    } <= excluded
    used = {
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
        "httpx",
        "keyring",
        "certifi",
        "rcs_desk",
        "app",
        "ui",
    }
    assert not used & excluded


def test_qt_modules_the_program_imports_are_not_excluded(spec_support):
    """A new `from PySide6.QtX import` in app/ or ui/ must not be silently excluded from the package."""
    imported = set()
    for path in [*ROOT.joinpath("ui").rglob("*.py"), *ROOT.joinpath("app").rglob("*.py")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] in ("from", "import") and words[1].startswith("PySide6."):
                imported.add(words[1].rstrip(","))
    assert imported, "expected ui/ to import PySide6 modules"
    assert not imported & set(spec_support.EXCLUDED_MODULES)


def test_hooks_use_the_shared_rules():
    hooks = sorted((ROOT / "build_spec" / "hooks").glob("hook-PySide6.*.py"))
    assert {h.name for h in hooks} == {"hook-PySide6.QtCore.py", "hook-PySide6.QtGui.py", "hook-PySide6.QtWidgets.py"}
    for hook in hooks:
        source = hook.read_text(encoding="utf-8")
        compile(source, str(hook), "exec")
        assert "add_qt6_dependencies(__file__)" in source and "keep_collected(binaries)" in source


# --- the spec itself, run with stand-ins for PyInstaller's classes ------------------------------


class _Recorder:
    calls: list[tuple[str, tuple, dict]]

    def __init__(self) -> None:
        self.calls = []

    def factory(self, kind: str):
        recorder = self

        def make(*args, **kwargs):
            recorder.calls.append((kind, args, kwargs))
            if kind == "Analysis":
                return SimpleNamespace(
                    binaries=[
                        ("PySide6/Qt/plugins/platforms/libqvnc.so", "/src", "BINARY"),
                        ("PySide6/Qt/lib/libQt6Core.so.6", "/src", "BINARY"),
                    ],
                    datas=[
                        ("PySide6/Qt/translations/qtbase_fr.qm", "/src", "DATA"),
                        ("PySide6/Qt/translations/qtbase_uk.qm", "/src", "DATA"),
                    ],
                    pure=[],
                    scripts=[],
                )
            return SimpleNamespace(kind=kind, args=args, kwargs=kwargs)

        return make

    def of(self, kind: str) -> list[tuple[tuple, dict]]:
        return [(args, kwargs) for k, args, kwargs in self.calls if k == kind]


def run_spec(monkeypatch, tmp_path: Path, platform: str, identity: str = "") -> tuple[_Recorder, dict]:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec adds build_spec/ to it
    monkeypatch.setenv("RCS_DESK_CODESIGN_IDENTITY", identity)
    # PyInstaller itself is not needed (it is in the build extra, not the test extra)
    hooks = SimpleNamespace(collect_submodules=lambda package: [package, f"{package}.everything"])
    monkeypatch.setitem(sys.modules, "PyInstaller", SimpleNamespace(utils=SimpleNamespace(hooks=hooks)))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils", SimpleNamespace(hooks=hooks))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    recorder = _Recorder()
    namespace = {
        "__name__": "__main__",
        "__file__": str(SPEC),
        "SPECPATH": str(SPEC.parent),
        "workpath": str(tmp_path / "build"),
        "DISTPATH": str(tmp_path / "dist"),
        **{kind: recorder.factory(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)  # noqa: S102
    return recorder, namespace


def test_spec_linux(monkeypatch, tmp_path):
    recorder, _ = run_spec(monkeypatch, tmp_path, "linux")
    [(_, analysis)] = recorder.of("Analysis")
    assert analysis["noarchive"] is True
    assert Path(analysis["hookspath"][0], "hook-PySide6.QtGui.py").is_file()
    datas = {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in analysis["datas"]}
    assert datas["resources/icons/rcs-desk.png"] == "resources/icons"
    assert datas["app/sandbox/media"] == "app/sandbox/media"
    # the compiled catalogs, where app.language looks for them (beside app/language/catalogs.py)
    assert datas["app/language/locale/uk/LC_MESSAGES/rcs_desk.mo"] == "app/language/locale/uk/LC_MESSAGES"
    assert all(Path(src).exists() for src, _dest in analysis["datas"])
    assert "tkinter" in analysis["excludes"]
    # every module of app/ and ui/, since commands are imported by name at run time
    assert {"app.everything", "ui.everything"} <= set(analysis["hiddenimports"])
    [(_, exe)] = recorder.of("EXE")
    assert exe["name"] == "rcs-desk" and exe["console"] is True and exe["icon"] is None
    assert exe["version"] is None and exe["strip"] is True and exe["upx"] is False
    [(collect_args, collect)] = recorder.of("COLLECT")
    assert collect["name"] == "rcs-desk"
    # the spec's own filter, after the hooks: an unwanted plugin and a translation are dropped
    assert [entry[0] for entry in collect_args[1]] == ["PySide6/Qt/lib/libQt6Core.so.6"]
    assert [entry[0] for entry in collect_args[2]] == ["PySide6/Qt/translations/qtbase_uk.qm"]
    assert recorder.of("BUNDLE") == []


def test_spec_windows(monkeypatch, tmp_path):
    recorder, _ = run_spec(monkeypatch, tmp_path, "win32")
    exes = {kwargs["name"]: kwargs for _args, kwargs in recorder.of("EXE")}
    assert set(exes) == {"rcs-desk", "rcs-desk-cli"}
    assert exes["rcs-desk"]["console"] is False  # windowed
    assert exes["rcs-desk-cli"]["console"] is True
    assert exes["rcs-desk"]["icon"].endswith("rcs-desk.ico")
    assert exes["rcs-desk"]["strip"] is False
    version_file = Path(exes["rcs-desk"]["version"])
    assert version_file.parent == tmp_path / "build"
    info = _eval_version_text(version_file.read_text(encoding="utf-8"))
    assert info["kwargs"]["ffi"]["kwargs"]["filevers"][:3] == tuple(int(p) for p in app.__version__.split(".")[:3])
    [(collect_args, _)] = recorder.of("COLLECT")
    assert len([a for a in collect_args if getattr(a, "kind", None) == "EXE"]) == 2


def test_spec_macos(monkeypatch, tmp_path):
    recorder, _ = run_spec(monkeypatch, tmp_path, "darwin")
    [(_, exe)] = recorder.of("EXE")
    assert exe["console"] is False and exe["icon"].endswith("rcs-desk.icns") and exe["codesign_identity"] is None
    [(_, bundle)] = recorder.of("BUNDLE")
    assert bundle["name"] == f"{app.APP_NAME}.app"
    assert bundle["bundle_identifier"] == f"world.wwt.{app.APP_ID}"
    assert bundle["version"] == app.__version__
    assert bundle["info_plist"]["NSHighResolutionCapable"] is True


def test_spec_macos_signs_only_with_an_identity(monkeypatch, tmp_path):
    recorder, _ = run_spec(monkeypatch, tmp_path, "darwin", identity="Developer ID Application: WWT")
    exe = recorder.of("EXE")[0][1]
    assert exe["codesign_identity"] == "Developer ID Application: WWT"
    assert Path(exe["entitlements_file"]).is_file()
    recorder, _ = run_spec(monkeypatch, tmp_path, "linux", identity="Developer ID Application: WWT")
    assert recorder.of("EXE")[0][1]["codesign_identity"] is None  # macOS only


# --- icons --------------------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_source_image_is_an_svg_without_text():
    root = ET.parse(ROOT / "resources" / "icon.svg").getroot()  # noqa: S314 - the project's own file
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 512 512"
    assert not [el for el in root.iter() if el.tag.endswith("text")]


def test_png_icons():
    assert _png_size((ICONS / "rcs-desk.png").read_bytes()) == (512, 512)
    assert _png_size((ICONS / "rcs-desk-256.png").read_bytes()) == (256, 256)


def test_ico_holds_16_to_256():
    data = (ICONS / "rcs-desk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for index in range(count):
        width, _height, _colors, _res, _planes, bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert offset + length <= len(data) and bpp == 32
        size = width or 256
        payload = data[offset : offset + length]
        if payload.startswith(b"\x89PNG"):
            assert _png_size(payload) == (size, size)
        else:  # BITMAPINFOHEADER: width, then twice the height (image and mask)
            assert struct.unpack_from("<Iii", payload, 0) == (40, size, 2 * size)
        sizes.add(size)
    assert {16, 24, 32, 48, 64, 128, 256} <= sizes


def test_icns_holds_16_to_1024():
    data = (ICONS / "rcs-desk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    position, sizes = 8, {}
    while position < len(data):
        kind, length = struct.unpack_from(">4sI", data, position)
        if kind != b"TOC ":
            sizes[kind] = _png_size(data[position + 8 : position + length])[0]
        position += length
    assert position == len(data)
    assert sizes[b"icp4"] == 16 and sizes[b"ic07"] == 128 and sizes[b"ic08"] == 256
    assert sizes[b"ic09"] == 512 and sizes[b"ic10"] == 1024


# --- resources at run time ----------------------------------------------------------------------


def test_window_icon_found_from_source():
    path = resources.window_icon_path()
    assert path is not None and path == ICONS / "rcs-desk.png"


def test_window_icon_comes_from_the_installed_package():
    """The editable install maps the top-level resources/ folder to the package rcs_desk.resources."""
    assert Path(str(files(resources.PACKAGE))).resolve() == ROOT / "resources"
    path = resources.window_icon_path()
    assert path is not None and path.is_file()
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_resources_found_in_a_checkout_that_was_never_installed(monkeypatch):
    def not_installed(package):
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(resources, "files", not_installed)
    assert resources.resources_dir() == ROOT / "resources"
    assert resources.window_icon_path() == ICONS / "rcs-desk.png"


def test_resources_in_an_archive_are_extracted_to_a_real_path(monkeypatch, tmp_path):
    """Qt opens the icon by file name: a package read from a zip hands out an extracted copy."""
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("rcs_desk/resources/icons/rcs-desk.png", b"png bytes")
    monkeypatch.setattr(resources, "files", lambda package: zipfile.Path(archive, "rcs_desk/resources/"))
    path = resources.window_icon_path()
    assert path is not None and path.is_file() and path.read_bytes() == b"png bytes"
    assert resources.resource_path("icons/missing.png") is None


def test_every_package_is_listed():
    """pyproject.toml lists its packages (discovery cannot map resources/): a new folder of code goes there."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {
        ".".join(folder.relative_to(ROOT).parts)
        for top in ("app", "ui", "rcs_desk")
        for folder in [ROOT / top, *(ROOT / top).rglob("*")]
        if folder.is_dir()
        and "__pycache__" not in folder.parts
        and any(child.is_file() and child.suffix != ".pyc" for child in folder.iterdir())
    }
    expected = folders | {"rcs_desk.resources", "rcs_desk.resources.icons"}
    missing, extra = sorted(expected - set(config["packages"])), sorted(set(config["packages"]) - expected)
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml, or the wheel lacks them"
    assert not extra, f"{extra} in pyproject.toml's packages have no folder"
    assert config["package-dir"] == {"rcs_desk.resources": "resources"}


@pytest.mark.slow
def test_wheel_carries_the_resources(tmp_path):
    """`pip install .`: the wheel holds the icons as rcs_desk.resources (and every module), and the
    installed program, without the editable install, finds its window icon there."""
    source = tmp_path / "source"
    skipped = shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*cache", ".hypothesis"
    )
    shutil.copytree(ROOT, source, ignore=skipped)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "-w", str(tmp_path / "wheels"), "--no-deps", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (tmp_path / "wheels").glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(site)
    assert {
        "rcs_desk/resources/__init__.py",
        "rcs_desk/resources/icon.svg",
        "rcs_desk/resources/icons/rcs-desk.png",
        "rcs_desk/resources/icons/rcs-desk-256.png",
        "rcs_desk/resources/icons/rcs-desk.ico",
        "rcs_desk/resources/icons/rcs-desk.icns",
        "app/language/locale/uk/LC_MESSAGES/rcs_desk.mo",  # the Ukrainian catalog
    } <= names
    assert not [name for name in names if name.startswith("resources/")]  # no top-level "resources" package
    modules = {
        path.relative_to(source).as_posix()
        for top in ("app", "ui", "rcs_desk")
        for path in (source / top).rglob("*.py")
    }
    assert modules <= names
    # -S: no site-packages, so neither this checkout nor its editable install; only the unpacked wheel
    found = subprocess.run(
        [sys.executable, "-S", "-c", "from app.platform.resources import window_icon_path; print(window_icon_path())"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()) == site / "rcs_desk" / "resources" / "icons" / "rcs-desk.png"


def test_resources_found_in_a_frozen_program(monkeypatch, tmp_path):
    (tmp_path / "resources" / "icons").mkdir(parents=True)
    (tmp_path / "resources" / "icons" / "rcs-desk.png").write_bytes(b"png")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.is_frozen()
    assert resources.window_icon_path() == tmp_path / "resources" / "icons" / "rcs-desk.png"
    assert resources.resource_path("icons/missing.png") is None


# --- the workflow -------------------------------------------------------------------------------


def test_workflow_builds_checks_and_uploads_on_three_systems():
    import yaml

    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = workflow["jobs"]["package"]
    runners = [entry["os"] for entry in job["strategy"]["matrix"]["include"]]
    assert any(r.startswith("windows") for r in runners)
    assert any(r.startswith("ubuntu") for r in runners)
    assert "macos-15" in runners and "macos-15-intel" in runners  # Apple silicon and Intel
    text = "\n".join(str(step.get("run", "")) for step in job["steps"])
    assert "python -m pytest" in text
    assert "python -m PyInstaller --noconfirm build_spec/rcs_desk.spec" in text
    assert text.count("build_spec/check_frozen.py") >= 3
    assert any(str(step.get("uses", "")).startswith("actions/upload-artifact") for step in job["steps"])
    signing = [step for step in job["steps"] if any(w in step.get("name", "") for w in ("Sign", "sign", "Notarize"))]
    assert len(signing) >= 3
    for step in signing:  # never run without the secrets
        assert "!= ''" in step["if"] and ("CERTIFICATE" in step["if"])


def test_readme_documents_the_build_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python -m PyInstaller --noconfirm build_spec/rcs_desk.spec" in readme
    assert "build_spec/make_icons.py" in readme


# --- Windows console ---------------------------------------------------------------------------


class FakeKernel32:
    def __init__(self, attached: bool) -> None:
        self.attached = attached
        self.calls: list[int] = []

    def AttachConsole(self, pid: int) -> int:  # noqa: N802 (the Windows name)
        self.calls.append(pid)
        return 1 if self.attached else 0


def test_windowed_program_attaches_to_the_parent_console(monkeypatch):
    console = io.StringIO()
    monkeypatch.setattr(windows_console, "_console_stream", lambda: console)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdin", None)
    kernel32 = FakeKernel32(attached=True)
    assert windows_console.attach_parent_console(kernel32) is True
    assert kernel32.calls == [windows_console.ATTACH_PARENT_PROCESS]
    print("hello")  # noqa: T201 - where print goes is what is tested
    assert sys.stdout is console and sys.stderr is console
    assert console.getvalue() == "\nhello\n"
    assert sys.stdin.read() == ""  # no typed input: commands that ask refuse, as without a terminal
    sys.stdin.close()


def test_no_console_to_attach_leaves_streams_alone(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert windows_console.attach_parent_console(FakeKernel32(attached=False)) is False
    assert sys.stdout is None


def test_console_program_or_redirected_output_is_left_alone():
    kernel32 = FakeKernel32(attached=True)
    assert windows_console.attach_parent_console(kernel32) is False
    assert kernel32.calls == []


def test_opening_the_window_never_attaches(monkeypatch):
    attached = []
    monkeypatch.setattr(windows_console, "attach_parent_console", lambda: attached.append(1) or True)
    assert windows_console.attach_for_terminal_use(["campaign.rcs.json"], command_given=False) is False
    assert windows_console.attach_for_terminal_use(["--demo"], command_given=False) is False
    assert windows_console.attach_for_terminal_use(["--version"], command_given=False) is True
    assert windows_console.attach_for_terminal_use(["self-test"], command_given=True) is True
    assert len(attached) == 2


def test_not_windows_does_nothing(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "stdout", None)
    assert windows_console.attach_parent_console() is False


# --- keyring report ----------------------------------------------------------------------------


def test_keyring_report_names_the_backends_or_why_not():
    from app.platform import keyring_info

    assert {"SecretService", "Windows", "macOS"} <= set(keyring_info.backend_modules())
    report = keyring_info.keyring_report()
    assert report.startswith(("usable: ", "none usable"))


def test_keyring_report_when_the_metadata_was_not_packaged(monkeypatch):
    from app.platform import keyring_info

    monkeypatch.setattr(keyring_info.metadata, "entry_points", lambda group: [])
    assert "package metadata missing" in keyring_info.keyring_report()


def test_keyring_report_says_why_a_backend_cannot_load(monkeypatch):
    from app.platform import keyring_info

    class BrokenEntryPoint:
        name = "Broken"

        def load(self):
            raise ImportError("no module named secretstorage")

    monkeypatch.setattr(keyring_info.metadata, "entry_points", lambda group: [BrokenEntryPoint()])
    assert keyring_info.keyring_report() == (
        "none usable (Broken: cannot load (ImportError: no module named secretstorage))"
    )


# --- the frozen-program checker, against stand-in programs -------------------------------------

FAKE_PROGRAM = textwrap.dedent(
    """
    import os, sys, pathlib
    args = sys.argv[1:]
    misbehave = os.environ.get("FAKE_MISBEHAVE", "")
    if misbehave == "stderr":
        print("Warning: something", file=sys.stderr)
    if args == ["--version"]:
        print(os.environ["FAKE_VERSION"])
    elif args[:1] == ["validate"] and args[1].endswith("no-sender.rcs.json"):
        ukrainian = os.environ.get("LANG", "").startswith("uk") and misbehave != "english"
        print("error: sender: " + os.environ["FAKE_NO_SENDER_UK" if ukrainian else "FAKE_NO_SENDER"])
        sys.exit(1)
    elif args[:1] == ["validate"]:
        print("No problems found.")
    elif args == ["self-test"]:
        print("self-test ok: campaign 1 sent (demo); window icon ok, certificates ok, time zones ok, keyring: none")
    elif args[:1] == ["test"] and misbehave != "no numbering plans":
        print("Nothing was sent. Before a test, fix this:", file=sys.stderr)
        print("\u2022 \u201c%s\u201d is one digit short for a Ukrainian number." % args[-1], file=sys.stderr)
        sys.exit(1)
    elif os.environ.get("RCS_DESK_REPORT_FIRST_PAINT"):
        print("first-paint title=%r" % (pathlib.Path(args[-1]).name + " - RCS Campaign Desk"))
        folder = pathlib.Path(os.environ["HOME"], ".config", "rcs-desk")
        if misbehave == "beside":
            folder = pathlib.Path(sys.argv[0]).parent
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "window.ini").write_text("[window]")
    else:
        sys.exit(5)
    """
)


@pytest.fixture
def fake_program(tmp_path, monkeypatch):
    if sys.platform == "win32":
        pytest.skip("the stand-in program is a POSIX shell script")
    folder = tmp_path / "dist" / "rcs-desk"
    folder.mkdir(parents=True)
    (folder / "fake.py").write_text(FAKE_PROGRAM, encoding="utf-8")
    program = folder / "rcs-desk"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{folder / "fake.py"}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    qt_translations = folder / "_internal" / "PySide6" / "Qt" / "translations"
    qt_translations.mkdir(parents=True)
    (qt_translations / "qtbase_uk.qm").write_bytes(b"")
    monkeypatch.setenv("FAKE_VERSION", f"{app.APP_NAME} {app.__version__}")
    monkeypatch.syspath_prepend(str(ROOT / "build_spec"))
    import check_frozen

    monkeypatch.setenv("FAKE_NO_SENDER", f"RCS agent: {check_frozen.NO_SENDER}")
    monkeypatch.setenv("FAKE_NO_SENDER_UK", f"Агент RCS: {check_frozen.ukrainian_words(check_frozen.NO_SENDER)}")

    monkeypatch.setattr(check_frozen.shutil, "which", lambda name: None)  # no D-Bus keyring check here
    return program, check_frozen


def test_checker_passes_a_well_behaved_program(fake_program, capsys):
    program, check_frozen = fake_program
    assert check_frozen.main([str(program)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "checks: 9 passed, 0 failed"
    assert "ok   Ukrainian: error: sender: Агент RCS: " in out
    assert "ok   open file: first-paint title='spring-sale.rcs.json - RCS Campaign Desk'" in out


@pytest.mark.parametrize(
    ("misbehave", "failing"),
    [
        ("stderr", "FAIL version: --version: unexpected output on standard error"),
        ("beside", "FAIL open file: nothing was saved in the user folders"),
        ("english", "FAIL Ukrainian: validate on a Ukrainian system printed 'error: sender: RCS agent: Enter"),
        ("no numbering plans", "spring-sale.rcs.json --to +380 99 123 45 6: exit code 5"),
    ],
)
def test_checker_fails_a_misbehaving_program(fake_program, capsys, monkeypatch, misbehave, failing):
    program, check_frozen = fake_program
    monkeypatch.setenv("FAKE_MISBEHAVE", misbehave)
    assert check_frozen.main([str(program)]) == 1
    out = capsys.readouterr().out
    assert failing in out
    if misbehave == "beside":
        assert "FAIL user folders only: files written next to the executable: ['window.ini']" in out


def test_checker_fails_a_wrong_version(fake_program, capsys, monkeypatch):
    program, check_frozen = fake_program
    monkeypatch.setenv("FAKE_VERSION", "RCS Campaign Desk 0.0.0")
    assert check_frozen.main([str(program)]) == 1
    assert "FAIL version: --version printed 'RCS Campaign Desk 0.0.0'" in capsys.readouterr().out


def test_checker_needs_a_program(capsys, monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(ROOT / "build_spec"))
    import check_frozen

    assert check_frozen.main([str(tmp_path / "nothing")]) == 2


def test_scripts_parse():
    for script in ("benchmarks/bench_package.py", "benchmarks/hello_window.py", "build_spec/make_icons.py"):
        compile((ROOT / script).read_text(encoding="utf-8"), script, "exec")


# --- first paint report (benchmarks, .ci/run) --------------------------------------------------


def test_first_paint_is_reported_with_the_title(qtbot, monkeypatch, capsys):
    from PySide6.QtWidgets import QLabel, QMainWindow

    from ui.shell.first_paint import report_first_paint

    monkeypatch.setenv("RCS_DESK_REPORT_FIRST_PAINT", "quit")
    window = QMainWindow()
    window.setWindowTitle("spring-sale.rcs.json - RCS Campaign Desk")
    window.setCentralWidget(QLabel("hello"))
    qtbot.addWidget(window)
    reporter = report_first_paint(window)
    assert reporter is not None
    window.show()
    qtbot.waitUntil(lambda: reporter.reported, timeout=5000)
    assert capsys.readouterr().out == "first-paint title='spring-sale.rcs.json - RCS Campaign Desk'\n"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)  # "quit": closed after the report


def test_first_paint_report_is_off_by_default(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from ui.shell.first_paint import report_first_paint

    monkeypatch.delenv("RCS_DESK_REPORT_FIRST_PAINT", raising=False)
    widget = QWidget()
    qtbot.addWidget(widget)
    assert report_first_paint(widget) is None
