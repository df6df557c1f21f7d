"""Build the dashboard's offline country outlines and marker points from Natural Earth 1:110m."""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import subprocess
import sys
import tempfile
import zipfile
from itertools import pairwise
from pathlib import Path

import shapefile  # pyshp

ROOT = Path(__file__).resolve().parent.parent
OUT_GEOJSON = ROOT / "dashboard" / "static" / "countries.geojson"
OUT_POINTS = ROOT / "dashboard" / "static" / "country_points.csv"

# geopandas 0.14.4 is the last line that still ships naturalearth_lowres inside
# the wheel (1.0 removed the bundled datasets), and PyPI is the only network
# source this project may use. Pinning the version and the hash keeps the
# outlines identical on every rebuild.
WHEEL_REQ = "geopandas==0.14.4"
WHEEL_SHA256 = "3bb6473cb59d51e1a7fe2dbc24a1a063fb0ebdeddf3ce08ddbf8c7ddc99689aa"
SHP_PREFIX = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres."

# About 5 km at the equator: invisible at the world zoom levels the map uses,
# and it brings the file well under the 250 KB budget.
TOLERANCE_DEG = 0.05
DECIMALS = 2

# Natural Earth writes -99 where its ISO_A3 column has no value, even for
# countries that do have a code. The dashboard joins on iso3, so these must be
# real codes. XKX is the user-assigned code the EU, IMF and World Bank use for
# Kosovo (ISO 3166 has none). France and Norway are -99 in raw Natural Earth;
# geopandas already patched them in 0.14.4, but the mapping is kept in case
# another wheel is passed with --wheel.
ISO3_FOR_MINUS_99 = {"Kosovo": "XKX", "France": "FRA", "Norway": "NOR"}

# geopandas filled some -99 values with Natural Earth's internal ADM0_A3
# codes. These two are not ISO codes and no ISO code exists for the
# territories, so they get an empty iso3 rather than a made-up one that could
# collide with a real code later. Their outlines stay so the map has no holes.
NON_ISO_CODES = {"CYN": "N. Cyprus", "SOL": "Somaliland"}

DROP_ISO3 = {"ATA"}  # Antarctica: huge, distorts the Web Mercator view, no data.

# Every country the dashboard puts a marker on. Each one must end up either
# in the outlines or in HAND_POINTS, otherwise the build fails.
NEEDED_ISO3 = [
    "IDN",
    "MAR",
    "KAZ",
    "XKX",
    "ALB",
    "EGY",
    "JOR",
    "ITA",
    "GRC",
    "PAK",
    "AZE",
    "TUR",
    "ARE",
    "QAT",
    "SAU",
    "KWT",
    "BHR",
    "UZB",
    "BGD",
    "USA",
    "GBR",
    "FRA",
    "DEU",
    "ESP",
    "CAN",
    "DNK",
    "SGP",
    "ISR",
    "PSE",
]

# Small states that 1:110m leaves out entirely. Coordinates are hand-entered
# (they are the approximate centre of the main island, not the capital
# city), so the `how` text says so.
HAND_HOW = "approximate country centre, hand-entered (country absent from 1:110m outlines)"
HAND_POINTS = {
    "SGP": ("Singapore", 1.35, 103.82, HAND_HOW),
    "BHR": ("Bahrain", 26.07, 50.55, HAND_HOW),
}
CENTROID_HOW = "centroid of largest polygon (Natural Earth 1:110m)"
FALLBACK_HOW = (
    "middle of largest polygon along the centroid's latitude "
    "(centroid falls outside the country; Natural Earth 1:110m)"
)


def fetch_wheel(wheel: Path | None) -> bytes:
    """Return the wheel bytes, downloading it from PyPI unless a path is given."""
    if wheel is None:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--only-binary=:all:",
                    "--disable-pip-version-check",
                    "--quiet",
                    "--dest",
                    tmp,
                    WHEEL_REQ,
                ],
                check=True,
            )
            found = sorted(Path(tmp).glob("*.whl"))
            if len(found) != 1:
                sys.exit(f"expected one wheel in {tmp}, found {found}")
            data = found[0].read_bytes()
    else:
        data = wheel.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != WHEEL_SHA256:
        # A different wheel could carry different outlines; refuse rather than
        # silently produce a diff nobody asked for.
        sys.exit(f"wheel sha256 {digest} != expected {WHEEL_SHA256}")
    return data


