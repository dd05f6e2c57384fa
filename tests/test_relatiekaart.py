import math
from itertools import combinations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from wijkteam_kit.casus import load_library
from wijkteam_kit.draw import basisposter_figure, figure_bytes
from wijkteam_kit.draw.relatiekaart import (
    DECEASED_COLOUR,
    FREQUENCY_WIDTHS,
    SECTOR_COLOURS,
    STRESS_COLOUR,
    TIE_COLOUR,
    relatiekaart_figure,
)
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.netwerk import FREQUENTIES, KWALITEITEN, SECTOREN, Band, Client, Netwerkatlas, Persoon
from wijkteam_kit.netwerk.io import atlas_from_casus
from wijkteam_kit.netwerk.layout import (
    MIN_DISTANCE,
    relatiekaart_layout,
    ring_band,
    ring_capacity,
    sector_of_angle,
)


def _person(pid, sector="familie", cirkel=2, **extra):
    return Persoon(
        id=pid, naam=extra.pop("naam", pid.title()), relatie="familie", sector=sector, cirkel=cirkel, **extra
    )


def _crowded(n=60, ties=150):
    """43 persons in familie (5 in ring 1), 17 over the other sectors; 60 ego ties and 90 others."""
    personen = []
    for i in range(n):
        sector = "familie" if i < 40 else SECTOREN[i % 6]
        cirkel = 1 if i < 4 else 2 + (i % 3) if i < 40 else 1 + (i % 4)
        personen.append(_person(f"p{i}", sector, cirkel, naam=f"Persoon nummer {i}", huishouden=i < 3))
    banden = [
        Band(
            van="client",
            naar=f"p{i}",
            frequentie=FREQUENTIES[i % 4],
            kwaliteit=KWALITEITEN[i % 3],
            steun_ontvangen=("praktisch",) if i % 2 else (),
            steun_gegeven=("emotioneel",) if i % 3 else (),
        )
        for i in range(n)
    ]
    seen = set()
    for a, b in [(i, (i * 7 + 3) % n) for i in range(n)] + [(i, (i * 13 + 5) % n) for i in range(n)]:
        if a != b and frozenset((a, b)) not in seen and len(banden) < ties:
            seen.add(frozenset((a, b)))
            banden.append(Band(van=f"p{a}", naar=f"p{b}", frequentie="wekelijks", kwaliteit="steunend"))
    return Netwerkatlas(client=Client(naam="Gerda"), personen=tuple(personen), banden=tuple(banden))


@pytest.fixture(scope="module")
def gerda():
    casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
    return atlas_from_casus(casus)


def _artists(fig, prefix):
    ax = fig.axes[-1]
    return {
        a.get_gid()[len(prefix) :]: a for a in ax.get_children() if (a.get_gid() or "").startswith(prefix)
    }


def _all_text(fig):
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts]
    return [t.replace("\n", " ") for t in texts]


# -- layout -------------------------------------------------------------------------------------------------


def test_layout_is_deterministic_and_client_at_origin():
    atlas = _crowded()
    first = relatiekaart_layout(atlas)
    again = relatiekaart_layout(Netwerkatlas.model_validate(atlas.model_dump()))
    assert first == again
    assert first["client"] == (0.0, 0.0)
    assert list(first) == ["client", *atlas.ids]


def test_every_person_inside_its_ring_band_and_sector_wedge(gerda):
    for atlas in (_crowded(), gerda):
        pos = relatiekaart_layout(atlas)
        for p in atlas.personen:
            x, y = pos[p.id]
            lo, hi = ring_band(p.cirkel)
            assert lo - 1e-9 <= math.hypot(x, y) <= hi + 1e-9, p.id
            assert p.cirkel - 1 < math.hypot(x, y) < p.cirkel
            assert sector_of_angle(math.atan2(y, x)) == p.sector, p.id


def test_crowded_network_keeps_minimum_distance():
    atlas = _crowded()
    groups = {}
    for p in atlas.personen:
        groups[(p.sector, p.cirkel)] = groups.get((p.sector, p.cirkel), 0) + 1
    # crowded (43 of 60 in familie, ring 1 exactly full), but every group within its capacity
    assert sum(c for (s, _), c in groups.items() if s == "familie") == 43
    assert groups[("familie", 1)] == ring_capacity(1) == 5 and groups[("familie", 3)] == 14
    assert all(count <= ring_capacity(c) for (_s, c), count in groups.items())
    pos = relatiekaart_layout(atlas)
    points = np.array([pos[pid] for pid in atlas.ids])
    smallest = min(math.dist(a, b) for a, b in combinations(points, 2))
    assert smallest >= MIN_DISTANCE - 1e-9
    assert MIN_DISTANCE == 0.25


