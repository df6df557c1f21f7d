"""Write a valid, realistic commitments CSV of any size, for scale benchmarks.

    python -m benchmarks.synthetic --rows 10000 --out /tmp/c10k.csv [--seed 7]

The file has the columns of data/commitments.csv and passes `python -m dashboard validate`:

- about 200 countries: every country that has a marker point in dashboard/static/ (175 ISO
  codes plus XKX), topped up to 200 with other ISO 3166-1 codes from pycountry, so a few
  countries have no marker, as real small states would; Kazakhstan is always present (the
  benchmarks filter on it). A few countries speak often, most rarely (Zipf-like weights).
- every role and status, with plausible weights: many funding, observer and troop statements,
  few deployments; each country-role pair gets several statements over time whose status moves
  along the ladder (interest, offered, committed, deployed) or off it (conditional, reported,
  suspended, withdrawn, declined).
- dates from 2023-01-01 to 2026-11-01 (or today, if earlier), denser toward the end; month
  precision dates fall on the first of the month; source_date is on or after the date and
  never in the future.
- numbers on some rows: exact personnel, ranges, "up to" highs, "or more" lows, funding
  amounts in USD; most rows leave them undisclosed (blank, never 0), declined rows sometimes
  say 0.
- http(s) source URLs, quotes of at most 30 words, text with commas, quotes, non-ASCII and
  the odd HTML-like or formula-like note, so CSV quoting and escaping get exercised.
- unique ids in the documented scheme `iso3-role-yyyymmdd`, with `-b`, `-c`, ... suffixes for
  further statements of one country and role on one date.

The output depends only on --rows and --seed (and on today's date only if it is before
2026-11-01).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
POINTS = ROOT / "dashboard" / "static" / "country_points.csv"
COLUMNS = [
    "id",
    "date",
    "date_precision",
    "country",
    "role",
    "status",
    "personnel_low",
    "personnel_high",
    "amount",
    "currency",
    "number_wording",
    "conditions",
    "speaker",
    "note",
    "source_outlet",
    "source_url",
    "source_date",
    "source_kind",
    "quote",
    "quote_language",
    "quote_translation",
    "checked",
]

FIRST = date(2023, 1, 1)
LAST = date(2026, 11, 1)
N_COUNTRIES = 200
ALWAYS = ("KAZ", "XKX", "IDN", "MAR", "ALB")

# Share of statements per role: many funding, observers and troops.
ROLE_WEIGHTS = {
    "troops": 20,
    "police_deployed": 7,
    "police_training": 10,
    "medical": 9,
    "observers": 18,
    "command": 4,
    "training_support": 7,
    "funding": 25,
}
# Personnel magnitudes per role: (smallest, largest) stated number.
PERSONNEL = {
    "troops": (50, 8000),
    "police_deployed": (10, 600),
    "police_training": (100, 3000),
    "medical": (10, 300),
    "observers": (1, 40),
    "command": (1, 12),
    "training_support": (5, 200),
}
# Where a pair's first statement stands, and how a status moves on a later statement.
START = {
    "interest": 30,
    "reported": 22,
    "offered": 20,
    "committed": 12,
    "conditional": 8,
    "declined": 8,
}
MOVES = {
    "interest": {"interest": 40, "offered": 30, "reported": 10, "declined": 10, "committed": 10},
    "reported": {"reported": 35, "interest": 20, "offered": 20, "committed": 10, "declined": 15},
    "offered": {"offered": 40, "committed": 30, "conditional": 12, "withdrawn": 8, "declined": 10},
    "committed": {"committed": 60, "deployed": 6, "suspended": 12, "withdrawn": 10, "offered": 12},
    "conditional": {"conditional": 45, "committed": 25, "withdrawn": 15, "declined": 15},
    "deployed": {"deployed": 70, "suspended": 20, "withdrawn": 10},
    "suspended": {"suspended": 40, "committed": 35, "withdrawn": 25},
    "withdrawn": {"withdrawn": 50, "interest": 20, "offered": 20, "declined": 10},
    "declined": {"declined": 60, "interest": 25, "offered": 15},
}
VERBS = {
    "interest": "is considering taking part in",
    "reported": "is reported to be preparing a contribution to",
    "offered": "is ready to contribute to",
    "committed": "has committed to",
    "deployed": "has deployed personnel to",
    "conditional": "will join, under conditions,",
    "suspended": "has suspended its participation in",
    "withdrawn": "has withdrawn from",
    "declined": "will not take part in",
}
WHAT = {
    "troops": "troops for",
    "police_deployed": "police officers for",
    "police_training": "training Palestinian police within",
    "medical": "a field hospital and medical teams for",
    "observers": "liaison officers at the CMCC for",
    "command": "officers for the joint command of",
    "training_support": "training support for",
    "funding": "funding through the Board of Peace for",
}
# (outlet, kind, domain)
OUTLETS = (
    ("Reuters", "wire", "www.reuters.com"),
    ("AFP via France 24", "wire", "www.france24.com"),
    ("AP via ABC News", "wire", "abcnews.go.com"),
    ("Xinhua", "wire", "english.news.cn"),
    ("Anadolu Agency", "wire", "www.aa.com.tr"),
    ("Al Jazeera", "media", "www.aljazeera.com"),
    ("The National", "media", "www.thenationalnews.com"),
    ("Times of Israel", "media", "www.timesofisrael.com"),
    ("Jakarta Globe", "media", "jakartaglobe.id"),
    ("Kazinform", "wire", "www.inform.kz"),
    ("Le Monde", "media", "www.lemonde.fr"),
    ("Ministry of Foreign Affairs", "official", "www.mfa.gov.example.org"),
    ("Board of Peace", "official", "boardofpeace.example.org"),
    ("United Nations", "official", "press.un.org"),
    ("Sardis Global", "secondary", "sardisglobal.example.com"),
    ("Wikipedia mirror", "secondary", "wiki.example.net"),
)
OUTLET_WEIGHTS = (14, 10, 8, 5, 8, 8, 5, 6, 2, 2, 3, 5, 2, 2, 3, 2)
SPEAKERS = (
    "Foreign Minister",
    "Defence Minister",
    "President",
    "Prime Minister",
    "Ambassador to the UN",
    "Ministry spokesperson",
    "Chief of General Staff",
    "Maj. Gen. Jasper Jeffers (ISF commander)",
)
CONDITIONS = (
    "Both Israel and Palestine must agree.",
    "A UN Security Council mandate.",
    "Only in a non-combat role, outside Gaza City.",
    "Parliamentary approval, and a clear framework for the force.",
    "Hamas disarmament must be agreed first.",
)
NOTES = (
    "No number given.",
    "Date inferred from the report; the statement itself is undated.",
    'Two outlets differ on the wording; the "stronger" one is kept, the other noted here.',
    "Supersedes the earlier row; repeats the number that still stands.",
    "Listed among contributors by the ISF commander, not confirmed by the country.",
    "Translated from the original: « prêts à contribuer », ready to contribute.",
    "Headline says <b>confirmed</b>; the body says only 'considering'.",
    "=SUM(A1:A2) appears in the source's table caption, copied as is.",
    "",
    "",
    "",
)
QUOTE_TAILS = (
    "the International Stabilization Force in Gaza",
    "the ISF, as soon as the framework is clear",
    'what the minister called "a mission of peace"',
    "Gaza, in coordination with the Board of Peace",
    "the stabilization mission, without combat duties",
)


def _countries(rng: random.Random) -> list[str]:
    with POINTS.open(encoding="utf-8", newline="") as handle:
        with_points = sorted({row["iso3"] for row in csv.DictReader(handle) if row["iso3"]})
    iso = sorted(c.alpha_3 for c in pycountry.countries)
    others = [c for c in iso if c not in with_points]
    chosen = set(with_points) | set(ALWAYS)
    chosen |= set(rng.sample(others, max(0, N_COUNTRIES - len(chosen))))
    return sorted(chosen)


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()), k=1)[0]


def _day(rng: random.Random, last: date) -> date:
    # Denser toward the end, as statements about the ISF cluster in 2025 and 2026.
    span = (last - FIRST).days
    return FIRST + timedelta(days=int(span * rng.random() ** 0.5))


def _personnel(rng: random.Random, role: str) -> tuple[str, str, str]:
    """Return personnel_low, personnel_high, number_wording."""
    small, large = PERSONNEL[role]
    n = int(round(rng.uniform(small, large), -1 if large > 100 else 0)) or small
    kind = rng.choices(("exact", "range", "up_to", "or_more"), weights=(45, 20, 25, 10))[0]
    if kind == "exact":
        return str(n), str(n), f"{n:,}" if rng.random() < 0.6 else f"{n:,} personnel"
    if kind == "range":
        high = n + max(1, n // rng.choice((2, 3, 4)))
        return str(n), str(high), f"{n:,}–{high:,}"
    if kind == "up_to":
        return "", str(n), f"up to {n:,}"
    return str(n), "", f"{n:,} or more"


def _amount(rng: random.Random) -> tuple[str, str]:
    """Return amount, number_wording, in US dollars."""
    if rng.random() < 0.3:
        value = rng.randint(1, 30) * 100_000_000
        return str(value), f"${value / 1e9:g} billion"
    value = rng.randint(1, 99) * 1_000_000 // rng.choice((1, 2, 4))
    return str(value), f"${value / 1e6:g} million"


def _quote(rng: random.Random, status: str, role: str, country: str) -> str:
    words = f"{country} {VERBS[status]} {WHAT[role]} {rng.choice(QUOTE_TAILS)}".split()
    return " ".join(words[:30])


def _rows(n_rows: int, seed: int, last: date) -> list[dict[str, str]]:
    rng = random.Random(seed)
    countries = _countries(rng)
    order = countries[:]
    rng.shuffle(order)
    # A few countries speak often, most rarely.
    country_weight = {c: 1 / (rank + 3) ** 0.8 for rank, c in enumerate(order)}
    pairs = [(c, r) for c in countries for r in ROLE_WEIGHTS]
    weights = [country_weight[c] * ROLE_WEIGHTS[r] for c, r in pairs]
    per_pair = Counter(rng.choices(pairs, weights=weights, k=n_rows))
    names = {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}
    names["XKX"] = "Kosovo"
    rows: list[dict[str, str]] = []
    for country, role in sorted(per_pair):
        status = _weighted(rng, START)
        fixed = _personnel(rng, role) if role != "funding" else ("", "", "")
        for _ in range(per_pair[(country, role)]):
            when = _day(rng, last)
            precision = rng.choices(("day", "month", "approximate"), weights=(80, 10, 10))[0]
            if precision == "month":
                when = when.replace(day=1)
            rows.append(_row(rng, country, names[country], role, when, precision, fixed))
        # Statuses follow the dates: assign them in date order once the dates are known.
        mine = sorted(
            (r for r in rows[-per_pair[(country, role)] :]), key=lambda r: (r["date"], r["id"])
        )
        for row in mine:
            _set_status(rng, row, status)
            status = _weighted(rng, MOVES[status])
    return rows


def _row(
    rng: random.Random,
    country: str,
    name: str,
    role: str,
    when: date,
    precision: str,
    fixed: tuple[str, str, str],
) -> dict[str, str]:
    outlet, kind, domain = rng.choices(OUTLETS, weights=OUTLET_WEIGHTS)[0]
    published = when + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 5)))
    slug = f"{name.lower().split(',')[0].replace(' ', '-')}-{role.replace('_', '-')}-isf-gaza"
    scheme = "https" if rng.random() < 0.95 else "http"
    return {
        "id": f"{country.lower()}-{role.replace('_', '-')}-{when:%Y%m%d}",
        "date": when.isoformat(),
        "date_precision": precision,
        "country": country,
        "role": role,
        "status": "",
        "personnel_low": "",
        "personnel_high": "",
        "amount": "",
        "currency": "",
        "number_wording": "",
        "conditions": "",
        "speaker": rng.choice(SPEAKERS) if rng.random() < 0.6 else "",
        "note": rng.choice(NOTES),
        "source_outlet": outlet,
        "source_url": f"{scheme}://{domain}/{published:%Y/%m/%d}/{slug}-{rng.randrange(10**6)}",
        "source_date": published.isoformat() if rng.random() < 0.95 else "",
        "source_kind": kind,
        "quote": "",
        "quote_language": "",
        "quote_translation": "",
        # Confirmed some days after publication, or never (a curator's backlog).
        "checked": (
            min(published + timedelta(days=rng.randrange(0, 400)), max(published, LAST)).isoformat()
            if rng.random() < 0.7
            else ""
        ),
        # Kept aside for _set_status: the pair's standing number (if repeated) and the name.
        "_fixed": "|".join(fixed),
        "_name": name,
    }


def _set_status(rng: random.Random, row: dict[str, str], status: str) -> None:
    role = row["role"]
    if role == "funding" and status == "deployed":
        status = "committed"  # money is pledged, not deployed
    if row["source_kind"] == "secondary":
        status = "reported"  # a claim only a weak outlet makes (data/README.md, rule 5)
    row["status"] = status
    row["quote"] = _quote(rng, status, role, row["_name"]) if rng.random() < 0.8 else ""
    row["quote_language"] = "en" if row["quote"] else ""
    if status == "conditional":
        row["conditions"] = rng.choice(CONDITIONS)
    if role == "funding":
        if status in ("offered", "committed", "deployed", "conditional") and rng.random() < 0.5:
            row["amount"], row["number_wording"] = _amount(rng)
            row["currency"] = "USD"
        elif rng.random() < 0.3:
            row["number_wording"] = "not itemised"
        return
    if status == "declined":
        if rng.random() < 0.3:
            row["personnel_low"] = row["personnel_high"] = "0"
            row["number_wording"] = "none"
        return
    draw = rng.random()
    if draw < 0.2:
        low, high, wording = row["_fixed"].split("|")
    elif draw < 0.35:
        low, high, wording = _personnel(rng, role)
    elif draw < 0.42:
        low, high, wording = "", "", "dozens"
    else:
        low, high, wording = "", "", ""
    row["personnel_low"], row["personnel_high"], row["number_wording"] = low, high, wording


def _suffix(n: int) -> str:
    """0 -> '', 1 -> '-b', 2 -> '-c', ..., 25 -> '-z', 26 -> '-ab', ..."""
    if n == 0:
        return ""
    letters = ""
    n += 1  # 1 -> "b"
    while n:
        n, rest = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[rest] + letters
    return "-" + letters


def synthesize(n_rows: int, seed: int = 1, today: date | None = None) -> list[dict[str, str]]:
    """Return `n_rows` statement rows (dicts of the file's columns), deterministic for a seed."""
    if n_rows < 1:
        raise ValueError("--rows must be at least 1")
    last = min(LAST, today or date.today())
    rows = _rows(n_rows, seed, last)
    rows.sort(key=lambda r: (r["country"], r["role"], r["date"]))
    seen: Counter[str] = Counter()
    for row in rows:
        base = row["id"]
        row["id"] = base + _suffix(seen[base])
        seen[base] += 1
        if row["source_date"]:
            row["source_date"] = min(date.fromisoformat(row["source_date"]), last).isoformat()
        del row["_fixed"], row["_name"]
    return rows


def write(rows: list[dict[str, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True, help="number of statements")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    rows = synthesize(args.rows, args.seed)
    write(rows, args.out)
    countries = len({r["country"] for r in rows})
    print(f"{args.out}: {len(rows)} statements, {countries} countries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
