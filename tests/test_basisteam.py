"""The basisteam agreement sheet: members from the netwerkatlas, completeness, Markdown/PDF export, payload."""

from __future__ import annotations

import pytest

from wijkteam_kit.casus.model import Netwerk, load_library
from wijkteam_kit.document import Kop, Tabel, to_markdown
from wijkteam_kit.draw.document_pdf import document_pdf, page_texts
from wijkteam_kit.errors import BasisteamError
from wijkteam_kit.intervisie import (
    Afspraak,
    BasisteamBlad,
    Contactpersoon,
    Lid,
    basisteam_document,
    blad_from_payload,
    blad_problemen,
    blad_to_payload,
    blad_voor_casus,
    netwerkleden,
    voorstel_basisteam,
)

LIBRARY = {c.id: c for c in load_library()}
GERDA = LIBRARY["mantelzorg-dementie"]


@pytest.fixture
def blad() -> BasisteamBlad:
    return BasisteamBlad(
        client="Gerda",
        leden=(
            Lid("Gerda", "cliënt", "Eigenaar van het plan"),
            Lid("Ans", "netwerklid", "Dinsdagmiddag bij Henk"),
            Lid("Marieke", "netwerklid", "Aanspreekpunt"),
        ),
        afspraken=(
            Afspraak("Ans", "Is bij Henk", "thuis", "elke dinsdag 13.30–17.00 uur", "belt als het niet lukt"),
            Afspraak("Marieke", "Belt hoe het ging", "telefonisch", "elke zondag"),
            Afspraak("", "", "", "", ""),  # an empty row is ignored
        ),
        borgen="Marieke vraagt elke zondag hoe de dinsdag ging.",
        bijstellen="Na zes weken, of eerder als iemand uitvalt.",
        volgende_bijeenkomst="Dinsdag 14 april, 17.00 uur",
        contactpersonen=(Contactpersoon("Marieke", "aanspreekpunt van het basisteam", "via de app-groep"),),
        casus_titel="Gerda zorgt voor Henk",
        datum="2026-03-02",
    )


def test_network_members_come_from_the_casus_invitees():
    members = netwerkleden(GERDA, jaar=2026)
    assert [u.id for u in members] == ["henk", "ans", "marieke", "fatima", "riet", "erik"]
    assert "huisarts" not in {u.id for u in members}  # professionals come through their own route
    assert "belastend" in members[-1].reden  # Erik: talk it over with Gerda first


def test_suggested_basisteam_and_starting_sheet():
    team = voorstel_basisteam(GERDA, jaar=2026)
    assert [u.naam for u in team] == ["Ans", "Marieke", "Fatima"]
    sheet = blad_voor_casus(GERDA, jaar=2026, datum="2026-03-02")
    assert sheet.client == "Gerda Bosman"
    assert [(m.naam, m.rol) for m in sheet.leden] == [
        ("Gerda Bosman", "cliënt"),
        ("Ans", "netwerklid"),
        ("Marieke", "netwerklid"),
        ("Fatima", "netwerklid"),
    ]
    assert sheet.leden[1].bijdrage.startswith("Brengt emotionele steun en gezelschap in.")
    assert sheet.afspraken == () and sheet.casus_titel == GERDA.titel


def test_a_casus_without_a_network_gives_a_sheet_with_only_the_client():
    empty = GERDA.model_copy(update={"netwerk": Netwerk()})
    assert netwerkleden(empty) == [] and voorstel_basisteam(empty) == []
    sheet = blad_voor_casus(empty)
    assert [m.naam for m in sheet.leden] == ["Gerda Bosman"]
    assert blad_problemen(sheet)[0] == (
        "Het basisteam heeft nu 0 leden naast Gerda Bosman; zoek er minstens 2, zodat het niet op één persoon rust."
    )


def test_a_complete_sheet_has_no_problems(blad):
    assert blad_problemen(blad) == []


