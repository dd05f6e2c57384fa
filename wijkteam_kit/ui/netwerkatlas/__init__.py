"""The Netwerkatlas app: map a client's network with forms; the five instruments draw along."""

from .app import (
    INSTRUMENTS,
    NetwerkatlasApp,
)
from .client_formulieren import (
    ClientForm,
    EventForm,
)
from .formulieren import (
    PersonForm,
    TieForm,
)

__all__ = [
    "INSTRUMENTS",
    "ClientForm",
    "EventForm",
    "NetwerkatlasApp",
    "PersonForm",
    "TieForm",
]
