"""Live preview of a card's media URL, checked in the background the way the RCS platform fetches it.

``MediaPreviewService`` runs ``app.campaign.media_check.check_media`` on ``ui.common.workers.Task`` threads (at most
three at once, the rest queued), keeps the answers in a small LRU cache and shares one
``httpx.Client`` per connection, made by the first check that needs it, on its worker thread (its SSL
context takes 30-100 ms to build: never on the GUI thread). ``MediaPreview`` sits under a card's URL
field: it waits until the user stops typing (or leaves the field) before asking, and ignores answers
for addresses no longer in the field.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.campaign import media_check
from app.campaign.media_check import MediaCheck
from app.language import tr
from ui.common.image_view import ImageView
from ui.common.theme import set_tone
from ui.common.workers import Task, TaskContext

if TYPE_CHECKING:
    import httpx

CheckFunction = Callable[..., MediaCheck]  # check(url, *, client, cancelled, timeout) -> MediaCheck
# Answers worth remembering; a timeout or a broken connection is asked again next time.
CACHED_STATES = frozenset(
    {"image", "video", "not_found", "refused", "redirect", "wrong_type", "too_large", "invalid_url"}
)
DEBOUNCE_MS = 600


@dataclass(frozen=True)
class MediaResult:
    """A check and, for a picture, the decoded image (decoded on the worker thread)."""

    check: MediaCheck
    image: QImage | None = None

    @property
    def url(self) -> str:
        return self.check.url

    @property
    def is_gif(self) -> bool:
        return self.check.content_type == "image/gif"


class SharedClient:
    """One ``httpx.Client`` for the checks of one connection, made on first use by whichever worker
    asks first (the others wait for it), closed once by ``close``."""

    def __init__(self, timeout: httpx.Timeout | float | None, mounts: dict[str, httpx.BaseTransport]) -> None:
        self._timeout = timeout
        self._mounts = dict(mounts)
        self._lock = threading.Lock()
        self._client: httpx.Client | None = None
        self._closed = False

    @property
    def made(self) -> bool:
        return self._client is not None

    def get(self) -> httpx.Client:
        """The client, made now if it is not yet (call it on a worker thread)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the media checks have been shut down")
            if self._client is None:
                import httpx

                self._client = httpx.Client(timeout=self._timeout, follow_redirects=False, mounts=self._mounts)
            return self._client

    def close(self) -> None:
        with self._lock:
            self._closed = True
            client, self._client = self._client, None
        if client is not None:
            client.close()


def _run_check(
    context: TaskContext, check: CheckFunction, url: str, client: SharedClient, timeout: httpx.Timeout | float | None
) -> MediaResult:
    result = check(url, client=client.get(), cancelled=lambda: context.cancelled, timeout=timeout)
    image = None
    if result.state == "image" and result.data:
        decoded = decode_image(result.data)
        image = None if decoded.isNull() else decoded
    return MediaResult(result, image)


def decode_image(data: bytes) -> QImage:
    """The picture (its first frame). ``QImage.fromData`` keeps Python's lock while it decodes (5-20 ms
    a photo), but a ``QImageReader`` on a ``QBuffer`` made here deadlocked: the buffer, a Python object,
    needs the lock for every read while the reader holds Qt's own locks the GUI thread may wait on."""
    return QImage.fromData(data)


