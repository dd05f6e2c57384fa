"""What the Competentiescan app may do with scans, as one person: on the store, or through a hub's answers service.

:class:`LokaleScans` does it on a :class:`~wijkteam_kit.store.Store` with the rules of
:mod:`wijkteam_kit.competenties.opslag`, for the person at the keyboard (found by their personal code, or by
their hub login inside the service). :class:`HubScans` sends the same calls to the answers service of a
JupyterHub (:mod:`wijkteam_kit.app.hubdienst`), which runs them on a :class:`LokaleScans` of the hub user who
asks (:func:`scan_dienst`). So on a hub the scans of a whole team are in one place (the team view and colleague
feedback work) while a user server holds no database, and:

* your scans, your plans and your sharing choice are only ever yours (the service knows who asks);
* feedback about a colleague goes only to a colleague in your own team; the person sees the colleagues'
  scores only as the 360° profile (averages from :data:`~wijkteam_kit.competenties.MIN_BEOORDELAARS` raters);
* the team view needs the team code *and* the team leader's secret on every call, and shows the team as a whole
  and by name only those who share (:func:`~wijkteam_kit.competenties.opslag.team_view`). The anonymous rows
  of the whole team come in a shuffled order under new placeholder names.

:func:`scans_voor` picks the one that fits where the app runs.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes
>>> from wijkteam_kit.competenties import Scan, load_framework
>>> store = Store(":memory:")
>>> code = store.create_team("Team Noord", "koffie-om-tien")
>>> codes = PersoonlijkeCodes(store)
>>> kim, ans = LokaleScans(store, codes.for_hub_user("kim")), LokaleScans(store, codes.for_hub_user("ans"))
>>> kim.ik(code).team == code, ans.ik(code).team == code
(True, True)
>>> fw = load_framework("generalist")
>>> scan = Scan.build(fw, "zelf", {i: 4 for i in fw.indicator_ids}, "2024-03-01")
>>> _ = kim.bewaar_scan(scan)
>>> [s.date.isoformat() for s in kim.scans(fw)], ans.scans(fw)
(['2024-03-01'], [])
>>> [p.weergavenaam for p in ans.collegas(code)]
['kim']
>>> kim.teambeeld(code, "fout", fw)
Traceback (most recent call last):
...
wijkteam_kit.errors.CompetentieError: Teamcode of geheim klopt niet. Controleer ze allebei (let op hoofdletters in het geheim).
"""  # noqa: E501

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Any, Protocol, runtime_checkable

from wijkteam_kit.competenties.feedback360 import FeedbackProfile, FeedbackRow
from wijkteam_kit.competenties.frameworks import Framework, load_framework
from wijkteam_kit.competenties.ontwikkelplan import DevelopmentPlan
from wijkteam_kit.competenties.opslag import (
    feedback_for,
    plans,
    save_plan,
    save_scan,
    set_sharing,
    shares_with_team,
    stored_scans,
    team_view,
)
from wijkteam_kit.competenties.scan import Scan
from wijkteam_kit.competenties.teambeeld import TeamBeeld
from wijkteam_kit.competenties.teamprofiel import CompetenceSpread, Difference, Gap, TeamProfile
from wijkteam_kit.errors import CompetentieError, WijkteamError
from wijkteam_kit.store.schema import Deelnemer, Team, normalise_team_code
from wijkteam_kit.store.store import Store

__all__ = ["FOUT_TEAM", "HubScans", "LokaleScans", "MijnGegevensVia", "Scans", "scan_dienst", "scans_voor"]

FOUT_TEAM = "Teamcode of geheim klopt niet. Controleer ze allebei (let op hoofdletters in het geheim)."
_NIEMAND = "Vul eerst je naam in en begin de scan: de kit weet nog niet wie je bent."


