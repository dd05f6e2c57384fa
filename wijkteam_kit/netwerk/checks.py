"""Checks of a network that a schema cannot see: unique ids, ties and family relations to known persons.

They run on raw data (a dict from YAML or JSON), so a broken file gets *every* problem at once, each with the
path of the element it is about. The casus checks and the netwerkatlas file loader share them.

Examples
--------
>>> data = {"personen": [{"id": "a"}, {"id": "a"}], "banden": [{"van": "client", "naar": "b"}]}
>>> for path, message in reference_problems(data):
...     print(path, message)
('personen', 1, 'id') id 'a' komt twee keer voor
('banden', 0, 'naar') onbekende persoon 'b'; verwacht 'client' of een id uit de personen
"""

from __future__ import annotations

from wijkteam_kit.netwerk.model import CLIENT_ID, moment_index

__all__ = ["reference_problems"]

Path = tuple[str | int, ...]


def _items(value: object) -> list:
    return value if isinstance(value, list) else []


def _interval(item: dict) -> tuple[float, float]:
    def index(key: str, default: float) -> float:
        value = item.get(key)
        try:
            return moment_index(value) if isinstance(value, str) else default
        except ValueError:
            return default

    return index("sinds", float("-inf")), index("tot", float("inf"))


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def reference_problems(network: object, prefix: Path = ()) -> list[tuple[Path, str]]:
    """Every reference problem in ``network`` (a dict with personen, banden, koppels, afstamming).

    Returns ``(path, message)`` pairs; ``prefix`` is put in front of each path (``("netwerk",)`` in a casus).
    """
    data = network if isinstance(network, dict) else {}
    problems: list[tuple[Path, str]] = []
    ids: set[str] = set()
    for i, person in enumerate(_items(data.get("personen"))):
        pid = person.get("id") if isinstance(person, dict) else None
        if not isinstance(pid, str):
            continue
        where = (*prefix, "personen", i, "id")
        if pid == CLIENT_ID:
            problems.append((where, f"'{CLIENT_ID}' is gereserveerd voor de cliënt; kies een andere id"))
        elif pid in ids:
            problems.append((where, f"id {pid!r} komt twee keer voor"))
        ids.add(pid)
    known = ids | {CLIENT_ID}

    def unknown(path: Path, value: object) -> None:
        if isinstance(value, str) and value not in known:
            problems.append(
                (path, f"onbekende persoon {value!r}; verwacht '{CLIENT_ID}' of een id uit de personen")
            )

    seen: dict[frozenset[str], list[tuple[float, float]]] = {}
    for i, tie in enumerate(_items(data.get("banden"))):
        if not isinstance(tie, dict):
            continue
        ends = [tie.get("van"), tie.get("naar")]
        unknown((*prefix, "banden", i, "van"), ends[0])
        unknown((*prefix, "banden", i, "naar"), ends[1])
        if not all(isinstance(e, str) for e in ends):
            continue
        if ends[0] == ends[1]:
            problems.append(((*prefix, "banden", i), f"een band van {ends[0]!r} met zichzelf"))
        pair, span = frozenset(ends), _interval(tie)
        if any(_overlap(span, other) for other in seen.get(pair, [])):
            problems.append(((*prefix, "banden", i), f"de band {ends[0]}–{ends[1]} staat er twee keer"))
        seen.setdefault(pair, []).append(span)

    for i, couple in enumerate(_items(data.get("koppels"))):
        if isinstance(couple, dict):
            unknown((*prefix, "koppels", i, "a"), couple.get("a"))
            unknown((*prefix, "koppels", i, "b"), couple.get("b"))
            if couple.get("a") == couple.get("b") and couple.get("a") is not None:
                problems.append(((*prefix, "koppels", i), "een koppel heeft twee verschillende personen"))
    parents: dict[str, set[str]] = {}
    for i, line in enumerate(_items(data.get("afstamming"))):
        if not isinstance(line, dict):
            continue
        unknown((*prefix, "afstamming", i, "kind"), line.get("kind"))
        for j, parent in enumerate(_items(line.get("ouders"))):
            unknown((*prefix, "afstamming", i, "ouders", j), parent)
            if parent == line.get("kind"):
                problems.append(((*prefix, "afstamming", i), f"{parent!r} kan niet zijn eigen ouder zijn"))
            elif isinstance(parent, str) and isinstance(line.get("kind"), str):
                if _ancestor(parents, parent, line["kind"]):
                    problems.append(
                        (
                            (*prefix, "afstamming", i, "ouders", j),
                            f"{parent!r} als ouder van {line['kind']!r} maakt een kring: {line['kind']!r} is al "
                            f"(voor)ouder van {parent!r}",
                        )
                    )
                    continue
                parents.setdefault(line["kind"], set()).add(parent)
    for key in ("personen", "banden"):
        for i, item in enumerate(_items(data.get(key))):
            problems += _period_problems(item, (*prefix, key, i))
    return problems


def _ancestor(parents: dict[str, set[str]], person: str, candidate: str) -> bool:
    """Whether ``candidate`` is already a parent, grandparent, … of ``person`` (iterative, so no recursion)."""
    todo, seen = [person], {person}
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent == candidate:
                return True
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return False


def _period_problems(item: object, path: Path) -> list[tuple[Path, str]]:
    """A period that ends before (or when) it starts: ``sinds: T2`` with ``tot: T1``.

    >>> _period_problems({"sinds": "T2", "tot": "T1"}, ("personen", 0))
    [(('personen', 0, 'tot'), 'tot T1 ligt niet na sinds T2; verwacht een later moment (bijvoorbeeld T3)')]
    """
    if not isinstance(item, dict):
        return []
    start, end = item.get("sinds"), item.get("tot")
    if not (isinstance(start, str) and isinstance(end, str)):
        return []
    try:
        before, after = moment_index(start), moment_index(end)
    except ValueError:
        return []  # the schema names a malformed moment
    if after > before:
        return []
    return [
        (
            (*path, "tot"),
            f"tot {end} ligt niet na sinds {start}; verwacht een later moment (bijvoorbeeld T{before + 1})",
        )
    ]
