"""One interface for answers, two implementations: the store on this machine, or the hub's answers service.

:class:`Antwoorden` is what an app needs of answers: save your own, read your own, join a group session and
hand in, see the group picture after the reveal; and for a trainer: open a session, reveal it, read its
answers. Every call is made *as one person*, so nobody can ask for someone else's answers.

* :class:`LokaleAntwoorden` works on a :class:`~wijkteam_kit.store.Store` for one known participant (found by
  their personal code, or by their hub login inside the answers service).
* :class:`HubAntwoorden` sends the same calls as JSON to the answers service of a JupyterHub
  (:mod:`wijkteam_kit.app.hubdienst`) with the user server's ``JUPYTERHUB_API_TOKEN``. The service asks the hub
  whose token it is and runs the call on a :class:`LokaleAntwoorden` of that user: a user server holds no
  database URL and no password.

:func:`antwoorden_voor` picks the one that fits where the app runs.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes
>>> store = Store(":memory:")
>>> codes = PersoonlijkeCodes(store)
>>> trainer = LokaleAntwoorden(store, codes.for_hub_user("tess"), trainer=True)
>>> kim = LokaleAntwoorden(store, codes.for_hub_user("kim"))
>>> code = trainer.nieuwe_sessie("mantelzorg-dementie", "zrm")
>>> kim.doe_mee(code)["deelname"]["weergavenaam"]
'kim'
>>> _ = kim.lever_in(code, {"a": 1})
>>> kim.groepsbeeld(code)
Traceback (most recent call last):
...
wijkteam_kit.errors.GroepssessieError: De trainer heeft de groepsuitkomst nog niet gedeeld.
>>> trainer.onthul(code); kim.groepsbeeld(code)
[{'eigen': True, 'antwoord': {'a': 1}}]
>>> [a["naam"] for a in trainer.sessie_antwoorden(code)]
['kim']
>>> kim.sessie_antwoorden(code)
Traceback (most recent call last):
...
wijkteam_kit.errors.GeenToegang: Alleen een trainer leest de antwoorden van een groepssessie.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

from wijkteam_kit import settings
from wijkteam_kit.errors import GeenToegang, GroepssessieError, NaamBezet
from wijkteam_kit.groepssessie.model import Deelname, gone, normalise_code
from wijkteam_kit.groepssessie.persoonlijk import HUB_MERK
from wijkteam_kit.groepssessie.sessies import Groepssessies
from wijkteam_kit.groepssessie.trainer import TrainerToegang
from wijkteam_kit.store.groepssessies import deelname_row
from wijkteam_kit.store.persoonlijk import add_participation_of
from wijkteam_kit.store.schema import Deelnemer, check_slug, name_key
from wijkteam_kit.store.store import Store

__all__ = [
    "ACTIES",
    "EIGENAAR_SOORT",
    "Antwoorden",
    "HubAntwoorden",
    "LokaleAntwoorden",
    "antwoorden_voor",
]

#: Submission kind that records which trainer opened a session (so a trainer reads only their own sessions).
EIGENAAR_SOORT = "sessie_trainer"
_GEEN_TRAINER = "Alleen een trainer leest de antwoorden van een groepssessie."
_NIET_JOUW_SESSIE = "Deze groepssessie is niet door jou geopend."


@runtime_checkable
class Antwoorden(Protocol):
    """What an app may do with answers, always as one person (see the module text)."""

    def wie(self) -> dict[str, Any]:
        """``{"gebruiker": name, "trainer": bool}`` of the person asking."""

    def bewaar(self, soort: str, payload: dict[str, Any]) -> str:
        """Save one of your own answers (outside a session); returns its id."""

    def mijn(self, soort: str | None = None) -> list[dict[str, Any]]:
        """Your own answers (of one kind), oldest first: ``{"id", "soort", "sessie", "aangemaakt", "antwoord"}``."""

    def doe_mee(self, sessie: str) -> dict[str, Any]:
        """Join group session ``sessie`` (again is fine); returns ``{"sessie": …, "deelname": …}`` as dicts."""

    def sessie(self, sessie: str) -> dict[str, Any]:
        """The session's state (status, reveal, round) as a dict: for its participants and its trainer."""

    def mijn_inzending(self, sessie: str) -> dict[str, Any] | None:
        """Your own answer in a session you joined (with ``bijgewerkt``), or None when you did not hand in."""

    def lever_in(self, sessie: str, payload: dict[str, Any]) -> str:
        """Hand in (or replace) your answer in a session you joined; returns its id."""

    def groepsbeeld(self, sessie: str) -> list[dict[str, Any]]:
        """After the reveal: every answer of the session, without names, ``{"eigen": bool, "antwoord": …}``."""

    def nieuwe_sessie(self, casus_id: str, oefening: str, titel: str = "") -> str:
        """Trainer: open a session; returns its code."""

    def onthul(self, sessie: str) -> None:
        """Trainer: share the group picture of your own session with its participants."""

    def sessie_antwoorden(self, sessie: str) -> list[dict[str, Any]]:
        """Trainer: every answer of your own session, with the display names (and ``deelname``)."""

    def deelnames(self, sessie: str) -> list[dict[str, Any]]:
        """Trainer: who joined your own session and when they handed in, in joining order."""

    def beheer(self, sessie: str, actie: str) -> dict[str, Any] | None:
        """Trainer: one of :data:`ACTIES` on your own session; the session afterwards (None after ``verwijder``)."""

    def eerste_ronde(self, sessie: str) -> list[list[Any]]:
        """Trainer: ``[name, answer]`` of round one of your own session (empty before round two)."""

    def mijn_sessies(self) -> list[dict[str, Any]]:
        """Trainer: the sessions you opened that still exist, newest first."""


