"""The built-in simulated WWT.world server: demo mode, tests, and ``rcs-desk sandbox``.

``SandboxServer`` is a whole simulated account (contact lists, campaigns that move with a clock,
balance, tokens, fault switches). ``SandboxTransport`` plugs it into ``httpx`` in-process;
``LoopbackServer`` serves it on a local socket. Nothing is ever sent anywhere.
"""

from __future__ import annotations

DEMO_API_KEY = "test_demo"

from app.sandbox.loopback import LoopbackServer, run_sandbox  # noqa: E402
from app.sandbox.server import SandboxServer  # noqa: E402
from app.sandbox.transport import SandboxTransport  # noqa: E402
from app.sandbox.wire import Faults, RecordedRequest, SandboxResponse  # noqa: E402

__all__ = [
    "DEMO_API_KEY",
    "Faults",
    "LoopbackServer",
    "RecordedRequest",
    "SandboxResponse",
    "SandboxServer",
    "SandboxTransport",
    "run_sandbox",
]
