"""The answers service of a JupyterHub: the only process on the hub that holds the database connection.

JupyterHub starts it as a managed service (``deploy/jupyterhub/jupyterhub_config.py``, name :data:`NAAM`), as
its own system user when the hub runs as root, with ``WIJKTEAM_DATABASE_URL`` in its environment. User servers
get no database URL; their apps call this service with the server's ``JUPYTERHUB_API_TOKEN``
(:class:`~wijkteam_kit.groepssessie.HubAntwoorden`). For every request the service asks the hub whose token it
is (``HubAuth``), and runs the call as that user on a :class:`~wijkteam_kit.groepssessie.LokaleAntwoorden`:
the hub user *is* the participant (:meth:`~wijkteam_kit.groepssessie.PersoonlijkeCodes.for_hub_user`), so
every answer is stamped with the user who sent it and nobody can name someone else.

Who may do what (the scopes come from the hub's roles):

* everyone with ``access:services!service=wijkteam-antwoorden``: save and read their own answers, join a
  group session and hand in, and after the trainer's reveal see the group picture without names;
* a trainer (the custom scope :data:`TRAINER_SCOPE`, given to the hub group ``trainers``): open a session,
  reveal it, and read the answers of the sessions they opened, with names.

The API (JSON; errors as ``{"fout": "…"}`` in Dutch), below ``$JUPYTERHUB_SERVICE_PREFIX``:

=========  ===================================  ==============================================
``GET``    ``api/wie``                          who you are and whether you are a trainer
``POST``   ``api/antwoorden``                   ``{"soort", "antwoord"}``: save your own answer
``GET``    ``api/antwoorden?soort=…``           your own answers
``POST``   ``api/sessies``                      trainer: ``{"casus", "oefening", "titel"}``
``GET``    ``api/sessies``                      trainer: the sessions you opened
``POST``   ``api/sessies/<code>/deelname``      join a session (returns session and participation)
``GET``    ``api/sessies/<code>/sessie``        the session's state: its participants and trainer
``POST``   ``api/sessies/<code>/antwoord``      ``{"antwoord"}``: hand in
``GET``    ``api/sessies/<code>/mijn``          your own answer in the session (or null)
``GET``    ``api/sessies/<code>/groepsbeeld``   after the reveal, without names
``POST``   ``api/sessies/<code>/onthul``        trainer: reveal your session
``POST``   ``api/sessies/<code>/beheer``        trainer: ``{"actie"}``: sluit, heropen, verberg, …
``GET``    ``api/sessies/<code>/antwoorden``    trainer: every answer of your session
``GET``    ``api/sessies/<code>/deelnames``     trainer: who joined and handed in
``GET``    ``api/sessies/<code>/eerste_ronde``  trainer: round one after a second round
``POST``   ``api/scan/<vraag>``                 the Competentiescan as the user who asks: own scans,
                                                sharing, feedback to a colleague in the team, the
                                                360° profile, plans; the team view with code and
                                                secret (:func:`~wijkteam_kit.competenties.scan_dienst`)
=========  ===================================  ==============================================

Run: ``python -m wijkteam_kit.app.hubdienst`` (only as a hub service: it reads ``JUPYTERHUB_SERVICE_URL``).
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuth, HubAuthenticated
from tornado import ioloop, web

from wijkteam_kit.competenties.toegang import LokaleScans, scan_dienst
from wijkteam_kit.errors import GeenToegang, WijkteamError
from wijkteam_kit.groepssessie.antwoorden import LokaleAntwoorden
from wijkteam_kit.groepssessie.model import Client
from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes
from wijkteam_kit.store.store import Store

__all__ = ["NAAM", "TRAINER_SCOPE", "main", "make_app"]

#: The service's name in the hub (and in ``/services/<name>/``).
NAAM = "wijkteam-antwoorden"
#: The custom scope that makes a hub user a trainer for this service.
TRAINER_SCOPE = "custom:wijkteam:trainer"
MAX_BODY = 1_000_000

log = logging.getLogger("wijkteam_kit.app.hubdienst")


class _Handler(HubAuthenticated, web.RequestHandler):
    """Every call: a hub user with access to this service; the answer as JSON, errors in Dutch."""

    def initialize(self, store: Store, hub_auth: HubAuth) -> None:
        self.store = store
        self.hub_auth = hub_auth

    def check_xsrf_cookie(self) -> None:
        """Only token authentication (no cookies), so there is no cross-site form to guard against."""

    def prepare(self) -> None:
        model = self.current_user
        if not model:
            raise web.HTTPError(403, "Geen geldig hub-token voor de antwoordendienst.")
        if model.get("kind") != "user":
            raise web.HTTPError(403, "Alleen gebruikers van de hub bewaren en lezen antwoorden.")

    def antwoorden(self) -> LokaleAntwoorden:
        """The calls of the user who sent this request (stamped by the hub, never taken from the request)."""
        model = self.current_user
        person = PersoonlijkeCodes(self.store).for_hub_user(model["name"])
        trainer = any(
            s == TRAINER_SCOPE or s.startswith(TRAINER_SCOPE + "!") for s in model.get("scopes", ())
        )
        return LokaleAntwoorden(self.store, person, trainer=trainer)

    def body(self) -> dict[str, Any]:
        """The request's JSON object."""
        if len(self.request.body) > MAX_BODY:
            raise web.HTTPError(413, "Het antwoord is te groot.")
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError as exc:
            raise web.HTTPError(400, "Verwacht een JSON-object.") from exc
        if not isinstance(data, dict):
            raise web.HTTPError(400, "Verwacht een JSON-object.")
        return data

    def reply(self, value: Any) -> None:
        """Send ``value`` as JSON (never cached)."""
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(value, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Errors as ``{"fout": …}``; a WijkteamError keeps its Dutch message, anything else says only what failed."""
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, web.HTTPError):
            message = exc.log_message or self._reason
        elif isinstance(exc, WijkteamError):
            message = str(exc)
        else:
            message = "Er ging iets mis in de antwoordendienst; de beheerder ziet de details in het logboek."
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"fout": message}, ensure_ascii=False))

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, GeenToegang):
            self.send_error(403, exc_info=(type(e), e, e.__traceback__))
        elif isinstance(e, WijkteamError):
            self.send_error(400, exc_info=(type(e), e, e.__traceback__))
        else:
            super()._handle_request_exception(e)


class Wie(_Handler):
    def get(self) -> None:
        self.reply(self.antwoorden().wie())


class Antwoorden(_Handler):
    def get(self) -> None:
        self.reply(self.antwoorden().mijn(self.get_argument("soort", None)))

    def post(self) -> None:
        data = self.body()
        self.reply({"id": self.antwoorden().bewaar(str(data.get("soort", "")), data.get("antwoord"))})


class Sessies(_Handler):
    def get(self) -> None:
        self.reply(self.antwoorden().mijn_sessies())

    def post(self) -> None:
        data = self.body()
        code = self.antwoorden().nieuwe_sessie(
            str(data.get("casus", "")), str(data.get("oefening", "")), str(data.get("titel", ""))
        )
        self.reply({"sessie": code})


class Sessie(_Handler):
    def get(self, code: str, wat: str) -> None:
        calls = self.antwoorden()
        reads = {
            "sessie": calls.sessie,
            "mijn": calls.mijn_inzending,
            "groepsbeeld": calls.groepsbeeld,
            "antwoorden": calls.sessie_antwoorden,
            "deelnames": calls.deelnames,
            "eerste_ronde": calls.eerste_ronde,
        }
        if wat not in reads:
            raise web.HTTPError(404)
        self.reply(reads[wat](code))

    def post(self, code: str, wat: str) -> None:
        calls = self.antwoorden()
        if wat == "deelname":
            self.reply(calls.doe_mee(code))
        elif wat == "antwoord":
            self.reply({"id": calls.lever_in(code, self.body().get("antwoord"))})
        elif wat == "onthul":
            calls.onthul(code)
            self.reply({"sessie": code, "onthuld": True})
        elif wat == "beheer":
            self.reply(calls.beheer(code, str(self.body().get("actie", ""))))
        else:
            raise web.HTTPError(404)


class ScanVraag(_Handler):
    def post(self, actie: str) -> None:
        model = self.current_user
        person = PersoonlijkeCodes(self.store).for_hub_user(model["name"])
        # wrong team secrets are counted per hub user (every user server calls from the same address)
        client = Client(pagina=f"hub:{model['name']}"[:100])
        self.reply(scan_dienst(LokaleScans(self.store, person, client=client), actie, self.body()))


def make_app(store: Store, prefix: str, hub_auth: HubAuth | None = None) -> web.Application:
    """The tornado application of the service below ``prefix`` (ends in ``/``)."""
    auth = hub_auth or HubAuth()
    args = {"store": store, "hub_auth": auth}
    return web.Application(
        [
            (prefix + r"api/wie", Wie, args),
            (prefix + r"api/antwoorden", Antwoorden, args),
            (prefix + r"api/sessies", Sessies, args),
            (prefix + r"api/sessies/([A-Za-z0-9]{4,12})/([a-z_]+)", Sessie, args),
            (prefix + r"api/scan/([a-z_]+)", ScanVraag, args),
        ]
    )


def main() -> None:
    """Start the service where the hub says (``JUPYTERHUB_SERVICE_URL``), with the store of this process."""
    logging.basicConfig(level=logging.INFO, format="[wijkteam-antwoorden %(levelname)s] %(message)s")
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{NAAM}/")
    os.umask(0o077)  # an SQLite file of the service is readable by the service only
    store = Store()
    log.info("Antwoordendienst op %s, opslag %s", url.geturl(), store.label)
    make_app(store, prefix).listen(url.port or 80, url.hostname or "127.0.0.1", xheaders=True)
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