@runtime_checkable
class Scans(Protocol):
    """What the Competentiescan app may do, as the person at the keyboard (see the module text)."""

    def ik(self, team: str | None = None) -> Deelnemer:
        """Who you are (in team ``team`` when given: you join it)."""

    def team_naam(self, code: str) -> str | None:
        """The name of the team with this code, or None when there is none."""

    def collegas(self, team: str) -> list[Deelnemer]:
        """The other members of team ``team`` (to choose whom you give feedback)."""

    def deelt(self) -> bool:
        """Whether you share your results with your team by name."""

    def delen(self, share: bool) -> None:
        """Save your choice to share (or not)."""

    def bewaar_scan(self, scan: Scan, over_id: str | None = None) -> str:
        """Save a scan by you (about you, or about a colleague in your team); returns its id."""

    def scans(self, framework: Framework | str, role: str = "zelf", over_id: str | None = None) -> list[Scan]:
        """Your scans on ``framework`` in ``role`` about ``over_id`` (default: you), oldest first."""

    def feedback(self, scan: Scan) -> FeedbackProfile:
        """Your 360° profile beside your scan ``scan`` (colleagues only as averages of enough raters)."""

    def plannen(self, framework: Framework | str) -> list[DevelopmentPlan]:
        """Your development plans on ``framework``, oldest first."""

    def bewaar_plan(self, plan: DevelopmentPlan) -> None:
        """Save a development plan of yours."""

    def maak_team(self, naam: str, geheim: str) -> str:
        """Make a team; returns its code (the secret is the team leader's)."""

    def open_team(self, code: str, geheim: str) -> Team:
        """The team, with its code and the team leader's secret."""

    def teambeeld(self, code: str, geheim: str, framework: Framework | str) -> TeamBeeld:
        """What the team view may show of the team (code and secret)."""

    def zet_doel(self, code: str, geheim: str, doelprofiel: dict[str, Any]) -> Team:
        """Save the team's target profile (code and secret)."""

    def mijn_gegevens(self) -> dict[str, Any]:
        """Everything stored about you, in every app (right of access), ready for ``json.dumps``."""

    def vergeet(self) -> int:
        """Delete you and everything by or about you (right of erasure); how many items went."""


class LokaleScans:
    """:class:`Scans` on a store, as ``person`` (None until :meth:`ik` or the app's login found them).

    With ``client`` (the answers service gives every hub user one) wrong team secrets are rate limited like
    the trainer secret of a group session (:mod:`wijkteam_kit.groepssessie.limiet`).
    """

    def __init__(self, store: Store, person: Deelnemer | None = None, *, client: Any = None) -> None:
        self.store = store
        self.person = person
        self.client = client

    def _me(self) -> Deelnemer:
        if self.person is None:
            raise CompetentieError(_NIEMAND)
        return self.person

    def ik(self, team: str | None = None) -> Deelnemer:  # noqa: D102 - described in the protocol
        me = self._me()
        if team:
            code = normalise_team_code(team)
            if self.store.team(code) is None:
                raise CompetentieError(f"Teamcode {code} kennen we niet.")
            if me.team != code:
                from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes

                me = self.person = PersoonlijkeCodes(self.store).join_team(me.id, code)
        return me

    def team_naam(self, code: str) -> str | None:  # noqa: D102
        try:
            team = self.store.team(code)
        except WijkteamError:
            return None
        return None if team is None else team.naam

    def collegas(self, team: str) -> list[Deelnemer]:  # noqa: D102
        me = self.person.id if self.person is not None else None
        return [p for p in self.store.participants(team=normalise_team_code(team)) if p.id != me]

    def deelt(self) -> bool:  # noqa: D102
        return shares_with_team(self.store, self._me().id)

    def delen(self, share: bool) -> None:  # noqa: D102
        set_sharing(self.store, self._me().id, bool(share))

    def bewaar_scan(self, scan: Scan, over_id: str | None = None) -> str:  # noqa: D102
        me = self._me()
        about = over_id or me.id
        if about != me.id:
            other = self.store.participant(about)
            if other is None or me.team is None or other.team != me.team:
                raise CompetentieError("Feedback geef je alleen aan een collega in je eigen team.")
        return save_scan(self.store, me.id, scan, about).id

    def scans(  # noqa: D102
        self, framework: Framework | str, role: str = "zelf", over_id: str | None = None
    ) -> list[Scan]:
        me = self._me()
        return [s for _i, s in stored_scans(self.store, over_id or me.id, framework, role, rater_id=me.id)]

    def feedback(self, scan: Scan) -> FeedbackProfile:  # noqa: D102
        return feedback_for(self.store, self._me().id, scan)

    def plannen(self, framework: Framework | str) -> list[DevelopmentPlan]:  # noqa: D102
        return plans(self.store, self._me().id, framework)

    def bewaar_plan(self, plan: DevelopmentPlan) -> None:  # noqa: D102
        save_plan(self.store, self._me().id, plan)

    def maak_team(self, naam: str, geheim: str) -> str:  # noqa: D102
        return self.store.create_team(naam, geheim)

    def open_team(self, code: str, geheim: str) -> Team:  # noqa: D102
        from datetime import UTC, datetime

        from wijkteam_kit.errors import TeVeelPogingen
        from wijkteam_kit.groepssessie.limiet import record_failure, wait_seconds
        from wijkteam_kit.groepssessie.sessies import STANDAARD_LIMIETEN

        if self.client is not None:
            wait = wait_seconds(
                self.store, self.client.pagina, self.client.adres, STANDAARD_LIMIETEN, datetime.now(UTC)
            )
            if wait:
                raise TeVeelPogingen(wait)
        team = None
        try:
            if self.store.verify_team_secret(code, geheim):
                team = self.store.team(code)
        except WijkteamError:
            team = None
        if team is None:
            if self.client is not None:
                record_failure(
                    self.store,
                    "geheim",
                    self.client.pagina,
                    self.client.adres,
                    datetime.now(UTC),
                    STANDAARD_LIMIETEN,
                )
            raise CompetentieError(FOUT_TEAM)
        return team

    def teambeeld(self, code: str, geheim: str, framework: Framework | str) -> TeamBeeld:  # noqa: D102
        return team_view(self.store, self.open_team(code, geheim), framework)

    def zet_doel(self, code: str, geheim: str, doelprofiel: dict[str, Any]) -> Team:  # noqa: D102
        return self.store.set_target_profile(self.open_team(code, geheim).code, doelprofiel)

    def mijn_gegevens(self) -> dict[str, Any]:  # noqa: D102
        from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes

        return PersoonlijkeCodes(self.store).personal_data(self._me().id)

    def vergeet(self) -> int:  # noqa: D102
        from wijkteam_kit.groepssessie.persoonlijk import PersoonlijkeCodes

        gone = PersoonlijkeCodes(self.store).forget(self._me().id)
        self.person = None
        return gone


