"""The netwerkatlas: a client's social network as data, analysis and drawings (phase 2 of SNV).

Modules: :mod:`.model` (the data), :mod:`.checks` (reference checks), :mod:`.io` (casus, JSON, GraphML,
egor CSV), :mod:`.networkcanvas` (a Network Canvas export and its mapping), :mod:`.analyse` (measures and
social-work signals), :mod:`.layout` (placement for the drawings).
"""

from wijkteam_kit.netwerk.model import (
    CLIENT_ID,
    FREQUENTIES,
    KWALITEITEN,
    RELATIES,
    SECTOREN,
    STEUNFUNCTIES,
    Afstamming,
    Band,
    Client,
    Gebeurtenis,
    Koppel,
    Netwerkatlas,
    Persoon,
)

__all__ = [
    "CLIENT_ID",
    "FREQUENTIES",
    "KWALITEITEN",
    "RELATIES",
    "SECTOREN",
    "STEUNFUNCTIES",
    "Afstamming",
    "Band",
    "Client",
    "Gebeurtenis",
    "Koppel",
    "Netwerkatlas",
    "Persoon",
]
