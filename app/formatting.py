"""How figures are written on pages: undefined values as "—", never 0 and never an error;
and a teacher's plain words for the figures whose symbols (D, c) they explain on request."""

from app import scoring
from app.scoring import lean_word

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


# The thresholds are docs/scoring.md's wording: c beyond ±0.2 is a lean, and D as
# scoring.discernment_sentence puts it to a learner.
LEANS_TOWARDS = {"credulous": "believing", "sceptical": "doubting", "balanced": "neither way"}


LEANS = {
    "credulous": "leans towards believing",
    "sceptical": "leans towards doubting",
    "balanced": "leans neither way",
}


def leans_towards(bias):
    """'believing', 'doubting' or 'neither way' for a lean c (under a "Leans towards"
    heading); None when it is undefined."""
    return LEANS_TOWARDS.get(lean_word(bias))


def leans(bias):
    """'leans towards believing' or 'leans neither way' for a lean c, for a sentence."""
    return LEANS.get(lean_word(bias))


TELLS_APART = {
    scoring.VERY_WELL: "very well",
    scoring.FAIRLY_WELL: "fairly well",
    scoring.A_LITTLE: "a little better than chance",
    scoring.NOT_YET: "not yet better than chance",
}


def tells_apart(discernment):
    """How well facts were told from allegations ('fairly well'), for a teacher's page."""
    return TELLS_APART.get(scoring.discernment_band(discernment))


def points(value):
    """A change in a share, in percentage points: 0.1 -> "+10 points"; None -> "—"."""
    if value is None:
        return DASH
    n = round(value * 100)
    sign = "+" if n > 0 else "−" if n < 0 else ""
    return f"{sign}{abs(n)} point{'' if abs(n) == 1 else 's'}"


FILTERS = {
    "points": points,
    "percent": percent,
    "number": number,
    "ago": ago,
    "leans_towards": leans_towards,
    "leans": leans,
    "tells_apart": tells_apart,
}
