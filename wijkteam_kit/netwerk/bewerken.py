"""Turn what a user typed in a form into validated model objects, with Dutch messages per form field.

The app's forms call these functions; they are pure, so every rule is tested without a browser.

Examples
--------
>>> p = person_from_form({"naam": "Ans de Vries", "relatie": "vriend", "cirkel": 2, "geboortejaar": "1951"},
...                      existing_ids=("ans-de-vries",))
>>> p.id, p.sector, p.geboortejaar
('ans-de-vries-2', 'vrienden', 1951)
>>> person_from_form({"naam": "", "relatie": "vriend", "cirkel": 2})
Traceback (most recent call last):
...
wijkteam_kit.errors.NetwerkError: formulier, veld Naam: mag niet leeg zijn
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from wijkteam_kit._basis.schema import validate_model
from wijkteam_kit._basis.yamlsource import YamlDocument
from wijkteam_kit.document import slug
from wijkteam_kit.errors import NetwerkError, Problem
from wijkteam_kit.netwerk.model import CLIENT_ID, Band, Gebeurtenis, Persoon

__all__ = [
    "DEFAULT_SECTOR",
    "FORM_LABELS",
    "TYPICAL_RELATION",
    "event_from_form",
    "new_person_id",
    "person_from_form",
    "tie_from_form",
]

DEFAULT_SECTOR: dict[str, str] = {
    "partner": "familie",
    "kind": "familie",
    "ouder": "familie",
    "broer/zus": "familie",
    "grootouder": "familie",
    "kleinkind": "familie",
    "familie": "familie",
    "vriend": "vrienden",
    "buur": "buurt",
    "collega/school": "werk/school",
    "vrijwilliger": "vrijwilligers/verenigingen",
    "professional": "professionals",
}
"""The sector a relation usually belongs to (a suggestion the form fills in; the user may change it)."""

TYPICAL_RELATION: dict[str, str] = {
    "familie": "familie",
    "vrienden": "vriend",
    "buurt": "buur",
    "werk/school": "collega/school",
    "vrijwilligers/verenigingen": "vrijwilliger",
    "professionals": "professional",
}
"""The usual relation of a person in a sector (the other way round from :data:`DEFAULT_SECTOR`)."""

FORM_LABELS: dict[str, str] = {
    "naam": "Naam",
    "relatie": "Relatie",
    "sector": "Sector",
    "cirkel": "Cirkel",
    "geboortejaar": "Geboortejaar",
    "geslacht": "Geslacht",
    "toelichting": "Toelichting",
    "van": "Tussen",
    "naar": "en",
    "frequentie": "Contact",
    "kwaliteit": "Kwaliteit",
    "jaar": "Jaar",
    "omschrijving": "Wat gebeurde er",
    "valentie": "Positief of negatief",
}
"""Form labels, used in messages so the user finds the field."""

M = TypeVar("M", bound=BaseModel)


def new_person_id(name: str, existing_ids: Iterable[str] = ()) -> str:
    """A readable, unique id made from a name: lower case, no accents, hyphens.

    >>> new_person_id("Zoë van 't Hof", ["zoe-van-t-hof"])
    'zoe-van-t-hof-2'
    >>> new_person_id("***")
    'persoon'
    """
    base = slug(name, "persoon", max_length=30)
    if base == CLIENT_ID:
        base = "client-persoon"
    taken, candidate, number = set(existing_ids), base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _year(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        return int(value) if value.isdigit() else value
    return value


def _build(model: type[M], data: Mapping[str, Any]) -> M:
    obj, problems = validate_model(model, YamlDocument(dict(data), "formulier"))
    if problems or obj is None:
        raise NetwerkError(
            [Problem(FORM_LABELS.get(p.field, p.field), p.message, "formulier") for p in problems]
        )
    return obj


def person_from_form(fields: Mapping[str, Any], existing_ids: Iterable[str] = ()) -> Persoon:
    """A :class:`Persoon` from form fields; a new id is made from the name unless ``fields["id"]`` is given.

    Missing sector: the usual sector of the relation (:data:`DEFAULT_SECTOR`). Text is stripped; an empty
    birth year means unknown.
    """
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items() if v is not None}
    if not data.get("sector") and data.get("relatie") in DEFAULT_SECTOR:
        data["sector"] = DEFAULT_SECTOR[data["relatie"]]
    data["geboortejaar"] = _year(data.get("geboortejaar"))
    if data["geboortejaar"] is None:
        del data["geboortejaar"]
    if not data.get("id"):
        data["id"] = new_person_id(str(data.get("naam") or ""), existing_ids)
    return _build(Persoon, data)


def tie_from_form(fields: Mapping[str, Any]) -> Band:
    """A :class:`Band` from form fields (``van``, ``naar``, ``frequentie``, ``kwaliteit``, support lists).

    >>> tie_from_form({"van": "ans", "naar": "ans", "frequentie": "wekelijks", "kwaliteit": "steunend"})
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.NetwerkError: formulier: kies twee verschillende personen voor een band
    """
    if not fields.get("van") or not fields.get("naar"):
        raise NetwerkError([Problem("", "kies bij 'Tussen' en 'en' wie de band hebben", "formulier")])
    if fields.get("van") == fields.get("naar"):
        raise NetwerkError([Problem("", "kies twee verschillende personen voor een band", "formulier")])
    return _build(Band, fields)


def event_from_form(fields: Mapping[str, Any]) -> Gebeurtenis:
    """A :class:`Gebeurtenis` from form fields.

    >>> event_from_form({"jaar": "2019", "omschrijving": " Verhuisd ", "valentie": "positief"}).omschrijving
    'Verhuisd'
    """
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    data["jaar"] = _year(data.get("jaar"))
    return _build(Gebeurtenis, data)
