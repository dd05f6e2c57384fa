"""Generated example networks of any size (for benchmarks, tests and demonstrations; clearly fictional).

Examples
--------
>>> atlas = generate_atlas(60, 150, seed=1)
>>> len(atlas.personen), len(atlas.banden)
(60, 150)
>>> generate_atlas(60, 150, seed=1) == atlas
True
"""

from __future__ import annotations

import random

from wijkteam_kit.netwerk.bewerken import TYPICAL_RELATION
from wijkteam_kit.netwerk.model import (
    CLIENT_ID,
    FREQUENTIES,
    KWALITEITEN,
    SECTOREN,
    STEUNFUNCTIES,
    Band,
    Client,
    Netwerkatlas,
    Persoon,
)

__all__ = ["generate_atlas"]

_NAMES = [
    "Ans",
    "Bram",
    "Cor",
    "Dewi",
    "Eva",
    "Fatma",
    "Gijs",
    "Hanna",
    "Ilse",
    "Joop",
    "Karim",
    "Lotte",
    "Mo",
    "Noor",
    "Otto",
    "Pien",
    "Rik",
    "Sanne",
    "Tom",
    "Umut",
]


def generate_atlas(persons: int, ties: int, seed: int = 0) -> Netwerkatlas:
    """A random but plausible network: ``persons`` alters, ``ties`` ties in all (ego ties first).

    Every person has a tie with the client; the remaining ties are drawn between persons, more often within a
    sector. ``ties`` must lie between ``persons`` and ``persons + persons·(persons−1)/2``.
    """
    most = persons + persons * (persons - 1) // 2
    if not persons <= ties <= most:
        raise ValueError(f"aantal banden moet tussen {persons} en {most} liggen, kreeg {ties}")
    rng = random.Random(seed)
    people = []
    for i in range(persons):
        sector = rng.choices(SECTOREN, weights=(4, 3, 2, 2, 1, 2))[0]
        people.append(
            Persoon(
                id=f"p{i:03d}",
                naam=f"{_NAMES[i % len(_NAMES)]} {i // len(_NAMES) + 1}",
                relatie=TYPICAL_RELATION[sector],
                sector=sector,
                cirkel=rng.choices((1, 2, 3, 4), weights=(1, 3, 3, 2))[0],
                geslacht=rng.choice(("man", "vrouw")),
            )
        )
    bands = [
        Band(
            van=CLIENT_ID,
            naar=p.id,
            frequentie=rng.choice(FREQUENTIES),
            kwaliteit=rng.choices(KWALITEITEN, weights=(6, 3, 1))[0],
            steun_ontvangen=tuple(f for f in STEUNFUNCTIES if rng.random() < 0.3),
            steun_gegeven=tuple(f for f in STEUNFUNCTIES if rng.random() < 0.2),
        )
        for p in people
    ]
    pairs: set[tuple[int, int]] = set()
    while len(bands) < ties:
        a, b = sorted(rng.sample(range(persons), 2))
        same = people[a].sector == people[b].sector
        if (a, b) in pairs or (not same and rng.random() < 0.6):
            continue
        pairs.add((a, b))
        bands.append(
            Band(
                van=people[a].id,
                naar=people[b].id,
                frequentie=rng.choice(FREQUENTIES),
                kwaliteit=rng.choices(KWALITEITEN, weights=(6, 3, 1))[0],
            )
        )
    return Netwerkatlas(client=Client(naam="Voorbeeldcliënt"), personen=tuple(people), banden=tuple(bands))
