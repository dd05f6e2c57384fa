"""Access to the reference data shipped inside the package (``wijkteam_kit/data``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_path"]


def data_path(*parts: str) -> Path:
    """Path of a file or folder under ``wijkteam_kit/data``.

    >>> data_path("zrm").name
    'zrm'
    """
    return Path(str(resources.files("wijkteam_kit").joinpath("data", *parts)))
