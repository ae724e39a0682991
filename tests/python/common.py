"""What the Python tests share: the source tree's files and a `circa` run."""
import os
import subprocess

import circa

SOURCE = os.environ.get("CIRCA_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")
DEFAULT = os.path.join(SOURCE, "configs", "default.yaml")
LENET = os.path.join(SOURCE, "workloads", "lenet300.yaml")


def run_circa(*args):
    """The `circa` command's CompletedProcess (text)."""
    return subprocess.run([circa.circa_executable()] + [str(a) for a in args],
                          capture_output=True, text=True)


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path
