"""The trainer's dashboard app without a browser: create, open, live counts, group picture, reveal, export, delete."""

import base64
import csv
import io
import re
from pathlib import Path

import pytest

from wijkteam_kit.casus import load_library
from wijkteam_kit.errors import GroepssessieError
from wijkteam_kit.groepssessie import Client, Groepssessies
from wijkteam_kit.groepssessie.analyse.zrm import zrm_payload
from wijkteam_kit.store import Store
from wijkteam_kit.ui.groepssessie import GroepssessieDashboard, join_link
from wijkteam_kit.zrm import Assessment

LIB = {c.id: c for c in load_library()}
ROOT_APPS = Path(__file__).resolve().parent.parent / "apps"
TAAL = LIB["administratie-taal"]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def zrm(name: str, scores: dict, ladder: int = 2) -> dict:
    return zrm_payload(Assessment.build(TAAL.version(), TAAL.id, name, scores, ladder=ladder))


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        yield s


@pytest.fixture()
def app(store):
    a = GroepssessieDashboard(store)
    a.casus_choice.value = TAAL.id
    a.exercise_choice.value = "zrm"
    a.title.value = "Dag 2 <b>"
    a.create_button.click()
    assert a.panel is not None, a.messages.html.value
    return a


def links(html: str) -> dict[str, bytes]:
    return {
        name: base64.b64decode(data)
        for name, data in re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html)
    }


def test_create_shows_code_secret_and_link_once(app):
    created = app.created.value
    code = app.panel.access.sessie.code_weergave
    assert code in created and "Trainergeheim" in created
    assert "zrm_oefening.ipynb?sessie=" + app.panel.access.sessie.code in created
    assert "Dag 2 &lt;b&gt;" in app.panel.header.value and "Dag 2 <b>" not in app.panel.header.value
    assert "0 aangemeld · 0 ingeleverd" in app.panel.counts.value


def test_join_link_points_beside_the_dashboard():
    url = "https://hub.example.nl/user/kim/voila/render/apps/groepssessie.ipynb"
    assert join_link(url, "netwerkatlas", "ABC234") == (
        "https://hub.example.nl/user/kim/voila/render/apps/netwerkatlas.ipynb?sessie=ABC234"
    )


def test_live_counts_group_picture_and_escaped_names(app, store):
    panel = app.panel
    code = panel.access.sessie.code
    sessies = Groepssessies(store)
    a = sessies.join(code, SCRIPT, client=Client("p1"))
    b = sessies.join(code, IMG, client=Client("p2"))
    c = sessies.join(code, "Cor", client=Client("p3"))
    panel.tick.value += 1  # what the browser's Play widget does every few seconds
    assert "3 aangemeld · 0 ingeleverd" in panel.counts.value
    sessies.submit(code, a.deelname.deelnemer_id, zrm(SCRIPT, {"financien": 2, "adl": 3}))
    sessies.submit(code, b.deelname.deelnemer_id, zrm(IMG, {"financien": 4, "adl": 3}))
    sessies.submit(code, c.deelname.deelnemer_id, zrm("Cor", {"financien": 2, "adl": 3}))
    panel.tick.value += 1
    assert "3 aangemeld · 3 ingeleverd" in panel.counts.value
    for widget in (panel.participants, panel.result, panel.header, panel.counts):
        assert "<script>" not in widget.value and "<img src=x" not in widget.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel.participants.value
    # ZRM: figure + agreement + agenda, Financiën (1 of 3 pairs equal) before ADL (all equal)
    assert "<svg" in panel.result.value
    agenda = panel.result.value.split("Gespreksagenda")[1]
    assert agenda.index("Financiën") < agenda.index("Activiteiten Dagelijks Leven")
    assert "Krippendorffs alfa" in panel.result.value
    # an unchanged session does not redraw the figure
    before = panel.groep
    panel.tick.value += 1
    assert panel.groep is before


