"""Every ``WIJKTEAM_*`` environment variable of the kit, typed and documented in one place.

A `Setting` names one variable, its kind and what it does; the functions read it at the moment of the call (so
a test or ``wijkteam-kit serve`` can change it) and turn it into the type the code needs. No other module reads
a ``WIJKTEAM_*`` variable itself. :func:`settings_markdown` writes the table in ``docs/instellingen.md``.

Examples
--------
>>> environ = {"WIJKTEAM_DATA": "~/wijkteam", "WIJKTEAM_CULL_IDLE_SECONDS": "abc"}
>>> path(DATA, environ).name
'wijkteam'
>>> seconds(CULL_IDLE_SECONDS, 900, environ)  # not a whole number: the default
900
>>> paths(JARGON, {"WIJKTEAM_JARGON": "a.yaml" + os.pathsep + " " + os.pathsep + "b.yaml"})
[PosixPath('a.yaml'), PosixPath('b.yaml')]
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "ANTWOORDEN_URL",
    "CASUSES",
    "COMPETENTIEKADERS",
    "CULL_IDLE_SECONDS",
    "CULL_INTERVAL_SECONDS",
    "DATA",
    "DATABASE_URL",
    "DEEL_URL",
    "EIGEN_CASUSSEN",
    "HUB_ADRES",
    "HUB_APPS",
    "HUB_BEHEERDERS",
    "HUB_BEHEERWACHTWOORD",
    "HUB_DIENST_ADRES",
    "HUB_DIENST_GEBRUIKER",
    "HUB_LOGIN",
    "HUB_MAP",
    "HUB_START",
    "HUB_STOP_NA_MINUTEN",
    "HUB_TRAINERS",
    "HUB_WACHTWOORD",
    "INTERVISIE",
    "JARGON",
    "SCENARIOS",
    "SETTINGS",
    "SOCIALE_KAART",
    "ZRM_BESCHRIJVINGEN",
    "Setting",
    "path",
    "paths",
    "put",
    "seconds",
    "settings_markdown",
    "text",
]

Kind = Literal["map", "bestanden", "url", "seconden", "tekst"]


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, kind, who reads it and what it does (in Dutch, for administrators)."""

    name: str
    kind: Kind
    scope: Literal["kit", "serve", "hub"]
    description: str


