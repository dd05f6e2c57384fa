"""The ZRM profile as inline SVG for the apps: the same picture as :mod:`~wijkteam_kit.draw.zrm_profiel`, no matplotlib.

In a training room thirty people press "Inleveren" at the same moment. Drawing the profile with matplotlib
costs a kernel about 0.5 CPU-seconds (importing it, laying out and rendering a PNG); on a 2-core laptop thirty of
those queue for 8 seconds. This module writes the same picture as a short SVG text (a few milliseconds), which
the browser draws sharply at any size. The print files (PNG, SVG, PDF for a report) still come from the
matplotlib figure, on request.

The design follows the matplotlib profile: one bar per domain, coloured by level (ColorBrewer RdYlBu-5) with the
level number and label written beside it, so colour is never the only carrier; "niet besproken" is a grey
hatched bar with those words; an overlay (the reference) is a second, lighter bar with a dashed edge; a domain
where the two differ gets a light band and "≠ verschil". The SVG has ``role="img"``, a title and a description
that says the same facts in words, for screen readers. All text is escaped.

Examples
--------
>>> from wijkteam_kit.zrm import Assessment, load_version
>>> v = load_version("zrm2013")
>>> own = Assessment.build(v, "demo", "<b>Sanne</b>", {"financien": 2, "adl": 4, "justitie": "nvt"})
>>> ref = Assessment.build(v, "demo", "referentie", {"financien": 3, "adl": 4})
>>> svg = zrm_profile_svg(own, v, ref, title="Demo")
>>> svg.startswith("<svg") and 'role="img"' in svg
True
>>> svg.count('class="zrm-bar"') == len(v.domains), svg.count("≠ verschil")
(True, 1)
>>> "<b>" in svg
False
>>> "Financiën: jij 2" in svg
True
"""

from __future__ import annotations

from html import escape

from wijkteam_kit.zrm.assessment import Assessment
from wijkteam_kit.zrm.versions import ZrmVersion

__all__ = ["profile_description", "zrm_profile_svg"]

# The same colours as the matplotlib profile (kept here so this module does not import it).
_LEVEL_COLOURS: dict[int, str] = {1: "#d7191c", 2: "#fdae61", 3: "#ffffbf", 4: "#abd9e9", 5: "#2c7bb6"}
_UNSCORED = "#e0e0e0"

_WIDTH = 980
_LABEL_W = 300  # domain names ("Activiteiten Dagelijks Leven (ADL)" is the longest)
_UNIT = 80  # pixels per level: bars end at level × _UNIT
_TOP = 64
_ROW_ONE = 34
_ROW_TWO = 52


def _level_text(version: ZrmVersion, level: int | None) -> str:
    return "niet besproken" if level is None else f"{level} · {version.level_labels[level].lower()}"


def profile_description(assessment: Assessment, version: ZrmVersion, overlay: Assessment | None = None) -> str:
    """The profile's facts in words, one sentence per domain (the picture's text alternative).

    >>> from wijkteam_kit.zrm import Assessment, load_version
    >>> v = load_version("zrm2013")
    >>> a = Assessment.build(v, "demo", "Sanne", {"financien": 2})
    >>> profile_description(a, v).split(". ")[0]
    'Financiën: jij 2 (niet zelfredzaam)'
    """
    sentences = []
    for domain in version.domains:
        own = assessment.scores[domain.id].level
        text = f"{domain.name}: jij {_words(version, own)}"
        if overlay is not None:
            ref = overlay.scores[domain.id].level
            text += f", referentie {_words(version, ref)}"
            text += ", gelijk" if ref == own else ", verschil"
        sentences.append(text)
    return ". ".join(sentences) + "."


def _words(version: ZrmVersion, level: int | None) -> str:
    return "niet besproken" if level is None else f"{level} ({version.level_labels[level].lower()})"


def _bar(version: ZrmVersion, level: int | None, x: float, y: float, h: float, second: bool) -> str:
    edge = 'stroke="#000" stroke-dasharray="5 3" opacity="0.8"' if second else 'stroke="#424242"'
    weight = "normal" if second else "bold"
    style = ' font-style="italic"' if second or level is None else ""
    if level is None:
        width, fill = 0.5 * _UNIT, 'url(#zrm-arcering)'
    else:
        width, fill = level * _UNIT, _LEVEL_COLOURS[level]
    return (
        f'<rect class="zrm-{"overlay" if second else "bar"}" x="{x}" y="{y:.1f}" width="{width:.1f}" '
        f'height="{h:.1f}" fill="{fill}" {edge} stroke-width="1"/>'
        f'<text x="{x + width + 6:.1f}" y="{y + h / 2 + 4.5:.1f}" font-size="{12 if second else 13}" '
        f'font-weight="{weight}"{style} fill="{"#424242" if second else "#000"}">'
        f"{escape(_level_text(version, level))}</text>"
    )


