"""The consistency rules of the bouwstenenmodel: answers that contradict each other or deserve a second look.

Every rule is a small function that takes :class:`~wijkteam_kit.bouwstenen.Antwoorden` and returns a
:class:`~wijkteam_kit.bouwstenen.Bevinding` (or None); it only fires when the answers it compares are given.
The reasons come from the domain (the bouwstenenmodel and experience with starting wijkteams):

=============================  =============  ====================================================================
rule                           soort          fires when
=============================  =============  ====================================================================
integraal_zonder_mandaat       tegenstrijdig  integraal team, but the team may not decide itself (or does not know)
                               let op         integraal team with a limited mandate
integraal_zonder_leiding       tegenstrijdig  integraal team, but led from the home organisations or unclear
team_te_groot                  let op         more than 8 team members (6–8 works best)
zorgen_voor                    tegenstrijdig  "zorgen dat" chosen, but members mostly take over
collectief_zonder_tijd         tegenstrijdig  collective work first (or a stronger wijk as goal), but little time for it
geen_gedeeld_beeld             let op         members have different pictures of the assignment (scale 1–2)
snelle_resultaten              let op         results expected within a year (teams need 2–4 years)
plan_van_professional          tegenstrijdig  strengths-based / one plan, but the professional writes the plan
moreel_beraad_nooit            tegenstrijdig  moreel beraad chosen, but dilemmas are never discussed together
dubbele_loyaliteit             let op         a team of several organisations whose members follow their own one
financiering_onduidelijk       let op         a team of several organisations whose money flows are (partly) unclear
diepte_zonder_verdieping       let op         the team supports long and intensively itself, with generalists only
=============================  =============  ====================================================================

Examples
--------
>>> from wijkteam_kit.bouwstenen import Antwoorden
>>> a = Antwoorden().met("vormgeving", "teamgrootte", 12)
>>> finding = team_te_groot(a)
>>> finding.soort, finding.vragen
('let op', ('vormgeving.teamgrootte',))
>>> team_te_groot(Antwoorden().met("vormgeving", "teamgrootte", 7)) is None
True
>>> len(REGELS)
12
"""

from __future__ import annotations

from collections.abc import Callable

from wijkteam_kit.bouwstenen.model import Antwoorden, Bevinding

__all__ = [
    "MAX_TEAMGROOTTE",
    "REGELS",
    "collectief_zonder_tijd",
    "diepte_zonder_verdieping",
    "dubbele_loyaliteit",
    "financiering_onduidelijk",
    "geen_gedeeld_beeld",
    "integraal_zonder_leiding",
    "integraal_zonder_mandaat",
    "moreel_beraad_nooit",
    "plan_van_professional",
    "snelle_resultaten",
    "team_te_groot",
    "zorgen_voor",
]

#: Above this many members a team gets hard to steer and to know each other's work (6–8 is ideal).
MAX_TEAMGROOTTE = 8
_TEAMVORMEN = ("geintegreerd", "integraal")


def integraal_zonder_mandaat(a: Antwoorden) -> Bevinding | None:
    """An integraal team is by definition mandated: it decides on support itself within agreed limits."""
    if a.get("vormgeving", "vorm") != "integraal" or a.get("aansturing", "mandaat") in (None, "ja"):
        return None
    mandate = a.get("aansturing", "mandaat")
    refs = ("vormgeving.vorm", "aansturing.mandaat")
    if mandate == "beperkt":
        return Bevinding(
            "let op",
            "integraal_zonder_mandaat",
            "Integraal team met beperkte beslisruimte",
            "Jullie noemen het team integraal, maar het mag alleen over lichte ondersteuning zelf beslissen. Een "
            "integraal team heeft juist eigen beslisruimte; spreek af waar de grens ligt en wie daarboven beslist.",
            refs,
        )
    what = (
        "mag het team niet zelf beslissen"
        if mandate == "nee"
        else "weet het team niet of het zelf mag beslissen"
    )
    return Bevinding(
        "tegenstrijdig",
        "integraal_zonder_mandaat",
        "Integraal team zonder mandaat",
        f"Jullie kiezen voor een integraal team, maar {what} over de ondersteuning. Een "
        "integraal team is een zelfstandig team met mandaat: zonder beslisruimte werkt het eerder als een "
        "geïntegreerd werkend team. Maak afspraken over het mandaat, of kies de vorm die past bij de huidige "
        "praktijk.",
        refs,
    )