# ---- the wire: JSON both ways ----------------------------------------------------------------------------


def _profile_data(profile: TeamProfile) -> dict[str, Any]:
    return asdict(profile)


def _profile(data: Mapping[str, Any]) -> TeamProfile:
    def rows(key: str) -> tuple:
        return tuple(tuple(row) for row in data[key])

    return TeamProfile(
        framework=data["framework"],
        framework_name=data["framework_name"],
        members=tuple(data["members"]),
        competences=tuple(data["competences"]),
        names=tuple(data["names"]),
        matrix=rows("matrix"),
        peer_matrix=rows("peer_matrix"),
        spreads=tuple(CompetenceSpread(**{**s, "strongest": tuple(s["strongest"])}) for s in data["spreads"]),
        gaps=tuple(Gap(**{**g, "reached_by": tuple(g["reached_by"])}) for g in data["gaps"]),
        blind_spots=tuple(Difference(**d) for d in data["blind_spots"]),
        hidden_strengths=tuple(Difference(**d) for d in data["hidden_strengths"]),
        target=dict(data.get("target") or {}),
    )


def _shuffled(whole: TeamProfile) -> TeamProfile:
    """The anonymous whole-team profile with its rows in a random order under new placeholder names."""
    order = list(range(len(whole.members)))
    random.SystemRandom().shuffle(order)
    rename = {whole.members[old]: f"lid {new}" for new, old in enumerate(order, 1)}
    return replace(
        whole,
        members=tuple(rename[whole.members[old]] for old in order),
        matrix=tuple(whole.matrix[old] for old in order),
        peer_matrix=tuple(whole.peer_matrix[old] for old in order),
        spreads=tuple(
            replace(s, strongest=tuple(sorted(rename.get(m, m) for m in s.strongest))) for s in whole.spreads
        ),
        gaps=tuple(replace(g, reached_by=tuple(sorted(rename.get(m, m) for m in g.reached_by))) for g in whole.gaps),
        blind_spots=(),
        hidden_strengths=(),
    )


