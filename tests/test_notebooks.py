"""Every notebook in apps/ and notebooks/ is executed; an error in any cell fails the suite."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted([*(ROOT / "apps").glob("*.ipynb"), *(ROOT / "notebooks").glob("*.ipynb")])


def test_there_are_notebooks_to_run():
    assert any(p.parent.name == "apps" for p in NOTEBOOKS)
    assert any(p.parent.name == "notebooks" for p in NOTEBOOKS)


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_runs_without_errors(path):
    nb = nbformat.read(path, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "commit notebooks without outputs"
    )
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            assert output.get("name") != "stderr" or "Warning" in output.get("text", ""), output.get("text")


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent.name == "apps"], ids=lambda p: p.name)
def test_apps_are_thin_and_described(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) <= 3 and sum(len(c.source.splitlines()) for c in code) <= 10
    meta = nb.metadata["wijkteam"]
    assert meta["titel"] and len(meta["omschrijving"]) > 20
