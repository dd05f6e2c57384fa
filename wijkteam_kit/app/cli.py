"""The ``wijkteam-kit`` command: serve, casus check/list, scenario check/list, sessies opruimen.

Examples
--------
>>> main(["casus", "check", "casuses/bestaat-niet.yaml"])  # doctest: +ELLIPSIS
✗ casuses/bestaat-niet.yaml
  - casuses/bestaat-niet.yaml: bestand niet gevonden
<BLANKLINE>
0 van 1 bestand in orde.
1
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wijkteam_kit import settings
from wijkteam_kit._basis.nederlands import aantal

__all__ = ["main"]


def _cmd_casus_check(args: argparse.Namespace) -> int:
    from wijkteam_kit.casus.model import check_files, default_library_dir

    paths = args.paths or [default_library_dir()]
    report = check_files(paths)
    if not report:
        print(f"Geen casusbestanden gevonden in: {', '.join(map(str, paths))}")
        return 1
    for path, problems in report.items():
        print(("✓ " if not problems else "✗ ") + path)
        for problem in problems:
            print(f"  - {problem}")
    good = sum(1 for p in report.values() if not p)
    print(f"\n{good} van {aantal(len(report), 'bestand', 'bestanden')} in orde.")
    return 0 if good == len(report) else 1


def _cmd_casus_list(args: argparse.Namespace) -> int:
    from wijkteam_kit.casus.model import load_library
    from wijkteam_kit.errors import WijkteamError

    try:
        library = load_library(args.folder)
    except WijkteamError as exc:
        print(exc, file=sys.stderr)
        return 1
    for casus in library:
        print(f"{casus.id:32} {casus.titel}")
    return 0


def _cmd_scenario_check(args: argparse.Namespace) -> int:
    """Check scenario files; with ``--plaatje`` also draw the structure of the (single) file.

    >>> main(["scenario", "check", "wijkteam_kit/data/scenarios/eerste-gesprek.yaml"])
    ✓ wijkteam_kit/data/scenarios/eerste-gesprek.yaml (11 beslismomenten, 3 debriefs)
    <BLANKLINE>
    1 van 1 bestand in orde.
    0
    """
    from pathlib import Path

    from wijkteam_kit.errors import WijkteamError
    from wijkteam_kit.scenario import check_scenario_file, read_scenario, scenario_structuur

    files: list[Path] = []
    for name in args.paths:
        path = Path(name)
        files += sorted(p for p in path.glob("*.yaml") if p.stem != "principes") if path.is_dir() else [path]
    if not files:
        print(f"Geen scenariobestanden gevonden in: {', '.join(args.paths)}")
        return 1
    good = 0
    for path in files:
        problems = check_scenario_file(path)
        if problems:
            print(f"✗ {path}")
            for problem in problems:
                print(f"  - {problem}")
        else:
            s = read_scenario(path)
            good += 1
            print(f"✓ {path} ({len(s.beslismomenten)} beslismomenten, {len(s.debriefs)} debriefs)")
    print(f"\n{good} van {aantal(len(files), 'bestand', 'bestanden')} in orde.")
    if args.plaatje:
        if len(files) != 1:
            print("Een plaatje kan alleen bij één bestand.", file=sys.stderr)
            return 1
        from wijkteam_kit.draw.export import save_figure
        from wijkteam_kit.draw.scenario import structuur_figure

        try:
            out = save_figure(structuur_figure(scenario_structuur(files[0])), args.plaatje)
        except WijkteamError as exc:
            print(f"Geen plaatje: {exc}", file=sys.stderr)
            return 1
        print(f"Structuur getekend: {out}")
    return 0 if good == len(files) else 1


def _cmd_scenario_list(_args: argparse.Namespace) -> int:
    from wijkteam_kit.errors import WijkteamError
    from wijkteam_kit.scenario import available_scenarios, load_scenario

    for scenario_id in available_scenarios():
        try:
            print(f"{scenario_id:28} {load_scenario(scenario_id).titel}")
        except WijkteamError as exc:
            print(f"{scenario_id:28} (kapot: {str(exc).splitlines()[0]})")
    return 0


def _cmd_sessies_opruimen(args: argparse.Namespace) -> int:
    """Delete group sessions older than ``--ouder-dan`` days from the store; print how many.

    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "w.db"
    >>> main(["sessies", "opruimen", "--ouder-dan", "30", "--database", str(db)])
    0 groepssessies verwijderd (aangemaakt meer dan 30 dagen geleden).
    0
    """
    from wijkteam_kit.errors import WijkteamError
    from wijkteam_kit.groepssessie.sessies import Groepssessies
    from wijkteam_kit.store.store import Store

    try:
        with Store(args.database) as store:
            count = Groepssessies(store).delete_older_than(args.ouder_dan)
    except WijkteamError as exc:
        print(exc, file=sys.stderr)
        return 1
    what = "groepssessie" if count == 1 else "groepssessies"
    print(f"{count} {what} verwijderd (aangemaakt meer dan {args.ouder_dan} dagen geleden).")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from wijkteam_kit.app.serve import serve
    from wijkteam_kit.errors import WijkteamError

    try:
        return serve(
            port=args.port,
            open_browser=not args.no_browser,
            apps_dir=args.apps,
            descriptor_files=args.beschrijvingen,
            jargon_files=args.jargon,
            share=args.delen,
            groep=args.groep,
            groep_app=args.groep_app,
            max_apps=args.max_apps,
            casus_folder=args.casussen,
            sociale_kaart=args.sociale_kaart,
        )
    except WijkteamError as exc:
        print(f"Kan de apps niet starten:\n{exc}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with a Dutch help text for every option."""
    parser = argparse.ArgumentParser(prog="wijkteam-kit", description="Oefenapps voor sociale (wijk)teams.")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="start de apps in de browser (Voila)")
    serve.add_argument(
        "--port", type=int, default=8866, help="poort op 127.0.0.1 (standaard 8866; 0 = vrije poort)"
    )
    serve.add_argument("--no-browser", action="store_true", help="open niet zelf een browservenster")
    serve.add_argument(
        "--delen",
        action="store_true",
        help="ook bereikbaar op het lokale netwerk, voor een groepssessie in de trainingsruimte",
    )
    serve.add_argument(
        "--groep",
        type=int,
        default=0,
        metavar="N",
        help="zet voor N deelnemers apps warm klaar (een zaal die tegelijk begint; zie de trainersgids)",
    )
    serve.add_argument(
        "--groep-app",
        default="zrm_oefening.ipynb",
        metavar="APP",
        help="de app voor --groep (standaard zrm_oefening.ipynb)",
    )
    serve.add_argument(
        "--max-apps",
        type=int,
        default=0,
        metavar="N",
        help="hoeveel apps er tegelijk open mogen zijn (standaard afgeleid van het geheugen)",
    )
    serve.add_argument("--apps", default=None, help="map met de app-notebooks (standaard: apps/ van de kit)")
    serve.add_argument(
        "--beschrijvingen",
        action="append",
        metavar="BESTAND",
        default=[],
        help="eigen ZRM-niveaubeschrijvingen van je organisatie (YAML; mag vaker)",
    )
    serve.add_argument(
        "--jargon",
        action="append",
        metavar="BESTAND",
        default=[],
        help="extra jargonlijst voor de feedback op het plan van aanpak (YAML, zoals data/plan/jargon.yaml)",
    )
    serve.add_argument(
        "--casussen",
        default=None,
        metavar="MAP",
        help="map voor eigen casussen (app Casus maken); de apps bieden ze aan naast de bibliotheek "
        "(standaard: de submap casussen van de datamap)",
    )
    serve.add_argument(
        "--sociale-kaart",
        default=None,
        metavar="BESTAND",
        help="de sociale kaart van je organisatie (YAML, zoals data/plan/sociale_kaart.yaml) in plaats van die "
        "van de kit",
    )
    serve.set_defaults(func=_cmd_serve)

    casus = sub.add_parser("casus", help="werken met de casusbibliotheek")
    casus_sub = casus.add_subparsers(dest="casus_command", required=True)
    check = casus_sub.add_parser("check", help="controleer casusbestanden en meld elk probleem")
    check.add_argument("paths", nargs="*", help="bestanden of mappen (standaard: de casusbibliotheek)")
    check.set_defaults(func=_cmd_casus_check)
    listing = casus_sub.add_parser("list", help="toon de casussen in de bibliotheek")
    listing.add_argument("--folder", default=None, help="map met casussen")
    listing.set_defaults(func=_cmd_casus_list)

    scenario = sub.add_parser("scenario", help="werken met scenario's (Gesprek en route oefenen)")
    scenario_sub = scenario.add_subparsers(dest="scenario_command", required=True)
    scheck = scenario_sub.add_parser(
        "check", help="controleer scenariobestanden: schema, losse takken, doodlopende momenten, lussen"
    )
    scheck.add_argument("paths", nargs="+", metavar="BESTAND", help="scenariobestanden (YAML) of mappen")
    scheck.add_argument(
        "--plaatje",
        default=None,
        metavar="PAD",
        help="teken de structuur (momenten en keuzes) als PNG, SVG of PDF (alleen bij één bestand)",
    )
    scheck.set_defaults(func=_cmd_scenario_check)
    slist = scenario_sub.add_parser("list", help="toon de beschikbare scenario's")
    slist.set_defaults(func=_cmd_scenario_list)

    sessies = sub.add_parser("sessies", help="beheer van groepssessies")
    sessies_sub = sessies.add_subparsers(dest="sessies_command", required=True)
    opruimen = sessies_sub.add_parser(
        "opruimen", help="verwijder oude groepssessies met hun deelnemers en antwoorden"
    )
    opruimen.add_argument(
        "--ouder-dan",
        type=int,
        required=True,
        metavar="DAGEN",
        help="verwijder sessies die meer dan DAGEN dagen geleden zijn aangemaakt",
    )
    opruimen.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help=f"SQLite-bestand of database-URL (standaard: ${settings.DATABASE_URL.name} of wijkteam.db in de datamap)",
    )
    opruimen.set_defaults(func=_cmd_sessies_opruimen)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
