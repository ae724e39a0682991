"""circa.read_sweep on a small sweep run by `circa sweep`, against its results.csv."""
import csv
import math
import os
import subprocess
import sys
import tempfile
import unittest

import circa
from common import DEFAULT, LENET, SOURCE, run_circa, write

SWEEP = """kind: sweep
name: tiny
base: {base}
workload: {workload}
fidelity: analytical
seed: 1
axes:
  block_size: [16, 64]
  mac.lanes: [4, 8]
  technology.device: [itrs-hp, itrs-lop]
constraints:
  max_area_mm2: 0.5
objectives:
  minimise: [energy_per_inference_uj, area_mm2]
"""


class ReadSweep(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = os.path.join(cls.tmp.name, "run")
        sweep = write(cls.tmp.name, "tiny.yaml", SWEEP.format(base=DEFAULT, workload=LENET))
        p = run_circa("sweep", sweep, "--out", cls.dir)
        assert p.returncode == 0, p.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_rows_match_results_csv(self):
        rows = circa.read_sweep(self.dir, as_frame=False)
        with open(os.path.join(self.dir, "results.csv")) as f:
            csv_rows = {r["key"]: r for r in csv.DictReader(f)}
        self.assertEqual(len(rows), 8)
        self.assertEqual({r["key"] for r in rows}, set(csv_rows))
        for r in rows:
            c = csv_rows[r["key"]]
            self.assertIsInstance(r["block_size"], int)
            self.assertIn(r["technology.device"], ("itrs-hp", "itrs-lop"))
            self.assertEqual(str(r["mac.lanes"]), c["mac.lanes"])
            self.assertEqual(r["front_rank"], int(c["front_rank"]))
            self.assertEqual(r["feasible"], c["feasible"] == "1")
            self.assertTrue(math.isclose(r["area_mm2"], float(c["area_mm2"]), rel_tol=1e-6))
            self.assertTrue(math.isclose(sum(v for k, v in r.items() if k.startswith("area_um2.")),
                                         r["area_mm2"] * 1e6, rel_tol=1e-9))
            if not r["feasible"]:
                self.assertIn("max_area_mm2", r["note"])

    def test_estimate_gives_every_metric_the_sweep_stored(self):
        rows = circa.read_sweep(self.dir, as_frame=False)
        row = next(r for r in rows if r["block_size"] == 64 and r["mac.lanes"] == 8
                   and r["technology.device"] == "itrs-lop")
        r = circa.estimate(DEFAULT, LENET, overrides={"block_size": 64, "mac.lanes": 8,
                                                      "technology.device": "itrs-lop"})
        self.assertGreaterEqual(len(r["metrics"]), 10)
        for name, value in r["metrics"].items():
            self.assertTrue(math.isclose(row[name], value, rel_tol=1e-9), name)
        for unit, value in r["breakdowns"]["energy_pj"].items():
            self.assertTrue(math.isclose(row["energy_pj." + unit], value, rel_tol=1e-9), unit)

    def test_a_dataframe_when_pandas_is_there(self):
        got = circa.read_sweep(self.dir)
        try:
            import pandas
        except ImportError:
            self.assertIsInstance(got, list)
            with self.assertRaises(ImportError):
                circa.read_sweep(self.dir, as_frame=True)
            return
        self.assertIsInstance(got, pandas.DataFrame)
        self.assertEqual(len(got), 8)

    def test_a_folder_without_results(self):
        with self.assertRaises(circa.ConfigError) as e:
            circa.read_sweep(self.tmp.name)
        self.assertIn("results.json", str(e.exception))
        self.assertIn("circa sweep", str(e.exception))
        with tempfile.TemporaryDirectory() as d:
            write(d, "results.json", '{"points": [{"key": 1}]}')
            with self.assertRaises(circa.ConfigError) as e:
                circa.read_sweep(d)
            self.assertIn("not a results.json", str(e.exception))

    def test_the_plot_example_runs(self):
        out = os.path.join(self.tmp.name, "front.png")
        example = os.path.join(SOURCE, "sim", "python", "examples", "plot_sweep.py")
        p = subprocess.run([sys.executable, example, self.dir, "--out", out],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("8 points", p.stdout)
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            self.assertIn("matplotlib is not installed", p.stdout)
            return
        self.assertGreater(os.path.getsize(out), 1000)


if __name__ == "__main__":
    unittest.main()
