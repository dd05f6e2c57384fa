"""The Plan van Aanpak: the household's own plan, its export, language checks and feedback rules.

``model`` (the plan and its payload), ``export`` (Markdown and PDF document), ``taal`` (jargon, ik/wij form,
vague words) and ``regels`` (one rule per quality criterion, each with its reason).

Examples
--------
>>> from wijkteam_kit.plan import Plan, feedback
>>> statuses = {f.regel: f.status for f in feedback(Plan())}
>>> statuses["regisseur"]
'ontbreekt'
"""

from wijkteam_kit.errors import (
    PlanError,
)

from .export import (
    KOPPEN,
    STAPPEN_THUIS,
    datum_tekst,
    plan_bestandsnaam,
    plan_document,
    plan_markdown,
)
from .model import (
    SOORT,
    WMO_LABELS,
    WMO_STAPPEN,
    Actie,
    BewaardPlan,
    Doel,
    Geparkeerd,
    Oplossing,
    Plan,
    Probleem,
    Resultaat,
    WmoStap,
    bewaar_plan,
    bewaarde_plannen,
    deelnemer_voor,
)
from .regels import (
    REGELS,
    Feedback,
    feedback,
    status_counts,
    vergelijk_met_referentie,
)
from .sociale_kaart import (
    SocialeKaart,
    Voorziening,
    load_sociale_kaart,
    read_sociale_kaart,
)
from .taal import (
    JargonHit,
    JargonWoord,
    find_jargon,
    first_person,
    future_marker,
    has_measure,
    jargon_files,
    load_jargon,
    negative_phrase,
    observable_marker,
    professional_view,
    vague_word,
)

__all__ = [
    "KOPPEN",
    "REGELS",
    "SOORT",
    "STAPPEN_THUIS",
    "WMO_LABELS",
    "WMO_STAPPEN",
    "Actie",
    "BewaardPlan",
    "Doel",
    "Feedback",
    "Geparkeerd",
    "JargonHit",
    "JargonWoord",
    "Oplossing",
    "Plan",
    "PlanError",
    "Probleem",
    "Resultaat",
    "SocialeKaart",
    "Voorziening",
    "WmoStap",
    "bewaar_plan",
    "bewaarde_plannen",
    "datum_tekst",
    "deelnemer_voor",
    "feedback",
    "find_jargon",
    "first_person",
    "future_marker",
    "has_measure",
    "jargon_files",
    "load_jargon",
    "load_sociale_kaart",
    "negative_phrase",
    "observable_marker",
    "plan_bestandsnaam",
    "plan_document",
    "plan_markdown",
    "professional_view",
    "read_sociale_kaart",
    "status_counts",
    "vague_word",
    "vergelijk_met_referentie",
]
