"""The moment a page takes its kernel: in a warm room the app is built before anyone asked for it.

With Voila's kernel pool (``wijkteam-kit serve --groep N``, or a trainer's new group session) an app kernel runs
the app notebook before a participant opens the page, so the query string (``?sessie=ABC123``) and the caller's
address are not known yet while the app is built. Every app notebook therefore ends with
``wait_for_request()`` from ``wijkteam_kit.app.paginaverzoek`` (a light version of Voila's: in a warm kernel it
waits until a page takes the kernel, in an ordinary kernel it returns at once) followed by
``na_paginaverzoek(app)``, which lets the app read the request (``app.use_request(environ)``). The wait stays in the
notebook: the widget floor does not talk to Voila.

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
    """Hand the page's request (its environment, default ``os.environ``) to ``app.use_request``."""
    if environ is None:
        environ = os.environ
    use_request = getattr(app, "use_request", None)
    if callable(use_request):
        use_request(environ)
