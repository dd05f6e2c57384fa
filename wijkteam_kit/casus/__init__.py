"""The casus library: fictional households as YAML files, validated by one schema.

A casus holds the story, the household, the network, reference ZRM scores, a reference plan, learning questions
and dilemmas, optionally the safety route along the meldcode (``veiligheid``), and optionally a later moment T1
(the evaluation phase, with its own reference).
:func:`load_library` reads ``casuses/`` (or ``$WIJKTEAM_CASUSES``); :func:`check_files` reports every problem of
every file with file, line and field.

Examples
--------
>>> from wijkteam_kit.casus import load_library
>>> casus = next(c for c in load_library() if c.id == "mantelzorg-dementie")
>>> casus.version().id
'zrm2013'
"""

from wijkteam_kit.errors import (
    CasusError,
)

from .checks import (
    cross_checks,
    doc_text,
)
from .model import (
    Casus,
    EvaluatieAntwoorden,
    Referentieplan,
    Veiligheidsroute,
    Vervolgmoment,
    check_files,
    default_library_dir,
    load_casus,
    load_library,
)

__all__ = [
    "Casus",
    "CasusError",
    "EvaluatieAntwoorden",
    "Referentieplan",
    "Veiligheidsroute",
    "Vervolgmoment",
    "check_files",
    "cross_checks",
    "default_library_dir",
    "doc_text",
    "load_casus",
    "load_library",
]
