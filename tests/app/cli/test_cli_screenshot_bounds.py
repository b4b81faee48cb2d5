"""``rcs-desk screenshot`` refuses, in a sentence and before Qt starts, a window or picture too large
and a scale out of bounds (issue 10)."""

from __future__ import annotations

import pytest

import rcs_desk


def refused(tmp_path, capsys, *options: str) -> str:
    assert rcs_desk.main(["screenshot", str(tmp_path / "out.png"), *options]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and not list(tmp_path.iterdir())
    return err


@pytest.mark.parametrize("size", ["7681x820", "1280x4321", "99999x99999"])
def test_a_size_above_the_largest_says_the_largest(tmp_path, capsys, size):
    err = refused(tmp_path, capsys, "--size", size)
    assert f"--size {size} is too large" in err and "7680x4320" in err


def test_a_size_that_is_no_size_says_both_bounds(tmp_path, capsys):
    err = refused(tmp_path, capsys, "--size", "big")
    assert "the smallest is 640x400" in err and "the largest 7680x4320" in err


@pytest.mark.parametrize("scale", ["0", "0.49", "4.01", "-2", "nan", "inf", "1e308"])
def test_a_scale_out_of_bounds_says_the_bounds(tmp_path, capsys, scale):
    err = refused(tmp_path, capsys, "--scale", scale)
    assert "--scale" in err and "from 0.5 to 4" in err


def test_a_picture_larger_than_the_largest_is_refused(tmp_path, capsys):
    err = refused(tmp_path, capsys, "--size", "3840x2160", "--scale", "2.5")
    assert "makes a picture of 9600x5400" in err and "the largest is 7680x4320" in err
