"""The media preview under a card's address field, against a loopback media server."""

from __future__ import annotations

import threading

import httpx
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.campaign import limits
from app.campaign.media_check import MediaCheck, check_media
from app.campaign.model import Card
from helpers.media_server import MediaServer, Route, animated_gif, standard_routes, tiny_png
from ui.common import workers
from ui.compose.card_editor import CardEditor
from ui.compose.media_preview import MediaPreview, MediaPreviewService

WAIT_MS = 5000


@pytest.fixture
def server():
    media = MediaServer().start()
    standard_routes(media)
    media.routes["/photo.png"] = Route(body=tiny_png(40, 20), headers={"Content-Type": "image/png"})
    media.routes["/anim.gif"] = Route(body=animated_gif(), headers={"Content-Type": "image/gif"})
    yield media
    for route in media.routes.values():
        if route.wait is not None:
            route.wait.set()
    media.stop()


class CountingCheck:
    """The real check, counted (the check function can be injected into the service)."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, url, **kwargs):
        with self.lock:
            self.urls.append(url)
        return check_media(url, **kwargs)


def make_service(qtbot, request, **kwargs) -> MediaPreviewService:
    service = MediaPreviewService(**kwargs)

    def finish():
        service.shutdown()
        assert workers.wait_for_all(WAIT_MS)
        qtbot.waitUntil(lambda: not workers.running_tasks(), timeout=WAIT_MS)

    request.addfinalizer(finish)
    return service


@pytest.fixture
def counting():
    return CountingCheck()


@pytest.fixture
def service(qtbot, request, server, counting):
    return make_service(qtbot, request, check=counting)


@pytest.fixture
def card_editor(qtbot, service):
    editor = CardEditor(Card(text="Hello"), 0, service)
    qtbot.addWidget(editor)
    editor.resize(480, 640)
    editor.show()
    return editor


def enter_address(qtbot, card_editor: CardEditor, url: str) -> MediaPreview:
    """Type the address and press Enter (leaving the field checks at once)."""
    qtbot.keyClicks(card_editor.media_field, url)
    qtbot.keyClick(card_editor.media_field, Qt.Key.Key_Return)
    return card_editor.preview


def wait_for_answer(qtbot, preview: MediaPreview) -> None:
    qtbot.waitUntil(lambda: preview.state not in ("loading",), timeout=WAIT_MS)


def test_empty_field_explains_what_to_paste(card_editor):
    preview = card_editor.preview
    assert preview.state == "empty"
    assert "JPEG, PNG, GIF up to 2 MB" in preview.message.text()
    assert "10 MB" in preview.message.text()


def test_an_image_is_shown_scaled(qtbot, server, card_editor):
    preview = enter_address(qtbot, card_editor, server.url("/photo.png"))
    assert preview.state == "loading"
    assert preview.busy.isVisible()
    assert preview.message.text() == "Checking the image…"
    wait_for_answer(qtbot, preview)
    assert preview.state == "image"
    assert preview.image_view.has_picture
    assert preview.image_view.image().size().toTuple() == (40, 20)
    assert "PNG image" in preview.message.text() and "40 × 20" in preview.message.text()
    assert preview.image_view.heightForWidth(80) == 40  # aspect ratio kept
    assert not preview.busy.isVisible()
    assert not preview.caveat.isVisible()


def test_an_animated_gif_plays_and_carries_the_iphone_caveat(qtbot, server, card_editor):
    preview = enter_address(qtbot, card_editor, server.url("/anim.gif"))
    wait_for_answer(qtbot, preview)
    assert preview.state == "image"
    assert preview.image_view.playing
    assert preview.caveat.isVisible()
    assert "iPhones do not animate GIFs" in preview.caveat.text()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing.png", "Not found: there is no file at this address. Check it."),
        (
            "/page.html",
            "Not an image: this address opens a web page. Copy the address of the picture itself.",
        ),
        ("/moved.png", "Redirects to another address (cdn.example.com)"),
        ("/private.png", "must be public"),
    ],
)
def test_failures_are_said_in_words(qtbot, server, card_editor, path, expected):
    preview = enter_address(qtbot, card_editor, server.url(path))
    wait_for_answer(qtbot, preview)
    assert preview.state == "failed"
    assert expected in preview.message.text()
    assert preview.retry_button.isVisible()
    assert preview.icon.pixmap() is not None and not preview.icon.pixmap().isNull()


def test_too_large_image_by_its_declared_length(qtbot, server, card_editor):
    server.routes["/big.jpg"].declared_length = limits.IMAGE_MAX_BYTES * 2 + limits.IMAGE_MAX_BYTES // 3
    preview = enter_address(qtbot, card_editor, server.url("/big.jpg"))
    wait_for_answer(qtbot, preview)
    assert preview.state == "failed"
    assert preview.message.text() == "4.7 MB: images may be at most 2.0 MB."


def test_video_shows_a_placeholder_with_type_and_size(qtbot, server, card_editor):
    server.routes["/clip.mp4"].declared_length = 3 * 1024 * 1024
    preview = enter_address(qtbot, card_editor, server.url("/clip.mp4"))
    wait_for_answer(qtbot, preview)
    assert preview.state == "video"
    assert preview.message.text() == "MP4 video, 3.0 MB — phones show the first frame"


def test_a_server_that_does_not_answer_times_out(qtbot, request, server):
    server.routes["/slow.png"] = Route(body=tiny_png(), headers={"Content-Type": "image/png"}, wait=threading.Event())
    service = make_service(qtbot, request, timeout=httpx.Timeout(0.3))
    preview = MediaPreview(service)
    qtbot.addWidget(preview)
    preview.set_url(server.url("/slow.png"), immediate=True)
    wait_for_answer(qtbot, preview)
    assert preview.state == "failed"
    assert preview.message.text() == "The image server did not answer in time."
    assert service.cached(server.url("/slow.png")) is None  # asked again next time


def test_typing_an_address_starts_one_check_after_the_pause(qtbot, server, service, counting, card_editor):
    url = server.url("/photo.png")
    qtbot.keyClicks(card_editor.media_field, url[:-10])
    qtbot.keyClicks(card_editor.media_field, url[-10:])  # ten more characters, quickly
    preview = card_editor.preview
    assert preview.state == "loading"
    assert service.checks_started == 0  # nothing fetched while typing
    qtbot.waitUntil(lambda: preview.state == "image", timeout=WAIT_MS)
    assert counting.urls == [url]
    assert server.hits == {"/photo.png": 1}
    assert service.checks_started == 1


def test_the_cache_answers_a_second_identical_address(qtbot, server, service, counting, card_editor):
    url = server.url("/photo.png")
    preview = enter_address(qtbot, card_editor, url)
    wait_for_answer(qtbot, preview)
    other = MediaPreview(service)
    qtbot.addWidget(other)
    other.set_url(url, immediate=True)
    assert other.state == "image"  # at once, from the cache
    assert server.hits == {"/photo.png": 1}
    assert counting.urls == [url]


def test_a_stale_answer_for_an_old_address_is_dropped(qtbot, server, service, card_editor):
    gate = threading.Event()
    server.routes["/slow.png"] = Route(body=tiny_png(), headers={"Content-Type": "image/png"}, wait=gate)
    preview = card_editor.preview
    preview.set_url(server.url("/slow.png"), immediate=True)
    qtbot.waitUntil(lambda: server.hits.get("/slow.png") == 1, timeout=WAIT_MS)
    preview.set_url(server.url("/page.html"), immediate=True)
    qtbot.waitUntil(lambda: preview.state == "failed", timeout=WAIT_MS)
    with qtbot.waitSignal(service.checked, timeout=WAIT_MS) as late:
        gate.set()
    assert late.args[0] == server.url("/slow.png")
    assert preview.state == "failed"
    assert preview.url == server.url("/page.html")
    assert "Not an image" in preview.message.text()


def test_at_most_three_checks_run_at_once(qtbot, server, service):
    gate = threading.Event()
    urls = []
    for number in range(5):
        path = f"/slow{number}.png"
        server.routes[path] = Route(body=tiny_png(), headers={"Content-Type": "image/png"}, wait=gate)
        urls.append(server.url(path))
    answers = []
    service.checked.connect(lambda url, result: answers.append(url))
    for url in urls:
        assert service.request(url) is None
    assert service.running_count == 3
    qtbot.waitUntil(lambda: sum(server.hits.values()) == 3, timeout=WAIT_MS)
    assert service.running_count == 3 and service.busy
    gate.set()
    qtbot.waitUntil(lambda: len(answers) == 5 and not service.busy, timeout=WAIT_MS)
    assert sorted(answers) == sorted(urls)
    assert sum(server.hits.values()) == 5


def test_a_queued_check_nobody_wants_any_more_is_dropped(qtbot, request):
    gate = threading.Event()
    calls = []

    def slow_check(url, **_kwargs):
        calls.append(url)
        gate.wait(WAIT_MS / 1000)
        return MediaCheck(url, "not_found", "Not found (404): check the address.")

    service = make_service(qtbot, request, check=slow_check, max_running=1)
    service.request("https://a.example/1.png")
    service.request("https://a.example/2.png")
    service.release("https://a.example/2.png")
    gate.set()
    qtbot.waitUntil(lambda: not service.busy, timeout=WAIT_MS)
    assert calls == ["https://a.example/1.png"]


def test_the_cache_is_bounded(qtbot, request):
    def instant(url, **_kwargs):
        return MediaCheck(url, "wrong_type", "Not an image: text/html", "text/html")

    service = make_service(qtbot, request, check=instant, cache_size=2)
    for name in ("a", "b", "c"):
        with qtbot.waitSignal(service.checked, timeout=WAIT_MS):
            service.request(f"https://x.example/{name}")
    assert service.cached("https://x.example/a") is None
    assert service.cached("https://x.example/b") is not None
    assert service.cached("https://x.example/c") is not None


def test_check_again_fetches_anew(qtbot, server, service, card_editor):
    preview = enter_address(qtbot, card_editor, server.url("/later.png"))
    wait_for_answer(qtbot, preview)
    assert preview.state == "failed"
    server.routes["/later.png"] = Route(body=tiny_png(), headers={"Content-Type": "image/png"})
    qtbot.mouseClick(preview.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.state == "image", timeout=WAIT_MS)
    assert server.hits["/later.png"] == 2


class ScriptedCheck:
    """A fake check: answers "not found" the first time and a picture after; the first answer
    can be held back with ``hold`` (set it to let the first check finish)."""

    def __init__(self, hold: threading.Event | None = None) -> None:
        self.hold = hold
        self.calls: list[str] = []
        self.first_entered = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, url, **_kwargs):
        with self.lock:
            self.calls.append(url)
            first = len(self.calls) == 1
        if first:
            self.first_entered.set()
            if self.hold is not None:
                self.hold.wait(WAIT_MS / 1000)
            return MediaCheck(url, "not_found", "Not found: there is no file at this address. Check it.")
        return MediaCheck(url, "image", "PNG image, 0.1 KB", content_type="image/png", data=tiny_png(6, 2))


def test_check_again_while_the_first_check_is_running_fetches_anew(qtbot, request):
    hold = threading.Event()
    check = ScriptedCheck(hold)
    service = make_service(qtbot, request, check=check)
    preview = MediaPreview(service)
    qtbot.addWidget(preview)
    url = "https://media.example/later.png"
    preview.set_url(url, immediate=True)
    qtbot.waitUntil(check.first_entered.is_set, timeout=WAIT_MS)
    assert preview.state == "loading"
    preview.retry_button.click()  # the first fetch is still held
    hold.set()  # its (stale) answer must not win over the fresh one
    qtbot.waitUntil(lambda: service.is_idle and not workers.running_tasks(), timeout=WAIT_MS)
    assert preview.state == "image"
    assert preview.image_view.image().size().toTuple() == (6, 2)
    assert not preview.busy.isVisible()
    assert check.calls == [url, url]
    assert service.checks_started == 2
    assert service.cached(url) is preview.result


def test_check_again_the_moment_the_answer_shows_fetches_anew(qtbot, request):
    """The answer is delivered before its task is done: a click at once must still fetch again."""
    check = ScriptedCheck()
    service = make_service(qtbot, request, check=check)
    preview = MediaPreview(service)
    qtbot.addWidget(preview)
    url = "https://media.example/later.png"
    clicked = []

    def click_at_once(_url, _result):  # connected after the preview: it has just shown the failure
        if not clicked:
            clicked.append(preview.state)
            preview.retry_button.click()

    service.checked.connect(click_at_once)
    preview.set_url(url, immediate=True)  # starts the check at once: the service is busy from here on
    qtbot.waitUntil(lambda: service.is_idle and not workers.running_tasks(), timeout=WAIT_MS)
    assert clicked == ["failed"]
    assert preview.state == "image"
    assert not preview.busy.isVisible()
    assert check.calls == [url, url]


def test_shutdown_closes_the_shared_client(qtbot, server, service, card_editor):
    preview = enter_address(qtbot, card_editor, server.url("/photo.png"))
    wait_for_answer(qtbot, preview)
    assert service._client.made
    assert service.shutdown()
    assert not service._client.made
    assert service.request(server.url("/other.png")) is None and not service.busy


def test_shutdown_right_after_an_answer_leaves_nothing_busy(qtbot, request):
    """The answer is delivered before its task is done: shutting down then must still leave the service idle."""
    service = make_service(qtbot, request, check=ScriptedCheck())
    ended = []
    service.checked.connect(lambda _url, _result: ended.append(service.shutdown()))
    with qtbot.waitSignal(service.checked, timeout=WAIT_MS):
        service.request("https://media.example/a.png")
    assert ended == [True]
    assert not service.busy and service.running_count == 0


def test_clearing_the_field_goes_back_to_the_hint(qtbot, server, card_editor):
    preview = enter_address(qtbot, card_editor, server.url("/photo.png"))
    wait_for_answer(qtbot, preview)
    card_editor.media_field.selectAll()
    QApplication.sendEvent(
        card_editor.media_field,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
    )
    assert preview.state == "empty"
    assert not preview.image_view.isVisible()
