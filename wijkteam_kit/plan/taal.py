"""Language checks for plan texts: jargon, ik/wij perspective, negative goals, vague words, measures.

The jargon list is data (``wijkteam_kit/data/plan/jargon.yaml``). A trainer adds words in an own file with
the same layout, named in the environment variable ``WIJKTEAM_JARGON`` or passed to :func:`load_jargon`; a word
in that file replaces the kit's alternative for the same word. Words are found as whole words, case ignored.

The other checks are small, documented heuristics. They point at something worth a second look; they do not
understand Dutch, so the feedback says "let op", never "fout".

Examples
--------
>>> [(hit.gevonden, hit.woord.alternatief) for hit in find_jargon("Het traject start na de Intake.")]
[('traject', 'de hulp, of: de periode waarin we samen werken'), ('Intake', 'kennismakingsgesprek')]
>>> find_jargon("Ik ga met Ans naar de casusbespreking van het koor.")  # start of a word: not flagged
[]
>>> [hit.gevonden for hit in find_jargon("Wij hebben schuldenproblematiek en een hulptraject.")]
['schuldenproblematiek', 'hulptraject']
>>> first_person("Wij willen in ons huis blijven"), first_person("Mevrouw is moe")
(True, False)
>>> negative_phrase("Ik wil niet meer roken"), negative_phrase("Ik wil stoppen met roken, zodat ik fit ben")
('niet meer', '')
>>> vague_word("Gerda voelt zich beter"), vague_word("Wij hebben geen schulden meer")
('beter', '')
>>> has_measure("Elke dinsdag zing ik in het koor"), has_measure("Ik voel me goed")
(True, False)
>>> observable_marker("De huur is betaald"), observable_marker("Ik voel me goed")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from wijkteam_kit import settings
from wijkteam_kit._basis.catalogue import data_path, read_model_file
from wijkteam_kit._basis.schema import StrictModel

__all__ = [
    "JargonHit",
    "JargonWoord",
    "find_jargon",
    "first_person",
    "future_marker",
    "has_measure",
    "jargon_files",
    "load_jargon",
    "negative_phrase",
    "observable_marker",
    "professional_view",
    "vague_goal",
    "vague_word",
]

#: Environment variable naming extra jargon files (separated by ``os.pathsep``).


def _words(alternatives: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive pattern for regex alternatives (``"ik|wij|we"``)."""
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


# ---------------------------------------------------------------------- jargon
#: Jargon words at least this long are also found as the last part of a compound word.
_COMPOUND_MIN = 6

class _Entry(StrictModel):
    woord: str = Field(min_length=1)
    vormen: list[str] = []
    alternatief: str = Field(min_length=1)


class _JargonFile(StrictModel):
    bron: str = ""
    woorden: list[_Entry] = Field(min_length=1)


@dataclass(frozen=True)
class JargonWoord:
    """A jargon word (with other forms such as the plural) and a plainer alternative."""

    woord: str
    alternatief: str
    vormen: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        """Whole-word, case-insensitive pattern for the word and its forms (spaces match any spacing).

        A Dutch compound ends in its head word, so a form of six letters or more is also found at the end of a
        longer word ('schuldenproblematiek', 'hulpverleningstraject'); at the start it is not ('casusbespreking').
        """
        forms = sorted({self.woord, *self.vormen}, key=len, reverse=True)

        def form(text: str) -> str:
            body = r"\s+".join(map(re.escape, text.split()))
            return (r"(?:\w{3,})?" + body) if len(text.split()[0]) >= _COMPOUND_MIN else body

        return _words("|".join(form(f) for f in forms))


@dataclass(frozen=True)
class JargonHit:
    """One jargon word found in a text: the text as written and the list entry."""

    gevonden: str
    woord: JargonWoord


def jargon_files() -> list[Path]:
    """The extra jargon files named in ``WIJKTEAM_JARGON`` (empty when unset)."""
    return settings.paths(settings.JARGON)


_CACHE: dict[tuple[str, ...], tuple[JargonWoord, ...]] = {}


