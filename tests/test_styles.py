"""Stylesheets are CSS files shipped in the package, and every view still carries its styles."""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import ipywidgets as widgets
import pytest

import wijkteam_kit
from wijkteam_kit.app.server import landing_page
from wijkteam_kit.errors import WijkteamError
from wijkteam_kit.ui.bouwstenen import BouwstenenApp
from wijkteam_kit.ui.common import SHARED_STYLESHEET, style_widget, stylesheet
from wijkteam_kit.ui.competentie_scan import CompetentieScan
from wijkteam_kit.ui.groepssessie import GroepssessieDashboard, GroepssessieDeelname
from wijkteam_kit.ui.intervisie import IntervisieApp
from wijkteam_kit.ui.netwerkatlas import NetwerkatlasApp
from wijkteam_kit.ui.plan_schrijven import PlanSchrijvenApp
from wijkteam_kit.ui.scenario import ScenarioApp
from wijkteam_kit.ui.zrm_oefening import ZrmOefening

PACKAGE = Path(wijkteam_kit.__file__).parent
ROOT = PACKAGE.parent
LOADERS = {"stylesheet", "style_tag", "style_widget"}
HELPER = PACKAGE / "ui" / "common" / "styles.py"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments."""
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }


def requested_stylesheets() -> dict[str, list[str]]:
    """Every stylesheet path the code passes to a loader, with the modules that ask for it.

    An argument that is neither a string literal nor a module-level string constant fails the test: every
    request must be checkable here.
    """
    found: dict[str, list[str]] = {SHARED_STYLESHEET: ["style_widget (unless shared=False)"]}
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _string_constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in LOADERS:
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    sheet = arg.value
                elif isinstance(arg, ast.Name) and arg.id in constants:
                    sheet = constants[arg.id]
                elif path == HELPER:
                    continue  # the helper passes its callers' paths on
                else:
                    raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(arg)} is no literal")
                found.setdefault(sheet, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_requested_stylesheet_is_a_package_resource_and_every_css_file_is_used():
    requested = requested_stylesheets()
    shipped = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.css")}
    assert {"app/landing.css", "ui/netwerkatlas/netwerkatlas.css", "ui/groepssessie/deelname.css"} <= set(requested)
    for sheet, where in requested.items():
        resource = resources.files("wijkteam_kit").joinpath(*sheet.split("/"))
        assert resource.is_file(), f"{sheet} (asked for in {where}) is not in the package"
        assert "wk-" in stylesheet(sheet) or sheet == "app/landing.css"
    assert shipped == set(requested), "a CSS file that no code loads, or a request without a file"


def test_package_data_ships_every_stylesheet():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["wijkteam_kit"]
    shipped = {p for pattern in patterns for p in PACKAGE.glob(pattern)}
    css = set(PACKAGE.rglob("*.css"))
    assert css, "no CSS files found"
    assert css <= shipped, sorted(str(p.relative_to(PACKAGE)) for p in css - shipped)


def test_no_python_module_writes_a_style_tag_except_the_helper():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _modules()
        if path != HELPER
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "<style" in line.lower()
    ]
    assert offenders == []
    assert "<style>" in HELPER.read_text(encoding="utf-8")  # the check looks at the right folder


def test_a_missing_stylesheet_gives_a_dutch_error_naming_it():
    with pytest.raises(WijkteamError, match=r"'ui/common/weg\.css' ontbreekt"):
        stylesheet("ui/common/weg.css")
    with pytest.raises(WijkteamError, match="ontbreekt"):
        stylesheet("ui/common/styles.py")  # only CSS files are stylesheets


def test_each_style_widget_is_new_and_the_shared_sheet_comes_first():
    first, second = style_widget("ui/plan_schrijven/plan_schrijven.css"), style_widget()
    assert first is not second
    value = first.value
    assert value.startswith("<style>\n") and value.endswith("</style>")
    assert value.index(stylesheet(SHARED_STYLESHEET)) < value.index(stylesheet("ui/plan_schrijven/plan_schrijven.css"))
    assert second.value == f"<style>\n{stylesheet(SHARED_STYLESHEET)}</style>"


def test_the_landing_page_inlines_its_stylesheet():
    page = landing_page([])
    assert stylesheet("app/landing.css") in page
    assert "a.app:hover { border-color: #0969da;" in page


def _sessie_factory():
    raise AssertionError("building the session block must not open the store")


VIEWS: list[tuple[str, Callable[[Path], widgets.Widget], str | None, str]] = [
    ("zrm", lambda tmp: ZrmOefening(store=tmp / "s.db", environ={}).widget, None, ".wk-niveaus tr.wk-gekozen td"),
    ("netwerkatlas", lambda tmp: NetwerkatlasApp(store=tmp / "s.db", environ={}).widget,
     "ui/netwerkatlas/netwerkatlas.css", ".wk-signalen li.wk-ernst-letop"),
    ("plan", lambda tmp: PlanSchrijvenApp(store=tmp / "s.db", environ={}).widget,
     "ui/plan_schrijven/plan_schrijven.css", ".wk-regel.wk-status-ontbreekt"),
    ("competenties", lambda tmp: CompetentieScan(tmp / "s.db").widget,
     "ui/competentie_scan/competentie_scan.css", ".wk-schaal .mod-active"),
    ("intervisie", lambda tmp: IntervisieApp(store=tmp / "s.db").widget,
     "ui/intervisie/intervisie.css", ".wk-intervisie .wk-rollen .widget-dropdown"),
    ("bouwstenen", lambda tmp: BouwstenenApp(tmp / "s.db").widget,
     "ui/bouwstenen/bouwstenen.css", ".wk-bevindingen .wk-soort"),
    ("scenario", lambda tmp: ScenarioApp().widget, "ui/scenario/scenario.css", ".wk-feedbackblok.wk-oordeel-goed"),
    ("dashboard", lambda tmp: GroepssessieDashboard(tmp / "s.db").widget,
     "ui/groepssessie/groepssessie.css", ".wk-sessie-figuur svg"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "build", "sheet", "selector"), VIEWS, ids=[v[0] for v in VIEWS])
def test_app_views_start_with_the_shared_then_their_own_stylesheet(tmp_path, name, build, sheet, selector):
    view = build(tmp_path)
    style = view.children[0]
    assert "wk-stijl" in style._dom_classes
    value = style.value
    assert ".wk-kaart {" in value and ".wk-app h2" in value  # the shared sheet
    assert selector + " {" in value
    if sheet is not None:
        assert selector in stylesheet(sheet)
        assert value.index(".wk-kaart {") < value.index(stylesheet(sheet))
    assert not (tmp_path / "s.db").exists()  # building a view still writes nothing


def test_the_session_block_brings_only_its_own_stylesheet():
    block = GroepssessieDeelname(_sessie_factory, "plan", environ={})
    style = block.widget.children[0]
    assert "wk-stijl" in style._dom_classes
    assert ".wk-sessie-banner-tekst {" in style.value and ".wk-sessie-poll { display: none !important; }" in style.value
    assert ".wk-kaart {" not in style.value  # the app around it has the shared rules already, earlier in the page


def test_the_faces_no_longer_offer_the_old_style_constants():
    import wijkteam_kit.ui.bouwstenen as bouwstenen
    import wijkteam_kit.ui.common as common
    import wijkteam_kit.ui.competentie_scan as competentie_scan
    import wijkteam_kit.ui.groepssessie as groepssessie
    import wijkteam_kit.ui.intervisie as intervisie
    import wijkteam_kit.ui.netwerkatlas as netwerkatlas
    import wijkteam_kit.ui.plan_schrijven as plan_schrijven

    old = {"STYLE", "APP_STYLE", "CSS", "PANEL_CSS", "SESSIE_STYLE"}
    for face in (bouwstenen, common, competentie_scan, groepssessie, intervisie, netwerkatlas, plan_schrijven):
        assert not old & set(face.__all__), face.__name__
        assert not old & set(vars(face)), face.__name__
    assert {"style_widget", "stylesheet", "style_tag", "SHARED_STYLESHEET"} <= set(common.__all__)
