"""360° feedback: a self scan next to colleagues' (anonymous, aggregated) and the team leader's scans.

Colleagues, the team leader and the person themselves fill in the same questionnaire
(:class:`~wijkteam_kit.competenties.Scan` with role ``collega``, ``leidinggevende`` or ``zelf``).
Anonymity rule (also in ``docs/competenties.md``): colleagues' ratings are shown only when at least
:data:`MIN_BEOORDELAARS` colleagues scored a competence, and then only as mean and spread; otherwise no peer
number at all, only "te weinig beoordelaars".

Examples
--------
>>> from wijkteam_kit.competenties import Scan, load_framework
>>> fw = load_framework("generalist")
>>> me = Scan.build(fw, "zelf", {"durf_1": 4, "durf_2": 4, "durf_3": 4})
>>> peers = [Scan.build(fw, "collega", {"durf_1": v, "durf_2": v, "durf_3": v}) for v in (2, 3, 4)]
>>> row = feedback_profile(me, peers).row("durf")
>>> row.self_score, row.peer_mean, row.peer_count
(4.0, 3.0, 3)
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wijkteam_kit.competenties.frameworks import Framework, load_framework, unknown_message
from wijkteam_kit.competenties.scan import Scan, format_score, score_values
from wijkteam_kit.errors import CompetentieError

__all__ = ["MIN_BEOORDELAARS", "FeedbackProfile", "FeedbackRow", "feedback_profile"]

#: Fewest colleagues whose ratings of a competence may be shown (anonymity).
MIN_BEOORDELAARS = 3


@dataclass(frozen=True)
class FeedbackRow:
    """One competence in a 360° profile; peer fields are ``None`` whenever peers are hidden."""

    competence: str
    name: str
    self_score: float | None
    peer_mean: float | None
    peer_sd: float | None
    peer_count: int | None
    leader_score: float | None
    peers_shown: bool


@dataclass(frozen=True)
class FeedbackProfile:
    """Self, colleagues (anonymous, aggregated) and team leader per competence."""

    framework: str
    peer_total: int
    peers_shown: bool
    message: str
    rows: tuple[FeedbackRow, ...]

    def row(self, competence_id: str) -> FeedbackRow:
        """The row of one competence."""
        for r in self.rows:
            if r.competence == competence_id:
                return r
        raise CompetentieError(
            unknown_message("competentie", competence_id, [r.competence for r in self.rows], "het profiel")
        )

    def peer_means(self) -> dict[str, float | None]:
        """Peer mean per competence (``None`` where hidden); ``{}`` when no peer numbers may be shown."""
        return {r.competence: r.peer_mean for r in self.rows} if self.peers_shown else {}

    def sentences(self) -> list[str]:
        """The profile in plain Dutch, one sentence per competence after the overall message."""
        out = [self.message]
        for r in self.rows:
            parts = [f"zelf {format_score(r.self_score)}"]
            if r.peers_shown:
                parts.append(
                    f"collega's gemiddeld {format_score(r.peer_mean)} (spreiding {format_score(r.peer_sd)}, "
                    f"{r.peer_count} beoordelaars)"
                )
            elif self.peers_shown:
                parts.append("collega's: te weinig beoordelaars voor deze competentie")
            if r.leader_score is not None:
                parts.append(f"leidinggevende {format_score(r.leader_score)}")
            out.append(f"{r.name}: {', '.join(parts)}.")
        return out


def feedback_profile(
    self_scan: Scan,
    peer_scans: Iterable[Scan] | Mapping[str, Scan],
    leader_scan: Scan | None = None,
    framework: Framework | None = None,
) -> FeedbackProfile:
    """Combine a self scan with colleagues' and the team leader's scans of the same person.

    Colleagues' scores are shown per competence only when at least :data:`MIN_BEOORDELAARS` colleagues
    scored it, and then only as mean and spread (population standard deviation); with fewer than
    :data:`MIN_BEOORDELAARS` peer scans no peer number appears at all. Names (keys of a mapping) are dropped.

    >>> fw = load_framework("generalist")
    >>> me = Scan.build(fw, "zelf", {"durf_1": 4, "durf_2": 4, "durf_3": 4})
    >>> peers = [Scan.build(fw, "collega", {"durf_1": v, "durf_2": v, "durf_3": v}) for v in (2, 3)]
    >>> p = feedback_profile(me, peers)
    >>> p.peers_shown, p.message, p.row("durf").peer_mean
    (False, 'Te weinig beoordelaars: 2 collega-scans, er zijn er minstens 3 nodig.', None)
    """
    fw = load_framework(framework or self_scan.framework)
    peers = list(peer_scans.values() if isinstance(peer_scans, Mapping) else peer_scans)
    for scan, role in [
        (self_scan, "zelf"),
        *((p, "collega") for p in peers),
        (leader_scan, "leidinggevende"),
    ]:
        if scan is not None and scan.role != role:
            raise CompetentieError(f"Verwacht een scan met rol {role!r}, kreeg rol {scan.role!r}.")
    own, leader = score_values(self_scan, fw), score_values(leader_scan, fw)
    shown = len(peers) >= MIN_BEOORDELAARS
    peer_scores = [score_values(p, fw) for p in peers] if shown else []
    rows = []
    for comp in fw.competences:
        values = [s[comp.id] for s in peer_scores if s[comp.id] is not None]
        ok = len(values) >= MIN_BEOORDELAARS
        rows.append(
            FeedbackRow(
                comp.id,
                comp.name,
                own[comp.id],
                statistics.fmean(values) if ok else None,
                statistics.pstdev(values) if ok else None,
                len(values) if ok else None,
                leader[comp.id],
                ok,
            )
        )
    if shown:
        message = f"Beoordeling door {len(peers)} collega's (anoniem, alleen gemiddelde en spreiding)."
    else:
        message = (
            f"Te weinig beoordelaars: {len(peers)} collega-scan{'' if len(peers) == 1 else 's'}, "
            f"er zijn er minstens {MIN_BEOORDELAARS} nodig."
        )
    return FeedbackProfile(fw.id, len(peers), shown, message, tuple(rows))
