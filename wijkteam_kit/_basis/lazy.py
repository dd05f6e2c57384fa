"""Package faces that import a submodule only when one of its names is first used (PEP 562).

An app kernel should load only what its app needs: the ZRM exercise imports the join block of
``wijkteam_kit.ui.groepssessie``, and an eager face would pull in the trainer's dashboard and with it
matplotlib (about 30 MB per kernel, 30 kernels in a room). A lazy face keeps ``from package import Name``
working for apps, notebooks and tests, and imports the submodule that defines ``Name`` at that moment.

Which submodule defines a name is read from the submodules' ``__all__`` (parsed, not imported).

Examples
--------
>>> getattr_, dir_ = lazy_face("wijkteam_kit._basis", ["excel_csv"])
>>> getattr_("is_number")(35)
True
>>> "is_number" in dir_()
True
>>> getattr_("niet_bestaand")
Traceback (most recent call last):
...
AttributeError: module 'wijkteam_kit._basis' has no attribute 'niet_bestaand'
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["lazy_face"]


def _names(path: Path) -> list[str]:
    """The strings in a module's top-level ``__all__`` (without importing it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return [e.value for e in getattr(node.value, "elts", []) if isinstance(e, ast.Constant)]
    return []


def lazy_face(package: str, submodules: Sequence[str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for the face of ``package``, serving the ``__all__`` of ``submodules``."""

    @cache
    def where() -> dict[str, str]:
        folder = Path(sys.modules[package].__file__).parent if package in sys.modules else None
        if folder is None:
            folder = Path(importlib.import_module(package).__file__).parent
        found: dict[str, str] = {}
        for sub in submodules:
            path = folder / f"{sub}.py"
            for name in _names(path if path.exists() else folder / sub / "__init__.py"):
                found.setdefault(name, sub)
        return found

    def __getattr__(name: str) -> Any:
        sub = where().get(name)
        if sub is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{sub}"), name)
        setattr(sys.modules[package], name, value)  # the next lookup is an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(where()) | set(vars(sys.modules[package])))

    return __getattr__, __dir__
