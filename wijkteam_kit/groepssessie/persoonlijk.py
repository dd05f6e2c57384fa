"""One personal code for every app: a display name (the pseudonym) and a six-digit herstelcode.

The herstelcode a participant gets at their first join of a group session *is* their personal code: its hash
is kept on their pseudonymous participant row, so with the same name and code they come back in a later
session, in another app, or in "Mijn kalibratie" of the ZRM app, always as the same participant. Someone who
never joined a session gets a code in the ZRM app (:meth:`PersoonlijkeCodes.new`). Wrong codes are rate
limited like wrong herstelcodes in a session (`wijkteam_kit.groepssessie.limiet`).

Every ZRM score a learner hands in (alone or in a session) is also kept as a calibration record
(:meth:`PersoonlijkeCodes.save_attempt`, kind ``zrm_kalibratie``, without a session, so it stays when the trainer
deletes the session); :meth:`PersoonlijkeCodes.history` reads them back as a
:class:`~wijkteam_kit.zrm.calibration_history.CalibrationHistory`.

The same code carries a learner's unfinished work to another device: every app keeps one *concept* (draft) per
participant (:meth:`PersoonlijkeCodes.save_draft`, kind ``concept-<app>``, replaced at each save), read back
with :meth:`PersoonlijkeCodes.draft` and removed after a hand-in with :meth:`PersoonlijkeCodes.delete_draft`.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> from wijkteam_kit.groepssessie import Client
>>> codes = PersoonlijkeCodes(Store(":memory:"))
>>> nieuw = codes.new("Kim")
>>> len(nieuw.herstelcode), codes.login(" kim ", nieuw.herstelcode, client=Client("p1")).id == nieuw.deelnemer.id
(6, True)
>>> codes.login("Kim", "000000" if nieuw.herstelcode != "000000" else "111111", client=Client("p1"))
Traceback (most recent call last):
...
wijkteam_kit.errors.GroepssessieError: Deze naam en herstelcode horen niet bij elkaar. Controleer de zes cijfers.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from wijkteam_kit.errors import GroepssessieError, StoreError, TeVeelPogingen, WijkteamError
from wijkteam_kit.groepssessie.analyse.zrm import assessment_from_payload, zrm_payload
from wijkteam_kit.groepssessie.limiet import Limieten, record_failure, wait_seconds
from wijkteam_kit.groepssessie.model import Client
from wijkteam_kit.store.persoonlijk import (
    participants_by_name_key,
    personal_data,
    set_personal_code,
    set_team,
    submissions_of,
)
from wijkteam_kit.store.schema import Deelnemer, check_display_name, check_secret, hash_secret, name_key
from wijkteam_kit.store.store import Store
from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.calibration_history import Attempt, CalibrationHistory, history

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus

__all__ = [
    "FOUT_PERSOONLIJK",
    "HUB_MERK",
    "KALIBRATIE_SOORT",
    "NieuweCode",
    "PersoonlijkeCodes",
    "concept_soort",
    "find_by_code",
    "new_herstelcode",
    "unique_code",
]

KALIBRATIE_SOORT = "zrm_kalibratie"
#: Stored instead of a hashed code for a participant known by their hub login: no typed code ever fits it.
HUB_MERK = "hub"
FOUT_PERSOONLIJK = "Deze naam en herstelcode horen niet bij elkaar. Controleer de zes cijfers."


def concept_soort(app: str) -> str:
    """The kind under which an app's draft is kept: ``concept_soort("zrm_oefening") == "concept-zrm_oefening"``."""
    return f"concept-{app}"


def new_herstelcode() -> str:
    """Six random digits, such as ``'042917'``."""
    return f"{secrets.randbelow(10**6):06d}"


def find_by_code(conn: Any, weergavenaam: str, herstelcode: str) -> Deelnemer | None:
    """The participant with a personal code under this display name, when the code fits (else None)."""
    typed = re.sub(r"\s", "", str(herstelcode or ""))
    if not typed:
        return None
    for row in participants_by_name_key(conn, name_key(weergavenaam)):
        if check_secret(typed, row.herstel_hash):
            return Deelnemer.from_row(row)
    return None


def unique_code(conn: Any, naam_sleutel: str) -> tuple[str, str]:
    """A new herstelcode and its hash that no other participant under the same name has."""
    others = [row.herstel_hash for row in participants_by_name_key(conn, naam_sleutel)]
    while True:
        code = new_herstelcode()
        if not any(check_secret(code, h) for h in others):
            return code, hash_secret(code)