class MediaPreviewService(QObject):
    """Checks media URLs in the background. Signals: ``started(str url)``, ``checked(str url, MediaResult)``.

    ``request(url)`` returns a cached result at once or queues a check; ``release(url)`` says the
    caller no longer shows ``url`` (a queued check nobody wants is dropped). Call ``shutdown()``
    before the application quits.
    """

    started = Signal(str)
    checked = Signal(str, object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        check: CheckFunction | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_running: int = 3,
        cache_size: int = 32,
    ) -> None:
        super().__init__(parent)
        self._check = check or media_check.check_media
        self._timeout = timeout  # None: check_media's default
        self._max_running = max_running
        self._cache_size = cache_size
        self._cache: OrderedDict[str, MediaResult] = OrderedDict()
        self._queue: deque[str] = deque()
        self._running: dict[str, Task] = {}
        self._retired: set[Task] = set()  # cancelled, their threads still ending (waited for at shutdown)
        self._wanted: Counter[str] = Counter()
        self._client = SharedClient(timeout, {})
        self._clients: list[SharedClient] = [self._client]  # the old ones too: a check may still use one
        self._closed = False
        self.checks_started = 0

    # Public API ---------------------------------------------------------------------------

    def cached(self, url: str) -> MediaResult | None:
        result = self._cache.get(url.strip())
        if result is not None:
            self._cache.move_to_end(result.url)
        return result

    def request(self, url: str) -> MediaResult | None:
        """The cached result for ``url``, or None after queueing a check (``checked`` follows)."""
        url = url.strip()
        if not url or self._closed:
            return None
        self._wanted[url] += 1
        result = self.cached(url)
        if result is not None:
            return result
        if url not in self._running and url not in self._queue:
            self._queue.append(url)
            self._pump()
        return None

    def release(self, url: str) -> None:
        url = url.strip()
        if self._wanted[url] > 1:
            self._wanted[url] -= 1
        else:
            self._wanted.pop(url, None)

    def recheck(self, url: str) -> None:
        """Forget what was learnt about ``url`` and check it again (the user fixed the file).

        A check of ``url`` still listed as running (its answer may even be shown already: a task
        says ``finished`` after its result) is cancelled, so its answer, if not yet delivered, is
        dropped, and a fresh check starts: every recheck ends with a ``checked`` from a new fetch.
        """
        url = url.strip()
        self._cache.pop(url, None)
        if not url or self._closed:
            return
        self._retire(url)
        if url in self._queue:
            self._queue.remove(url)
        self._queue.appendleft(url)
        self._pump()

    @property
    def busy(self) -> bool:
        return bool(self._running or self._queue)

    @property
    def is_idle(self) -> bool:
        """Nothing running or queued (for screenshots and tests that wait for quiet)."""
        return not self.busy

    @property
    def running_count(self) -> int:
        return len(self._running)

    def shutdown(self, wait_ms: int = 3000) -> bool:
        """Stop checking: cancel, wait for running checks, close the connection pool. True when all ended."""
        self._closed = True
        self._queue.clear()
        tasks = [*self._running.values(), *self._retired]
        for task in tasks:
            task.cancel()
        ended = all(task.wait(wait_ms) for task in tasks)
        # Cancelled: nothing more is said, so nothing is busy (their queued ``finished`` may come later).
        self._running.clear()
        self._retired.clear()
        for client in self._clients:
            client.close()
        self._clients.clear()
        return ended

    def set_mounts(self, mounts: dict[str, httpx.BaseTransport]) -> None:
        """Route some addresses elsewhere (demo mode serves its sample pictures in-process).
        Cached results are dropped; checks already running finish with the old client (closed at
        shutdown). The new client is made by the first check that needs it, on its worker."""
        self._cache.clear()
        for url in list(self._running):  # answers through the old route are dropped
            self._retire(url)
        if not self._closed:
            self._client = SharedClient(self._timeout, mounts)
            self._clients.append(self._client)

    # Internals ------------------------------------------------------------------------------

    def _retire(self, url: str) -> None:
        """Cancel the running check of ``url``, if any: its answer is dropped, its end still handled."""
        task = self._running.pop(url, None)
        if task is not None:
            task.cancel()
            self._retired.add(task)

    def _pump(self) -> None:
        while self._queue and len(self._running) < self._max_running and not self._closed:
            url = self._queue.popleft()
            if self._wanted[url] <= 0 or url in self._cache or url in self._running:
                continue
            self._start(url)

    def _start(self, url: str) -> None:
        task = Task(_run_check, self._check, url, self._client, self._timeout)
        self._running[url] = task
        task.succeeded.connect(lambda result, url=url: self._on_result(url, result))
        task.failed.connect(lambda error, url=url: self._on_error(url, error))
        task.finished.connect(lambda url=url, task=task: self._on_finished(url, task))
        self.checks_started += 1
        task.start()
        self.started.emit(url)

    def _remember(self, url: str, result: MediaResult) -> None:
        if result.check.state not in CACHED_STATES:
            return
        self._cache[url] = result
        self._cache.move_to_end(url)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _on_result(self, url: str, result: MediaResult) -> None:
        self._remember(url, result)
        self.checked.emit(url, result)

    def _on_error(self, url: str, error: object) -> None:
        check = MediaCheck(url, "unreachable", tr("The address could not be checked. Try again in a moment."))
        self.checked.emit(url, MediaResult(check))

    def _on_finished(self, url: str, task: Task) -> None:
        if self._running.get(url) is task:
            del self._running[url]
        self._retired.discard(task)
        self._pump()


