"""Checks run inside an app's page by the browser tests: axe-core and clipped controls.

axe-core comes from the npm registry (``npm install --prefix .venv/axe axe-core@4.14.1``, done by ``.ci/run``);
:func:`axe_path` finds it, or the path in ``$WIJKTEAM_TEST_AXE``.
"""

from __future__ import annotations

import os
import sys
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
