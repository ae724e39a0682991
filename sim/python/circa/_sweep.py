"""circa.read_sweep: a sweep folder's results.json as rows, one per design point."""
import json
import os
import warnings

from ._circa import ConfigError


def _number(text):
    """Axis values are stored as text; numbers come back as int or float."""
    if not isinstance(text, str):
        return text
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _row(point, confirm_fidelity):
    row = {"key": point["key"], "status": point["status"], "feasible": point["feasible"],
           "front_rank": point["front_rank"], "seconds": point.get("seconds")}
    row.update({k: _number(v) for k, v in point.get("inputs", {}).items()})
    metrics = point.get("metrics") or {}
    row.update(metrics.get("values", {}))
    for group, units in metrics.get("breakdowns", {}).items():
        row.update({"%s.%s" % (group, unit): v for unit, v in units.items()})
    confirmation = point.get("confirmation")
    if confirmation:
        values = (confirmation.get("metrics") or {}).get("values", {})
        row.update({"%s.%s" % (confirm_fidelity, k): v for k, v in values.items()})
    row["note"] = point.get("error") or point.get("violation") or ""
    return row


def read_sweep(folder, as_frame=None):
    """The points of the sweep in `folder` (written by `circa sweep ... --out folder`): each a
    dict of key, status, feasible, front_rank, every axis value, every metric, the per-unit
    breakdowns ("area_um2.<unit>", "energy_pj.<unit>"), the confirmation's metrics
    ("cycle_accurate.<metric>") and a note (why a point failed or is infeasible). A pandas
    DataFrame when pandas is importable (as_frame=None) or asked for (True); a list with False."""
    path = os.path.join(str(folder), "results.json")
    if not os.path.isfile(path):
        raise ConfigError("%s: no sweep results here; run 'circa sweep FILE --out %s' first"
                          % (path, folder))
    try:
        with open(path) as f:
            doc = json.load(f)
        confirm = doc.get("confirm_fidelity", "cycle_accurate")
        rows = [_row(p, confirm) for p in doc["points"]]
        if doc.get("points_total", len(rows)) > len(rows):
            # A large sweep's results.json lists the front and a sample (kMaxJsonPoints).
            warnings.warn("%s lists %d of %d points: %s" % (path, len(rows), doc["points_total"],
                                                            doc.get("points_note", "")))
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError("%s: not a results.json written by 'circa sweep' (%s: %s); re-run "
                          "'circa sweep export %s'" % (path, type(e).__name__, e, folder))
    if as_frame is False:
        return rows
    try:
        import pandas
    except ImportError:
        if as_frame:
            raise
        return rows
    return pandas.DataFrame(rows)