def _read(path: Path) -> list[JargonWoord]:
    parsed, _ = read_model_file(_JargonFile, path, id_from_name=False)
    return [JargonWoord(e.woord.strip(), e.alternatief.strip(), tuple(e.vormen)) for e in parsed.woorden]


def load_jargon(extra: str | Path | Sequence[str | Path] | None = None) -> tuple[JargonWoord, ...]:
    """The kit's jargon list plus the files in ``WIJKTEAM_JARGON`` and ``extra`` (later files win).

    Raises :class:`~wijkteam_kit.errors.DataFileError` naming the file, line and field of a broken file.

    >>> words = load_jargon()
    >>> next(w.alternatief for w in words if w.woord == "interventie")
    'wat we gaan doen'
    """
    extras = [extra] if isinstance(extra, str | Path) else list(extra or [])
    paths = [data_path("plan", "jargon.yaml"), *jargon_files(), *map(Path, extras)]
    key = tuple(str(p) for p in paths)
    if key not in _CACHE:
        merged: dict[str, JargonWoord] = {}
        for path in paths:
            for word in _read(path):
                merged[word.woord.casefold()] = word
        _CACHE[key] = tuple(merged.values())
    return _CACHE[key]


def find_jargon(text: str, jargon: Iterable[JargonWoord] | None = None) -> list[JargonHit]:
    """Jargon in ``text`` in reading order; a longer phrase wins over a word inside it."""
    words = load_jargon() if jargon is None else tuple(jargon)
    found: list[tuple[int, int, JargonHit]] = []
    for word in words:
        found += [(m.start(), m.end(), JargonHit(m.group(0), word)) for m in word.pattern.finditer(text)]
    kept: list[tuple[int, int, JargonHit]] = []
    for start, end, hit in sorted(found, key=lambda f: f[0] - f[1]):  # longest first
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, hit))
    return [hit for _, _, hit in sorted(kept, key=lambda f: f[0])]


# ---------------------------------------------------------------------- perspective and goals
_FIRST_PERSON = _words("ik|ikzelf|wij|wijzelf|we|ons|onze|mijn|m'n|me|mij|mezelf|onszelf")
_PROFESSIONAL_VIEW = _words(
    r"cli[eë]nt\w*|mevrouw|meneer|mevr\.?|dhr\.?|mw\.?|betrokkene|hulpvrager|hulpvraagster"
)
_NO_LONGER = r"niet meer|niet langer|nooit meer|geen\s+(?:\w+\s+){0,4}?meer"
_NEGATIVE = _words(_NO_LONGER + "|stoppen met|stopt met|stop met|ophouden met")
_ALTERNATIVE = _words("zodat|in plaats van|in plaats daarvan|maar wel")
_FUTURE = _words(
    "wil|wilt|willen|ga|gaat|gaan|zal|zult|zullen|kan|kunnen|straks|binnenkort|voortaan|vanaf|volgende?|"
    r"over\s+\w+\s+(?:dagen|weken|maanden|jaar)"
)
_VAGUE = _words(
    "meer|minder|beter|vaker|verbeter(?:en|t|d|ing)|op orde|voldoende|prettiger|rustiger|leuker|stabiel(?:er)?|"
    r"gezonder|actiever|zelfstandiger|sterker|positiever|lekkerder|zo\s?veel mogelijk|(?:ge)?makkelijker"
)
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DAYS = r"(?:maan|dins|woens|donder|vrij|zater|zon)dag\w*"
_MEASURE = re.compile(
    r"\d|(?<!\w)(?:één|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|"
    r"vijftig|honderd|duizend|half|halve|helft|alle|elke|iedere|dagelijks|wekelijks|maandelijks|jaarlijks|"
    r"eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|"
    r"vandaag|morgen|(?:deze|volgende)\s+(?:week|maand)|"
    r"(?:binnen|over|na|per)\s+(?:een\s+|één\s+|\w+\s+)?(?:dag|dagen|week|weken|maand|maanden|jaar)|"
    rf"{_MONTHS}|{_DAYS})(?!\w)",
    re.IGNORECASE,
)


