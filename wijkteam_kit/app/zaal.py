"""The training room on one laptop: warm kernels before the room arrives, a ceiling, and memory figures.

A trainer expects 8–30 people to open the same app within a minute. Starting a kernel and building the app costs
about 2 CPU-seconds per page, so 30 at once on 2 cores keep everyone waiting. :class:`ZaalKernels` therefore
uses Voila's kernel pool (``preheat_kernel``): when a group session is created (or ``serve --groep N``), the
server starts N + :data:`MARGE` kernels of that app only, which run the app notebook up to its
``wait_for_request()`` before anyone arrives. Voila would start a replacement one second after each kernel is
taken; while a room is joining that steals the CPU the participants need, so here a pool is only ever filled
on request (:meth:`ZaalKernels.prepare_room`).

The ceiling: beyond :func:`max_kernels_default` kernels (derived from the machine's memory, or
``--max-apps``) a new page gets a friendly Dutch "het is even druk" page instead of the laptop swapping.

Examples
--------
>>> max_kernels_default(total_mb=8_000)
40
>>> max_kernels_default(total_mb=1_000)
4
>>> pss_mb(-1) is None
True
"""

from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

__all__ = [
    "KERNEL_BUDGET_MB",
    "MARGE",
    "KitMappingKernelManager",
    "ZaalKernels",
    "ZaalStatus",
    "machine_memory_mb",
    "max_kernels_default",
    "pss_mb",
    "with_room",
]

KERNEL_BUDGET_MB = 150
"""Memory counted per app kernel for the ceiling (an idle app kernel is ~70 MB PSS, after a result ~140 MB)."""
RESERVE_MB = 2_000
"""Memory kept free for the system, the browser of the trainer and the server itself."""
MARGE = 2
"""Extra warm kernels beyond the expected number of participants (someone reloads, a late-comer)."""


def machine_memory_mb() -> int:
    """The machine's physical memory in MB (``/proc/meminfo``; 4096 when unknown)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (ValueError, OSError, AttributeError):
        return 4096


def max_kernels_default(total_mb: int | None = None) -> int:
    """How many app kernels fit in memory: (total − reserve) / budget, at least 4.

    >>> max_kernels_default(total_mb=23_000)
    140
    """
    total = machine_memory_mb() if total_mb is None else total_mb
    return max(4, (total - RESERVE_MB) // KERNEL_BUDGET_MB)


def pss_mb(pid: int) -> float | None:
    """Proportional set size of a process in MB (``/proc/PID/smaps_rollup``), None when unreadable."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


