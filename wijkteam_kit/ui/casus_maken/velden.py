r"""Form widgets for the fields of a casus (:class:`~wijkteam_kit.casus.maken.Veld`) and the note under each one.

A :class:`Formulier` turns a list of fields into labelled widgets, reads their values from the casus data and
writes one field back when the user changes it; :meth:`Formulier.mark` shows the problems of the checks under the
field they are about.

Examples
--------
>>> from wijkteam_kit.casus.maken import Veld
>>> changed = []
>>> form = Formulier([Veld(("krachten",), "Krachten", "regels"), Veld(("leeftijd",), "Leeftijd", "getal")],
...                  lambda veld, value: changed.append((veld.naam, value)))
>>> form.load({"krachten": ["Praktisch"], "leeftijd": 51})
>>> form.widgets["krachten"].value, form.widgets["leeftijd"].value
('Praktisch', '51')
>>> form.widgets["krachten"].value = "Praktisch\n\nWil leren"
>>> changed[-1]
('krachten', ['Praktisch', 'Wil leren'])
>>> form.widgets["leeftijd"].value = "vijftig"
>>> changed[-1]  # left as text: the check says a number is expected
('leeftijd', 'vijftig')
>>> form.mark({"leeftijd": ["verwacht een heel getal"]})
>>> "verwacht een heel getal" in form.notes["leeftijd"].value
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import ipywidgets as widgets

from wijkteam_kit.casus.maken import Veld, get_in
from wijkteam_kit.ui.common.widgets import esc

__all__ = ["Formulier", "read_value", "show_value"]

OnField = Callable[[Veld, object], None]
_WIDE = {"width": "100%"}
_LABEL = {"description_width": "230px"}


def show_value(veld: Veld, value: object) -> object:
    """The value a widget shows for a value from the casus data."""
    if veld.soort == "regels":
        return "\n".join(str(v) for v in value) if isinstance(value, list) else ("" if value is None else str(value))
    if veld.soort == "paren":
        return "\n".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else ""
    if veld.soort == "meerkeuze":
        return tuple(value) if isinstance(value, list) else ()
    if veld.soort == "keuze":
        return "" if value is None else value
    return "" if value is None else str(value)


def read_value(veld: Veld, shown: object) -> object:
    """The value for the casus data from what a widget shows (empty: None, so the field is left out)."""
    if veld.soort == "regels":
        return [line.strip() for line in str(shown).splitlines() if line.strip()]
    if veld.soort == "paren":
        pairs = {}
        for line in str(shown).splitlines():
            key, _, text = line.partition(":")
            if key.strip():
                pairs[key.strip()] = text.strip()
        return pairs
    if veld.soort == "meerkeuze":
        return list(shown) if shown else []
    if veld.soort == "getal":
        text = str(shown).strip()
        return int(text) if text.isdigit() else (text or None)
    if veld.soort == "keuze":
        return None if shown == "" else shown
    text = str(shown)
    return text if text.strip() else None


def _widget(veld: Veld) -> widgets.Widget:
    common = {"description": veld.label, "style": _LABEL, "layout": dict(_WIDE)}
    if veld.soort in ("lang", "regels", "paren"):
        rows = 10 if veld.pad == ("verhaal",) else 4 if veld.soort != "lang" else 3
        widget = widgets.Textarea(rows=rows, placeholder=veld.hulp, continuous_update=True, **common)
    elif veld.soort == "keuze":
        widget = widgets.Dropdown(options=list(veld.keuzes), value=veld.keuzes[0][1], **common)
    elif veld.soort == "meerkeuze":
        widget = widgets.SelectMultiple(options=list(veld.keuzes), rows=min(len(veld.keuzes), 8), **common)
    else:
        widget = widgets.Text(placeholder=veld.hulp, continuous_update=True, **common)
    widget.add_class("wk-veld")
    widget.add_class("wk-veld-" + veld.naam.replace(".", "-").replace("[", "-").replace("]", ""))
    return widget


class Formulier:
    """Labelled widgets for ``velden``; ``on_field(veld, value)`` is called when the user changes one."""

    def __init__(self, velden: Iterable[Veld], on_field: OnField) -> None:
        self.velden = {v.naam: v for v in velden}
        self.on_field = on_field
        self.widgets: dict[str, widgets.Widget] = {}
        self.notes: dict[str, widgets.HTML] = {}
        self._loading = False
        parts = []
        for name, veld in self.velden.items():
            widget = _widget(veld)
            note = widgets.HTML("")
            note.add_class("wk-veldnoot")
            widget.observe(lambda change, v=veld: self._changed(v, change["new"]), "value")
            self.widgets[name], self.notes[name] = widget, note
            parts.append(widgets.VBox([widget, note], layout={"margin": "2px 0", "width": "100%"}))
        self.widget = widgets.VBox(parts, layout=dict(_WIDE))

    def _changed(self, veld: Veld, shown: object) -> None:
        if not self._loading:
            self.on_field(veld, read_value(veld, shown))

    def load(self, data: Mapping) -> None:
        """Show the values of ``data`` (a value a choice list lacks, say from an uploaded file, is added to it)."""
        self._loading = True
        try:
            for name, veld in self.velden.items():
                widget, value = self.widgets[name], show_value(veld, get_in(data, veld.pad))
                if veld.soort == "keuze" and value not in [v for _, v in widget.options]:
                    widget.options = [*widget.options, (f"{value} (uit het bestand)", value)]
                if veld.soort == "meerkeuze":
                    known = [v for _, v in widget.options]
                    extra = [(f"{v} (onbekend)", v) for v in value if v not in known]
                    if extra:
                        widget.options = [*widget.options, *extra]
                widget.value = value
        finally:
            self._loading = False

    def mark(self, problems: Mapping[str, list[str]], warnings: Mapping[str, list[str]] | None = None) -> None:
        """Show ``problems`` (field name: messages) and privacy ``warnings`` under their fields."""
        warnings = warnings or {}
        for name, note in self.notes.items():
            own, warn = problems.get(name, []), warnings.get(name, [])
            html = "".join(f'<div class="wk-veldfout">{esc(m)}</div>' for m in own)
            html += "".join(f'<div class="wk-veldwaarschuwing">{esc(m)}</div>' for m in warn)
            if note.value != html:
                note.value = html
            widget = self.widgets[name]
            if own:
                widget.add_class("wk-met-fout")
            else:
                widget.remove_class("wk-met-fout")
