"""Server-side SVG geometry for the dashboard's chart (no maths of scores here, only layout)."""

from dataclasses import dataclass

from app.formatting import leans, tells_apart

WIDTH, HEIGHT, PAD = 420, 300, 44
LABEL_GAP = 9  # between a point and its name
LEAN_LIMIT = 2.0  # c beyond ±2 is drawn at the edge


@dataclass(frozen=True)
class Point:
    """One learner on the chart."""

    x: float
    y: float
    name: str
    discernment: float
    bias: float
    tells_apart: str  # D and c in a teacher's plain words, for the point's title
    leans: str
    label_x: float  # where the visible name goes: beside the point, inside the plot
    label_anchor: str


def scale(value, low, high, start, end):
    """Map value from [low, high] onto [start, end], clipped to the range."""
    value = min(max(value, low), high)
    return start + (value - low) / (high - low) * (end - start)


def place(detection):
    """Where a learner's lean c (across) and discernment D (up) put them on the chart."""
    return (
        round(scale(detection.bias, -LEAN_LIMIT, LEAN_LIMIT, PAD, WIDTH - PAD / 2), 1),
        round(scale(detection.discernment, -1, 1, HEIGHT - PAD, PAD / 2), 1),
    )


def lean_discernment_points(learners):
    """Learners with defined D and c as points: lean c across, discernment D up."""
    points = []
    for row in learners:
        d = row.detection
        if d.discernment is None or d.bias is None:
            continue
        x, y = place(d)
        right_half = x > CHART.mid_x
        points.append(
            Point(
                x=x,
                y=y,
                name=row.attempt.display_name,
                discernment=d.discernment,
                bias=d.bias,
                tells_apart=tells_apart(d.discernment),
                leans=leans(d.bias),
                # Names go towards the middle, so one at an edge stays inside the chart.
                label_x=x - LABEL_GAP if right_half else x + LABEL_GAP,
                label_anchor="end" if right_half else "start",
            )
        )
    return points


@dataclass(frozen=True)
class Frame:
    """Where the chart's plot area, axes and labels go, in SVG units: the template only
    places them."""

    width: float = WIDTH
    height: float = HEIGHT
    left: float = PAD  # the plot area's edges
    right: float = WIDTH - PAD / 2
    top: float = PAD / 2
    bottom: float = HEIGHT - PAD
    # Where lean c is 0 and discernment D is 0: the middle of each range.
    mid_x: float = scale(0, -LEAN_LIMIT, LEAN_LIMIT, PAD, WIDTH - PAD / 2)
    zero_y: float = scale(0, -1, 1, HEIGHT - PAD, PAD / 2)
    end_label_y: float = HEIGHT - 22  # "← accepts allegations", "doubts facts →"
    axis_label_y: float = HEIGHT - 6  # "lean c"
    axis_label_x: float = 12  # "discernment D", turned upright


CHART = Frame()


@dataclass(frozen=True)
class Arrow:
    """One learner's move from the check before to the check after, on the same axes as
    the dashboard's chart."""

    x1: float
    y1: float
    x2: float
    y2: float
    name: str
    before: str  # where they were and went, in a teacher's words, for the arrow's title
    after: str


def change_arrows(rows):
    """An arrow per learner who finished both checks (reports.ChangeRow), from their lean c
    and discernment D before the practice to those after it."""
    arrows = []
    for row in rows:
        if row.change is None:
            continue
        before, after = row.change.before, row.change.after
        if None in (before.bias, before.discernment, after.bias, after.discernment):
            continue
        (x1, y1), (x2, y2) = place(before), place(after)
        arrows.append(
            Arrow(
                x1,
                y1,
                x2,
                y2,
                row.attempt.display_name,
                f"{tells_apart(before.discernment)}; {leans(before.bias)}",
                f"{tells_apart(after.discernment)}; {leans(after.bias)}",
            )
        )
    return arrows
