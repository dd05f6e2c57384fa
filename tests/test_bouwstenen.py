import datetime as dt

import pytest

from wijkteam_kit.bouwstenen import SOORT, TYPES, Antwoorden, check, load_model, regels, startdocument
from wijkteam_kit.document import Kop, Tabel, to_markdown
from wijkteam_kit.draw.document_pdf import document_pdf, page_texts
from wijkteam_kit.errors import BouwstenenError, DataFileError, ProblemsError
from wijkteam_kit.store import Store

GOOD = {
    "opgave": {
        "wijk": "Veel ouderen en jonge gezinnen, weinig groen.",
        "potentie": "Een actieve buurtvereniging en de moskee.",
        "doelen": ["veerkracht", "zelfregie"],
        "zwaartepunt": "schakel",
        "gedeeld_beeld": 4,
        "bewoners": "soms",
    },
    "inrichting": {
        "breedte": ["psychosociaal", "schulden", "mantelzorg"],
        "diepte": "kort",
        "teams_naast_elkaar": "een_team",
        "collectief_tijd": "deel",
        "doorverwijzen": "Na overleg in het team; de generalist blijft contactpersoon.",
    },
    "vormgeving": {
        "vorm": "integraal",
        "teamgrootte": 7,
        "samenstelling": "Zes generalisten.",
        "werkplek": "ja",
    },
    "aansturing": {
        "leiding": "eigen_teamleider",
        "mandaat": "ja",
        "verantwoording": "Aan de gemeente, elk kwartaal.",
        "financiering": "ja",
        "loyaliteit": 4,
        "verwachting": "twee_tot_vier",
    },
    "competenties": {
        "profiel": "beide",
        "houding": "samen",
        "aanwezig": ["leefwereld", "groepen"],
        "evenwicht": 4,
        "ontwikkelen": "Kennis van schulden.",
    },
    "werkprincipes": {
        "principes": ["zorgen_dat", "een_plan", "collectief_eerst", "moreel_beraad", "krachten"],
        "plan_van_wie": "huishouden",
        "dilemmas": "vast",
        "methodiek": "Oplossingsgericht werken.",
    },
}


def answers(**changes):
    """GOOD with changes given as blok__vraag=value."""
    data = {b: dict(v) for b, v in GOOD.items()}
    for key, value in changes.items():
        blok, vraag = key.split("__")
        data[blok][vraag] = value
    return Antwoorden.from_payload({"antwoorden": data})


# --- the model ----------------------------------------------------------------------------------------


def test_model_has_six_blocks_with_three_to_six_questions():
    model = load_model()
    assert [(b.nummer, b.id) for b in model.bouwstenen] == [
        (1, "opgave"),
        (2, "inrichting"),
        (3, "vormgeving"),
        (4, "aansturing"),
        (5, "competenties"),
        (6, "werkprincipes"),
    ]
    assert all(3 <= len(b.vragen) <= 6 for b in model.bouwstenen)
    assert {q.type for _, q in model.alle_vragen()} == set(TYPES)
    assert model.vraag("vormgeving", "vorm").option_ids == (
        "samenwerkingsverband",
        "geintegreerd",
        "integraal",
    )
    assert sum(1 for _, q in model.alle_vragen() if q.verplicht) == 30


def test_unknown_block_or_question_gets_a_suggestion():
    model = load_model()
    with pytest.raises(BouwstenenError, match="bedoelde u 'vormgeving'"):
        model.bouwsteen("vormgeveing")
    with pytest.raises(BouwstenenError, match="bedoelde u 'mandaat'"):
        model.vraag("aansturing", "mandat")


BROKEN = """\
id: kapot
naam: Kapot model
bouwstenen:
  - id: opgave
    naam: Opgave
    kernvraag: Wat is de opdracht?
    vragen:
      - id: a
        type: keuze
        vraag: Een keuze met één optie
        opties:
          - id: x
            label: X
      - id: a
        type: schaal
        vraag: Een schaal zonder uiteinden
      - id: c
        typ: tekst
        vraag: Tikfout in een veld
"""