def read_countries(wheel_bytes: bytes) -> list[tuple[dict, dict]]:
    """Read (record, geo_interface) pairs straight from the wheel, no extraction."""
    with zipfile.ZipFile(io.BytesIO(wheel_bytes)) as zf:
        part = {ext: io.BytesIO(zf.read(SHP_PREFIX + ext)) for ext in ("shp", "shx", "dbf", "cpg")}
        prj = zf.read(SHP_PREFIX + "prj").decode("ascii")
    # pyshp does not interpret .prj; check it ourselves so projected
    # coordinates could never be shipped as if they were lon/lat.
    if "WGS_1984" not in prj or not prj.startswith("GEOGCS"):
        sys.exit(f"unexpected projection: {prj}")
    # The .cpg says ISO-8859-1; passing it lets pyshp decode "Côte d'Ivoire".
    reader = shapefile.Reader(shp=part["shp"], shx=part["shx"], dbf=part["dbf"], cpg=part["cpg"])
    return [(sr.record.as_dict(), sr.shape.__geo_interface__) for sr in reader.iterShapeRecords()]


def fix_iso3(iso: str, name: str, log: list[str]) -> str:
    if iso == "-99":
        if name in ISO3_FOR_MINUS_99:
            log.append(f"{name}: -99 -> {ISO3_FOR_MINUS_99[name]}")
            return ISO3_FOR_MINUS_99[name]
        # Unknown -99: keep the outline, leave the code empty, make it visible.
        log.append(f"{name}: -99 -> '' (no known ISO3)")
        return ""
    if NON_ISO_CODES.get(iso) == name:
        log.append(f"{name}: {iso} (Natural Earth internal code) -> ''")
        return ""
    return iso


