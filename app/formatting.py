"""How figures are written on pages: undefined values as "—", never 0 and never an error."""

DASH = "—"


def percent(value):
    """0.756 -> "76%"; None -> "—"."""
    return DASH if value is None else f"{value * 100:.0f}%"


def number(value, places=2):
    """A signed figure such as d′ or c to a few places; None -> "—"."""
    if value is None:
        return DASH
    value = round(value, places) or 0.0  # no "−0.00"
    return f"{value:.{places}f}".replace("-", "−")


FILTERS = {"percent": percent, "number": number}
