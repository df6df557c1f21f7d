"""Colours for statuses: Okabe-Ito, safe for colour-blind readers, told apart in grayscale too."""

from __future__ import annotations

# Okabe & Ito (2008). Lightness differs between neighbouring ladder steps so that a grayscale
# print still separates them; the chart legends and the tooltips always name the status too.
STATUS_COLORS: dict[str, str] = {
    "deployed": "#009E73",  # bluish green
    "committed": "#0072B2",  # blue
    "offered": "#56B4E9",  # sky blue
    "conditional": "#E69F00",  # orange
    "reported": "#CC79A7",  # reddish purple
    "interest": "#F0E442",  # yellow
    "suspended": "#D55E00",  # vermillion
    "withdrawn": "#7F7F7F",  # grey
    "declined": "#000000",  # black
}

# WCAG 2.2, 1.4.11 (non-text contrast): a mark a reader needs must stand 3:1 against the white
# behind it. Sky blue, orange and yellow fill at 1.3 to 2.3:1, so every mark is outlined, and
# every line drawn, in its status's ink: the same hue darkened until it reaches 3.2:1 (the
# others pass already and keep their colour). Fills stay Okabe-Ito, so colour-blind readers
# still tell the statuses apart.
STATUS_INK: dict[str, str] = {
    **STATUS_COLORS,
    "offered": "#1D96DB",
    "conditional": "#BD8300",
    "interest": "#9C920C",
}

# Bar fill patterns, so a grayscale print still tells announced from not counted.
PLANNED_COLOR = "#D9D9D9"
ANNOUNCED_COLOR = "#0072B2"
UNCONFIRMED_COLOR = "#CC79A7"
STOPPED_COLOR = "#D55E00"
PLACE_COLOR = "#000000"


def rgb(hex_color: str, alpha: int = 255) -> list[int]:
    """Turn "#RRGGBB" into [r, g, b, a], as deck.gl wants colours."""
    value = hex_color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]
