"""Check the Windows installer for real: install, upgrade and remove it, as staff and IT would, silently.

    python build_spec/check_installer.py dist/rcs-desk-0.1.0-windows-x64-setup.exe
    python build_spec/check_installer.py --wine wine64 --stand-in SETUP.exe   # trying it on Linux

For build machines only (the package workflow's Windows job): it installs and removes the program for
the person running it, and the last check removes that person's data and saved API key the way
"also remove my data" does (their data folder is moved aside first and put back after). It refuses
to run without the CI environment variable (GitHub sets it), or where the program is installed already.

1. ``/S`` installs into %LOCALAPPDATA%\\Programs\\<name>, with a Start menu entry and no desktop shortcut;
2. Apps & features lists it (name, version, publisher, icon, size, uninstall commands), per person (HKCU);
3. the campaign file type opens the installed program, and it is offered for .json files;
4. the installed program answers ``--version`` (not with ``--stand-in``: a stand-in runs nothing);
5. while the program runs, the installer changes nothing and ends with exit code 2 (not with --stand-in);
6. installing again (an upgrade, with ``/DESKTOP=1``) keeps the folder and the person's data;
7. Apps & features' quiet uninstall removes every file, shortcut and registry key, and keeps the data;
8. ``/D=`` installs elsewhere, and uninstalling with ``/REMOVEDATA`` also removes the data.

``--wine`` runs the Windows programs through Wine (makensis -XTarget amd64-unicode builds an installer
64-bit Wine runs), to try this script where there is no Windows. Prints one line per check and, last,
``checks: N passed, N failed``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from installer_support import installer_defines

TIMEOUT_S = 300
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall"
ABORTED = 2  # the installer's exit code when it changed nothing (NSIS: aborted)


class CheckFailed(Exception):
    pass


class Machine:
    """Runs Windows programs: on this Windows, or through Wine."""

    def __init__(self, wine: str | None) -> None:
        self.wine = wine

    def command(self, program: str, *args: str) -> list[str] | str:
        if self.wine:
            return [self.wine, program, *args]
        # One command line, as typed: NSIS reads /D= to the end of the line, unquoted.
        return subprocess.list2cmdline([program]) + "".join(f" {arg}" for arg in args)

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(program, *args),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    def variable(self, name: str) -> str:
        """An environment variable as Windows programs see it."""
        if not self.wine:
            return os.environ[name]
        return self.run("cmd", "/c", f"echo %{name}%").stdout.strip()

    def path(self, windows_path: str) -> Path:
        """Where a Windows path is for this script."""
        if not self.wine:
            return Path(windows_path)
        return Path(self.run("winepath", "-u", windows_path).stdout.strip())

    def registry(self, key: str) -> dict[str, str] | None:
        """The values of a registry key (the unnamed one as ""), None when it does not exist."""
        result = self.run("reg", "query", key)
        if result.returncode:
            return None
        values = {}
        for line in result.stdout.splitlines():
            match = re.match(r"\s+(.*?)\s+(REG_\w+)\s*(.*)$", line)
            if match and not line.startswith("HKEY"):
                name = "" if match.group(1).startswith("(") else match.group(1)  # "(Default)"
                values[name] = match.group(3).strip()
        return values


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """The uninstaller copies itself away and returns at once: wait for its work."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise CheckFailed(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("setup", type=Path, help="the installer")
    parser.add_argument("--wine", help="run Windows programs with this Wine (e.g. wine64)")
    parser.add_argument("--stand-in", action="store_true", help="the installer holds a stand-in folder")
    args = parser.parse_args(argv)
    if not os.environ.get("CI"):
        raise SystemExit("check_installer: for build machines only (set CI=1): it removes this person's data")
    machine = Machine(args.wine)
    meta = installer_defines()
    name, app_id = meta["APP_NAME"], meta["APP_ID"]
    setup = str(args.setup.resolve())
    key = f"{UNINSTALL_KEY}\\{app_id}"
    if machine.registry(key) is not None:
        raise SystemExit(f"check_installer: {name} is installed on this computer already: use a build machine")
    local = machine.variable("LOCALAPPDATA")
    folder_win = f"{local}\\Programs\\{name}"
    folder = machine.path(folder_win)
    data = machine.path(f"{local}\\{meta['DATA_DIR_NAME']}")
    start_menu = machine.path(f"{machine.variable('APPDATA')}\\Microsoft\\Windows\\Start Menu\\Programs\\{name}.lnk")
    desktop = machine.path(f"{machine.variable('USERPROFILE')}\\Desktop\\{name}.lnk")
    marker = data / "check-installer-marker.txt"
    elsewhere = Path(tempfile.mkdtemp(prefix="rcs-setup-"))  # /D= takes no spaces in Wine's command lines
    elsewhere_win = str(elsewhere) if not args.wine else "Z:" + str(elsewhere).replace("/", "\\")
    backup = data.with_name(data.name + ".before-check")
    if data.exists():
        data.rename(backup)

    def install(*options: str, expect: int = 0) -> None:
        result = machine.run(setup, "/S", *options)
        if result.returncode != expect:
            raise CheckFailed(f"setup /S {' '.join(options)} ended with {result.returncode}, expected {expect}")

    def check_install() -> str:
        install()
        missing = [f for f in (f"{app_id}.exe", f"{app_id}-cli.exe", "uninstall.exe") if not (folder / f).is_file()]
        if missing or not start_menu.is_file() or desktop.exists():
            raise CheckFailed(f"missing {missing}, Start menu {start_menu.is_file()}, desktop {desktop.exists()}")
        return f"{sum(1 for _ in folder.rglob('*'))} files and folders in {folder_win}; a Start menu entry"

    def check_apps_and_features() -> str:
        values = machine.registry(key) or {}
        exe = f"{folder_win}\\{app_id}.exe"
        expected = {
            "DisplayName": name,
            "DisplayVersion": meta["APP_VERSION"],
            "Publisher": meta["PUBLISHER"],
            "DisplayIcon": f"{exe},0",
            "InstallLocation": folder_win,
            "UninstallString": f'"{folder_win}\\uninstall.exe"',
            "QuietUninstallString": f'"{folder_win}\\uninstall.exe" /S',
        }
        wrong = {k: values.get(k) for k, v in expected.items() if values.get(k) != v}
        size = int(values.get("EstimatedSize", "0"), 0)
        if wrong or size <= 0:
            raise CheckFailed(f"wrong or missing: {wrong}, EstimatedSize {size}")
        if machine.registry(key.replace("HKCU", "HKLM")) is not None:
            raise CheckFailed("written for everyone (HKLM), not for this person")
        return f"{name} {values['DisplayVersion']} by {values['Publisher']}, {size:,} KB, in HKCU"

    def check_file_type() -> str:
        classes = r"HKCU\Software\Classes"
        command = (machine.registry(f"{classes}\\{meta['PROG_ID']}\\shell\\open\\command") or {}).get("")
        expected = f'"{folder_win}\\{app_id}.exe" "%1"'
        offered = machine.registry(f"{classes}\\.json\\OpenWithProgids") or {}
        suffix = (machine.registry(f"{classes}\\{meta['FILE_SUFFIX']}") or {}).get("")
        if command != expected or meta["PROG_ID"] not in offered or suffix != meta["PROG_ID"]:
            raise CheckFailed(f"open command {command!r}, .json offers {sorted(offered)}, suffix {suffix!r}")
        return f"{meta['FILE_SUFFIX']} and Open with for .json: {command}"

    def check_version() -> str:
        result = machine.run(str(folder / f"{app_id}-cli.exe"), "--version")
        if result.returncode or meta["APP_VERSION"] not in result.stdout:
            raise CheckFailed(f"--version: {result.returncode} {result.stdout!r} {result.stderr!r}")
        return result.stdout.strip()

    def check_refuses_while_running() -> str:
        running = subprocess.Popen(
            machine.command(str(folder / f"{app_id}-cli.exe"), "sandbox"),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        watchdog = threading.Timer(60, running.kill)  # a program that never answers fails the check
        watchdog.start()
        try:
            line = running.stdout.readline() if running.stdout else ""
            if "Demo server" not in line:
                raise CheckFailed(f"the program did not start: {line!r}")
            before = (folder / f"{app_id}.exe").stat().st_mtime_ns
            install(expect=ABORTED)
            if (folder / f"{app_id}.exe").stat().st_mtime_ns != before:
                raise CheckFailed("the installer changed the program while it ran")
        finally:
            watchdog.cancel()
            running.kill()
            running.wait(30)
            if running.stdout:
                running.stdout.close()
        return f"exit code {ABORTED}, the open program untouched"

    def check_upgrade() -> str:
        data.mkdir(parents=True, exist_ok=True)
        marker.write_text("a draft", encoding="utf-8")
        install("/DESKTOP=1")
        values = machine.registry(key) or {}
        if values.get("InstallLocation") != folder_win or not (folder / f"{app_id}.exe").is_file():
            raise CheckFailed(f"installed to {values.get('InstallLocation')!r}, not over {folder_win}")
        if not marker.is_file() or not desktop.is_file():
            raise CheckFailed(f"data kept {marker.is_file()}, desktop shortcut {desktop.is_file()}")
        return "same folder, data kept, a desktop shortcut added"

    def check_uninstall() -> str:
        quiet = (machine.registry(key) or {}).get("QuietUninstallString", "")
        program, _, options = quiet.partition('" ')
        result = machine.run(program.strip('"'), *options.split())
        wait_until(lambda: not folder.exists(), f"{folder} removed")
        left = [str(p) for p in (start_menu, desktop) if p.exists()]
        left += [k for k in (key, rf"HKCU\Software\Classes\{meta['PROG_ID']}") if machine.registry(k) is not None]
        offered = machine.registry(r"HKCU\Software\Classes\.json\OpenWithProgids") or {}
        if result.returncode or left or meta["PROG_ID"] in offered or not marker.is_file():
            raise CheckFailed(f"exit {result.returncode}; left behind {left} {sorted(offered)}; data {marker.exists()}")
        return "folder, shortcuts and registry keys gone; the data kept"

    def check_elsewhere_and_remove_data() -> str:
        target = f"{elsewhere_win}\\{app_id}"
        install(f"/D={target}")
        installed = machine.path(target)
        if not (installed / f"{app_id}.exe").is_file() or folder.exists():
            raise CheckFailed(f"/D={target} was not used")
        result = machine.run(f"{target}\\uninstall.exe", "/S", "/REMOVEDATA")
        wait_until(lambda: not installed.exists() and not data.exists(), "program and data removed")
        if result.returncode:
            raise CheckFailed(f"the uninstaller ended with {result.returncode}")
        return f"installed to {target}, removed with the data"

    checks: list[tuple[str, Callable[[], str]]] = [
        ("install", check_install),
        ("Apps & features", check_apps_and_features),
        ("file type", check_file_type),
    ]
    if not args.stand_in:
        checks += [("installed program runs", check_version), ("program open", check_refuses_while_running)]
    checks += [
        ("upgrade", check_upgrade),
        ("uninstall", check_uninstall),
        ("/D= and /REMOVEDATA", check_elsewhere_and_remove_data),
    ]
    passed, failed = 0, 0
    started = time.monotonic()
    try:
        for check_name, check in checks:
            try:
                detail = check()
            except CheckFailed as exc:
                failed += 1
                print(f"FAIL {check_name}: {exc}", flush=True)
                break  # each check builds on the one before
            passed += 1
            print(f"ok   {check_name}: {detail}", flush=True)
    finally:
        shutil.rmtree(elsewhere, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
        if backup.exists():
            backup.rename(data)
    print(f"(checks took {time.monotonic() - started:.1f} s)")
    print(f"checks: {passed} passed, {failed} failed")
    return 1 if failed or passed < len(checks) else 0


if __name__ == "__main__":
    sys.exit(main())
