"""`circa estimate` / `circa sim` terminal output: the unit table with each source once as a
numbered note, and --json printing what stats.json holds."""
import json
import os
import re
import tempfile
import unittest

from common import DEFAULT, LENET, run_circa


class Table(unittest.TestCase):
    def run_both(self, command):
        with tempfile.TemporaryDirectory() as d:
            text = run_circa(command, "--config", DEFAULT, "--workload", LENET, "--out", d)
            self.assertEqual(text.returncode, 0, text.stderr)
            with open(os.path.join(d, "stats.json")) as f:
                stats = json.load(f)
        return text.stdout, stats

    def test_every_unit_once_and_every_source_once(self):
        for command in ("estimate", "sim"):
            out, stats = self.run_both(command)
            cost = stats["cost"]
            sources = {f["source"] for group in ("area_mm2", "dynamic_energy_uj_per_inference",
                                                 "clock_energy_uj_per_inference",
                                                 "wire_energy_uj_per_inference", "leakage_mw")
                       for f in cost[group].values()}
            for s in sources:
                self.assertEqual(out.count(s), 1, s)
            notes = re.findall(r"^  \[(\d+)\] ", out, re.M)
            self.assertEqual(sorted(map(int, notes)), list(range(1, len(sources) + 1)))
            rows = {l.split()[0]: l.split() for l in out.splitlines()
                    if l.split() and l.split()[-1].startswith("[")}
            for unit, fig in cost["area_mm2"].items():
                self.assertAlmostEqual(float(rows[unit][1]), fig["value"],
                                       delta=1e-3 * fig["value"])
            # Area and energy shares each add up to 100 % (rounding: 0.1 per row).
            area = sum(float(r[2]) for r in rows.values() if r[2] != "-")
            # Columns: unit, area, %, dynamic, clock, wires, leakage, energy %, notes.
            energy = sum(float(r[7]) for r in rows.values())
            self.assertAlmostEqual(area, 100, delta=0.05 * len(rows))
            self.assertAlmostEqual(energy, 100, delta=0.05 * len(rows))

    def test_json_is_stats_json(self):
        for command in ("estimate", "sim"):
            with tempfile.TemporaryDirectory() as d:
                p = run_circa(command, "--config", DEFAULT, "--workload", LENET, "--out", d,
                              "--json")
                self.assertEqual(p.returncode, 0, p.stderr)
                with open(os.path.join(d, "stats.json")) as f:
                    self.assertEqual(json.loads(p.stdout), json.load(f))
        self.assertTrue(json.loads(p.stdout)["bit_exact"])


if __name__ == "__main__":
    unittest.main()
