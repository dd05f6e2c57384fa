"""Team reflection with the bouwstenenmodel: the six building blocks, the rules and the startdocument.

Examples
--------
>>> from wijkteam_kit.bouwstenen import load_model
>>> len(load_model().bouwstenen)
6
"""

from wijkteam_kit.errors import (
    BouwstenenError,
)

from .document import (
    check,
    startdocument,
)
from .model import (
    SOORT,
    SOORTEN,
    TYPES,
    Antwoorden,
    Bevinding,
    Bouwsteen,
    Bouwstenenmodel,
    Optie,
    Vraag,
    load_model,
)
from .regels import (
    MAX_TEAMGROOTTE,
    REGELS,
    collectief_zonder_tijd,
    diepte_zonder_verdieping,
    dubbele_loyaliteit,
    financiering_onduidelijk,
    geen_gedeeld_beeld,
    integraal_zonder_leiding,
    integraal_zonder_mandaat,
    moreel_beraad_nooit,
    plan_van_professional,
    snelle_resultaten,
    team_te_groot,
    zorgen_voor,
)

__all__ = [
    "MAX_TEAMGROOTTE",
    "REGELS",
    "SOORT",
    "SOORTEN",
    "TYPES",
    "Antwoorden",
    "Bevinding",
    "Bouwsteen",
    "BouwstenenError",
    "Bouwstenenmodel",
    "Optie",
    "Vraag",
    "check",
    "collectief_zonder_tijd",
    "diepte_zonder_verdieping",
    "dubbele_loyaliteit",
    "financiering_onduidelijk",
    "geen_gedeeld_beeld",
    "integraal_zonder_leiding",
    "integraal_zonder_mandaat",
    "load_model",
    "moreel_beraad_nooit",
    "plan_van_professional",
    "snelle_resultaten",
    "startdocument",
    "team_te_groot",
    "zorgen_voor",
]
