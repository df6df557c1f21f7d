"""The controlled vocabularies of the dataset: roles, statuses and source kinds, each defined."""

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
