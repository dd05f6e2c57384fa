r"""Export a netwerkatlas as the three tables of the R package egor (ego, alters, alter–alter ties).

egor's ``threefiles_to_egor(egos, alters.df, edges, ID.vars = list(ego = "egoID", alter = "alterID",
source = "Source", target = "Target"))`` reads them directly. The files are comma-separated UTF-8 (what R's
``read.csv`` expects, :data:`~wijkteam_kit._basis.excel_csv.R_CSV`); a name or other text that starts like a
spreadsheet formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, as in every
CSV of the kit, in case someone opens the table in a spreadsheet. Support functions become 0/1 columns
(``ontvangt_praktisch``: the client receives practical support from this alter; ``geeft_praktisch``: the
client gives it). Frequency is also given as a number, ``frequentie_num`` (dagelijks 4 … minder 1), and used
as the tie ``weight``.

Examples
--------
>>> from wijkteam_kit.netwerk.model import Band, Client, Netwerkatlas, Persoon
>>> atlas = Netwerkatlas(client=Client(naam="Gerda"), personen=(
...     Persoon(id="henk", naam="Henk", relatie="partner", sector="familie", cirkel=1),
...     Persoon(id="ans", naam="Ans", relatie="vriend", sector="vrienden", cirkel=2)),
...     banden=(Band(van="client", naar="henk", frequentie="dagelijks", kwaliteit="wisselend",
...                  steun_gegeven=("praktisch",)),
...             Band(van="henk", naar="ans", frequentie="maandelijks", kwaliteit="steunend")))
>>> tables = egor_tables(atlas, ego_id="casus1")
>>> sorted(tables)
['alter_ties.csv', 'alters.csv', 'egos.csv']
>>> print(tables["alter_ties.csv"], end="")
egoID,Source,Target,frequentie,frequentie_num,kwaliteit,weight
casus1,henk,ans,maandelijks,2,steunend,2
"""

from __future__ import annotations

import io
import zipfile

from wijkteam_kit._basis.excel_csv import R_CSV, csv_text
from wijkteam_kit.netwerk.model import FREQUENTIES, STEUNFUNCTIES, Netwerkatlas

__all__ = ["egor_tables", "egor_zip"]

FREQUENCY_NUMBER = {f: len(FREQUENTIES) - i for i, f in enumerate(FREQUENTIES)}
"""dagelijks 4, wekelijks 3, maandelijks 2, minder 1."""


def egor_tables(atlas: Netwerkatlas, ego_id: str = "ego1", *, names: bool = False) -> dict[str, str]:
    """The three egor tables as CSV text: ``egos.csv``, ``alters.csv``, ``alter_ties.csv``.

    ``ego_id`` is a pseudonymous id. Names are left out unless ``names=True``: an analysis in R needs the
    relations, not who the people are (and the tables are often shared further).
    """
    client = atlas.client
    named = ["naam"] if names else []
    egos = csv_text(
        ["egoID", *named, "geslacht", "geboortejaar", "moment", "aantal_alters"],
        [[ego_id, *([client.naam] if names else []), client.geslacht, client.geboortejaar, atlas.moment,
          len(atlas.personen)]],
        R_CSV,
    )  # fmt: skip
    header = ["egoID", "alterID", *named, "relatie", "sector", "cirkel", "huishouden", "geslacht"]
    header += ["geboortejaar", "overleden", "formeel", "frequentie", "frequentie_num", "kwaliteit"]
    header += [f"ontvangt_{f}" for f in STEUNFUNCTIES] + [f"geeft_{f}" for f in STEUNFUNCTIES]
    rows = []
    for p in atlas.personen:
        tie = atlas.tie("client", p.id)
        row: list[object] = [ego_id, p.id, *([p.naam] if names else []), p.relatie, p.sector, p.cirkel]
        row += [int(p.huishouden), p.geslacht]
        row += [p.geboortejaar, int(p.overleden), int(p.formeel)]
        if tie is None:
            row += [None, 0, None] + [0] * (2 * len(STEUNFUNCTIES))
        else:
            row += [tie.frequentie, FREQUENCY_NUMBER[tie.frequentie], tie.kwaliteit]
            row += [int(f in tie.steun_ontvangen) for f in STEUNFUNCTIES]
            row += [int(f in tie.steun_gegeven) for f in STEUNFUNCTIES]
        rows.append(row)
    alters = csv_text(header, rows, R_CSV)
    ties = csv_text(
        ["egoID", "Source", "Target", "frequentie", "frequentie_num", "kwaliteit", "weight"],
        [
            [ego_id, t.van, t.naar, t.frequentie, weight, t.kwaliteit, weight]
            for t in atlas.alter_ties()
            for weight in [FREQUENCY_NUMBER[t.frequentie]]
        ],
        R_CSV,
    )
    return {"egos.csv": egos, "alters.csv": alters, "alter_ties.csv": ties}


def egor_zip(atlas: Netwerkatlas, ego_id: str = "ego1", *, names: bool = False) -> bytes:
    """The three egor tables in one ZIP file (for a single download); see :func:`egor_tables`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in egor_tables(atlas, ego_id, names=names).items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()
