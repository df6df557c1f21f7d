"""Small HTML fragments for the page; every text from the data is escaped here.

Words are translated into the reader's language; the markup stays outside the messages except
where a sentence holds a tag (a bold label, a link). In a right-to-left language the lists and
tables say so (`dir='rtl'`) and line up on the right, as the page does.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from babel.dates import format_date, format_skeleton

from dashboard.core.changes import NO_STATEMENT, ChangeReport
from dashboard.core.countries import country_name
from dashboard.core.descriptions import semicolon
from dashboard.core.language import (
    DEFAULT_LANGUAGE,
    _,
    babel_locale,
    comma,
    is_right_to_left,
    language,
    ngettext,
    number,
)
from dashboard.core.palette import STATUS_COLORS
from dashboard.core.text import html_text, range_text, short_date
from dashboard.core.vocabulary import CONDITIONS, MISSION_FIGURES, ROLES, STATUSES


def _dir() -> str:
    """The direction attribute a list or table needs: " dir='rtl'" in Arabic, else nothing."""
    return " dir='rtl'" if is_right_to_left() else ""


def _start() -> str:
    """The side text starts on: left, or right in a right-to-left language."""
    return "right" if is_right_to_left() else "left"


def _end() -> str:
    """The side text ends on: right, or left in a right-to-left language."""
    return "left" if is_right_to_left() else "right"


def link(url: str, text: str) -> str:
    """An escaped link that opens in a new tab; anything but http(s) becomes plain text."""
    if not url.lower().startswith(("http://", "https://")):
        return html_text(text)
    return (
        f"<a href='{html_text(url)}' target='_blank' rel='noopener noreferrer'>"
        f"{html_text(text)}</a>"
    )


def _dot(color: str, ring: bool = False) -> str:
    fill = "white" if ring else color
    border = "2px solid black" if ring else "1px solid #555"
    return (
        f"<span style='width:12px;height:12px;border-radius:50%;background:{fill};"
        f"display:inline-block;margin-{_end()}:5px;border:{border}'></span>"
    )


def legend_html(current: pd.DataFrame, font_size: str = "0.9rem") -> str:
    """The map legend: colour is the strongest current status, size the number of roles."""
    present = [s for s in STATUSES if s in set(current["status"])]
    items = "".join(
        f"<span style='display:inline-flex;align-items:center;margin-{_end()}:14px'>"
        f"{_dot(STATUS_COLORS[s])}{html_text(STATUSES[s].label)}</span>"
        for s in present
    )
    # TRANSLATORS: the map legend; keep the <b> tags around the two labels.
    explained = _(
        "<b>Marker colour:</b> strongest current status. <b>Size:</b> number of roles held."
    )
    # TRANSLATORS: the map legend's entry for Gaza, Rafah and the coordination centre.
    places = html_text(_("Places and sites"))
    return (
        f"<div{_dir()} style='line-height:1.7;font-size:{font_size}'>{explained} {items}"
        "<span style='display:inline-flex;align-items:center'>"
        f"{_dot('#fff', ring=True)}{places}</span></div>"
    )


def _status(status: str) -> str:
    if status == NO_STATEMENT:
        # TRANSLATORS: where a status would be: the country had said nothing in that role yet.
        said = _("no statement")
        return f"<i>{html_text(said)}</i>"
    return html_text(STATUSES[status].in_sentence)


def _moved(before: str, after: str) -> str:
    """A move from one value to another, both already escaped: "offered → withdrawn"."""
    # TRANSLATORS: a change from one value to another; in a right-to-left language the arrow
    # may point the other way.
    return _("{before} → {after}").format(before=before, after=after)


def changes_html(changes: dict[str, list[tuple[date, str]]]) -> str:
    """One country's path of statuses per role: "Troops: offered (19 Feb) → withdrawn (4 Mar)"."""
    lines = []
    for role, path in changes.items():
        steps = [f"{_status(s)} ({short_date(d)})" for d, s in path]
        said = steps[0] if steps else ""
        for step in steps[1:]:
            said = _moved(said, step)
        lines.append(f"<li><b>{html_text(ROLES[role].label)}</b>: {said}</li>")
    heading = html_text(_("How its position changed"))
    return f"<p><b>{heading}</b></p><ul{_dir()}>" + "".join(lines) + "</ul>"