def signed_area(ring: list) -> float:
    """Shoelace area; positive means counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2.0


def ring_centroid(ring: list) -> tuple[float, float]:
    """Area-weighted centroid of a closed ring (lon, lat)."""
    a6 = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        a6 += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a6 *= 3.0
    return cx / a6, cy / a6


def douglas_peucker(points: list, tol: float) -> list:
    """Iterative Douglas-Peucker (no recursion limit worries on long rings)."""
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        dx, dy = bx - ax, by - ay
        seg = math.hypot(dx, dy)
        dmax, kmax = -1.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            # For a closed ring the first split has a == b, so fall back to
            # point distance: the farthest vertex from the start is kept.
            d = abs(dx * (ay - py) - (ax - px) * dy) / seg if seg else math.hypot(px - ax, py - ay)
            if d > dmax:
                dmax, kmax = d, k
        if dmax > tol:
            keep[kmax] = True
            stack.append((i, kmax))
            stack.append((kmax, j))
    return [p for p, k in zip(points, keep, strict=False) if k]


def _segments_cross(p1, p2, p3, p4) -> bool:
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    def on_seg(a, b, c):
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(
            a[1], b[1]
        )

    o1, o2, o3, o4 = orient(p1, p2, p3), orient(p1, p2, p4), orient(p3, p4, p1), orient(p3, p4, p2)
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and on_seg(p1, p2, p3))
        or (o2 == 0 and on_seg(p1, p2, p4))
        or (o3 == 0 and on_seg(p3, p4, p1))
        or (o4 == 0 and on_seg(p3, p4, p2))
    )


def self_intersects(ring: list) -> bool:
    """O(n^2) check; rings here are at most a few hundred points."""
    segs = list(pairwise(ring))
    n = len(segs)
    for a in range(n):
        for b in range(a + 2, n):
            if a == 0 and b == n - 1:
                continue  # first and last segment share the closing vertex
            if _segments_cross(*segs[a], *segs[b]):
                return True
    return False


def clean_ring(points: list) -> list | None:
    """Round, drop repeats and A-B-A spikes that rounding creates, re-close."""
    pts = [
        (round(x, DECIMALS) + 0.0, round(y, DECIMALS) + 0.0) for x, y in points
    ]  # +0.0 kills -0.0
    pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
    if pts[0] == pts[-1]:
        pts.pop()
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        for i in range(len(pts)):
            if pts[i - 1] == pts[(i + 1) % len(pts)]:
                del pts[i]
                if i < len(pts):
                    del pts[i]  # the duplicate that followed the spike
                else:
                    del pts[0]
                changed = True
                break
    if len(pts) < 3:
        return None
    ring = [*pts, pts[0]]
    if signed_area(ring) == 0:
        return None
    return ring


def simplify_ring(ring: list) -> list | None:
    """Simplify one ring, using a smaller tolerance if the result would cross itself."""
    tries = [clean_ring(douglas_peucker(ring, TOLERANCE_DEG / f)) for f in (1, 2, 4, 8, 16)]
    tries.append(clean_ring(ring))  # rounding only
    for out in tries:
        if out is None or not self_intersects(out):
            return out
    # Even the unsimplified ring crosses itself after rounding, so the defect
    # is in the source (Sudan touches itself at the South Sudan / CAR
    # tripoint); extra vertices would not help, keep the simplest version.
    return tries[0]


def oriented(ring: list, ccw: bool) -> list:
    # RFC 7946: exteriors counter-clockwise, holes clockwise. pyshp keeps the
    # shapefile convention (exteriors clockwise), so flip where needed.
    return ring if (signed_area(ring) > 0) == ccw else ring[::-1]


def polygons_of(geom: dict) -> list[list[list]]:
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["coordinates"])
    sys.exit(f"unexpected geometry type {geom['type']}")


def simplify_geometry(geom: dict) -> dict:
    polys = []
    for poly in polygons_of(geom):
        ext = simplify_ring([tuple(p) for p in poly[0]])
        if ext is None:
            continue  # an island smaller than the tolerance; its holes go too
        holes = [h for h in (simplify_ring([tuple(p) for p in r]) for r in poly[1:]) if h]
        polys.append([oriented(ext, True)] + [oriented(h, False) for h in holes])
    if not polys:
        # Every ring collapsed: keep the largest one, only rounded, so the
        # country still shows up instead of vanishing from the map.
        largest = max(polygons_of(geom), key=lambda p: abs(signed_area(p[0])))
        polys = [[oriented(clean_ring(largest[0]), True)]]
    coords = [[[list(p) for p in ring] for ring in poly] for poly in polys]
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}


def inside(x: float, y: float, ring: list) -> bool:
    """Even-odd point-in-ring test."""
    hit = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            hit = not hit
    return hit


def marker_point(geom: dict) -> tuple[float, float, str]:
    """(lat, lon, how) for a country's marker, from the full-precision geometry."""
    largest = max(polygons_of(geom), key=lambda p: abs(signed_area(p[0])))
    rings = [[tuple(p) for p in r] for r in largest]
    lon, lat = ring_centroid(rings[0])
    how = CENTROID_HOW
    if not inside(lon, lat, rings[0]) or any(inside(lon, lat, h) for h in rings[1:]):
        # Concave shapes put the centroid in a neighbour (Israel's lands in
        # the West Bank, Norway's in Sweden). Walk along the centroid's
        # latitude instead and take the middle of the widest stretch that is
        # inside the polygon, so every marker sits on its own country.
        xs = sorted(
            (x1 - x0) * (lat - y0) / (y1 - y0) + x0
            for r in rings
            for (x0, y0), (x1, y1) in pairwise(r)
            if (y0 > lat) != (y1 > lat)
        )
        a, b = max(zip(xs[::2], xs[1::2], strict=False), key=lambda ab: ab[1] - ab[0])
        lon, how = (a + b) / 2, FALLBACK_HOW
    return round(lat, DECIMALS) + 0.0, round(lon, DECIMALS) + 0.0, how


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--wheel", type=Path, help=f"already downloaded {WHEEL_REQ} wheel (skips pip download)"
    )
    args = ap.parse_args()

    log: list[str] = []
    features, points = [], []
    for rec, geom in read_countries(fetch_wheel(args.wheel)):
        if rec["iso_a3"] in DROP_ISO3:
            log.append(f"{rec['name']}: dropped")
            continue
        iso3 = fix_iso3(rec["iso_a3"], rec["name"], log)
        features.append(
            {
                "type": "Feature",
                "properties": {"iso3": iso3, "name": rec["name"]},
                "geometry": simplify_geometry(geom),
            }
        )
        lat, lon, how = marker_point(geom)
        points.append((iso3, rec["name"], lat, lon, how))

    # Sorted output keeps diffs small if the script is ever re-run or tweaked.
    features.sort(key=lambda f: (f["properties"]["iso3"], f["properties"]["name"]))
    points.sort(key=lambda p: (p[0], p[1]))

    codes = [f["properties"]["iso3"] for f in features if f["properties"]["iso3"]]
    dupes = {c for c in codes if codes.count(c) > 1}
    if dupes:
        sys.exit(f"duplicate iso3 codes: {sorted(dupes)}")

    have = set(codes)
    for iso3 in NEEDED_ISO3:
        if iso3 in have:
            continue
        if iso3 not in HAND_POINTS:
            sys.exit(
                f"{iso3} is needed by the dashboard but has no outline and no hand-entered point"
            )
        name, lat, lon, how = HAND_POINTS[iso3]
        points.append((iso3, name, lat, lon, how))
        log.append(f"{name}: hand-entered point ({iso3})")

    OUT_GEOJSON.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    OUT_GEOJSON.write_text(text + "\n", encoding="utf-8")

    with OUT_POINTS.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["iso3", "name", "lat", "lon", "how"])
        for iso3, name, lat, lon, how in points:
            w.writerow([iso3, name, f"{lat:.2f}", f"{lon:.2f}", how])

    for line in log:
        print(line)
    print(
        f"{OUT_GEOJSON.relative_to(ROOT)}: {len(features)} features, "
        f"{OUT_GEOJSON.stat().st_size} bytes"
    )
    print(
        f"{OUT_POINTS.relative_to(ROOT)}: {len(points)} points, {OUT_POINTS.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