def test_same_sector_and_ring_spread_evenly_along_the_arc():
    atlas = Netwerkatlas(personen=tuple(_person(f"p{i}") for i in range(3)))
    pos = relatiekaart_layout(atlas)
    # ring 2 at radius 1.5; three slots of 20° in the familie wedge (30°–90°), turned 0.22 slot anticlockwise
    for pid, angle in zip(("p0", "p1", "p2"), (84.4, 64.4, 44.4), strict=True):
        x, y = pos[pid]
        assert math.hypot(x, y) == pytest.approx(1.5)
        assert math.degrees(math.atan2(y, x)) == pytest.approx(angle)


def test_too_many_for_one_arc_alternate_between_two_radii():
    atlas = Netwerkatlas(personen=tuple(_person(f"p{i}") for i in range(8)))  # one arc at 1.5 holds 6
    pos = relatiekaart_layout(atlas)
    radii = [round(math.hypot(*pos[f"p{i}"]), 6) for i in range(8)]
    assert radii == [1.65, 1.35] * 4
    angles = [math.atan2(pos[f"p{i}"][1], pos[f"p{i}"][0]) for i in range(8)]
    assert angles == sorted(angles, reverse=True)  # clockwise in input order


def test_manual_position_is_kept_exactly():
    atlas = Netwerkatlas(personen=(_person("a", positie=(-3.25, 0.5)), _person("b")))
    pos = relatiekaart_layout(atlas)
    assert pos["a"] == (-3.25, 0.5)
    assert math.hypot(*pos["b"]) == pytest.approx(1.5)  # b alone in its group: the middle arc
    assert math.degrees(math.atan2(pos["b"][1], pos["b"][0])) == pytest.approx(60 + 0.22 * 60)


# -- relatiekaart -------------------------------------------------------------------------------------------


def test_zero_persons_draws_client_rings_and_legend():
    atlas = Netwerkatlas(client=Client(naam="Piet"))
    assert relatiekaart_layout(atlas) == {"client": (0.0, 0.0)}
    fig = relatiekaart_figure(atlas)
    assert "client" in _artists(fig, "netwerk-")
    assert sorted(_artists(fig, "netwerk-ring-")) == ["1", "2", "3", "4"]
    assert sorted(_artists(fig, "netwerk-sectornaam-")) == sorted(SECTOREN)
    assert _artists(fig, "netwerk-persoon-") == {} and _artists(fig, "netwerk-band-") == {}
    assert "Sector (kleur)" in _all_text(fig)
    assert "familie (0)" in _all_text(fig) and "4 ver weg" in _all_text(fig)


def test_gids_for_client_persons_and_ties(gerda):
    fig = relatiekaart_figure(gerda)
    assert "client" in _artists(fig, "netwerk-")
    assert set(_artists(fig, "netwerk-persoon-")) == set(gerda.ids)
    assert set(_artists(fig, "netwerk-band-")) == {f"{t.van}-{t.naar}" for t in gerda.banden}
    henk = _artists(fig, "netwerk-persoon-")["henk"]
    assert (henk.get_xdata()[0], henk.get_ydata()[0]) == relatiekaart_layout(gerda)["henk"]


def test_tie_width_by_frequency_and_style_by_quality():
    atlas = Netwerkatlas(
        personen=(_person("a"), _person("b"), _person("c", "buurt"), _person("d", "buurt")),
        banden=(
            Band(van="client", naar="a", frequentie="dagelijks", kwaliteit="steunend"),
            Band(van="client", naar="b", frequentie="minder", kwaliteit="steunend"),
            Band(van="client", naar="c", frequentie="dagelijks", kwaliteit="belastend"),
            Band(van="client", naar="d", frequentie="wekelijks", kwaliteit="wisselend"),
            Band(van="a", naar="b", frequentie="dagelijks", kwaliteit="steunend"),
        ),
    )
    ties = _artists(relatiekaart_figure(atlas), "netwerk-band-")
    assert ties["client-a"].get_linewidth() == FREQUENCY_WIDTHS["dagelijks"] == 4.0
    assert ties["client-b"].get_linewidth() == FREQUENCY_WIDTHS["minder"] == 0.8
    steunend, belastend, wisselend = ties["client-a"], ties["client-c"], ties["client-d"]
    assert to_hex(steunend.get_color()) == TIE_COLOUR.lower() and steunend.get_linestyle() == "-"
    assert len(steunend.get_xdata()) == 2
    assert (
        to_hex(belastend.get_color()) == STRESS_COLOUR.lower() and len(belastend.get_xdata()) > 10
    )  # zigzag
    assert wisselend.get_linestyle() == "--"
    alter = ties["a-b"]
    assert alter.get_linewidth() < ties["client-a"].get_linewidth() and alter.get_alpha() < 1


