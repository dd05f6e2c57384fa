"""The parts of group sessions that `wijkteam_kit.groepssessie` builds on: records, messages and codes.

The package face `wijkteam_kit.groepssessie` gathers these with the rest of the package.

Examples
--------
>>> normalise_code("k7m-q2x"), Groepssessie("K7MQ2X", "Dag 1", "x", "zrm", "open", False, "", "").code_weergave
('K7MQ2X', 'K7M-Q2X')
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from wijkteam_kit.errors import GroepssessieError
from wijkteam_kit.store.schema import TEAM_CODE_ALPHABET

__all__ = [
    "OEFENINGEN",
    "OEFENING_NAMEN",
    "Aanmelding",
    "Client",
    "Deelname",
    "Groepssessie",
    "NieuweSessie",
    "gone",
    "new_secret",
    "normalise_code",
]

OEFENINGEN: tuple[str, ...] = ("zrm", "netwerkatlas", "plan", "evaluatie", "scenario")
OEFENING_NAMEN = {
    "zrm": "ZRM-scoren",
    "netwerkatlas": "Netwerkatlas",
    "plan": "Plan van Aanpak",
    "evaluatie": "Evaluatie (T1)",
    "scenario": "Gesprek en route",
}
"""For ``scenario`` the session's ``casus_id`` holds the id of the scenario that everyone plays."""
TITEL_MAX = 100
_CODE = re.compile(r"[A-Z0-9]{6}")
_SECRET_ALPHABET = TEAM_CODE_ALPHABET.lower()
FOUT_TRAINER = "Code of trainergeheim klopt niet."
FOUT_CODE = "Deze sessiecode kennen we niet. Controleer de code bij je trainer."
NAAM_BEZET = "Deze naam doet al mee in deze sessie. Vul je herstelcode in of kies een andere naam."
FOUT_HERSTEL = "Deze herstelcode hoort niet bij deze naam. Controleer de zes cijfers of kies een andere naam."
GESLOTEN_MEEDOEN = (
    "Deze sessie is gesloten; meedoen kan niet meer. Vraag de trainer om de sessie te heropenen."
)
GESLOTEN_INLEVEREN = "Deze sessie is gesloten; inleveren of aanpassen kan niet meer."
NIET_ONTHULD = "De trainer heeft de groepsuitkomst nog niet gedeeld."
GEEN_DEELNEMER = "Je doet niet mee aan deze sessie. Vul de sessiecode en je naam in om mee te doen."


@dataclass(frozen=True)
class Client:
    """Who is knocking, for rate limiting: the app page (a random id per page) and the address when known."""

    pagina: str
    adres: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.pagina, str) or not 1 <= len(self.pagina) <= 100:
            raise GroepssessieError(f"Client.pagina: verwacht een id van 1 tot 100 tekens, kreeg {self.pagina!r}")
        if self.adres is not None and (not isinstance(self.adres, str) or len(self.adres) > 100):
            raise GroepssessieError(
                f"Client.adres: verwacht een adres van hoogstens 100 tekens, kreeg {self.adres!r}"
            )


@dataclass(frozen=True)
class Groepssessie:
    """One group exercise on one casus (the trainer secret is never in it)."""

    code: str
    titel: str
    casus_id: str
    oefening: str
    status: str
    onthuld: bool
    aangemaakt: str
    bijgewerkt: str
    ronde: int = 1  # 2 after the trainer opened a second round

    @property
    def open(self) -> bool:
        """Whether participants can still join and hand in."""
        return self.status == "open"

    @property
    def code_weergave(self) -> str:
        """The code as shown: ``"ABC-234"``."""
        return f"{self.code[:3]}-{self.code[3:]}"

    @classmethod
    def from_row(cls, row: Any) -> Groepssessie:
        """A session from a row of ``groepssessies``."""
        values = {name: getattr(row, name) for name in cls.__dataclass_fields__}
        return cls(**{**values, "onthuld": bool(row.onthuld), "ronde": int(values["ronde"] or 1)})


@dataclass(frozen=True)
class Deelname:
    """One participant in one session (the hashed herstelcode is never in it)."""

    sessie: str
    deelnemer_id: str
    weergavenaam: str
    aangemeld: str
    ingeleverd: str | None
    inzending_id: str | None

    @classmethod
    def from_row(cls, row: Any) -> Deelname:
        """A participation from a row of ``sessie_deelnames``."""
        return cls(**{name: getattr(row, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class NieuweSessie:
    """A new session and its trainer secret in clear text (shown once; only its hash is saved)."""

    sessie: Groepssessie
    geheim: str


@dataclass(frozen=True)
class Aanmelding:
    """The result of joining: ``herstelcode`` is set at the first join only; ``terug`` when rejoined."""

    sessie: Groepssessie
    deelname: Deelname
    herstelcode: str | None
    terug: bool


def normalise_code(text: str) -> str:
    """A join code as typed, in its stored form; `GroepssessieError` when it is not six letters and digits.

    >>> normalise_code(" abc-234 "), normalise_code("abc 123")
    ('ABC234', 'ABC123')
    >>> normalise_code("AB-12")
    Traceback (most recent call last):
    ...
    wijkteam_kit.errors.GroepssessieError: Sessiecode 'AB-12': verwacht 6 letters en cijfers, zoals ABC-234.
    """
    code = re.sub(r"[\s-]", "", str(text)).upper()
    if not _CODE.fullmatch(code):
        raise GroepssessieError(f"Sessiecode {str(text).strip()!r}: verwacht 6 letters en cijfers, zoals ABC-234.")
    return code


def new_secret() -> str:
    """A random trainer secret that is easy to read aloud, such as ``"kf7q-2mzp-xa9d"`` (about 59 bits).

    >>> secret = new_secret()
    >>> len(secret), secret.count("-"), secret == secret.lower()
    (14, 2, True)
    """
    return "-".join("".join(secrets.choice(_SECRET_ALPHABET) for _ in range(4)) for _ in range(3))


def gone(code: str) -> GroepssessieError:
    """The error for a session that was deleted while someone was using it."""
    return GroepssessieError(
        f"Sessie {code[:3]}-{code[3:]} bestaat niet meer; misschien heeft de trainer hem verwijderd."
    )
