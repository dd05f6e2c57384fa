"""Group sessions through :class:`~wijkteam_kit.groepssessie.Antwoorden`: what the apps use on a JupyterHub.

The apps work with :class:`~wijkteam_kit.groepssessie.Groepssessies` (participants: join, hand in, see the
group picture) and :class:`~wijkteam_kit.groepssessie.TrainerToegang` (the trainer's dashboard). On a hub the
user server holds no database, so :func:`sessies_voor` gives the apps a :class:`SessiesViaDienst` instead: the
same methods, sent through the hub's answers service (:class:`~wijkteam_kit.groepssessie.HubAntwoorden`) as the
hub user who runs the app. The differences the apps see:

* the hub login *is* the participant: :meth:`SessiesViaDienst.join` ignores a typed name and herstelcode;
* a trainer needs no secret: the service lets a trainer open the sessions they created (and only those);
* in the group picture other participants have no names (``Deelnemer 1``, …), only your own answer is yours.

Outside a hub :func:`sessies_voor` returns today's :class:`~wijkteam_kit.groepssessie.Groepssessies` on the
store, so nothing changes there.

Examples
--------
The same calls on a store (what the service runs for each hub user):

>>> from wijkteam_kit.store import Store
>>> from wijkteam_kit.groepssessie import LokaleAntwoorden, PersoonlijkeCodes
>>> store = Store(":memory:")
>>> codes = PersoonlijkeCodes(store)
>>> tess = SessiesViaDienst(LokaleAntwoorden(store, codes.for_hub_user("tess"), trainer=True))
>>> kim = SessiesViaDienst(LokaleAntwoorden(store, codes.for_hub_user("kim")))
>>> nieuw = tess.create("mantelzorg-dementie", "zrm")
>>> nieuw.geheim
''
>>> aanmelding = kim.join(nieuw.sessie.code, "", client=None)
>>> aanmelding.deelname.weergavenaam, aanmelding.herstelcode
('kim', None)
>>> kim.submit(nieuw.sessie.code, aanmelding.deelname.deelnemer_id, {"a": 1}).payload
{'a': 1}
>>> trainer = tess.as_trainer(nieuw.sessie.code, "", client=None)
>>> [(d.weergavenaam, i.payload) for d, i in trainer.answers()], trainer.reveal().onthuld
([('kim', {'a': 1})], True)
>>> kim.group_answers(nieuw.sessie.code, aanmelding.deelname.deelnemer_id)
[('kim', {'a': 1})]
>>> kim.as_trainer(nieuw.sessie.code, "", client=None)
Traceback (most recent call last):
...
wijkteam_kit.errors.GeenToegang: Alleen een trainer leest de antwoorden van een groepssessie.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from wijkteam_kit import settings
from wijkteam_kit.errors import GeenToegang, GroepssessieError
from wijkteam_kit.groepssessie.antwoorden import Antwoorden, antwoorden_voor
from wijkteam_kit.groepssessie.limiet import stamp
from wijkteam_kit.groepssessie.model import Aanmelding, Client, Deelname, Groepssessie, NieuweSessie
from wijkteam_kit.groepssessie.sessies import Groepssessies
from wijkteam_kit.groepssessie.trainer import session_json
from wijkteam_kit.store.schema import Inzending
from wijkteam_kit.store.store import Store

__all__ = ["SessiesViaDienst", "TrainerViaDienst", "op_een_hub", "sessies_voor"]


def op_een_hub(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this app runs in a hub user server that reaches the answers service.

    >>> op_een_hub({}), op_een_hub({"WIJKTEAM_ANTWOORDEN_URL": "http://x/", "JUPYTERHUB_API_TOKEN": "t"})
    (False, True)
    """
    env = os.environ if environ is None else environ
    return bool(settings.text(settings.ANTWOORDEN_URL, env) and env.get("JUPYTERHUB_API_TOKEN"))


