"""The house rules of ../shared/ARCHITECTURE.md that import-linter does not check itself.

The floors (core < draw < ui < app) are import contracts in pyproject.toml, run by ``lint-imports`` in .ci/run.
These tests keep that contract complete and check the rest: no shared private names, a small top level, a face
per package. (One place for SQL: tests/test_store_schema.py.)
"""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "wijkteam_kit"
FLOORS_ABOVE_CORE = {"draw", "ui", "app"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path) -> list[ast.ImportFrom | ast.Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def test_the_core_contract_names_every_core_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    core = next(c for c in contracts if {"wijkteam_kit.draw", "matplotlib"} <= set(c["forbidden_modules"]))
    top = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.name != "__init__.py") or (p.is_dir() and (p / "__init__.py").exists())
    }
    assert {f"wijkteam_kit.{name}" for name in top - FLOORS_ABOVE_CORE} == set(core["source_modules"])


def test_a_small_top_level():
    modules = [p for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= 12, sorted(p.name for p in modules)



def test_no_module_imports_another_modules_private_names():
    offenders = []
    for name, path in _modules().items():
        for node in _imports(path):
            if isinstance(node, ast.ImportFrom) and _absolute(node, name, path.name == "__init__.py").startswith(
                "wijkteam_kit"
            ):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private:
                    offenders.append(f"{name} imports {private} from {node.module}")
    assert offenders == []


def test_every_topic_package_has_a_face_with_all():
    for path in PACKAGE.rglob("__init__.py"):
        if path.parent in (PACKAGE, PACKAGE / "_basis", PACKAGE / "app", PACKAGE / "ui"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.relative_to(ROOT)} needs a docstring"
        assert any(
            isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets) for n in tree.body
        ), f"{path.relative_to(ROOT)} needs __all__"
