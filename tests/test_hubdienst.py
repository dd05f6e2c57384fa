"""The answers service without a hub: the same calls through HTTP (HubAntwoorden) as on the store (LokaleAntwoorden).

The hub's part (whose token is this, which scopes) is played by a small stand-in for ``HubAuth``; the real hub
is in tests/test_jupyterhub_isolatie.py.
"""

from __future__ import annotations

import asyncio
import re
import threading

import pytest

pytest.importorskip("jupyterhub")

from jupyterhub.services.auth import check_scopes
from tornado import ioloop

from wijkteam_kit.app.hubdienst import NAAM, TRAINER_SCOPE, make_app
from wijkteam_kit.app.serve import free_port
from wijkteam_kit.groepssessie import Antwoorden, GeenToegang, GroepssessieError, HubAntwoorden
from wijkteam_kit.groepssessie.antwoorden import EIGENAAR_SOORT, antwoorden_voor
from wijkteam_kit.store import Store

ACCESS = f"access:services!service={NAAM}"
USERS = {
    "token-a": {"kind": "user", "name": "anna", "scopes": [ACCESS]},
    "token-b": {"kind": "user", "name": "bram", "scopes": [ACCESS]},
    "token-t": {"kind": "user", "name": "tess", "scopes": [ACCESS, TRAINER_SCOPE]},
    "token-x": {"kind": "user", "name": "xander", "scopes": []},  # no access to the service
    "token-s": {"kind": "service", "name": "culler", "scopes": [ACCESS]},
}


class FakeHubAuth:
    """Answers like the hub: the model of a known token, else nobody."""

    access_scopes = {ACCESS}

    def get_user(self, handler, **_kw):
        header = handler.request.headers.get("Authorization", "")
        return USERS.get(header.removeprefix("token ").strip())

    def check_scopes(self, required, user):
        return check_scopes(required, set(user["scopes"]))

    def _persist_url_token_if_set(self, _handler):
        pass


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("dienst") / "dienst.db")
    port = free_port()
    ready = threading.Event()
    holder = {}

    def run():
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = ioloop.IOLoop.current()
        holder["loop"] = loop
        make_app(store, f"/services/{NAAM}/", FakeHubAuth()).listen(port, "127.0.0.1")
        loop.add_callback(ready.set)
        loop.start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield f"http://127.0.0.1:{port}/services/{NAAM}/", store
    holder["loop"].add_callback(holder["loop"].stop)
    thread.join(5)
    store.close()


def test_answers_are_stamped_with_the_hub_user_and_stay_theirs(service):
    url, store = service
    anna, bram = HubAntwoorden(url, "token-a"), HubAntwoorden(url, "token-b")
    assert isinstance(anna, Antwoorden)
    assert anna.wie() == {"gebruiker": "anna", "trainer": False}
    first = anna.bewaar("competentiescan", {"durf": 4})
    bram.bewaar("competentiescan", {"durf": 2})
    assert [a["antwoord"] for a in anna.mijn("competentiescan")] == [{"durf": 4}]
    assert [a["id"] for a in anna.mijn()] == [first]
    saved = next(s for s in store.submissions("competentiescan") if s.id == first)
    assert store.participant(saved.deelnemer_id).weergavenaam == "anna"  # stamped by the service
    with pytest.raises(GeenToegang):
        anna.bewaar(EIGENAAR_SOORT, {"sessie": "ABCD"})  # nobody makes themselves a session's trainer
    with pytest.raises(GroepssessieError, match="soort"):
        anna.bewaar("Geen Slug!", {"a": 1})
    assert "token" not in repr(anna) and "token-a" not in repr(anna)


@pytest.mark.parametrize("token", ["", "onbekend", "token-x", "token-s"])
def test_without_a_user_token_with_access_nothing_is_read(service, token):
    url, _store = service
    with pytest.raises(GeenToegang):
        HubAntwoorden(url, token).mijn()


