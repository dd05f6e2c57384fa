"""Competence scans, 360° feedback and development plans in the :class:`~wijkteam_kit.store.Store`.

The app and the team view save and find everything through these functions, so the rules live in one place:

* a scan is a submission of soort :data:`SOORT_SCAN`; ``deelnemer_id`` is the rater, ``over_id`` the person
  the scan is about (for a self scan the rater), ``rol`` the rater's role (``zelf``, ``collega``,
  ``leidinggevende``) and the payload is :meth:`Scan.to_payload <wijkteam_kit.competenties.Scan.to_payload>`;
* a development plan is a submission of soort :data:`SOORT_PLAN` by and about the person;
* who you are is never a display name alone: the app finds a person by the kit-wide personal code (name and
  herstelcode, :class:`~wijkteam_kit.groepssessie.PersoonlijkeCodes`) or by their hub login;
  :func:`find_participant` only lists display names within a team (for choosing the colleague to rate);
* sharing with the team is a choice, saved as a submission of soort :data:`SOORT_DELEN`; the team view
  (:func:`team_view`) names only members whose latest choice is to share;
* 360°: per colleague only the most recent scan counts, so one colleague who fills in the scan three times is
  still one rater; the person's own scans never count as a colleague's; the team leader's most recent scan
  counts as the leader's.

Stored payloads that no longer validate (a framework changed) are skipped and logged, never shown half.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> store = Store(":memory:")
>>> code = store.create_team("Team Noord", "koffie-om-tien")
>>> kim, new = participant_for(store, "Kim", code)
>>> participant_for(store, "  kim ", code) == (kim, False)
True
>>> answers = {i: 4 for i in load_framework("movisie-2017").indicator_ids}
>>> _ = save_scan(store, kim.id, Scan.build("movisie-2017", "zelf", answers, "2024-03-01"))
>>> latest_scan(store, kim.id, "movisie-2017").date
datetime.date(2024, 3, 1)
>>> feedback_for(store, kim.id, latest_scan(store, kim.id, "movisie-2017")).message
'Te weinig beoordelaars: 0 collega-scans, er zijn er minstens 3 nodig.'
"""

from __future__ import annotations

import logging
from typing import Any

from wijkteam_kit._basis.excel_csv import excel_csv
from wijkteam_kit.competenties.feedback360 import FeedbackProfile, feedback_profile
from wijkteam_kit.competenties.frameworks import Framework, load_framework
from wijkteam_kit.competenties.ontwikkelplan import DevelopmentPlan
from wijkteam_kit.competenties.scan import SCHAAL, WEET_IK_NIET, Scan, competence_scores, format_score
from wijkteam_kit.competenties.teambeeld import TeamBeeld, team_beeld
from wijkteam_kit.competenties.teamprofiel import TeamMember, TeamProfile
from wijkteam_kit.errors import CompetentieError
from wijkteam_kit.store.schema import Deelnemer, Inzending, Team, check_display_name, normalise_team_code
from wijkteam_kit.store.store import Store

__all__ = [
    "SOORT_DELEN",
    "SOORT_PLAN",
    "SOORT_SCAN",
    "feedback_for",
    "find_participant",
    "latest_scan",
    "participant_for",
    "plans",
    "save_plan",
    "save_scan",
    "scan_csv",
    "set_sharing",
    "shares_with_team",
    "stored_scans",
    "target_profile",
    "team_csv",
    "team_members",
    "team_view",
    "with_target",
]

log = logging.getLogger("wijkteam_kit.competenties.opslag")

#: Submission kind of a competence scan.
SOORT_SCAN = "competentiescan"
#: Submission kind of a development plan.
SOORT_PLAN = "ontwikkelplan"
#: Submission kind of the choice to share one's scan with the team by name (payload ``{"delen": bool}``).
SOORT_DELEN = "competentie_delen"


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def find_participant(store: Store, name: str, team: str | None = None) -> tuple[Deelnemer | None, int]:
    """The participant with display name ``name`` in ``team`` (or without a team), and how many there are.

    With several participants of that name the most recently created one is returned.
    """
    code = normalise_team_code(team) if team else None
    pool = store.participants(team=code) if code else [p for p in store.participants() if p.team is None]
    same = [p for p in pool if _same_name(p.weergavenaam, name)]
    return (same[-1] if same else None), len(same)


