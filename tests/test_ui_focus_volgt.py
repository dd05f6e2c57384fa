"""Where the keyboard focus goes next, on the Python side: the classes the page's script (toegankelijk.js) reads.

The browser half (the focus really lands there) is tests/test_browser_toetsenbord_apps.py; these checks are quick.
"""

from __future__ import annotations

from wijkteam_kit.store import Store
from wijkteam_kit.ui.bouwstenen import BouwstenenApp
from wijkteam_kit.ui.casus_maken import CasusMakenApp
from wijkteam_kit.ui.intervisie import IntervisieApp
from wijkteam_kit.ui.scenario import ScenarioApp

NOW = "wk-focus-nu"
TARGET = "wk-focusdoel"


def test_bouwstenen_next_block_focuses_its_heading_but_the_row_of_blocks_keeps_the_focus():
    app = BouwstenenApp(store=Store(":memory:"))
    headings = [page[0] for page in app.pages]
    assert all(TARGET in h._dom_classes for h in headings)
    app.next_button.click()
    assert app.page == 1
    assert [NOW in h._dom_classes for h in headings[:3]] == [False, True, False]
    app.steps.value = 3  # the row of blocks (arrow keys): the focus stays there
    assert app.page == 3 and not any(NOW in h._dom_classes for h in headings)


def test_scenario_focus_goes_to_the_moment_and_at_the_end_to_the_debrief():
    app = ScenarioApp()
    app.start_button.click()
    assert TARGET in app.moment_html._dom_classes and NOW in app.moment_html._dom_classes
    app.play_recommended()
    assert TARGET not in app.moment_html._dom_classes  # empty now
    assert {TARGET, NOW} <= set(app.debrief_html._dom_classes)
    app.start_button.click()
    assert TARGET in app.moment_html._dom_classes


def test_casus_maken_new_member_takes_the_focus(tmp_path):
    app = CasusMakenApp(folder=tmp_path, delay=0)
    app.add_member_button.click()
    app.add_member_button.click()
    assert NOW in app.fields["huishouden[1].naam"]._dom_classes
    assert NOW not in app.fields["huishouden[0].naam"]._dom_classes


def test_intervisie_roles_are_not_reset_while_names_are_typed_and_the_step_title_is_a_focus_target():
    app = IntervisieApp(library=[], store=Store(":memory:"))
    app.names.value = "Kim\nAli\nBo"
    role = app.role_choices["inbrenger"]
    role.value = "Kim"
    changes = []
    role.observe(changes.append, "options")
    app.names.value = "Kim\nAli\nBo\n"  # another key, the same names: the list is not sent again
    assert changes == [] and role.value == "Kim"
    app.names.value = "Kim\nAli\nBo\nDe"
    assert len(changes) == 1 and role.value == "Kim"
    assert TARGET in app.panel.title._dom_classes and TARGET in app.kind._dom_classes  # a step; a new meeting
