import itertools

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import TextPath

from wijkteam_kit.casus import load_library
from wijkteam_kit.draw import familiekaart_figure, figure_bytes
from wijkteam_kit.draw.contactschema import FREQUENCY_COLOURS, QUALITY_SIGNS, contactschema_figure
from wijkteam_kit.draw.gebeurteniskaart import gebeurteniskaart_figure, place_labels
from wijkteam_kit.draw.relatiekaart import STRESS_COLOUR
from wijkteam_kit.netwerk import (
    FREQUENTIES,
    KWALITEITEN,
    SECTOREN,
    Band,
    Client,
    Gebeurtenis,
    Netwerkatlas,
    Persoon,
)
from wijkteam_kit.netwerk.bewerken import TYPICAL_RELATION
from wijkteam_kit.netwerk.contacten import ContactRij, contact_matrix, contact_order, contact_table
from wijkteam_kit.netwerk.io import atlas_from_casus


def P(pid, sector, naam=None):
    return Persoon(
        id=pid, naam=naam or pid.capitalize(), relatie=TYPICAL_RELATION[sector], sector=sector, cirkel=2
    )


def small():
    return Netwerkatlas(
        client=Client(naam="Gerda"),
        personen=(
            P("zoe", "buurt"),
            P("henk", "familie"),
            P("ans", "vrienden"),
            P("bert", "familie"),
            P("dokter", "professionals", "Dokter"),
        ),
        banden=(
            Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="steunend"),
            Band(van="ans", naar="client", frequentie="wekelijks", kwaliteit="belastend"),
            Band(van="client", naar="dokter", frequentie="minder", kwaliteit="wisselend"),
            Band(van="henk", naar="ans", frequentie="maandelijks", kwaliteit="wisselend"),
            Band(van="bert", naar="henk", frequentie="wekelijks", kwaliteit="steunend"),
        ),
    )


def collection(fig, gid):
    return next((c for c in fig.axes[0].collections if c.get_gid() == gid), None)


def cells(fig, atlas):
    """``"rij-kolom"`` -> (fill, frame colour or None, frame width) of every drawn cell."""
    ids = contact_order(atlas)
    drawn = collection(fig, "contact-cellen")
    out = {}
    for k, (col, row) in enumerate(drawn.get_offsets()):
        edge = drawn.get_edgecolors()[k % len(drawn.get_edgecolors())]
        width = drawn.get_linewidths()[k % len(drawn.get_linewidths())]
        key = f"{ids[round(row)]}-{ids[round(col)]}"
        out[key] = (to_hex(drawn.get_facecolors()[k]), to_hex(edge) if edge[3] > 0 else None, width)
    return out


def signs(fig):
    """(kolom, rij) -> (sign, colour) of every quality sign."""
    out = {}
    for quality, sign in QUALITY_SIGNS.items():
        glyphs = collection(fig, f"contact-teken-{quality}")
        if glyphs is None:
            continue
        for (x, y), colour in zip(glyphs.get_offsets(), glyphs.get_facecolors(), strict=True):
            out[(round(x - 0.5), round(y - 0.5))] = (sign, to_hex(colour))
    return out


# -- contactschema ----------------------------------------------------------------------------------


def test_order_client_first_then_sector_then_name():
    assert contact_order(small()) == ["client", "bert", "henk", "ans", "zoe", "dokter"]


def test_contact_table_values():
    rows = {r.persoon: r for r in contact_table(small())}
    assert list(rows) == ["bert", "henk", "ans", "zoe", "dokter"]
    assert rows["henk"] == ContactRij(
        "henk", "Henk", "familie", 2, "dagelijks", "steunend", 2, ("Ans", "Bert")
    )
    assert rows["ans"] == ContactRij("ans", "Ans", "vrienden", 2, "wekelijks", "belastend", 1, ("Henk",))
    assert rows["zoe"] == ContactRij("zoe", "Zoe", "buurt", 2, None, None, 0, ())
    assert rows["dokter"].frequentie == "minder" and rows["dokter"].aantal_contacten == 0


def test_matrix_is_symmetric_and_coloured_by_frequency():
    ids, matrix = contact_matrix(small())
    n = len(ids)
    assert all(matrix[i][j] is matrix[j][i] for i in range(n) for j in range(n))
    assert all(matrix[i][i] is None for i in range(n))
    drawn = cells(contactschema_figure(small()), small())
    assert len(drawn) == 2 * len(small().banden)
    for key, (face, _, _) in drawn.items():
        a, b = key.split("-")
        assert drawn[f"{b}-{a}"][0] == face
    assert drawn["client-henk"][0] == FREQUENCY_COLOURS["dagelijks"]
    assert drawn["ans-client"][0] == FREQUENCY_COLOURS["wekelijks"]
    assert drawn["henk-ans"][0] == FREQUENCY_COLOURS["maandelijks"]
    assert drawn["dokter-client"][0] == FREQUENCY_COLOURS["minder"]
    assert "client-zoe" not in drawn  # no contact: blank


