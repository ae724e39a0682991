"""`circa accuracy --out` writes the fixed-point network outputs of every test image: the top-1
accuracy recomputed here from the written logits and the dataset's own label file (read with
gzip, not through Circa) equals the figure `circa accuracy` prints. Training's progress on
stderr is plain lines when stderr is not a terminal."""
import gzip
import os
import re
import struct
import tempfile
import unittest

import circa
from common import DEFAULT, LENET, run_circa

DATA = os.environ.get("CIRCA_FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist"
IMAGES = 300


def test_labels(n):
    """The first n labels of the Fashion-MNIST test split, from its IDX file."""
    with gzip.open(os.path.join(DATA, "t10k-labels-idx1-ubyte.gz")) as f:
        magic, count = struct.unpack(">II", f.read(8))
        assert magic == 2049 and count >= n
        return list(f.read(n))


def flat(a):
    if hasattr(a, "tolist"):
        a = a.tolist()
    return sum((flat(r) for r in a), []) if a and isinstance(a[0], list) else list(a)


class AccuracyOutputs(unittest.TestCase):
    def test_printed_top1_from_the_written_logits(self):
        out_frac = circa.load_config(DEFAULT).params()["formats.output.frac"]
        cfg = ["--config", DEFAULT, "--workload", LENET]
        with tempfile.TemporaryDirectory() as d:
            weights, out = os.path.join(d, "weights"), os.path.join(d, "out")
            t = run_circa("train", *cfg, "--dataset", "fashion-mnist", "--epochs", 2,
                          "--train-limit", 10000, "--test-limit", 100, "--out", weights)
            self.assertEqual(t.returncode, 0, t.stdout + t.stderr)
            a = run_circa("accuracy", *cfg, "--weights", weights, "--dataset", "fashion-mnist",
                          "--limit", IMAGES, "--out", out)
            self.assertEqual(a.returncode, 0, a.stdout + a.stderr)
            codes = circa.load_npy(os.path.join(out, "outputs.npy"))
            reals = flat(circa.load_npy(os.path.join(out, "outputs_real.npy")))
            predicted = flat(circa.load_npy(os.path.join(out, "predicted.npy")))
            labels = flat(circa.load_npy(os.path.join(out, "labels.npy")))
        rows = [flat(r) for r in (codes.tolist() if hasattr(codes, "tolist") else codes)]
        self.assertEqual((len(rows), len(rows[0])), (IMAGES, 10))
        self.assertEqual(reals, [c * 2.0 ** -out_frac for r in rows for c in r])
        truth = test_labels(IMAGES)
        self.assertEqual(labels, truth)
        top1 = [r.index(max(r)) for r in rows]  # the lowest class among tied largest codes
        self.assertEqual(predicted, top1)
        right = sum(p == t for p, t in zip(top1, truth))
        printed = re.search(r"fixed-point top-1 \(bit-exact golden model\) +([0-9.]+)%", a.stdout)
        self.assertIsNotNone(printed, a.stdout)
        self.assertEqual(printed.group(1), "%.2f" % (100.0 * right / IMAGES))
        # 2 epochs on 10,000 images: about 75% in float (10% is chance).
        self.assertGreater(right, 0.6 * IMAGES)
        self.assertIn("outputs: %s/outputs.npy" % out, a.stdout)
        # Training's progress: plain lines on stderr, images counted over both epochs.
        self.assertNotIn("\r", t.stderr)
        lines = [l for l in t.stderr.splitlines() if l.startswith("training: ")]
        self.assertGreaterEqual(len(lines), 2, t.stderr)
        for l in lines:
            self.assertRegex(l, r"^training: \d+/20000 images, (epoch [12]/2, loss [0-9.]+, "
                                r"acc [0-9.]+%, )?[0-9.]+ images/s, ETA (\?|\d+ s|\d+:\d\d)$")
        self.assertTrue(lines[-1].startswith("training: 20000/20000 images"), lines[-1])
        self.assertRegex(t.stdout, r"epoch 2/2  loss [0-9.]+  train [0-9.]+%  test [0-9.]+% "
                                   r"\(float\)  \d+ s elapsed")


if __name__ == "__main__":
    unittest.main()