def test_support_direction_arrowheads():
    atlas = Netwerkatlas(
        personen=(_person("a"), _person("b", "buurt"), _person("c", "vrienden"), _person("d", "vrienden")),
        banden=(
            Band(
                van="client",
                naar="a",
                frequentie="dagelijks",
                kwaliteit="steunend",
                steun_ontvangen=("praktisch",),
            ),
            Band(
                van="client",
                naar="b",
                frequentie="dagelijks",
                kwaliteit="steunend",
                steun_gegeven=("praktisch",),
            ),
            Band(
                van="client",
                naar="c",
                frequentie="dagelijks",
                kwaliteit="steunend",
                steun_ontvangen=("emotioneel",),
                steun_gegeven=("gezelschap",),
            ),
            Band(van="client", naar="d", frequentie="dagelijks", kwaliteit="steunend"),
        ),
    )
    fig = relatiekaart_figure(atlas)
    heads = _artists(fig, "netwerk-")["steunrichting"]
    tips = [np.asarray(p.vertices[0]) for p in heads.get_paths()]
    assert len(tips) == 1 + 1 + 2  # d has no support: no arrowhead
    pos = relatiekaart_layout(atlas)
    a_dir = np.asarray(pos["a"]) / np.hypot(*pos["a"])
    bases_a = heads.get_paths()[0].vertices[1:3].mean(axis=0)
    assert np.dot(tips[0] - bases_a, a_dir) < 0  # a gives to the client: the tip points to the client
    b_dir = np.asarray(pos["b"]) / np.hypot(*pos["b"])
    assert np.dot(tips[1] - heads.get_paths()[1].vertices[1:3].mean(axis=0), b_dir) > 0  # to b


def test_node_symbols_household_deceased_professional():
    atlas = Netwerkatlas(
        personen=(
            _person("h", huishouden=True),
            _person("o", overleden=True),
            Persoon(id="dr", naam="Dokter", relatie="professional", sector="professionals", cirkel=3),
            _person("long", "vrienden", naam="Alexandra Wilhelmina van Oranje-Nassau"),
        )
    )
    fig = relatiekaart_figure(atlas)
    nodes = _artists(fig, "netwerk-persoon-")
    assert nodes["h"].get_markeredgewidth() > nodes["long"].get_markeredgewidth()
    assert to_hex(nodes["o"].get_markerfacecolor()) == DECEASED_COLOUR.lower()
    assert to_hex(nodes["long"].get_markerfacecolor()) == SECTOR_COLOURS["vrienden"].lower()
    assert nodes["dr"].get_marker() == "s" and nodes["h"].get_marker() == "o"
    names = _artists(fig, "netwerk-naam-")
    assert names["o"].get_text() == "† O"
    assert names["long"].get_text() == "Alexandra Wilhe…"


def test_legend_explains_colours_lines_widths_and_symbols(gerda):
    def legend(fig):
        texts = fig.axes[0].texts
        return [t.get_text() for t in texts if (t.get_gid() or "").startswith("netwerk-legenda")]

    fig = relatiekaart_figure(gerda, highlight=["henk"])
    labels = legend(fig)
    assert labels[:7] == ["Sector (kleur)", *SECTOREN]
    for expected in [
        *FREQUENTIES,
        *KWALITEITEN,
        "professional",
        "woont in het huishouden",
        "overleden",
        "naar wie steun krijgt",
        "over en weer",
        "uitgelicht",
        "Gerda Bosman (cliënt)",
    ]:
        assert expected in labels
    heads = [t for t in fig.axes[0].texts if t.get_gid() == "netwerk-legenda-kop"]
    assert [t.get_text() for t in heads] == [
        "Sector (kleur)",
        "Symbolen",
        "Band met de cliënt",
        "Contact (lijndikte)",
        "Steun (pijlpunt)",
    ]
    assert all(t.get_fontweight() == "bold" for t in heads)
    assert "uitgelicht-henk" in _artists(fig, "netwerk-")
    assert "uitgelicht" not in legend(relatiekaart_figure(gerda))


def test_positions_argument_overrides_layout(gerda):
    fig = relatiekaart_figure(gerda, positions={"henk": (2.0, -1.0), "onbekend": (0, 0)})
    henk = _artists(fig, "netwerk-persoon-")["henk"]
    assert (henk.get_xdata()[0], henk.get_ydata()[0]) == (2.0, -1.0)
    tie = _artists(fig, "netwerk-band-")["client-henk"]
    assert (tie.get_xdata()[-1], tie.get_ydata()[-1]) == (2.0, -1.0)


def test_svg_and_pdf_export(gerda):
    fig = relatiekaart_figure(gerda)
    svg = figure_bytes(fig, "svg")
    assert svg.startswith(b"<?xml") and b'id="netwerk-client"' in svg and b'id="netwerk-persoon-henk"' in svg
    assert figure_bytes(fig, "pdf").startswith(b"%PDF")
    assert figure_bytes(basisposter_figure(gerda), "pdf").startswith(b"%PDF")