def test_an_empty_sheet_lists_everything_that_is_missing():
    assert blad_problemen(BasisteamBlad(client="Gerda")) == [
        "Het basisteam heeft nu 0 leden naast Gerda; zoek er minstens 2, zodat het niet op één persoon rust.",
        "Er staan nog geen afspraken op het blad: wie doet wat, waar, wanneer en hoe?",
        "Beschrijf hoe het basisteam het plan bewaakt (borgen): wie houdt de vinger aan de pols?",
        "Beschrijf wanneer en hoe het plan wordt bijgesteld, bijvoorbeeld als iemand uitvalt.",
        "Spreek af wanneer het basisteam weer bij elkaar komt.",
        "Noem minstens één contactpersoon: bij wie kan iedereen terecht?",
    ]


def test_vague_agreements_are_flagged(blad):
    vague = BasisteamBlad(
        **{
            **blad.__dict__,
            "afspraken": (Afspraak("Ans", "Helpt"), Afspraak("", "Boodschappen", wanneer="vrijdag")),
        }
    )
    assert blad_problemen(vague) == ["Afspraak 1: vul nog in wanneer.", "Afspraak 2: vul nog in wie."]


def test_sheet_document_contents(blad):
    doc = basisteam_document(blad)
    assert doc.titel == "Afsprakenblad basisteam van Gerda"
    assert doc.ondertitel == "Gerda zorgt voor Henk · 2 maart 2026"
    assert [b.tekst for b in doc.blokken if isinstance(b, Kop)] == [
        "Wie zitten in het basisteam?",
        "Afspraken: wie doet wat, waar, wanneer en hoe?",
        "Zo bewaken we het plan",
        "Zo stellen we het plan bij",
        "Volgende bijeenkomst",
        "Contactpersonen",
    ]
    tables = [b for b in doc.blokken if isinstance(b, Tabel)]
    assert tables[1].kolommen == ("Wie", "Wat", "Waar", "Wanneer", "Hoe")
    assert tables[1].rijen == (
        ("Ans", "Is bij Henk", "thuis", "elke dinsdag 13.30–17.00 uur", "belt als het niet lukt"),
        ("Marieke", "Belt hoe het ging", "telefonisch", "elke zondag", ""),
    )
    md = to_markdown(doc)
    assert "| Ans | Is bij Henk | thuis | elke dinsdag 13.30–17.00 uur | belt als het niet lukt |" in md
    assert "## Zo bewaken we het plan\n\nMarieke vraagt elke zondag hoe de dinsdag ging." in md
    assert "| Marieke | aanspreekpunt van het basisteam | via de app-groep |" in md


def test_empty_parts_say_not_filled_in():
    md = to_markdown(basisteam_document(BasisteamBlad(client="Gerda")))
    assert md.count("*Nog niet ingevuld.*") == 6


def test_user_text_is_escaped_in_markdown(blad):
    evil = BasisteamBlad(client="Gerda", borgen="<script>alert(1)</script> *vet*")
    md = to_markdown(basisteam_document(evil))
    assert "\\<script\\>alert(1)\\</script\\> \\*vet\\*" in md


def test_sheet_as_pdf(blad):
    assert document_pdf(basisteam_document(blad))[:5] == b"%PDF-"
    text = " ".join(" ".join(page) for page in page_texts(basisteam_document(blad)))
    assert "Afsprakenblad basisteam van Gerda" in text
    assert "Marieke vraagt elke zondag hoe de dinsdag ging." in text


def test_payload_round_trip_and_bad_data(blad):
    data = blad_to_payload(blad)
    assert data["afspraken"][0]["wie"] == "Ans" and data["contactpersonen"][0]["naam"] == "Marieke"
    assert blad_from_payload(data) == blad
    with pytest.raises(BasisteamError, match="verwacht velden client"):
        blad_from_payload({"leden": []})
    with pytest.raises(BasisteamError):
        blad_from_payload({"client": "Gerda", "afspraken": [{"wie": "Ans", "wat": "x", "onbekend": 1}]})
