from matplotlib.colors import to_hex
from matplotlib.patches import PathPatch

from wijkteam_kit.draw import figure_bytes
from wijkteam_kit.draw.familiekaart import COUPLE_STYLES, draw_familiekaart, familiekaart_figure
from wijkteam_kit.netwerk import Afstamming, Client, Koppel, Netwerkatlas, Persoon
from wijkteam_kit.netwerk.genogram import ROW, SPACING, genogram_layout
from wijkteam_kit.netwerk.huishouden_omtrek import household_outline


def P(pid, relatie, sector="familie", **kw):
    return Persoon(
        id=pid, naam=kw.pop("naam", pid.capitalize()), relatie=relatie, sector=sector, cirkel=2, **kw
    )


def atlas(*personen, koppels=(), afstamming=(), **client):
    return Netwerkatlas(
        client=Client(naam=client.pop("naam", "Cliënt"), **client),
        personen=personen,
        koppels=koppels,
        afstamming=afstamming,
    )


def artists(fig):
    return {a.get_gid(): a for a in fig.axes[0].get_children() if a.get_gid()}


def family():
    return atlas(
        P("vader", "ouder", geslacht="man", geboortejaar=1950),
        P("moeder", "ouder", geslacht="vrouw", geboortejaar=1952),
        P("zus", "broer/zus", geslacht="vrouw", geboortejaar=1975),
        P("partner", "partner", geslacht="man", huishouden=True),
        P("jong", "kind", geboortejaar=2015, huishouden=True),
        P("oud", "kind", geboortejaar=2008, huishouden=True),
        P("onbekend", "kind"),
        P("ans", "vriend", sector="vrienden"),
        P("buur", "buur", sector="buurt"),
        P("dokter", "professional", sector="professionals"),
        geboortejaar=1978,
        geslacht="vrouw",
    )


def test_generations_rows_and_who_is_on_the_map():
    lay = genogram_layout(family())
    assert lay.generations == {
        "client": 0,
        "vader": -1,
        "moeder": -1,
        "zus": 0,
        "partner": 0,
        "jong": 1,
        "oud": 1,
        "onbekend": 1,
    }
    assert lay.positions["client"][1] == 0 and lay.positions["zus"][1] == 0  # siblings share the row
    assert lay.positions["vader"][1] == ROW and lay.positions["jong"][1] == -ROW
    assert not {"ans", "buur", "dokter"} & set(lay.positions)


def test_oldest_child_left_and_unknown_birth_year_last():
    lay = genogram_layout(family())
    xs = [lay.positions[k][0] for k in ("oud", "jong", "onbekend")]
    assert xs == sorted(xs) and xs[1] - xs[0] == SPACING
    # siblings: the older sister is left of the client (1975 before 1978)
    assert lay.positions["zus"][0] < lay.positions["client"][0]


def test_derived_structure_from_relatie():
    lay = genogram_layout(family())
    couples = {frozenset((c.a, c.b)): c for c in lay.couples}
    assert couples[frozenset(("client", "partner"))].status == "partner"
    assert couples[frozenset(("vader", "moeder"))].status == "partner"  # two ouders become a couple
    assert all(c.derived for c in lay.couples)
    lines = {line.kind: line for line in lay.children}
    assert lines["jong"].ouders == ("client", "partner")  # the one current partner is the other parent
    assert lines["client"].ouders == ("vader", "moeder") and lines["zus"].ouders == ("vader", "moeder")
    assert lay.household == {"client", "partner", "jong", "oud"}


def test_explicit_data_wins_over_relatie():
    a = atlas(
        P("ex", "partner", geslacht="man"),
        P("nu", "partner", geslacht="man"),
        P("kind", "kind"),
        koppels=(Koppel(a="client", b="ex", status="gescheiden"),),
        afstamming=(Afstamming(kind="kind", ouders=("client", "ex")),),
    )
    lay = genogram_layout(a)
    couples = {frozenset((c.a, c.b)): c for c in lay.couples}
    assert couples[frozenset(("client", "ex"))].status == "gescheiden"
    assert not couples[frozenset(("client", "ex"))].derived
    assert couples[frozenset(("client", "nu"))].status == "partner"
    (line,) = lay.children
    assert line.ouders == ("client", "ex") and not line.derived