#: What a trainer may do to their own session through :meth:`Antwoorden.beheer`.
ACTIES = ("sluit", "heropen", "onthul", "verberg", "tweede_ronde", "verwijder")


def _item(item: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "soort": item.soort,
        "sessie": item.sessie,
        "aangemaakt": item.aangemaakt,
        "bijgewerkt": item.bijgewerkt,
        "antwoord": item.payload,
    }


class LokaleAntwoorden:
    """:class:`Antwoorden` on a store, as participant ``deelnemer`` (``trainer``: may open and read sessions)."""

    def __init__(self, store: Store, deelnemer: Deelnemer, *, trainer: bool = False) -> None:
        self.store = store
        self.deelnemer = deelnemer
        self.trainer = trainer
        self.sessies = Groepssessies(store)

    def wie(self) -> dict[str, Any]:  # noqa: D102 - described in the protocol
        return {"gebruiker": self.deelnemer.weergavenaam, "trainer": self.trainer}

    def bewaar(self, soort: str, payload: dict[str, Any]) -> str:  # noqa: D102
        if soort == EIGENAAR_SOORT:
            raise GeenToegang("Deze soort antwoord bewaart de kit zelf.")
        return self.store.submit(check_slug(soort, "soort"), self.deelnemer.id, payload).id

    def mijn(self, soort: str | None = None) -> list[dict[str, Any]]:  # noqa: D102
        items = self.store.submissions(soort, deelnemer_id=self.deelnemer.id)
        return [_item(i) for i in items if i.soort != EIGENAAR_SOORT]

    def doe_mee(self, sessie: str) -> dict[str, Any]:  # noqa: D102
        code = normalise_code(sessie)
        found = self.sessies.find(code)
        if found is None:
            raise GroepssessieError(f"Groepssessie {code}: bestaat niet (meer).")
        if not found.open:
            raise GroepssessieError("Deze groepssessie is gesloten; meedoen kan niet meer.")
        name = self.deelnemer.weergavenaam
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with self.store.transaction("meedoen aan een groepssessie", write=True) as conn:
            joined = add_participation_of(conn, code, self.deelnemer.id, name, name_key(name), HUB_MERK, now)
        deelname = self._deelname(code)
        if not joined and deelname is None:
            raise NaamBezet("Deze naam doet al mee in deze sessie.")
        return {"sessie": asdict(found), "deelname": asdict(deelname)}

    def _deelname(self, code: str) -> Deelname | None:
        with self.store.transaction("je deelname lezen") as conn:
            row = deelname_row(conn, code, self.deelnemer.id)
        return None if row is None else Deelname.from_row(row)

    def _joined(self, code: str) -> bool:
        return self._deelname(code) is not None

    def _owns(self, code: str) -> bool:
        mine = self.store.submissions(EIGENAAR_SOORT, deelnemer_id=self.deelnemer.id)
        return self.trainer and any(i.payload.get("sessie") == code for i in mine)

    def sessie(self, sessie: str) -> dict[str, Any]:  # noqa: D102
        code = normalise_code(sessie)
        if not self._owns(code) and not self._joined(code):
            raise GeenToegang("Je doet niet mee aan deze groepssessie.")
        found = self.sessies.find(code)
        if found is None:
            raise gone(code)
        return asdict(found)

    def mijn_inzending(self, sessie: str) -> dict[str, Any] | None:  # noqa: D102
        own = self.sessies.own_submission(sessie, self.deelnemer.id)
        return None if own is None else _item(own)

    def lever_in(self, sessie: str, payload: dict[str, Any]) -> str:  # noqa: D102
        return self.sessies.submit(sessie, self.deelnemer.id, payload).id

    def groepsbeeld(self, sessie: str) -> list[dict[str, Any]]:  # noqa: D102
        code = normalise_code(sessie)
        if not self._joined(code):
            raise GeenToegang("Je doet niet mee aan deze groepssessie.")
        me = name_key(self.deelnemer.weergavenaam)
        return [
            {"eigen": name_key(name) == me, "antwoord": payload}
            for name, payload in self.sessies.group_answers(code, self.deelnemer.id)
        ]

    def _own_session(self, sessie: str) -> TrainerToegang:
        if not self.trainer:
            raise GeenToegang(_GEEN_TRAINER)
        code = normalise_code(sessie)
        if not self._owns(code):
            raise GeenToegang(_NIET_JOUW_SESSIE)
        return TrainerToegang(self.store, code, klok=self.sessies.now)

    def nieuwe_sessie(self, casus_id: str, oefening: str, titel: str = "") -> str:  # noqa: D102
        if not self.trainer:
            raise GeenToegang("Alleen een trainer opent een groepssessie.")
        nieuw = self.sessies.create(casus_id, oefening, titel)
        self.store.submit(EIGENAAR_SOORT, self.deelnemer.id, {"sessie": nieuw.sessie.code})
        return nieuw.sessie.code

    def onthul(self, sessie: str) -> None:  # noqa: D102
        self._own_session(sessie).reveal()

    def sessie_antwoorden(self, sessie: str) -> list[dict[str, Any]]:  # noqa: D102
        return [
            {"naam": deelname.weergavenaam, **_item(answer), "deelname": asdict(deelname)}
            for deelname, answer in self._own_session(sessie).answers()
        ]

    def deelnames(self, sessie: str) -> list[dict[str, Any]]:  # noqa: D102
        return [asdict(d) for d in self._own_session(sessie).deelnames()]

    def beheer(self, sessie: str, actie: str) -> dict[str, Any] | None:  # noqa: D102
        access = self._own_session(sessie)
        steps = {
            "sluit": access.close,
            "heropen": access.reopen,
            "onthul": access.reveal,
            "verberg": access.hide,
            "tweede_ronde": access.open_round_two,
        }
        if actie == "verwijder":
            access.delete()
            return None
        if actie not in steps:
            raise GroepssessieError(f"Actie {actie!r}: kies uit {', '.join(ACTIES)}.")
        return asdict(steps[actie]())

    def eerste_ronde(self, sessie: str) -> list[list[Any]]:  # noqa: D102
        return [[name, payload] for name, payload in self._own_session(sessie).round_one_answers()]

    def mijn_sessies(self) -> list[dict[str, Any]]:  # noqa: D102
        if not self.trainer:
            raise GeenToegang(_GEEN_TRAINER)
        mine = self.store.submissions(EIGENAAR_SOORT, deelnemer_id=self.deelnemer.id)
        found = (self.sessies.find(str(i.payload.get("sessie", ""))) for i in reversed(mine))
        return [asdict(f) for f in found if f is not None]