def timeline_html(statements: pd.DataFrame) -> str:
    """One country's statements, newest first, each with its quote, note and source link."""
    items = []
    for r in statements.sort_values(["date", "line"], ascending=False).to_dict("records"):
        quote = f"“{html_text(r['quote'])}”" if r["quote"] else ""
        if quote and is_right_to_left():
            # A quote keeps its own direction inside Arabic text (most quotes are not Arabic).
            quote = f"<bdi>{quote}</bdi>"
        quote = f" {quote}" if quote else ""
        # The curator's notes are English: in Arabic, dir=auto keeps their full stop at their end.
        note_dir = " dir='auto'" if is_right_to_left() else ""
        note = f"<br/><small{note_dir}>{html_text(r['note'])}</small>" if r["note"] else ""
        items.append(
            f"<li><b>{short_date(r['date'])}</b> · {html_text(ROLES[r['role']].label)}: "
            f"{html_text(STATUSES[r['status']].label)}.{quote} "
            f"{link(r['source_url'], r['source_outlet'])}{note}</li>"
        )
    heading = html_text(_("Statements, newest first"))
    return f"<p><b>{heading}</b></p><ol{_dir()} reversed>" + "".join(items) + "</ol>"


def transitions_html(report: ChangeReport, limit: int | None = None) -> str:
    """Each status change between two dates, from and to, with the deciding source.

    The report's numbers are words ("not disclosed"): show it in the language it was made in.
    """
    rows = report.transitions.to_dict("records")
    if not rows:
        said = _("No status or number changed between {since} and {until}.").format(
            since=short_date(report.since), until=short_date(report.until)
        )
        return f"<p>{html_text(said)}</p>"
    shown = rows if limit is None else rows[:limit]
    items = []
    for r in shown:
        moved = ""
        was, now = r["from_number"], r["to_number"]
        # A first statement with no number has nothing to compare; any other move is news.
        # (The numbers are said in the reader's language, "not disclosed" included.)
        if was != now and (was or now != _("not disclosed")):
            # TRANSLATORS: said where a position had no number before.
            before = was or _("no number")
            moved = f" ({_moved(html_text(before), html_text(now))})"
        statuses = _moved(_status(r["from_status"]), f"<b>{_status(r['to_status'])}</b>")
        items.append(
            f"<li><b>{html_text(country_name(r['country']))}</b> "
            f"{html_text(ROLES[r['role']].label)}: {statuses}{moved} · {short_date(r['date'])} · "
            f"{link(r['source_url'], r['source_outlet'])}</li>"
        )
    more = len(rows) - len(shown)
    tail = ""
    if more > 0:
        and_more = ngettext(
            "and {count} more (see the full dashboard)",
            "and {count} more (see the full dashboard)",
            more,
        ).format(count=number(more))
        tail = f"<li><i>{html_text(and_more)}</i></li>"
    return f"<ul{_dir()} style='margin:0'>" + "".join(items) + tail + "</ul>"