_OBSERVABLE = _words(
    _NO_LONGER + r"|op tijd|zelf|heb|hebt|heeft|hebben|staat|staan|ligt|liggen|"
    # something done: a past participle (ingeleverd, aangevraagd, geweest, gemaakt, betaald …)
    r"\w*ge\w{2,}[dt]|gedaan|gevonden|gekregen|gezien|gesproken|geschreven|ingeschreven|"
    r"betaald|besproken|bezocht|verstuurd|ontvangen|verhuisd|vervangen"
)


def first_person(text: str) -> bool:
    """Whether the text speaks as "ik" or "wij" (ik, wij, we, mijn, ons, onze, me, mij …)."""
    return bool(_FIRST_PERSON.search(text))


def professional_view(text: str) -> str:
    """The word that shows a professional's view ('cliënt', 'mevrouw', …), or ``''``."""
    match = _PROFESSIONAL_VIEW.search(text)
    return match.group(0) if match else ""


def negative_phrase(text: str) -> str:
    """A phrase that says only what should stop ('niet meer', 'stoppen met', 'geen … meer'), or ``''``.

    A goal that also says what comes instead ('zodat', 'in plaats van', 'maar wel') is not flagged.
    """
    match = _NEGATIVE.search(text)
    if not match or _ALTERNATIVE.search(text):
        return ""
    return match.group(0)


def future_marker(text: str) -> bool:
    """Whether the text looks ahead: a wish or plan (wil, gaan, kunnen, over drie weken …) or a date."""
    return bool(_FUTURE.search(text)) or bool(re.search(r"\d", text)) or bool(_words(_MONTHS).search(text))


def vague_word(text: str) -> str:
    """A vague comparative ('meer', 'minder', 'beter', 'op orde' …) in the text, or ``''``.

    'Meer' in 'niet meer' or 'geen schulden meer' means "no longer" and is not vague.
    """
    cleaned = _words(_NO_LONGER).sub(" ", text)
    match = _VAGUE.search(cleaned)
    return match.group(0) if match else ""


#: Words that make a goal vague when nothing says what they look like: 'rust', 'stress', 'het goed hebben'.
_VAGUE_GOAL = _words(
    r"rust|stress|gelukkig\w*|ontspann\w*|lekker\s+in\s+(?:mijn|m'n|ons|onze)\s+vel|"
    r"(?:het|alles)\s+(?:weer\s+)?(?:goed|beter|fijn)|goed\s+gaat|beter\s+gaat"
)


def vague_goal(text: str) -> str:
    """A vague word in a goal ('meer', 'minder', 'rust', 'stress', 'het goed hebben' …) without a measure, or ``''``.

    A goal need not be measurable (the results are), but it must say what the household wants: 'Ik wil meer rust'
    does not, 'Ik wil elke week een middag rust voor mezelf' does.

    >>> vague_goal("Ik wil meer rust"), vague_goal("Ik wil minder stress hebben")
    ('meer', 'minder')
    >>> vague_goal("Ik wil elke week een middag rust voor mezelf"), vague_goal("Ik wil weer zingen in het koor")
    ('', '')
    """
    if has_measure(text):
        return ""
    word = vague_word(text)
    if word:
        return word
    match = _VAGUE_GOAL.search(text)
    return match.group(0) if match else ""


def has_measure(text: str) -> bool:
    """Whether the text has something to check against: a number, a date or deadline, a weekday, a frequency.

    >>> has_measure("Binnen een maand is de aanvraag ingeleverd"), has_measure("Het gaat beter")
    (True, False)
    """
    return bool(_MEASURE.search(text))


def observable_marker(text: str) -> bool:
    """Whether the text names something you can see or check: a state, or something done.

    States: ik heb, er staat, er ligt, geen … meer, op tijd, zelf. Done: a past participle (ingeleverd,
    aangevraagd, betaald, geweest …). A feeling ('Ik voel me goed', 'Het gaat goed met ons') has no such marker.

    >>> observable_marker("Ik heb een bed en een koelkast"), observable_marker("Het gaat goed met ons")
    (True, False)
    """
    return bool(_OBSERVABLE.search(text))
