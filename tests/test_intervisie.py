"""Intervision method data, role assignment, dilemma cards and the session summary."""

from __future__ import annotations

import datetime as dt
import random
import shutil

import pytest

from wijkteam_kit import settings
from wijkteam_kit._basis.catalogue import data_path
from wijkteam_kit.casus import load_library
from wijkteam_kit.document import Kop, Tabel, to_markdown
from wijkteam_kit.draw.document_pdf import page_texts
from wijkteam_kit.errors import DataFileError, IntervisieError, KaartError, ProblemsError
from wijkteam_kit.intervisie import (
    Bijeenkomst,
    available_methods,
    bijeenkomst_document,
    bijeenkomst_payload,
    dilemma_cards,
    draw_card,
    load_method,
    rol_problemen,
    rolverdeling,
)

LIBRARY = load_library()
METHODS = [
    "balint",
    "incidentmethode",
    "incidentmethode-65",
    "meedenkbijeenkomst",
    "moreel-beraad",
    "probleemoplossend",
    "roddelmethode",
    "socratisch-gesprek",
    "vijfstappen",
]
ROLES = {"inbrenger": "Kim", "gespreksleider": "Ali", "tijdbewaker": "Bo"}


def titles(method_id):
    return [s.titel for s in load_method(method_id).stappen]


def minutes(method_id):
    return [s.minuten for s in load_method(method_id).stappen]


# ---------------------------------------------------------------------------------------------- the files
def test_every_method_file_is_offered():
    assert available_methods() == METHODS


@pytest.mark.parametrize("method_id", METHODS)
def test_every_method_loads_and_describes_every_role_in_every_step(method_id):
    m = load_method(method_id)
    assert m.id == method_id
    assert m.totaal_minuten == sum(s.minuten for s in m.stappen)
    assert len([r for r in m.rollen if r.aantal == "meer"]) == 1
    for step in m.stappen:
        assert [rid for rid, _ in step.taken] == [r.id for r in m.rollen]
        assert all(len(text) > 10 for _, text in step.taken)
        assert len(step.instructie) > 20


@pytest.mark.parametrize("method_id", [m for m in METHODS if m != "meedenkbijeenkomst"])
def test_intervision_methods_have_the_four_roles(method_id):
    m = load_method(method_id)
    assert m.soort == "intervisie"
    assert [(r.id, r.aantal, r.exclusief) for r in m.rollen] == [
        ("inbrenger", "een", True),
        ("gespreksleider", "een", True),
        ("tijdbewaker", "een", False),
        ("deelnemers", "meer", False),
    ]


def test_incidentmethode_has_ten_rounds_in_order():
    assert titles("incidentmethode") == [
        "Keuze van het incident",
        "Schets van de situatie",
        "Vragen opschrijven",
        "Informatieronde",
        "Analyse",
        "Standpunten opschrijven",
        "Standpunten bespreken",
        "Wat deed de inbrenger?",
        "Afsluitende bespreking",
        "Evaluatie",
    ]


def test_incidentmethode_65_sums_to_65_minutes():
    m = load_method("incidentmethode-65")
    assert minutes("incidentmethode-65") == [5, 10, 5, 15, 10, 10, 10]
    assert m.totaal_minuten == 65
    analysis, advice = m.stappen[4], m.stappen[5]
    assert analysis.afwezig == ("inbrenger",)  # the inbrenger waits outside during the analysis
    assert advice.stil == ("inbrenger",)  # and only listens during the advice round


def test_roddelmethode_has_the_silent_15_minute_step():
    m = load_method("roddelmethode")
    assert minutes("roddelmethode") == [5, 15, 15, 15, 10]
    silent = [s for s in m.stappen if s.stil]
    assert [(s.titel, s.minuten, s.stil) for s in silent] == [("Roddelen", 15, ("inbrenger",))]
    assert "zwijg" in silent[0].taak("inbrenger").lower()