def figure_deltas_html(report: ChangeReport) -> str:
    """How each planned figure's announced range and contributors moved between the dates."""
    items = []
    before = report.figures_before.to_dict("records")
    after = report.figures_after.to_dict("records")
    for old, new in zip(before, after, strict=True):
        if not new["roles"]:
            continue
        parts = []
        was, now = range_text(old), range_text(new)
        if was != now:
            # TRANSLATORS: how the announced range of a planned figure moved between two dates.
            parts.append(
                _("announced: {before} → <b>{after}</b>").format(
                    before=html_text(was), after=html_text(now)
                )
            )
        was, now = range_text(old, "stopped_"), range_text(new, "stopped_")
        if was != now:
            # TRANSLATORS: how the suspended or withdrawn part of a planned figure moved.
            parts.append(
                _("suspended or withdrawn: {before} → <b>{after}</b>").format(
                    before=html_text(was), after=html_text(now)
                )
            )
        if old["contributors"] != new["contributors"]:
            # TRANSLATORS: how the number of contributing countries moved between two dates.
            parts.append(
                _("contributors: {before} → <b>{after}</b>").format(
                    before=number(int(old["contributors"])),
                    after=number(int(new["contributors"])),
                )
            )
        change = semicolon().join(parts) if parts else html_text(_("no change"))
        items.append(f"<li><b>{html_text(new['label'])}</b>: {change}</li>")
    return f"<ul{_dir()} style='margin:0'>" + "".join(items) + "</ul>"


def corrections_html(table: pd.DataFrame) -> str:
    """The corrections log as a list: date, statement, what changed, and why (all escaped).

    The columns are read in their order (`statements.CORRECTION_COLUMNS`), whatever language
    their headers are in.
    """
    items = []
    for day, statement, country, action, what, why in table.itertuples(index=False):
        # TRANSLATORS: {reason} is the free-text reason for a correction, from the data.
        because = _("Why: {reason}").format(reason=html_text(why))
        items.append(
            "<li style='margin-bottom:6px'>"
            f"<b>{html_text(day)}</b> · <code>{html_text(statement)}</code> "
            f"({html_text(country)}), {html_text(action)}: "
            f"{html_text(what)}<br/><span style='color:#444'>{because}</span></li>"
        )
    return f"<ul{_dir()} style='padding-{_start()}:1.2rem;font-size:0.9rem'>{''.join(items)}</ul>"


def _day(day: date) -> str:
    """A date in a matrix cell: day, month and a two-digit year ("4 Mar 26")."""
    if language() == DEFAULT_LANGUAGE:
        return f"{day.day} {day:%b %y}"  # as it has always read ("Sep", where Babel says "Sept")
    return format_date(day, "d MMM yy", locale=babel_locale())