DATA = Setting(
    "WIJKTEAM_DATA", "map", "kit",
    "Map voor de database `wijkteam.db` (scans, plannen, groepssessies). Standaard de gegevensmap van de "
    "gebruiker (platformdirs).",
)
DATABASE_URL = Setting(
    "WIJKTEAM_DATABASE_URL", "url", "kit",
    "Database-URL voor een gedeelde server, bijvoorbeeld `postgresql+psycopg://gebruiker:wachtwoord@server/db`. "
    "Gaat voor `WIJKTEAM_DATA`.",
)
CASUSES = Setting(
    "WIJKTEAM_CASUSES", "map", "kit",
    "Map met de casusbibliotheek (YAML-bestanden). Standaard `casuses/` naast de kit.",
)
EIGEN_CASUSSEN = Setting(
    "WIJKTEAM_EIGEN_CASUSSEN", "map", "kit",
    "Map met de eigen casussen van trainers (gemaakt met de app Casus maken); de apps bieden ze aan naast de "
    "casusbibliotheek. Gezet door `serve --casussen`; standaard de submap `casussen` van de datamap (zonder "
    "`serve` alleen als `WIJKTEAM_DATA` gezet is).",
)
SOCIALE_KAART = Setting(
    "WIJKTEAM_SOCIALE_KAART", "bestanden", "kit",
    "De sociale kaart (voorzieningen per ZRM-domein, YAML) van je organisatie in plaats van die van de kit; "
    "gezet door `serve --sociale-kaart`.",
)
ZRM_BESCHRIJVINGEN = Setting(
    "WIJKTEAM_ZRM_BESCHRIJVINGEN", "bestanden", "kit",
    "Eigen ZRM-beschrijvingen (YAML), gescheiden door `:` (Windows `;`); gezet door `serve --beschrijvingen`.",
)
JARGON = Setting(
    "WIJKTEAM_JARGON", "bestanden", "kit",
    "Eigen jargonlijsten voor de planfeedback (YAML); gezet door `serve --jargon`.",
)
INTERVISIE = Setting(
    "WIJKTEAM_INTERVISIE", "bestanden", "kit",
    "Eigen intervisiemethodes: YAML-bestanden of mappen daarmee.",
)
COMPETENTIEKADERS = Setting(
    "WIJKTEAM_COMPETENTIEKADERS", "bestanden", "kit",
    "Eigen competentieprofielen: YAML-bestanden of mappen daarmee.",
)
SCENARIOS = Setting(
    "WIJKTEAM_SCENARIOS", "bestanden", "kit",
    "Eigen scenario's voor Gesprek en route oefenen: YAML-bestanden of mappen daarmee.",
)
DEEL_URL = Setting(
    "WIJKTEAM_DEEL_URL", "url", "serve",
    "Het adres voor deelnemers in de zaal; gezet door `serve --delen`, gebruikt in de deelnamelinks.",
)
CULL_IDLE_SECONDS = Setting(
    "WIJKTEAM_CULL_IDLE_SECONDS", "seconden", "serve",
    "Na zoveel seconden zonder verbinding en activiteit wordt de kernel van een verdwenen pagina gestopt "
    "(standaard 120; een gesloten tabblad stopt zijn kernel meteen).",
)
CULL_INTERVAL_SECONDS = Setting(
    "WIJKTEAM_CULL_INTERVAL_SECONDS", "seconden", "serve",
    "Hoe vaak (seconden) de server naar zulke kernels kijkt (standaard 30).",
)
ZAAL_SLEUTEL = Setting(
    "WIJKTEAM_ZAAL_SLEUTEL", "tekst", "serve",
    "Gezet door `serve` bij de start (willekeurig): hiermee vraagt het trainersdashboard de server om warme "
    "apps voor de zaal. Niet zelf zetten.",
)
HUB_MAP = Setting("WIJKTEAM_HUB_MAP", "map", "hub", "Map voor de gegevens van de hub (standaard /srv/wijkteam-hub).")
HUB_APPS = Setting("WIJKTEAM_HUB_APPS", "map", "hub", "De map `apps/` van de kit op de hub.")
HUB_START = Setting("WIJKTEAM_HUB_START", "tekst", "hub", "De app waarop deelnemers landen (`zrm_oefening`).")
HUB_ADRES = Setting("WIJKTEAM_HUB_ADRES", "url", "hub", "Adres van de hub (standaard http://127.0.0.1:8000).")
HUB_LOGIN = Setting("WIJKTEAM_HUB_LOGIN", "tekst", "hub", "`gedeeld` (één wachtwoord per training) of `native`.")
HUB_WACHTWOORD = Setting("WIJKTEAM_HUB_WACHTWOORD", "tekst", "hub", "Het gedeelde wachtwoord voor deelnemers.")
HUB_BEHEERWACHTWOORD = Setting("WIJKTEAM_HUB_BEHEERWACHTWOORD", "tekst", "hub", "Het wachtwoord voor beheerders.")
HUB_BEHEERDERS = Setting("WIJKTEAM_HUB_BEHEERDERS", "tekst", "hub", "Gebruikersnamen van beheerders, met komma's.")
HUB_STOP_NA_MINUTEN = Setting(
    "WIJKTEAM_HUB_STOP_NA_MINUTEN", "tekst", "hub", "Een ongebruikte server stopt na zoveel minuten (standaard 60)."
)
HUB_TRAINERS = Setting(
    "WIJKTEAM_HUB_TRAINERS", "tekst", "hub",
    "Gebruikersnamen van trainers, met komma's: zij krijgen JupyterLab en lezen hun eigen groepssessies.",
)
HUB_DIENST_GEBRUIKER = Setting(
    "WIJKTEAM_HUB_DIENST_GEBRUIKER", "tekst", "hub",
    "Systeemgebruiker waaronder de antwoordendienst draait als de hub als root start (standaard `wijkteam-dienst`).",
)
HUB_DIENST_ADRES = Setting(
    "WIJKTEAM_HUB_DIENST_ADRES", "url", "hub",
    "Waar de antwoordendienst van de hub luistert (standaard http://127.0.0.1:8011).",
)
ANTWOORDEN_URL = Setting(
    "WIJKTEAM_ANTWOORDEN_URL", "url", "hub",
    "Gezet door de hub in elke gebruikersserver: het adres van de antwoordendienst. De apps bewaren en lezen "
    "antwoorden dan via de dienst (met `JUPYTERHUB_API_TOKEN`), nooit rechtstreeks in de database.",
)

