"""circa.simulate: the SystemC model runs in a child process (`circa sim`; SystemC elaborates
once per process), and its stats.json and outputs come back."""
import json
import os
import subprocess
import tempfile

from ._circa import ConfigError, InternalError, ToolError
from ._npy import load_npy


def circa_executable():
    """The `circa` command this package runs: $CIRCA_EXE, else the one built or installed with
    this package."""
    if os.environ.get("CIRCA_EXE"):
        return os.environ["CIRCA_EXE"]
    from . import _paths
    if _paths.RELATIVE:
        return os.path.normpath(os.path.join(os.path.dirname(__file__), _paths.CIRCA_EXE))
    return _paths.CIRCA_EXE


def _failure(proc, argv):
    """The exception for a failed `circa` run, by its exit code (sim/cli/main.cpp)."""
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    line = next((l for l in lines if l.startswith("circa")), lines[0] if lines else "")
    for prefix in ("circa: tool error: ", "circa sim: ", "circa: "):
        if line.startswith(prefix):
            line = line[len(prefix):]
            break
    kind = {2: ConfigError, 4: ToolError}.get(proc.returncode, InternalError)
    if proc.returncode not in (1, 2, 3, 4):  # CLI11's own codes: a bad argument
        kind = ConfigError
    return kind(line or "'%s' exited with status %d and no message"
                % (" ".join(argv), proc.returncode))


def simulate(config, workload, overrides=None, seed=1, weights=None, stall_prob=0.0, out=None,
             dump_activations=False, timeout=None):
    """Runs `circa sim` and returns its stats.json as a dict, plus "outputs" and
    "outputs_real" (the last layer's output codes and values, outputs.npy/outputs_real.npy) and
    "out" (the folder; a temporary one, removed afterwards, when `out` is None); with
    dump_activations, "activations": every layer's, by name ("fc1", "fc1_real"). `config` is a
    path or a Config from load_config (its overrides are passed on). Raises ConfigError for bad
    input and InternalError when the outputs differ from the golden model."""
    from . import Config, override_list
    if isinstance(config, Config):
        path, params = config.path, list(config.overrides) + override_list(overrides)
    else:
        path, params = str(config), override_list(overrides)
    argv = [circa_executable(), "sim", "--config", path, "--workload", str(workload),
            "--seed", str(int(seed)), "--stall-prob", repr(float(stall_prob))]
    for p in params:
        argv += ["-p", p]
    if weights is not None:
        argv += ["--weights", str(weights)]
    if dump_activations:
        argv.append("--dump-activations")
    with tempfile.TemporaryDirectory(prefix="circa-sim-") as tmp:
        folder = str(out) if out is not None else tmp
        argv += ["--out", folder]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise _failure(proc, argv)
        with open(os.path.join(folder, "stats.json")) as f:
            result = json.load(f)
        for name in ("outputs", "outputs_real"):
            result[name] = load_npy(os.path.join(folder, name + ".npy"))
        if dump_activations:
            act = os.path.join(folder, "activations")
            result["activations"] = {
                l["name"] + suffix: load_npy(os.path.join(act, l["name"] + suffix + ".npy"))
                for l in result["layers"] for suffix in ("", "_real")}
    result["out"] = folder if out is not None else None
    return result
