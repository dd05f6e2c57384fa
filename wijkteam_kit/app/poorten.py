"""Kernel ports outside the system's range of ephemeral ports, so no other connection can take one first.

A kernel talks to the server over five TCP ports. Jupyter picks them by asking the system for a free port
(binding port 0) and lets the kernel bind them a moment later. The system hands out those ports from the same
range it uses for the local side of every outgoing connection (Linux: 32768–60999). In the moment between,
any connection (the server to another kernel, a browser, the ZeroMQ client retrying to reach this very
kernel) can get the port as its own. The kernel then stops with "Address already in use", Jupyter restarts
it on the same ports, and the page that waits for it never finishes loading (jupyter_client issue 487). It failed
a test run now and then (a page that never loaded), and one kernel of a cold room of 30.

:class:`VrijePoorten` picks the ports outside that range instead (from 20000 up to its start, and above it), where the
system never puts the local side of a connection: only a program that binds that exact port could take it.
It is installed once, before the first kernel starts (:func:`install`).

>>> VrijePoorten.free_ranges((32768, 60999))  # Linux
[(20000, 32767), (61000, 65535)]
>>> VrijePoorten.free_ranges((49152, 65535))  # macOS and Windows
[(20000, 49151)]
>>> VrijePoorten.free_ranges((1024, 65535))  # the whole range ephemeral: nothing better than the system's way
[]
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

from jupyter_client.connect import LocalPortCache

__all__ = ["VrijePoorten", "install"]

LOWEST = 20000
"""Ports below this are left alone (other services often listen there)."""
_DEFAULT_EPHEMERAL = (32768, 65535)
"""When the system does not say (not Linux): Linux's start, and the 49152–65535 of macOS and Windows."""


def ephemeral_range(path: Path = Path("/proc/sys/net/ipv4/ip_local_port_range")) -> tuple[int, int]:
    """The system's range of ports for the local side of outgoing connections."""
    try:
        low, high = (int(part) for part in path.read_text().split()[:2])
        return low, high
    except (OSError, ValueError):
        return _DEFAULT_EPHEMERAL


class VrijePoorten(LocalPortCache):
    """Jupyter's port cache, with ports drawn from outside the ephemeral range (see the module)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.ranges = self.free_ranges(ephemeral_range())
        self._random = random.SystemRandom()

    @staticmethod
    def free_ranges(ephemeral: tuple[int, int]) -> list[tuple[int, int]]:
        """The port ranges at or above :data:`LOWEST` outside ``ephemeral`` (each at least 1000 ports)."""
        low, high = ephemeral
        ranges = [(LOWEST, low - 1), (high + 1, 65535)]
        return [(a, b) for a, b in ranges if b - a >= 1000]

    def find_available_port(self, ip: str) -> int:
        """A port no kernel of this server uses and nothing on ``ip`` has bound; the system's pick otherwise."""
        for _ in range(100 if self.ranges else 0):
            low, high = self._random.choice(self.ranges)
            port = self._random.randint(low, high)
            if port in self.currently_used_ports or not _bindable(ip, port):
                continue
            self.currently_used_ports.add(port)
            return port
        return super().find_available_port(ip)


def _bindable(ip: str, port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((ip, port))
        except OSError:
            return False
    return True


def install() -> VrijePoorten:
    """Make :class:`VrijePoorten` the port cache every local kernel of this process uses.

    >>> install() is LocalPortCache.instance() is install()
    True
    """
    current = LocalPortCache._instance
    if isinstance(current, VrijePoorten):
        return current
    cache = VrijePoorten()
    if current is not None:  # kernels started before keep their ports
        cache.currently_used_ports |= current.currently_used_ports
    LocalPortCache._instance = VrijePoorten._instance = cache
    return cache
