"""Circa from Python: configs, the analytical estimate, the SystemC simulation, SRAM costs and
sweep results (README "Python").

    import circa
    cfg = circa.load_config("configs/default.yaml", {"mac.lanes": 16})
    r = circa.estimate(cfg, "workloads/lenet300.yaml")
    r["metrics"]["energy_per_inference_uj"], r["breakdowns"]["area_um2"]

Errors are circa.ConfigError (your input; a ValueError), circa.ToolError (an external tool) and
circa.InternalError (a Circa bug); str(e) is the one line the `circa` command prints.
"""
import json as _json

from ._circa import Config, ConfigError, InternalError, ToolError
from . import _circa
from ._npy import load_npy
from ._sim import circa_executable, simulate
from ._sweep import read_sweep

__all__ = ["Config", "ConfigError", "InternalError", "ToolError", "load_config", "estimate",
           "simulate", "read_sweep", "sram", "load_npy", "circa_executable"]


def override_list(overrides):
    """`-p` arguments from a dict {"mac.lanes": 16} or a list ["mac.lanes=16"] (or None)."""
    if overrides is None:
        return []
    if isinstance(overrides, dict):
        def text(v):
            return ("true" if v else "false") if isinstance(v, bool) else str(v)
        return ["%s=%s" % (k, text(v)) for k, v in overrides.items()]
    if isinstance(overrides, (list, tuple)) and all(isinstance(o, str) for o in overrides):
        return list(overrides)
    raise TypeError("overrides: give a dict {'key.path': value} or a list of 'key.path=value' "
                    "strings, not %s" % type(overrides).__name__)


def load_config(path, overrides=None):
    """Loads and validates an accelerator YAML (with `base:` presets) plus overrides, as
    `circa config check` / `-p key.path=value` do. Raises ConfigError with the CLI's message."""
    return _circa.load_config(str(path), override_list(overrides))


def as_config(config, overrides=None):
    """A Config from a Config or a path (overrides apply only to a path)."""
    if isinstance(config, Config):
        if overrides:
            raise TypeError("overrides: give them to load_config(), not with a loaded Config")
        return config
    return load_config(config, overrides)


def estimate(config, workload, overrides=None, seed=1):
    """`circa estimate` as a dict: the keys of its stats.json (cycles, layers, events, and "cost"
    with every unit's area, energy and leakage and their sources), plus "metrics" (every metric
    a sweep stores, sqnr_db from `seed`'s random weights) and "breakdowns" (per-unit area_um2
    and energy_pj)."""
    cfg = as_config(config, overrides)
    return _json.loads(_circa.estimate_json(cfg, str(workload), int(seed)))


def sram(size_bytes, block_bytes, **kwargs):
    """`circa sram` for one array: access_time_ns, cycle_time_ns, read/write_energy_pj,
    leakage_per_bank_mw, leakage_total_mw and area_mm2, each a dict of value, unit, source,
    validity and accuracy. Keywords: banks, tech_nm, rw_ports, rd_ports, wr_ports,
    temperature_k, cell_type ("itrs-hp", "itrs-lstp", "itrs-lop"), model ("builtin" or
    "cacti"), cacti_dir."""
    return _circa.sram(int(size_bytes), int(block_bytes), **kwargs)
