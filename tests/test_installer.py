"""The Windows installer (build_spec/installer.nsi), read without NSIS: its defines come from the package,
the uninstaller removes what the installer writes, the registry is the person's own unless "for everyone"
is chosen, and the person's data goes only when they ask. .ci/run compiles the script with makensis
(build_spec/make_installer.py --stand-in); the package workflow builds the real one on Windows.
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import platformdirs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import app
from app.campaign.file import FILE_SUFFIX
from app.platform import config, credentials

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "build_spec" / "installer.nsi"
WORKFLOW = ROOT / ".github" / "workflows" / "package.yml"
CI_RUN = ROOT / ".ci" / "run"


@pytest.fixture(scope="module")
def support():
    sys.path.insert(0, str(ROOT / "build_spec"))
    try:
        import installer_support

        yield installer_support
    finally:
        sys.path.remove(str(ROOT / "build_spec"))


# --- reading the script ----------------------------------------------------------------------------

_TOKEN = re.compile(r'"(?:\$\\"|[^"])*"|\'[^\']*\'|`[^`]*`|\S+')


def statements(text: str) -> list[list[str]]:
    """The script's statements as token lists: comments gone, continued lines joined, quotes removed."""
    result = []
    for line in re.sub(r"\\\n\s*", " ", text).splitlines():
        tokens = []
        for token in _TOKEN.findall(line):
            if token[0] in ";#":
                break
            tokens.append(token[1:-1] if token[0] in "\"'`" and len(token) > 1 else token)
        if tokens:
            result.append(tokens)
    return result


def block(lines: list[list[str]], start: list[str], end: str) -> list[list[str]]:
    """The statements after the one starting with ``start``, up to ``end``."""
    begin = next(i for i, tokens in enumerate(lines) if tokens[: len(start)] == start)
    stop = next(i for i in range(begin + 1, len(lines)) if lines[i][0] == end)
    return lines[begin + 1 : stop]


def if_block(lines: list[list[str]], condition: list[str]) -> list[list[str]]:
    """The statements of the LogicLib ``${If} <condition>`` block, nested blocks included."""
    begin = next(i for i, tokens in enumerate(lines) if tokens == ["${If}", *condition])
    depth = 0
    for i in range(begin + 1, len(lines)):
        if lines[i][0] == "${If}":
            depth += 1
        elif lines[i][0] == "${EndIf}":
            if depth == 0:
                return lines[begin + 1 : i]
            depth -= 1
    raise AssertionError(f"no ${{EndIf}} for {condition}")


@pytest.fixture(scope="module")
def script() -> list[list[str]]:
    return statements(SCRIPT.read_text(encoding="utf-8"))


# --- defines: from the package, not typed twice ---------------------------------------------------


def test_defines_come_from_the_package(support):
    defines = support.installer_defines()
    assert defines["APP_NAME"] == app.APP_NAME
    assert defines["APP_ID"] == app.APP_ID
    assert defines["APP_VERSION"] == app.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", defines["APP_VERSION4"])
    assert defines["FILE_SUFFIX"] == FILE_SUFFIX
    assert defines["KEYRING_SERVICE"] == credentials.KEYRING_SERVICE
    assert defines["KEYRING_ACCOUNT"] == credentials.KEYRING_ACCOUNT
    assert defines["PROG_ID"] == "WWTworld.RCSCampaignDesk.Campaign"


def test_the_script_requires_exactly_the_defines_it_is_given(support, script):
    required = {tokens[2] for tokens in script if tokens[:2] == ["!insertmacro", "REQUIRE_DEFINE"]}
    given_ = set(support.installer_defines()) | {
        "ICON",
        "SIDE_BITMAP",
        "FILES_NSH",
        "OUTFILE",
    }  # the paths make_installer adds
    assert required == given_
    typed = {tokens[1] for tokens in script if tokens[0] == "!define"}
    assert not typed & required  # none is also typed into the script


def test_a_version_without_numbers_or_a_value_with_quotes_stops_the_build(support, tmp_path):
    with pytest.raises(SystemExit, match="quotes"):
        support.check_defines({"APP_NAME": 'RCS "Desk"'})
    with pytest.raises(SystemExit, match="quotes"):
        support.check_defines({"OUTFILE": "C:\\$TEMP\\setup.exe"})
    with pytest.raises(SystemExit, match="ProgID"):
        support.prog_id("WWT.world", "A very long application name that Windows refuses")


