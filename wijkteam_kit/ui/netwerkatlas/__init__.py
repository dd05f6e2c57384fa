"""The Netwerkatlas app: map a client's network with forms; the five instruments draw along."""

from .app import (
    INSTRUMENTS,
    NetwerkatlasApp,
)
from .formulieren import (
    ClientForm,
    EventForm,
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