def integraal_zonder_leiding(a: Antwoorden) -> Bevinding | None:
    """An integraal team has its own leader who answers to the municipality or a consortium."""
    leiding = a.get("aansturing", "leiding")
    if a.get("vormgeving", "vorm") != "integraal" or leiding not in ("moederorganisaties", "onduidelijk"):
        return None
    what = (
        "de leidinggevenden van de eigen organisaties"
        if leiding == "moederorganisaties"
        else "niemand duidelijk"
    )
    return Bevinding(
        "tegenstrijdig",
        "integraal_zonder_leiding",
        "Integraal team zonder eigen leiding",
        f"Een integraal team heeft een eigen leidinggevende, maar bij jullie geeft {what} leiding. Dan stuurt "
        "niemand het team als geheel aan en gaan de eigen organisaties voor. Spreek af wie het team leidt.",
        ("vormgeving.vorm", "aansturing.leiding"),
    )


def team_te_groot(a: Antwoorden) -> Bevinding | None:
    """Teams of 6–8 members work best; bigger teams lose the overview and each other."""
    size = a.get("vormgeving", "teamgrootte")
    if not isinstance(size, int) or size <= MAX_TEAMGROOTTE:
        return None
    return Bevinding(
        "let op",
        "team_te_groot",
        f"Groot team ({size} leden)",
        f"Het team heeft {size} vaste leden. Teams werken het best met zes tot acht mensen: dan kent ieder "
        "elkaars werk en blijft overleg kort. Overweeg twee kleinere teams, elk voor een deel van de wijk.",
        ("vormgeving.teamgrootte",),
    )


def zorgen_voor(a: Antwoorden) -> Bevinding | None:
    """'Zorgen dat' as a principle does not fit members who mostly take over; that shift is the hardest one."""
    if (
        not a.has("werkprincipes", "principes", "zorgen_dat")
        or a.get("competenties", "houding") != "overnemen"
    ):
        return None
    return Bevinding(
        "tegenstrijdig",
        "zorgen_voor",
        "'Zorgen dat' als principe, maar in de praktijk nemen we over",
        "Het team kiest voor zorgen dát, maar teamleden nemen een vastgelopen taak meestal zelf over. De stap "
        "van zorgen vóór naar zorgen dát is voor generalisten de moeilijkste. Bespreek samen wanneer overnemen "
        "echt nodig is en hoe je de bewoner en zijn netwerk het daarna zelf laat doen.",
        ("werkprincipes.principes", "competenties.houding"),
    )


def collectief_zonder_tijd(a: Antwoorden) -> Bevinding | None:
    """Collective work first (or a stronger wijk as a goal) needs time in the agenda for groups and the wijk."""
    time = a.get("inrichting", "collectief_tijd")
    first = a.has("werkprincipes", "principes", "collectief_eerst")
    goal = a.has("opgave", "doelen", "veerkracht")
    if time not in ("geen", "weinig") or not (first or goal):
        return None
    why = "het principe 'eerst collectief'" if first else "het doel om de wijk sterker te maken"
    refs = ("inrichting.collectief_tijd", "werkprincipes.principes" if first else "opgave.doelen")
    return Bevinding(
        "tegenstrijdig",
        "collectief_zonder_tijd",
        "Collectief werken zonder tijd ervoor",
        f"Jullie kiezen {why}, maar er gaat (bijna) geen teamtijd naar werk met groepen en de wijk. Zonder "
        "tijd blijft het bij individuele hulp. Spreek af welk deel van de week voor collectief werk is.",
        refs,
    )


def geen_gedeeld_beeld(a: Antwoorden) -> Bevinding | None:
    """An unclear assignment is a known pitfall: twelve members of one team gave eight different pictures of it."""
    score = a.get("opgave", "gedeeld_beeld")
    if not isinstance(score, int) or score > 2:
        return None
    return Bevinding(
        "let op",
        "geen_gedeeld_beeld",
        "Geen gedeeld beeld van de opdracht",
        f"Het team geeft {score} van 5 voor een gedeeld beeld van de opdracht. Een onduidelijke opdracht is een "
        "bekende valkuil: in een Gronings proefteam gaven twaalf teamleden, elk apart gesproken, acht "
        "verschillende beelden van de opdracht. Laat ieder de opdracht in eigen woorden opschrijven, vergelijk "
        "en kom tot één tekst.",
        ("opgave.gedeeld_beeld",),
    )


def snelle_resultaten(a: Antwoorden) -> Bevinding | None:
    """A new team needs two to four years to settle; results within a year is a high expectation."""
    if a.get("aansturing", "verwachting") != "binnen_jaar":
        return None
    return Bevinding(
        "let op",
        "snelle_resultaten",
        "Resultaten verwacht binnen een jaar",
        "De opdrachtgever verwacht binnen een jaar een goed draaiend team met resultaten. Een nieuw team heeft "
        "meestal twee tot vier jaar nodig om te staan. Spreek tussendoelen af en maak zichtbaar wat er al lukt.",
        ("aansturing.verwachting",),
    )


