"""Intervision: methods, the step runner, a meeting (`Bijeenkomst`), dilemma cards and the basisteam sheet.

A *bijeenkomst* is one run of an intervision method or a meedenkbijeenkomst: who holds which role, the
timer of every step (``stappen``) and what was written. (A *groepssessie* is something else: a trainer's
session in which a group scores one casus, see :mod:`wijkteam_kit.groepssessie`.)

Examples
--------
>>> from wijkteam_kit.intervisie import load_method
>>> load_method("incidentmethode").naam
'Incidentmethode (10 rondes)'
"""

from wijkteam_kit.errors import (
    BasisteamError,
    IntervisieError,
    KaartError,
    StappenError,
)

from .basisteam import (
    Afspraak,
    BasisteamBlad,
    Contactpersoon,
    Lid,
    basisteam_document,
    blad_from_payload,
    blad_problemen,
    blad_to_payload,
    blad_voor_casus,
    netwerkleden,
    voorstel_basisteam,
)
from .bijeenkomst import (
    Bijeenkomst,
    Taak,
    bijeenkomst_concept,
    bijeenkomst_document,
    bijeenkomst_payload,
    bijeenkomst_uit_concept,
)
from .dilemmakaarten import (
    DILEMMA_FILE,
    Dilemmakaart,
    dilemma_cards,
    draw_card,
)
from .methodes import (
    Methode,
    Rol,
    Stap,
    available_methods,
    load_method,
    rol_problemen,
    rolverdeling,
)
from .stappen import (
    BIJNA_FRACTIE,
    BIJNA_SECONDEN,
    Clock,
    StapRunner,
    StapStatus,
    StapTijd,
    Tijdfase,
    klok,
    overtijd_tekst,
)

__all__ = [
    "BIJNA_FRACTIE",
    "BIJNA_SECONDEN",
    "DILEMMA_FILE",
    "Afspraak",
    "BasisteamBlad",
    "BasisteamError",
    "Bijeenkomst",
    "Clock",
    "Contactpersoon",
    "Dilemmakaart",
    "IntervisieError",
    "KaartError",
    "Lid",
    "Methode",
    "Rol",
    "Stap",
    "StapRunner",
    "StapStatus",
    "StapTijd",
    "StappenError",
    "Taak",
    "Tijdfase",
    "available_methods",
    "basisteam_document",
    "bijeenkomst_concept",
    "bijeenkomst_document",
    "bijeenkomst_payload",
    "bijeenkomst_uit_concept",
    "blad_from_payload",
    "blad_problemen",
    "blad_to_payload",
    "blad_voor_casus",
    "dilemma_cards",
    "draw_card",
    "klok",
    "load_method",
    "netwerkleden",
    "overtijd_tekst",
    "rol_problemen",
    "rolverdeling",
    "voorstel_basisteam",
]