def test_broken_yaml_names_file_line_and_field(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_model(path)
    text = str(info.value)
    assert "kapot.yaml, regel 18, veld bouwstenen[0].vragen[2].typ: onbekend veld; bedoelde u 'type'?" in text
    assert "veld bouwstenen[0].vragen[2].type: verplicht veld ontbreekt" in text
    path.write_text(BROKEN.replace("typ: tekst", "type: tekst"), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_model(path)
    messages = [(p.line, p.field, p.message) for p in info.value.problems]
    assert (11, "bouwstenen[0].vragen[0].opties", "een keuzevraag heeft minstens 2 opties nodig") in messages
    assert (14, "bouwstenen[0].vragen[1].id", "vraag 'a' komt twee keer voor in 'opgave'") in messages
    assert any(line == 14 and "'laag' en 'hoog'" in msg for line, _, msg in messages)


def test_broken_yaml_syntax_and_too_few_questions(tmp_path):
    path = tmp_path / "syntax.yaml"
    path.write_text("id: x\nnaam: [niet gesloten\n", encoding="utf-8")
    with pytest.raises(ProblemsError, match=r"syntax\.yaml, regel 3: dit is geen geldige YAML"):
        load_model(path)
    path = tmp_path / "kort.yaml"
    path.write_text(
        "id: x\nnaam: X\nbouwstenen:\n  - id: b\n    naam: B\n    kernvraag: K\n    vragen:\n"
        "      - id: v\n        type: tekst\n        vraag: V\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"regel 7, veld bouwstenen\[0\]\.vragen: verwacht minstens 3"):
        load_model(path)


# --- answers ------------------------------------------------------------------------------------------


def test_good_answers_give_no_findings():
    assert answers().aantal() == 30
    assert check(answers()) == []


def test_empty_answers_list_every_required_question_as_missing_in_order():
    found = check(Antwoorden())
    assert len(found) == 30 and {f.soort for f in found} == {"ontbreekt"}
    assert found[0].vragen == ("opgave.wijk",) and found[-1].vragen == ("werkprincipes.methodiek",)
    assert found[0].titel.startswith("1 Opgave: Wat typeert het werkgebied?")
    assert "bouwsteen 1" in found[0].uitleg


def test_blank_text_counts_as_missing_and_optional_question_never_does():
    found = check(answers(opgave__wijk="   "))
    assert [(f.soort, f.vragen) for f in found] == [("ontbreekt", ("opgave.wijk",))]
    assert answers(opgave__wijk="   ").get("opgave", "wijk") is None
    assert not any("zichtbaar" in v for f in check(Antwoorden()) for v in f.vragen)


BAD = [
    ("integraal_zonder_mandaat", "tegenstrijdig", {"aansturing__mandaat": "nee"}),
    ("integraal_zonder_mandaat", "tegenstrijdig", {"aansturing__mandaat": "onduidelijk"}),
    ("integraal_zonder_mandaat", "let op", {"aansturing__mandaat": "beperkt"}),
    ("integraal_zonder_leiding", "tegenstrijdig", {"aansturing__leiding": "moederorganisaties"}),
    ("integraal_zonder_leiding", "tegenstrijdig", {"aansturing__leiding": "onduidelijk"}),
    ("team_te_groot", "let op", {"vormgeving__teamgrootte": 9}),
    ("zorgen_voor", "tegenstrijdig", {"competenties__houding": "overnemen"}),
    ("collectief_zonder_tijd", "tegenstrijdig", {"inrichting__collectief_tijd": "weinig"}),
    (
        "collectief_zonder_tijd",
        "tegenstrijdig",
        {"inrichting__collectief_tijd": "geen", "werkprincipes__principes": ["zorgen_dat"]},
    ),
    ("geen_gedeeld_beeld", "let op", {"opgave__gedeeld_beeld": 2}),
    ("snelle_resultaten", "let op", {"aansturing__verwachting": "binnen_jaar"}),
    ("plan_van_professional", "tegenstrijdig", {"werkprincipes__plan_van_wie": "professional"}),
    ("moreel_beraad_nooit", "tegenstrijdig", {"werkprincipes__dilemmas": "nooit"}),
    ("dubbele_loyaliteit", "let op", {"aansturing__loyaliteit": 2}),
    ("financiering_onduidelijk", "let op", {"aansturing__financiering": "deels"}),
    (
        "diepte_zonder_verdieping",
        "let op",
        {"inrichting__diepte": "zelf", "competenties__profiel": "generalist"},
    ),
]


@pytest.mark.parametrize(
    ("rule", "soort", "changes"), BAD, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(BAD)]
)
def test_each_rule_fires_on_its_bad_example_only(rule, soort, changes):
    found = check(answers(**changes))
    assert [(f.regel, f.soort) for f in found] == [(rule, soort)]
    finding = found[0]
    assert len(finding.uitleg) > 80 and finding.titel
    for key in changes:
        assert key.replace("__", ".") in finding.vragen or rule == "collectief_zonder_tijd"


def test_every_rule_has_a_bad_example_and_a_docstring():
    assert {r for r, _, _ in BAD} == {f.__name__ for f in regels.REGELS}
    assert all(f.__doc__ for f in regels.REGELS)


NOT_QUITE = [
    {"vormgeving__teamgrootte": 8},
    {"opgave__gedeeld_beeld": 3},
    {"aansturing__verwachting": "een_tot_twee"},
    {"vormgeving__vorm": "samenwerkingsverband", "aansturing__mandaat": "nee", "aansturing__loyaliteit": 1},
    {"vormgeving__vorm": "geintegreerd", "aansturing__leiding": "moederorganisaties"},
    {"competenties__houding": "overnemen", "werkprincipes__principes": ["een_plan"]},
    {"werkprincipes__dilemmas": "nooit", "werkprincipes__principes": ["zorgen_dat"]},
    {"inrichting__diepte": "zelf"},
    {
        "inrichting__collectief_tijd": "geen",
        "werkprincipes__principes": ["zorgen_dat"],
        "opgave__doelen": ["zelfregie"],
    },
]


@pytest.mark.parametrize("changes", NOT_QUITE)
def test_rules_stay_quiet_just_below_their_threshold(changes):
    assert check(answers(**changes)) == []


def test_rules_need_both_answers_before_they_fire():
    partial = Antwoorden().met("vormgeving", "vorm", "integraal")
    assert [f.soort for f in check(partial)] == ["ontbreekt"] * 29
    mixed = partial.met("aansturing", "mandaat", "nee").met("opgave", "gedeeld_beeld", 1)
    assert [(f.soort, f.regel) for f in check(mixed)][:2] == [
        ("tegenstrijdig", "integraal_zonder_mandaat"),
        ("let op", "geen_gedeeld_beeld"),
    ]


def test_met_checks_values_and_removes_empty_answers():
    a = Antwoorden().met("opgave", "doelen", ("veerkracht",))
    assert a.get("opgave", "doelen") == ["veerkracht"] and a.has("opgave", "doelen", "veerkracht")
    assert a.met("opgave", "doelen", []).antwoorden == {}
    with pytest.raises(BouwstenenError, match="onbekende optie"):
        a.met("opgave", "doelen", ["geld"])
    with pytest.raises(BouwstenenError, match="verwacht een heel getal van 1 t/m 60, kreeg 0"):
        a.met("vormgeving", "teamgrootte", 0)
    with pytest.raises(BouwstenenError, match="verwacht één van"):
        a.met("vormgeving", "vorm", "netwerk")


# --- payload and store --------------------------------------------------------------------------------


def test_payload_round_trip_through_the_store():
    a = answers(opgave__wijk='Wijk met "aanhalingstekens", ë en <b>tags</b>')
    store = Store(":memory:")
    team = store.add_participant("Team Noord")
    saved = store.submit(SOORT, team.id, a.to_payload())
    back = store.submissions(SOORT, deelnemer_id=team.id)
    assert [s.id for s in back] == [saved.id]
    assert Antwoorden.from_payload(back[0].payload) == a
    assert back[0].payload["antwoorden"]["vormgeving"]["teamgrootte"] == 7
    store.close()


def test_bad_payloads_list_all_problems():
    with pytest.raises(BouwstenenError) as info:
        Antwoorden.from_payload(
            {
                "antwoorden": {
                    "opgaaf": {"wijk": "x"},
                    "opgave": {"gedeeld_beeld": 6, "doelen": ["veerkracht", "veerkracht"]},
                    "vormgeving": {"teamgrootte": "zeven"},
                }
            }
        )
    fields = [p.field for p in info.value.problems]
    assert fields == [
        "antwoorden.opgaaf",
        "antwoorden.opgave.gedeeld_beeld",
        "antwoorden.opgave.doelen",
        "antwoorden.vormgeving.teamgrootte",
    ]
    assert "bedoelde u 'opgave'?" in info.value.problems[0].message
    with pytest.raises(BouwstenenError, match="veld geheim: onbekend veld; toegestaan: antwoorden, model"):
        Antwoorden.from_payload({"antwoorden": {}, "geheim": 1})


# --- startdocument ------------------------------------------------------------------------------------


def test_startdocument_contents():
    a = answers(aansturing__mandaat="nee", opgave__wijk="Regel één\nRegel twee")
    doc = startdocument(a, "Team <Noord>", datum=dt.date(2026, 3, 2))
    assert doc.titel == "Startdocument Team <Noord>"
    assert doc.ondertitel == "Bouwstenenmodel voor sociale (wijk)teams · 2 maart 2026"
    heads = [b.tekst for b in doc.blokken if isinstance(b, Kop) and b.niveau == 1]
    assert heads == [
        "1. Opgave",
        "2. Inrichting en uitvoering",
        "3. Vormgeving",
        "4. Aansturing",
        "5. Competenties",
        "6. Werkprincipes",
        "Wat valt op?",
        "Volgende stappen",
    ]
    tables = [b for b in doc.blokken if isinstance(b, Tabel)]
    vorm = dict(tables[2].rijen)
    assert vorm["Welke vorm past het best bij jullie team zoals het nu werkt?"].startswith("Integraal team")
    assert vorm["Hoeveel vaste teamleden zijn er?"] == "7"
    md = to_markdown(doc)
    assert "# Startdocument Team \\<Noord\\>" in md
    assert "Regel één  \nRegel twee" in md
    assert "Tegenstrijdig: Integraal team zonder mandaat." in md
    assert "4 van 5 (1 = ieder vertelt een ander verhaal, 5 = iedereen vertelt hetzelfde verhaal)" in md
    assert "Psychosociale hulp; Geldzorgen en schulden; Steun aan mantelzorgers" in md
    assert "Nog open" not in md


def test_startdocument_of_empty_answers_lists_open_questions_and_prints():
    doc = startdocument(Antwoorden(), "Team Zuid", datum=dt.date(2026, 1, 5))
    md = to_markdown(doc)
    assert "Nog open (30 vragen):" in md
    assert md.count("nog niet ingevuld") == 31  # 30 required questions and one optional
    assert "Er zijn geen tegenstrijdige antwoorden of aandachtspunten gevonden." in md
    assert document_pdf(doc).startswith(b"%PDF")
    lines = [line for page in page_texts(doc) for line in page]
    assert lines[0] == "Startdocument Team Zuid"
    assert "Nog open (30 vragen):" in lines


# --- the app (without a browser) ----------------------------------------------------------------------


def test_app_saves_and_opens_answers_and_ignores_a_bad_number():
    from wijkteam_kit.ui.bouwstenen import BouwstenenApp

    store = Store(":memory:")
    app = BouwstenenApp(store, today=dt.date(2026, 3, 2))
    app.team_name.value = "Team Oost"
    app.answer("werkprincipes", "principes", ["zorgen_dat"])
    app.answer("competenties", "houding", "overnemen")
    app.answer("vormgeving", "teamgrootte", "tien")
    assert "Vul een heel getal in van 1 tot en met 60" in app.notes[("vormgeving", "teamgrootte")].value
    assert app.answers().get("vormgeving", "teamgrootte") is None
    assert "wk-regel-zorgen_voor" in app.findings_html.value
    app.save_button.click()
    app.answer("vormgeving", "teamgrootte", 12)
    app.save_button.click()  # the same submission is updated, not a second one added
    assert len(store.submissions(SOORT)) == 1

    other = BouwstenenApp(store)
    other.team_name.value = " team oost "
    other.open_button.click()
    assert other.answers() == app.answers()
    assert "Groot team (12 leden)" in other.findings_html.value
    assert "3 van 31 vragen beantwoord" in other.progress.value

    unknown = BouwstenenApp(store)
    unknown.team_name.value = "Team West"
    unknown.open_button.click()
    assert "Voor Team West zijn nog geen antwoorden opgeslagen." in unknown.messages.html.value
    unknown.team_name.value = "Team 06-12345678"
    unknown.save_button.click()
    assert "telefoonnummer" in unknown.messages.html.value and len(store.submissions(SOORT)) == 1
