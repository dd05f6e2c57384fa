"""The netwerkatlas app without a browser: build the view, set widget values, click, check the state."""

from __future__ import annotations

import base64
import json
import re

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.netwerk.io import atlas_to_json
from wijkteam_kit.ui.netwerkatlas import NetwerkatlasApp

LIBRARY = load_library()


@pytest.fixture
def app() -> NetwerkatlasApp:
    return NetwerkatlasApp(library=LIBRARY)


def open_casus(app: NetwerkatlasApp, casus_id: str, moment: str = "T0") -> None:
    app.start_choice.value = casus_id
    app.moment_choice.value = moment
    app.start_button.click()


def add_person(app: NetwerkatlasApp, name: str, relation: str = "vriend", circle: int = 2) -> None:
    form = app.person_form
    form.choice.value = ""
    form.naam.value, form.relatie.value, form.cirkel.value = name, relation, circle
    form.save_button.click()


def test_casus_moments_are_offered_and_opened(app):
    app.start_choice.value = "mantelzorg-dementie"
    assert app.moment_choice.options == ("T0", "T1")
    open_casus(app, "mantelzorg-dementie", "T1")
    assert "joop" in app.atlas.ids and app.atlas.moment == "T1"
    assert "netwerk-persoon-joop" in app.pictures["relatiekaart"].value
    assert "overbelasting" in app.signal_html.value
    assert app.source_name == "mantelzorg-dementie-T1"


def test_new_person_gets_sector_from_relation_and_form_clears(app):
    add_person(app, "Fatma", "buur", 3)
    person = app.atlas.person("fatma")
    assert (person.sector, person.cirkel) == ("buurt", 3)
    assert app.person_form.naam.value == "" and app.person_form.choice.value == ""
    assert "Fatma staat op de kaart" in app.messages.html.value


def test_edit_person_keeps_ties_and_partner_status_makes_a_couple(app):
    open_casus(app, "mantelzorg-dementie")
    form = app.person_form
    form.choice.value = "henk"
    assert form.naam.value == "Henk Bosman" and form.save_button.description == "Wijzigingen opslaan"
    form.koppel.value = "samenwonend"
    form.cirkel.value = 2
    form.save_button.click()
    assert app.atlas.person("henk").cirkel == 2
    assert app.atlas.tie("client", "henk") is not None
    couple = next(k for k in app.atlas.koppels if {k.a, k.b} == {"client", "henk"})
    assert couple.status == "samenwonend"


def test_tie_form_loads_existing_tie_from_either_side(app):
    open_casus(app, "mantelzorg-dementie")
    tf = app.tie_form
    tf.van.value, tf.naar.value = "client", "henk"
    assert tf.frequentie.value == "dagelijks" and tf.kwaliteit.value == "wisselend"
    assert tf.gegeven["praktisch"].value and not tf.ontvangen["praktisch"].value
    assert not tf.delete_button.disabled
    tf.delete_button.click()
    assert app.atlas.tie("client", "henk") is None
    assert "netwerk-band-client-henk" not in app.pictures["relatiekaart"].value


def test_tie_between_two_persons_and_its_support(app):
    add_person(app, "Ans")
    add_person(app, "Bram")
    tf = app.tie_form
    tf.van.value, tf.naar.value = "ans", "bram"
    tf.ontvangen["praktisch"].value = True
    tf.save_button.click()
    tie = app.atlas.tie("ans", "bram")
    assert (tie.van, tie.naar, tie.steun_ontvangen) == ("ans", "bram", ("praktisch",))


def test_a_new_pair_starts_without_the_previous_ties_ticks(app):
    add_person(app, "Ans")
    add_person(app, "Bram")
    tf = app.tie_form
    tf.naar.value = "ans"
    tf.frequentie.value = "dagelijks"
    for box in (*tf.ontvangen.values(), *tf.gegeven.values()):
        box.value = True
    tf.save_button.click()
    assert len(app.atlas.tie("client", "ans").steun_ontvangen) == 5
    tf.naar.value = "bram"  # a pair without a tie: nothing ticked, the usual contact
    assert not any(box.value for box in (*tf.ontvangen.values(), *tf.gegeven.values()))
    assert (tf.frequentie.value, tf.kwaliteit.value) == ("wekelijks", "steunend")
    tf.ontvangen["informatief"].value = True
    add_person(app, "Cor")  # another form's change keeps the ticks being entered
    assert tf.ontvangen["informatief"].value
    tf.save_button.click()
    assert app.atlas.tie("client", "bram").steun_ontvangen == ("informatief",)
    tf.naar.value = "ans"  # back to a saved tie: its own ticks
    assert all(box.value for box in tf.ontvangen.values())
    tf.delete_button.click()
    assert not any(box.value for box in tf.ontvangen.values())


def test_a_new_event_has_no_sentiment_until_chosen(app):
    ef = app.event_form
    assert ef.valentie.value is None
    ef.jaar.value, ef.omschrijving.value = "2020", "Man overleden"
    ef.add_button.click()
    assert app.atlas.gebeurtenissen == () and "Positief of negatief" in app.messages.html.value
    ef.valentie.value = "negatief"
    ef.add_button.click()
    assert app.atlas.gebeurtenissen[0].valentie == "negatief" and ef.valentie.value is None