def _beeld_data(beeld: TeamBeeld) -> dict[str, Any]:
    return {
        "framework": beeld.framework,
        "framework_name": beeld.framework_name,
        "total": beeld.total,
        "hidden": beeld.hidden,
        "named": _profile_data(beeld.named),
        "whole": None if beeld.whole is None else _profile_data(_shuffled(beeld.whole)),
    }


def _beeld(data: Mapping[str, Any]) -> TeamBeeld:
    return TeamBeeld(
        framework=data["framework"],
        framework_name=data["framework_name"],
        total=int(data["total"]),
        named=_profile(data["named"]),
        whole=None if data["whole"] is None else _profile(data["whole"]),
        hidden=int(data["hidden"]),
    )


def _feedback(data: Mapping[str, Any]) -> FeedbackProfile:
    return FeedbackProfile(**{**data, "rows": tuple(FeedbackRow(**r) for r in data["rows"])})


def _scan(data: Any) -> Scan:
    if not isinstance(data, Mapping):
        raise CompetentieError("Verwacht een scan als JSON-object.")
    return Scan.from_payload(data)


def _text(args: Mapping[str, Any], key: str) -> str:
    return str(args.get(key) or "")


def scan_dienst(scans: LokaleScans, actie: str, args: Mapping[str, Any]) -> Any:
    """Run one call of :class:`HubScans` (``actie`` with JSON ``args``) on ``scans``; the JSON answer.

    This is what the hub's answers service does for ``POST api/scan/<actie>``, as the user who asks.
    """
    fw = args.get("kader")
    calls = {
        "ik": lambda: asdict(scans.ik(args.get("team") or None)),
        "team_naam": lambda: scans.team_naam(_text(args, "code")),
        "collegas": lambda: [asdict(p) for p in scans.collegas(_text(args, "team"))],
        "deelt": scans.deelt,
        "delen": lambda: scans.delen(args.get("delen") is True),
        "bewaar_scan": lambda: scans.bewaar_scan(_scan(args.get("scan")), args.get("over") or None),
        "scans": lambda: [
            s.to_payload() for s in scans.scans(str(fw), _text(args, "rol") or "zelf", args.get("over") or None)
        ],
        "feedback": lambda: asdict(scans.feedback(_scan(args.get("scan")))),
        "plannen": lambda: [p.to_payload() for p in scans.plannen(str(fw))],
        "bewaar_plan": lambda: scans.bewaar_plan(DevelopmentPlan.from_payload(args.get("plan") or {})),
        "maak_team": lambda: scans.maak_team(_text(args, "naam"), _text(args, "geheim")),
        "open_team": lambda: asdict(scans.open_team(_text(args, "code"), _text(args, "geheim"))),
        "teambeeld": lambda: _beeld_data(scans.teambeeld(_text(args, "code"), _text(args, "geheim"), str(fw))),
        "mijn_gegevens": scans.mijn_gegevens,
        "vergeet": scans.vergeet,
        "zet_doel": lambda: asdict(
            scans.zet_doel(_text(args, "code"), _text(args, "geheim"), dict(args.get("doelprofiel") or {}))
        ),
    }
    if actie not in calls:
        raise CompetentieError(f"Onbekende vraag aan de scandienst: {actie!r}.")
    return calls[actie]()


