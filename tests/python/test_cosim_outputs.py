"""`circa cosim --out` writes the RTL's outputs per inference, their inputs and the weights as a
folder `circa sim --weights` reads: every inference, re-run from its input on the SystemC model
(`circa sim`, a separate program path with its own golden check), gives the same codes. The
run's progress on stderr is plain lines when stderr is not a terminal."""
import os
import re
import shutil
import struct
import tempfile
import unittest

import circa
from common import LENET, SOURCE, run_circa

SMALL = os.path.join(SOURCE, "configs", "small.yaml")
CONV_POOL = os.path.join(SOURCE, "tests", "cosim", "data", "conv_pool.yaml")


def flat(a):
    """numpy array or nested lists -> flat list."""
    if hasattr(a, "tolist"):
        a = a.tolist()
    return sum((flat(r) for r in a), []) if a and isinstance(a[0], list) else list(a)


def shape(a):
    if hasattr(a, "shape"):
        return tuple(a.shape)
    s = []
    while isinstance(a, list):
        s.append(len(a))
        a = a[0] if a else None
    return tuple(s)


def save_codes(path, values):
    """A 1-D int64 .npy file."""
    header = "{'descr': '<i8', 'fortran_order': False, 'shape': (%d,), }" % len(values)
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        f.write(struct.pack("<%dq" % len(values), *values))


class CosimOutputs(unittest.TestCase):
    def cosim_then_sim(self, workload, products, seed, row_shape):
        out_frac = circa.load_config(SMALL).params()["formats.output.frac"]
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "cosim")
            p = run_circa("cosim", "--config", SMALL, "--workload", workload, "--products",
                          products, "--seed", seed, "--out", out)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            codes = circa.load_npy(os.path.join(out, "outputs.npy"))
            reals = flat(circa.load_npy(os.path.join(out, "outputs_real.npy")))
            inputs = circa.load_npy(os.path.join(out, "inputs.npy"))
            self.assertEqual(shape(codes), (products,) + row_shape)
            self.assertEqual(shape(inputs)[0], products)
            self.assertEqual(reals, [c * 2.0 ** -out_frac for c in flat(codes)])
            self.assertEqual(flat(circa.load_npy(os.path.join(out, "input.npy"))),
                             flat(inputs[0]))
            rows = [flat(codes[i]) for i in range(products)]
            self.assertGreater(len(set(map(tuple, rows))), 1, "inferences differ by their input")
            for i in range(products):
                save_codes(os.path.join(out, "input.npy"), flat(inputs[i]))
                sim_out = os.path.join(d, "sim%d" % i)
                s = run_circa("sim", "--config", SMALL, "--workload", workload, "--weights", out,
                              "--out", sim_out)
                self.assertEqual(s.returncode, 0, s.stdout + s.stderr)
                sim = circa.load_npy(os.path.join(sim_out, "outputs.npy"))
                self.assertEqual(shape(sim), row_shape)
                self.assertEqual(flat(sim), rows[i], "inference %d" % i)
        return p

    def test_fc_network_per_inference_equals_circa_sim(self):
        p = self.cosim_then_sim(LENET, 3, 5, (10,))
        self.assertIn("outputs equal the golden model", p.stdout)
        # Progress, not a terminal: plain lines, the last one the run's whole length.
        self.assertNotIn("\r", p.stderr)
        lines = [l for l in p.stderr.splitlines() if l.startswith("cosim run: ")]
        self.assertGreaterEqual(len(lines), 2, p.stderr)
        form = r"cosim run: (\d+)/(\d+) cycles, (inference \d of 3, )?[0-9.]+ cycles/s, ETA (\?|\d+ s)$"
        for l in lines:
            self.assertRegex(l, form)
        done, total = map(int, re.match(form, lines[-1]).groups()[:2])
        simulated = int(re.search(r"simulated (\d+) cycles", p.stdout).group(1))
        self.assertEqual((done, total), (simulated, simulated))

    def test_conv_outputs_are_channel_major_as_circa_sim_writes_them(self):
        # conv_pool.yaml: 24 channels of 8 x 6 pixels pooled to 4 x 3.
        self.cosim_then_sim(CONV_POOL, 2, 3, (24, 4, 3))

    def test_out_is_refused_with_random(self):
        p = run_circa("cosim", "--random", 1, "--out", "x")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--out writes a --workload run's outputs; drop it with --random", p.stderr)


if __name__ == "__main__":
    unittest.main()