def test_the_data_folder_the_uninstaller_removes_is_the_programs_on_windows(support, script, monkeypatch):
    """platformdirs on Windows, with %LOCALAPPDATA% as the folder: settings and data both live in
    %LOCALAPPDATA%\\<DATA_DIR_NAME>, the folder the uninstaller removes when asked."""
    from platformdirs import windows

    local = "C:\\Users\\ana\\AppData\\Local"
    monkeypatch.setattr(windows, "get_win_folder", lambda name: local if name == "CSIDL_LOCAL_APPDATA" else "X:")

    def on_windows(kind):
        return lambda *args, **kwargs: getattr(windows.Windows(*args, **kwargs), kind)

    monkeypatch.setattr(platformdirs, "user_config_dir", on_windows("user_config_dir"))
    monkeypatch.setattr(platformdirs, "user_data_dir", on_windows("user_data_dir"))
    monkeypatch.delenv(config.ENV_HOME)
    paths = config.app_paths()
    expected = PureWindowsPath(local, support.installer_defines()["DATA_DIR_NAME"])
    assert PureWindowsPath(str(paths.config_dir)) == PureWindowsPath(str(paths.data_dir)) == expected
    removed = [tokens for tokens in script if tokens[:2] == ["RMDir", "/r"]]
    assert removed == [["RMDir", "/r", "$LOCALAPPDATA\\${DATA_DIR_NAME}"]]


# --- what is installed is what is removed ---------------------------------------------------------


def test_the_uninstaller_removes_every_file_shortcut_and_key_the_installer_writes(script):
    install = block(script, ["Section", "-Install"], "SectionEnd")
    uninstall = block(script, ["Section", "Uninstall"], "SectionEnd")
    assert ["!insertmacro", "INSTALL_FILES"] in install and ["!insertmacro", "UNINSTALL_FILES"] in uninstall
    deleted = {tokens[1] for tokens in uninstall if tokens[0] == "Delete"}
    written = [tokens[1] for tokens in install if tokens[0] in ("WriteUninstaller", "CreateShortcut")]
    assert written and set(written) <= deleted
    assert ["RMDir", "$INSTDIR"] in uninstall  # not /r: what someone else put in the folder stays

    removed_keys = {tokens[2] for tokens in uninstall if tokens[0] == "DeleteRegKey" and tokens[1] == "SHCTX"}
    removed_values = {
        (tokens[2], tokens[3]) for tokens in uninstall if tokens[0] == "DeleteRegValue" and tokens[1] == "SHCTX"
    }
    writes = [tokens for tokens in install if tokens[0].startswith("WriteReg")]
    assert len(writes) > 20
    for tokens in writes:
        key, value = tokens[2], tokens[3]
        covered = any(key == k or key.startswith(k + "\\") for k in removed_keys) or (key, value) in removed_values
        assert covered, f"the uninstaller leaves {key} {value!r} behind"
    # keys shared with other programs lose only this program's value, and go only when empty
    for shared in ("${CLASSES}\\.json", "${CLASSES}\\.json\\OpenWithProgids"):
        assert shared not in removed_keys
        assert ["DeleteRegKey", "/ifempty", "SHCTX", shared] in uninstall


def test_the_registry_is_the_persons_own_unless_for_everyone_is_chosen(script):
    writes = [tokens for tokens in script if tokens[0].startswith("WriteReg")]
    assert writes and all(tokens[1] == "SHCTX" for tokens in writes)  # never HKLM or HKCU by name
    # SHCTX is HKCU until SetShellVarContext all, which only the "for everyone" choice reaches
    assert sum(tokens == ["SetShellVarContext", "all"] for tokens in script) == 1
    assert ["SetShellVarContext", "all"] in if_block(script, ["$AllUsers", "==", "1"])
    on_init = block(script, ["Function", ".onInit"], "FunctionEnd")
    assert on_init.index(["StrCpy", "$AllUsers", "0"]) < on_init.index(["StrCpy", "$AllUsers", "1"])
    chosen = [i for i, tokens in enumerate(script) if tokens == ["StrCpy", "$AllUsers", "1"]]
    for i in chosen:  # each right after the /ALLUSERS option, the "everyone" button, or HKLM's own entry
        context = " ".join(" ".join(tokens) for tokens in script[i - 6 : i])
        assert "/ALLUSERS" in context or "$EveryoneRadio" in context or "HKLM" in context
    assert ["RequestExecutionLevel", "user"] in script
    assert "$LOCALAPPDATA\\Programs\\${APP_NAME}" in {tokens[-1] for tokens in script if tokens[0] == "StrCpy"}


