"""Small helpers for the Dutch sentences of the network analysis: lists of names, support functions, pronouns.

Examples
--------
>>> join_names(["Ans", "Riet", "Henk"]), functions_text(["praktisch", "informatief"])
('Ans, Riet en Henk', 'praktische hulp en advies')
>>> short_names({"client": "Gerda Bosman", "a": "Oma Ria", "b": "Ria de Graaf", "c": "Henk Bos"})
{'client': 'Gerda', 'a': 'Oma Ria', 'b': 'Ria de Graaf', 'c': 'Henk'}
>>> pronoun("vrouw"), pronoun("onbekend", object_form=True)
('zij', 'hem of haar')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wijkteam_kit.document import join_dutch

__all__ = ["FUNCTIE_TEKST", "functions_text", "join_names", "pronoun", "short_names"]

FUNCTIE_TEKST: dict[str, str] = {
    "emotioneel": "emotionele steun",
    "praktisch": "praktische hulp",
    "informatief": "advies",
    "waardering": "waardering",
    "gezelschap": "gezelschap",
}
"""How each support function reads in a sentence."""


join_names = join_dutch
"""``"A"``, ``"A en B"``, ``"A, B en C"``; empty string for no names (:func:`~wijkteam_kit.document.join_dutch`)."""


def functions_text(functions: Iterable[str]) -> str:
    """Support functions as Dutch words, joined like :func:`join_names`."""
    return join_names(FUNCTIE_TEKST.get(f, f) for f in functions)


def pronoun(geslacht: str | None, *, object_form: bool = False) -> str:
    """``hij`` / ``zij`` (``hem`` / ``haar``), or both when the gender is not known."""
    subject, obj = {"man": ("hij", "hem"), "vrouw": ("zij", "haar")}.get(
        geslacht or "", ("hij of zij", "hem of haar")
    )
    return obj if object_form else subject


_TITELS = frozenset(
    [
        "oma",
        "opa",
        "dokter",
        "juf",
        "meester",
        "meneer",
        "mevrouw",
        "tante",
        "oom",
        "buurman",
        "buurvrouw",
        "zuster",
        "broeder",
        "pastor",
        "dominee",
        "imam",
        "pater",
        "dr.",
        "ds.",
        "mr.",
        "mw.",
        "dhr.",
    ]
)


def short_names(names: Mapping[str, str]) -> dict[str, str]:
    """Short display names: the first word of a name (``"Henk Bosman"`` → ``"Henk"``).

    The full name stays when it starts with a title (``"Oma Ria"``, ``"Dokter Verbrugge"``) or when another
    name on the map has the same given name (the first word that is not a title).
    """

    def given(name: str) -> str:
        words = name.split() or [name]
        return next((w for w in words if w.lower() not in _TITELS), words[0]).lower()

    counts: dict[str, int] = {}
    for name in names.values():
        counts[given(name)] = counts.get(given(name), 0) + 1
    short = {}
    for key, name in names.items():
        first = (name.split() or [name])[0]
        titled = first.lower() in _TITELS
        short[key] = first if not titled and counts[given(name)] == 1 else name
    return short