def participant_for(store: Store, name: str, team: str | None = None) -> tuple[Deelnemer, bool]:
    """The existing participant (see :func:`find_participant`) or a new one; ``True`` when it is new.

    The name is checked first (no BSN or phone number), so nothing is saved for a refused name.
    """
    clean = check_display_name(name)
    found, _count = find_participant(store, clean, team)
    if found is not None:
        return found, False
    return store.add_participant(clean, team=normalise_team_code(team) if team else None), True


def save_scan(store: Store, rater_id: str, scan: Scan, about_id: str | None = None) -> Inzending:
    """Save a scan (committed when this returns); ``about_id`` defaults to the rater (a self scan)."""
    about = about_id or rater_id
    if scan.role == "zelf" and about != rater_id:
        raise CompetentieError("Een zelfscan gaat over jezelf; kies de rol collega of leidinggevende.")
    if scan.role != "zelf" and about == rater_id:
        raise CompetentieError("Je kunt jezelf niet als collega of leidinggevende beoordelen.")
    return store.submit(SOORT_SCAN, rater_id, scan.to_payload(), over_id=about, rol=scan.role)


def _scan(item: Inzending, fw: Framework) -> Scan | None:
    try:
        return Scan.from_payload(item.payload, fw)
    except (CompetentieError, TypeError, AttributeError) as exc:
        log.warning("Inzending %s overgeslagen: %s", item.id, exc)
        return None


def stored_scans(
    store: Store,
    about_id: str,
    framework: Framework | str,
    role: str = "zelf",
    *,
    rater_id: str | None = None,
) -> list[tuple[Inzending, Scan]]:
    """Every valid scan about ``about_id`` on ``framework`` with ``role`` (optionally by one rater), oldest first."""
    fw = load_framework(framework)
    items = store.submissions(SOORT_SCAN, over_id=about_id, rol=role, deelnemer_id=rater_id)
    found = [(i, _scan(i, fw)) for i in items if i.payload.get("kader") == fw.id]
    return [(i, s) for i, s in found if s is not None]


def latest_scan(
    store: Store,
    about_id: str,
    framework: Framework | str,
    role: str = "zelf",
    *,
    rater_id: str | None = None,
    before: str | None = None,
) -> Scan | None:
    """The most recently saved scan (or the last one saved before submission id ``before``), or None."""
    scans = stored_scans(store, about_id, framework, role, rater_id=rater_id)
    if before is not None:
        ids = [i.id for i, _ in scans]
        scans = scans[: ids.index(before)] if before in ids else scans
    return scans[-1][1] if scans else None


def feedback_for(store: Store, person_id: str, self_scan: Scan) -> FeedbackProfile:
    """The 360° profile of a person: own scan, colleagues' latest scans (one per rater), the leader's latest."""
    fw = load_framework(self_scan.framework)
    per_rater: dict[str, Scan] = {}
    for item, scan in stored_scans(store, person_id, fw, "collega"):
        if item.deelnemer_id != person_id:
            per_rater[item.deelnemer_id] = scan  # later scans replace earlier ones
    leaders = [
        s for i, s in stored_scans(store, person_id, fw, "leidinggevende") if i.deelnemer_id != person_id
    ]
    return feedback_profile(self_scan, list(per_rater.values()), leaders[-1] if leaders else None, fw)


def save_plan(store: Store, person_id: str, plan: DevelopmentPlan) -> Inzending:
    """Save a development plan of ``person_id`` (committed when this returns)."""
    return store.submit(SOORT_PLAN, person_id, plan.to_payload(), over_id=person_id, rol="zelf")


def plans(store: Store, person_id: str, framework: Framework | str | None = None) -> list[DevelopmentPlan]:
    """The person's saved development plans (of one framework when given), oldest first."""
    fw = None if framework is None else load_framework(framework)
    out = []
    for item in store.submissions(SOORT_PLAN, deelnemer_id=person_id):
        if fw is not None and item.payload.get("kader") != fw.id:
            continue
        try:
            out.append(DevelopmentPlan.from_payload(item.payload))
        except CompetentieError as exc:
            log.warning("Ontwikkelplan %s overgeslagen: %s", item.id, exc)
    return out


