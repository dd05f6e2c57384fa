"""Group sessions: a trainer opens a session on one casus, participants join with a code and hand in.

``sessies`` (create, join, hand in), ``model`` (records, errors, codes), ``trainer`` (watch, close, reveal,
round two, delete), ``persoonlijk`` (the kit-wide personal code and calibration records), ``ronde`` (round
two compared with round one), ``limiet`` (failed attempts), ``analyse`` (the group picture per exercise) and
``export`` (CSV and hand-out); ``antwoorden`` and ``opdehub`` (the same calls through a hub's answers
service). The SQL lives in :mod:`wijkteam_kit.store.groepssessies` and :mod:`wijkteam_kit.store.persoonlijk`.

Examples
--------
>>> from wijkteam_kit.groepssessie import OEFENINGEN
>>> OEFENINGEN
('zrm', 'netwerkatlas', 'plan', 'evaluatie', 'scenario')

A lazy face (:mod:`wijkteam_kit._basis.lazy`): a submodule is imported when one of its names is first used,
so an app kernel loads only what its app needs.
"""

from typing import TYPE_CHECKING

from wijkteam_kit._basis.lazy import lazy_face
from wijkteam_kit.errors import (
    GeenToegang,
    GroepssessieError,
    NaamBezet,
    TeVeelPogingen,
)

if TYPE_CHECKING:
    from .antwoorden import (
        ACTIES,
        EIGENAAR_SOORT,
        Antwoorden,
        HubAntwoorden,
        LokaleAntwoorden,
        antwoorden_voor,
    )
    from .export import handout_document, session_csv
    from .limiet import SOORTEN, Limieten, record_failure, stamp, wait_seconds
    from .model import (
        OEFENING_NAMEN,
        OEFENINGEN,
        Aanmelding,
        Client,
        Deelname,
        Groepssessie,
        NieuweSessie,
        gone,
        new_secret,
        normalise_code,
    )
    from .opdehub import SessiesViaDienst, TrainerViaDienst, op_een_hub, sessies_voor
    from .persoonlijk import (
        FOUT_PERSOONLIJK,
        HUB_MERK,
        KALIBRATIE_SOORT,
        NieuweCode,
        PersoonlijkeCodes,
        concept_soort,
        find_by_code,
        new_herstelcode,
        unique_code,
    )
    from .ronde import round_comparison, round_two_blocks
    from .sessies import STANDAARD_LIMIETEN, Groepssessies
    from .trainer import TrainerToegang, session_json

__all__ = [
    "ACTIES",
    "EIGENAAR_SOORT",
    "FOUT_PERSOONLIJK",
    "HUB_MERK",
    "KALIBRATIE_SOORT",
    "OEFENINGEN",
    "OEFENING_NAMEN",
    "SOORTEN",
    "STANDAARD_LIMIETEN",
    "Aanmelding",
    "Antwoorden",
    "Client",
    "Deelname",
    "GeenToegang",
    "Groepssessie",
    "GroepssessieError",
    "Groepssessies",
    "HubAntwoorden",
    "Limieten",
    "LokaleAntwoorden",
    "NaamBezet",
    "NieuweCode",
    "NieuweSessie",
    "PersoonlijkeCodes",
    "SessiesViaDienst",
    "TeVeelPogingen",
    "TrainerToegang",
    "TrainerViaDienst",
    "antwoorden_voor",
    "concept_soort",
    "find_by_code",
    "gone",
    "handout_document",
    "new_herstelcode",
    "new_secret",
    "normalise_code",
    "op_een_hub",
    "record_failure",
    "round_comparison",
    "round_two_blocks",
    "sessies_voor",
    "session_csv",
    "session_json",
    "stamp",
    "unique_code",
    "wait_seconds",
]

__getattr__, __dir__ = lazy_face(
    __name__, ["antwoorden", "export", "limiet", "model", "opdehub", "persoonlijk", "ronde", "sessies", "trainer"]
)
