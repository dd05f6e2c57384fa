"""The settings module is the one place WIJKTEAM_* variables are named and read."""

import ast
import re
from pathlib import Path

from wijkteam_kit import settings

ROOT = Path(__file__).resolve().parents[1]


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def test_no_module_names_a_variable_itself():
    offenders = []
    for path in (ROOT / "wijkteam_kit").rglob("*.py"):
        if path.name == "settings.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstring_nodes(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and re.search(r"\bWIJKTEAM_[A-Z_]+\b", node.value)
                and not node.value.startswith("HTTP_")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    assert offenders == []


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "instellingen.md").read_text(encoding="utf-8")
    assert settings.settings_markdown() in doc


def test_names_are_unique_and_prefixed():
    names = [s.name for s in settings.SETTINGS]
    assert len(names) == len(set(names))
    assert all(n.startswith("WIJKTEAM_") for n in names)


def test_seconds_and_paths(tmp_path):
    env = {"WIJKTEAM_CULL_IDLE_SECONDS": "30", "WIJKTEAM_INTERVISIE": f"{tmp_path}"}
    assert settings.seconds(settings.CULL_IDLE_SECONDS, 900, env) == 30
    assert settings.seconds(settings.CULL_INTERVAL_SECONDS, 60, env) == 60
    assert settings.paths(settings.INTERVISIE, env) == [tmp_path]
    assert settings.path(settings.DATA, {}) is None
