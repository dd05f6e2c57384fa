"""Casus maken without a browser: the data, the checks per field, files in and out, the own folder, the view."""

from __future__ import annotations

import pytest

from wijkteam_kit.app.serve import use_casus_folder
from wijkteam_kit.casus import check_files, load_casus, load_library
from wijkteam_kit.casus.maken import casus_yaml, check_data, copy_data, read_upload, save_casus
from wijkteam_kit.errors import CasusError, WijkteamError
from wijkteam_kit.ui.casus_maken import CasusMakenApp

KARIM = next(c for c in load_library(eigen=False) if c.id == "administratie-taal")


def test_every_casus_of_the_library_goes_round_through_the_form_data_unchanged(tmp_path):
    for casus in load_library(eigen=False):
        data = copy_data(casus)
        assert check_data(data) == [], casus.id
        path = save_casus(data, tmp_path)
        assert load_casus(path) == casus
        assert read_upload(casus_yaml(data).encode(), path.name) == data


def test_the_checks_point_at_the_field_and_refuse_a_library_id(tmp_path):
    data = copy_data(KARIM)
    data["zrm"]["scores"]["adl"]["niveau"] = 7
    data["participatieladder"]["toelichting"] += " Mantelzorg voor zijn zus telt als trede 4."
    data["participatieladder"]["trede"] = 4
    data["huishouden"][0]["toelichting"] = "Woont op de Kerkstraat 12."
    fields = {p.field for p in check_data(data, taken_ids={"administratie-taal"})}
    assert {"zrm.scores.adl.niveau", "participatieladder.toelichting", "huishouden[0].toelichting", "id"} <= fields
    with pytest.raises(CasusError):
        save_casus(data, tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing half written


def test_an_upload_is_read_safely_with_dutch_messages():
    with pytest.raises(CasusError, match="UTF-8"):
        read_upload("id: é".encode("latin-1"), "x.yaml")
    with pytest.raises(CasusError, match="staat twee keer"):
        read_upload(b"id: a\nid: b\n", "x.yaml")
    with pytest.raises(CasusError, match="verwijzing"):
        read_upload(b"a: &a [*a]\n", "x.yaml")
    with pytest.raises(CasusError, match=r"\.yaml of \.yml"):
        read_upload(b"id: a\n", "x.exe")


def test_own_casuses_come_next_to_the_library_and_a_broken_one_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKTEAM_EIGEN_CASUSSEN", "")  # restored (unset) after the test; serve sets it below
    own = use_casus_folder(tmp_path / "eigen")
    assert own.is_dir()
    save_casus(copy_data(KARIM, "karim-eigen", "Karim, eigen versie"), own)
    (own / "kapot.yaml").write_text("id: kapot\n", encoding="utf-8")
    (own / "administratie-taal.yaml").write_text(casus_yaml(copy_data(KARIM)), encoding="utf-8")
    ids = [c.id for c in load_library()]
    assert "karim-eigen" in ids and ids.count("administratie-taal") == 1 and "kapot" not in ids
    assert "karim-eigen" not in [c.id for c in load_library(eigen=False)]
    monkeypatch.setenv("WIJKTEAM_EIGEN_CASUSSEN", "")
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(WijkteamError, match="geen map"):
        use_casus_folder(tmp_path / "bestand")


def test_the_view_uploads_edits_saves_and_offers_the_own_casus(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKTEAM_EIGEN_CASUSSEN", str(tmp_path))
    app = CasusMakenApp(delay=0)
    assert app.folder == tmp_path
    app._uploaded({"new": ({"name": "kapot.yaml", "content": b"id: ["},)})
    assert "niet geopend" in app.messages.html.value and app.data.get("id") == ""
    content = casus_yaml(copy_data(KARIM, "karim-gedeeld", "Karim gedeeld")).encode()
    app._uploaded({"new": ({"name": "karim-gedeeld.yaml", "content": content},)})
    assert app.problem_count == 0 and "Karim gedeeld" in app.preview.value
    app.fields["zrm.scores.justitie.niveau"].value = ""
    assert "verplicht veld ontbreekt" in app.forms["zrm"].notes["zrm.scores.justitie.niveau"].value
    assert "ZRM (1)" in app.tabs.titles
    app.save_button.click()
    assert "Nog niet opgeslagen" in app.messages.html.value and not list(tmp_path.glob("*.yaml"))
    app.fields["zrm.scores.justitie.niveau"].value = 5
    app.person_form.naam.value = "Ineke"
    app.person_form.save_button.click()
    app.event_form.jaar.value, app.event_form.omschrijving.value = "2024", "Begint in de reparatiehoek"
    app.event_form.valentie.value = "positief"  # no default sentiment (issue 16)
    app.event_form.add_button.click()
    app.save_button.click()
    assert "Opgeslagen als" in app.messages.html.value
    saved = tmp_path / "karim-gedeeld.yaml"
    assert check_files([saved]) == {str(saved): []}
    assert "ineke" in [p.id for p in load_casus(saved).netwerk.personen]
    assert "Begint in de reparatiehoek" in [e.omschrijving for e in load_casus(saved).gebeurtenissen]
    assert load_casus(saved).netwerk.client.naam == "Karim Haddad"  # the client part was kept
    again = CasusMakenApp(delay=0)
    assert "eigen:karim-gedeeld" in [v for _, v in again.start_choice.options]


@pytest.mark.parametrize(
    "text",
    ["zrm: 5\nhuishouden: x\nnetwerk: [1]\n", "zrm: {versie: zrm2099, scores: [1]}\nt1: 3\nreferentieplan: x\n",
     "huishouden: [3, {naam: [1]}]\nkrachten: {a: 1}\nid: 7\n", "netwerk: {personen: [{id: a}], banden: 4}\n"],
)
def test_the_view_opens_any_yaml_with_fields_and_lists_its_problems(text, tmp_path):
    app = CasusMakenApp(folder=tmp_path, delay=0)
    app._uploaded({"new": ({"name": "raar.yaml", "content": text.encode()},)})
    assert "is geopend" in app.messages.html.value and app.problem_count > 0
    app._add_member()
    app.save_button.click()
    assert "Nog niet opgeslagen" in app.messages.html.value