def test_two_partners_ex_left_current_right_children_under_their_own_couple():
    a = atlas(
        P("ex", "partner", geslacht="man"),
        P("nu", "partner", geslacht="man", huishouden=True),
        P("a", "kind", geboortejaar=2005),
        P("b", "kind", geboortejaar=2018),
        P("c", "kind", geboortejaar=2020),
        koppels=(
            Koppel(a="client", b="nu", status="samenwonend"),
            Koppel(a="client", b="ex", status="uit_elkaar"),
        ),
        afstamming=(Afstamming(kind="a", ouders=("ex", "client")),),
        geslacht="vrouw",
    )
    lay = genogram_layout(a)
    x = {k: v[0] for k, v in lay.positions.items()}
    assert x["ex"] < x["client"] < x["nu"]
    assert x["client"] - x["ex"] == SPACING and x["nu"] - x["client"] == SPACING
    assert x["a"] < x["b"] < x["c"]  # the ex's child on the ex's side, then the current couple's
    lines = {line.kind: line.ouders for line in lay.children}
    assert lines["b"] == lines["c"] == ("client", "nu")
    fig = familiekaart_figure(a)
    gids = artists(fig)
    assert "genogram-streep-client-ex-1" in gids and "genogram-streep-client-ex-2" not in gids
    assert gids["genogram-koppel-client-nu"].get_linestyle() == "--"


def test_couple_status_styles_differ():
    people = [P(f"p{k}", "familie", geslacht="man") for k in range(4)]
    people += [P(f"q{k}", "familie", geslacht="vrouw") for k in range(5)]
    statuses = ["getrouwd", "samenwonend", "uit_elkaar", "gescheiden"]
    koppels = [Koppel(a=f"p{k}", b=f"q{k}", status=s) for k, s in enumerate(statuses)]
    a = atlas(*people, P("z", "partner", geslacht="man"), koppels=koppels)
    gids = artists(familiekaart_figure(a))
    slashes = {
        s: sum(g.startswith(f"genogram-streep-p{k}-q{k}-") for g in gids) for k, s in enumerate(statuses)
    }
    assert slashes == {"getrouwd": 0, "samenwonend": 0, "uit_elkaar": 1, "gescheiden": 2}
    styles = {s: gids[f"genogram-koppel-p{k}-q{k}"].get_linestyle() for k, s in enumerate(statuses)}
    assert styles == {"getrouwd": "-", "samenwonend": "--", "uit_elkaar": "-", "gescheiden": "-"}
    derived = gids["genogram-koppel-client-z"]
    assert derived.get_linestyle() == "-" and to_hex(derived.get_color()) == COUPLE_STYLES["partner"][1]
    assert to_hex(gids["genogram-koppel-p0-q0"].get_color()) == "#000000"


def test_foster_child_line_is_dashed():
    a = atlas(
        P("eigen", "kind"),
        P("pleeg", "kind"),
        P("adop", "kind"),
        afstamming=(
            Afstamming(kind="pleeg", ouders=("client",), soort="pleeg"),
            Afstamming(kind="adop", ouders=("client",), soort="adoptie"),
        ),
    )
    gids = artists(familiekaart_figure(a))
    assert gids["genogram-kind-eigen"].get_linestyle() == "-"
    assert gids["genogram-kind-pleeg"].get_linestyle() == "--"
    assert gids["genogram-kind-adop"].get_linestyle() == "--"


def test_symbols_deceased_cross_and_client_double_outline():
    a = atlas(
        P("opa", "grootouder", geslacht="man", overleden=True),
        P("oma", "grootouder", geslacht="vrouw"),
        P("x", "familie", geslacht="anders"),
        geslacht="man",
    )
    gids = artists(familiekaart_figure(a))
    assert type(gids["genogram-persoon-opa"]).__name__ == "Rectangle"
    assert type(gids["genogram-persoon-oma"]).__name__ == "Circle"
    assert type(gids["genogram-persoon-x"]).__name__ == "Polygon"
    assert "genogram-overleden-opa" in gids and "genogram-overleden-oma" not in gids
    assert "genogram-persoon-client" in gids and "genogram-persoon-client-binnen" in gids
    assert gids["genogram-persoon-client-binnen"].get_width() < gids["genogram-persoon-client"].get_width()


def test_household_boundary_holds_exactly_the_household():
    a = family()
    fig = familiekaart_figure(a)
    lay = genogram_layout(a)
    path = artists(fig)["genogram-huishouden"].get_path()
    assert isinstance(artists(fig)["genogram-huishouden"], PathPatch)
    assert artists(fig)["genogram-huishouden"].get_linestyle() == ":"
    inside = {pid for pid, xy in lay.positions.items() if path.contains_point(xy)}
    assert inside == {"client", "partner", "jong", "oud"}
    # also the pure outline: every loop's points stay off the non-members
    loops = household_outline(lay)
    assert loops and all(len(loop) >= 4 for loop in loops)


def test_household_of_one_has_no_line():
    gids = artists(familiekaart_figure(atlas(P("zus", "broer/zus"))))
    assert "genogram-huishouden" not in gids