def test_the_persons_data_goes_only_when_they_ask(script):
    uninstall = block(script, ["Section", "Uninstall"], "SectionEnd")
    asked = if_block(uninstall, ["$RemoveData", "==", "1"])
    for tokens in script:
        if tokens[:2] == ["RMDir", "/r"] or "CredDeleteW" in " ".join(tokens):
            assert tokens in asked, tokens
    assert sum("CredDeleteW" in " ".join(tokens) for tokens in asked) == 2  # the key, under both names
    # unticked unless ticked or /REMOVEDATA, and never when a newer version replaces this one
    un_init = block(script, ["Function", "un.onInit"], "FunctionEnd")
    assert un_init.index(["StrCpy", "$RemoveData", "0"]) < un_init.index(["StrCpy", "$RemoveData", "1"])
    after_upgrade = un_init[un_init.index(["${GetOptions}", "$R0", "/UPGRADE", "$R1"]) :]
    assert ["StrCpy", "$RemoveData", "0"] in after_upgrade
    leave = block(script, ["Function", "un.OptionsPageLeave"], "FunctionEnd")
    assert ["${If}", "$0", "==", "${BST_CHECKED}"] in leave and ["StrCpy", "$RemoveData", "1"] in leave


def test_the_program_must_be_closed_first(script):
    for section, check in (
        (["Section", "-Install"], "CloseProgramFirst"),
        (["Section", "Uninstall"], "un.CloseProgramFirst"),
    ):
        body = block(script, section, "SectionEnd")
        assert ["Call", check] in body[:3]
    install = block(script, ["Section", "-Install"], "SectionEnd")
    assert install.index(["Call", "CloseProgramFirst"]) < install.index(["Call", "RemoveEarlierVersion"])
    assert install.index(["Call", "RemoveEarlierVersion"]) < install.index(["!insertmacro", "INSTALL_FILES"])


# --- the list of the program's files ----------------------------------------------------------------

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(10))}
_NAME = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters='*?"<>|:\\/'),
    min_size=1,
    max_size=12,
).filter(
    lambda name: (
        name.strip() == name and not name.endswith(".") and name.split(".")[0].upper() not in _RESERVED
    )  # names Windows keeps for devices
)


@given(tree=st.lists(st.lists(_NAME, min_size=1, max_size=4), min_size=1, max_size=12))
def test_files_nsh_removes_exactly_what_it_installs(support, tmp_path_factory, tree):
    source = tmp_path_factory.mktemp("dist")
    made = 0
    taken: dict[str, tuple[str, str]] = {}  # Windows' view (case ignored) -> (kind, name as made)
    for parts in tree:
        prefixes = [str(PurePosixPath(*parts[: i + 1])) for i in range(len(parts))]
        kinds = ["folder"] * (len(parts) - 1) + ["file"]
        if any(
            prefix.casefold() in taken and (kind == "file" or taken[prefix.casefold()] != (kind, prefix))
            for prefix, kind in zip(prefixes, kinds, strict=True)
        ):
            continue  # one name twice on Windows, or a file where a folder is (or the reverse)
        path = source.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        made += 1
        taken |= {prefix.casefold(): (kind, prefix) for prefix, kind in zip(prefixes, kinds, strict=True)}
    lines = statements(support.files_nsh(source))
    installed, folders, outpath = set(), set(), None
    for tokens in block(lines, ["!macro", "INSTALL_FILES"], "!macroend"):
        if tokens[0] == "SetOutPath":
            outpath = tokens[1]
            folders.add(outpath)
        elif tokens[0] == "File":
            assert Path(tokens[1].replace("$$", "$")).parent.resolve() == (source / nsis_relative(outpath)).resolve()
            installed.add(outpath + "\\" + support.nsis_string(Path(tokens[1].replace("$$", "$")).name))
    removal = block(lines, ["!macro", "UNINSTALL_FILES"], "!macroend")
    deleted = {tokens[1] for tokens in removal if tokens[0] == "Delete"}
    emptied = [tokens[1] for tokens in removal if tokens[0] == "RMDir"]
    assert installed == deleted
    assert len(installed) == made
    assert set(emptied) == folders - {"$INSTDIR"}
    for i, folder in enumerate(emptied):  # a folder after everything in it
        assert not any(other.startswith(folder + "\\") for other in emptied[i + 1 :])


