"""Sections of the plan form: rows with a trash button and a "+ toevoegen" button under them.

Each :class:`Row` keeps a stable key (links between sections point to keys, not to positions); the label in
front of it ("Probleem 2") is renumbered when rows are added or removed. :class:`Rows` does not know what a
row holds: ``make`` builds the input widgets of a new row and ``blank`` says whether a row is left empty.

Examples
--------
>>> rows = Rows("kracht", "Wat goed gaat", "Noem krachten.", "kracht",
...             lambda: {"tekst": text_field("Wat goed gaat", "wk-kracht-tekst", area=False)},
...             lambda w: not w["tekst"].value.strip())
>>> first, second = rows.add(), rows.add({"tekst": "kookt graag"})
>>> [(i, row.key) for i, row in rows.filled()], rows.options()
([(1, 2)], [('Kracht 1', 1), ('Kracht 2', 2)])
>>> rows.remove(first.key)
>>> rows.options(), second.label.value
([('Kracht 1', 2)], '<b>Kracht 1</b>')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from wijkteam_kit.ui.common.widgets import esc

__all__ = ["Row", "Rows", "dropdown", "text_field"]


@dataclass
class Row:
    """One row of a section: a stable key, its input widgets and the row box."""

    key: int
    widgets: dict[str, widgets.Widget]
    label: widgets.HTML
    box: widgets.HBox


class Rows:
    """A section with rows and a "+ toevoegen" button; ``changed`` is called after a row is added or removed."""

    def __init__(
        self,
        name: str,
        title: str,
        hint: str,
        noun: str,
        make: Callable[[], dict[str, widgets.Widget]],
        blank: Callable[[dict[str, widgets.Widget]], bool],
    ) -> None:
        self.name, self.noun, self._make, self.blank = name, noun, make, blank
        self.rows: list[Row] = []
        self.changed: Callable[[], None] = lambda: None
        self._next = 1
        self.box = widgets.VBox()
        self.add_button = widgets.Button(description=f"+ {noun} toevoegen", layout={"width": "auto"})
        self.add_button.add_class(f"wk-{name}-toevoegen")
        self.add_button.on_click(lambda _b: self.add())
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<h3>{esc(title)}</h3><p class='wk-klein'>{esc(hint)}</p>"),
                self.box,
                self.add_button,
            ]
        )
        self.widget.add_class("wk-kaart")
        self.widget.add_class(f"wk-sectie-{name}")

    def add(self, values: dict[str, Any] | None = None) -> Row:
        """A new row at the end, optionally filled with ``values`` (widget name → value)."""
        fields = self._make()
        for key, value in (values or {}).items():
            fields[key].value = value
        remove = widgets.Button(
            icon="trash",
            tooltip=f"{self.noun.capitalize()} weghalen",
            layout={"width": "40px", "min_width": "40px"},
        )
        remove.add_class("wk-verwijder")
        label = widgets.HTML(layout={"width": "112px", "min_width": "112px"})
        box = widgets.HBox(
            [label, *fields.values(), remove], layout={"align_items": "flex-start", "flex_flow": "row wrap"}
        )  # a narrow window puts the fields under each other instead of cutting them off
        box.add_class(f"wk-{self.name}-rij")
        row = Row(self._next, fields, label, box)
        self._next += 1
        remove.on_click(lambda _b: self.remove(row.key))
        self.rows.append(row)
        self._relabel()
        self.changed()
        return row

    def remove(self, key: int) -> None:
        """Remove the row with this key."""
        self.rows = [r for r in self.rows if r.key != key]
        self._relabel()
        self.changed()

    def clear(self) -> None:
        """Remove every row (no row is added)."""
        self.rows = []
        self._relabel()

    def _relabel(self) -> None:
        for i, row in enumerate(self.rows, 1):
            row.label.value = f"<b>{esc(self.noun.capitalize())} {i}</b>"
        self.box.children = [r.box for r in self.rows]

    def filled(self) -> list[tuple[int, Row]]:
        """The rows that are not completely empty, with their number in the plan (from 1)."""
        kept = [r for r in self.rows if not self.blank(r.widgets)]
        return list(enumerate(kept, 1))

    def options(self) -> list[tuple[str, int]]:
        """Choices for a link to a row of this section: ``('Probleem 2', key)``."""
        return [(f"{self.noun.capitalize()} {i}", r.key) for i, r in enumerate(self.rows, 1)]


def text_field(placeholder: str, cls: str, width: str = "100%", *, area: bool = True) -> widgets.Widget:
    """A text field; ``width="flex"`` takes the room left in a row."""
    maker = widgets.Textarea if area else widgets.Text
    layout = {"flex": "1 1 160px", "width": "auto"} if width == "flex" else {"width": width}
    w = maker(placeholder=placeholder, layout={**layout, "height": "54px" if area else "auto"})
    w.add_class(cls)
    return w


def dropdown(options: list, cls: str, width: str, name: str = "") -> widgets.Dropdown:
    """A dropdown with the CSS hook ``cls`` and the accessible name ``name`` (a row has no label per field)."""
    w = widgets.Dropdown(options=options, layout={"width": width}, tooltip=name or None)
    w.add_class(cls)
    return w
