"""Access to the reference data shipped inside the package (``wijkteam_kit/data``), and trainers' own files.

:class:`Catalogue` is the one way a kind of reference file (competence frameworks, intervision methods, …) is
found by id, read, validated and cached; :func:`read_model_file` is the one way a YAML data file becomes a
validated model with every problem reported as file, line and field.

Examples
--------
>>> data_path("zrm").name
'zrm'
>>> methods = Catalogue("intervisie", reader=lambda path: path.stem, unknown="Onbekende methode",
...                     skip=("dilemmas",))
>>> methods.ids()[:2], methods.load("balint")
(['balint', 'incidentmethode'], 'balint')
>>> methods.load("onbekend")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wijkteam_kit.errors.WijkteamError: Onbekende methode 'onbekend'; beschikbaar: balint, incidentmethode, ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from wijkteam_kit import settings
from wijkteam_kit._basis.schema import validate_model
from wijkteam_kit._basis.yamlsource import YamlDocument, load_yaml_file
from wijkteam_kit.errors import DataFileError, Problem, ProblemsError, WijkteamError
from wijkteam_kit.settings import Setting

__all__ = ["Catalogue", "data_path", "duplicate_id_problems", "read_model_file"]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def data_path(*parts: str) -> Path:
    """Path of a file or folder under ``wijkteam_kit/data``.

    >>> data_path("zrm").name
    'zrm'
    """
    return Path(str(resources.files("wijkteam_kit").joinpath("data", *parts)))


def read_model_file(model: type[M], path: str | Path, *, id_from_name: bool = True) -> tuple[M, YamlDocument]:
    """Read a YAML data file and validate it against ``model``.

    Raises :class:`~wijkteam_kit.errors.DataFileError` with every problem (YAML syntax, schema, and with
    ``id_from_name`` an ``id`` field that differs from the file name).
    """
    path = Path(path)
    try:
        doc = load_yaml_file(path)
    except ProblemsError as exc:
        raise DataFileError(exc.problems) from exc
    parsed, problems = validate_model(model, doc)
    if parsed is None:
        raise DataFileError(problems)
    file_id = getattr(parsed, "id", None)
    if id_from_name and file_id is not None and file_id != path.stem:
        raise DataFileError(
            [doc.problem(("id",), f"id {file_id!r} past niet bij de bestandsnaam; verwacht {path.stem!r}")]
        )
    return parsed, doc


def duplicate_id_problems(
    doc: YamlDocument, ids: Iterable[str], where: Callable[[int], Sequence[str | int]], noun: str
) -> list[Problem]:
    r"""A problem for every id that was already used earlier in the same list.

    >>> from wijkteam_kit._basis.yamlsource import load_yaml_text
    >>> doc = load_yaml_text("rollen:\n  - id: a\n  - id: a\n", source="m.yaml")
    >>> [str(p) for p in duplicate_id_problems(doc, ["a", "a"], lambda i: ("rollen", i, "id"), "rol")]
    ["m.yaml, regel 3, veld rollen[1].id: rol 'a' komt twee keer voor"]
    """
    seen: set[str] = set()
    problems = []
    for i, item_id in enumerate(ids):
        if item_id in seen:
            problems.append(doc.problem(where(i), f"{noun} {item_id!r} komt twee keer voor"))
        seen.add(item_id)
    return problems


class Catalogue(Generic[T]):
    """Reference files of one kind: the kit's own folder plus a trainer's files named in an environment variable.

    Files are found by id (the file name without ``.yaml``); a trainer's file with the same name wins. Loaded
    objects are cached per file and modification time, so an edited file is read again.

    Parameters
    ----------
    folder : str
        Folder under ``wijkteam_kit/data``.
    reader : callable
        Reads and validates one file (raises :class:`~wijkteam_kit.errors.DataFileError`).
    unknown : str
        Start of the Dutch message for an unknown id ("Onbekende methode", "Onbekend competentiekader").
    setting : Setting, optional
        Environment variable with extra files or folders, separated by ``os.pathsep``.
    skip : sequence of str
        File names (without ``.yaml``) in the folder that are not of this kind.
    error : type
        Exception raised for an unknown id.
    """

    def __init__(
        self,
        folder: str,
        *,
        reader: Callable[[Path], T],
        unknown: str,
        setting: Setting | None = None,
        skip: Sequence[str] = (),
        error: type[WijkteamError] = WijkteamError,
    ) -> None:
        self.folder, self.reader, self.unknown, self.setting = folder, reader, unknown, setting
        self.skip, self.error = tuple(skip), error
        self._cache: dict[tuple[str, int], T] = {}

    def files(self) -> dict[str, Path]:
        """Id → file; files from the environment variable win over the kit's own."""
        files = {p.stem: p for p in sorted(data_path(self.folder).glob("*.yaml")) if p.stem not in self.skip}
        for path in settings.paths(self.setting) if self.setting else ():
            for p in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
                files[p.stem] = p
        return files

    def ids(self) -> list[str]:
        """The ids that :meth:`load` finds, sorted."""
        return sorted(self.files())

    def load(self, id_or_path: str | Path) -> T:
        """The object for an id, or for a file path (anything with a suffix); cached."""
        path = Path(id_or_path)
        if not path.suffix:
            files = self.files()
            if str(id_or_path) not in files:
                known = ", ".join(sorted(files))
                raise self.error(f"{self.unknown} {str(id_or_path)!r}; beschikbaar: {known}.")
            path = files[str(id_or_path)]
        key = (str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)
        if key not in self._cache:
            self._cache[key] = self.reader(path)
        return self._cache[key]
