#!/usr/bin/env python3
"""Plots a sweep's design points and their Pareto front with matplotlib (prints the front when
matplotlib is not installed).

    PYTHONPATH=build/sim/python python3 sim/python/examples/plot_sweep.py reports/run/default \\
        --x area_mm2 --y energy_per_inference_uj --out front.png
"""
import argparse

import circa


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="a sweep folder (circa sweep FILE --out FOLDER)")
    ap.add_argument("--x", default="area_mm2", help="metric on the x axis")
    ap.add_argument("--y", default="energy_per_inference_uj", help="metric on the y axis")
    ap.add_argument("--out", default="sweep.png", help="image to write")
    a = ap.parse_args()
    rows = [r for r in circa.read_sweep(a.folder, as_frame=False) if r["status"] == "ok"]
    for axis in (a.x, a.y):
        if rows and axis not in rows[0]:
            ap.error("--x/--y %s: not a metric of this sweep; choose from %s"
                     % (axis, ", ".join(k for k, v in rows[0].items() if isinstance(v, float))))
    front = sorted((r for r in rows if r["front_rank"] > 0), key=lambda r: r["front_rank"])
    print("%d points, %d on the Pareto front" % (len(rows), len(front)))
    try:
        import matplotlib
        matplotlib.use("Agg")  # files only: no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (apt-get install python3-matplotlib); the front:")
        for r in front:
            print("  rank %d: %s = %.4g, %s = %.4g" % (r["front_rank"], a.x, r[a.x], a.y, r[a.y]))
        return
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.scatter([r[a.x] for r in rows], [r[a.y] for r in rows], s=8, c="0.7", label="all points")
    ax.scatter([r[a.x] for r in front], [r[a.y] for r in front], s=16, c="C3",
               label="Pareto front")
    ax.set_xlabel(a.x)
    ax.set_ylabel(a.y)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend()
    fig.tight_layout()
    fig.savefig(a.out, dpi=120)
    print("wrote", a.out)


if __name__ == "__main__":
    main()