def plan_van_professional(a: Antwoorden) -> Bevinding | None:
    """In strengths-based work and 'one household, one plan' the plan belongs to the household."""
    chosen = [p for p in ("krachten", "een_plan") if a.has("werkprincipes", "principes", p)]
    if not chosen or a.get("werkprincipes", "plan_van_wie") != "professional":
        return None
    return Bevinding(
        "tegenstrijdig",
        "plan_van_professional",
        "Het plan is van de bewoner, maar de professional schrijft het",
        "Het team werkt krachtgericht of volgens één huishouden, één plan: dan is het plan van het huishouden. "
        "In de praktijk schrijft meestal de professional het. Laat het huishouden het plan zelf schrijven, met "
        "steun, in eigen woorden.",
        ("werkprincipes.principes", "werkprincipes.plan_van_wie"),
    )


def moreel_beraad_nooit(a: Antwoorden) -> Bevinding | None:
    """Moreel beraad as a principle only means something when dilemmas are actually discussed together."""
    if (
        not a.has("werkprincipes", "principes", "moreel_beraad")
        or a.get("werkprincipes", "dilemmas") != "nooit"
    ):
        return None
    return Bevinding(
        "tegenstrijdig",
        "moreel_beraad_nooit",
        "Moreel beraad gekozen, maar dilemma's komen nooit op tafel",
        "Het team kiest voor moreel beraad bij lastige keuzes, maar bespreekt dilemma's eigenlijk nooit samen. "
        "Plan vaste momenten, bijvoorbeeld eens per maand, met een vaste gespreksvorm.",
        ("werkprincipes.principes", "werkprincipes.dilemmas"),
    )


def dubbele_loyaliteit(a: Antwoorden) -> Bevinding | None:
    """Members tied to their home organisation raise the question who steers them and where their loyalty lies."""
    score = a.get("aansturing", "loyaliteit")
    if a.get("vormgeving", "vorm") not in _TEAMVORMEN or not isinstance(score, int) or score > 2:
        return None
    return Bevinding(
        "let op",
        "dubbele_loyaliteit",
        "Teamleden luisteren vooral naar hun eigen organisatie",
        f"Het team geeft {score} van 5: bij verschil van mening luisteren teamleden vooral naar hun eigen "
        "organisatie. Voor een team dat samen één aanpak wil, is dat een bekende spanning. Spreek met de "
        "organisaties af wie de teamleden aanstuurt en waarover.",
        ("vormgeving.vorm", "aansturing.loyaliteit"),
    )


def financiering_onduidelijk(a: Antwoorden) -> Bevinding | None:
    """A team made of several organisations needs clear money flows: who pays whom, for what."""
    money = a.get("aansturing", "financiering")
    if a.get("vormgeving", "vorm") not in _TEAMVORMEN or money not in ("nee", "deels"):
        return None
    return Bevinding(
        "let op",
        "financiering_onduidelijk",
        "Geldstromen niet helder",
        "De teamleden komen uit verschillende organisaties, maar het is (deels) onduidelijk uit welk geld ze "
        "betaald worden. Dan blijft ook onduidelijk wie over hun tijd beslist. Breng de geldstromen in kaart.",
        ("vormgeving.vorm", "aansturing.financiering"),
    )


def diepte_zonder_verdieping(a: Antwoorden) -> Bevinding | None:
    """Long and intensive support of complex households asks for depth in the team, not only generalists."""
    if a.get("inrichting", "diepte") != "zelf" or a.get("competenties", "profiel") != "generalist":
        return None
    return Bevinding(
        "let op",
        "diepte_zonder_verdieping",
        "Zelf intensief ondersteunen met alleen generalisten",
        "Het team ondersteunt zo veel mogelijk zelf, ook langer en intensiever, maar zoekt vooral generalisten. "
        "Bij complexe vragen is ook verdieping nodig (bijvoorbeeld schulden, psychiatrie, licht verstandelijke "
        "beperking): generalist naar bewoners, specialist binnen het team.",
        ("inrichting.diepte", "competenties.profiel"),
    )


#: All rules, in the order they are reported (within the same soort).
REGELS: tuple[Callable[[Antwoorden], Bevinding | None], ...] = (
    integraal_zonder_mandaat,
    integraal_zonder_leiding,
    zorgen_voor,
    collectief_zonder_tijd,
    plan_van_professional,
    moreel_beraad_nooit,
    geen_gedeeld_beeld,
    snelle_resultaten,
    team_te_groot,
    dubbele_loyaliteit,
    financiering_onduidelijk,
    diepte_zonder_verdieping,
)