def test_reveal_close_reopen(app, store):
    panel = app.panel
    code = panel.access.sessie.code
    sessies = Groepssessies(store)
    kim = sessies.join(code, "Kim", client=Client("p1"))
    sessies.submit(code, kim.deelname.deelnemer_id, zrm("Kim", {"financien": 2}))
    with pytest.raises(GroepssessieError, match="nog niet gedeeld"):
        sessies.group_answers(code, kim.deelname.deelnemer_id)
    panel.reveal_button.click()
    assert sessies.find(code).onthuld and panel.reveal_button.description == "Weer verbergen"
    assert len(sessies.group_answers(code, kim.deelname.deelnemer_id)) == 1
    panel.reveal_button.click()
    assert not sessies.find(code).onthuld
    panel.close_button.click()
    assert "gesloten" in panel.header.value
    with pytest.raises(GroepssessieError, match="gesloten"):
        sessies.submit(code, kim.deelname.deelnemer_id, zrm("Kim", {"financien": 3}))
    panel.close_button.click()
    assert sessies.find(code).open
    sessies.submit(code, kim.deelname.deelnemer_id, zrm("Kim", {"financien": 3}))


def test_export_csv_pdf_json(app, store):
    panel = app.panel
    code = panel.access.sessie.code
    sessies = Groepssessies(store)
    for i, name in enumerate(["Ans", 'Bo; "de" <b>']):
        j = sessies.join(code, name, client=Client(f"p{i}"))
        sessies.submit(code, j.deelname.deelnemer_id, zrm(name, {"financien": 2 + i}))
    panel.export_button.click()
    files = links(panel.downloads.value)
    stem = f"sessie-{code}"
    assert set(files) == {f"{stem}.csv", f"{stem}-hand-out.pdf", f"{stem}.json"}
    rows = list(csv.reader(io.StringIO(files[f"{stem}.csv"].decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["Ans", 'Bo; "de" <b>']
    assert files[f"{stem}-hand-out.pdf"].startswith(b"%PDF")
    assert code in files[f"{stem}.json"].decode("utf-8")


def test_open_needs_the_secret_and_delete_needs_confirmation(store):
    sessies = Groepssessies(store)
    new = sessies.create(TAAL.id, "plan")
    app = GroepssessieDashboard(store)
    app.open_code.value = new.sessie.code_weergave.lower()
    app.open_secret.value = "geraden"
    app.open_button.click()
    assert app.panel is None and "klopt niet" in app.messages.html.value
    app.open_secret.value = new.geheim
    app.open_button.click()
    assert app.panel is not None and app.open_secret.value == ""
    app.panel.delete_button.click()
    assert sessies.find(new.sessie.code) is not None and "vinkje" in app.panel.messages.html.value
    app.panel.confirm_delete.value = True
    app.panel.delete_button.click()
    assert sessies.find(new.sessie.code) is None and app.panel is None
    assert "verwijderd" in app.messages.html.value


def test_empty_fields_give_a_message(store):
    app = GroepssessieDashboard(store)
    app.open_button.click()
    assert "Vul de sessiecode en het trainergeheim in" in app.messages.html.value


def test_join_link_uses_the_network_address_when_shared(store, monkeypatch):
    from wijkteam_kit.app.cli import build_parser
    from wijkteam_kit.app.serve import voila_arguments

    assert build_parser().parse_args(["serve", "--delen"]).delen is True
    assert "--Voila.ip=0.0.0.0" in voila_arguments(ROOT_APPS, 8866, False, host="0.0.0.0")
    monkeypatch.setenv("VOILA_REQUEST_URL", "http://127.0.0.1:8866/voila/render/groepssessie.ipynb")
    monkeypatch.setenv("WIJKTEAM_DEEL_URL", "http://192.168.1.20:8866/")
    app = GroepssessieDashboard(store)
    app.casus_choice.value = TAAL.id
    app.exercise_choice.value = "netwerkatlas"
    app.create_button.click()
    code = app.panel.access.sessie.code
    assert f"http://192.168.1.20:8866/voila/render/netwerkatlas.ipynb?sessie={code}" in app.created.value