@dataclass
class ZaalStatus:
    """The warm room of one app: how many kernels were asked for, are ready, and were taken."""

    app: str
    gevraagd: int = 0
    klaar: int = 0
    in_voorbereiding: int = 0
    genomen: int = 0

    @property
    def is_klaar(self) -> bool:
        """Every asked-for kernel that was not taken yet has rendered the app."""
        return self.gevraagd > 0 and self.in_voorbereiding == 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, with ``is_klaar``."""
        return {**asdict(self), "is_klaar": self.is_klaar}


class ZaalKernels:
    """Mixin for Voila's pooling kernel manager (see :func:`with_room`): pools filled only on request.

    ``max_kernels`` is set by the server after the manager is made.
    """

    max_kernels: int = 0
    _zaal_fill = False
    _zaal_taken: dict[str, int]

    # -- Voila's hooks -----------------------------------------------------------------------------------
    def fill_if_needed(self, delay=None, notebook_name=None, **kwargs):
        """Voila calls this at start and after each kernel taken from a pool: fill only on request."""
        if not self._zaal_fill:
            return None
        return super().fill_if_needed(delay=delay, notebook_name=notebook_name, **kwargs)

    async def get_rendered_notebook(self, notebook_name: str, *args, **kwargs):
        """Take a warm kernel (Voila's), counting it for the room's status.

        A kernel whose warming failed is shut down and skipped, so nobody gets a page that stops after its heading.
        """
        pool = self._pools.get(notebook_name, [])
        while len(pool) > 1 and _failed(pool[0]):
            broken = pool.pop(0)
            kernel_id = _kernel_id(broken)
            logging.getLogger(__name__).warning(
                "Warme app %s voor %s is mislukt bij het klaarzetten; overgeslagen", kernel_id, notebook_name
            )
            if kernel_id is not None and kernel_id in self:
                await self.shutdown_kernel(kernel_id)
        taken = self.__dict__.setdefault("_zaal_taken", {})
        taken[notebook_name] = taken.get(notebook_name, 0) + 1
        return await super().get_rendered_notebook(notebook_name, *args, **kwargs)

    # -- the room ------------------------------------------------------------------------------------------
    def prepare_room(self, notebook: str, participants: int) -> ZaalStatus:
        """Make sure ``participants`` + :data:`MARGE` warm kernels of ``notebook`` exist (within the ceiling)."""
        pool = self._pools.get(notebook, [])
        wanted = max(0, participants) + MARGE
        room_left = wanted
        if self.max_kernels:
            room_left = max(0, self.max_kernels - len(self.list_kernel_ids()) - self._pending())
        size = len(pool) + min(max(0, wanted - len(pool)), room_left)
        config = dict(self.kernel_pools_config)
        config[notebook] = {**config.get(notebook, {}), "pool_size": size}
        self.kernel_pools_config = config
        self.__dict__.setdefault("_zaal_taken", {})[notebook] = 0
        self._zaal_fill = True
        try:
            super().fill_if_needed(delay=0, notebook_name=notebook)
        finally:
            self._zaal_fill = False
        return self.room_status(notebook)

    def _pending(self) -> int:
        """Pool kernels that are asked for but not started yet (not in ``list_kernel_ids``)."""
        return sum(1 for pool in self._pools.values() for task in pool if not task.done())

    def room_status(self, notebook: str) -> ZaalStatus:
        """How far the warm room of ``notebook`` is."""
        pool = self._pools.get(notebook, [])
        ready = sum(1 for task in pool if _rendered(task))
        return ZaalStatus(
            app=notebook,
            gevraagd=int(self.kernel_pools_config.get(notebook, {}).get("pool_size", 0)),
            klaar=ready,
            in_voorbereiding=len(pool) - ready,
            genomen=self.__dict__.get("_zaal_taken", {}).get(notebook, 0),
        )

    def rooms(self) -> list[ZaalStatus]:
        """The status of every app with a pool."""
        return [self.room_status(name) for name in sorted(self._pools) if self._pools[name]]

    def has_warm_kernel(self, notebook: str) -> bool:
        """Whether a page of ``notebook`` would get a pool kernel (then it needs no new one)."""
        return bool(self._pools.get(notebook))


def _rendered(task) -> bool:
    """A pool entry whose kernel started and has run the app's first cell (the app is built and drawn)."""
    if not task.done() or task.cancelled() or task.exception() is not None:
        return False
    content = task.result()
    renderer = content.get("renderer")
    cache = "".join(getattr(renderer, "rendered_cache", None) or ())
    return 'cell-index="1"' in cache or (content["task"].done() and not _failed(task))


def _failed(task) -> bool:
    """A pool entry that can give no working page: its kernel did not start, or its rendering ended in an error.

    >>> import asyncio
    >>> loop = asyncio.new_event_loop()
    >>> start, warm = loop.create_future(), loop.create_future()
    >>> start.set_exception(RuntimeError("kernel died")); warm.set_result({"task": None})
    >>> _failed(start), _failed(warm)
    (True, False)
    >>> loop.close()
    """
    if not task.done():
        return False
    if task.cancelled() or task.exception() is not None:
        return True
    render = task.result().get("task")
    return render is not None and render.done() and (render.cancelled() or render.exception() is not None)


def _kernel_id(task) -> str | None:
    if task.done() and not task.cancelled() and task.exception() is None:
        return task.result().get("kernel_id")
    return None


class KitMappingKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, with the kernels' own output (routine warnings) in a log file.

    Used as Voila's ``multi_kernel_manager_class``, so it sits under Voila's pool as well.
    """

    kernel_output = None
    """A binary file for the kernels' stdout/stderr, instead of the trainer's terminal."""

    async def start_kernel(self, *args, **kwargs):
        """Start a kernel as Jupyter does, with its output going to :attr:`kernel_output` when set."""
        if self.kernel_output is not None:
            kwargs.setdefault("stdout", self.kernel_output)
            kwargs.setdefault("stderr", self.kernel_output)
        return await super().start_kernel(*args, **kwargs)


def with_room(manager_class: type) -> type:
    """Voila's (pooling) kernel manager class with :class:`ZaalKernels` in front of it."""
    if not hasattr(manager_class, "get_rendered_notebook"):  # preheat off: no pools, nothing to add
        return manager_class
    return type("WijkteamKernelManager", (ZaalKernels, manager_class), {})
