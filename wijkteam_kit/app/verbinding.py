"""The page's line to its kernel without Nagle's delay: one connection class for ``serve`` and the hub.

Tornado leaves Nagle's algorithm on for a websocket: a small message waits until the browser has acknowledged
the one before, and a browser delays that acknowledgement (40 ms on Linux, up to 200 ms on Windows). A widget
action sends the browser several small messages (busy, new values, idle), so every click, choice and hand-in
arrived about 40 ms late even on the server's own machine: a hand-in alone took 44 ms, and 8 ms with
``TCP_NODELAY`` (``benchmarks/zaal_last.py``).

:class:`DirecteVerbinding` is Jupyter's connection between a page's websocket and its kernel, with Nagle
switched off when the page connects. ``wijkteam-kit serve`` uses it as Voila's connection class; on a hub the
server extension :mod:`wijkteam_kit.app.hubpagina` puts it in the user server's settings
(:func:`zonder_vertraging`).

>>> settings = {"kernel_websocket_connection_class": ZMQChannelsWebsocketConnection}
>>> zonder_vertraging(settings); settings["kernel_websocket_connection_class"].__name__
'DirecteVerbinding'
"""

from __future__ import annotations

import logging
from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["DirecteVerbinding", "zonder_vertraging"]

log = logging.getLogger(__name__)

SETTING = "kernel_websocket_connection_class"


class DirecteVerbinding(ZMQChannelsWebsocketConnection):
    """Jupyter's websocket-to-kernel connection, sending every message to the page at once (``TCP_NODELAY``)."""

    def connect(self) -> Any:
        """Switch Nagle off for this page's websocket, then connect as Jupyter does."""
        try:
            self.websocket_handler.set_nodelay(True)
        except (AttributeError, AssertionError):  # no open websocket (closed already): nothing to switch
            log.debug("Websocket van kernel %s: geen verbinding om Nagle uit te zetten", self.kernel_id)
        return super().connect()


def zonder_vertraging(settings: dict[str, Any]) -> None:
    """Use :class:`DirecteVerbinding` in a Jupyter server's ``settings``, unless another class was configured."""
    current = settings.get(SETTING)
    if current in (None, ZMQChannelsWebsocketConnection):
        settings[SETTING] = DirecteVerbinding
    elif not (isinstance(current, type) and issubclass(current, DirecteVerbinding)):
        log.info("Eigen websocketverbinding ingesteld (%s): Nagle blijft zoals die is", current)