class HubAntwoorden:
    """:class:`Antwoorden` through the hub's answers service (``url`` ends in ``/``), with the server's token."""

    def __init__(self, url: str, token: str, *, timeout: float = 20) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self._token = token
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"HubAntwoorden({self.url!r})"  # never the token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """One request to the service (``path`` below its url) as JSON; errors as Dutch WijkteamErrors.

        Other topic packages send their own calls this way (the scan: :mod:`wijkteam_kit.competenties.toegang`).
        """
        return self._call(method, path, body)

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self._token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            try:
                message = json.loads(exc.read()).get("fout") or exc.reason
            except (ValueError, AttributeError):
                message = exc.reason
            if exc.code in (401, 403):
                raise GeenToegang(str(message)) from exc
            raise GroepssessieError(str(message)) from exc
        except OSError as exc:
            raise GroepssessieError(
                f"De antwoordendienst van de hub is niet bereikbaar ({exc}). Probeer het zo nog eens of meld het "
                "bij de beheerder."
            ) from exc

    def wie(self) -> dict[str, Any]:  # noqa: D102
        return self._call("GET", "api/wie")

    def bewaar(self, soort: str, payload: dict[str, Any]) -> str:  # noqa: D102
        return self._call("POST", "api/antwoorden", {"soort": soort, "antwoord": payload})["id"]

    def mijn(self, soort: str | None = None) -> list[dict[str, Any]]:  # noqa: D102
        return self._call("GET", "api/antwoorden" + (f"?soort={soort}" if soort else ""))

    def doe_mee(self, sessie: str) -> dict[str, Any]:  # noqa: D102
        return self._call("POST", f"api/sessies/{normalise_code(sessie)}/deelname", {})

    def sessie(self, sessie: str) -> dict[str, Any]:  # noqa: D102
        return self._call("GET", f"api/sessies/{normalise_code(sessie)}/sessie")

    def mijn_inzending(self, sessie: str) -> dict[str, Any] | None:  # noqa: D102
        return self._call("GET", f"api/sessies/{normalise_code(sessie)}/mijn")

    def lever_in(self, sessie: str, payload: dict[str, Any]) -> str:  # noqa: D102
        return self._call("POST", f"api/sessies/{normalise_code(sessie)}/antwoord", {"antwoord": payload})[
            "id"
        ]

    def groepsbeeld(self, sessie: str) -> list[dict[str, Any]]:  # noqa: D102
        return self._call("GET", f"api/sessies/{normalise_code(sessie)}/groepsbeeld")

    def nieuwe_sessie(self, casus_id: str, oefening: str, titel: str = "") -> str:  # noqa: D102
        body = {"casus": casus_id, "oefening": oefening, "titel": titel}
        return self._call("POST", "api/sessies", body)["sessie"]

    def onthul(self, sessie: str) -> None:  # noqa: D102
        self._call("POST", f"api/sessies/{normalise_code(sessie)}/onthul", {})

    def sessie_antwoorden(self, sessie: str) -> list[dict[str, Any]]:  # noqa: D102
        return self._call("GET", f"api/sessies/{normalise_code(sessie)}/antwoorden")

    def deelnames(self, sessie: str) -> list[dict[str, Any]]:  # noqa: D102
        return self._call("GET", f"api/sessies/{normalise_code(sessie)}/deelnames")

    def beheer(self, sessie: str, actie: str) -> dict[str, Any] | None:  # noqa: D102
        return self._call("POST", f"api/sessies/{normalise_code(sessie)}/beheer", {"actie": actie})

    def eerste_ronde(self, sessie: str) -> list[list[Any]]:  # noqa: D102
        return self._call("GET", f"api/sessies/{normalise_code(sessie)}/eerste_ronde")

    def mijn_sessies(self) -> list[dict[str, Any]]:  # noqa: D102
        return self._call("GET", "api/sessies")


def antwoorden_voor(
    store: Store | None = None, deelnemer: Deelnemer | None = None, environ: Mapping[str, str] | None = None
) -> Antwoorden:
    """The answers of whoever runs this app: through the hub's service inside a hub, else on ``store``.

    Inside a hub user server (``WIJKTEAM_ANTWOORDEN_URL`` and ``JUPYTERHUB_API_TOKEN`` set) the service decides
    who is asking; elsewhere the caller names the participant (found by their personal code).

    >>> antwoorden_voor(environ={"WIJKTEAM_ANTWOORDEN_URL": "http://127.0.0.1:9/d/", "JUPYTERHUB_API_TOKEN": "x"})
    HubAntwoorden('http://127.0.0.1:9/d/')
    """
    env = os.environ if environ is None else environ
    url, token = settings.text(settings.ANTWOORDEN_URL, env), env.get("JUPYTERHUB_API_TOKEN", "")
    if url and token:
        return HubAntwoorden(url, token)
    if store is None or deelnemer is None:
        raise GroepssessieError(
            "Buiten een hub horen antwoorden bij een deelnemer: log in met naam en herstelcode."
        )
    return LokaleAntwoorden(store, deelnemer)
