"""Broken JSON backups: every problem is a Dutch message naming the record and field; nothing is lost."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from wijkteam_kit.errors import StoreError
from wijkteam_kit.store import JSON_DEPTH_MAX, Store


@pytest.fixture()
def store(store_url: str):
    with Store(store_url) as s:
        yield s


def _backup() -> dict[str, Any]:
    """A good backup of a store with a team, participants, submissions and a group session."""
    from wijkteam_kit.groepssessie import Client, Groepssessies

    with Store(":memory:") as source:
        code = source.create_team("Team Noord", "koffie-om-tien", {"samenwerken": 4})
        kim = source.add_participant("Kim", team=code)
        for i in range(4):
            source.submit("competentiescan", kim.id, {"durf": i, "tekst": "Zoë"})
        sessies = Groepssessies(source)
        session = sessies.create("mantelzorg-dementie", "zrm").sessie.code
        ali = sessies.join(session, "Ali", client=Client("p1")).deelname.deelnemer_id
        sessies.submit(session, ali, {"financien": 3})
        return json.loads(source.export_json())


def _refused(store: Store, backup: dict[str, Any] | str) -> str:
    """The message of the import of ``backup``, after checking that the store did not change."""
    before = store.export_json()
    with pytest.raises(StoreError) as info:
        store.import_json(backup if isinstance(backup, str) else json.dumps(backup))
    after = store.export_json()
    assert json.loads(after) | {"geexporteerd": None} == json.loads(before) | {"geexporteerd": None}
    message = str(info.value)
    assert not re.search(r"\b(Input should|Field required|Extra inputs|validation error)\b", message), message
    return message


def _existing(store: Store) -> None:
    """Something already in the store, which a failed import must leave alone."""
    kim = store.add_participant("Kim al opgeslagen")
    store.submit("ontwikkelplan", kim.id, {"doel": "blijft"})


def test_a_good_backup_still_imports(store: Store):
    backup = _backup()
    added = store.import_json(json.dumps(backup))
    assert added == {"teams": 1, "deelnemers": 2, "inzendingen": 5, "groepssessies": 1, "sessie_deelnames": 1}


@pytest.mark.parametrize("value", [True, -1, 0, "3", 2.0, None])
def test_schema_must_be_a_whole_number_in_range(store: Store, value: Any):
    _existing(store)
    message = _refused(store, {**_backup(), "schema": value})
    assert message.startswith("import, veld schema: ")
    assert re.search(r"verwacht (een heel getal|minstens 1)", message), message


def test_unknown_field_is_named_with_its_record(store: Store):
    _existing(store)
    backup = _backup()
    backup["inzendingen"][3]["kleur"] = "rood"
    backup["extra"] = []
    message = _refused(store, backup)
    assert "import, veld inzendingen[3].kleur: onbekend veld; toegestaan: aangemaakt, bijgewerkt" in message
    assert "import, veld extra: onbekend veld" in message
    assert message.startswith("2 problemen gevonden:")


def test_bad_timestamp_names_the_record(store: Store):
    _existing(store)
    backup = _backup()
    backup["inzendingen"][2]["bijgewerkt"] = "gisteren om tien uur"
    backup["sessie_deelnames"][0]["aangemeld"] = 1714550400
    message = _refused(store, backup)
    assert (
        "import, veld inzendingen[2].bijgewerkt: verwacht een tijdstip als 2024-05-01T12:00:00+00:00, "
        "kreeg 'gisteren om tien uur'"
    ) in message
    assert "import, veld sessie_deelnames[0].aangemeld: verwacht tekst, kreeg 1714550400" in message


def test_deeply_nested_payload_names_the_record(store: Store):
    _existing(store)
    backup = _backup()
    deep: Any = "bodem"
    for _ in range(JSON_DEPTH_MAX + 5):
        deep = [deep]
    backup["inzendingen"][1]["payload"] = {"kaart": deep}
    message = _refused(store, backup)
    assert message.startswith("import, veld inzendingen[1].payload: ")
    assert f"meer dan {JSON_DEPTH_MAX} lagen diep genest" in message and len(message) < 300


def test_json_too_deep_to_parse_is_a_dutch_message(store: Store):
    _existing(store)
    text = json.dumps(_backup())
    deep = "[" * 100_000 + "]" * 100_000
    message = _refused(store, text.replace('"durf": 0', f'"durf": {deep}'))
    assert message.startswith("import: dit bestand is te diep genest")


def test_payload_with_nan_and_other_record_problems(store: Store):
    _existing(store)
    backup = _backup()
    backup["inzendingen"][0]["payload"] = {"score": float("nan")}
    backup["groepssessies"][0]["onthuld"] = "ja"
    backup["groepssessies"][0]["status"] = "dicht"
    backup["teams"][0]["doelprofiel"] = ["niet", "een", "object"]
    backup["deelnemers"][0]["weergavenaam"] = "Kim 111222333"
    message = _refused(store, backup)
    for expected in (
        "veld inzendingen[0].payload: ['score']: nan kan niet worden opgeslagen",
        "veld groepssessies[0].onthuld: verwacht ja of nee (true/false), kreeg 'ja'",
        "veld groepssessies[0].status: verwacht één van 'open' of 'gesloten', kreeg 'dicht'",
        "veld teams[0].doelprofiel: verwacht een groep velden, kreeg een lijst",
        "veld deelnemers[0].weergavenaam: weergavenaam 'Kim 111222333': dit lijkt een BSN",
    ):
        assert expected in message, message
    assert message.startswith("5 problemen gevonden:")


def test_a_record_that_is_no_object(store: Store):
    backup = _backup()
    backup["deelnemers"][1] = "Ali"
    message = _refused(store, backup)
    assert message == "import, veld deelnemers[1]: verwacht een groep velden, kreeg 'Ali'"
