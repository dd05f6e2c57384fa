"""One family of exceptions for the whole kit.

Every message names *where* (file, field), *what* was found and *what was expected*, in Dutch, so a
trainer can fix a file without reading code.

Examples
--------
>>> p = Problem(field="zrm.scores.financien.niveau", message="verwacht een heel getal van 1 t/m 5, kreeg 6",
...             source="casuses/a.yaml", line=12)
>>> str(p)
'casuses/a.yaml, regel 12, veld zrm.scores.financien.niveau: verwacht een heel getal van 1 t/m 5, kreeg 6'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "BasisteamError",
    "BouwstenenError",
    "CasusError",
    "CompetentieError",
    "DataFileError",
    "GeenToegang",
    "GroepssessieError",
    "IntervisieError",
    "KaartError",
    "NaamBezet",
    "NetwerkError",
    "PlanError",
    "Problem",
    "ProblemsError",
    "ScenarioError",
    "StappenError",
    "StoreError",
    "TeVeelPogingen",
    "WijkteamError",
    "ZrmError",
]


class WijkteamError(Exception):
    """Base class of every error the kit raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file or a value.

    Attributes
    ----------
    field : str
        Dotted path of the field (``"netwerk.personen[2].cirkel"``); empty for the file as a whole.
    message : str
        What is wrong and what was expected, in Dutch.
    source : str
        File name (or another label of the input); may be empty.
    line : int or None
        1-based line in the file, when known.
    """

    field: str
    message: str
    source: str = ""
    line: int | None = None

    def __str__(self) -> str:
        parts = []
        if self.source:
            parts.append(self.source)
        if self.line is not None:
            parts.append(f"regel {self.line}")
        if self.field:
            parts.append(f"veld {self.field}")
        where = ", ".join(parts)
        return f"{where}: {self.message}" if where else self.message


class ProblemsError(WijkteamError):
    """An input with one or more problems; ``problems`` lists them all.

    Examples
    --------
    >>> err = ProblemsError([Problem("id", "ontbreekt", "x.yaml", 1), Problem("titel", "ontbreekt", "x.yaml")])
    >>> print(err)
    2 problemen gevonden:
      - x.yaml, regel 1, veld id: ontbreekt
      - x.yaml, veld titel: ontbreekt
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self._format())

    def _format(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problemen gevonden:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class CasusError(ProblemsError):
    """A casus file that does not match the casus schema."""


class NetwerkError(ProblemsError):
    """A netwerkatlas (file or edit) with problems: for example a tie to an unknown person or a circle out of range."""


class DataFileError(ProblemsError):
    """A reference data file (ZRM version, descriptors, mapping, ladder) that is broken."""


class ZrmError(WijkteamError, ValueError):
    """A ZRM value that cannot be right: an unknown domain, a level out of range, a half level."""


class StappenError(WijkteamError, RuntimeError):
    """An action the runner cannot do now (for example 'next' before 'start')."""


class KaartError(WijkteamError, ValueError):
    """A card request that cannot be answered (an empty pile)."""


class StoreError(WijkteamError):
    """Something the store cannot save or read, with a Dutch message naming what and where."""


class IntervisieError(WijkteamError, ValueError):
    """A method, role assignment or card request that cannot be right (Dutch message)."""


class BouwstenenError(ProblemsError):
    """Answers that do not fit the bouwstenenmodel (an unknown question or option, a scale value of 7)."""


class BasisteamError(WijkteamError, ValueError):
    """Saved sheet data that cannot be read back."""


class CompetentieError(WijkteamError, ValueError):
    """A scan, plan or 360° input that cannot be right: unknown indicator, value off the scale."""


class GroepssessieError(WijkteamError):
    """Something about a group session that the user can fix, in Dutch."""


class NaamBezet(GroepssessieError):
    """The display name already takes part in the session: the herstelcode is needed (missing or wrong)."""


class GeenToegang(GroepssessieError):
    """The person asking may not read or do this (someone else's answers, a trainer's action, a bad token)."""


class TeVeelPogingen(GroepssessieError):
    """Too many failed attempts from this page or address; ``wacht_seconden`` until the next try."""

    def __init__(self, wacht_seconden: int) -> None:
        self.wacht_seconden = int(wacht_seconden)
        super().__init__(
            f"Te veel onjuiste pogingen. Probeer het over {_minutes_text(self.wacht_seconden)} opnieuw."
        )


class PlanError(ProblemsError):
    """A plan (or payload) that does not fit the plan model; ``problems`` lists every problem."""


class ScenarioError(ProblemsError):
    """A scenario file (moments and choices) that cannot be played: schema, unknown moments, dead ends, loops."""


def _minutes_text(seconds: int) -> str:
    """``seconds`` rounded up to whole minutes, in Dutch (at least one minute).

    >>> _minutes_text(360), _minutes_text(59)
    ('6 minuten', '1 minuut')
    """
    minutes = max(1, math.ceil(seconds / 60))
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"
