from matplotlib.colors import to_hex

from wijkteam_kit.draw.export import figure_bytes, save_figure
from wijkteam_kit.draw.zrm_profiel import LEVEL_COLOURS, UNSCORED_COLOUR, zrm_profile_figure
from wijkteam_kit.zrm import Assessment, load_version

V13 = load_version("zrm2013")
SCORES = {
    "financien": 1,
    "dagbesteding": 2,
    "huisvesting": 3,
    "huiselijke_relaties": 4,
    "adl": 5,
    "justitie": "nvt",
}


def _patches(fig, prefix):
    return {
        p.get_gid().removeprefix(prefix): p
        for p in fig.axes[0].patches
        if (p.get_gid() or "").startswith(prefix)
    }


def test_one_bar_per_domain_coloured_by_level():
    own = Assessment.build(V13, "c", "Ali", SCORES)
    fig = zrm_profile_figure(own, V13)
    bars = _patches(fig, "zrm-bar-")
    assert list(bars) == list(V13.domain_ids)
    for domain_id, bar in bars.items():
        level = own.scores[domain_id].level
        if level is None:
            assert to_hex(bar.get_facecolor()) == UNSCORED_COLOUR and bar.get_hatch() == "///"
        else:
            assert to_hex(bar.get_facecolor()) == LEVEL_COLOURS[level]
            assert bar.get_width() == level
    assert len(set(LEVEL_COLOURS.values())) == 5


def test_level_is_printed_so_colour_is_not_the_only_carrier():
    fig = zrm_profile_figure(Assessment.build(V13, "c", "Ali", SCORES), V13)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "1 · acute problematiek" in texts and "5 · volledig zelfredzaam" in texts
    assert "niet besproken" in texts
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [d.name for d in V13.domains]  # first domain on top (highest row)


def test_overlay_adds_a_second_bar_per_domain_and_marks_differences():
    own = Assessment.build(V13, "c", "Ali", SCORES)
    ref = Assessment.build(V13, "c", "ref", {**SCORES, "financien": 2, "justitie": 5})
    fig = zrm_profile_figure(own, V13, ref)
    overlay = _patches(fig, "zrm-overlay-")
    assert list(overlay) == list(V13.domain_ids)
    assert overlay["financien"].get_width() == 2
    assert to_hex(overlay["justitie"].get_facecolor()) == LEVEL_COLOURS[5]
    assert sorted(_patches(fig, "zrm-diff-")) == ["financien", "justitie"]


def test_export_formats(tmp_path):
    fig = zrm_profile_figure(Assessment.build(V13, "c", "Ali", SCORES), V13)
    assert figure_bytes(fig, "png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in figure_bytes(fig, "svg")[:400]
    assert figure_bytes(fig, "pdf")[:4] == b"%PDF"
    for ext in ("png", "svg", "pdf"):
        assert save_figure(fig, tmp_path / f"profiel.{ext}").stat().st_size > 1000


def test_zrm_profile_svg_is_well_formed_and_says_the_same_in_words():
    """The on-screen profile (SVG text, no matplotlib) parses as XML, escapes names, and its description holds
    every domain's levels, the facts a screen reader gets instead of the picture."""
    import xml.etree.ElementTree as ET

    from wijkteam_kit.draw.zrm_profiel_svg import zrm_profile_svg
    from wijkteam_kit.zrm import Assessment, load_version

    v = load_version("zrm2013")
    own = Assessment.build(v, "demo", "<script>&", {"financien": 2, "adl": 5})
    ref = Assessment.build(v, "demo", "referentie", {"financien": 3, "adl": 5})
    svg = zrm_profile_svg(own, v, ref, title="Tom & Jerry <b>", label="Jouw scores (<script>&)")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Tom & Jerry <b>"
    desc = root.find(f"{ns}desc").text
    assert "Financiën: jij 2 (niet zelfredzaam), referentie 3 (beperkt zelfredzaam), verschil" in desc
    assert "Activiteiten Dagelijks Leven (ADL): jij 5 (volledig zelfredzaam), referentie 5" in desc
    assert len([r for r in root.iter(f"{ns}rect") if r.get("class") == "zrm-diff"]) == 1