def test_bad_input_shows_a_message_and_changes_nothing(app):
    add_person(app, "Ans")
    before = app.atlas
    app.person_form.naam.value = "   "
    app.person_form.save_button.click()
    assert app.atlas == before
    assert "Naam: mag niet leeg zijn" in app.messages.html.value
    app.person_form.naam.value, app.person_form.geboortejaar.value = "Bram", "negentienzestig"
    app.person_form.save_button.click()
    assert app.atlas == before and "Geboortejaar" in app.messages.html.value
    app.tie_form.van.value, app.tie_form.naar.value = "ans", "ans"
    app.tie_form.save_button.click()
    assert app.atlas == before and "twee verschillende personen" in app.messages.html.value


def test_privacy_warning_but_text_is_kept(app):
    app.person_form.naam.value = "Ans"
    app.person_form.toelichting.value = "bereikbaar op 06-12345678"
    app.person_form.save_button.click()
    assert "ans" in app.atlas.ids
    assert "wk-waarschuwing" in app.messages.html.value and "telefoonnummer" in app.messages.html.value


def test_html_in_a_name_is_escaped_everywhere(app):
    evil = "<img src=x onerror=alert(1)>"
    add_person(app, evil, "buur", 1)
    pid = app.atlas.ids[0]
    app.tie_form.naar.value = pid
    app.tie_form.ontvangen["praktisch"].value = True
    app.tie_form.save_button.click()
    for html in (app.messages.html.value, app.signal_html.value, app.pictures["relatiekaart"].value):
        assert "<img" not in html
    assert "&lt;img" in app.signal_html.value


def test_delete_person_and_undo(app):
    open_casus(app, "mantelzorg-dementie")
    full = app.atlas
    app.person_form.choice.value = "ans"
    app.person_form.delete_button.click()
    assert "ans" not in app.atlas.ids and all("ans" not in t.pair for t in app.atlas.banden)
    app.undo_button.click()
    assert app.atlas == full


def test_client_and_events(app):
    cf = app.client_form
    cf.naam.value, cf.vraag.value, cf.krachten.value = "Wim", "Ik wil mijn huis houden.", "handig\n\nrustig\n"
    cf.save_button.click()
    assert app.atlas.client.naam == "Wim" and app.atlas.client.krachten == ("handig", "rustig")
    ef = app.event_form
    ef.jaar.value, ef.omschrijving.value, ef.valentie.value = "2009", "Vader overleden", "negatief"
    ef.add_button.click()
    ef.jaar.value, ef.omschrijving.value, ef.valentie.value = "2001", "Eigen huis", "positief"
    ef.add_button.click()
    assert [e.jaar for e in app.atlas.gebeurtenissen] == [2001, 2009]
    ef.jaar.value, ef.omschrijving.value = "18", "te vroeg"
    ef.add_button.click()
    assert len(app.atlas.gebeurtenissen) == 2 and "Jaar: verwacht minstens 1900" in app.messages.html.value
    ef.existing.value = 0
    ef.delete_button.click()
    assert [e.jaar for e in app.atlas.gebeurtenissen] == [2009]


def test_every_tab_draws_and_downloads_are_made(app):
    open_casus(app, "eigen-kracht-conferentie")
    for index, key in enumerate(app.pictures):
        app.tabs.selected_index = index
        assert app.pictures[key].value.startswith("<svg"), key
    app.make_downloads.click()
    links = app.download_links.value
    for name in ("basisposter.png", "basisposter.pdf", "basisposter.svg", ".graphml", "-egor.zip"):
        assert name in links
    data = re.search(r'href="data:application/json;base64,([^"]+)"', app.json_link.value).group(1)
    saved = json.loads(base64.b64decode(data))
    assert saved["client"]["naam"] == app.atlas.client.naam


def test_upload_json_and_graphml_and_reject_broken(app):
    open_casus(app, "zorgmijder-woningcorporatie")
    atlas = app.atlas
    text = atlas_to_json(atlas).encode("utf-8")
    app._uploaded({"new": ({"name": "kaart.json", "content": memoryview(text)},)})
    assert app.atlas == atlas and "kaart.json is geopend" in app.messages.html.value
    app._uploaded({"new": ({"name": "kapot.json", "content": b'{"personen": [{"id": 1}]}'},)})
    assert app.atlas == atlas and "niet veranderd" in app.messages.html.value
    from wijkteam_kit.netwerk.graphml import atlas_to_graphml

    app.start_button.click()  # back to the casus (moment T0); then open the GraphML version of the same map
    app._uploaded({"new": ({"name": "kaart.graphml", "content": atlas_to_graphml(atlas).encode()},)})
    assert app.atlas == atlas


def test_network_canvas_upload_shows_the_mapping_step_then_opens(app):
    from wijkteam_kit.netwerk.networkcanvas import VOORBEELD_EXPORT

    before = app.atlas
    app._uploaded({"new": ({"name": "gerda.graphml", "content": VOORBEELD_EXPORT.encode()},)})
    step = app.koppeling
    assert step.widget.layout.display == "flex" and app.atlas == before  # nothing changes before the mapping
    assert "komt uit Network Canvas" in app.messages.html.value
    step.values["cirkel"].value = "1 = 1\n2 = 1\n3 = 2\n4 = 9"  # a wrong line: a Dutch message, map unchanged
    step.import_button.click()
    assert "niet worden gekoppeld" in app.messages.html.value and "regel 4" in app.messages.html.value
    assert app.atlas == before
    step.values["cirkel"].value = "1 = 1\n2 = 1\n3 = 2\n4 = 3"
    step.import_button.click()
    assert step.widget.layout.display == "none"
    assert [p.cirkel for p in app.atlas.personen] == [1, 1, 2, 3]
    assert "gekoppeld en geopend: 4 personen, 6 banden" in app.messages.html.value
    assert "netwerk-persoon-henk" in app.pictures["relatiekaart"].value
