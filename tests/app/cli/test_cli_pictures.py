"""``rcs-desk send`` checks the cards' pictures as the window does: one proved not to show stops the send
unless ``--send-anyway`` is given; one that could not be checked is only a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main, questions
from app.sandbox import SandboxServer
from helpers.media_server import MediaServer, Route, tiny_png

SEND_PATH = "/api/campaigns/rcs/send-groups"


@pytest.fixture
def media():
    server = MediaServer().start()
    server.routes.update(
        {
            "/ok.png": Route(body=tiny_png(), headers={"Content-Type": "image/png"}),
            "/page.html": Route(body=b"<html>hi</html>", headers={"Content-Type": "text/html"}),
            "/busy.png": Route(status=503, body=b"busy", headers={"Content-Type": "text/plain"}),
        }
    )
    yield server
    server.stop()


def campaign_with_pictures(tmp_path: Path, *urls: str) -> Path:
    cards = [{"title": f"Card {n}", "text": "Hello", "media": {"url": url}} for n, url in enumerate(urls, 1)]
    request = {
        "groups": [1864603],
        "sender": "WWT Shop",
        "options": {"cards": cards},
        "alternative_channel": {"sms": {"text": "Hello", "sender": "WWTshop"}},
    }
    path = tmp_path / "pictures.rcs.json"
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def sends(server: SandboxServer) -> list:
    return [r for r in server.requests if r.method == "POST" and r.target.startswith(SEND_PATH)]


def test_a_picture_that_will_not_show_stops_the_send_before_the_question(
    tmp_path, media, sandbox, monkeypatch, capsys, terminal
):
    path = campaign_with_pictures(tmp_path, media.url("/ok.png"), media.url("/page.html"))
    monkeypatch.setattr(questions, "_confirm", lambda question: pytest.fail("asked although nothing may be sent"))
    assert main(["send", str(path)]) == 1
    err = capsys.readouterr().err
    assert "error: options.cards[1].media: Card 2: The picture will not show on phones." in err
    assert "Nothing was sent: card 2's picture will not show on phones." in err and "--send-anyway" in err
    assert sends(sandbox) == []


def test_send_anyway_sends_it_as_the_window_does_after_the_tick(tmp_path, media, sandbox, capsys):
    path = campaign_with_pictures(tmp_path, media.url("/page.html"))
    assert main(["send", str(path), "--yes", "--send-anyway"]) == 0
    assert len(sends(sandbox)) == 1


def test_a_picture_that_could_not_be_checked_is_a_warning(tmp_path, media, sandbox, capsys):
    path = campaign_with_pictures(tmp_path, media.url("/busy.png"))
    assert main(["send", str(path), "--yes"]) == 0
    assert "warning: options.cards[0].media: Card 1: The picture could not be checked" in (capsys.readouterr().err)
    assert len(sends(sandbox)) == 1


def test_the_demo_checks_its_own_sample_pictures(capsys):
    spring = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
    assert main(["--demo", "send", str(spring), "--yes"]) == 0
    err = capsys.readouterr().err
    assert "Checking the pictures" in err and "picture" not in err.replace("Checking the pictures", "")


def test_a_message_without_pictures_checks_nothing(tmp_path, sandbox, monkeypatch, capsys):
    request = {"groups": [1864603], "sender": "WWT Shop", "options": {"text": "Hello"}}
    path = tmp_path / "text.rcs.json"
    path.write_text(
        json.dumps({"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}),
        encoding="utf-8",
    )
    assert main(["send", str(path), "--yes"]) == 0
    assert "Checking the pictures" not in capsys.readouterr().err
