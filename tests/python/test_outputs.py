"""`circa sim --out` writes the network's outputs as .npy: compared with a float reference
computed here, independently of Circa's numerics: the dense product of the block-circulant
matrix the test builds from its own weights."""
import math
import os
import random
import struct
import tempfile
import unittest

import circa
from common import DEFAULT, LENET, run_circa, write

# NUMBER_FORMATS.md §11: default.yaml on a LeNet-sized fc layer (784 -> 300, weights uniform in
# +-1/sqrt(784), inputs at 1/4 of full scale): model 65.7 dB, measured 69.5 dB; the project's
# tests hold the measurement to the model minus a 3 dB margin.
SQNR_BOUND_DB = 65.7 - 3.0
FC = """kind: workload
name: fc784x300
layers:
  - {name: fc, type: fc, in_features: 784, out_features: 300, activation: none, bias: false}
"""


def save_npy(path, shape, values, descr):
    """A .npy file (format 1.0, C order); descr '<f8' or '<i8'."""
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else ""))
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        f.write(struct.pack("<%d%s" % (len(values), "d" if descr == "<f8" else "q"), *values))


def flat(a):
    """numpy array or nested lists -> flat list of floats."""
    if hasattr(a, "tolist"):
        a = a.tolist()
    return [float(x) for x in (sum((flat(r) for r in a), []) if a and isinstance(a[0], list)
                               else a)]


class OutputsAgainstDenseReference(unittest.TestCase):
    def test_fc_layer_within_the_stated_sqnr(self):
        cfg = circa.load_config(DEFAULT)
        k = cfg.block_size
        params = cfg.params()
        rows, cols = 300, 784
        p, q = -(-rows // k), -(-cols // k)
        rng = random.Random(2024)
        bound = 1 / math.sqrt(cols)
        w = [rng.uniform(-bound, bound) for _ in range(p * q * k)]  # [i, j, t], C order
        in_frac, in_bits = params["formats.input.frac"], params["formats.input.bits"]
        amplitude = 2 ** (in_bits - 1) // 4
        x_codes = [rng.randint(-amplitude, amplitude) for _ in range(cols)]
        x = [c * 2.0 ** -in_frac for c in x_codes]
        # W[i*k + r][j*k + c] = w[i, j, (r - c) mod k] (sim/sysc/README.md), dense here.
        ref = []
        for row in range(rows):
            i, r = divmod(row, k)
            ref.append(sum(w[(i * q + j) * k + (r - c) % k] * x[col]
                           for col in range(cols) for j, c in [divmod(col, k)]))
        with tempfile.TemporaryDirectory() as d:
            save_npy(os.path.join(d, "fc.weights.npy"), (p, q, k), w, "<f8")
            save_npy(os.path.join(d, "input.npy"), (cols,), x_codes, "<i8")
            workload = write(d, "fc.yaml", FC)
            out = os.path.join(d, "out")
            r = circa.simulate(cfg, workload, weights=d, out=out)
            codes = flat(circa.load_npy(os.path.join(out, "outputs.npy")))
        real = flat(r["outputs_real"])
        self.assertEqual(len(real), rows)
        out_frac = params["formats.output.frac"]
        self.assertEqual(real, [c * 2.0 ** -out_frac for c in codes])
        signal = sum(v * v for v in ref)
        noise = sum((a - b) ** 2 for a, b in zip(ref, real))
        sqnr = 10 * math.log10(signal / noise)
        print("\nmeasured SQNR %.1f dB (bound %.1f dB)" % (sqnr, SQNR_BOUND_DB))
        self.assertGreaterEqual(sqnr, SQNR_BOUND_DB)


class DumpActivations(unittest.TestCase):
    def test_every_layer_with_its_shape(self):
        r = circa.simulate(DEFAULT, LENET, dump_activations=True)
        act = r["activations"]
        self.assertEqual(sorted(act), ["fc1", "fc1_real", "fc2", "fc2_real", "fc3", "fc3_real"])
        self.assertEqual([len(flat(act[n])) for n in ("fc1", "fc2", "fc3")], [300, 100, 10])
        self.assertEqual(flat(act["fc3"]), flat(r["outputs"]))
        self.assertTrue(all(v >= 0 for v in flat(act["fc1"])))  # relu
        self.assertTrue(any(v > 0 for v in flat(act["fc1"])))

    def test_needs_an_out_folder(self):
        p = run_circa("sim", "--config", DEFAULT, "--workload", LENET, "--dump-activations")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--dump-activations: give --out DIR", p.stderr)


if __name__ == "__main__":
    unittest.main()
