"""Small HTML fragments for the page; every text from the data is escaped here."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.core.changes import NO_STATEMENT, ChangeReport
from dashboard.core.countries import country_name
from dashboard.core.palette import STATUS_COLORS
from dashboard.core.text import html_text, range_text, short_date
from dashboard.core.vocabulary import CONDITIONS, ROLES, STATUSES


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
        f"display:inline-block;margin-right:5px;border:{border}'></span>"
    )


def legend_html(current: pd.DataFrame, font_size: str = "0.9rem") -> str:
    """The map legend: colour is the strongest current status, size the number of roles."""
    present = [s for s in STATUSES if s in set(current["status"])]
    items = "".join(
        "<span style='display:inline-flex;align-items:center;margin-right:14px'>"
        f"{_dot(STATUS_COLORS[s])}{html_text(STATUSES[s].label)}</span>"
        for s in present
    )
    return (
        f"<div style='line-height:1.7;font-size:{font_size}'><b>Marker colour:</b> strongest "
        f"current status. <b>Size:</b> number of roles held. {items}"
        "<span style='display:inline-flex;align-items:center'>"
        f"{_dot('#fff', ring=True)}Places and sites</span></div>"
    )


def _status(status: str) -> str:
    if status == NO_STATEMENT:
        return "<i>no statement</i>"
    return html_text(STATUSES[status].label.lower())


def changes_html(changes: dict[str, list[tuple[date, str]]]) -> str:
    """One country's path of statuses per role: "Troops: offered (19 Feb) → withdrawn (4 Mar)"."""
    lines = []
    for role, path in changes.items():
        steps = " → ".join(f"{_status(s)} ({short_date(d)})" for d, s in path)
        lines.append(f"<li><b>{html_text(ROLES[role].label)}</b>: {steps}</li>")
    return "<p><b>How its position changed</b></p><ul>" + "".join(lines) + "</ul>"


def timeline_html(statements: pd.DataFrame) -> str:
    """One country's statements, newest first, each with its quote, note and source link."""
    items = []
    for r in statements.sort_values(["date", "line"], ascending=False).to_dict("records"):
        quote = f" “{html_text(r['quote'])}”" if r["quote"] else ""
        note = f"<br/><small>{html_text(r['note'])}</small>" if r["note"] else ""
        items.append(
            f"<li><b>{short_date(r['date'])}</b> · {html_text(ROLES[r['role']].label)}: "
            f"{html_text(STATUSES[r['status']].label)}.{quote} "
            f"{link(r['source_url'], r['source_outlet'])}{note}</li>"
        )
    return "<p><b>Statements, newest first</b></p><ol reversed>" + "".join(items) + "</ol>"


def transitions_html(report: ChangeReport, limit: int | None = None) -> str:
    """Each status change between two dates, from and to, with the deciding source."""
    rows = report.transitions.to_dict("records")
    if not rows:
        return (
            f"<p>No status or number changed between {short_date(report.since)} and "
            f"{short_date(report.until)}.</p>"
        )
    shown = rows if limit is None else rows[:limit]
    items = []
    for r in shown:
        number = ""
        was, now = r["from_number"], r["to_number"]
        # A first statement with no number has nothing to compare; any other move is news.
        if was != now and (was or now != "not disclosed"):
            number = f" ({html_text(was or 'no number')} → {html_text(now)})"
        items.append(
            f"<li><b>{html_text(country_name(r['country']))}</b> "
            f"{html_text(ROLES[r['role']].label)}: {_status(r['from_status'])} → "
            f"<b>{_status(r['to_status'])}</b>{number} · {short_date(r['date'])} · "
            f"{link(r['source_url'], r['source_outlet'])}</li>"
        )
    more = len(rows) - len(shown)
    tail = f"<li><i>and {more} more (see the full dashboard)</i></li>" if more > 0 else ""
    return "<ul style='margin:0'>" + "".join(items) + tail + "</ul>"


def figure_deltas_html(report: ChangeReport) -> str:
    """How each planned figure's announced range and contributors moved between the dates."""
    items = []
    before = report.figures_before.to_dict("records")
    after = report.figures_after.to_dict("records")
    for old, new in zip(before, after, strict=True):
        if not new["roles"]:
            continue
        parts = []
        for prefix, what in (("", "announced"), ("stopped_", "suspended or withdrawn")):
            was, now = range_text(old, prefix), range_text(new, prefix)
            if was != now:
                parts.append(f"{what}: {html_text(was)} → <b>{html_text(now)}</b>")
        if old["contributors"] != new["contributors"]:
            parts.append(f"contributors: {old['contributors']} → <b>{new['contributors']}</b>")
        change = "; ".join(parts) if parts else "no change"
        items.append(f"<li><b>{html_text(new['label'])}</b>: {change}</li>")
    return "<ul style='margin:0'>" + "".join(items) + "</ul>"