def team_members(store: Store, team: str, framework: Framework | str) -> list[TeamMember]:
    """Every participant of ``team`` with a self scan on ``framework``: the latest scan and the 360° profile.

    Equal display names get a number (``Kim``, ``Kim (2)``), so each row of the team profile is its own.
    """
    fw = load_framework(framework)
    members, seen = [], {}
    for person in store.participants(team=team):
        scan = latest_scan(store, person.id, fw)
        if scan is None:
            continue
        key = person.weergavenaam.casefold()
        seen[key] = seen.get(key, 0) + 1
        name = person.weergavenaam if seen[key] == 1 else f"{person.weergavenaam} ({seen[key]})"
        members.append(TeamMember(name, scan, feedback_for(store, person.id, scan)))
    return members


def set_sharing(store: Store, person_id: str, share: bool) -> None:
    """Save the person's choice to share their scan results with the team by name (the latest choice counts).

    Nothing is saved when the choice did not change.
    """
    if shares_with_team(store, person_id) == bool(share):
        return
    store.submit(SOORT_DELEN, person_id, {"delen": bool(share)}, over_id=person_id, rol="zelf")


def shares_with_team(store: Store, person_id: str) -> bool:
    """Whether the person's latest choice is to share with the team by name (False when they never chose).

    >>> store = Store(":memory:")
    >>> kim = store.add_participant("Kim")
    >>> shares_with_team(store, kim.id)
    False
    >>> set_sharing(store, kim.id, True); shares_with_team(store, kim.id)
    True
    """
    choices = store.submissions(SOORT_DELEN, deelnemer_id=person_id)
    return bool(choices and choices[-1].payload.get("delen") is True)


def team_view(store: Store, team: Team, framework: Framework | str) -> TeamBeeld:
    """What the team view may show of ``team``: the whole team, and by name only those who share."""
    fw = load_framework(framework)
    everyone = store.participants(team=team.code)
    sharing = {p.id for p in everyone if shares_with_team(store, p.id)}
    named, others, seen = [], [], {}
    for person in everyone:
        scan = latest_scan(store, person.id, fw)
        if scan is None:
            continue
        if person.id not in sharing:
            others.append(scan)
            continue
        key = person.weergavenaam.casefold()
        seen[key] = seen.get(key, 0) + 1
        name = person.weergavenaam if seen[key] == 1 else f"{person.weergavenaam} ({seen[key]})"
        named.append(TeamMember(name, scan, feedback_for(store, person.id, scan)))
    return team_beeld(named, others, fw, total=len(everyone), target=target_profile(team, fw))


def target_profile(team: Team | None, framework: Framework | str) -> dict[str, float]:
    """The team's target per competence of ``framework`` (stored per framework id in ``doelprofiel``).

    >>> t = Team("ABC234", "Team Noord", {"generalist": {"durf": 4, "coachen": 3.5}}, "")
    >>> target_profile(t, "generalist"), target_profile(t, "movisie-2017")
    ({'durf': 4.0, 'coachen': 3.5}, {})
    """
    fw = load_framework(framework)
    stored = (team.doelprofiel or {}) if team is not None else {}
    mine = stored.get(fw.id)
    if not isinstance(mine, dict):  # also accept a flat {competence: target} for this framework
        mine = {k: v for k, v in stored.items() if k in fw.competence_ids}
    return {
        k: float(v)
        for k, v in mine.items()
        if k in fw.competence_ids and isinstance(v, int | float) and not isinstance(v, bool) and 1 <= v <= 5
    }


