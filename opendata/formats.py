"""A dataset as CSV (RFC 4180: comma, CRLF line ends, double quotes where needed, UTF-8 without
a byte-order mark, a header row of ASCII snake_case names) and as JSON (the same rows, keyed by
the same names, with the licence beside them)."""

import csv
import datetime
import io
import json


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def to_csv(table):
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = table.dataset.columns
    writer.writerow(columns)
    for row in table.rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return out.getvalue().encode("utf-8")


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def to_json(table, settings, csv_url):
    licence = settings.licence_info
    document = {
        "dataset": table.dataset.slug,
        "title": table.dataset.title,
        "description": table.dataset.description,
        "publisher": settings.publisher_name,
        "license": {
            "id": licence.key,
            "uri": licence.uri,
            "name": licence.label,
            "url": licence.text_url,
            "attribution": settings.attribution_text,
        },
        "modified": _json_value(table.modified),
        "csv": csv_url,
        "columns": list(table.dataset.columns),
        "records": [
            {column: _json_value(row[column]) for column in table.dataset.columns}
            for row in table.rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