#: Every setting, in the order of the documentation.
SETTINGS: tuple[Setting, ...] = (
    DATA, DATABASE_URL, CASUSES, EIGEN_CASUSSEN, SOCIALE_KAART,
    ZRM_BESCHRIJVINGEN, JARGON, INTERVISIE, COMPETENTIEKADERS, SCENARIOS,
    DEEL_URL, CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS, ZAAL_SLEUTEL,
    HUB_MAP, HUB_APPS, HUB_START, HUB_ADRES, HUB_LOGIN, HUB_WACHTWOORD, HUB_BEHEERWACHTWOORD, HUB_BEHEERDERS,
    HUB_STOP_NA_MINUTEN, HUB_TRAINERS, HUB_DIENST_GEBRUIKER, HUB_DIENST_ADRES,
    ANTWOORDEN_URL,
)  # fmt: skip


def text(setting: Setting, environ: Mapping[str, str] | None = None) -> str:
    """The value without surrounding spaces; ``""`` when unset.

    >>> text(HUB_LOGIN, {"WIJKTEAM_HUB_LOGIN": " native "})
    'native'
    """
    return (os.environ if environ is None else environ).get(setting.name, "").strip()


def path(setting: Setting, environ: Mapping[str, str] | None = None) -> Path | None:
    """The value as a path (``~`` expanded), or None when unset."""
    value = text(setting, environ)
    return Path(value).expanduser() if value else None


def paths(setting: Setting, environ: Mapping[str, str] | None = None) -> list[Path]:
    """The value as a list of paths, separated by ``os.pathsep``; empty entries are skipped."""
    return [Path(p.strip()).expanduser() for p in text(setting, environ).split(os.pathsep) if p.strip()]


def seconds(setting: Setting, default: int, environ: Mapping[str, str] | None = None) -> int:
    """The value as a positive whole number of seconds, else ``default``."""
    value = text(setting, environ)
    return int(value) if value.isdigit() and int(value) > 0 else default


def put(setting: Setting, value: str | Path | list[Path], environ: MutableMapping[str, str] | None = None) -> None:
    """Set a setting for this process and the kernels it starts (``serve`` passes its options on this way).

    >>> env = {}
    >>> put(JARGON, [Path("a.yaml"), Path("b.yaml")], env)
    >>> paths(JARGON, env)
    [PosixPath('a.yaml'), PosixPath('b.yaml')]
    """
    target = os.environ if environ is None else environ
    target[setting.name] = os.pathsep.join(map(str, value)) if isinstance(value, list) else str(value)


def settings_markdown() -> str:
    """A Markdown table of every setting (for ``docs/instellingen.md``).

    >>> settings_markdown().splitlines()[2].startswith("| `WIJKTEAM_DATA` | map | kit |")
    True
    """
    rows = ["| variabele | soort | voor | wat |", "|---|---|---|---|"]
    rows += [f"| `{s.name}` | {s.kind} | {s.scope} | {s.description} |" for s in SETTINGS]
    return "\n".join(rows) + "\n"
