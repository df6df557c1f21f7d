"""The picture as of a date: the latest word per country and role, and planned versus announced."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from dashboard.core.language import N_, _
from dashboard.core.vocabulary import MONEY_ROLES, ROLES, SOURCE_STRENGTH, STATUSES, holds

PERSONNEL = ("personnel_low", "personnel_high")
MONEY = ("amount", "amount")
# The planned figures' labels in the bundled data/targets.csv, listed here only so that the
# catalogs hold them: the label comes from the data file, and `planned_vs_announced` passes it
# through the catalog, so a label a curator adds or rewords is shown in English until it is
# translated (add it here too) rather than failing.
TARGET_LABELS = (
    # TRANSLATORS: a planned figure: the ISF troops the plan calls for.
    N_("Security personnel (ISF troops)"),
    # TRANSLATORS: a planned figure: the Gaza police officers the plan would train.
    N_("Gaza police to be trained"),
    # TRANSLATORS: a planned figure: how many troops a planned base could hold.
    N_("Planned base in southern Gaza (capacity)"),
)


def to_timestamp(when: date | str | pd.Timestamp) -> pd.Timestamp:
    """Turn a date, an ISO string or a timestamp into a day-precision timestamp."""
    return pd.Timestamp(when).normalize()


def latest_date(commitments: pd.DataFrame) -> pd.Timestamp:
    """Return the date of the newest statement: the default as-of date."""
    return pd.Timestamp(commitments["date"].max())


def as_of(commitments: pd.DataFrame, when: date | str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Return the latest statement per country and role made on or before `when`.

    Ties on one date go first to a statement that discloses a number (same-day reports of one
    event must not erase a number one of them gives), then to the stronger source kind
    (official > wire > media > secondary), then to the row further down the file: a curator
    appends a correction below what it corrects.

    Args:
        commitments: validated statements, as returned by `read_commitments`.
        when: the as-of date; defaults to the date of the newest statement.

    Returns:
        One row per (country, role), sorted by country then role, with the statement's columns.
    """
    cutoff = latest_date(commitments) if when is None else to_timestamp(when)
    eligible = commitments[commitments["date"] <= cutoff]
    disclosed = eligible[["personnel_low", "personnel_high", "amount"]].notna().any(axis=1)
    strength = eligible["source_kind"].map(SOURCE_STRENGTH)
    ordered = eligible.assign(_disclosed=disclosed, _strength=strength).sort_values(
        ["date", "_disclosed", "_strength", "line"], kind="stable"
    )
    current = ordered.groupby(["country", "role"], sort=False).tail(1)
    role_order = {role: i for i, role in enumerate(ROLES)}
    return (
        current.drop(columns=["_disclosed", "_strength"])
        .sort_values(
            ["country", "role"], key=lambda s: s.map(role_order) if s.name == "role" else s
        )
        .reset_index(drop=True)
    )


def filter_statements(
    statements: pd.DataFrame,
    countries: Iterable[str] = (),
    roles: Iterable[str] = (),
    statuses: Iterable[str] = (),
) -> pd.DataFrame:
    """Keep rows matching every non-empty filter; an empty filter keeps everything."""
    keep = pd.Series(True, index=statements.index)
    for column, wanted in (("country", countries), ("role", roles), ("status", statuses)):
        values = list(wanted)
        if values:
            keep &= statements[column].isin(values)
    return statements[keep]


@dataclass(frozen=True)
class Totals:
    """Announced numbers of one group of statements, with unknowns kept apart.

    `low` sums stated lower bounds ("up to 8,000" states none) and is None when no row states
    one; `high` sums upper bounds, using the lower bound where no upper one is stated
    (`open_ended` counts those rows), and is None when no row discloses a number at all.
    """

    low: int | None
    high: int | None
    contributors: int
    with_number: int
    undisclosed: int
    open_ended: int


def totals(rows: pd.DataFrame, columns: tuple[str, str] = PERSONNEL) -> Totals:
    """Add up the announced numbers of `rows`; rows with no number count as undisclosed.

    Args:
        rows: current statements (one per country and role) to add up.
        columns: the lower- and upper-bound columns; `MONEY` for funding.
    """
    low_col, high_col = columns
    return _totals(list(zip(rows["country"], rows[low_col], rows[high_col], strict=True)))


def _known(value: object) -> float | None:
    return None if value is None or value is pd.NA or value != value else float(value)  # type: ignore[arg-type]


