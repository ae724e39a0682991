#!/usr/bin/env python3
"""Reproduces the table of reports/accuracy_fashion_mnist.md from real runs.

    python3 reports/accuracy_fashion_mnist.py [--circa build/sim/cli/circa] [--epochs 10]
                                              [--out reports/run/accuracy_fashion_mnist]

1. Runs configs/sweeps/accuracy.yaml with `epochs` replaced (LeNet-300-100 at k = 4..128 x the
   16-bit, 8-bit and 6-bit storage formats): every block size and the dense baseline are trained
   once into the weight cache ($CIRCA_TRAIN_CACHE, default OUT/cache) and every point's
   fixed-point top-1 accuracy is measured on the 10,000 test images by the golden model.
2. Runs `circa estimate --json` per block size and format for the weight memory (p x q x k words
   of formats.weight) and the energy per inference, and checks that the energy is the sweep's.
3. Prints the markdown rows.

    python3 reports/accuracy_fashion_mnist.py --seeds 1,2,3 [--blocks 1,16,64] [--epochs 10]

instead makes the seed table: per block size (1 = the dense baseline) and seed, `circa train
--seed S` (spectra clipped as `circa train` clips them: to formats.weight's largest code) into
OUT/seeds/k<k>-s<S>, then `circa accuracy` on those weights at the 16-bit and 8-bit formats;
prints one row per seed and the mean, standard deviation (n - 1) and min-max per block size.
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMATS = {  # name -> accelerator overrides (the zip axis of configs/sweeps/accuracy.yaml)
    "16": {"formats.input.bits": 16, "formats.input.frac": 12, "formats.output.bits": 16,
           "formats.output.frac": 12, "formats.weight.bits": 16, "formats.weight.frac": 14},
    "8": {"formats.input.bits": 8, "formats.input.frac": 4, "formats.output.bits": 8,
          "formats.output.frac": 4, "formats.weight.bits": 8, "formats.weight.frac": 6},
    "6": {"formats.input.bits": 6, "formats.input.frac": 2, "formats.output.bits": 6,
          "formats.output.frac": 2, "formats.weight.bits": 6, "formats.weight.frac": 4},
}
BLOCKS = [4, 8, 16, 32, 64, 128]
LENET = [(784, 300), (300, 100), (100, 10)]  # (inputs, outputs) of fc1, fc2, fc3


def run(cmd, env=None):
    print("+ " + " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, env=env, stdout=subprocess.PIPE, text=True).stdout


def sweep_file(out, epochs):
    """configs/sweeps/accuracy.yaml with absolute paths and the chosen epochs."""
    text = open(os.path.join(ROOT, "configs/sweeps/accuracy.yaml")).read()
    text = text.replace("base: ../default.yaml", "base: " + ROOT + "/configs/default.yaml")
    text = text.replace("workload: ../../workloads/lenet300.yaml",
                        "workload: " + ROOT + "/workloads/lenet300.yaml")
    text = text.replace("name: accuracy", "name: accuracy-table")
    assert "epochs: 2," in text, "configs/sweeps/accuracy.yaml changed: update this script"
    text = text.replace("epochs: 2,", "epochs: %d," % epochs)
    path = os.path.join(out, "sweep.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def estimate(circa, k, fmt):
    args = [circa, "estimate", "--json", "--config", ROOT + "/configs/default.yaml",
            "--workload", ROOT + "/workloads/lenet300.yaml", "-p", "block_size=%d" % k]
    for key, value in FORMATS[fmt].items():
        args += ["-p", "%s=%s" % (key, value)]
    j = json.loads(run(args))
    words = sum(l["p"] * l["q"] * l["k"] for l in j["layers"])
    bits = FORMATS[fmt]["formats.weight.bits"]
    read_bits = sum(l["events"]["weight_sram"]["read_bits"] for l in j["layers"])
    # Every stored spectrum word is read once per inference (batch 1): the two must agree.
    assert read_bits >= words * bits, (k, fmt, read_bits, words * bits)
    return {"weight_bytes": words * bits // 8, "words": words,
            "energy_uj": j["cost"]["energy_per_inference_uj"]}


def fmt_args(fmt):
    args = []
    for key, value in FORMATS[fmt].items():
        args += ["-p", "%s=%s" % (key, value)]
    return args


def fixed_accuracy(circa, k, weights, fmt):
    """(float %, fixed-point %) that `circa accuracy` prints for `weights`."""
    text = run([circa, "accuracy", "--config", ROOT + "/configs/default.yaml", "--workload",
                ROOT + "/workloads/lenet300.yaml", "--weights", weights, "--dataset",
                "fashion-mnist", "--threads", "2", "-p", "block_size=%d" % k] + fmt_args(fmt))
    print(text, file=sys.stderr)
    grab = lambda pattern: float(re.search(pattern, text).group(1))
    return (grab(r"float top-1 \(double precision[^\n]*?([0-9.]+)%"),
            grab(r"fixed-point top-1 [^\n]*?([0-9.]+)%"))


def trained(circa, k, seed, epochs, out):
    """`circa train` of LeNet-300-100 at block size k (1: --dense); returns train.json."""
    folder = os.path.join(out, "seeds", "k%d-s%d" % (k, seed))
    if not os.path.exists(os.path.join(folder, "train.json")):
        args = [circa, "train", "--config", ROOT + "/configs/default.yaml", "--workload",
                ROOT + "/workloads/lenet300.yaml", "--dataset", "fashion-mnist", "--epochs",
                str(epochs), "--seed", str(seed), "--threads", "2", "--out", folder]
        args += ["--dense"] if k == 1 else ["-p", "block_size=%d" % k]
        print(run(args), file=sys.stderr)
    info = json.load(open(os.path.join(folder, "train.json")))
    # A folder left by an earlier run is reused only if it is this training.
    if (info["epochs"], info["seed"], info["dense"]) != (epochs, seed, k == 1) or (
            k > 1 and info["accelerator_block_size"] != k):
        sys.exit("%s holds another training (epochs %s, seed %s): remove it or use another --out"
                 % (folder, info["epochs"], info["seed"]))
    info["folder"] = folder
    return info


def spread(values):
    """mean +- std (min-max) of percentages."""
    sd = statistics.stdev(values) if len(values) > 1 else float("nan")
    return "%.2f%% +- %.2f (%.2f-%.2f)" % (statistics.mean(values), sd, min(values), max(values))


def seed_table(a):
    seeds = [int(s) for s in a.seeds.split(",")]
    blocks = [int(k) for k in a.blocks.split(",")]
    print("| k | seed | float | fixed 16-bit | fixed 8-bit | training images/s |")
    print("|---|--:|--:|--:|--:|--:|")
    summary = []
    for k in blocks:
        cols = {"float": [], "16": [], "8": []}
        for seed in seeds:
            info = trained(a.circa, k, seed, a.epochs, a.out)
            cols["float"].append(100 * info["test_accuracy"])
            fixed = ["-", "-"]
            if k > 1:  # the accelerator runs block-circulant layers only
                for i, f in enumerate(("16", "8")):
                    flt, fx = fixed_accuracy(a.circa, k, info["folder"], f)
                    # circa accuracy's float run must be circa train's: same weights, same images
                    if abs(flt - cols["float"][-1]) > 0.005:
                        sys.exit("k=%d seed %d: circa accuracy's float %.2f%% != train.json's "
                                 "%.2f%%" % (k, seed, flt, cols["float"][-1]))
                    cols[f].append(fx)
                    fixed[i] = "%.2f%%" % fx
            print("| %s | %d | %.2f%% | %s | %s | %.0f |"
                  % ("dense" if k == 1 else k, seed, cols["float"][-1], fixed[0], fixed[1],
                     info["train_images_per_s"]), flush=True)
        summary.append((k, cols))
    print()
    print("| k | seeds | float mean +- std (min-max) | fixed 16-bit | fixed 8-bit |")
    print("|---|--:|--:|--:|--:|")
    for k, cols in summary:
        print("| %s | %d | %s | %s | %s |"
              % ("dense" if k == 1 else k, len(seeds), spread(cols["float"]),
                 spread(cols["16"]) if cols["16"] else "-", spread(cols["8"]) if cols["8"] else "-"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--circa", default=os.path.join(ROOT, "build/sim/cli/circa"))
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--out", default=os.path.join(ROOT, "reports/run/accuracy_fashion_mnist"))
    ap.add_argument("--seeds", help="comma-separated seeds: make the seed table instead")
    ap.add_argument("--blocks", default="1,64",
                    help="block sizes of the seed table (1: the dense baseline)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.seeds:
        return seed_table(a)
    env = dict(os.environ)
    env.setdefault("CIRCA_TRAIN_CACHE", os.path.join(a.out, "cache"))
    run([a.circa, "sweep", sweep_file(a.out, a.epochs), "--out", os.path.join(a.out, "sweep"),
         "--jobs", "2"], env)
    points = json.load(open(os.path.join(a.out, "sweep", "results.json")))["points"]
    acc = {}
    for p in points:
        if p["status"] != "ok":
            sys.exit("point %s failed: %s" % (p["inputs"], p.get("error")))
        acc[(int(p["inputs"]["block_size"]), p["inputs"]["formats.weight.bits"])] = p["metrics"]["values"]
    dense = points[0]["metrics"]["values"]["dense_accuracy"]
    dense_words = sum(i * o for i, o in LENET)
    print("| k (fc1, fc2, fc3) | weights | float | fixed 16-bit | fixed 8-bit | fixed 6-bit "
          "| weight memory 16-bit / 8-bit | energy/inference 16-bit / 8-bit |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    print("| 1 (dense; float only) | %s | %.2f%% | - | - | - | %s B (16-bit) | - |"
          % (f"{dense_words:,}", dense, f"{dense_words * 2:,}"))
    for k in BLOCKS:
        e = {f: estimate(a.circa, k, f) for f in ("16", "8")}
        for f in ("16", "8"):
            swept = acc[(k, f)]["energy_per_inference_uj"]
            if not math.isclose(swept, e[f]["energy_uj"], rel_tol=1e-9):
                sys.exit("k=%d %s-bit: the sweep's energy %g != circa estimate's %g"
                         % (k, f, swept, e[f]["energy_uj"]))
        row = acc[(k, "16")]
        print("| %d (%d, %d, %d) | %s | %.2f%% | %.2f%% | %.2f%% | %.2f%% | %s / %s B | %.3f / %.3f uJ |"
              % (k, k, k, k, f"{e['16']['words']:,}", row["float_accuracy"], row["accuracy"],
                 acc[(k, "8")]["accuracy"], acc[(k, "6")]["accuracy"],
                 f"{e['16']['weight_bytes']:,}", f"{e['8']['weight_bytes']:,}",
                 e["16"]["energy_uj"], e["8"]["energy_uj"]))


if __name__ == "__main__":
    main()