def conditions_html(matrix: pd.DataFrame, unstated: list[str]) -> str:
    """The country-by-condition matrix: each ticked cell links to the statement that states it.

    Args:
        matrix: from `conditions.condition_matrix`.
        unstated: countries in view whose positions state no condition (said below the table,
            since no stated condition is not the same as none).
    """
    if matrix.empty:
        said = _("No current position in this view states a condition.")
        table = f"<p>{html_text(said)}</p>"
    else:
        present = set(matrix["condition"])
        codes = [code for code in CONDITIONS if code in present]
        countries = list(dict.fromkeys(matrix["country"]))
        cells = {(r["country"], r["condition"]): r for r in matrix.to_dict("records")}
        head = "".join(
            f"<th scope='col' title='{html_text(CONDITIONS[c].definition)}' "
            f"style='{_CELL};text-align:center'>{html_text(CONDITIONS[c].label)}</th>"
            for c in codes
        )
        rows = []
        for country in countries:
            name = country_name(country)
            tds = []
            for code in codes:
                r = cells.get((country, code))
                if r is None:
                    tds.append(f"<td style='{_CELL}'></td>")
                    continue
                # TRANSLATORS: a ticked cell of the conditions matrix, read aloud: "Indonesia:
                # No combat, stated 4 Mar 2026 (troops), Reuters"; {outlet} is a news outlet.
                said = _("{country}: {condition}, stated {date} ({role}), {outlet}").format(
                    country=name,
                    condition=CONDITIONS[code].label,
                    date=short_date(r["date"]),
                    role=ROLES[r["role"]].in_sentence,
                    outlet=r["source_outlet"],
                )
                hover = html_text(f"{said}. {r['conditions'] or ''}".strip())
                # Day, month and a two-digit year keep thirteen columns within a laptop screen.
                day = html_text(_day(r["date"]))
                mark = (
                    f"<a href='{html_text(r['source_url'])}' target='_blank' "
                    f"rel='noopener noreferrer' title='{hover}' "
                    f"aria-label='{html_text(said)}'>✓<br/><small>{day}</small></a>"
                    if str(r["source_url"]).lower().startswith(("http://", "https://"))
                    else f"✓<br/><small>{day}</small>"
                )
                tds.append(
                    f"<td style='{_CELL};text-align:center;white-space:nowrap;"
                    f"line-height:1.1'>{mark}</td>"
                )
            rows.append(
                f"<tr><th scope='row' style='{_CELL};text-align:{_start()}'>{html_text(name)}</th>"
                + "".join(tds)
                + "</tr>"
            )
        # TRANSLATORS: the header of the column of country names in a table.
        country_header = html_text(_("Country"))
        table = (
            "<div style='overflow-x:auto'>"
            f"<table{_dir()} style='border-collapse:collapse;font-size:0.85rem'>"
            f"<thead><tr><th scope='col' style='{_CELL}'>{country_header}</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    if unstated:
        names = comma().join(html_text(country_name(c)) for c in unstated)
        # TRANSLATORS: {names} lists countries whose statements name no condition.
        said = _(
            "No condition stated in the current position of: {names}. That is what their "
            "statements say, not that they set none."
        ).format(names=names)
        table += f"<p style='font-size:0.9rem;color:#444'>{said}</p>"
    return table


_CELL = "border:1px solid #ddd;padding:3px 5px"


def _when(day: date, precision: str) -> str:
    """A mission figure's date as precisely as it is known: "2026", "Mar 2026", "4 Mar 2026"."""
    if precision == "approximate":
        return f"{day:%Y}"
    if precision == "month":
        if language() == DEFAULT_LANGUAGE:
            return f"{day:%b %Y}"  # as it has always read ("Sep", where Babel says "Sept")
        return format_skeleton("yMMM", day, locale=babel_locale())
    return short_date(day)


def missions_html(missions: pd.DataFrame) -> str:
    """Every mission figure with its date, unit and source link, for readers who check."""
    items = []
    for r in missions.to_dict("records"):
        when = _when(r["date"], r["date_precision"])
        # "MINUSCA (…in the Central African Republic)" needs no second "Central African Republic".
        where = "" if r["location"] in r["name"] else f", {html_text(r['location'])}"
        note = f"<br/><small>{html_text(r['note'])}</small>" if r["note"] else ""
        term = MISSION_FIGURES.get(r["figure"])
        figure = term.in_sentence if term else r["figure"]
        items.append(
            f"<li><b>{html_text(r['mission'])}</b> ({html_text(r['name'])}{where}): "
            f"{html_text(figure)} "
            f"{number(int(r['value']))} {html_text(r['unit'])}, {html_text(when)} · "
            f"{link(r['source_url'], r['source_outlet'])}{note}</li>"
        )
    heading = html_text(_("The figures and their sources"))
    return f"<p><b>{heading}</b></p><ul{_dir()}>" + "".join(items) + "</ul>"


def data_table_html(table: pd.DataFrame, caption: str) -> str:
    """A plain HTML table of a chart's numbers, for screen readers and for checking.

    Every header and cell is escaped; the caption names the chart it stands for.
    """
    start = _start()
    head = "".join(f"<th scope='col' style='{_CELL}'>{html_text(c)}</th>" for c in table.columns)
    rows = []
    for record in table.itertuples(index=False):
        cells = list(record)
        first = f"<th scope='row' style='{_CELL};text-align:{start}'>{html_text(cells[0])}</th>"
        rest = "".join(f"<td style='{_CELL}'>{html_text(c)}</td>" for c in cells[1:])
        rows.append(f"<tr>{first}{rest}</tr>")
    return (
        "<div style='overflow-x:auto'>"
        f"<table{_dir()} style='border-collapse:collapse;font-size:0.85rem'>"
        f"<caption style='text-align:{start}'>{html_text(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