def _totals(rows: list[tuple[str, object, object]]) -> Totals:
    """Totals of (country, low, high) rows, in plain Python.

    The picture over time asks for these on every date: on frames of a few dozen rows, a loop
    is many times faster than pandas' per-call overhead.
    """
    lows = highs = 0.0
    any_low = any_number = False
    countries: set[str] = set()
    numbered: set[str] = set()
    unnumbered: set[str] = set()
    open_ended = 0
    for country, low_value, high_value in rows:
        low, high = _known(low_value), _known(high_value)
        countries.add(country)
        if low is None and high is None:
            unnumbered.add(country)
            continue
        numbered.add(country)
        any_number = True
        if low is not None:
            any_low = True
            lows += low
            if high is None:
                open_ended += 1
        highs += high if high is not None else low  # type: ignore[operator]
    return Totals(
        low=int(lows) if any_low else None,
        high=int(highs) if any_number else None,
        contributors=len(countries),
        with_number=len(numbered),
        undisclosed=len(unnumbered),
        open_ended=open_ended,
    )


BUCKETS = ("counted", "unconfirmed", "stopped", "declined")
# Prefixes of the planned-versus-announced columns, one per bucket.
BUCKET_PREFIX = {
    "counted": "",
    "unconfirmed": "unconfirmed_",
    "stopped": "stopped_",
    "declined": "declined_",
}


def bucket_of(statements: pd.DataFrame) -> pd.Series:
    """Return, per row, how totals treat its status: counted, unconfirmed, stopped, declined."""
    return statements["status"].map(lambda s: STATUSES[s].bucket)


def value_columns(role: str) -> tuple[str, str]:
    """Return the bound columns that measure a role: money for money roles, else personnel."""
    return MONEY if role in MONEY_ROLES else PERSONNEL


def announced_by_role(current: pd.DataFrame) -> dict[str, dict[str, Totals]]:
    """For each role present, the totals of each bucket of statements (see `BUCKETS`)."""
    buckets = bucket_of(current)
    result: dict[str, dict[str, Totals]] = {}
    for role in ROLES:
        of_role = current["role"] == role
        if not of_role.any():
            continue
        result[role] = {
            bucket: totals(current[of_role & (buckets == bucket)], value_columns(role))
            for bucket in BUCKETS
        }
    return result


def figure_roles(target: pd.Series) -> list[str]:
    """Return the roles whose numbers count toward a planned figure."""
    return [r.strip() for r in str(target["counts_roles"]).split(";") if r.strip()]


def planned_vs_announced(current: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """For each planned figure, the announced range and who is counted, unknowns kept apart.

    Counted statuses (offered, committed, deployed, conditional) make the announced total;
    unconfirmed ones (interest, reported), stopped ones (suspended, withdrawn) and declined
    ones are reported in their own columns and never added to it.

    Args:
        current: the picture as of a date (see `as_of`), possibly filtered.
        targets: the planned figures, as returned by `read_targets`.

    Returns:
        One row per figure: `figure`, `label`, `planned`, `wording`, `unit`, `roles`, then the
        counted totals (`low`, `high`, `contributors`, `with_number`, `undisclosed`,
        `open_ended`) and the same fields prefixed `unconfirmed_`, `stopped_` and `declined_`.
    """
    # Plain lists: the picture over time calls this on every date (see `_totals`).
    rows = list(
        zip(
            current["role"],
            bucket_of(current),
            current["country"],
            current["personnel_low"],
            current["personnel_high"],
            strict=True,
        )
    )
    records = []
    for target in targets.to_dict("records"):
        roles = figure_roles(pd.Series(target))
        counted_roles = set(roles)
        record: dict[str, object] = {
            "figure": target["figure"],
            # The data's own label, in the reader's language where the catalog has it.
            "label": _(str(target["label"])),
            "planned": int(target["value"]),
            "wording": target["wording"],
            "unit": target["unit"],
            "roles": roles,
            "source_outlet": target["source_outlet"],
            "source_url": target["source_url"],
        }
        for bucket, prefix in BUCKET_PREFIX.items():
            sums = _totals(
                [(c, lo, hi) for r, b, c, lo, hi in rows if r in counted_roles and b == bucket]
            )
            record.update({prefix + k: v for k, v in asdict(sums).items()})
        records.append(record)
    table = pd.DataFrame.from_records(records)
    # Nullable integers: an unknown total stays <NA>, and known ones never turn into floats.
    number_columns = [p + k for p in BUCKET_PREFIX.values() for k in Totals.__annotations__]
    return table.astype({c: "Int64" for c in number_columns})


def active_roles(current: pd.DataFrame, country: str) -> list[str]:
    """Return the roles a country currently holds: those not suspended, withdrawn or declined."""
    mine = current[(current["country"] == country) & current["status"].map(holds)]
    return list(mine["role"])


def strongest_status(statuses: Iterable[str]) -> str:
    """Return the strongest of several statuses, as the map marks a country."""
    return max(statuses, key=lambda s: STATUSES[s].strength)