@dataclass(frozen=True)
class NieuweCode:
    """A new personal code: the participant and the herstelcode in clear text (shown once)."""

    deelnemer: Deelnemer
    herstelcode: str


class PersoonlijkeCodes:
    """Personal codes and calibration records in one store (rate limited like group sessions)."""

    def __init__(
        self, store: Store, *, limieten: Limieten | None = None, klok: Callable[[], datetime] | None = None
    ) -> None:
        self.store = store
        self.limieten = limieten or Limieten()
        self._klok = klok or (lambda: datetime.now(UTC))

    def new(self, weergavenaam: str) -> NieuweCode:
        """A new pseudonymous participant with a personal code (the herstelcode is returned once)."""
        try:
            name = check_display_name(weergavenaam)
        except StoreError as exc:
            raise GroepssessieError(str(exc)) from exc
        deelnemer = self.store.add_participant(name)
        with self.store.transaction("een persoonlijke code maken", write=True) as conn:
            code, hashed = unique_code(conn, name_key(name))
            set_personal_code(conn, deelnemer.id, hashed, name_key(name))
        return NieuweCode(deelnemer, code)

    def login(self, weergavenaam: str, herstelcode: str, *, client: Client) -> Deelnemer:
        """The participant with this name and personal code; a wrong pair counts as a failed attempt."""
        wait = wait_seconds(self.store, client.pagina, client.adres, self.limieten, self._klok())
        if wait:
            raise TeVeelPogingen(wait)
        with self.store.transaction("je persoonlijke code controleren") as conn:
            found = find_by_code(conn, weergavenaam, herstelcode)
        if found is None:
            record_failure(self.store, "herstel", client.pagina, client.adres, self._klok(), self.limieten)
            raise GroepssessieError(FOUT_PERSOONLIJK)
        return found

    def for_hub_user(self, gebruiker: str) -> Deelnemer:
        """The participant of a JupyterHub user (made at the first use): the hub login is their personal code.

        The name key ``hub:<user>`` with the mark :data:`HUB_MERK` instead of a hashed code: no name and typed
        code can ever open this participant outside the hub.

        >>> from wijkteam_kit.store import Store
        >>> codes = PersoonlijkeCodes(Store(":memory:"))
        >>> codes.for_hub_user("kim") == codes.for_hub_user("kim"), codes.for_hub_user("kim").weergavenaam
        (True, 'kim')
        """
        key = f"hub:{gebruiker}"
        with self.store.transaction("je hub-account opzoeken") as conn:
            found = [row for row in participants_by_name_key(conn, key) if row.herstel_hash == HUB_MERK]
        if found:
            return Deelnemer.from_row(found[0])
        try:
            name = check_display_name(gebruiker)
        except StoreError:
            name = "deelnemer"  # a hub login that looks like a number: the display name is not the key
        deelnemer = self.store.add_participant(name)
        with self.store.transaction("je hub-account bewaren", write=True) as conn:
            set_personal_code(conn, deelnemer.id, HUB_MERK, key)
        return deelnemer

    def join_team(self, deelnemer_id: str, team: str | None) -> Deelnemer:
        """Put the participant in team ``team`` (a team code; None: no team) and return them."""
        with self.store.transaction("je team bewaren", write=True) as conn:
            set_team(conn, deelnemer_id, team)
        found = self.store.participant(deelnemer_id)
        if found is None:
            raise GroepssessieError("Je gegevens zijn niet (meer) gevonden.")
        return found

    def personal_data(self, deelnemer_id: str) -> dict[str, Any]:
        """Everything stored about this participant (right of access), ready for ``json.dumps``."""
        with self.store.transaction("je gegevens lezen") as conn:
            return personal_data(conn, deelnemer_id)

    def forget(self, deelnemer_id: str) -> int:
        """Delete the participant and everything by or about them (right of erasure); how many items went."""
        return self.store.forget_participant(deelnemer_id)

    # ---- calibration records ----------------------------------------------------------------------------

    def save_attempt(
        self, deelnemer_id: str, assessment: Assessment, *, bron: str = "oefening", ronde: int = 1
    ) -> None:
        """Keep one ZRM score of a casus for "Mijn kalibratie" (``bron``: ``'oefening'`` or a session code).

        In a session, handing in again in the same round replaces the earlier record; exercises alone add one.
        """
        payload = {**zrm_payload(assessment), "bron": str(bron), "ronde": int(ronde), "moment": self._stamp()}
        if bron != "oefening":  # handing in again in the same session round replaces the earlier record
            with self.store.transaction("je kalibratie lezen") as conn:
                rows = submissions_of(conn, deelnemer_id, KALIBRATIE_SOORT)
            for row in rows:
                old = json.loads(row.payload)
                same = (old.get("bron"), old.get("ronde"), old.get("casus"))
                if same == (payload["bron"], payload["ronde"], payload["casus"]):
                    self.store.update_submission(row.id, payload)
                    return
        self.store.submit(KALIBRATIE_SOORT, deelnemer_id, payload)

    # ---- drafts (concepten) --------------------------------------------------------------------------------

    def save_draft(self, deelnemer_id: str, app: str, concept: dict[str, Any]) -> None:
        """Keep ``concept`` as the participant's one draft in ``app`` (an earlier draft is replaced).

        >>> from wijkteam_kit.store import Store
        >>> codes = PersoonlijkeCodes(Store(":memory:"))
        >>> kim = codes.new("Kim").deelnemer.id
        >>> codes.save_draft(kim, "plan_schrijven", {"data": "{}", "samenvatting": "een plan"})
        >>> codes.save_draft(kim, "plan_schrijven", {"data": "{}", "samenvatting": "een langer plan"})
        >>> codes.draft(kim, "plan_schrijven")["samenvatting"], codes.draft(kim, "zrm_oefening")
        ('een langer plan', None)
        >>> codes.delete_draft(kim, "plan_schrijven"); codes.draft(kim, "plan_schrijven") is None
        True
        """
        with self.store.transaction("je concept lezen") as conn:
            rows = submissions_of(conn, deelnemer_id, concept_soort(app))
        if rows:
            self.store.update_submission(rows[-1].id, concept)
        else:
            self.store.submit(concept_soort(app), deelnemer_id, concept)

    def draft(self, deelnemer_id: str, app: str) -> dict[str, Any] | None:
        """The participant's draft in ``app`` as it was saved, or None."""
        with self.store.transaction("je concept lezen") as conn:
            rows = submissions_of(conn, deelnemer_id, concept_soort(app))
        return json.loads(rows[-1].payload) if rows else None

    def delete_draft(self, deelnemer_id: str, app: str) -> None:
        """Remove the participant's draft in ``app`` (after a hand-in, or when they throw it away)."""
        with self.store.transaction("je concept lezen") as conn:
            rows = submissions_of(conn, deelnemer_id, concept_soort(app))
        for row in rows:
            self.store.delete_submission(row.id)

    def _stamp(self) -> str:
        return self._klok().isoformat(timespec="seconds")

    def attempts(self, deelnemer_id: str, library: Sequence[Casus]) -> tuple[list[Attempt], list[str]]:
        """The learner's saved scores as attempts, and a Dutch note for each record that was skipped.

        A record of a casus no longer in ``library`` or one that no longer validates is skipped, never an error.
        """
        casuses = {c.id: c for c in library}
        with self.store.transaction("je kalibratie lezen") as conn:
            rows = submissions_of(conn, deelnemer_id, KALIBRATIE_SOORT)
        found, skipped = [], []
        for row in rows:
            payload = json.loads(row.payload)
            casus = casuses.get(str(payload.get("casus")))
            if casus is None:
                skipped.append(
                    f"Een score van casus {payload.get('casus')!r} staat niet meer in de bibliotheek."
                )
                continue
            try:
                own = assessment_from_payload(payload, casus.version(), "ik", casus_id=casus.id)
                reference = casus.reference_assessment()
            except WijkteamError as exc:
                skipped.append(f"Een score van {casus.titel!r} is niet te lezen: {exc}")
                continue
            moment = str(payload.get("moment") or row.aangemaakt)
            found.append(Attempt(own, reference, casus.titel, moment, str(payload.get("bron", "oefening"))))
        return found, skipped

    def history(self, deelnemer_id: str, library: Sequence[Casus]) -> CalibrationHistory:
        """The calibration history ("Mijn kalibratie") of one learner."""
        return history(self.attempts(deelnemer_id, library)[0])
