"""The verdict of one plan rule (:class:`Feedback`) and small text helpers the rules share.

Examples
--------
>>> f = Feedback("regisseur", "Eén regisseur", "ontbreekt", "Er is nog geen regisseur.", "regisseur")
>>> f.status, f.in_orde
('ontbreekt', False)
>>> join(["Ans", "Riet", "Fatima"]), quote("Ik ben moe   en boos", 12)
('Ans, Riet en Fatima', "'Ik ben moe …'")
>>> sentence("doel 1 zegt 'Gerda is moe'")
"Doel 1 zegt 'Gerda is moe'"
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wijkteam_kit.document import join_dutch

__all__ = ["STATUSSEN", "Feedback", "Status", "join", "quote", "sentence"]

Status = Literal["in orde", "let op", "ontbreekt"]
#: The three statuses, from good to missing.
STATUSSEN: tuple[str, ...] = ("in orde", "let op", "ontbreekt")


@dataclass(frozen=True)
class Feedback:
    """The verdict of one rule.

    Attributes
    ----------
    regel : str
        Id of the rule (``"netwerk"``).
    titel : str
        Short Dutch title of the rule.
    status : {"in orde", "let op", "ontbreekt"}
        Green, amber or red in the app.
    uitleg : str
        Plain Dutch explanation that includes the reason.
    waar : str
        The element(s) it is about, as in the error paths of :mod:`wijkteam_kit.plan` (``"acties[2].wie"``),
        comma-separated; empty for the plan as a whole.
    """

    regel: str
    titel: str
    status: Status
    uitleg: str
    waar: str = ""

    @property
    def in_orde(self) -> bool:
        """Whether the rule is satisfied."""
        return self.status == "in orde"


def quote(text: str, limit: int = 60) -> str:
    """The text between single quotes, shortened to ``limit`` characters."""
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 2].rstrip() + ' …'}'"


join = join_dutch
"""Items as a Dutch enumeration: 'a', 'a en b', 'a, b en c' (:func:`~wijkteam_kit.document.join_dutch`)."""


def sentence(text: str) -> str:
    """The text with its first letter in upper case (the rest unchanged, unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]
