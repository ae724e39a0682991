#!/usr/bin/env bash
# Installs the Debian 12 packages Circa builds and runs with, then builds CACTI 7 (see
# install-cacti.sh). Idempotent: installs only what is missing, so it is cheap to call before
# every build. Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libsystemc-dev verilator libyaml-cpp-dev libboost-test-dev
  yosys iverilog ccache libsqlite3-dev sqlite3 libcli11-dev libfmt-dev nlohmann-json3-dev
  zlib1g-dev dataset-fashion-mnist  # circa train / accuracy: gzip IDX files (sim/data)
  pybind11-dev python3-dev  # the Python module (sim/python)
  clang libclang-rt-14-dev  # the fuzz presets: clang with libFuzzer and the sanitizers
  slurm-wlm munge  # circa sweep --slurm (sbatch) and the one-node test cluster (tests/sweep)
)
# chromium renders the sweep report in the browser test; optional with CIRCA_NO_BROWSER=1.
[ "${CIRCA_NO_BROWSER:-0}" = 1 ] || packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "circa: installing missing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "circa: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The real CACTI, for technology.sram_model: cacti and its tests (CIRCA_NO_CACTI=1 skips it).
bash "$(dirname "$0")/install-cacti.sh"
