"""On Linux without libxcb-cursor the window says which package to install, instead of Qt's abort
(issue 10). The library lookup is faked; nothing here starts Qt."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

import pytest

import rcs_desk
from ui.shell import system_libraries


@pytest.fixture
def opened(monkeypatch) -> list[bool]:
    """Whether the window was started (it is replaced: these tests only look at what comes before)."""
    started: list[bool] = []
    monkeypatch.setattr("ui.shell.application.run_window", lambda **kwargs: started.append(True) or 0)
    return started


@pytest.fixture
def x11_linux_without_the_library(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)

    def no_library(name):
        raise OSError(f"{name}: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(ctypes, "CDLL", no_library)


@pytest.mark.parametrize("platform", [None, "xcb"])
def test_without_the_library_the_window_names_the_package_and_exits_1(
    monkeypatch, capsys, opened, x11_linux_without_the_library, platform
):
    if platform:
        monkeypatch.setenv("QT_QPA_PLATFORM", platform)
    assert rcs_desk.main(["--demo"]) == 1
    err = capsys.readouterr().err
    assert "libxcb-cursor0" in err and "sudo apt install libxcb-cursor0" in err
    assert "plugin" not in err and "Traceback" not in err
    assert opened == []


@pytest.mark.parametrize(
    "environment",
    [
        {"QT_QPA_PLATFORM": "offscreen"},  # tests, screenshot, self-test
        {"QT_QPA_PLATFORM": "wayland"},
        {"WAYLAND_DISPLAY": "wayland-0"},  # a Wayland session: Qt tries Wayland first
        {"XDG_SESSION_TYPE": "wayland"},
    ],
)
def test_where_x11_is_not_used_the_window_opens(
    monkeypatch, capsys, opened, x11_linux_without_the_library, environment
):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert rcs_desk.main(["--demo"]) == 0
    assert opened == [True] and "libxcb-cursor0" not in capsys.readouterr().err


def test_with_the_library_the_window_opens(monkeypatch, opened, x11_linux_without_the_library):
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"lib{name}.so.0")
    assert rcs_desk.main(["--demo"]) == 0
    assert opened == [True]


def test_the_library_loadable_as_qt_loads_it_is_enough(monkeypatch, x11_linux_without_the_library):
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())
    assert system_libraries.missing_window_library() is None


def test_a_library_that_loads_by_name_needs_no_search_in_a_child_process(monkeypatch, x11_linux_without_the_library):
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: pytest.fail("ran ldconfig although it loads"))
    assert system_libraries.missing_window_library() is None


def test_the_library_in_the_packaged_program_is_enough(monkeypatch, tmp_path, x11_linux_without_the_library):
    (tmp_path / "libxcb-cursor.so.0").write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert system_libraries.missing_window_library() is None


def test_other_systems_are_not_asked(monkeypatch, x11_linux_without_the_library):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert system_libraries.missing_window_library() is None
