"""National caveats as data: which country's current position carries which stated condition."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.core.countries import country_name
from dashboard.core.vocabulary import CONDITIONS, ROLES, condition_codes

MATRIX_COLUMNS = [
    "country",
    "condition",
    "role",
    "status",
    "id",
    "date",
    "source_outlet",
    "source_url",
    "conditions",
]
# A position at these statuses serves under no condition: the country is not (or no longer) in.
NOT_SERVING = ("withdrawn", "declined")


def condition_matrix(current: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Each (country, condition) that a current position carries, with the statement stating it.

    A condition, once stated, stays with its country and role until the country withdraws or
    declines in that role: a later statement that does not repeat it (a suspension, a new
    number) does not lift it. A cell names the newest statement that states the condition, in
    any role the country holds (the troops' statement first on the same day).

    Args:
        current: the latest statement per country and role (see `picture.as_of`), filtered.
        statements: every statement dated on or before the picture's date (any filter).

    Returns:
        One row per (country, condition), countries by name and conditions in vocabulary order,
        with the stating statement's `role`, `id`, `date`, `source_outlet`, `source_url` and
        free-text `conditions`, and the `status` of the position it belongs to now.
    """
    serving = current[~current["status"].isin(NOT_SERVING)]
    status_of = dict(
        zip(zip(serving["country"], serving["role"], strict=True), serving["status"], strict=True)
    )
    stating = statements[statements["condition_codes"].astype(str).str.strip() != ""]
    role_order = {role: i for i, role in enumerate(ROLES)}
    records = [r for r in stating.to_dict("records") if (r["country"], r["role"]) in status_of]
    # Newest first, then the role order, then further down the file: the first seen decides.
    records.sort(key=lambda r: (-r["date"].value, role_order.get(r["role"], 99), -r["line"]))
    found: dict[tuple[str, str], dict[str, object]] = {}
    for record in records:
        for code in condition_codes(record["condition_codes"]):
            key = (str(record["country"]), code)
            if key not in found:
                row = {column: record.get(column) for column in MATRIX_COLUMNS}
                row["condition"] = code
                row["status"] = status_of[(record["country"], record["role"])]
                found[key] = row
    condition_order = {code: i for i, code in enumerate(CONDITIONS)}
    rows = sorted(
        found.values(),
        key=lambda r: (country_name(str(r["country"])), condition_order[str(r["condition"])]),
    )
    return pd.DataFrame.from_records(rows, columns=MATRIX_COLUMNS)


def countries_stating(matrix: pd.DataFrame, codes: Iterable[str]) -> set[str]:
    """The countries of a condition matrix that carry any of `codes`."""
    return set(matrix.loc[matrix["condition"].isin(list(codes)), "country"])


def conditions_by_code(matrix: pd.DataFrame) -> dict[str, list[str]]:
    """For each condition in a condition matrix, the countries carrying it (ISO3, sorted)."""
    return {
        code: sorted(set(matrix.loc[matrix["condition"] == code, "country"]))
        for code in CONDITIONS
        if (matrix["condition"] == code).any()
    }


def countries_without_conditions(current: pd.DataFrame, matrix: pd.DataFrame) -> list[str]:
    """Countries in `current` serving under no stated condition, sorted by name.

    No stated condition is not the same as none: the statements may simply not say. Countries
    whose every position is withdrawn or declined are left out: they do not serve at all.
    """
    serving = set(current.loc[~current["status"].isin(NOT_SERVING), "country"])
    return sorted(serving - set(matrix["country"]), key=country_name)