def with_target(team: Team, framework: Framework | str, target: dict[str, float | None]) -> dict[str, Any]:
    """The team's new ``doelprofiel`` with ``target`` for ``framework`` (None or 0: no target for that one).

    >>> t = Team("ABC234", "Team Noord", {"generalist": {"durf": 4}}, "")
    >>> with_target(t, "movisie-2017", {"integraal_samenwerken": 3.5, "eigen_regie": None})
    {'generalist': {'durf': 4}, 'movisie-2017': {'integraal_samenwerken': 3.5}}
    """
    fw = load_framework(framework)
    for comp, value in target.items():
        fw.competence(comp)
        if value and not 1 <= value <= 5:
            raise CompetentieError(f"Doel voor {comp!r}: kies een score van 1 t/m 5, kreeg {value!r}.")
    kept = {k: v for k, v in (team.doelprofiel or {}).items() if k not in fw.competence_ids}
    return {**kept, fw.id: {k: float(v) for k, v in target.items() if v}}


def scan_csv(scan: Scan, framework: Framework | None = None, *, name: str = "") -> bytes:
    r"""One scan as CSV for Dutch Excel (semicolons, UTF-8 with BOM): a row per indicator, then per competence.

    >>> fw = load_framework("generalist")
    >>> answers = {"durf_1": 4, "durf_2": (None, "=bel; later"), "durf_3": 2, "durf_4": 3}
    >>> lines = scan_csv(Scan.build(fw, "zelf", answers, "2024-03-01"), fw, name="Zoë").decode("utf-8-sig")
    >>> lines.splitlines()[0]
    'naam;datum;rol;kader;competentie;indicator;vraag;waarde;antwoord;voorbeeld'
    >>> [line for line in lines.splitlines() if ";durf_2;" in line][0].split(";", 8)[8]
    'weet ik niet;"\'=bel; later"'
    >>> [line for line in lines.splitlines() if ";Durf;score;" in line][0].split(";")[7:]
    ['3,0', 'vakbekwaam', 'gemiddeld 3,0 over 3 van 5 indicatoren']
    """
    fw = load_framework(framework or scan.framework)
    common = [name, scan.date.isoformat(), scan.role, fw.id]
    rows: list[list[object]] = []
    for comp in fw.competences:
        for ind in comp.indicators:
            answer = scan.answers.get(ind.id)
            value = "" if answer is None or answer.value is None else answer.value
            word = "" if answer is None else SCHAAL.get(answer.value or 0, WEET_IK_NIET)
            example = "" if answer is None else answer.example
            rows.append([*common, comp.name, ind.id, ind.text, value, word, example])
    for score in competence_scores(scan, fw).values():
        value = "" if score.score is None else format_score(score.score)
        rows.append([*common, score.name, "score", "", value, score.phase or "geen score", score.reason])
    header = ["naam", "datum", "rol", "kader", "competentie", "indicator", "vraag", "waarde", "antwoord"]
    return excel_csv([*header, "voorbeeld"], rows)


def team_csv(profile: TeamProfile) -> bytes:
    """The team profile as CSV for Dutch Excel: one row per member and competence (colleagues only as mean).

    >>> from wijkteam_kit.competenties.teamprofiel import team_profile
    >>> fw = load_framework("movisie-2017")
    >>> p = team_profile({"Zoë": Scan.build(fw, "zelf", {i: 4 for i in fw.indicator_ids})}, fw,
    ...                  target={"integraal_samenwerken": 3.5})
    >>> lines = team_csv(p).decode("utf-8-sig").splitlines()
    >>> lines[0]
    'teamlid;kader;competentie_id;competentie;zelf;collegas_gemiddeld;doel'
    >>> [line for line in lines if ";integraal_samenwerken;" in line]
    ['Zoë;movisie-2017;integraal_samenwerken;Integraal samenwerken;4,0;;3,5']
    """
    rows = [
        [
            member,
            profile.framework,
            comp,
            name,
            "" if profile.matrix[m][c] is None else format_score(profile.matrix[m][c]),
            "" if profile.peer_matrix[m][c] is None else format_score(profile.peer_matrix[m][c]),
            format_score(profile.target[comp]) if comp in profile.target else "",
        ]
        for m, member in enumerate(profile.members)
        for c, (comp, name) in enumerate(zip(profile.competences, profile.names, strict=True))
    ]
    header = ["teamlid", "kader", "competentie_id", "competentie", "zelf", "collegas_gemiddeld", "doel"]
    return excel_csv(header, rows)
