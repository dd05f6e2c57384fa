"""The trainer's side of a group session: watch who joined, close, reveal, export and delete.

A `TrainerToegang` is made by `wijkteam_kit.groepssessie.Groepssessies.as_trainer` after the trainer secret was
checked.

Examples
--------
>>> from wijkteam_kit.groepssessie import Client, Groepssessies
>>> from wijkteam_kit.store import Store
>>> sessies = Groepssessies(Store(":memory:"))
>>> nieuw = sessies.create("mantelzorg-dementie", "netwerkatlas")
>>> trainer = sessies.as_trainer(nieuw.sessie.code, nieuw.geheim, client=Client("dashboard"))
>>> trainer.reveal().onthuld, trainer.hide().onthuld, trainer.deelnames()
(True, False, [])
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from wijkteam_kit.errors import GroepssessieError
from wijkteam_kit.groepssessie.limiet import stamp
from wijkteam_kit.groepssessie.model import OEFENING_NAMEN, Deelname, Groepssessie, gone
from wijkteam_kit.store.groepssessies import (
    delete_session,
    session_answers,
    session_participations,
    session_row,
    update_session,
)
from wijkteam_kit.store.persoonlijk import open_round_two, round_one_answers
from wijkteam_kit.store.schema import Inzending
from wijkteam_kit.store.store import Store

__all__ = ["TrainerToegang", "session_json"]


class TrainerToegang:
    """What a trainer may do after giving the secret (made by `Groepssessies.as_trainer`).

    Examples
    --------
    >>> from wijkteam_kit.groepssessie import Client, Groepssessies
    >>> from wijkteam_kit.store import Store
    >>> sessies = Groepssessies(Store(":memory:"))
    >>> nieuw = sessies.create("mantelzorg-dementie", "zrm")
    >>> trainer = sessies.as_trainer(nieuw.sessie.code_weergave, nieuw.geheim, client=Client("dashboard"))
    >>> kim = sessies.join(nieuw.sessie.code, "Kim", client=Client("p1")).deelname
    >>> _ = sessies.submit(nieuw.sessie.code, kim.deelnemer_id, {"financien": 2})
    >>> [(d.weergavenaam, i.payload) for d, i in trainer.answers()], trainer.close().status
    ([('Kim', {'financien': 2})], 'gesloten')
    >>> trainer.delete(); sessies.find(nieuw.sessie.code) is None, sessies.store.participants()
    (True, [])
    """

    def __init__(self, store: Store, code: str, *, klok: Callable[[], datetime]) -> None:
        self.store = store
        self.code = code
        self._klok = klok

    @property
    def sessie(self) -> Groepssessie:
        """The session as saved now (read again on each access)."""
        return self.refresh()

    def refresh(self) -> Groepssessie:
        """The session as saved now; `GroepssessieError` when it was deleted."""
        with self.store.transaction("een groepssessie lezen") as conn:
            row = session_row(conn, self.code)
        if row is None:
            raise gone(self.code)
        return Groepssessie.from_row(row)

    def deelnames(self) -> list[Deelname]:
        """Everyone who joined, in joining order."""
        with self.store.transaction("de deelnemers van een sessie lezen") as conn:
            return [Deelname.from_row(row) for row in session_participations(conn, self.code)]

    def answers(self) -> list[tuple[Deelname, Inzending]]:
        """Every participant who handed in, with their answer, in joining order."""
        with self.store.transaction("de antwoorden van een sessie lezen") as conn:
            rows = session_answers(conn, self.code)
        return [(Deelname.from_row(row), answer) for row, answer in rows]

    def _set(self, what: str, **values: Any) -> Groepssessie:
        now = stamp(self._klok())
        with self.store.transaction(what, write=True) as conn:
            if not update_session(conn, self.code, **values, bijgewerkt=now):
                raise gone(self.code)
        return self.refresh()

    def close(self) -> Groepssessie:
        """Close the session: nobody can join or hand in any more."""
        return self._set("een sessie sluiten", status="gesloten")

    def reopen(self) -> Groepssessie:
        """Open a closed session again."""
        return self._set("een sessie heropenen", status="open")

    def reveal(self) -> Groepssessie:
        """Let the participants see the group's answers."""
        return self._set("de groepsuitkomst delen", onthuld=True)

    def hide(self) -> Groepssessie:
        """Hide the group's answers from the participants again."""
        return self._set("de groepsuitkomst verbergen", onthuld=False)

    def open_round_two(self) -> Groepssessie:
        """Open a second round after the discussion: every answer is kept as round one, all hand in again.

        The group result is hidden again until the trainer shares round two. Only once per session.
        """
        now = stamp(self._klok())
        with self.store.transaction("een tweede ronde openen", write=True) as conn:
            if session_row(conn, self.code) is None:
                raise gone(self.code)
            if not open_round_two(conn, self.code, now):
                raise GroepssessieError("Deze sessie zit al in de tweede ronde.")
        return self.refresh()

    def round_one_answers(self) -> list[tuple[str, dict[str, Any]]]:
        """``(display name, payload)`` of round one (empty until the second round is opened)."""
        with self.store.transaction("de eerste ronde lezen") as conn:
            return round_one_answers(conn, self.code)

    def delete(self) -> None:
        """Delete the session with its participations, answers and participants that have nothing else left."""
        with self.store.transaction("een sessie verwijderen", write=True) as conn:
            if session_row(conn, self.code) is None:
                raise gone(self.code)
            delete_session(conn, self.code)

    def export_json(self) -> str:
        """The session, who joined and their answers as JSON text (a backup of one session; no secrets)."""
        return session_json(self.refresh(), self.deelnames(), self.answers(), stamp(self._klok()))


def session_json(
    sessie: Groepssessie, deelnames: list[Deelname], answers: list[tuple[Deelname, Inzending]], geexporteerd: str
) -> str:
    """A session's backup as JSON text: the session, who joined and their answers (no secrets)."""
    by_person = {d.deelnemer_id: i for d, i in answers}
    data = {
        "formaat": "wijkteam-kit-groepssessie",
        "geexporteerd": geexporteerd,
        "sessie": {**sessie.__dict__, "oefening_naam": OEFENING_NAMEN[sessie.oefening]},
        "deelnames": [
            {
                **d.__dict__,
                "payload": by_person[d.deelnemer_id].payload if d.deelnemer_id in by_person else None,
            }
            for d in deelnames
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
