"""The history's export formats (CSV, JSON, the table rows of ``coach history``) and writing
a new private file for them: never overwrites, never half-written."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from coach.core.files import fsync_dir, write_temp

CSV_FIELDS = ("id", "exercise_id", "title", "kind", "started_at", "ended_at", "active_seconds",
              "steps_done", "steps_total", "completed", "feelings", "ratings", "note", "partners",
              "plan_id", "content_hash")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula."""


def rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records (as HistoryStore.records gives them) flattened for CSV and tables."""
    out = []
    for rec in records:
        row = {k: rec.get(k) for k in CSV_FIELDS}
        row["steps_done"] = len(rec.get("steps_done") or [])
        row["feelings"] = "; ".join(
            f"{f.get('word')}" + (f" {f['intensity']}" if f.get("intensity") is not None else "")
            for f in rec.get("feelings") or [])
        row["ratings"] = "; ".join(f"{r.get('measure')} {r.get('value')}" for r in rec.get("ratings") or [])
        row["partners"] = " & ".join(rec.get("partners") or [])
        out.append(row)
    return out


def cell(value: Any) -> Any:
    """``value`` for a CSV cell: text a spreadsheet would run as a formula gets a leading
    apostrophe, so it shows as the text it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(records: list[dict[str, Any]]) -> str:
    import csv
    import io

    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)  # CRLF lines: a CR in a cell is quoted
    writer.writeheader()
    writer.writerows({k: cell(v) for k, v in row.items()} for row in rows(records))
    return out.getvalue()


def json_text(records: list[dict[str, Any]]) -> str:
    import json

    from coach.core.history.ondisk import SCHEMA_VERSION

    return json.dumps({"format": "coach-history", "schema": SCHEMA_VERSION, "runs": records},
                      ensure_ascii=False, indent=1) + "\n"


def write_new_file(dest: Path, data: bytes) -> None:
    """Write ``data`` to ``dest`` (mode 0600) only if it does not exist yet.

    A temp file in the same folder is written and fsynced, then hard-linked to ``dest``,
    which fails with FileExistsError rather than replace anything. The folder's own mode is
    left alone (it is the user's). Raises OSError."""
    if dest.exists():
        raise FileExistsError(dest)
    tmp = write_temp(dest.parent, data)
    try:
        try:
            os.link(tmp, dest)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network or FAT folders)
            if dest.exists():
                raise FileExistsError(dest) from None
            os.replace(tmp, dest)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(dest.parent)