def sessies_voor(
    store: Callable[[], Store], environ: Mapping[str, str] | None = None
) -> Groepssessies | SessiesViaDienst:
    """The group sessions of this app: through the hub's service inside a hub, else on ``store()``.

    ``store`` is called only outside a hub (so a hub user server never opens a database).

    >>> type(sessies_voor(lambda: Store(":memory:"), environ={})).__name__
    'Groepssessies'
    >>> env = {"WIJKTEAM_ANTWOORDEN_URL": "http://127.0.0.1:9/d/", "JUPYTERHUB_API_TOKEN": "x"}
    >>> sessies_voor(lambda: 1 / 0, environ=env)
    SessiesViaDienst(HubAntwoorden('http://127.0.0.1:9/d/'))
    """
    if op_een_hub(environ):
        return SessiesViaDienst(antwoorden_voor(environ=environ))
    return Groepssessies(store())


def _sessie(data: Mapping[str, Any]) -> Groepssessie:
    return Groepssessie(**{name: data[name] for name in Groepssessie.__dataclass_fields__ if name in data})


def _deelname(data: Mapping[str, Any]) -> Deelname:
    return Deelname(**{name: data.get(name) for name in Deelname.__dataclass_fields__})


def _inzending(data: Mapping[str, Any], deelnemer_id: str) -> Inzending:
    return Inzending(
        id=data["id"],
        soort=data["soort"],
        deelnemer_id=deelnemer_id,
        payload=data["antwoord"],
        sessie=data.get("sessie"),
        aangemaakt=data.get("aangemaakt") or "",
        bijgewerkt=data.get("bijgewerkt") or "",
    )


class SessiesViaDienst:
    """What the apps use of :class:`~wijkteam_kit.groepssessie.Groepssessies`, through an :class:`Antwoorden`.

    Every call is made as the person of ``antwoorden`` (on a hub: the hub user); ``deelnemer_id`` arguments
    are accepted for the same signature but never decide whose answer is read.
    """

    via_dienst = True  # the apps ask no name, herstelcode or trainer secret

    def __init__(self, antwoorden: Antwoorden) -> None:
        self.antwoorden = antwoorden
        self._naam: str | None = None

    def __repr__(self) -> str:
        return f"SessiesViaDienst({self.antwoorden!r})"

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)

    @property
    def naam(self) -> str:
        """Your name as the service knows it (the hub user)."""
        if self._naam is None:
            self._naam = str(self.antwoorden.wie()["gebruiker"])
        return self._naam

    # ---- trainer -----------------------------------------------------------------------------------------
    def create(self, casus_id: str, oefening: str, titel: str = "", geheim: str | None = None) -> NieuweSessie:
        """Open a session as trainer; there is no secret (``geheim`` is ``""``): the hub login opens it."""
        code = self.antwoorden.nieuwe_sessie(casus_id, oefening, titel)
        return NieuweSessie(sessie=_sessie(self.antwoorden.sessie(code)), geheim="")

    def as_trainer(self, code: str, geheim: str = "", *, client: Client | None = None) -> TrainerViaDienst:
        """The dashboard's access to a session you opened (no secret needed; someone else's: `GeenToegang`)."""
        access = TrainerViaDienst(self.antwoorden, code)
        access.deelnames()  # asks the service: only the trainer who opened it gets past here
        return access

    def mine(self) -> list[Groepssessie]:
        """The sessions you opened as trainer, newest first."""
        return [_sessie(s) for s in self.antwoorden.mijn_sessies()]

    # ---- participant -------------------------------------------------------------------------------------
    def find(self, code: str) -> Groepssessie | None:
        """The session as it is now, or None when it is gone (or not yours to see)."""
        try:
            return _sessie(self.antwoorden.sessie(code))
        except GroepssessieError:
            return None

    def join(
        self, code: str, weergavenaam: str = "", *, client: Client | None = None, herstelcode: str | None = None
    ) -> Aanmelding:
        """Join as yourself (the hub user); a typed name and herstelcode are not needed and not used."""
        data = self.antwoorden.doe_mee(code)
        deelname = _deelname(data["deelname"])
        self._naam = deelname.weergavenaam
        return Aanmelding(_sessie(data["sessie"]), deelname, herstelcode=None, terug=False)

    def submit(self, code: str, deelnemer_id: str, payload: dict[str, Any]) -> Inzending:
        """Hand in (or replace) your answer."""
        self.antwoorden.lever_in(code, payload)
        own = self.own_submission(code, deelnemer_id)
        if own is None:  # pragma: no cover - the service just saved it
            raise GroepssessieError("Je antwoord is niet teruggevonden; lever nog eens in.")
        return own

    def own_submission(self, code: str, deelnemer_id: str = "") -> Inzending | None:
        """Your answer in the session, or None when you did not hand in yet."""
        data = self.antwoorden.mijn_inzending(code)
        return None if data is None else _inzending(data, deelnemer_id)

    def group_answers(self, code: str, deelnemer_id: str = "") -> list[tuple[str, dict[str, Any]]]:
        """After the reveal: ``(name, answer)`` with your own name for your answer, ``Deelnemer n`` for others."""
        answers, others = [], 0
        for item in self.antwoorden.groepsbeeld(code):
            if item["eigen"]:
                answers.append((self.naam, item["antwoord"]))
            else:
                others += 1
                answers.append((f"Deelnemer {others}", item["antwoord"]))
        return answers