def test_user_text_is_literal_not_mathtext_or_markup():
    nasty = "Jan $^$ <script>alert(1)</script>"
    atlas = Netwerkatlas(
        client=Client(naam="50% of $5", vraag="Kost $x$ echt 50%?", krachten=("Sterk in $\\frac{1}{0}$",)),
        personen=(_person("jan", naam=nasty),),
        banden=(Band(van="client", naar="jan", frequentie="wekelijks", kwaliteit="steunend"),),
    )
    fig = relatiekaart_figure(atlas, title=nasty)
    name = _artists(fig, "netwerk-naam-")["jan"]
    assert name.get_text() == "Jan $^$ <script…" and name.get_parse_math() is False
    svg = figure_bytes(fig, "svg")  # "$^$" would raise as mathtext
    assert b"<script" not in svg
    poster = basisposter_figure(atlas, sleutelpersonen=[("jan", "<b>$y$</b>")])
    texts = _all_text(poster)
    assert "Kost $x$ echt 50%?" in texts and "• Sterk in $\\frac{1}{0}$" in texts and nasty in texts
    assert all(not t.get_parse_math() for t in poster.texts)
    assert b"<script" not in figure_bytes(poster, "svg")


# -- basisposter --------------------------------------------------------------------------------------------


def test_basisposter_shows_question_strengths_and_key_persons(gerda):
    keys = [("henk", "geeft gezelschap"), ("ans", "vriendin van het koor")]
    fig = basisposter_figure(gerda, sleutelpersonen=keys)
    assert tuple(fig.get_size_inches()) == (16.5, 11.7)
    texts = _all_text(fig)
    joined = " ".join(texts)
    assert gerda.client.vraag in joined
    for kracht in gerda.client.krachten:
        assert f"• {kracht}" in texts
    assert "Henk Bosman" in texts and "Ans" in texts
    assert "partner, cirkel 1 – geeft gezelschap" in texts
    assert "Basisposter van Gerda Bosman" in joined
    assert {"henk", "ans"} == set(_artists(fig, "netwerk-uitgelicht-"))


def test_basisposter_default_key_persons_from_analyse(gerda):
    from wijkteam_kit.netwerk.analyse import key_persons

    expected = key_persons(gerda, n=5)
    fig = basisposter_figure(gerda)
    texts = _all_text(fig)
    assert len(expected) == 5
    for pid, _reason in expected:
        assert gerda.name(pid) in texts
    assert set(_artists(fig, "netwerk-uitgelicht-")) == {pid for pid, _ in expected}


def test_basisposter_placeholders_and_long_texts():
    atlas = Netwerkatlas(client=Client(naam="Piet"))
    texts = _all_text(basisposter_figure(atlas))
    assert "Nog geen vraag ingevuld" in texts and "Nog geen krachten ingevuld" in texts
    assert "Nog geen sleutelpersonen gekozen" in texts
    long = Netwerkatlas(
        client=Client(naam="Piet", vraag="woord " * 2000, krachten=tuple(f"kracht {i}" for i in range(80)))
    )
    fig = basisposter_figure(long)
    vraag = next(t for t in fig.texts if t.get_gid() == "poster-vraag").get_text()
    assert vraag.endswith("…")
    assert vraag.count("\n") == 9  # at most ten lines
    assert sum(t.get_gid() == "poster-kracht" for t in fig.texts) == 8
    assert "… en nog 72 (zie de netwerkatlas)" in _all_text(fig)
    assert all(t.get_position()[1] > 0 for t in fig.texts)


def test_basisposter_unknown_key_person_is_a_clear_error(gerda):
    with pytest.raises(WijkteamError, match="Sleutelpersoon 'bob' staat niet in de netwerkatlas"):
        basisposter_figure(gerda, sleutelpersonen=["bob"])


def test_label_spots_avoid_nodes_the_client_and_each_other():
    from wijkteam_kit.netwerk.layout import label_spots

    # a name below (0, 0.45) would cover the client's box, so it goes above
    assert label_spots([(0, 0.45)], ["Henk"], points_per_unit=50, blocked=[(-0.3, 0.3, -0.3, 0.3)]) == [
        "boven"
    ]
    # three nodes 0.3 apart at 50 pt per unit (name 0.21 high, 0.15 from the centre, node radius 0.11):
    # the top name would cover the middle node if below, so it goes above; the middle one is blocked below
    # (bottom node) and above (top node), so it goes right; the bottom one is free below
    spots = label_spots([(0, 0.6), (0, 0.3), (0, 0.0)], ["Anna", "Bob", "Cor"], points_per_unit=50)
    assert spots == ["boven", "rechts", "onder"]
