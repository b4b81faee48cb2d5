"""The built-in simulated WWT.world server: demo mode, tests, and ``rcs-desk sandbox``.

``SandboxServer`` is a whole simulated account (contact lists, campaigns and single messages that
move with a clock, the messages of every campaign, balance, tokens, fault switches).
``SandboxTransport`` plugs it into ``httpx`` in-process; ``LoopbackServer`` serves it on a local
socket. Nothing is ever sent anywhere.
"""

from __future__ import annotations

from app.sandbox.loopback import LoopbackServer, run_sandbox
from app.sandbox.server import SandboxServer
from app.sandbox.tokens import DEMO_API_KEY
from app.sandbox.transport import SandboxTransport
from app.sandbox.wire import Faults, RecordedRequest, SandboxResponse

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