class TrainerViaDienst:
    """What the dashboard uses of :class:`~wijkteam_kit.groepssessie.TrainerToegang`, through the service."""

    store = None  # no database here: tools that need one (the calibration standard) say so

    def __init__(self, antwoorden: Antwoorden, code: str) -> None:
        self.antwoorden = antwoorden
        self.code = code

    @property
    def sessie(self) -> Groepssessie:
        """The session as saved now."""
        return self.refresh()

    def refresh(self) -> Groepssessie:
        """The session as saved now; `GroepssessieError` when it was deleted."""
        return _sessie(self.antwoorden.sessie(self.code))

    def deelnames(self) -> list[Deelname]:
        """Everyone who joined, in joining order."""
        return [_deelname(d) for d in self.antwoorden.deelnames(self.code)]

    def answers(self) -> list[tuple[Deelname, Inzending]]:
        """Every participant who handed in, with their answer, in joining order."""
        pairs = []
        for item in self.antwoorden.sessie_antwoorden(self.code):
            deelname = _deelname(item["deelname"])
            pairs.append((deelname, _inzending(item, deelname.deelnemer_id)))
        return pairs

    def _beheer(self, actie: str) -> Groepssessie:
        data = self.antwoorden.beheer(self.code, actie)
        if data is None:  # pragma: no cover - only "verwijder" returns nothing
            raise GeenToegang("De sessie is er niet meer.")
        return _sessie(data)

    def close(self) -> Groepssessie:
        """Close the session."""
        return self._beheer("sluit")

    def reopen(self) -> Groepssessie:
        """Open a closed session again."""
        return self._beheer("heropen")

    def reveal(self) -> Groepssessie:
        """Share the group picture with the participants."""
        return self._beheer("onthul")

    def hide(self) -> Groepssessie:
        """Hide the group picture again."""
        return self._beheer("verberg")

    def open_round_two(self) -> Groepssessie:
        """Open a second round (once per session)."""
        return self._beheer("tweede_ronde")

    def round_one_answers(self) -> list[tuple[str, dict[str, Any]]]:
        """``(display name, payload)`` of round one."""
        return [(str(name), payload) for name, payload in self.antwoorden.eerste_ronde(self.code)]

    def delete(self) -> None:
        """Delete the session with everything in it."""
        self.antwoorden.beheer(self.code, "verwijder")

    def export_json(self) -> str:
        """The session's backup as JSON text."""
        return session_json(self.refresh(), self.deelnames(), self.answers(), stamp(datetime.now(UTC)))
