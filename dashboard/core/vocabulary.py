"""The controlled vocabularies of the dataset: roles, statuses, source kinds and conditions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.core.language import N_, _


@dataclass(frozen=True)
class Term:
    """One term of a controlled vocabulary, with the definition shown to users.

    Label and definition are kept in English (as the data files and data/README.md say them)
    and translated into the reader's language when read.
    """

    id: str
    english_label: str
    english_definition: str

    @property
    def label(self) -> str:
        """The term's name in the reader's language."""
        return _(self.english_label)

    @property
    def in_sentence(self) -> str:
        """The name as it reads inside a sentence: first letter small, acronyms kept (CMCC, СМИ)."""
        label = self.label
        return label[:1].lower() + label[1:]

    @property
    def definition(self) -> str:
        """The term's definition in the reader's language."""
        return _(self.english_definition)


@dataclass(frozen=True)
class Status(Term):
    """A status; `strength` orders statuses for "strongest current status" on the map."""

    strength: int
    bucket: str  # "counted", "unconfirmed", "stopped" or "declined": how totals treat it


ROLES: dict[str, Term] = {
    t.id: t
    for t in (
        Term(
            "troops",
            N_("Troops"),
            N_("Military personnel to serve in the ISF, engineering units included."),
        ),
        Term(
            "police_deployed",
            N_("Police deployed"),
            N_("Police officers sent to Gaza or to the ISF."),
        ),
        Term(
            "police_training",
            N_("Police training"),
            N_("Training Gaza or Palestinian police; numbers count officers to be trained."),
        ),
        Term("medical", N_("Medical"), N_("Medical units and field hospitals.")),
        Term(
            "observers",
            N_("Observers / CMCC liaison"),
            N_(
                "Observers or liaison officers at the Civil-Military Coordination Center, "
                "Kiryat Gat."
            ),
        ),
        Term(
            "command",
            N_("Command posts"),
            N_(
                "Posts in the ISF command and its headquarters: commander, deputy commander, joint "
                "command and staff officers."
            ),
        ),
        Term(
            "training_support",
            N_("Training support (no troops)"),
            N_("Support for training, other than training police, without deploying troops."),
        ),
        Term(
            "funding",
            N_("Funding"),
            N_(
                "Money pledged to the Board of Peace or to Gaza through it; amounts, not personnel."
            ),
        ),
        Term(
            "funding_paid",
            N_("Funding paid in"),
            N_(
                "Money reported as paid into the Board of Peace's accounts, as against pledged; "
                "amounts, not personnel."
            ),
        ),
    )
}

# Roles measured in money (amount and currency) rather than in people.
MONEY_ROLES = ("funding", "funding_paid")

# The ladder runs interest < offered < committed < deployed; the rest are outcomes off it.
LADDER = ("interest", "offered", "committed", "deployed")

STATUSES: dict[str, Status] = {
    s.id: s
    for s in (
        Status(
            "interest",
            N_("Expressed interest"),
            N_("Interest in principle, with no offer made."),
            strength=3,
            bucket="unconfirmed",
        ),
        Status(
            "offered",
            N_("Offered"),
            N_("Stated readiness or willingness to contribute, without a firm pledge."),
            strength=6,
            bucket="counted",
        ),
        Status(
            "committed",
            N_("Committed"),
            N_(
                "A firm pledge: announced as committed or confirmed, approved, accepted, or money "
                "pledged."
            ),
            strength=7,
            bucket="counted",
        ),
        Status(
            "deployed",
            N_("Deployed"),
            N_(
                "Personnel on the ground in that role (for observers: present at the CMCC; for "
                "money paid in: received)."
            ),
            strength=8,
            bucket="counted",
        ),
        Status(
            "conditional",
            N_("Conditional"),
            N_("Will contribute only if the stated conditions are met."),
            strength=5,
            bucket="counted",
        ),
        Status(
            "reported",
            N_("Reported only"),
            N_("Reported by the media, not confirmed by the country."),
            strength=4,
            bucket="unconfirmed",
        ),
        Status(
            "suspended",
            N_("Suspended"),
            N_("A commitment put on hold by the contributor."),
            strength=2,
            bucket="stopped",
        ),
        Status(
            "withdrawn",
            N_("Withdrawn"),
            N_("A commitment taken back, or clarified away, by the contributor."),
            strength=1,
            bucket="stopped",
        ),
        Status(
            "declined",
            N_("Declined"),
            N_("Said it will not contribute in that role."),
            strength=0,
            bucket="declined",
        ),
    )
}

SOURCE_KINDS: dict[str, Term] = {
    t.id: t
    for t in (
        Term(
            "official",
            N_("Official statement"),
            N_("Published by the government, the ISF, the Board of Peace or the UN itself."),
        ),
        Term(
            "wire",
            N_("Wire agency"),
            N_(
                "A story of a wire agency (Reuters, AFP, AP, Anadolu, Xinhua…), also when read on "
                "another site."
            ),
        ),
        Term("media", N_("Media report"), N_("A report by the outlet itself.")),
        Term(
            "secondary",
            N_("Secondary"),
            N_("An aggregator, blog, wiki mirror, second-hand or low-reliability page."),
        ),
    )
}

# Ties on one date go to the stronger source; the order is the documented curation rule.
# National caveats: what a country says must hold before, or while, it serves. A statement's
# `condition_codes` lists those its own wording states; the free text stays in `conditions`.
CONDITIONS: dict[str, Term] = {
    t.id: t
    for t in (
        Term(
            "un_mandate",
            N_("UN mandate"),
            N_("Deployment needs a UN Security Council mandate or a UN decision."),
        ),
        Term(
            "defined_mandate",
            N_("Clear mandate"),
            N_(
                "Needs a clear mandate, terms of reference or chain of command, from whatever "
                "authority."
            ),
        ),
        Term(
            "no_combat",
            N_("No combat"),
            N_(
                "No combat operations or confrontation with armed groups: peacekeeping only, "
                "no peace enforcement."
            ),
        ),
        Term(
            "no_disarmament",
            N_("No part in disarming Hamas"),
            N_("Will take no part in disarming Hamas (or in destroying its tunnels)."),
        ),
        Term(
            "palestinian_consent",
            N_("Palestinian consent"),
            N_(
                "The Palestinians (the Palestinian Authority) must agree; a statement that both "
                "sides must agree counts."
            ),
        ),
        Term(
            "national_command",
            N_("National command"),
            N_("Personnel stay under their own country's command."),
        ),
        Term(
            "humanitarian_only",
            N_("Humanitarian roles only"),
            N_("Humanitarian, medical or reconstruction work only."),
        ),
        Term(
            "outside_gaza",
            N_("Outside Gaza only"),
            N_("Deployment or training outside Gaza only."),
        ),
        Term(
            "ceasefire_first",
            N_("Ceasefire first"),
            N_("Only after a lasting ceasefire or a complete halt to the fighting."),
        ),
        Term(
            "israeli_withdrawal",
            N_("Israeli withdrawal"),
            N_("Israel must withdraw from Gaza."),
        ),
        Term(
            "political_horizon",
            N_("Political horizon"),
            N_(
                "Needs a political horizon: Palestinian self-government of Gaza or a path to a "
                "Palestinian state."
            ),
        ),
        Term(
            "domestic_approval",
            N_("Approval at home pending"),
            N_(
                "Needs a named step at home first: a vote of parliament, an authorisation by the "
                "president or cabinet, or a decision left to a government yet to be formed."
            ),
        ),
        Term(
            "temporary",
            N_("Temporary force"),
            N_("The force must be temporary or time-limited."),
        ),
    )
}


# What kind of dated milestone data/events.csv records, for the chart of the force over time.
EVENT_KINDS: dict[str, Term] = {
    t.id: t
    for t in (
        Term("ceasefire", N_("Ceasefire"), N_("A ceasefire taking effect or breaking down.")),
        Term("un", N_("United Nations"), N_("A decision or report of the UN Security Council.")),
        Term("diplomacy", N_("Diplomacy"), N_("A Board of Peace meeting, a charter, a summit.")),
        Term("command", N_("Command"), N_("An appointment to, or a change in, the ISF's command.")),
        Term(
            "deployment",
            N_("Deployment"),
            N_("Personnel or equipment of the force arriving, or starting work."),
        ),
        Term(
            "suspension", N_("Suspension"), N_("A contributor suspending or taking back a pledge.")
        ),
    )
}

# The two figures data/missions.csv gives for a peace operation.
MISSION_FIGURES: dict[str, Term] = {
    t.id: t
    for t in (
        Term("authorised", N_("Authorised"), N_("The ceiling its mandate sets.")),
        Term("deployed", N_("Deployed"), N_("How many serve, on the date given.")),
    )
}


def condition_codes(cell: object) -> list[str]:
    """The codes of a `condition_codes` cell, in their order: "un_mandate; no_combat"."""
    if not isinstance(cell, str):
        return []
    return [part.strip() for part in cell.split(";") if part.strip()]


SOURCE_STRENGTH: dict[str, int] = {"official": 3, "wire": 2, "media": 1, "secondary": 0}

DATE_PRECISIONS: dict[str, Term] = {
    t.id: t
    for t in (
        Term("day", N_("Day"), N_("The exact date of the statement is known.")),
        Term(
            "month",
            N_("Month"),
            N_("Only the month is known; the date is the first of that month."),
        ),
        Term(
            "approximate",
            N_("Approximate"),
            N_(
                "The date is inferred (the note says how), or is the publication date of a report "
                "that gives no date for the statement."
            ),
        ),
    )
}

# Wire agencies, as an outlet names them: a story of one of these is credited "Agency via Site"
# with the source kind `wire`, wherever it was read. State news agencies are wire agencies too.
WIRE_AGENCIES: tuple[str, ...] = (
    "Reuters",
    "AFP",
    "BTA",
    "Canadian Press",
    "Agence France-Presse",
    "AP",
    "Associated Press",
    "Anadolu",
    "Xinhua",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "Antara",
    "Bernama",
    "dpa",
    "EFE",
    "ANSA",
    "Kyodo",
    "Yonhap",
    "Kazinform",
    "AZERTAC",
    "APA",
    "Trend",
    "MAP",
    "Maghreb Arabe Presse",
    "WAM",
    "SPA",
    "QNA",
    "KUNA",
    "BNA",
    "MENA",
    "Petra",
    "WAFA",
    "APP",
    "BSS",
    "IRNA",
)

# The origin names the agency first ("Reuters", "The Canadian Press", "Anadolu Agency (citing
# Franceinfo)"), so a short agency name inside another outlet's ("Global Trend Daily") is not one.
_AGENCY = re.compile(
    r"^(?:The )?("
    + "|".join(re.escape(a) for a in sorted(WIRE_AGENCIES, key=len, reverse=True))
    + r")(?![\w-])"
)


def holds(status: str) -> bool:
    """Tell whether a role at this status is held: anything but suspended, withdrawn or declined.

    The map sizes its markers by held roles and the headline counts them.
    """
    return STATUSES[status].bucket not in ("stopped", "declined")


def wire_agency(outlet: str) -> str | None:
    """Return the wire agency an outlet credit names as the story's origin, or None.

    The origin is the part before " via ": "Reuters via The Straits Times" names Reuters,
    "The Straits Times" names none.
    """
    origin = outlet.split(" via ", 1)[0].strip()
    found = _AGENCY.search(origin)
    return found.group(1) if found else None
