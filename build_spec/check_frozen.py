"""Check that a packaged rcs-desk really works: run by .ci/run and by the package workflow.

    python build_spec/check_frozen.py dist/rcs-desk/rcs-desk          # Linux
    python build_spec/check_frozen.py dist/rcs-desk/rcs-desk.exe      # Windows (and rcs-desk-cli.exe)
    python build_spec/check_frozen.py "dist/RCS Campaign Desk.app/Contents/MacOS/rcs-desk"

Each check runs the program offscreen, from an empty working folder, with a timeout, and fails
on a non-zero exit, on unexpected output, or on ANY output on standard error (the program's
expected standard error is empty: Qt's messages go to the log, and nothing else may leak).

1. ``--version`` prints the package's name and version;
2. ``validate examples/spring-sale.rcs.json`` finds no problem;
   on a Ukrainian system (``LANG=uk_UA.UTF-8``) ``validate`` of a file with a known problem says it in
   Ukrainian (the shipped catalog's words) after the same ``error: PATH:`` start, and Qt's own catalog
   (``qtbase_uk.qm``) is in the bundle;
3. ``self-test``: a demo campaign sent through the window's worker thread; the window icon, the
   certificate bundle and the time zones are found; the keyring backend is named, or why none is usable;
   where the tools exist (Linux: dbus-run-session, gnome-keyring-daemon), the self-test again
   in a private D-Bus session with a throwaway keyring, which must use the Secret Service;
4. the window opens the campaign file given on the command line (its title names it) and,
   closing, saves its settings in the platform's user folders; with Ukrainian chosen in those
   settings it opens again and finds Qt's catalog (else it says so on standard error);
5. ``test --to`` a Ukrainian number one digit short is refused in those words before anything is sent:
   the numbering plans (phonenumbers' data modules, which it imports lazily) are in the bundle;
6. nothing was written next to the executable or in the working folder.

Needs only the standard library and platformdirs (to know where the user folders are).
Prints one line per check and, last, ``checks: N passed, N failed``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 120
EXAMPLE = ROOT / "examples" / "spring-sale.rcs.json"
# A campaign with no sender: the problem validate finds, its path, and its English words (the source).
NO_SENDER_PATH = "sender"
NO_SENDER = "Enter the name of the RCS agent the message comes from."
UK_CATALOG = ROOT / "app" / "language" / "locale" / "uk" / "LC_MESSAGES" / "rcs_desk.mo"
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# A test phone one digit short (app/campaign/phone_numbers.py), and what `test` says of it on standard error.
SHORT_PHONE = "+380 99 123 45 6"
SHORT_PHONE_WORDS = "“+380 99 123 45 6” is one digit short for a Ukrainian number."


class CheckFailed(Exception):
    pass


def package_metadata() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "build_spec"))
    from spec_support import read_metadata

    return read_metadata(ROOT / "app" / "__init__.py")


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``: (size, modification time), to see whether anything was written."""
    result = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            result[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return result


class Runner:
    def __init__(self, executable: Path, home: Path, workdir: Path) -> None:
        self.executable = executable
        self.workdir = workdir
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for name in ("RCS_DESK_HOME", "RCS_DESK_API_KEY", "RCS_DESK_API_URL", "RCS_DESK_REPORT_FIRST_PAINT"):
            self.env.pop(name, None)
        for name in LANGUAGE_VARIABLES:  # English unless a check says otherwise (UTF-8: else Qt warns)
            self.env.pop(name, None)
        self.env["LANG"] = "C.UTF-8"
        if sys.platform.startswith("linux"):
            # The user folders of a throwaway home: XDG defaults under it.
            self.env["HOME"] = str(home)
            for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
                self.env.pop(name, None)

    def run(
        self, *args: str, env: dict[str, str] | None = None, code: int = 0, says_why: bool = False
    ) -> subprocess.CompletedProcess[str]:
        """The program run with ``args``; it must exit with ``code`` and say nothing on standard error
        (``says_why``: a refusal, said there)."""
        command = [str(self.executable), *args]
        try:
            result = subprocess.run(
                command,
                cwd=self.workdir,
                env={**self.env, **(env or {})},
                capture_output=True,
                check=False,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=TIMEOUT_S,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise CheckFailed(f"{' '.join(args)}: no answer within {TIMEOUT_S} s") from exc
        if result.returncode != code:
            raise CheckFailed(
                f"{' '.join(args)}: exit code {result.returncode}\n"
                f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
            )
        if result.stderr.strip() and not says_why:
            raise CheckFailed(f"{' '.join(args)}: unexpected output on standard error:\n{result.stderr}")
        return result


def ukrainian_words(english: str) -> str:
    """``english`` as the shipped Ukrainian catalog says it (what the packaged program must print)."""
    import gettext

    with UK_CATALOG.open("rb") as file:
        return gettext.GNUTranslations(file).gettext(english)


def no_sender_campaign(folder: Path) -> Path:
    """The example campaign without its sender (a problem ``validate`` finds), written in ``folder``."""
    campaign = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    campaign["request"]["sender"] = ""
    path = folder / "no-sender.rcs.json"
    path.write_text(json.dumps(campaign, ensure_ascii=False), encoding="utf-8")
    return path


def user_folders(env: dict[str, str], app_id: str) -> list[Path]:
    """The platform's user config and data folders of the program, as the program computes them."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        import platformdirs

        return [
            Path(platformdirs.user_config_dir(app_id, appauthor=False)),
            Path(platformdirs.user_data_dir(app_id, appauthor=False)),
        ]
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    executable = Path(argv[0]).resolve()
    if not executable.is_file():
        print(f"no program at {executable}", file=sys.stderr)
        return 2
    started = time.monotonic()
    meta = package_metadata()
    bundle = executable.parent if executable.parent.name != "MacOS" else executable.parent.parent.parent
    before = snapshot(bundle)
    passed: list[str] = []
    failed: list[str] = []

    with tempfile.TemporaryDirectory(prefix="rcs-desk-check-") as temp:
        home, workdir = Path(temp) / "home", Path(temp) / "work"
        home.mkdir()
        workdir.mkdir()
        runner = Runner(executable, home, workdir)
        folders = user_folders(runner.env, meta["APP_ID"])
        no_sender = no_sender_campaign(Path(temp))

        def check_version() -> str:
            out = runner.run("--version").stdout.strip()
            expected = f"{meta['APP_NAME']} {meta['__version__']}"
            if out != expected:
                raise CheckFailed(f"--version printed {out!r}, expected {expected!r}")
            return out

        def check_validate() -> str:
            out = runner.run("validate", str(EXAMPLE)).stdout.strip()
            if "error:" in out:
                raise CheckFailed(f"validate found errors:\n{out}")
            return out.splitlines()[-1] if out else "(no output)"

        def check_ukrainian() -> str:
            """On a Ukrainian system the command line speaks Ukrainian; the problem line keeps its start."""
            expected = ukrainian_words(NO_SENDER)
            if expected == NO_SENDER:
                raise CheckFailed(f"the Ukrainian catalog {UK_CATALOG} does not translate {NO_SENDER!r}")
            lines = {}
            for language in ("en_US.UTF-8", "uk_UA.UTF-8"):
                out = runner.run("validate", str(no_sender), env={"LANG": language}, code=1).stdout
                lines[language] = next((line for line in out.splitlines() if line.startswith("error: ")), out)
            start = f"error: {NO_SENDER_PATH}: "
            if not lines["en_US.UTF-8"].startswith(start) or NO_SENDER not in lines["en_US.UTF-8"]:
                raise CheckFailed(f"validate in English printed {lines['en_US.UTF-8']!r}")
            if not lines["uk_UA.UTF-8"].startswith(start) or expected not in lines["uk_UA.UTF-8"]:
                raise CheckFailed(f"validate on a Ukrainian system printed {lines['uk_UA.UTF-8']!r}, not {expected!r}")
            qt_catalogs = sorted(path.name for path in bundle.rglob("*.qm"))
            if "qtbase_uk.qm" not in qt_catalogs or not all(name.startswith("qtbase_") for name in qt_catalogs):
                raise CheckFailed(f"Qt's catalogs in the bundle are {qt_catalogs}, expected qtbase_uk.qm among them")
            return f"{lines['uk_UA.UTF-8']}; Qt's qtbase_uk.qm bundled"

        def check_self_test() -> str:
            out = runner.run("self-test").stdout.strip()
            for needed in ("self-test ok", "window icon ok", "certificates ok", "time zones ok", "keyring: "):
                if needed not in out:
                    raise CheckFailed(f"self-test output lacks {needed!r}:\n{out}")
            if "package metadata missing" in out:
                raise CheckFailed(f"the keyring backends were not packaged:\n{out}")
            return out

        def check_secret_service() -> str:
            """Linux with dbus-run-session and gnome-keyring-daemon: the self-test in a private
            D-Bus session with a throwaway unlocked keyring must name the Secret Service backend."""
            tools = [shutil.which("dbus-run-session"), shutil.which("gnome-keyring-daemon")]
            if not sys.platform.startswith("linux") or not all(tools):
                return "skipped (needs Linux with dbus-run-session and gnome-keyring-daemon)"
            script = (
                'eval "$(printf throwaway | gnome-keyring-daemon --unlock --components=secrets)"; '
                'export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK; exec "$0" self-test'
            )
            try:
                result = subprocess.run(
                    [tools[0], "--", "sh", "-c", script, str(executable)],
                    cwd=workdir,
                    env=runner.env,
                    capture_output=True,
                    check=False,
                    text=True,
                    timeout=TIMEOUT_S,
                    stdin=subprocess.DEVNULL,
                )
            except subprocess.TimeoutExpired as exc:
                raise CheckFailed(f"self-test with a keyring: no answer within {TIMEOUT_S} s") from exc
            # (standard error here is the D-Bus daemon's own chatter, not the program's)
            if result.returncode != 0 or "keyring: SecretService" not in result.stdout:
                raise CheckFailed(f"the Secret Service keyring was not used:\n{result.stdout}{result.stderr}")
            return result.stdout.strip().rsplit("; ", 1)[-1]

        def check_open_file() -> str:
            result = runner.run("--demo", str(EXAMPLE), env={"RCS_DESK_REPORT_FIRST_PAINT": "quit"})
            lines = [line for line in result.stdout.splitlines() if line.startswith("first-paint")]
            if not lines or EXAMPLE.name not in lines[0]:
                raise CheckFailed(f"the window did not show {EXAMPLE.name}: {result.stdout!r}")
            written = [folder for folder in folders if folder.is_dir() and any(folder.rglob("*"))]
            if not written:
                raise CheckFailed(f"nothing was saved in the user folders {[str(f) for f in folders]}")
            return f"{lines[0]}; saved under {', '.join(str(f) for f in written)}"

        def check_ukrainian_window() -> str:
            """Ukrainian chosen in Settings: the window installs Qt's catalog (a missing one is said on stderr)."""
            settings_file = folders[0] / "settings.json"
            before = settings_file.read_text(encoding="utf-8") if settings_file.is_file() else None
            settings = json.loads(before) if before is not None else {}
            settings_file.parent.mkdir(parents=True, exist_ok=True)
            settings_file.write_text(json.dumps({**settings, "language": "uk"}), encoding="utf-8")
            try:
                result = runner.run("--demo", str(EXAMPLE), env={"RCS_DESK_REPORT_FIRST_PAINT": "quit"})
            finally:  # the checks after this one read English
                if before is None:
                    settings_file.unlink(missing_ok=True)
                else:
                    settings_file.write_text(before, encoding="utf-8")
            lines = [line for line in result.stdout.splitlines() if line.startswith("first-paint")]
            if not lines:
                raise CheckFailed(f"the window in Ukrainian did not open: {result.stdout!r}")
            return f"{lines[0]}, no word of a missing catalog"

        def check_phone_numbers() -> str:
            result = runner.run("test", str(EXAMPLE), "--to", SHORT_PHONE, code=1, says_why=True)
            if SHORT_PHONE_WORDS not in result.stderr:
                raise CheckFailed(f"test --to {SHORT_PHONE!r} said {result.stderr!r}, not {SHORT_PHONE_WORDS!r}")
            return SHORT_PHONE_WORDS

        def check_nothing_beside() -> str:
            changed = sorted(set(snapshot(bundle).items()) ^ set(before.items()))
            if changed:
                raise CheckFailed(f"files written next to the executable: {sorted({name for name, _ in changed})}")
            if any(workdir.iterdir()):
                raise CheckFailed(f"files written in the working folder: {sorted(p.name for p in workdir.iterdir())}")
            return f"{len(before)} files next to the executable unchanged"

        checks: list[tuple[str, Callable[[], str]]] = [
            ("version", check_version),
            ("validate", check_validate),
            ("Ukrainian", check_ukrainian),
            ("self-test", check_self_test),
            ("keyring", check_secret_service),
            ("open file", check_open_file),
            ("Ukrainian window", check_ukrainian_window),
            ("phone numbers", check_phone_numbers),
            ("user folders only", check_nothing_beside),
        ]
        for name, check in checks:
            try:
                detail = check()
            except CheckFailed as exc:
                failed.append(name)
                print(f"FAIL {name}: {exc}", flush=True)
            else:
                passed.append(name)
                print(f"ok   {name}: {detail}", flush=True)

    print(f"(checks took {time.monotonic() - started:.1f} s)")
    print(f"checks: {len(passed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
