"""Kernel activity for the culler, recorded without unpacking every message the server passes on.

Jupyter's kernel manager listens to every message a kernel publishes and unpacks its header (with its dates) to
note the kernel's last activity; for a status message it unpacks the content too. The culler needs only the time
of the last message and the kernel's execution state. In a room of 30 that unpacking was the largest single cost
of the server process (18 % of its CPU while the room joined and handed in; ``ZAAL_PROFIEL`` in
``benchmarks/zaal_last.py``). `LichteActiviteit` notes the time of every message and unpacks only the content of
status messages, and sets the time (a trait, with its checks and observers) at most once a second.

The culler's rules stay as they are (see :mod:`wijkteam_kit.app.serve`): a kernel is shut down after its idle
time only when no page is connected to it.
"""

from __future__ import annotations

import json
import time
from typing import Any

from jupyter_client.session import DELIM
from jupyter_server._tz import utcnow

__all__ = ["LichteActiviteit", "execution_state", "licht"]


def execution_state(msg_list: list[Any]) -> str | None:
    """The execution state of a status message in ZMQ wire form, or None for any other message.

    >>> import json
    >>> frames = [b"id", b"<IDS|MSG>", b"sig", json.dumps({"msg_type": "status"}).encode(), b"{}", b"{}",
    ...           json.dumps({"execution_state": "busy"}).encode()]
    >>> execution_state(frames), execution_state(frames[:3] + [b'{"msg_type": "stream"}'] + frames[4:])
    ('busy', None)
    """
    try:
        start = msg_list.index(DELIM)
    except ValueError:
        return None
    header = bytes(msg_list[start + 2])
    if b'"status"' not in header:  # cheap test first: most messages are comm messages
        return None
    try:
        if json.loads(header).get("msg_type") != "status":
            return None
        state = json.loads(bytes(msg_list[start + 5])).get("execution_state")
    except (ValueError, IndexError, AttributeError):
        return None
    return state if isinstance(state, str) else None


class LichteActiviteit:
    """Mixin for Jupyter's ``MappingKernelManager``: a lighter ``start_watching_activity``."""

    def start_watching_activity(self, kernel_id: str) -> None:
        """Note the time of every message of ``kernel_id`` and its state from status messages."""
        kernel = self._kernels[kernel_id]  # type: ignore[attr-defined]
        kernel.reason = ""
        kernel.last_activity = utcnow()
        kernel._activity_stream = kernel.connect_iopub()

        noted = [time.monotonic()]

        def record_activity(msg_list: list[Any]) -> None:
            now = time.monotonic()
            if now - noted[0] >= 1.0:  # the culler counts in minutes: a trait set per second is plenty
                noted[0] = now
                self.last_kernel_activity = kernel.last_activity = utcnow()
            state = execution_state(msg_list)
            if state is not None:
                kernel.execution_state = "idle" if state == "starting" else state

        kernel._activity_stream.on_recv(record_activity)


def licht(manager_class: type) -> type:
    """``manager_class`` with :class:`LichteActiviteit` in front of it."""
    return type(manager_class.__name__, (LichteActiviteit, manager_class), {})