def test_balint_has_eleven_steps_for_at_least_five_people():
    m = load_method("balint")
    assert len(m.stappen) == 11
    assert m.deelnemers_min == 5
    assert 60 <= m.totaal_minuten <= 120
    assert m.stappen[3].titel == "Procesbegeleider kiezen"
    assert m.stappen[8].titel == "Oordeelsvorming in de groep" and m.stappen[8].stil == ("inbrenger",)
    assert m.rol("gespreksleider").naam == "Procesbegeleider"


def test_vijfstappen_probleemoplossend_socratisch_and_moreel_beraad_follow_their_steps():
    assert titles("vijfstappen") == [
        "Vraagintroductie",
        "Probleemverkenning",
        "Kernprobleem formuleren",
        "Adviesronde",
        "Evaluatie",
    ]
    assert titles("probleemoplossend")[1:5] == [
        "Vragen over de situatie",
        "Diagnose",
        "Advies",
        "Reactie van de inbrenger",
    ]
    socratisch = load_method("socratisch-gesprek")
    assert len(socratisch.stappen) == 7
    assert "Toen … deed/dacht/voelde ik …, want …" in socratisch.stappen[3].taak("inbrenger")
    assert titles("moreel-beraad")[:6] == [
        "Feiten en morele vraag",
        "Handelingsmogelijkheden",
        "Betrokkenen",
        "Argumenten",
        "Afweging",
        "Besluit en concrete stappen",
    ]


def test_meedenkbijeenkomst_has_seven_steps_and_the_professional_leaves_for_privetijd():
    m = load_method("meedenkbijeenkomst")
    assert m.soort == "snv"
    assert titles("meedenkbijeenkomst") == [
        "Opening en welkom",
        "Voorstellen en verwachtingen",
        "Vragen voor het plan",
        "Informatieronde",
        "Privétijd",
        "Presentatie van het plan",
        "Samenstellen basisteam",
    ]
    assert [r.id for r in m.rollen] == ["client", "procesbegeleider", "netwerkleden"]
    assert [s.afwezig for s in m.stappen] == [(), (), (), (), ("procesbegeleider",), (), ()]
    assert m.rest_rol.naam == "Netwerkleden"


# ---------------------------------------------------------------------------------------------- broken files
BROKEN = """\
id: kapot
naam: Kapotte methode
soort: intervisie
bron: test
omschrijving: test
wanneer: test
totaal_minuten: 30
rollen:
  - {id: inbrenger, naam: Inbrenger, omschrijving: x, aantal: een, exclusief: true}
  - {id: deelnemers, naam: Deelnemers, omschrijving: x, aantal: meer}
stappen:
  - titel: Vraag
    minuten: 10
    instructie: Stel de vraag.
    rollen:
      inbrenger: Vertel.
      deelnemrs: Luister.
  - titel: Advies
    minuten: 5
    instructie: Geef advies.
    stil: [voorzitter]
    rollen:
      inbrenger: Luister.
      deelnemers: Geef advies.
"""


