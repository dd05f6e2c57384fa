"""Group sessions on a scenario: the participant's block, the group view and the trainer's panel.

A scenario session (``oefening == "scenario"``) stores the scenario id where other sessions store the casus id.
Everyone plays the same scenario in *Gesprek en route oefenen*; reaching a debrief hands the route in. The
trainer's panel shows per decision moment how the group chose, the moments where it split and a discussion
agenda; names stay hidden until the trainer shares the result with the group, and participants never see other
people's names (their own choices are marked). The hand-out (PDF, for the group) holds the same without names;
the CSV (for the trainer) has every route by name.

Examples
--------
>>> from wijkteam_kit.groepssessie import Client, Groepssessies
>>> from wijkteam_kit.scenario import Spel, load_scenario
>>> from wijkteam_kit.store import Store
>>> sessies = Groepssessies(Store(":memory:"))
>>> new = sessies.create("intake-regiecheck", "scenario")
>>> new.sessie.titel
'Gesprek en route · Een nieuwe aanmelding: intake en regiecheck'
>>> access = sessies.as_trainer(new.sessie.code, new.geheim, client=Client("t"))
>>> panel = ScenarioPaneel(access, load_scenario("intake-regiecheck"))
>>> kim = sessies.join(new.sessie.code, "Kim", client=Client("p"))
>>> spel = Spel(load_scenario("intake-regiecheck"))
>>> spel.speel_aanbevolen()
>>> _ = sessies.submit(new.sessie.code, kim.deelname.deelnemer_id, spel.payload())
>>> panel.refresh(force=True)
>>> "Hoe de groep koos" in panel.result.value, "Kim" in panel.result.value  # no names before the reveal
(True, False)
>>> panel.reveal_button.click()
>>> "Kim" in panel.result.value
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from wijkteam_kit._basis.nederlands import aantal
from wijkteam_kit.draw.export import inline_svg
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.groepssessie.analyse.scenario import ScenarioGroep, scenario_groep, scenario_handout
from wijkteam_kit.groepssessie.model import OEFENING_NAMEN
from wijkteam_kit.scenario import OORDEEL_NAMEN, Scenario, available_scenarios, load_scenario
from wijkteam_kit.ui.common.widgets import LazyStore, download_link, esc
from wijkteam_kit.ui.groepssessie.deelname import GroepssessieDeelname
from wijkteam_kit.ui.groepssessie.paneel import GroepssessiePaneel

if TYPE_CHECKING:
    import ipywidgets as widgets

    from wijkteam_kit.groepssessie.model import Groepssessie
    from wijkteam_kit.groepssessie.sessies import Groepssessies
    from wijkteam_kit.groepssessie.trainer import TrainerToegang

__all__ = [
    "ScenarioDeelname",
    "ScenarioPaneel",
    "scenario_group_html",
    "scenario_options",
    "scenario_route_csv",
]


def scenario_options() -> list[tuple[str, str]]:
    """(title, id) of every scenario that loads, for a dropdown (a broken trainer's file is left out).

    >>> ("Van plan naar waakvlam", "plan-naar-waakvlam") in scenario_options()
    True
    """
    return [(s.titel, s.id) for s in ScenarioDeelname.scenarios()]


def _figure_svg(groep: ScenarioGroep) -> str:
    from wijkteam_kit.draw.scenario import scenario_groep_figure

    label = (
        f"Staafdiagram: per beslismoment hoeveel van de {groep.deelnemers} deelnemers welke keuze maakten; "
        f"bij {aantal(len(groep.verdeeld), 'moment', 'momenten')} koos de groep verdeeld."
    )
    return (
        f"<div class='wk-sessie-figuur' role='img' aria-label='{esc(label)}'>"
        f"{inline_svg(scenario_groep_figure(groep))}</div>"
    )


def scenario_group_html(
    groep: ScenarioGroep, *, names: bool = False, own: Sequence[tuple[str, int]] = ()
) -> str:
    """The group picture as HTML: endings, the agenda, and per moment the choices with counts.

    ``names``: show who chose what (the trainer after the reveal); ``own``: the (moment, choice) pairs of the
    participant looking, marked "jij".
    """
    mine = set(own)
    endings = "".join(f"<li>{esc(m.titel)}: {n}" + (f" ({esc(', '.join(who))})" if names and who else "") + "</li>"
                      for m, n, who in groep.eindes)  # fmt: skip
    agenda = "".join(
        f"<li><strong>{esc(p.moment.titel)}</strong>: {esc(p.reden)}<br><em>{esc(p.vraag)}</em></li>"
        for p in groep.agenda
    )
    moments = []
    for c in groep.per_moment:
        if not c.aantal:
            continue
        rows = "".join(
            f"<tr class='wk-oordeel-{k.oordeel}'><td>{k.index + 1}. {esc(k.tekst)}"
            + (" <strong>(aanbevolen)</strong>" if k.aanbevolen else "")
            + (" <span class='wk-jij'>← jij</span>" if (c.moment.id, k.index) in mine else "")
            + f"</td><td>{esc(OORDEEL_NAMEN[k.oordeel])}</td><td>{k.aantal}</td>"
            + (f"<td>{esc(', '.join(k.namen))}</td>" if names else "")
            + "</tr>"
            for k in c.keuzes
        )
        split = " <span class='wk-verdeeld'>· de groep koos verdeeld</span>" if c.verdeeld else ""
        head = "<th scope='col'>Wie</th>" if names else ""
        moments.append(
            f"<table class='wk-tabel wk-groep-moment' data-moment='{esc(c.moment.id)}'><caption>"
            f"{esc(c.moment.titel)} ({c.aantal} kwamen hier){split}</caption><tr><th scope='col'>Keuze</th>"
            f"<th scope='col'>Oordeel</th><th scope='col'>Aantal</th>{head}</tr>{rows}</table>"
        )
    skipped = (
        f"<p class='wk-klein'>Niet meegeteld: {esc(', '.join(f'{n} ({r})' for n, r in groep.overgeslagen))}</p>"
        if groep.overgeslagen and names
        else ""
    )
    underway = f" · {groep.onderweg} nog onderweg" if groep.onderweg else ""
    return (
        _figure_svg(groep)
        + f"<p class='wk-klein'>{groep.deelnemers} route(s){underway}.</p>"
        + f"<h4>Hoe het afliep</h4><ul class='wk-eindes'>{endings}</ul>"
        + (
            f"<h4>Bespreekpunten</h4><ol class='wk-agenda'>{agenda}</ol>"
            if agenda
            else "<p>De groep koos overal (bijna) zoals de aanbevolen route.</p>"
        )
        + f"<h4>Per moment</h4>{''.join(moments)}{skipped}"
    )


def scenario_route_csv(scenario: Scenario, answers: Sequence[tuple[str, Any]]) -> bytes:
    """One row per participant: the ending and per decision moment the choice made (Excel CSV).

    >>> from wijkteam_kit.scenario import Spel
    >>> s = load_scenario("eerste-gesprek")
    >>> spel = Spel(s); spel.speel_aanbevolen()
    >>> scenario_route_csv(s, [("=Kim", spel.payload())]).decode("utf-8-sig").splitlines()[1][:30]
    "'=Kim;Debrief: de vraag achter"
    """
    from wijkteam_kit._basis.excel_csv import excel_csv
    from wijkteam_kit.scenario import route_from_payload

    order = [m for m in scenario.beslismomenten]
    rows = []
    for name, payload in answers:
        spel = route_from_payload(scenario, payload if isinstance(payload, dict) else {})
        chosen = {st.moment.id: st.index + 1 for st in spel.stappen}
        rows.append(
            [
                name,
                spel.moment.titel if spel.klaar else "nog onderweg",
                *(chosen.get(m.id, "") for m in order),
            ]
        )
    return excel_csv(["deelnemer", "afloop", *(m.titel for m in order)], rows)


class ScenarioPaneel(GroepssessiePaneel):
    """The trainer's dashboard of a scenario session (the same controls as every session, another picture)."""

    def __init__(
        self,
        access: TrainerToegang,
        scenario: Scenario,
        on_deleted: Callable[[str], None] | None = None,
        tick: widgets.Play | None = None,
    ) -> None:
        self.scenario = scenario
        self.scenario_groep: ScenarioGroep | None = None
        super().__init__(access, None, on_deleted=on_deleted, tick=tick)  # type: ignore[arg-type]

    def refresh(self, force: bool = False) -> None:
        """Re-read the session; redraw the group picture when an answer changed or the reveal flipped."""
        sessie = self.access.refresh()
        self.deelnames = deelnames = self.access.deelnames()
        self.answers = answers = self.access.answers()
        self._header(sessie)
        handed_in = sum(1 for d in deelnames if d.ingeleverd)
        self.counts.value = (
            f"<p class='wk-aantal-verschillen'>{len(deelnames)} aangemeld · {handed_in} klaar</p>"
        )
        rows = "".join(
            f"<tr><td>{esc(d.weergavenaam)}</td>"
            + (
                "<td class='wk-ingeleverd'>✔ klaar</td>"
                if d.ingeleverd
                else "<td class='wk-klein'>speelt nog</td>"
            )
            + "</tr>"
            for d in deelnames
        )
        note = (
            ""
            if sessie.onthuld
            else "<p class='wk-klein'>Wie wat koos, zie je pas als je de uitkomst deelt met de groep.</p>"
        )
        self.participants.value = (
            f"<table class='wk-tabel'><tr><th>Deelnemer</th><th>Status</th></tr>{rows}</table>{note}"
            if deelnames
            else f"<p class='wk-klein'>Nog niemand. Deel de code <strong>{esc(sessie.code_weergave)}</strong>.</p>"
        )
        signature = (sessie.onthuld, tuple((i.id, i.bijgewerkt) for _d, i in answers))
        if force or signature != self._signature:
            self._signature = signature
            named = [(d.weergavenaam, i.payload) for d, i in answers]
            self.scenario_groep = scenario_groep(self.scenario, named, met_namen=sessie.onthuld)
            if not named:
                self.result.value = (
                    "<p class='wk-klein'>Zodra iemand een debrief bereikt, verschijnt hier de groep.</p>"
                )
            else:
                self.result.value = "<h3>Hoe de groep koos</h3>" + scenario_group_html(
                    self.scenario_groep, names=sessie.onthuld
                )

    def _header(self, sessie: Groepssessie) -> None:
        status = "open" if sessie.open else "gesloten: er kan niets meer worden ingeleverd"
        shared = "gedeeld met de groep" if sessie.onthuld else "nog niet gedeeld met de groep"
        title = f"{esc(sessie.titel)} · " if sessie.titel else ""
        self.header.value = (
            f"<div class='wk-kaart'><h3>{title}{esc(OEFENING_NAMEN[sessie.oefening])} · {esc(self.scenario.titel)}"
            f"</h3><p>Code <strong class='wk-code' style='font-size:1.6em'>{esc(sessie.code_weergave)}</strong>"
            f" · <span class='wk-sessie-status'>Sessie {status}</span> · "
            f"<span class='wk-sessie-gedeeld'>Groepsuitkomst {shared}</span></p></div>"
        )
        self.reveal_button.description = "Weer verbergen" if sessie.onthuld else "Delen met de groep"
        self.reveal_button.button_style = "" if sessie.onthuld else "success"
        self.close_button.description = "Heropenen" if not sessie.open else "Sessie sluiten"
        self.close_button.icon = "unlock" if not sessie.open else "lock"

    def _on_export(self, _button: object = None) -> None:
        from wijkteam_kit.draw.document_pdf import document_pdf

        self.refresh(force=True)
        sessie = self.access.sessie
        named = [(d.weergavenaam, i.payload) for d, i in self.answers]
        groep = scenario_groep(self.scenario, named)  # the hand-out is for the group: never names
        doc = scenario_handout(
            groep, titel=f"Hand-out: {self.scenario.titel}", ondertitel=f"sessie {sessie.code_weergave}"
        )
        stem = f"sessie-{sessie.code}"
        self.downloads.value = " ".join(
            [
                download_link(
                    scenario_route_csv(self.scenario, named), f"{stem}.csv", "text/csv", "CSV (Excel)"
                ),
                download_link(document_pdf(doc), f"{stem}-hand-out.pdf", "application/pdf", "Hand-out (PDF)"),
                download_link(
                    self.access.export_json().encode("utf-8"),
                    f"{stem}.json",
                    "application/json",
                    "Reservekopie (JSON)",
                ),
            ]
        )


class ScenarioDeelname(GroepssessieDeelname):
    """The session block of *Gesprek en route oefenen*: the session fixes the scenario instead of a casus.

    After joining, :attr:`casus` holds the session's :class:`~wijkteam_kit.scenario.Scenario` (it has an ``id``
    and a ``titel`` like a casus), so the block's banner and hand-in work unchanged.
    """

    def __init__(self, sessies_factory: Callable[[], Groepssessies] | LazyStore, **kwargs: Any) -> None:
        super().__init__(sessies_factory, "scenario", library=self.scenarios, **kwargs)

    @staticmethod
    def scenarios() -> list[Scenario]:
        """The scenarios that load (a broken trainer's file is left out)."""
        found = []
        for scenario_id in available_scenarios():
            try:
                found.append(load_scenario(scenario_id))
            except WijkteamError:
                continue
        return found

    def _group_html(self, answers: list[tuple[str, dict]]) -> str:
        scenario = self.casus
        if not isinstance(scenario, Scenario):
            return "<p class='wk-sessie-wacht'>De groepsuitkomst kan niet getoond worden: het scenario ontbreekt.</p>"
        if not answers:
            return "<p class='wk-sessie-wacht'>De uitkomst is gedeeld, maar er is nog niets ingeleverd.</p>"
        mine = next((p for n, p in answers if n == self.weergavenaam), None)
        route = mine.get("route") if isinstance(mine, dict) else None
        own = []
        for item in route if isinstance(route, list) else []:
            try:
                own.append((str(item[0]), int(item[1])))
            except (TypeError, ValueError, IndexError):
                continue
        groep = scenario_groep(scenario, answers)
        routes = "route" if groep.deelnemers == 1 else "routes"
        return (
            f"<h3>Groepsuitkomst · {groep.deelnemers} {routes}</h3><p class='wk-klein'>Jouw keuzes zijn gemarkeerd "
            "met 'jij'. Bespreek de verschillen met de groep: daar zit de leerwinst.</p>"
            + scenario_group_html(groep, own=own)
        )