def nsis_relative(outpath: str) -> Path:
    parts = outpath.replace("$$", "$").split("\\")[1:]
    return Path(*parts) if parts else Path()


def test_a_build_without_files_stops_the_build(support, tmp_path):
    with pytest.raises(SystemExit, match="no files"):
        support.program_files(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows cannot make these files: the check is for other systems")
def test_files_windows_cannot_hold_stop_the_build(support, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "what?.dll").write_bytes(b"x")
    with pytest.raises(SystemExit, match="Windows cannot hold"):
        support.program_files(tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "Qt.dll").write_bytes(b"x")
    (tmp_path / "b" / "qt.dll").write_bytes(b"x")
    with pytest.raises(SystemExit, match="same name"):
        support.program_files(tmp_path / "b")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "link.dll").symlink_to(tmp_path / "b" / "Qt.dll")
    with pytest.raises(SystemExit, match="symbolic link"):
        support.program_files(tmp_path / "c")


# --- what makensis wrote ------------------------------------------------------------------------------


def fake_installer(*, machine: int = 0x014C, strings: tuple[str, ...] = (), size: int = 100_000) -> bytes:
    header = bytearray(0x80)
    header[:2] = b"MZ"
    struct.pack_into("<I", header, 0x3C, 0x40)
    header[0x40:0x44] = b"PE\0\0"
    struct.pack_into("<H", header, 0x44, machine)
    body = b"NullsoftInst" + b"".join(text.encode("utf-16-le") for text in strings)
    return bytes(header) + body + bytes(max(0, size - len(header) - len(body)))


def test_installer_problems(support, tmp_path):
    defines = support.installer_defines()
    wanted = (defines["APP_NAME"], defines["APP_VERSION"], defines["PUBLISHER"])
    exe = tmp_path / "setup.exe"
    exe.write_bytes(fake_installer(strings=wanted))
    assert support.installer_problems(exe, defines) == []
    exe.write_bytes(fake_installer(strings=wanted[:2]))
    assert support.installer_problems(exe, defines) == [
        f"setup.exe: its version information lacks PUBLISHER {defines['PUBLISHER']!r}"
    ]
    exe.write_bytes(fake_installer(strings=wanted, machine=0x8664, size=1000))
    assert len(support.installer_problems(exe, defines)) == 2  # too small, and not NSIS's 32-bit stub
    exe.write_bytes(b"#!/bin/sh\n" * 10_000)
    assert support.installer_problems(exe, defines) == ["setup.exe is not a Windows program (no MZ header)"]
    assert support.installer_problems(tmp_path / "missing.exe", defines) == [
        f"{tmp_path / 'missing.exe'} was not written"
    ]


# --- where it is built --------------------------------------------------------------------------------


def test_ci_compiles_the_installer_after_the_frozen_checks():
    text = CI_RUN.read_text(encoding="utf-8")
    assert text.index("build_spec/check_frozen.py") < text.index("build_spec/make_installer.py --stand-in")
    assert "apt-get install" in text and "nsis" in text


def test_the_workflow_builds_signs_and_uploads_the_installer_on_windows():
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["package"]["steps"]
    names = [step.get("name", "") for step in steps]
    runs = [str(step.get("run", "")) for step in steps]
    build = next(i for i, run in enumerate(runs) if "build_spec/make_installer.py" in run)
    assert steps[build]["if"] == "runner.os == 'Windows'"
    assert all(build > i for i, run in enumerate(runs) if "check_frozen.py dist/rcs-desk/rcs-desk.exe" in run)
    sign = next(i for i, name in enumerate(names) if "Sign the installer" in name)
    assert sign > build and "WINDOWS_CERTIFICATE != ''" in steps[sign]["if"]
    assert "-setup.exe" in runs[sign]
    check = next(i for i, run in enumerate(runs) if "build_spec/check_installer.py" in run)
    assert build < check
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact"))
    assert "dist/*-setup.exe" in upload["with"]["path"]


def test_readme_says_how_to_install():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = readme[readme.index("\n## Install\n") : readme.index("\n## Packaged programs\n")]
    for words in (
        "### Install on Windows",
        "### Install on macOS",
        "SmartScreen",
        "Gatekeeper",
        "/S",
        "/D=",
        "/ALLUSERS",
    ):
        assert words in install, words
