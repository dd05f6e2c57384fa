"""The answers service without a hub: the same calls through HTTP (HubAntwoorden) as on the store (LokaleAntwoorden).

The hub's part (whose token is this, which scopes) is played by a small stand-in for ``HubAuth``; the real hub
is in tests/test_jupyterhub_isolatie.py.
"""

from __future__ import annotations

import asyncio
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
