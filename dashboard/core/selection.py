"""A selection of the data and the picture it makes: every figure a view shows, derived once.

The page, the briefing, `summary` and the exports all render a `Picture`; none of them
derives a figure of its own, so they cannot disagree about the same selection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd

from dashboard.core.changes import ChangeReport, changes_since
from dashboard.core.conditions import condition_matrix, countries_stating
from dashboard.core.countries import country_name
from dashboard.core.dataset import Dataset
from dashboard.core.language import _, comma
from dashboard.core.picture import (
    Totals,
    announced_by_role,
    as_of,
    filter_statements,
    planned_vs_announced,
)
from dashboard.core.review import freshness_text
from dashboard.core.statements import corrections_in_view, sources_line
from dashboard.core.vocabulary import CONDITIONS, ROLES, STATUSES


@dataclass(frozen=True)
class Selection:
    """Which statements a picture is made of: empty tuples mean "all"; as_of None, the default.

    Countries and roles pick statements; statuses pick current positions (a country is shown
    when its latest word in a role has one of them); conditions pick countries (those whose
    current position states one of them). `since` asks for what changed after that date, up to
    the as-of date.
    """

    countries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    as_of: date | None = None
    since: date | None = None
    conditions: tuple[str, ...] = ()

    def narrows(self) -> bool:
        """Tell whether a filter narrows the picture (the dates aside)."""
        return bool(self.countries or self.roles or self.statuses or self.conditions)

    def describe(self) -> str:
        """Say the active filters in words, for headers, footers and exports."""
        parts = []
        if self.countries:
            names = comma().join(country_name(c) for c in self.countries)
            parts.append(_("countries: {names}").format(names=names))
        if self.roles:
            names = comma().join(ROLES[r].label for r in self.roles)
            parts.append(_("roles: {names}").format(names=names))
        if self.statuses:
            names = comma().join(STATUSES[s].label for s in self.statuses)
            parts.append(_("statuses: {names}").format(names=names))
        if self.conditions:
            names = comma().join(CONDITIONS[c].label for c in self.conditions)
            parts.append(_("stated conditions: {names}").format(names=names))
        if not parts:
            # TRANSLATORS: what a view shows when no filter is set.
            return _("all countries, roles and statuses")
        # TRANSLATORS: the separator between the clauses of a sentence: a semicolon and a space.
        return _("; ").join(parts)


# eq=False: a picture holds frames, which neither compare nor hash as a whole.
@dataclass(frozen=True, eq=False)
class Picture:
    """Everything a selection shows on its as-of date.

    The figures every rendering needs are computed at once; the history, the changes and one
    country's statements are computed when first asked for (a frozen picture never changes,
    so each is computed at most once).
    """

    dataset: Dataset
    selection: Selection
    when: date  # the as-of date: the selection's, else `default`
    default: date  # the default as-of date: the review date, or the newest statement if later
    current: pd.DataFrame  # the latest word per country and role, filtered
    figures: pd.DataFrame  # planned versus announced (see `planned_vs_announced`)
    # With a condition filter, the countries it keeps; None without one. The statement count,
    # the history and the changes follow these countries.
    kept: frozenset[str] | None = None

    @property
    def latest(self) -> date:
        """The date of the newest statement in the data."""
        return self.dataset.latest

    @property
    def filters_text(self) -> str:
        """The selection's filters in words."""
        return self.selection.describe()

    @property
    def sources(self) -> str:
        """The outlets behind the current positions: "Sources: A, B and 3 more"."""
        return sources_line(self.current)

    @property
    def freshness(self) -> str:
        """How fresh the data is: "Sources reviewed through … · latest statement …"."""
        return freshness_text(self.dataset.review, self.latest)

    @cached_property
    def _known(self) -> pd.DataFrame:
        """Every statement dated on or before the as-of date, unfiltered."""
        commitments = self.dataset.commitments
        return commitments[commitments["date"] <= pd.Timestamp(self.when)]

    def _countries(self) -> tuple[str, ...]:
        """The country filter the statements follow: the selection's, or what conditions kept."""
        if self.kept is None:
            return self.selection.countries
        return tuple(sorted(self.kept))

    def _in_view(self, frame: pd.DataFrame, statuses: tuple[str, ...] = ()) -> pd.DataFrame:
        rows = filter_statements(frame, self._countries(), self.selection.roles, statuses)
        # A condition filter that keeps no country keeps no statement (an empty filter keeps all).
        return rows.iloc[0:0] if self.kept is not None and not self.kept else rows

    @cached_property
    def statement_count(self) -> int:
        """How many statements the picture rests on.

        Those of the selected countries and roles dated on or before the as-of date; a status
        filter picks positions, not statements, so it does not change the count.
        """
        return len(self._in_view(self._known))

    @cached_property
    def history(self) -> pd.DataFrame:
        """Every statement up to the as-of date that the filters keep, newest first.

        Unlike `current`, a status filter here keeps each statement by its own status.
        """
        rows = self._in_view(self._known, self.selection.statuses)
        return rows.sort_values(["date", "country"], ascending=[False, True])

    def statements_of(self, country: str) -> pd.DataFrame:
        """One country's statements up to the as-of date, in every role: its timeline."""
        return self._known[self._known["country"] == country]

    @cached_property
    def changes(self) -> ChangeReport | None:
        """What changed after `since` up to the as-of date; None without an earlier `since`."""
        since = self.selection.since
        if since is None or since >= self.when or (self.kept is not None and not self.kept):
            return None
        data, selection = self.dataset, self.selection
        return changes_since(
            data.commitments,
            data.targets,
            since,
            self.when,
            self._countries(),
            selection.roles,
            selection.statuses,
        )

    @cached_property
    def conditions(self) -> pd.DataFrame:
        """The stated conditions of the positions shown (see `conditions.condition_matrix`)."""
        return condition_matrix(self.current, self._known)

    @cached_property
    def announced(self) -> dict[str, dict[str, Totals]]:
        """Per role, the totals of each bucket of current positions (see `announced_by_role`)."""
        return announced_by_role(self.current)

    @cached_property
    def corrections(self) -> pd.DataFrame:
        """The corrections log for the statements in view, newest first.

        Unfiltered, the whole log; filtered, the entries about the countries the picture shows
        (in the selected roles).
        """
        countries = tuple(sorted(set(self.current["country"]))) if self.selection.narrows() else ()
        data = self.dataset
        return corrections_in_view(
            data.corrections, data.commitments, countries, self.selection.roles
        )

    @property
    def notes(self) -> list[str]:
        """What the reader must be told about the selection itself (plain sentences)."""
        since = self.selection.since
        if since is not None and since >= self.when:
            return [
                # TRANSLATORS: 'What changed since' is the name of a date filter on the page.
                _(
                    "'What changed since' ({since}) must be before the as-of date ({as_of}); "
                    "pick an earlier date to see what changed"
                ).format(since=since.isoformat(), as_of=self.when.isoformat())
            ]
        return []


def _filters(selection: Selection) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return selection.countries, selection.roles, selection.statuses


def picture_of(
    dataset: Dataset,
    selection: Selection,
    positions_on: Callable[[date], pd.DataFrame] | None = None,
) -> Picture:
    """Derive the picture a selection makes of the data.

    Args:
        dataset: the validated data.
        selection: the filters and dates.
        positions_on: returns the unfiltered picture (see `as_of`) on a date; a caller that
            keeps those per date (the page caches them for every session) passes its own.
    """
    default = dataset.default_as_of
    when = selection.as_of or default
    positions = positions_on(when) if positions_on is not None else as_of(dataset.commitments, when)
    current = filter_statements(positions, *_filters(selection))
    kept = None
    if selection.conditions:
        known = dataset.commitments[dataset.commitments["date"] <= pd.Timestamp(when)]
        matrix = condition_matrix(current, known)
        kept = frozenset(countries_stating(matrix, selection.conditions))
        current = current[current["country"].isin(kept)]
    return Picture(
        dataset=dataset,
        selection=selection,
        when=when,
        default=default,
        current=current,
        figures=planned_vs_announced(current, dataset.targets),
        kept=kept,
    )
