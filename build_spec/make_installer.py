"""Build the Windows installer with NSIS from the one-folder build, and check what makensis wrote.

    python build_spec/make_installer.py                # after build_spec/rcs_desk.spec, on Windows
    python build_spec/make_installer.py --output dist/rcs-desk-0.1.0-windows-x64-setup.exe
    python build_spec/make_installer.py --stand-in     # .ci/run: any system where makensis runs

The first reads dist/rcs-desk/ (rcs-desk.exe, rcs-desk-cli.exe, _internal/) and writes
dist/rcs-desk-VERSION-windows-x64-setup.exe. ``--stand-in`` compiles the same script against a few
small files named like the real ones, in a temporary folder: it checks the script, its defines and
the file list wherever NSIS's compiler runs (Linux too: Debian's nsis package). Either way the
result must be a Windows program carrying NSIS's data and the package's name, version and publisher.

Needs makensis 3.06 or newer (NSIS 3; on PATH or in NSIS's usual Windows folder) and only the
standard library.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from installer_support import (
    ICON,
    ROOT,
    SCRIPT,
    check_defines,
    define_arguments,
    files_nsh,
    installer_defines,
    installer_problems,
    side_bitmap,
)

MIN_MAKENSIS = (3, 6)  # DeleteRegKey /ifempty also checks for values (the uninstaller relies on it)
TIMEOUT_S = 600


def find_makensis() -> str | None:
    """makensis on PATH, or where NSIS's Windows setup puts it."""
    found = shutil.which("makensis")
    if found:
        return found
    for variable in ("ProgramFiles(x86)", "ProgramFiles"):
        folder = os.environ.get(variable)
        if folder and (Path(folder) / "NSIS" / "makensis.exe").is_file():
            return str(Path(folder) / "NSIS" / "makensis.exe")
    return None


def makensis_version(makensis: str) -> str:
    """makensis's version ("v3.08-3+deb12u1"); stops when it is older than MIN_MAKENSIS."""
    result = subprocess.run([makensis, "-VERSION"], capture_output=True, text=True, timeout=60, check=False)
    version = result.stdout.strip()
    match = re.match(r"v?(\d+)\.(\d+)", version)
    if result.returncode or not match:
        raise SystemExit(f"installer: {makensis} -VERSION did not answer with a version: {version!r}")
    if (int(match.group(1)), int(match.group(2))) < MIN_MAKENSIS:
        raise SystemExit(f"installer: makensis {version} is too old; NSIS 3.06 or newer is needed")
    return version


def build(makensis: str, source: Path, output: Path, work: Path) -> dict[str, str]:
    """Compile installer.nsi for the program in ``source`` into ``output``; the defines it used."""
    defines = installer_defines()
    for name in (f"{defines['APP_ID']}.exe", f"{defines['APP_ID']}-cli.exe"):
        if not (source / name).is_file():
            raise SystemExit(f"installer: {source / name} is missing: build the Windows program first")
    work.mkdir(parents=True, exist_ok=True)
    file_list = work / "files.nsh"
    file_list.write_text(files_nsh(source), encoding="utf-8")
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)
    bitmap = work / "side.bmp"
    bitmap.write_bytes(side_bitmap())
    paths = {"ICON": str(ICON), "SIDE_BITMAP": str(bitmap), "FILES_NSH": str(file_list), "OUTFILE": str(output)}
    check_defines(paths)
    command = [makensis, "-V2", "-WX", "-INPUTCHARSET", "UTF8", *define_arguments({**defines, **paths}), str(SCRIPT)]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=TIMEOUT_S, check=False)
    if result.returncode:
        print(result.stdout + result.stderr)
        raise SystemExit(f"installer: makensis failed (exit code {result.returncode})")
    problems = installer_problems(output, defines)
    if problems:
        raise SystemExit("installer: " + "; ".join(problems))
    return defines


# Named like the real build's files (the Windows folder of build_spec/rcs_desk.spec), a few KB each.
STAND_IN_FILES = (
    "{app_id}.exe",
    "{app_id}-cli.exe",
    "_internal/python312.dll",
    "_internal/base_library.zip",
    "_internal/PySide6/Qt6Core.dll",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/PySide6/plugins/imageformats/qico.dll",
    "_internal/resources/icons/rcs-desk.png",
    "_internal/app/sandbox/media/spring-sale.jpg",
    "_internal/certifi/cacert.pem",
)


def installer_name(defines: dict[str, str]) -> str:
    """rcs-desk-VERSION-windows-x64-setup.exe: beside the workflow's rcs-desk-VERSION-windows-x64.zip."""
    return f"{defines['APP_ID']}-{defines['APP_VERSION']}-windows-x64-setup.exe"


def make_stand_in(folder: Path, app_id: str) -> None:
    """A small folder shaped like dist/rcs-desk/ on Windows (random bytes: they do not compress away)."""
    for name in STAND_IN_FILES:
        path = folder / name.format(app_id=app_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(4096))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=ROOT / "dist" / "rcs-desk", help="the one-folder build")
    parser.add_argument("--output", type=Path, help="the installer to write")
    parser.add_argument("--stand-in", action="store_true", help="compile against a stand-in folder (a check)")
    args = parser.parse_args(argv)
    makensis = find_makensis()
    if makensis is None:
        raise SystemExit("installer: makensis (NSIS 3) was not found: install NSIS (Debian: apt-get install nsis)")
    version = makensis_version(makensis)
    if not args.stand_in:
        output = args.output or ROOT / "dist" / installer_name(installer_defines())
        build(makensis, args.source, output, ROOT / "build" / "installer")
        print(f"installer: {output} ({output.stat().st_size / 1e6:.1f} MB), made with makensis {version}")
        return 0
    with tempfile.TemporaryDirectory(prefix="rcs-desk-installer-") as temp:
        defines = installer_defines()
        stand_in = Path(temp) / defines["APP_ID"]
        make_stand_in(stand_in, defines["APP_ID"])
        output = args.output or Path(temp) / installer_name(defines)
        build(makensis, stand_in, output, Path(temp) / "work")
        print(
            f"installer: makensis {version} built a {output.stat().st_size // 1024} KB installer of "
            f"{defines['APP_NAME']} {defines['APP_VERSION']} from a stand-in folder; it is a Windows program "
            "with the package's name, version and publisher"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