def corrections_html(table: pd.DataFrame) -> str:
    """The corrections log as a list: date, statement, what changed, and why (all escaped)."""
    items = "".join(
        "<li style='margin-bottom:6px'>"
        f"<b>{html_text(r['Date'])}</b> · <code>{html_text(r['Statement'])}</code> "
        f"({html_text(r['Country'])}), {html_text(r['Action'])}: "
        f"{html_text(r['What changed'])}<br/><span style='color:#444'>Why: "
        f"{html_text(r['Why'])}</span></li>"
        for r in table.to_dict("records")
    )
    return f"<ul style='padding-left:1.2rem;font-size:0.9rem'>{items}</ul>"


def conditions_html(matrix: pd.DataFrame, unstated: list[str]) -> str:
    """The country-by-condition matrix: each ticked cell links to the statement that states it.

    Args:
        matrix: from `conditions.condition_matrix`.
        unstated: countries in view whose positions state no condition (said below the table,
            since no stated condition is not the same as none).
    """
    if matrix.empty:
        table = "<p>No current position in this view states a condition.</p>"
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
                said = (
                    f"{name}: {CONDITIONS[code].label}, stated {short_date(r['date'])} "
                    f"({ROLES[r['role']].label.lower()}), {r['source_outlet']}"
                )
                hover = html_text(f"{said}. {r['conditions'] or ''}".strip())
                # Day, month and a two-digit year keep thirteen columns within a laptop screen.
                day = f"{r['date'].day} {r['date']:%b %y}"
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
                f"<tr><th scope='row' style='{_CELL};text-align:left'>{html_text(name)}</th>"
                + "".join(tds)
                + "</tr>"
            )
        table = (
            "<div style='overflow-x:auto'>"
            "<table style='border-collapse:collapse;font-size:0.85rem'>"
            f"<thead><tr><th scope='col' style='{_CELL}'>Country</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    if unstated:
        names = ", ".join(html_text(country_name(c)) for c in unstated)
        table += (
            f"<p style='font-size:0.9rem;color:#444'>No condition stated in the current position "
            f"of: {names}. That is what their statements say, not that they set none.</p>"
        )
    return table


_CELL = "border:1px solid #ddd;padding:3px 5px"


def missions_html(missions: pd.DataFrame) -> str:
    """Every mission figure with its date, unit and source link, for readers who check."""
    items = []
    for r in missions.to_dict("records"):
        day = r["date"]
        precision = r["date_precision"]
        when = {"approximate": f"{day:%Y}", "month": f"{day:%b %Y}"}.get(precision, short_date(day))
        # "MINUSCA (…in the Central African Republic)" needs no second "Central African Republic".
        where = "" if r["location"] in r["name"] else f", {html_text(r['location'])}"
        note = f"<br/><small>{html_text(r['note'])}</small>" if r["note"] else ""
        items.append(
            f"<li><b>{html_text(r['mission'])}</b> ({html_text(r['name'])}{where}): "
            f"{html_text(r['figure'])} "
            f"{int(r['value']):,} {html_text(r['unit'])}, {when} · "
            f"{link(r['source_url'], r['source_outlet'])}{note}</li>"
        )
    return "<p><b>The figures and their sources</b></p><ul>" + "".join(items) + "</ul>"


def data_table_html(table: pd.DataFrame, caption: str) -> str:
    """A plain HTML table of a chart's numbers, for screen readers and for checking.

    Every header and cell is escaped; the caption names the chart it stands for.
    """
    head = "".join(f"<th scope='col' style='{_CELL}'>{html_text(c)}</th>" for c in table.columns)
    rows = []
    for record in table.itertuples(index=False):
        cells = list(record)
        first = f"<th scope='row' style='{_CELL};text-align:left'>{html_text(cells[0])}</th>"
        rest = "".join(f"<td style='{_CELL}'>{html_text(c)}</td>" for c in cells[1:])
        rows.append(f"<tr>{first}{rest}</tr>")
    return (
        "<div style='overflow-x:auto'><table style='border-collapse:collapse;font-size:0.85rem'>"
        f"<caption style='text-align:left'>{html_text(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
