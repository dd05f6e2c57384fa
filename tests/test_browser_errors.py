"""What a user sees when something breaks: a Dutch message in the page, details in the server log."""

import shutil

import nbformat
import pytest
from playwright.sync_api import expect

from .conftest import ROOT, Server

pytestmark = pytest.mark.browser

FAILING_APP = """\
import wijkteam_kit.ui.zrm_oefening.app as view

def broken_feedback(*args):
    raise ZeroDivisionError("test: kapotte terugkoppeling")

view.feedback = broken_feedback
app = view.ZrmOefening()
app.casus_choice.value = "administratie-taal"
app.start_button.click()
for domain_id in app.version.domain_ids:
    app.choose_level(domain_id, 3)
app.ladder.value = 2
app.widget
"""


def _notebook(folder, name, source):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, folder / name)


def test_error_in_a_callback_shows_a_dutch_message_and_is_logged(browser, tmp_path):
    _notebook(tmp_path, "kapot.ipynb", FAILING_APP)
    srv = Server(apps_dir=tmp_path)
    try:
        page = browser.new_page()
        page.goto(srv.url + "voila/render/kapot.ipynb")
        page.get_by_role("button", name="Inleveren").click(timeout=120_000)
        expect(page.locator(".wk-fout")).to_contain_text("Er ging iets mis in de app. Je invoer is bewaard")
        assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        assert "ZeroDivisionError" not in page.content()  # no traceback in the page
        expect(page.locator(".wk-nav-knop").first).to_contain_text("✓")  # scores still there
        page.close()
    finally:
        srv.stop()
    log = srv.output()
    assert "ZeroDivisionError: test: kapotte terugkoppeling" in log and "Fout in _on_submit" in log


def test_broken_casus_library_is_explained_in_the_app(browser, tmp_path):
    casuses = tmp_path / "casuses"
    casuses.mkdir()
    shutil.copy(ROOT / "casuses" / "mantelzorg-dementie.yaml", casuses)
    (casuses / "kapot.yaml").write_text("id: kapot\ntitel: [\n", encoding="utf-8")
    srv = Server(env={"WIJKTEAM_CASUSES": str(casuses)})
    try:
        page = browser.new_page()
        page.goto(srv.url + "voila/render/zrm_oefening.ipynb")
        message = page.locator(".wk-fout")
        expect(message).to_contain_text("De casusbibliotheek kon niet geladen worden", timeout=120_000)
        expect(message).to_contain_text("kapot.yaml")
        expect(page.get_by_role("button", name="Begin met scoren")).to_be_disabled()
        page.close()
    finally:
        srv.stop()
    assert "Casusbibliotheek" in srv.output()