def test_a_session_through_the_service_trainer_reads_only_own_sessions(service):
    url, _store = service
    anna, bram, tess = (HubAntwoorden(url, t) for t in ("token-a", "token-b", "token-t"))
    with pytest.raises(GeenToegang, match="Alleen een trainer"):
        anna.nieuwe_sessie("mantelzorg-dementie", "zrm")
    code = tess.nieuwe_sessie("mantelzorg-dementie", "zrm", "Oefendag")
    for person, value in ((anna, 1), (bram, 2)):
        person.doe_mee(code)
        person.doe_mee(code)  # twice is fine
        person.lever_in(code, {"score": value})
    with pytest.raises(GroepssessieError, match="nog niet gedeeld"):
        anna.groepsbeeld(code)
    with pytest.raises(GeenToegang):
        anna.sessie_antwoorden(code)
    with pytest.raises(GeenToegang):
        anna.onthul(code)
    assert sorted((a["naam"], a["antwoord"]["score"]) for a in tess.sessie_antwoorden(code)) == [
        ("anna", 1),
        ("bram", 2),
    ]
    tess.onthul(code)
    picture = anna.groepsbeeld(code)
    assert sorted((p["eigen"], p["antwoord"]["score"]) for p in picture) == [(False, 2), (True, 1)]
    assert "bram" not in str(picture)
    other = tess.nieuwe_sessie("mantelzorg-dementie", "zrm")
    # a second trainer's session is not tess's to read, and a session someone else opened is not hers either
    USERS["token-t2"] = {"kind": "user", "name": "theo", "scopes": [ACCESS, TRAINER_SCOPE]}
    with pytest.raises(GeenToegang, match="niet door jou geopend"):
        HubAntwoorden(url, "token-t2").sessie_antwoorden(other)
    with pytest.raises(GeenToegang, match="Je doet niet mee"):
        HubAntwoorden(url, "token-b").groepsbeeld(other)


def test_outside_a_hub_the_store_is_used_through_the_same_interface(tmp_path):
    from wijkteam_kit.groepssessie import PersoonlijkeCodes

    store = Store(tmp_path / "lokaal.db")
    kim = PersoonlijkeCodes(store).new("Kim").deelnemer
    local = antwoorden_voor(store, kim, environ={})
    assert isinstance(local, Antwoorden) and local.wie()["gebruiker"] == "Kim"
    local.bewaar("competentiescan", {"durf": 3})
    assert [a["antwoord"] for a in local.mijn()] == [{"durf": 3}]
    with pytest.raises(GroepssessieError, match="herstelcode"):
        antwoorden_voor(store, None, environ={})
    store.close()


def _hub_env(url: str, token: str) -> dict[str, str]:
    return {"WIJKTEAM_ANTWOORDEN_URL": url, "JUPYTERHUB_API_TOKEN": token}


