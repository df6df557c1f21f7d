"""The controlled vocabularies of the dataset: roles, statuses, source kinds and conditions."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One term of a controlled vocabulary, with the definition shown to users."""

    id: str
    label: str
    definition: str


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
            "Troops",
            "Military personnel to serve in the ISF, engineering units included.",
        ),
        Term(
            "police_deployed",
            "Police deployed",
            "Police officers sent to Gaza or to the ISF.",
        ),
        Term(
            "police_training",
            "Police training",
            "Training Gaza or Palestinian police; numbers count officers to be trained.",
        ),
        Term("medical", "Medical", "Medical units and field hospitals."),
        Term(
            "observers",
            "Observers / CMCC liaison",
            "Observers or liaison officers at the Civil-Military Coordination Center, Kiryat Gat.",
        ),
        Term(
            "command",
            "Command posts",
            "Posts in the ISF command and its headquarters: commander, deputy commander, joint "
            "command and staff officers.",
        ),
        Term(
            "training_support",
            "Training support (no troops)",
            "Support for training, other than training police, without deploying troops.",
        ),
        Term(
            "funding",
            "Funding",
            "Money pledged to the Board of Peace or to Gaza through it; amounts, not personnel.",
        ),
        Term(
            "funding_paid",
            "Funding paid in",
            "Money reported as paid into the Board of Peace's accounts, as against pledged; "
            "amounts, not personnel.",
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
            "Expressed interest",
            "Interest in principle, with no offer made.",
            strength=3,
            bucket="unconfirmed",
        ),
        Status(
            "offered",
            "Offered",
            "Stated readiness or willingness to contribute, without a firm pledge.",
            strength=6,
            bucket="counted",
        ),
        Status(
            "committed",
            "Committed",
            "A firm pledge: announced as committed or confirmed, approved, accepted, or money "
            "pledged.",
            strength=7,
            bucket="counted",
        ),
        Status(
            "deployed",
            "Deployed",
            "Personnel on the ground in that role (for observers: present at the CMCC; for "
            "money paid in: received).",
            strength=8,
            bucket="counted",
        ),
        Status(
            "conditional",
            "Conditional",
            "Will contribute only if the stated conditions are met.",
            strength=5,
            bucket="counted",
        ),
        Status(
            "reported",
            "Reported only",
            "Reported by the media, not confirmed by the country.",
            strength=4,
            bucket="unconfirmed",
        ),
        Status(
            "suspended",
            "Suspended",
            "A commitment put on hold by the contributor.",
            strength=2,
            bucket="stopped",
        ),
        Status(
            "withdrawn",
            "Withdrawn",
            "A commitment taken back, or clarified away, by the contributor.",
            strength=1,
            bucket="stopped",
        ),
        Status(
            "declined",
            "Declined",
            "Said it will not contribute in that role.",
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
            "Official statement",
            "Published by the government, the ISF, the Board of Peace or the UN itself.",
        ),
        Term(
            "wire",
            "Wire agency",
            "A story of a wire agency (Reuters, AFP, AP, Anadolu, Xinhua…), also when read on "
            "another site.",
        ),
        Term("media", "Media report", "A report by the outlet itself."),
        Term(
            "secondary",
            "Secondary",
            "An aggregator, blog, wiki mirror, second-hand or low-reliability page.",
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
            "UN mandate",
            "Deployment needs a UN Security Council mandate or a UN decision.",
        ),
        Term(
            "defined_mandate",
            "Clear mandate",
            "Needs a clear mandate, terms of reference or chain of command, from whatever "
            "authority.",
        ),
        Term(
            "no_combat",
            "No combat",
            "No combat operations or confrontation with armed groups: peacekeeping only, no peace "
            "enforcement.",
        ),
        Term(
            "no_disarmament",
            "No part in disarming Hamas",
            "Will take no part in disarming Hamas (or in destroying its tunnels).",
        ),
        Term(
            "palestinian_consent",
            "Palestinian consent",
            "The Palestinians (the Palestinian Authority) must agree; a statement that both sides "
            "must agree counts.",
        ),
        Term(
            "national_command",
            "National command",
            "Personnel stay under their own country's command.",
        ),
        Term(
            "humanitarian_only",
            "Humanitarian roles only",
            "Humanitarian, medical or reconstruction work only.",
        ),
        Term(
            "outside_gaza",
            "Outside Gaza only",
            "Deployment or training outside Gaza only.",
        ),
        Term(
            "ceasefire_first",
            "Ceasefire first",
            "Only after a lasting ceasefire or a complete halt to the fighting.",
        ),
        Term(
            "israeli_withdrawal",
            "Israeli withdrawal",
            "Israel must withdraw from Gaza.",
        ),
        Term(
            "political_horizon",
            "Political horizon",
            "Needs a political horizon: Palestinian self-government of Gaza or a path to a "
            "Palestinian state.",
        ),
        Term(
            "domestic_approval",
            "Approval at home pending",
            "Needs a named step at home first: a vote of parliament, an authorisation by the "
            "president or cabinet, or a decision left to a government yet to be formed.",
        ),
        Term(
            "temporary",
            "Temporary force",
            "The force must be temporary or time-limited.",
        ),
    )
}


# What kind of dated milestone data/events.csv records, for the chart of the force over time.
EVENT_KINDS: dict[str, Term] = {
    t.id: t
    for t in (
        Term("ceasefire", "Ceasefire", "A ceasefire taking effect or breaking down."),
        Term("un", "United Nations", "A decision or report of the UN Security Council."),
        Term("diplomacy", "Diplomacy", "A Board of Peace meeting, a charter, a summit."),
        Term("command", "Command", "An appointment to, or a change in, the ISF's command."),
        Term(
            "deployment",
            "Deployment",
            "Personnel or equipment of the force arriving, or starting work.",
        ),
        Term("suspension", "Suspension", "A contributor suspending or taking back a pledge."),
    )
}

# The two figures data/missions.csv gives for a peace operation.
MISSION_FIGURES: dict[str, Term] = {
    t.id: t
    for t in (
        Term("authorised", "Authorised", "The ceiling its mandate sets."),
        Term("deployed", "Deployed", "How many serve, on the date given."),
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
        Term("day", "Day", "The exact date of the statement is known."),
        Term("month", "Month", "Only the month is known; the date is the first of that month."),
        Term(
            "approximate",
            "Approximate",
            "The date is inferred (the note says how), or is the publication date of a report "
            "that gives no date for the statement.",
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
