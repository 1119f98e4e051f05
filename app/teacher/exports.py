"""CSV exports that open cleanly in a spreadsheet and cannot smuggle in a formula."""

import csv
import io

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe.

    Numbers are left alone (a negative bias is data, not a formula); only text is guarded.
    """
    if isinstance(value, float):
        return f"{round(value, 4) + 0.0:.4f}"  # + 0.0 turns -0.0 into 0.0
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def to_csv(columns, rows):
    """Rows of dicts -> CSV text with a header, with a byte-order mark so Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()


def csv_response(columns, rows, filename):
    """A download of the rows as a CSV file."""
    return Response(
        to_csv(columns, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
