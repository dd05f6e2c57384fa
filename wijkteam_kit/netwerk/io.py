r"""Build a netwerkatlas from a casus, and save or load it as JSON with full validation.

A netwerkatlas file is JSON with the fields of :class:`~wijkteam_kit.netwerk.model.Netwerkatlas` plus a
``soort`` marker. Loading checks the schema *and* the references (ties to unknown persons, duplicate ids,
a person twice in a couple …) and raises :class:`~wijkteam_kit.errors.NetwerkError` listing every problem with
the element it is about, so a user can repair a file by hand.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(client=Client(naam="Gerda"),
...                      personen=(Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=2),))
>>> atlas_from_json(atlas_to_json(atlas)) == atlas
True
>>> atlas_from_json('{"personen": [{"id": "a", "naam": "A", "relatie": "buur", "sector": "buurt", '
...                 '"cirkel": 7}]}', source="kaart.json")
Traceback (most recent call last):
...
wijkteam_kit.errors.NetwerkError: kaart.json, veld personen[0].cirkel: verwacht hoogstens 4, kreeg 7
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijkteam_kit._basis.jsonsource import load_json_text
from wijkteam_kit._basis.schema import validate_model
from wijkteam_kit._basis.yamlsource import YamlDocument
from wijkteam_kit.errors import NetwerkError, Problem, ProblemsError
from wijkteam_kit.netwerk.checks import reference_problems
from wijkteam_kit.netwerk.model import Client, Netwerkatlas
from wijkteam_kit.privacy import IdentifierWarning, find_identifiers

if TYPE_CHECKING:
    from wijkteam_kit.casus.model import Casus

__all__ = [
    "FILE_KIND",
    "MAX_ATLAS_BYTES",
    "atlas_from_casus",
    "atlas_from_data",
    "atlas_from_json",
    "atlas_to_data",
    "atlas_to_json",
    "identifier_warnings",
    "read_atlas",
    "write_atlas",
]

FILE_KIND = "wijkteam-kit netwerkatlas"
"""Value of the ``soort`` field that marks a netwerkatlas file."""
MAX_ATLAS_BYTES = 2_000_000
"""Largest netwerkatlas file (JSON or GraphML) the kit opens; a real one is a few kB."""


def atlas_from_casus(casus: Casus, moment: str | None = "T0") -> Netwerkatlas:
    """The netwerkatlas of a casus at snapshot ``moment`` (``None``: every moment, with ``sinds``/``tot``).

    Without a ``netwerk.client`` section the client is the first household member, with the casus's
    strengths.

    >>> from wijkteam_kit.casus import load_library
    >>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
    >>> atlas = atlas_from_casus(casus)
    >>> atlas.client.naam, atlas.moment, len(atlas.personen) > 5
    ('Gerda Bosman', 'T0', True)
    """
    net = casus.netwerk
    client = net.client or Client(naam=casus.huishouden[0].naam, krachten=tuple(casus.krachten[:4]))
    atlas = Netwerkatlas(
        client=client,
        personen=tuple(net.personen),
        banden=tuple(net.banden),
        koppels=tuple(net.koppels),
        afstamming=tuple(net.afstamming),
        gebeurtenissen=tuple(casus.gebeurtenissen),
    )
    return atlas if moment is None else atlas.at_moment(moment)


def atlas_to_data(atlas: Netwerkatlas) -> dict[str, Any]:
    """The atlas as plain JSON-ready data (defaults left out, so files stay short)."""
    data = atlas.model_dump(mode="json", exclude_defaults=True)
    return {"soort": FILE_KIND, "schema_versie": atlas.schema_versie, **data}


def atlas_from_data(data: object, source: str = "netwerkatlas") -> Netwerkatlas:
    """Validate raw data (from JSON, GraphML, a form) into an atlas; :class:`NetwerkError` lists every problem."""
    if isinstance(data, dict):
        kind = data.get("soort", FILE_KIND)
        if kind != FILE_KIND:
            raise NetwerkError(
                [
                    Problem(
                        "soort", f"dit is geen netwerkatlas (soort {kind!r}, verwacht {FILE_KIND!r})", source
                    )
                ]
            )
        data = {k: v for k, v in data.items() if k != "soort"}
    doc = YamlDocument(data, source)
    atlas, problems = validate_model(Netwerkatlas, doc)
    problems += [doc.problem(path, message) for path, message in reference_problems(data)]
    if problems or atlas is None:
        raise NetwerkError(_unique(problems))
    return atlas


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def atlas_to_json(atlas: Netwerkatlas) -> str:
    """The atlas as indented UTF-8 JSON text."""
    return json.dumps(atlas_to_data(atlas), ensure_ascii=False, indent=2) + "\n"


def atlas_from_json(text: str | bytes, source: str = "netwerkatlas.json") -> Netwerkatlas:
    """Load an atlas from JSON text; broken JSON or content gives :class:`NetwerkError` naming the problem."""
    try:
        data = load_json_text(text, source, max_bytes=MAX_ATLAS_BYTES)
    except ProblemsError as exc:
        raise NetwerkError(exc.problems) from None
    if not isinstance(data, dict):
        raise NetwerkError([Problem("", "verwacht een JSON-object met personen en banden", source, 1)])
    return atlas_from_data(data, source)


def write_atlas(atlas: Netwerkatlas, path: str | Path) -> Path:
    """Write the atlas as JSON to ``path`` (a file the user chose: an export, not the kit's own storage)."""
    path = Path(path)
    path.write_text(atlas_to_json(atlas), encoding="utf-8")
    return path


def read_atlas(path: str | Path) -> Netwerkatlas:
    """Read an atlas from a JSON file (see :func:`atlas_from_json`)."""
    path = Path(path)
    with path.open("rb") as handle:
        return atlas_from_json(handle.read(MAX_ATLAS_BYTES + 1), source=str(path))


def identifier_warnings(atlas: Netwerkatlas) -> list[IdentifierWarning]:
    """Texts in the atlas that look like a real BSN or phone number (the kit is for fictional casuses).

    >>> from wijkteam_kit.netwerk.model import Client, Netwerkatlas
    >>> [w.kind for w in identifier_warnings(Netwerkatlas(client=Client(naam="Jan", vraag="bel 0612345678")))]
    ['telefoonnummer']
    """
    texts = [atlas.client.naam, atlas.client.vraag, *atlas.client.krachten]
    for p in atlas.personen:
        texts += [p.naam, p.toelichting]
    texts += [e.omschrijving for e in atlas.gebeurtenissen]
    return find_identifiers("\n".join(texts))
