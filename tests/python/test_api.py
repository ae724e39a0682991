"""circa.load_config, circa.estimate and circa.sram against the `circa` command itself."""
import json
import math
import os
import tempfile
import unittest

import circa
from common import DEFAULT, LENET, run_circa, write


class LoadConfig(unittest.TestCase):
    def test_loads_with_overrides(self):
        cfg = circa.load_config(DEFAULT, {"mac.lanes": 16})
        self.assertEqual(cfg.name, "circa-default")
        self.assertEqual(cfg.block_size, 64)
        self.assertEqual(cfg.overrides, ["mac.lanes=16"])
        self.assertIn("lanes: 16", cfg.yaml())
        self.assertIn("lanes: 8", circa.load_config(DEFAULT).yaml())

    def test_error_is_the_cli_message(self):
        with tempfile.TemporaryDirectory() as d:
            bad = write(d, "bad.yaml", "kind: accelerator\nname: x\nmac:\n  lane: 8\n")
            with self.assertRaises(circa.ConfigError) as e:
                circa.load_config(bad)
            cli = run_circa("config", "check", bad)
        self.assertEqual(cli.returncode, 2)
        self.assertEqual(cli.stderr.strip(), "circa: " + str(e.exception))
        self.assertIn("bad.yaml:4:3", str(e.exception))
        self.assertIn("mac.lane", str(e.exception))
        self.assertEqual(len(str(e.exception).splitlines()), 1)

    def test_bad_override_is_the_cli_message(self):
        with self.assertRaises(circa.ConfigError) as e:
            circa.load_config(DEFAULT, ["mac.lanes=many"])
        cli = run_circa("config", "dump", DEFAULT, "-p", "mac.lanes=many")
        self.assertEqual(cli.stderr.strip(), "circa: " + str(e.exception))
        self.assertIsInstance(e.exception, ValueError)

    def test_overrides_of_the_wrong_type_are_refused(self):
        with self.assertRaises(TypeError):
            circa.load_config(DEFAULT, "mac.lanes=16")


class Estimate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r = circa.estimate(DEFAULT, LENET)

    def test_hand_worked_lenet_figures(self):
        # tests/cli/end_to_end.cmake: T = 531 + 183 + 103 cycles and two layer switches,
        # 784x300 + 300x100 + 100x10 MACs.
        self.assertEqual(self.r["cycles"], 819)
        self.assertEqual(self.r["events"]["dense_equivalent_macs"], 266200)
        self.assertEqual(self.r["cost"]["effective_ops_per_inference"], 532400)

    def test_same_as_the_cli_stats_json(self):
        with tempfile.TemporaryDirectory() as d:
            cli = run_circa("estimate", "--config", DEFAULT, "--workload", LENET, "--out", d)
            self.assertEqual(cli.returncode, 0, cli.stderr)
            with open(os.path.join(d, "stats.json")) as f:
                stats = json.load(f)
        for key, value in stats.items():
            self.assertEqual(self.r[key], value, key)

    def test_metrics_and_the_breakdown(self):
        m = self.r["metrics"]
        for name in ("cycles", "latency_us", "energy_per_inference_uj", "area_mm2", "power_mw",
                     "throughput_inferences_per_s", "effective_tops_per_w", "sqnr_db",
                     "weights_on_chip"):
            self.assertIn(name, m)
        self.assertEqual(m["cycles"], 819)
        self.assertGreater(m["sqnr_db"], 40)
        area = self.r["breakdowns"]["area_um2"]
        self.assertIn("weight_sram", area)
        self.assertAlmostEqual(sum(area.values()), m["area_mm2"] * 1e6, delta=1e-6 * sum(area.values()))
        for unit, fig in self.r["cost"]["area_mm2"].items():
            self.assertTrue(fig["source"], unit)

    def test_a_loaded_config_with_overrides(self):
        r = circa.estimate(circa.load_config(DEFAULT, {"mac.lanes": 16}), LENET)
        self.assertLess(r["cycles"], 819)  # twice the lanes: shorter MAC phases

    def test_workload_errors(self):
        with self.assertRaises(circa.ConfigError) as e:
            circa.estimate(DEFAULT, "/nonexistent/w.yaml")
        self.assertIn("/nonexistent/w.yaml", str(e.exception))
        with self.assertRaises(TypeError):
            circa.estimate(circa.load_config(DEFAULT), LENET, overrides={"mac.lanes": 4})


class Sram(unittest.TestCase):
    def test_same_as_the_cli(self):
        r = circa.sram(65536, 16, banks=2, tech_nm=32)
        cli = run_circa("sram", "--size-bytes", 65536, "--block-bytes", 16, "--banks", 2,
                        "--tech-nm", 32)
        self.assertEqual(cli.returncode, 0, cli.stderr)
        # sram_batch.cpp's add_line: two spaces, the name in 34 columns, a space, 12 for the value.
        printed = {l.split()[0]: float(l[37:49]) for l in cli.stdout.splitlines()
                   if l.startswith("  ")}
        for key in ("access_time_ns", "read_energy_pj", "leakage_total_mw", "area_mm2"):
            self.assertTrue(math.isclose(r[key]["value"], printed[key], rel_tol=1e-5), key)
            self.assertTrue(r[key]["unit"] and r[key]["source"] and r[key]["validity"])

    def test_out_of_range_names_the_field(self):
        with self.assertRaises(circa.ConfigError) as e:
            circa.sram(65536, 16, tech_nm=7)
        self.assertIn("tech_nm", str(e.exception))
        with self.assertRaises(circa.ConfigError) as e:
            circa.sram(65536, 16, model="magic")
        self.assertIn("'builtin' or 'cacti'", str(e.exception))


if __name__ == "__main__":
    unittest.main()