def test_the_apps_run_a_whole_group_session_through_the_service(service):
    """Trainer dashboard and participants' join blocks on a hub: no store opened, each sees only what is theirs."""
    from wijkteam_kit.groepssessie import Client, SessiesViaDienst
    from wijkteam_kit.ui.common.widgets import LazyStore
    from wijkteam_kit.ui.groepssessie import GroepssessieDashboard, GroepssessieDeelname

    url, store = service
    unused = LazyStore(":memory:")  # on a hub the apps never open a store of their own
    dashboard = GroepssessieDashboard(unused, environ=_hub_env(url, "token-t"))
    assert dashboard.hub and dashboard.open_secret.layout.display == "none"
    dashboard.exercise_choice.value = "plan"
    dashboard.casus_choice.value = "mantelzorg-dementie"
    dashboard.title.value = "Hubdag"
    dashboard.create_button.click()
    assert dashboard.panel is not None, dashboard.messages.html.value
    code = dashboard.panel.access.code
    assert "Trainergeheim" not in dashboard.created.value and code in dict(dashboard.mine_choice.options).values()

    blocks = {}
    for token, text in (("token-a", "plan van anna"), ("token-b", "plan van bram")):
        env = {**_hub_env(url, token), "QUERY_STRING": f"sessie={code}"}
        block = GroepssessieDeelname(unused, "plan", environ=env, client=Client("p-" + token), poll_ms=60_000)
        assert block.hub and block.name_input.layout.display == "none"
        block.join_button.click()  # no name typed: the hub login is the participant
        assert block.joined, block.messages.html.value
        assert block.submit({"plan": text}) is not None, block.status.value
        blocks[token] = block
    assert blocks["token-a"].weergavenaam == "anna" and not unused.opened

    panel = dashboard.panel
    panel.refresh()
    assert "2 aangemeld · 2 ingeleverd" in panel.counts.value
    assert "anna" in panel.participants.value and "bram" in panel.participants.value
    assert sorted(i.payload["plan"] for _d, i in panel.answers) == ["plan van anna", "plan van bram"]

    anna = SessiesViaDienst(HubAntwoorden(url, "token-a"))
    me = blocks["token-a"].aanmelding.deelname.deelnemer_id
    assert store.participant(me).weergavenaam == "anna"  # everything lives in the service's store
    assert anna.own_submission(code, me).payload == {"plan": "plan van anna"}
    bram_id = blocks["token-b"].aanmelding.deelname.deelnemer_id
    assert anna.own_submission(code, bram_id).payload == {"plan": "plan van anna"}  # an id never picks the person
    for forbidden in (
        lambda: anna.as_trainer(code),
        lambda: anna.antwoorden.sessie_antwoorden(code),
        lambda: anna.antwoorden.deelnames(code),
        lambda: anna.antwoorden.beheer(code, "onthul"),
        lambda: anna.antwoorden.mijn_sessies(),
    ):
        with pytest.raises(GeenToegang):
            forbidden()
    with pytest.raises(GroepssessieError, match="nog niet gedeeld"):
        anna.group_answers(code)
    assert not blocks["token-a"].refresh() and "bram" not in blocks["token-a"].group.value

    panel.reveal_button.click()
    assert panel.access.sessie.onthuld
    picture = anna.group_answers(code)
    assert sorted(picture) == [("Deelnemer 1", {"plan": "plan van bram"}), ("anna", {"plan": "plan van anna"})]
    assert blocks["token-a"].refresh() and "bram" not in blocks["token-a"].group.value
    # someone who did not join sees nothing of the session, not even its state
    with pytest.raises(GeenToegang):
        HubAntwoorden(url, "token-a").sessie("ZZZZZZ")
    USERS["token-c"] = {"kind": "user", "name": "cor", "scopes": [ACCESS]}
    cor = SessiesViaDienst(HubAntwoorden(url, "token-c"))
    assert cor.find(code) is None
    with pytest.raises(GeenToegang):
        cor.group_answers(code)

    panel.close_button.click()
    assert not panel.access.sessie.open
    assert "gesloten" in (blocks["token-b"].submit({"plan": "te laat"}) or blocks["token-b"].status.value)
    panel.export_button.click()
    assert "sessie-" in panel.downloads.value
    panel.confirm_delete.value = True
    panel.delete_button.click()
    assert dashboard.panel is None and "verwijderd" in dashboard.messages.html.value
    assert anna.find(code) is None and not unused.opened


