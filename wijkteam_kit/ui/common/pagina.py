"""The moment a page takes its kernel: in a warm room the app is built before anyone asked for it.

With Voila's kernel pool (``wijkteam-kit serve --groep N``, or a trainer's new group session) an app kernel runs
the app notebook before a participant opens the page, so the query string (``?sessie=ABC123``) and the caller's
address are not known yet while the app is built. Every app notebook therefore ends with
``na_paginaverzoek(app)``: in a warm kernel it waits until a page takes the kernel (Voila's
``wait_for_request``) and then lets the app read the request (``app.use_request(environ)``); in an ordinary
kernel the request is already there and it returns at once.

Examples
--------
>>> class App:
...     seen = None
...     def use_request(self, environ):
...         self.seen = environ.get("QUERY_STRING")
>>> app = App()
>>> na_paginaverzoek(app, environ={"QUERY_STRING": "sessie=ABC123"})
>>> app.seen
'sessie=ABC123'
>>> na_paginaverzoek(object(), environ={})  # an app that does not read the request
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["na_paginaverzoek"]


def na_paginaverzoek(app: object, environ: Mapping[str, str] | None = None) -> None:
    """Wait for the page's request in a warm kernel, then hand its environment to ``app.use_request``."""
    if environ is None:
        if os.environ.get("VOILA_PREHEAT") == "True":
            from voila.utils import wait_for_request  # only in a kernel of Voila's pool

            wait_for_request()
        environ = os.environ
    use_request = getattr(app, "use_request", None)
    if callable(use_request):
        use_request(environ)
