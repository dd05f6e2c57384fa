"""Team view for the team leader: make a team, or open one with team code and secret, and see the team profile.

Nothing of a team is shown without the right secret. Even then the view shows the team as a whole (per
competence mean, spread and how many are strong, from three self scans on: :mod:`wijkteam_kit.competenties.teambeeld`)
and by name only members who chose to share with their team; the heatmap, blind spots and the CSV hold those
members only. The colleagues' mean counts only where at least three colleagues rated.

Examples
--------
>>> from wijkteam_kit.store import Store
>>> store = Store(":memory:")
>>> view = TeamOverzicht(lambda: store)
>>> view.team_name.value, view.new_secret.value = "Team Noord", "koffie-om-tien"
>>> view.create_button.click()
>>> view.open_secret.value = "thee-om-drie"
>>> view.open_button.click()
>>> view.profile is None, view.output.children
(True, ())
>>> view.open_secret.value = "koffie-om-tien"
>>> view.open_button.click()
>>> view.profile.members, view.beeld.scanned
((), 0)
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from wijkteam_kit.competenties.frameworks import available_frameworks, load_framework
from wijkteam_kit.competenties.opslag import team_csv, with_target
from wijkteam_kit.competenties.scan import format_score
from wijkteam_kit.competenties.teambeeld import TeamBeeld
from wijkteam_kit.competenties.teamprofiel import TeamProfile
from wijkteam_kit.competenties.toegang import LokaleScans, Scans
from wijkteam_kit.draw.competenties import complementarity_figure, team_heatmap_figure
from wijkteam_kit.draw.export import FORMATS, figure_bytes
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.store.schema import Team
from wijkteam_kit.store.store import Store
from wijkteam_kit.ui.common.figuur import figure_html
from wijkteam_kit.ui.common.widgets import MessageBox, download_link, esc, safe

__all__ = ["TARGET_OPTIONS", "TeamOverzicht"]

#: Choices of the target sliders: "geen doel" (0) or 1 to 5 in steps of a half.
TARGET_OPTIONS: list[tuple[str, float]] = [("geen doel", 0.0)] + [
    (format_score(v / 2).replace(",0", ""), v / 2) for v in range(2, 11)
]


class TeamOverzicht:
    """The team leader's tab; ``widget`` is what the app displays.

    Parameters
    ----------
    store : callable
        Returns the :class:`~wijkteam_kit.store.Store` (called at the first click, so nothing opens early), or
        the app's :class:`~wijkteam_kit.competenties.Scans` (on a hub: its answers service). Every call that reads
        the team gives the team code and the secret.
    """

    def __init__(self, store: Callable[[], Store | Scans]) -> None:
        self._store = store
        self._geheim = ""  # the secret of the open team, for the next calls (kept in this page only)
        self.messages = MessageBox()
        self.messages.html.add_class("wk-team-melding")
        self.team: Team | None = None
        self.beeld: TeamBeeld | None = None
        self.profile: TeamProfile | None = None  # only the members who share by name
        self.targets: dict[str, widgets.SelectionSlider] = {}
        guard = safe(self.messages)
        self.team_name = widgets.Text(description="Teamnaam:", placeholder="bijvoorbeeld Team Noord")
        self.team_name.add_class("wk-teamnaam")
        self.new_secret = widgets.Password(description="Geheim:", placeholder="minstens 6 tekens")
        self.new_secret.add_class("wk-nieuw-geheim")
        self.create_button = widgets.Button(description="Team aanmaken", icon="plus")
        self.create_button.add_class("wk-maak-team")
        self.created = widgets.HTML()
        self.created.add_class("wk-nieuwe-teamcode")
        self.open_code = widgets.Text(description="Teamcode:", placeholder="bijvoorbeeld K7MQ2X")
        self.open_code.add_class("wk-open-code")
        self.open_secret = widgets.Password(description="Geheim:")
        self.open_secret.add_class("wk-open-geheim")
        self.framework_choice = widgets.Dropdown(
            description="Kader:",
            options=[(load_framework(f).name, f) for f in available_frameworks()],
            layout={"width": "460px"},
        )
        self.framework_choice.add_class("wk-team-kader")
        self.open_button = widgets.Button(
            description="Teamoverzicht openen", button_style="primary", icon="users"
        )
        self.open_button.add_class("wk-open-team")
        self.output = widgets.VBox()
        self.output.add_class("wk-teamoverzicht")
        self.create_button.on_click(guard(self._on_create))
        self.open_button.on_click(guard(self._on_open))
        self.framework_choice.observe(guard(lambda _c: self.team and self.render()), names="value")
        create = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Nieuw team</h3><p class='wk-klein'>Kies een naam en een geheim. Je krijgt een teamcode "
                    "om te delen met je teamleden; het geheim houd je voor jezelf.</p>"
                ),
                self.team_name,
                self.new_secret,
                widgets.HBox([self.create_button]),
                self.created,
            ]
        )
        create.add_class("wk-kaart")
        create.layout = {"flex": "1 1 420px", "margin": "6px 8px 6px 0"}
        open_ = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Teamoverzicht openen</h3><p class='wk-klein'>Alleen met de teamcode én het geheim van "
                    "de teamleider. Je ziet het team als geheel; met naam alleen wie dat zelf koos.</p>"
                ),
                self.open_code,
                self.open_secret,
                self.framework_choice,
                widgets.HBox([self.open_button]),
            ]
        )
        open_.add_class("wk-kaart")
        open_.layout = {"flex": "1 1 420px", "margin": "6px 0"}
        self.widget = widgets.VBox(
            [widgets.HBox([create, open_], layout={"flex_flow": "row wrap"}), self.messages.html, self.output]
        )

    @property
    def store(self) -> Scans:
        """Where teams are: the app's store (as :class:`~wijkteam_kit.competenties.LokaleScans`) or service."""
        found = self._store()
        return LokaleScans(found) if isinstance(found, Store) else found

    def _on_create(self, _button: object = None) -> None:
        code = self.store.maak_team(self.team_name.value, self.new_secret.value)
        name = self.store.team_naam(code) or self.team_name.value
        self.new_secret.value = ""
        self.open_code.value = code
        self.created.value = (
            f"<div class='wk-bericht'>Het team is aangemaakt: {esc(name)}. De teamcode is "
            f"<strong class='wk-code'>{esc(code)}</strong>. Deel de code met je teamleden; ze vullen hem in bij "
            "'Teamcode' op het tabblad Mijn scan.</div>"
        )
        self.messages.clear()

    def _close(self) -> None:
        self.team, self.beeld, self.profile, self.targets, self._geheim = None, None, None, {}, ""
        self.output.children = ()

    def _on_open(self, _button: object = None) -> None:
        self._close()
        code = self.open_code.value.strip()
        if not code or not self.open_secret.value:
            raise WijkteamError("Vul de teamcode en het geheim van de teamleider in.")
        self.team = self.store.open_team(code, self.open_secret.value)
        self._geheim = self.open_secret.value
        self.messages.clear()
        self.render()

    def render(self) -> None:
        """Compute the team profile of the open team and show it."""
        if self.team is None:
            self._close()
            return
        fw = load_framework(self.framework_choice.value)
        beeld = self.beeld = self.store.teambeeld(self.team.code, self._geheim, fw)
        p = self.profile = beeld.named
        head = widgets.HTML(
            f"<div class='wk-kaart wk-team-kop'><h3>{esc(self.team.naam)} ({esc(self.team.code)})</h3>"
            + "".join(f"<p>{esc(t)}</p>" for t in beeld.intro_lines())
            + "</div>"
        )
        if not beeld.scanned:
            self.output.children = [
                head,
                widgets.HTML(
                    f"<p>Nog niemand heeft een zelfscan gedaan. Deel de teamcode {esc(self.team.code)}: teamleden "
                    "vullen hem in bij 'Teamcode' op het tabblad Mijn scan.</p>"
                ),
            ]
            return
        whole = widgets.HTML(
            "<div class='wk-kaart wk-teambeeld'><h3>Het team als geheel</h3><ul>"
            + "".join(f"<li>{esc(line)}</li>" for line in beeld.competence_lines())
            + "</ul></div>"
            if beeld.whole is not None
            else ""
        )
        if not p.members:
            self.output.children = [
                head,
                whole,
                self._targets_box(),
                widgets.HTML(
                    "<p class='wk-klein'>Niemand deelt de uitslag met naam; daarom geen teamkaart per persoon.</p>"
                ),
            ]
            return
        heatmap = team_heatmap_figure(p, title="Wie de uitslag met naam deelt")
        complement = complementarity_figure(p, title="Wie de uitslag met naam deelt")
        images, links = [], []
        for fig, cls, label in (
            (heatmap, "wk-heatmap", "teamprofiel"),
            (complement, "wk-complementariteit", "aanvulling"),
        ):
            data = {fmt: figure_bytes(fig, fmt, dpi=130) for fmt in FORMATS}
            alt = f"{label.capitalize()} van het team per competentie; de cijfers staan in de tekst en de CSV"
            image = widgets.HTML(figure_html(data["png"], alt, f"{cls}-figuur"))
            image.add_class(cls)
            images.append(image)
            stem = f"{label}-{self.team.code}-{fw.id}"
            links.append(
                f"{label.capitalize()}: "
                + " ".join(
                    download_link(b, f"{stem}.{f}", FORMATS[f], f"Download {f.upper()}")
                    for f, b in data.items()
                )
            )
        links.append(
            "Scores van wie met naam deelt, als tabel (Excel): "
            + download_link(team_csv(p), f"team-{self.team.code}-{fw.id}.csv", "text/csv", "Download CSV")
        )
        spread = widgets.HTML(
            "<div class='wk-kaart wk-spreiding'><h3>Wie vult wie aan? (wie met naam deelt)</h3><ul>"
            + "".join(f"<li>{esc(s.sentence())}</li>" for s in p.spreads)
            + "</ul></div>"
        )
        self.output.children = [
            head,
            whole,
            images[0],
            spread,
            images[1],
            self._targets_box(),
            widgets.HTML(self._differences_html()),
            widgets.HTML(
                "<div class='wk-kaart'><h3>Bewaren of printen</h3><p>" + "</p><p>".join(links) + "</p></div>"
            ),
        ]

    def _differences_html(self) -> str:
        p = self.profile
        found = [*p.blind_spots, *p.hidden_strengths]
        items = (
            "".join(f"<li>{esc(d.sentence())}</li>" for d in found)
            if found
            else "<li>Geen blinde vlekken of verborgen krachten gevonden. Die zie je pas als minstens drie "
            "collega's een teamlid hebben beoordeeld.</li>"
        )
        return (
            "<div class='wk-kaart wk-blinde-vlekken'><h3>Zelfbeeld en collega's</h3><p class='wk-klein'>Blinde vlek: "
            "de eigen score is minstens 0,75 hoger dan het gemiddelde van de collega's; verborgen kracht: andersom."
            f"</p><ul>{items}</ul></div>"
        )

    def _targets_box(self) -> widgets.Widget:
        p, lines = self.profile, self.beeld.gap_lines()
        self.targets = {}
        rows: list[widgets.Widget] = []
        for comp, name in zip(p.competences, p.names, strict=True):
            slider = widgets.SelectionSlider(
                options=TARGET_OPTIONS, value=p.target.get(comp, 0.0), continuous_update=False
            )
            slider.add_class(f"wk-doel-{comp}")
            self.targets[comp] = slider
            rows.append(widgets.HBox([widgets.HTML(esc(name), layout={"width": "280px"}), slider]))
        save = self.save_targets_button = widgets.Button(description="Doelprofiel opslaan", icon="save")
        save.add_class("wk-bewaar-doelprofiel")
        save.on_click(safe(self.messages)(self._on_save_targets))
        if lines:
            gaps = "<ul class='wk-tekorten'>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>"
        elif p.target and self.beeld.whole is None:
            gaps = "<p class='wk-klein'>Het doel tegenover het team zie je vanaf drie zelfscans.</p>"
        else:
            gaps = (
                "<p class='wk-klein'>Nog geen doelprofiel: kies per competentie de score die jullie als team "
                "willen halen.</p>"
            )
        box = widgets.VBox(
            [
                widgets.HTML("<h3>Doelprofiel van het team</h3>"),
                widgets.HTML(gaps),
                *rows,
                widgets.HBox([save]),
            ]
        )
        box.add_class("wk-kaart")
        box.add_class("wk-doelprofiel")
        return box

    def set_targets(self, target: dict[str, float | None]) -> None:
        """Move the sliders as a person would (for tests and scripts); save with the button."""
        for comp, value in target.items():
            self.targets[comp].value = value or 0.0

    def _on_save_targets(self, _button: object = None) -> None:
        if self.team is None:
            raise WijkteamError("Open eerst het team met de teamcode en het geheim.")
        fw = load_framework(self.framework_choice.value)
        profile = with_target(self.team, fw, {c: s.value or None for c, s in self.targets.items()})
        self.team = self.store.zet_doel(self.team.code, self._geheim, profile)
        self.render()
        self.messages.notice("Het doelprofiel is opgeslagen.")