def test_the_competence_scan_on_a_hub_sees_the_team_through_the_service(service):
    """Own scans, sharing, colleague feedback and the team view through the service, each as the hub user."""
    import datetime as dt

    from wijkteam_kit.competenties import HubScans, Scan, load_framework
    from wijkteam_kit.ui.competentie_scan import CompetentieScan

    url, store = service
    fw = load_framework("movisie-2017")
    for token, name in (("token-c", "cor"), ("token-d", "dirk")):
        USERS[token] = {"kind": "user", "name": name, "scopes": [ACCESS]}
    unused = Store(":memory:")

    def app(token, name):
        scans = HubScans(HubAntwoorden(url, token))
        return CompetentieScan(unused, today=dt.date(2024, 3, 1), hub_user=name, scans=scans)

    def scan(page, team, value, role="zelf", about=None, share=False):
        page.show_start()
        page.team_input.value, page.framework_choice.value = team, fw.id
        page.role_choice.value, page.share_choice.value = role, share
        if about is not None:
            page.colleague_choice.value = dict(page.colleague_choice.options)[about]
        page.start_button.click()
        assert page.person is not None, page.messages.html.value
        for indicator in page.framework.indicator_ids:
            page.answer(indicator, value)
        page.submit_button.click()
        assert page.result is not None, page.messages.html.value
        return page

    leader = app("token-t", "tess")
    leader.team.team_name.value, leader.team.new_secret.value = "Team Hub", "koffie-om-tien"
    leader.team.create_button.click()
    code = leader.team.open_code.value
    assert code, leader.team.messages.html.value

    anna = scan(app("token-a", "anna"), code, 4, share=True)
    assert anna.code_input.layout.display == "none"  # no herstelcode on a hub
    scan(app("token-b", "bram"), code, 2)
    scan(app("token-c", "cor"), code, 3)
    for token, name in (("token-b", "bram"), ("token-c", "cor"), ("token-t", "tess")):
        scan(app(token, name), code, 5, role="collega", about="anna")
    again = app("token-a", "anna")
    again.team_input.value, again.framework_choice.value = code, fw.id
    again.last_button.click()  # no herstelcode: the hub login is enough
    assert again.result is not None and again.result.feedback.peers_shown, again.messages.html.value
    assert again.result.feedback.peer_total == 3
    again.data_button.click()  # right of access through the service, from every app: the three about her too
    assert "3 over jou van anderen" in again.my_data.summary.value, again.messages.html.value

    # the team view: with code and secret only, the team as a whole, by name only anna (who shares)
    leader.team.open_code.value, leader.team.open_secret.value = code, "fout-geheim"
    leader.team.open_button.click()
    assert leader.team.beeld is None and "klopt niet" in leader.team.messages.html.value
    leader.team.open_secret.value = "koffie-om-tien"
    leader.team.framework_choice.value = fw.id
    leader.team.open_button.click()
    beeld = leader.team.beeld
    assert beeld is not None, leader.team.messages.html.value
    assert beeld.named.members == ("anna",) and beeld.hidden == 2 and beeld.whole is not None
    assert sorted(beeld.whole.members) == ["lid 1", "lid 2", "lid 3"]  # the whole team: placeholders only
    shown = all_text(leader.team.widget)
    assert "anna" in shown, shown
    for other in ("bram", "cor"):
        assert not re.search(rf"\b{other}\b", shown), re.findall(rf".{{80}}\b{other}\b.{{40}}", shown)[:2]

    # nobody reads someone else's scans: bram sees only what he gave himself
    bram = HubScans(HubAntwoorden(url, "token-b"))
    anna_id = anna.person.id
    assert bram.scans(fw, "zelf", anna_id) == []
    assert [s.role for s in bram.scans(fw, "collega", anna_id)] == ["collega"]
    for _attempt in range(5):  # wrong team secrets are counted per hub user
        with pytest.raises(GroepssessieError, match="klopt niet"):
            bram.teambeeld(code, "raden", fw)
    with pytest.raises(GroepssessieError, match="Te veel onjuiste pogingen"):  # guessing the secret is slowed
        bram.teambeeld(code, "koffie-om-tien", fw)
    outsider = HubScans(HubAntwoorden(url, "token-d"))  # not in the team
    outsider.ik()
    feedback = Scan.build(fw, "collega", {i: 1 for i in fw.indicator_ids}, "2024-03-01")
    with pytest.raises(GroepssessieError, match="eigen team"):
        outsider.bewaar_scan(feedback, anna_id)
    assert len(store.submissions("competentiescan", over_id=anna_id)) == 4  # her own + three colleagues
    with pytest.raises(GeenToegang):
        HubScans(HubAntwoorden(url, "token-x")).ik()
    assert outsider.mijn_gegevens()["deelnemer"]["weergavenaam"] == "dirk"
    outsider.vergeet()
    assert all(p.weergavenaam != "dirk" for p in store.participants())  # right of erasure


def all_text(widget) -> str:
    """Every HTML text inside a widget tree."""
    import ipywidgets as widgets

    out = [widget.value] if isinstance(widget, widgets.HTML) else []
    out += [all_text(child) for child in getattr(widget, "children", ())]
    return "\n".join(out)
