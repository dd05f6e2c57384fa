"""The scenario engine: loading checks on small hand-made files, playing, the debrief, and every shipped scenario."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from wijkteam_kit._basis.catalogue import data_path
from wijkteam_kit.app.cli import main
from wijkteam_kit.casus import load_library
from wijkteam_kit.document import Kop, Lijst, to_markdown
from wijkteam_kit.errors import ScenarioError, WijkteamError
from wijkteam_kit.scenario import (
    DIMENSIES,
    Spel,
    available_scenarios,
    check_scenario_file,
    debrief,
    load_principles,
    load_scenario,
    read_scenario,
    reflectie_document,
    route_from_payload,
    scenario_structuur,
)

HEAD = """\
id: {id}
titel: Klein scenario
samenvatting: Om te testen.
thema: Test
rol: Jij bent generalist.
start: a
intervisievragen: [Vraag een?, Vraag twee?]
momenten:
"""

GOOD = """\
  - id: a
    titel: Begin
    tekst: Er belt iemand.
    keuzes:
      - tekst: Luisteren
        naar: b
        oordeel: goed
        principe: vraaggestuurd
        feedback: Eerst luisteren.
        effecten: {vertrouwen: 2, tempo: -1}
      - tekst: Oplossen
        naar: slecht
        oordeel: fout
        principe: vraaggestuurd
        feedback: Te snel.
        effecten: {eigen_regie: -2}
  - id: b
    titel: Verder
    tekst: Het gesprek gaat verder.
    keuzes:
      - tekst: Terug naar het begin
        naar: a
        oordeel: twijfel
        feedback: Je draait een rondje.
      - tekst: Afronden
        naar: goed
        oordeel: goed
        principe: plan-eigen-woorden
        feedback: Samen afgesproken.
        effecten: {eigen_regie: 2}
  - id: goed
    titel: Goed afgelopen
    tekst: Klaar.
    debrief: true
  - id: slecht
    titel: Minder goed afgelopen
    tekst: Klaar, maar niet goed.
    debrief: true