def test_quality_sign_and_belastend_marked():
    fig = contactschema_figure(small())
    drawn = cells(fig, small())
    assert drawn["ans-client"][1:] == (STRESS_COLOUR.lower(), 2.2)
    assert drawn["client-ans"][1:] == (STRESS_COLOUR.lower(), 2.2)
    assert drawn["client-henk"][1:] == (None, 0)
    # frames are drawn after (on top of) every plain cell
    order = list(drawn)
    assert set(order[-2:]) == {"ans-client", "client-ans"}
    ids = contact_order(small())
    marks = signs(fig)
    assert len(marks) == 2 * len(small().banden)
    row, col = ids.index("ans"), ids.index("client")
    assert marks[(col, row)] == (QUALITY_SIGNS["belastend"], "#ffffff") == ("!", "#ffffff")  # on wekelijks
    assert marks[(ids.index("henk"), ids.index("client"))] == ("+", "#ffffff")  # on dagelijks
    assert marks[(ids.index("henk"), ids.index("ans"))] == ("±", "#000000")  # on maandelijks
    assert (ids.index("zoe"), 0) not in marks
    counts = {
        t.get_gid(): t.get_text()
        for t in fig.axes[0].texts
        if (t.get_gid() or "").startswith("contact-aantal-")
    }
    assert counts["contact-aantal-client"] == "3" and counts["contact-aantal-zoe"] == "0"


def test_names_label_rows_and_columns():
    fig = contactschema_figure(small())
    names = {t.get_gid(): t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("contact-naam-")}
    assert len(names) == 2 * 6
    ans_row, ans_col = names["contact-naam-rij-ans"], names["contact-naam-kolom-ans"]
    assert ans_row.get_text() == ans_col.get_text() == "Ans"
    assert ans_row.get_position()[1] == 3.5 and ans_col.get_position()[0] == 3.5  # ans is row/column 3
    assert ans_col.get_rotation() == 90
    assert names["contact-naam-rij-client"].get_fontweight() == "bold"
    assert names["contact-naam-rij-ans"].get_fontweight() == "normal"
    # rows left of the sector band, columns above it
    renderer = FigureCanvasAgg(fig).get_renderer()
    band = fig.axes[0].transData.transform([(-0.95, -0.95)])[0]
    assert ans_row.get_window_extent(renderer).x1 < band[0]
    assert ans_col.get_window_extent(renderer).y0 > band[1]


def test_sixty_persons_stay_legible():
    persons = [P(f"p{k}", SECTOREN[k % 6], f"Iemand met een lange naam {k}") for k in range(60)]
    ties = [
        Band(van="client", naar=f"p{k}", frequentie=FREQUENTIES[k % 4], kwaliteit=KWALITEITEN[k % 3])
        for k in range(60)
    ]
    ties += [
        Band(van=f"p{k}", naar=f"p{(k * 7 + 3) % 60}", frequentie="wekelijks", kwaliteit="steunend")
        for k in range(60)
        if (k * 7 + 3) % 60 != k
    ]
    unique = {t.pair: t for t in ties}
    atlas = Netwerkatlas(client=Client(naam="Gerda"), personen=tuple(persons), banden=tuple(unique.values()))
    fig = contactschema_figure(atlas)
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]
    assert min(sizes) >= 8
    eight_pt = TextPath((0, 0), "+", size=8, prop=FontProperties(weight="bold")).get_extents().height
    plus = collection(fig, "contact-teken-steunend").get_paths()[0]
    assert plus.get_extents().height >= eight_pt - 1e-9  # signs are at least 8 pt too
    width, height = fig.get_size_inches()
    assert width <= 16.5 and height <= 12.5  # about one A3 sheet
    assert len(cells(fig, atlas)) == 2 * len(unique)
    assert len(signs(fig)) == 2 * len(unique)
    # fast for big networks: a fixed number of collections, no artist per cell, no ticks
    ax = fig.axes[0]
    assert len(ax.collections) == 9 and len(ax.patches) == 0
    assert len(ax.texts) == 3 * 61 + 1  # names twice, counts, "aantal"
    assert not ax.axison


def test_zero_person_contactschema():
    fig = contactschema_figure(Netwerkatlas())
    assert fig.axes[0].get_legend() is not None
    assert cells(fig, Netwerkatlas()) == {}
    assert signs(fig) == {}
    assert any("Nog geen personen" in t.get_text() for t in fig.axes[0].texts)
    assert contact_table(Netwerkatlas()) == []


def test_contactschema_names_render_literally():
    atlas = Netwerkatlas(client=Client(naam="$a$"), personen=(P("x", "vrienden", "<b>$x$</b>"),))
    fig = contactschema_figure(atlas)
    figure_bytes(fig, "png")
    labels = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("contact-naam-")]
    assert [t.get_text() for t in labels] == ["$a$", "$a$", "<b>$x$</b>", "<b>$x$</b>"]
    assert not any(t.get_parse_math() for t in labels)


# -- gebeurteniskaart -------------------------------------------------------------------------------


def events(*specs):
    return Netwerkatlas(
        client=Client(naam="Gerda"),
        gebeurtenissen=tuple(Gebeurtenis(jaar=j, omschrijving=o, valentie=v) for j, o, v in specs),
    )