class HubScans:
    """:class:`Scans` through the hub's answers service (see :class:`~wijkteam_kit.groepssessie.HubAntwoorden`)."""

    def __init__(self, antwoorden: Any) -> None:
        self.antwoorden = antwoorden  # a HubAntwoorden: its url and the server's token
        self.person: Deelnemer | None = None

    def __repr__(self) -> str:
        return f"HubScans({self.antwoorden!r})"

    def _ask(self, actie: str, **args: Any) -> Any:
        return self.antwoorden.call("POST", f"api/scan/{actie}", args)

    @staticmethod
    def _id(framework: Framework | str) -> str:
        return load_framework(framework).id

    def ik(self, team: str | None = None) -> Deelnemer:  # noqa: D102
        self.person = Deelnemer(**self._ask("ik", team=team))
        return self.person

    def team_naam(self, code: str) -> str | None:  # noqa: D102
        return self._ask("team_naam", code=code)

    def collegas(self, team: str) -> list[Deelnemer]:  # noqa: D102
        return [Deelnemer(**p) for p in self._ask("collegas", team=team)]

    def deelt(self) -> bool:  # noqa: D102
        return bool(self._ask("deelt"))

    def delen(self, share: bool) -> None:  # noqa: D102
        self._ask("delen", delen=bool(share))

    def bewaar_scan(self, scan: Scan, over_id: str | None = None) -> str:  # noqa: D102
        return self._ask("bewaar_scan", scan=scan.to_payload(), over=over_id)

    def scans(  # noqa: D102
        self, framework: Framework | str, role: str = "zelf", over_id: str | None = None
    ) -> list[Scan]:
        fw = load_framework(framework)
        return [Scan.from_payload(p, fw) for p in self._ask("scans", kader=fw.id, rol=role, over=over_id)]

    def feedback(self, scan: Scan) -> FeedbackProfile:  # noqa: D102
        return _feedback(self._ask("feedback", scan=scan.to_payload()))

    def plannen(self, framework: Framework | str) -> list[DevelopmentPlan]:  # noqa: D102
        return [DevelopmentPlan.from_payload(p) for p in self._ask("plannen", kader=self._id(framework))]

    def bewaar_plan(self, plan: DevelopmentPlan) -> None:  # noqa: D102
        self._ask("bewaar_plan", plan=plan.to_payload())

    def maak_team(self, naam: str, geheim: str) -> str:  # noqa: D102
        return self._ask("maak_team", naam=naam, geheim=geheim)

    def open_team(self, code: str, geheim: str) -> Team:  # noqa: D102
        return Team(**self._ask("open_team", code=code, geheim=geheim))

    def teambeeld(self, code: str, geheim: str, framework: Framework | str) -> TeamBeeld:  # noqa: D102
        return _beeld(self._ask("teambeeld", code=code, geheim=geheim, kader=self._id(framework)))

    def zet_doel(self, code: str, geheim: str, doelprofiel: dict[str, Any]) -> Team:  # noqa: D102
        return Team(**self._ask("zet_doel", code=code, geheim=geheim, doelprofiel=doelprofiel))

    def mijn_gegevens(self) -> dict[str, Any]:  # noqa: D102
        return self._ask("mijn_gegevens")

    def vergeet(self) -> int:  # noqa: D102
        self.person = None
        return int(self._ask("vergeet"))


class MijnGegevensVia:
    """The "Mijn gegevens" calls (``personal_data``, ``forget``) through :class:`Scans`, always as its person.

    Made for :class:`~wijkteam_kit.ui.common.MijnGegevens`, which asks by participant id: the id is not used,
    the service knows who asks.
    """

    def __init__(self, scans: Scans) -> None:
        self.scans = scans

    def personal_data(self, deelnemer_id: str = "") -> dict[str, Any]:
        """Everything stored about you."""
        return self.scans.mijn_gegevens()

    def forget(self, deelnemer_id: str = "") -> int:
        """Delete everything about you."""
        return self.scans.vergeet()


def scans_voor(environ: Mapping[str, str] | None = None) -> HubScans | None:
    """Inside a hub user server: the scans through the hub's answers service; elsewhere None (use the store).

    >>> scans_voor({}) is None
    True
    >>> scans_voor({"WIJKTEAM_ANTWOORDEN_URL": "http://127.0.0.1:9/d/", "JUPYTERHUB_API_TOKEN": "x"})
    HubScans(HubAntwoorden('http://127.0.0.1:9/d/'))
    """
    from wijkteam_kit.groepssessie.antwoorden import HubAntwoorden
    from wijkteam_kit.groepssessie.opdehub import op_een_hub

    env = os.environ if environ is None else environ
    if not op_een_hub(env):
        return None
    from wijkteam_kit import settings

    return HubScans(HubAntwoorden(settings.text(settings.ANTWOORDEN_URL, env), env["JUPYTERHUB_API_TOKEN"]))