"""


def write(tmp_path: Path, body: str, name: str = "klein") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(HEAD.format(id=name) + textwrap.dedent(body), encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    return [str(p) for p in check_scenario_file(path)]


# --------------------------------------------------------------------------- loading and checks


def test_a_small_scenario_loads_and_rejoins(tmp_path):
    s = read_scenario(write(tmp_path, GOOD))
    assert [m.id for m in s.beslismomenten] == ["a", "b"]
    assert [m.id for m, _k in s.aanbevolen_route()] == ["a", "b"]
    assert s.aanbevolen_einde().id == "goed"
    assert s.moment("a").regel == 9


def test_unreachable_moment_is_named_with_file_and_line(tmp_path):
    body = GOOD + "  - id: los\n    titel: Los\n    tekst: Niemand komt hier.\n    debrief: true\n"
    found = messages(write(tmp_path, body))
    assert found == [f"{tmp_path / 'klein.yaml'}, regel 47, veld momenten[4]: moment 'los': is vanaf het begin niet "
                     "te bereiken (geen enkele keuze leidt hierheen)"]  # fmt: skip


def test_dead_end_and_what_leads_there(tmp_path):
    body = GOOD.replace("naar: goed", "naar: stil") + "  - id: stil\n    titel: Stil\n    tekst: Niets.\n"
    found = "\n".join(messages(write(tmp_path, body)))
    assert "moment 'stil': loopt dood: geen keuzes en geen debrief" in found
    assert "moment 'goed': is vanaf het begin niet te bereiken" in found
    assert "komt niet bij een debrief" in found  # the recommended route runs into the dead end


def test_loop_without_a_way_out(tmp_path):
    body = GOOD.replace("naar: goed", "naar: c") + (
        "  - id: c\n    titel: Rondje\n    tekst: Rond.\n    keuzes:\n"
        "      - {tekst: Nog een keer, naar: d, oordeel: goed, feedback: Weer.}\n"
        "  - id: d\n    titel: Rondje twee\n    tekst: Rond.\n    keuzes:\n"
        "      - {tekst: Terug, naar: c, oordeel: goed, feedback: Weer.}\n"
    )
    found = "\n".join(messages(write(tmp_path, body)))
    assert "moment 'c': vanaf hier kom je nooit bij een debrief; de keuzes blijven rondgaan tussen 'c', 'd'" in found
    assert "moment 'd': vanaf hier kom je nooit bij een debrief" in found


def test_a_loop_with_a_way_out_is_fine(tmp_path):
    # b -> a is a loop, but b also leads to a debrief
    assert messages(write(tmp_path, GOOD)) == []


def test_choice_without_feedback(tmp_path):
    body = GOOD.replace("        feedback: Te snel.\n", "")
    assert any(
        "regel 19, veld momenten[0].keuzes[1]: moment 'a', keuze 2: geen feedback" in m
        for m in messages(write(tmp_path, body))
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("naar: b", "naar: bestaat-niet"), "moment 'a', keuze 1: leidt naar 'bestaat-niet', maar dat moment bestaat"),
        (("principe: vraaggestuurd", "principe: verzonnen"), "onbekend principe 'verzonnen'"),
        (("{vertrouwen: 2, tempo: -1}", "{vertrouwen: 3}"), "effect 3 op 'vertrouwen'; gebruik -2 tot en met 2"),
        (("{vertrouwen: 2, tempo: -1}", "{geluk: 1}"), "onbekende dimensie 'geluk'"),
        (("oordeel: goed\n        principe: vraaggestuurd", "oordeel: twijfel\n        principe: vraaggestuurd"),
         "moment 'a': geen enkele keuze heeft oordeel 'goed'"),
        (("  - id: b\n", "  - id: a\n"), "moment 'a' komt twee keer voor"),
        (("oordeel: fout", "oordeel: slecht"), "verwacht één van 'goed', 'twijfel' of 'fout'"),
        (("    debrief: true\n  - id: slecht", "    debrief: true\n    keuzes:\n      - {tekst: x, naar: a, "
          "oordeel: goed, feedback: y}\n  - id: slecht"), "moment 'goed': een debrief heeft geen keuzes"),
    ],
)  # fmt: skip
def test_content_problems_name_the_moment(tmp_path, change, expected):
    body = GOOD.replace(*change, 1)
    found = "\n".join(messages(write(tmp_path, body)))
    assert expected in found, found


def test_no_debrief_at_all(tmp_path):
    body = GOOD.replace("    debrief: true\n", "    keuzes:\n      - {tekst: x, naar: a, oordeel: goed, feedback: y}\n")
    found = messages(write(tmp_path, body))
    assert any("er is geen debrief" in m for m in found)


def test_schema_problems_and_unknown_fields(tmp_path):
    path = write(tmp_path, GOOD.replace("    tekst: Er belt iemand.", "    tekts: Er belt iemand."))
    found = "\n".join(messages(path))
    assert "veld momenten[0].tekts: onbekend veld; bedoelde u 'tekst'?" in found


def test_id_must_match_file_name(tmp_path):
    path = write(tmp_path, GOOD)
    other = path.with_name("anders.yaml")
    path.rename(other)
    with pytest.raises(ScenarioError, match="id 'klein' past niet bij de bestandsnaam"):
        read_scenario(other)


def test_yaml_syntax_error_is_a_scenario_error(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text("id: [kapot\n", encoding="utf-8")
    assert check_scenario_file(path) and isinstance(check_scenario_file(path)[0].line, int)


def test_unknown_scenario_lists_the_known_ones():
    with pytest.raises(WijkteamError, match="Onbekend scenario 'bestaat-niet'; beschikbaar: eerste-gesprek"):
        load_scenario("bestaat-niet")


def test_trainers_own_scenarios_are_found(tmp_path, monkeypatch):
    write(tmp_path, GOOD, name="eigen")
    monkeypatch.setenv("WIJKTEAM_SCENARIOS", str(tmp_path))
    assert "eigen" in available_scenarios()
    assert load_scenario("eigen").titel == "Klein scenario"


# --------------------------------------------------------------------------- playing


def test_play_effects_clip_and_undo(tmp_path):
    s = read_scenario(write(tmp_path, GOOD))
    spel = Spel(s)
    assert spel.waarden() == dict.fromkeys(DIMENSIES, 5)
    spel.kies(0)
    assert spel.waarden()["vertrouwen"] == 7 and spel.waarden()["tempo"] == 4
    spel.kies(0)  # back to a: the route rejoins
    spel.kies(0)
    assert spel.waarden()["vertrouwen"] == 9
    spel.kies(0)
    spel.kies(0)
    assert spel.waarden()["vertrouwen"] == 10  # clipped at 10
    spel.terug()
    assert spel.moment.id == "a" and len(spel.stappen) == 4
    spel.kies(1)
    assert spel.klaar and spel.moment.id == "slecht"
    with pytest.raises(ScenarioError, match="Het scenario is afgelopen"):
        spel.kies(0)
    spel.opnieuw()
    assert spel.moment.id == "a" and spel.verloop() == [dict.fromkeys(DIMENSIES, 5)]


def test_a_choice_that_does_not_exist(tmp_path):
    spel = Spel(read_scenario(write(tmp_path, GOOD)))
    with pytest.raises(ScenarioError, match="Moment 'a' heeft geen keuze 3"):
        spel.kies(2)


def test_debrief_and_principles(tmp_path):
    s = read_scenario(write(tmp_path, GOOD))
    spel = Spel(s)
    spel.kies(0)
    spel.kies(0)
    spel.kies(1)
    d = debrief(spel)
    assert d.einde.id == "slecht"
    assert (d.aantal("goed"), d.aantal("twijfel"), d.aantal("fout")) == (1, 1, 1)
    assert d.afwijkingen == 2
    assert [p.id for p in d.principes_sterk] == ["vraaggestuurd"]
    assert [p.id for p in d.principes_aandacht] == ["vraaggestuurd"]
    assert len(d.verloop) == 4


def test_reflection_document_has_route_dimensions_and_two_questions(tmp_path):
    s = read_scenario(write(tmp_path, GOOD))
    spel = Spel(s)
    spel.kies(1)
    doc = reflectie_document(debrief(spel), naam="<b>Kim</b>", datum="4 december 2026")
    headings = [b.tekst for b in doc.blokken if isinstance(b, Kop)]
    assert "Jouw route naast de aanbevolen route" in headings and "De dimensies in de tijd" in headings
    at = [i for i, b in enumerate(doc.blokken) if isinstance(b, Kop) and b.tekst == "Vragen voor intervisie"]
    questions = doc.blokken[at[0] + 1]
    assert isinstance(questions, Lijst) and questions.items == ("Vraag een?", "Vraag twee?")
    md = to_markdown(doc)
    assert "\\<b\\>Kim\\</b\\>" in md and "Oplossen" in md and "Luisteren" in md


def test_reflection_pdf():
    from wijkteam_kit.draw.document_pdf import document_pdf, page_texts

    spel = Spel(load_scenario("zorgen-om-een-kind"))
    spel.speel_aanbevolen()
    doc = reflectie_document(debrief(spel))
    assert document_pdf(doc).startswith(b"%PDF-")
    text = " ".join(" ".join(page) for page in page_texts(doc))
    assert "Vragen voor intervisie" in text


def test_route_payload_round_trip_and_bad_payloads():
    s = load_scenario("plan-naar-waakvlam")
    spel = Spel(s)
    spel.kies(2)
    spel.kies(0)
    again = route_from_payload(s, spel.payload())
    assert [(st.moment.id, st.index) for st in again.stappen] == [(st.moment.id, st.index) for st in spel.stappen]
    assert route_from_payload(s, {"route": [["elders", 0]]}).stappen == []
    assert len(route_from_payload(s, {"route": [["plan-maken", 0], ["urgent", 99]]}).stappen) == 1
    assert route_from_payload(s, {"route": "onzin"}).stappen == []


# --------------------------------------------------------------------------- the shipped scenarios

SHIPPED = ["eerste-gesprek", "intake-regiecheck", "plan-naar-waakvlam", "zorgen-om-een-kind"]


def test_there_are_four_shipped_scenarios():
    assert available_scenarios() == SHIPPED


def _all_routes(scenario, limit=20000):
    """Every route from the start that visits no moment twice, as moment-id lists (loops are cut once seen)."""
    routes, stack = [], [[scenario.start]]
    while stack:
        path = stack.pop()
        moment = scenario.moment(path[-1])
        if moment.debrief:
            routes.append(path)
            continue
        nexts = [k.naar for k in moment.keuzes if k.naar not in path]
        assert nexts or any(k.naar in path for k in moment.keuzes), f"{moment.id} loopt dood"
        stack += [[*path, n] for n in nexts]
        assert len(routes) < limit
    return routes


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_shipped_scenario_graph(scenario_id):
    s = load_scenario(scenario_id)
    assert 8 <= len(s.beslismomenten) <= 15
    routes = _all_routes(s)
    visited = {m for r in routes for m in r}
    assert visited == {m.id for m in s.momenten}, "every moment is on a route that ends in a debrief"
    ends = {r[-1] for r in routes}
    assert ends == {m.id for m in s.debriefs}
    assert len(ends) >= 3, "several endings: sound and unsound routes"
    # every moment can still reach a debrief, whatever was chosen before (no trap)
    for m in s.momenten:
        assert _all_routes_from(s, m.id), m.id
    # every choice has feedback and a principle; every decision moment has a sound and an unsound choice
    for m in s.beslismomenten:
        assert len(m.keuzes) >= 2
        assert {k.oordeel for k in m.keuzes} & {"twijfel", "fout"}, m.id
        for k in m.keuzes:
            assert len(k.feedback) > 40 and k.principe, (m.id, k.tekst)
    assert s.aanbevolen_einde().id in ends
    assert len(s.intervisievragen) >= 2 and s.bronnen


def _all_routes_from(scenario, moment_id):
    seen, todo = {moment_id}, [moment_id]
    while todo:
        m = scenario.moment(todo.pop())
        if m.debrief:
            return True
        for k in m.keuzes:
            if k.naar not in seen:
                seen.add(k.naar)
                todo.append(k.naar)
    return False


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_shipped_scenarios_link_to_a_casus(scenario_id):
    ids = {c.id for c in load_library()}
    assert load_scenario(scenario_id).casus in ids


def test_every_principle_is_used_and_meldcode_has_five_steps():
    used = {k.principe for sid in SHIPPED for m in load_scenario(sid).momenten for k in m.keuzes}
    principles = {p.id: p for p in load_principles()}
    assert set(principles) <= used | {"eropaf"}, set(principles) - used
    meldcode = principles["meldcode"].uitleg
    for step in range(1, 6):
        assert f"{step} " in meldcode
    assert "Veilig Thuis" in meldcode and "acute of structurele onveiligheid" in meldcode


def test_shipped_files_use_no_yaml_anchors_or_aliases():
    for path in data_path("scenarios").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert " &" not in text.replace(" & ", "") and "*" not in text.replace("* ", ""), path.name


# --------------------------------------------------------------------------- structure, picture, command line


def test_structure_flags_problems(tmp_path):
    body = GOOD.replace("naar: goed", "naar: stil") + "  - id: stil\n    titel: Stil\n    tekst: Niets.\n"
    st = scenario_structuur(write(tmp_path, body))
    assert st.doodlopend == {"stil"} and st.onbereikbaar == {"goed"}
    assert "stil" in st.zonder_uitweg and st.aanbevolen == ()


def test_structure_picture_marks_dead_ends(tmp_path):
    from wijkteam_kit.draw.scenario import structuur_figure

    body = GOOD.replace("naar: goed", "naar: stil") + "  - id: stil\n    titel: Stil\n    tekst: Niets.\n"
    fig = structuur_figure(scenario_structuur(write(tmp_path, body)))
    boxes = {p.get_gid(): p for p in fig.axes[0].patches if p.get_gid()}
    assert boxes["moment-stil"].get_edgecolor()[:3] != boxes["moment-a"].get_edgecolor()[:3]
    assert boxes["moment-goed"].get_linestyle() == "--"
    assert "probleem" in fig.axes[0].get_title(loc="left")


def test_cli_check_good_bad_and_picture(tmp_path, capsys):
    bad = write(tmp_path, GOOD.replace("naar: goed", "naar: stil") + "  - id: stil\n    titel: S\n    tekst: N.\n")
    assert main(["scenario", "check", str(bad), "--plaatje", str(tmp_path / "s.png")]) == 1
    out = capsys.readouterr().out
    assert "✗" in out and "loopt dood" in out and "Structuur getekend" in out
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"
    assert main(["scenario", "check", str(data_path("scenarios"))]) == 0
    assert "4 van 4 bestanden in orde." in capsys.readouterr().out
    assert main(["scenario", "list"]) == 0
    assert "zorgen-om-een-kind" in capsys.readouterr().out
