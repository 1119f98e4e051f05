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


def ago(moment, now):
    """'12 s ago' or '3 min ago' for a moment before now; older ones as '30 Nov 09:15'."""
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return moment.strftime("%d %b %H:%M")


FILTERS = {"percent": percent, "number": number, "ago": ago}