def zrm_profile_svg(
    assessment: Assessment,
    version: ZrmVersion,
    overlay: Assessment | None = None,
    *,
    title: str = "",
    label: str = "",
    overlay_label: str = "Referentie",
) -> str:
    """The profile of ``assessment`` (and ``overlay`` as a second bar per domain) as an inline SVG string."""
    row = _ROW_TWO if overlay is not None else _ROW_ONE
    n = len(version.domains)
    legend_y = _TOP + n * row + 40
    height = legend_y + 70
    x0 = _LABEL_W
    heading = title or f"ZRM-profiel {assessment.casus_id}"
    who = label or assessment.rater
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" width="100%" role="img" '
        'aria-labelledby="zrm-titel zrm-beschrijving" class="wk-profiel-svg" '
        'font-family="DejaVu Sans, Arial, sans-serif" style="max-width:980px;height:auto">',
        f'<title id="zrm-titel">{escape(heading)}</title>',
        f'<desc id="zrm-beschrijving">{escape(profile_description(assessment, version, overlay))}</desc>',
        '<defs><pattern id="zrm-arcering" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e0e0e0"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#9e9e9e" stroke-width="2"/></pattern></defs>',
        f'<text x="{_WIDTH / 2}" y="24" text-anchor="middle" font-size="18" font-weight="bold">'
        f"{escape(heading)}</text>",
        f'<text x="{_WIDTH / 2}" y="44" text-anchor="middle" font-size="12" fill="#616161">'
        f"{escape(version.name)} · {assessment.date:%d-%m-%Y}</text>",
    ]
    for level in version.level_labels:  # dotted grid at every level
        gx = x0 + level * _UNIT
        parts.append(
            f'<line x1="{gx}" y1="{_TOP - 6}" x2="{gx}" y2="{_TOP + n * row}" stroke="#bdbdbd" '
            'stroke-dasharray="2 3"/>'
            f'<text x="{gx}" y="{_TOP + n * row + 16}" text-anchor="middle" font-size="12">{level}</text>'
        )
    for i, domain in enumerate(version.domains):
        y = _TOP + i * row
        own = assessment.scores[domain.id].level
        differs = overlay is not None and overlay.scores[domain.id].level != own
        if differs:
            parts.append(
                f'<rect class="zrm-diff" x="0" y="{y:.1f}" width="{_WIDTH}" height="{row - 2}" fill="#f3e5f5"/>'
                f'<text x="{_WIDTH - 8}" y="{y + row / 2 + 5:.1f}" text-anchor="end" font-size="13" '
                'font-weight="bold" fill="#6a1b9a">≠ verschil</text>'
            )
        parts.append(
            f'<text x="{x0 - 10}" y="{y + row / 2 + 5:.1f}" text-anchor="end" font-size="14">'
            f"{escape(domain.name)}</text>"
        )
        if overlay is None:
            parts.append(_bar(version, own, x0, y + 4, row - 10, second=False))
        else:
            parts.append(_bar(version, own, x0, y + 4, 20, second=False))
            parts.append(_bar(version, overlay.scores[domain.id].level, x0, y + 26, 18, second=True))
    parts.append(
        f'<text x="{x0 + 2.5 * _UNIT}" y="{_TOP + n * row + 34}" text-anchor="middle" font-size="12">'
        "niveau van zelfredzaamheid (1 = acute problematiek … 5 = volledig zelfredzaam)</text>"
    )
    legend = f"Bovenste balk (effen): {who} · onderste balk (gestippeld, lichter): {overlay_label}"
    parts.append(
        f'<text x="{_WIDTH / 2}" y="{legend_y + 14}" text-anchor="middle" font-size="12">'
        f"{escape(legend if overlay is not None else f'Balk: {who}')}</text>"
    )
    keys = [(f"{k} {v.lower()}", _LEVEL_COLOURS[k]) for k, v in version.level_labels.items()]
    keys.append(("niet besproken", "url(#zrm-arcering)"))
    step = _WIDTH / len(keys)
    for j, (text, fill) in enumerate(keys):
        kx = j * step + 10
        parts.append(
            f'<rect x="{kx:.1f}" y="{legend_y + 30}" width="16" height="12" fill="{fill}" stroke="#424242"/>'
            f'<text x="{kx + 22:.1f}" y="{legend_y + 41}" font-size="11">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