def test_a_broken_method_file_names_file_line_and_field(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_method(path)
    found = {(p.field, p.line) for p in info.value.problems}
    assert found == {
        ("stappen[0].rollen.deelnemrs", 17),
        ("stappen[0].rollen", 15),
        ("stappen[1].stil", 21),
        ("totaal_minuten", 7),
    }
    assert all(p.source == str(path) for p in info.value.problems)
    text = str(info.value)
    assert "onbekende rol 'deelnemrs'" in text
    assert "ontbreekt: deelnemers" in text
    assert "de stappen duren samen 15 minuten, maar totaal_minuten zegt 30" in text


def test_a_schema_error_and_a_yaml_error_give_lines(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text(BROKEN.replace("    minuten: 5\n", "    minuten: vijf\n"), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_method(path)
    assert [(p.field, p.line) for p in info.value.problems] == [("stappen[1].minuten", 19)]
    assert "verwacht een heel getal, kreeg 'vijf'" in str(info.value)
    path.write_text("id: kapot\nnaam: [niet gesloten\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_method(path)
    assert info.value.problems[0].line == 3 and "geen geldige YAML" in str(info.value)


def test_file_name_must_match_the_id_and_unknown_ids_are_explained(tmp_path):
    copy = tmp_path / "andere-naam.yaml"
    shutil.copy(data_path("intervisie", "vijfstappen.yaml"), copy)
    with pytest.raises(DataFileError, match="id 'vijfstappen' past niet bij de bestandsnaam"):
        load_method(copy)
    with pytest.raises(IntervisieError, match="Onbekende methode 'vijf'; beschikbaar: balint"):
        load_method("vijf")


# ---------------------------------------------------------------------------------------------- roles
def test_role_assignment_gives_the_rest_role_to_everyone_without_an_exclusive_role():
    m = load_method("roddelmethode")
    assert rolverdeling(m, ["Kim", "Ali", "Bo", "Sam"], ROLES) == {
        "inbrenger": ("Kim",),
        "gespreksleider": ("Ali",),
        "tijdbewaker": ("Bo",),
        "deelnemers": ("Bo", "Sam"),
    }


def test_role_problems_are_explained_in_dutch():
    m = load_method("roddelmethode")
    people = ["Kim", "Ali", "Bo"]
    assert rol_problemen(m, people, ROLES) == []
    assert rol_problemen(m, people, {**ROLES, "tijdbewaker": "Kim"}) == [
        "Kim is al inbrenger en kan niet ook tijdbewaker zijn."
    ]
    assert rol_problemen(m, people, {**ROLES, "gespreksleider": "Piet"}) == [
        "Piet (gespreksleider) staat niet in de lijst met deelnemers."
    ]
    assert rol_problemen(m, ["Kim", "Ali", "Kim"], ROLES) == [
        "De naam 'Kim' staat meer dan eens in de lijst; maak de namen verschillend (bijvoorbeeld 'Kim A.' en "
        "'Kim B.').",
        "Bo (tijdbewaker) staat niet in de lijst met deelnemers.",
        "Er blijft niemand over voor de rol deelnemers; voeg iemand toe aan de lijst.",
    ]
    assert rol_problemen(m, ["Kim", "Ali"], {"inbrenger": "Kim", "gespreksleider": "Ali"}) == [
        "Voor de Roddelmethode zijn minstens 3 deelnemers nodig; er zijn er nu 2.",
        "Kies wie de tijdbewaker is.",
        "Er blijft niemand over voor de rol deelnemers; voeg iemand toe aan de lijst.",
    ]
    assert rol_problemen(m, people, {"inbrenger": "Kim"}, volledig=False) == []
    with pytest.raises(IntervisieError, match="Kies wie de gespreksleider is"):
        rolverdeling(m, people, {"inbrenger": "Kim", "tijdbewaker": "Bo"})
    with pytest.raises(IntervisieError, match="Onbekende rol 'voorzitter'"):
        rol_problemen(m, people, {"voorzitter": "Kim"})


def test_balint_needs_five_and_meedenkbijeenkomst_gives_network_members():
    assert rol_problemen(load_method("balint"), ["A", "B", "C", "D"], {}, volledig=False) == [
        "Voor de Balintmethode zijn minstens 5 deelnemers nodig; er zijn er nu 4."
    ]
    m = load_method("meedenkbijeenkomst")
    roles = rolverdeling(
        m, ["Gerda", "Ans", "Marieke", "Wijkcoach"], {"client": "Gerda", "procesbegeleider": "Wijkcoach"}
    )
    assert roles == {
        "client": ("Gerda",),
        "procesbegeleider": ("Wijkcoach",),
        "netwerkleden": ("Ans", "Marieke"),
    }


# ---------------------------------------------------------------------------------------------- dilemma cards
def test_dilemma_cards_come_from_the_kit_and_every_casus():
    own = dilemma_cards([])
    assert len(own) == 12
    assert own[0].id == "bemoeien-of-overlaten" and len(own[0].vragen) == 2
    cards = dilemma_cards(LIBRARY)
    from_casuses = [c for c in cards if c.casus_id]
    assert len(from_casuses) == sum(len(c.dilemmas) for c in LIBRARY)
    assert len({c.id for c in cards}) == len(cards)
    gerda = [c for c in from_casuses if c.casus_id == "mantelzorg-dementie"]
    assert gerda[0].id == "mantelzorg-dementie-1" and gerda[0].tekst.startswith("Gerda weigert dagopvang")
    assert gerda[0].bron == "Casus: Gerda zorgt voor Henk (mantelzorg bij dementie)"


def test_drawing_cards_is_reproducible_and_avoids_repeats():
    cards = dilemma_cards([])
    first = [draw_card(random.Random(7), cards).id for _ in range(3)]
    assert len(set(first)) == 1  # same seed, same card
    rng = random.Random(7)
    drawn: list[str] = []
    for _ in range(len(cards)):
        drawn.append(draw_card(rng, cards, al_getrokken=drawn).id)
    assert sorted(drawn) == sorted(c.id for c in cards)  # every card once before any repeat
    assert draw_card(rng, cards, al_getrokken=drawn).id in drawn  # then the pile starts again
    with pytest.raises(KaartError, match="geen dilemmakaarten"):
        draw_card(rng, [])


def test_a_broken_cards_file_is_reported(tmp_path):
    path = tmp_path / "kaarten.yaml"
    path.write_text(
        "kaarten:\n  - id: a\n    titel: A\n    tekst: x\n  - id: a\n    titel: B\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError) as info:
        dilemma_cards([], bestand=path)
    assert {(p.field, p.line) for p in info.value.problems} == {("kaarten[1].tekst", 5)}


# ---------------------------------------------------------------------------------------------- session summary
@pytest.fixture
def finished_session():
    now = [0.0]
    s = Bijeenkomst.nieuw(
        "roddelmethode",
        ["Kim", "Ali", "Bo", "Sam"],
        ROLES,
        clock=lambda: now[0],
        leervraag="Hoe blijf ik rustig als een bewoner boos wordt?",
        datum=dt.date(2026, 3, 2),
    )
    s.runner.start()
    now[0] = 240.0
    s.runner.set_note("Kim vertelde kort en helder.")
    s.runner.next()
    now[0] = 240.0 + 1100.0  # 200 s over the 15 minutes
    s.runner.set_note("Veel open vragen; één verkapt advies.")
    s.runner.next()
    s.runner.skip()
    now[0] += 60
    s.runner.end()
    s.afspraken += ["Kim probeert het gesprek opnieuw.", "  "]
    s.kaarten.append(dilemma_cards([])[0])
    return s


def test_session_knows_what_every_role_does_now():
    s = Bijeenkomst.nieuw("roddelmethode", ["Kim", "Ali", "Bo"], ROLES, clock=lambda: 0.0)
    tasks = s.taken_nu(2)
    assert [(t.rol.id, t.wie, t.aanwezigheid) for t in tasks] == [
        ("inbrenger", ("Kim",), "stil"),
        ("gespreksleider", ("Ali",), ""),
        ("tijdbewaker", ("Bo",), ""),
        ("deelnemers", ("Bo",), ""),
    ]
    assert s.rollen_van("Bo") == ["Tijdbewaker", "Deelnemers"]
    s.herverdeel({"inbrenger": "Bo", "gespreksleider": "Ali", "tijdbewaker": "Kim"})
    assert s.wie("inbrenger") == ("Bo",) and s.wie("deelnemers") == ("Kim",)


def test_session_summary_contents(finished_session):
    doc = bijeenkomst_document(finished_session)
    assert doc.titel == "Verslag Roddelmethode" and doc.ondertitel == "Roddelmethode · 2 maart 2026"
    headings = [b.tekst for b in doc.blokken if isinstance(b, Kop)]
    assert headings == [
        "Deelnemers en rollen",
        "Leervraag",
        "Verloop",
        "Observaties per stap",
        "1. Vraagintroductie",
        "2. Verkenning met open vragen",
        "Afspraken",
        "Getrokken dilemmakaarten",
        "Bemoeien of overlaten?",
    ]
    tables = [b for b in doc.blokken if isinstance(b, Tabel)]
    assert tables[0].rijen == (
        ("Inbrenger", "Kim"),
        ("Gespreksleider", "Ali"),
        ("Tijdbewaker", "Bo"),
        ("Deelnemers", "Bo, Sam"),
    )
    assert tables[1].rijen == (
        ("Vraagintroductie", "5 min", "04:00", "klaar"),
        ("Verkenning met open vragen", "15 min", "18:20", "klaar (3 minuten over de tijd)"),
        ("Roddelen", "15 min", "00:00", "overgeslagen"),
        ("De inbrenger reageert", "15 min", "01:00", "klaar"),
        ("Evaluatie", "10 min", "00:00", "niet gedaan"),
    )
    md = to_markdown(doc)
    assert "Hoe blijf ik rustig als een bewoner boos wordt?" in md
    assert "Veel open vragen; één verkapt advies." in md
    assert "- Kim probeert het gesprek opnieuw.\n\n" in md
    assert "Gepland: 60 minuten. Besteed aan de stappen: 23:20." in md


def test_session_summary_as_pdf_and_payload(finished_session):
    texts = " ".join(page_texts(bijeenkomst_document(finished_session))[0])
    assert "Verslag Roddelmethode" in texts and "Kim vertelde kort en helder." in texts
    payload = bijeenkomst_payload(finished_session)
    assert payload["methode"] == "roddelmethode" and payload["afgerond"] is True
    assert payload["rollen"]["deelnemers"] == ["Bo", "Sam"]
    assert [st["status"] for st in payload["stappen"]] == ["klaar", "klaar", "overgeslagen", "klaar", "wacht"]
    assert payload["stappen"][1]["seconden"] == 1100.0
    assert payload["afspraken"] == ["Kim probeert het gesprek opnieuw."]
    assert payload["kaarten"] == ["bemoeien-of-overlaten"]


def test_an_empty_session_summary_says_what_is_missing():
    s = Bijeenkomst.nieuw("vijfstappen", ["Kim", "Ali", "Bo"], ROLES, clock=lambda: 0.0)
    md = to_markdown(bijeenkomst_document(s))
    assert "*Er is geen leervraag vastgelegd.*" in md
    assert "*Er zijn geen observaties opgeschreven.*" in md
    assert "*Er zijn geen afspraken gemaakt.*" in md
    assert "Getrokken dilemmakaarten" not in md


def test_trainer_method_files_from_the_environment(tmp_path, monkeypatch):
    from wijkteam_kit.ui.intervisie import IntervisieApp, method_choice

    source = data_path("intervisie", "vijfstappen.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "onze-methode.yaml"
    mine.write_text(source.replace("id: vijfstappen", "id: onze-methode"), encoding="utf-8")
    broken = tmp_path / "kapot.yaml"
    broken.write_text("id: kapot\nnaam: Kapot\n", encoding="utf-8")
    monkeypatch.setenv(settings.INTERVISIE.name, str(tmp_path))
    assert "onze-methode" in available_methods()
    options, skipped = method_choice()
    assert "onze-methode" in [value for _, value in options]
    assert len(skipped) == 1 and "kapot" in skipped[0] and "kapot.yaml" in skipped[0]
    app = IntervisieApp(library=[])
    assert "is overgeslagen" in app.messages.html.value and "kapot.yaml" in app.messages.html.value