class MediaPreview(QFrame):
    """What the card's media URL gives: a hint, "Checking…", the picture, a video note, or the problem.

    ``state`` is one of ``empty``, ``loading``, ``image``, ``video``, ``failed``.
    """

    def __init__(
        self, service: MediaPreviewService, parent: QWidget | None = None, *, debounce_ms: int = DEBOUNCE_MS
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mediaPreview")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.service = service
        self.url = ""
        self.state = "empty"
        self.result: MediaResult | None = None
        self._requested: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.check_now)

        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.retry_button = QPushButton(tr("Check again"))
        self.retry_button.setToolTip(tr("Fetch the address again, for example after fixing the file"))
        self.retry_button.setAccessibleName(tr("Check the media address again"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        self.busy.setMaximumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.busy.setAccessibleName(tr("Checking"))
        self.image_view = ImageView(self)
        self.caveat = QLabel()
        self.caveat.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.message, 1, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.image_view)
        layout.addWidget(self.caveat)
        self.retry_button.clicked.connect(self.on_retry_button_clicked)
        service.checked.connect(self.on_service_checked)
        self.setAccessibleName(tr("Media preview"))
        self._show_empty()

    # Driving ------------------------------------------------------------------------------

    def set_url(self, url: str, *, immediate: bool = False) -> None:
        """The URL in the field changed: show what is known, check it once typing pauses."""
        url = url.strip()
        if url == self.url and not immediate:
            return
        if url != self.url:
            self._drop_request()
            self.url = url
            self._timer.stop()
            if not url:
                self._show_empty()
                return
            cached = self.service.cached(url)
            if cached is not None:
                self.check_now()
                return
            self._show_loading()
        if immediate:
            self.check_now()
        elif self._requested != url:
            self._timer.start()

    @Slot()
    def check_now(self) -> None:
        """Ask the service now (the user left the field, or stopped typing)."""
        self._timer.stop()
        if not self.url or self._requested == self.url:
            return
        self._drop_request()
        self._requested = self.url
        result = self.service.request(self.url)
        if result is not None:
            self._show_result(result)
        else:
            self._show_loading()

    def recheck(self) -> None:
        """Ask again for the address in the field (the way to the server changed)."""
        self._drop_request()
        self.check_now()

    def _drop_request(self) -> None:
        if self._requested is not None:
            self.service.release(self._requested)
            self._requested = None

    @Slot(str, object)
    def on_service_checked(self, url: str, result: MediaResult) -> None:
        if url == self.url and url == self._requested:
            self._show_result(result)

    @Slot()
    def on_retry_button_clicked(self) -> None:
        if self._requested == self.url:
            self._show_loading()
            self.service.recheck(self.url)
        else:
            self.check_now()

    # Showing ------------------------------------------------------------------------------

    def _set_icon(self, icon: QStyle.StandardPixmap | str | None) -> None:
        """A standard icon, or a text glyph (drawn in the palette's text colour, so it suits dark themes)."""
        self.icon.clear()
        if icon is None:
            self.icon.hide()
            return
        if isinstance(icon, str):
            self.icon.setText(icon)
        else:
            size = self.fontMetrics().height()
            self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.icon.show()

    def _show(
        self,
        state: str,
        text: str,
        *,
        tone: str = "muted",
        icon: QStyle.StandardPixmap | str | None = None,
        busy: bool = False,
        retry: bool = False,
    ) -> None:
        self.state = state
        self.message.setText(text)
        set_tone(self.message, tone)
        self._set_icon(icon)
        self.busy.setVisible(busy)
        self.retry_button.setVisible(retry)
        if state not in ("image",):
            self.image_view.clear()
            self.image_view.hide()
            self.caveat.hide()
        self.setAccessibleDescription(text)

    def _show_empty(self) -> None:
        self.result = None
        self._show(
            "empty",
            tr("Paste the address of an image (JPEG, PNG, GIF up to 2 MB) or a video (MP4, WebM... up to 10 MB)"),
            icon=QStyle.StandardPixmap.SP_FileDialogInfoView,
        )

    def _show_loading(self) -> None:
        self.result = None
        self._show("loading", tr("Checking the image…"), busy=True)

    def _show_result(self, result: MediaResult) -> None:
        self.result = result
        check = result.check
        if check.state == "image" and result.image is not None:
            self._show_image(result, result.image)
        elif check.state == "image":
            self._show(
                "failed",
                tr("The picture could not be read: the file may be damaged."),
                tone="error",
                icon=QStyle.StandardPixmap.SP_MessageBoxCritical,
                retry=True,
            )
        elif check.state == "video":
            # Translators: {video} is what the check found, such as "MP4 video, 2.1 MB".
            text = tr("{video} — phones show the first frame").format(video=check.message)
            self._show("video", text, icon="▶")
        elif check.state == "cancelled":
            self._show_loading()
        elif check.state == "invalid_url":
            self._show_empty()  # the address field's own problem line already says what is wrong
        else:
            self._show(
                "failed",
                check.message,
                tone="error",
                icon=QStyle.StandardPixmap.SP_MessageBoxCritical,
                retry=True,
            )

    def _show_image(self, result: MediaResult, image: QImage) -> None:
        """``image`` is ``result.image``, known to be there."""
        size = tr("{width} × {height} pixels").format(width=image.width(), height=image.height())
        self._show("image", f"{result.check.message} · {size}")
        self.image_view.show()
        if result.is_gif and result.check.data:
            self.image_view.set_gif(result.check.data, image)
            self.caveat.setText(tr("⚠ iPhones do not animate GIFs: they show the first frame only."))
            set_tone(self.caveat, "warning")
            self.caveat.show()
        else:
            self.image_view.set_image(image)
            self.caveat.hide()
