"""circa.simulate: `circa sim` in a child process, its stats.json and outputs back as a dict."""
import os
import tempfile
import unittest

import circa
from common import DEFAULT, LENET, write


class Simulate(unittest.TestCase):
    def test_lenet_cycles_and_outputs(self):
        with tempfile.TemporaryDirectory() as d:
            r = circa.simulate(circa.load_config(DEFAULT), LENET, seed=3, out=d)
            self.assertTrue(os.path.isfile(os.path.join(d, "stats.json")))
        self.assertEqual(r["tool"], "sim")
        self.assertEqual(r["cycles"], 819)  # hand-worked: tests/cli/end_to_end.cmake
        self.assertEqual(r["seed"], 3)
        self.assertIn("mac_array", r["cost"]["area_mm2"])
        self.assertEqual(len(r["outputs"]), 10)  # fc3: 10 classes
        self.assertEqual(r["out"], d)

    def test_stalls_lengthen_a_streamed_run(self):
        # 4 KiB of weight SRAM: fc1's 8 KiB of spectra stream from off-chip, where stalls act.
        small = {"weight_sram.capacity_kib": 4}
        calm = circa.simulate(DEFAULT, LENET, overrides=small)
        # The stream's bandwidth headroom hides light stalls (0.3: no change); 0.9 shows.
        stalled = circa.simulate(DEFAULT, LENET, overrides=small, stall_prob=0.9)
        self.assertGreater(stalled["cycles"], calm["cycles"])
        self.assertEqual(list(stalled["outputs"]), list(calm["outputs"]))
        self.assertIsNone(calm["out"])

    def test_bad_input_raises_the_cli_message(self):
        with self.assertRaises(circa.ConfigError) as e:
            circa.simulate(DEFAULT, LENET, overrides={"mac.lanes": "many"})
        self.assertTrue(str(e.exception).startswith("-p mac.lanes=many: error: mac.lanes"),
                        str(e.exception))
        with self.assertRaises(circa.ConfigError) as e:
            circa.simulate(DEFAULT, LENET, stall_prob=1.5)
        self.assertIn("--stall-prob", str(e.exception))
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(circa.ConfigError) as e:
                circa.simulate(DEFAULT, LENET, weights=d)
            self.assertIn("fc1.weights.npy", str(e.exception))

    def test_a_missing_executable_says_where_it_looked(self):
        old = os.environ.get("CIRCA_EXE")
        os.environ["CIRCA_EXE"] = "/nonexistent/circa"
        try:
            with self.assertRaises(FileNotFoundError) as e:
                circa.simulate(DEFAULT, LENET)
            self.assertIn("/nonexistent/circa", str(e.exception))
        finally:
            if old is None:
                del os.environ["CIRCA_EXE"]
            else:
                os.environ["CIRCA_EXE"] = old


if __name__ == "__main__":
    unittest.main()