def boxes(fig):
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    out = {}
    for t in fig.axes[0].texts:
        if (t.get_gid() or "").startswith("gebeurtenis-") and t.get_bbox_patch() is not None:
            out[int(t.get_gid().split("-")[1])] = t.get_bbox_patch().get_window_extent(renderer)
    return out


def test_positive_above_negative_below():
    atlas = events(
        (2019, "Nieuwe baan", "positief"),
        (2021, "Ziekenhuisopname", "negatief"),
        (2023, "Verhuisd", "positief"),
    )
    fig = gebeurteniskaart_figure(atlas)
    texts = {t.get_gid(): t for t in fig.axes[0].texts if t.get_gid()}
    stems = {
        a.get_gid(): a for a in fig.axes[0].lines if (a.get_gid() or "").startswith("gebeurtenis-steel-")
    }
    assert texts["gebeurtenis-0"].get_position()[1] > 0 and texts["gebeurtenis-2"].get_position()[1] > 0
    assert texts["gebeurtenis-1"].get_position()[1] < 0
    assert (
        max(stems["gebeurtenis-steel-0"].get_ydata()) > 0
        and min(stems["gebeurtenis-steel-1"].get_ydata()) < 0
    )
    assert stems["gebeurtenis-steel-1"].get_xdata()[0] == 2021
    assert texts["gebeurtenis-1"].get_text().replace("\n", " ") == "2021 · Ziekenhuisopname"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["positieve gebeurtenis (boven de lijn)", "negatieve gebeurtenis (onder de lijn)"]


def test_same_year_and_close_events_do_not_overlap():
    atlas = events(
        (2020, "Eerste gebeurtenis in 2020 met een lange omschrijving die wordt afgebroken", "negatief"),
        (2020, "Tweede gebeurtenis in hetzelfde jaar", "negatief"),
        (2020, "Derde in hetzelfde jaar", "negatief"),
        (2021, "Het jaar erna", "negatief"),
        (2020, "Positief in 2020", "positief"),
        (2020, "Nog een positieve", "positief"),
        (2022, "Later", "negatief"),
    )
    fig = gebeurteniskaart_figure(atlas)
    extents = boxes(fig)
    assert len(extents) == 7
    for (i, a), (j, b) in itertools.combinations(extents.items(), 2):
        assert not a.overlaps(b), (i, j)
    # same year stacks in input order: the first is nearest to the line
    ys = {i: fig.axes[0].texts[i].get_position()[1] for i in range(7)}
    assert ys[0] > ys[1] > ys[2]  # below the line: nearer = higher
    assert 0 < ys[4] < ys[5]
    # no box is crossed by another event's stem
    renderer = FigureCanvasAgg(fig).get_renderer()
    for line in fig.axes[0].lines:
        gid = line.get_gid() or ""
        if gid.startswith("gebeurtenis-steel-"):
            own = int(gid.rsplit("-", 1)[1])
            stem = line.get_window_extent(renderer)
            for i, box in extents.items():
                if i != own:
                    assert not (box.x0 < stem.x0 < box.x1 and stem.y0 < box.y1 and box.y0 < stem.y1), (own, i)


def test_place_labels_staggers_close_stems():
    heights = place_labels([0.0, 0.4, 0.8], [(1.0, 0.5)] * 3, base=0.25, gap=0.25)
    assert heights[2] == (0.25, 1)
    assert len({y for y, _ in heights}) >= 2  # staggered


def test_zero_events_friendly_text_and_legend():
    fig = gebeurteniskaart_figure(Netwerkatlas())
    assert [t.get_text() for t in fig.axes[0].texts] == ["Nog geen gebeurtenissen ingevuld"]
    assert fig.legends and figure_bytes(fig, "svg").startswith(b"<?xml")


def test_event_text_renders_literally():
    fig = gebeurteniskaart_figure(events((2020, "Prijs van $5$ <i>gewonnen</i>", "positief")))
    text = next(t for t in fig.axes[0].texts if t.get_gid() == "gebeurtenis-0")
    assert "$5$ <i>gewonnen</i>" in text.get_text().replace("\n", " ") and not text.get_parse_math()


# -- all three, on every casus ----------------------------------------------------------------------


@pytest.mark.parametrize("casus", load_library(), ids=lambda c: c.id)
def test_every_casus_draws_all_three(casus):
    atlas = atlas_from_casus(casus)
    for make in (familiekaart_figure, contactschema_figure, gebeurteniskaart_figure):
        fig = make(atlas)
        assert fig.axes[0].get_legend() is not None or fig.legends
        sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]
        assert min(sizes) >= 8, make.__name__
    assert figure_bytes(fig, "pdf").startswith(b"%PDF")
    if atlas.gebeurtenissen:
        extents = boxes(fig)
        assert all(not a.overlaps(b) for a, b in itertools.combinations(extents.values(), 2))


@pytest.mark.parametrize("make", [contactschema_figure, gebeurteniskaart_figure])
def test_vector_export(make):
    fig = make(small())
    assert figure_bytes(fig, "svg").startswith(b"<?xml")
    assert figure_bytes(fig, "pdf").startswith(b"%PDF")
