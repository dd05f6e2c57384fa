"""The app shell: the ``wijkteam-kit`` command, ``serve`` and the Voila server."""
