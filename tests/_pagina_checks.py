"""Checks run inside an app's page by the browser tests: axe-core and clipped controls (:class:`Checks`).

axe-core comes from the npm registry (``npm install --prefix .venv/axe axe-core@4.14.1``, done by ``.ci/run``);
:func:`axe_path` finds it, or the path in ``$WIJKTEAM_TEST_AXE``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

AXE_VERSION = "4.14.1"

# Rules switched off, each with its reason (also in docs/toegankelijkheid.md):
AXE_EXCLUDED: dict[str, str] = {}


def axe_path() -> Path:
    """Where ``axe.min.js`` is: ``$WIJKTEAM_TEST_AXE``, else ``<venv>/axe/node_modules/axe-core/axe.min.js``."""
    given = os.environ.get("WIJKTEAM_TEST_AXE")
    if given:
        return Path(given)
    return Path(sys.prefix) / "axe" / "node_modules" / "axe-core" / "axe.min.js"


AXE_RUN = """async (excluded) => {
  const rules = {};
  for (const id of excluded) { rules[id] = {enabled: false}; }
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
    "wcag21aa", "best-practice"]}, rules});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 6).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").slice(0, 160))}));
}"""


def axe_violations(page, excluded=tuple(AXE_EXCLUDED)) -> list[dict]:
    """axe-core's violations on ``page`` (injected once per page load)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    return page.evaluate(AXE_RUN, list(excluded))


def serious(violations: list[dict]) -> list[dict]:
    """The critical and serious ones."""
    return [v for v in violations if v["impact"] in ("critical", "serious")]


CLIPPED = (Path(__file__).parent / "_afgekapt.js").read_text(encoding="utf-8")


def clipped_controls(page) -> list[dict]:
    """Every visible control on ``page`` that is cut off: text wider than its box, or a box outside its panel."""
    return page.evaluate(CLIPPED)


WIDTHS = (768, 1024, 1366, 1920)
FEW_WIDTHS = (768, 1366)  # a tablet upright and the most common laptop: for a test that must be quicker still
# (every state of tests/test_browser_toegankelijk.py runs at all four WIDTHS: ~0.05 s per width)


class Checks:
    """Collects, per state of one app, the serious axe violations and the cut-off controls per width.

    Used by tests/test_browser_toegankelijk.py and, for the in-between states (error messages, a group session's
    participant side, the intervision report), by the app's own browser test on a page it opens anyway.
    """

    def __init__(self, page, app: str) -> None:
        self.page, self.app, self.problems, self.states = page, app, [], []
        self.seconds = {"axe": 0.0, "layout": 0.0}  # what the checks cost (printed by done())

    def state(self, name: str, *, layout: bool = True, widths: tuple[int, ...] = WIDTHS) -> None:
        self.states.append(name)
        start = time.monotonic()
        found = axe_violations(self.page)
        self.seconds["axe"] += time.monotonic() - start
        lesser = sorted({f"{v['id']} ({v['impact']})" for v in found if v not in serious(found)})
        print(f"axe {self.app}/{name}: {len(serious(found))} kritiek/ernstig; lichter: {', '.join(lesser) or 'geen'}")
        for v in serious(found):
            self.problems.append(
                f"{self.app}/{name}: axe {v['impact']} {v['id']} ({v['help']}): {v['nodes'][:3]}"
            )
        if layout:
            self.layout(name, widths)

    def layout(self, name: str, widths: tuple[int, ...] = WIDTHS) -> None:
        start, size = time.monotonic(), self.page.viewport_size
        for width in widths:
            self.page.set_viewport_size({"width": width, "height": 900})
            self.wait_for_width(width)
            cut = clipped_controls(self.page)
            if cut:
                self.problems.append(f"{self.app}/{name} bij {width}px afgekapt: {cut[:6]}")
        self.page.set_viewport_size(size)
        self.wait_for_width(size["width"])
        self.seconds["layout"] += time.monotonic() - start

    def wait_for_width(self, width: int) -> None:
        """Until Voila's page shell (a Lumino panel, sized on a later frame) has the window's new width."""
        self.page.wait_for_function(
            f"window.innerWidth === {width} && (r => r.width <= {width} && r.width >= {width} - 40)"
            "(document.getElementById('rendered_cells').getBoundingClientRect())"
        )

    def done(self) -> None:
        print(f"{self.app}: {len(self.states)} schermen; axe {self.seconds['axe']:.1f} s, breedtes"
              f" {self.seconds['layout']:.1f} s")
        assert self.page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        assert not self.problems, "\n".join(self.problems)