def test_siblings_without_parents_hang_from_an_unknown_parent():
    a = atlas(
        P("broer", "broer/zus", geboortejaar=1990),
        P("zus", "broer/zus", geboortejaar=1970),
        geboortejaar=1980,
    )
    lay = genogram_layout(a)
    assert lay.stub is not None and lay.stub[1] == ROW
    assert {line.kind: line.ouders for line in lay.children} == {"client": (), "broer": (), "zus": ()}
    x = {k: v[0] for k, v in lay.positions.items()}
    assert x["zus"] < x["client"] < x["broer"]
    assert "genogram-onbekende-ouder" in {t.get_gid() for t in familiekaart_figure(a).axes[0].texts}


def test_grandparents_grandchildren_and_side_relatives():
    a = atlas(
        P("opa", "grootouder"),
        P("kind", "kind"),
        P("klein", "kleinkind"),
        P("neef", "familie"),
        P("ex", "anders"),
    )
    lay = genogram_layout(a)
    assert lay.generations["opa"] == -2 and lay.generations["klein"] == 2
    assert {line.kind: line.ouders for line in lay.children}["klein"] == ("kind",)  # the only child
    assert lay.side_labels == {"neef": "familie", "ex": "anders"}
    row = [x for pid, (x, y) in lay.positions.items() if y == 0 and pid not in lay.side_labels]
    assert lay.positions["neef"][0] > max(row) and lay.positions["neef"][1] == 0
    two_children = atlas(P("k1", "kind"), P("k2", "kind"), P("klein", "kleinkind"))
    lay2 = genogram_layout(two_children)
    assert "klein" not in {line.kind for line in lay2.children} and lay2.generations["klein"] == 2


def test_labels_show_name_age_and_render_literally():
    a = atlas(P("p", "partner", naam="$x$ <b>Jan</b>", geboortejaar=1980), naam="$y$")
    fig = familiekaart_figure(a, peiljaar=2026, title="Kaart van $y$")
    texts = fig.axes[0].texts
    name = next(t for t in texts if t.get_gid() == "genogram-naam-p")
    assert name.get_text().replace("\n", " ") == "$x$ <b>Jan</b>" and not name.get_parse_math()
    assert "46 jaar (1980)" in [t.get_text() for t in texts]
    assert not fig.texts[0].get_parse_math() and fig.texts[0].get_text() == "Kaart van $y$"


def test_zero_person_atlas_draws_client_and_legend():
    a = Netwerkatlas()
    lay = genogram_layout(a)
    assert lay.positions == {"client": (0.0, 0.0)} and lay.couples == () and lay.children == ()
    fig = familiekaart_figure(a)
    assert fig.axes[0].get_legend() is not None
    assert "genogram-persoon-client" in artists(fig)


def test_legend_explains_symbols_and_lines():
    labels = [t.get_text() for t in familiekaart_figure(family()).axes[0].get_legend().get_texts()]
    for expected in ("man", "vrouw", "gescheiden (twee strepen)", "pleeg- of adoptiekind (gestreept)"):
        assert expected in labels


def test_draw_on_own_axes_returns_layout():
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    lay = draw_familiekaart(ax, family())
    assert set(lay.positions) == {"client", "vader", "moeder", "zus", "partner", "jong", "oud", "onbekend"}


def test_vector_export():
    fig = familiekaart_figure(family())
    svg = figure_bytes(fig, "svg")
    assert svg.startswith(b"<?xml") and b'id="genogram-huishouden"' in svg
    assert figure_bytes(fig, "pdf").startswith(b"%PDF")


def test_fonts_at_least_8_points():
    fig = familiekaart_figure(family())
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]
    assert sizes and min(sizes) >= 8


def test_three_partners_current_one_next_to_the_client():
    a = atlas(
        P("ex1", "partner", geslacht="vrouw"),
        P("ex2", "partner", geslacht="vrouw"),
        P("nu", "partner", geslacht="vrouw", huishouden=True),
        P("k2", "kind"),
        koppels=(
            Koppel(a="client", b="ex1", status="gescheiden"),
            Koppel(a="client", b="ex2", status="uit_elkaar"),
            Koppel(a="client", b="nu", status="getrouwd"),
        ),
        afstamming=(Afstamming(kind="k2", ouders=("client", "ex2")),),
        geslacht="man",
    )
    lay = genogram_layout(a)
    x = {k: v[0] for k, v in lay.positions.items()}
    assert x["nu"] - x["client"] == SPACING and x["client"] - x["ex1"] == SPACING
    assert x["ex2"] > x["nu"]  # the line to ex2 arches over the current partner
    assert len(household_outline(lay)) == 1  # client and current partner share one box
    fig = familiekaart_figure(a)
    arch = artists(fig)["genogram-koppel-client-ex2"]
    assert min(arch.get_ydata()) > 0  # drawn above the row
    drop = artists(fig)["genogram-kinderen-client-ex2"]
    assert x["nu"] < drop.get_xdata()[0] < x["ex2"]  # children hang in the gap, not through the partner
