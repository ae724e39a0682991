#!/usr/bin/env bash
# Sweeps through Slurm on the one-node test cluster (slurm_cluster.sh, a CTest fixture; clients
# find it through SLURM_CONF):
#   test_slurm.sh CASE CIRCA SRC WORK
# CASE: local_equals_slurm      a cycle-accurate sweep as 2 array tasks + merge equals the same
#                               sweep run here, point for point
#       scancel_then_resubmit   a task cancelled mid-run, then the sweep submitted again: every
#                               point once, none run twice, equal to a local run
#       merge_twice_and_refuse  a second merge changes nothing; a store of another sweep is refused
#       sbatch_missing          without sbatch on PATH: exit 4, one line naming slurm-client
#       cli_errors              bad --shard, --tasks without --slurm, a bad --time, merging
#                               nothing: exit 2, one line naming the flag and the fix
# Exits 77 (skipped) when no cluster answers (not root, packages missing).
set -euo pipefail

case_name=$1 circa=$2 src=$3 work=$4/$1
rm -rf "$work"
mkdir -p "$work"
cd "$work"

fail() { echo "FAIL ($case_name): $*" >&2; exit 1; }

# Runs circa expecting exit status 2 and one line on stderr matching $1.
usage_error() {  # usage_error REGEX ARGS...
  local want=$1 rc=0
  shift
  "$circa" "$@" 2> err.txt || rc=$?
  cat err.txt
  [ "$rc" = 2 ] || fail "circa $*: exit status $rc, expected 2"
  [ "$(wc -l < err.txt)" = 1 ] || fail "circa $*: the error is not one line"
  grep -qE -- "$want" err.txt || fail "circa $*: stderr does not match '$want'"
}

if [ "$case_name" = cli_errors ]; then
  printf 'kind: sweep\nbase: %s\nworkload: %s\naxes:\n  mac.lanes: [4, 8]\nobjectives:\n  minimise: [area_mm2]\n' \
    "$src/configs/default.yaml" "$src/workloads/lenet300.yaml" > s.yaml
  usage_error "--shard '1': use I/N.*e.g. --shard 0/4" sweep s.yaml --shard 1
  usage_error "--shard '4/4': I must be below N.*e.g. --shard 3/4" sweep s.yaml --shard 4/4
  usage_error "--shard '0/0': N must be 1 or more" sweep s.yaml --shard 0/0
  usage_error "--tasks goes with --slurm" sweep s.yaml --tasks 3
  usage_error "--time 'soon': use a Slurm time limit" sweep s.yaml --slurm --time soon
  usage_error "--tasks 0: use 1 to 10000" sweep s.yaml --slurm --tasks 0
  usage_error "merge: give the shard folders after OUT" sweep merge out
  usage_error "merge: 'empty' holds no results.sqlite" sweep merge out empty
  usage_error "status: 'empty' holds no results.sqlite" sweep status empty
  echo "ok: $case_name"
  exit 0
fi

if [ "$case_name" = sbatch_missing ]; then
  printf 'kind: sweep\nbase: %s\nworkload: %s\naxes:\n  mac.lanes: [4, 8]\nobjectives:\n  minimise: [area_mm2]\n' \
    "$src/configs/default.yaml" "$src/workloads/lenet300.yaml" > s.yaml
  rc=0
  PATH=/nonexistent "$circa" sweep s.yaml --slurm --out out 2> err.txt || rc=$?
  cat err.txt
  [ "$rc" = 4 ] || fail "exit status $rc, expected 4 (a tool error)"
  [ "$(wc -l < err.txt)" = 1 ] || fail "the error is not one line"
  grep -q "apt-get install slurm-client" err.txt || fail "the error does not say how to install sbatch"
  echo "ok: $case_name"
  exit 0
fi

sinfo -h -o %T 2>/dev/null | grep -q idle || { echo "skipped: no Slurm cluster (SLURM_CONF=${SLURM_CONF:-})"; exit 77; }

# 8 cycle-accurate points of AlexNet's fc layers, about 0.5-1 s each.
sweep_file() {  # sweep_file FILE NAME LANES
  cat > "$1" <<YAML
kind: sweep
name: $2
base: $src/configs/default.yaml
workload: $src/workloads/alexnet_fc.yaml
fidelity: cycle_accurate
axes:
  mac.lanes: $3
  block_size: [32, 64]
objectives:
  minimise: [energy_per_inference_uj, area_mm2]
YAML
}

# Submits and waits until the array and the merge job have left the queue.
submit_and_wait() {  # submit_and_wait ARGS...
  local out ids
  out=$("$circa" sweep "$@")
  echo "$out"
  ids=$(echo "$out" | sed -n 's/^submitted job array \([0-9]*\) .* merge job \([0-9]*\) .*/\1,\2/p')
  [ -n "$ids" ] || fail "no job ids in: $out"
  wait_jobs "$ids"
}

wait_jobs() {  # wait_jobs ID[,ID]: until none is pending or running (90 s at most)
  for _ in $(seq 450); do
    [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  squeue
  fail "jobs $1 still queued after 90 s"
}

# The points of a store, everything but timestamps and durations (or with them: $2 = all).
dump() {
  local cols="key, version, fidelity, inputs, config, status, error, metrics"
  [ "${2:-}" = all ] && cols="*"
  sqlite3 "$1/results.sqlite" "SELECT $cols FROM points ORDER BY key, version, fidelity"
}

same_as_local() {  # same_as_local SWEEP_FILE SLURM_OUT
  "$circa" sweep "$1" --out local --jobs 2 2>/dev/null
  dump local > local.txt
  dump "$2" > slurm.txt
  rows=$(sqlite3 local/results.sqlite "SELECT count(*) FROM points")
  [ "$rows" = 8 ] || fail "the local sweep has $rows rows, not 8"
  cmp -s local.txt slurm.txt || { diff local.txt slurm.txt | head; fail "Slurm and local results differ"; }
}

case $case_name in
local_equals_slurm)
  sweep_file s.yaml ax "[4, 8, 16, 32]"
  submit_and_wait s.yaml --slurm --tasks 2 --time 5 --out "$work/out"
  cat out/slurm/merge.log
  grep -q "^#SBATCH --array=0-1$" out/slurm/sweep.sbatch || fail "no --array=0-1 in the script"
  same_as_local s.yaml out
  "$circa" sweep status out
  ;;
scancel_then_resubmit)
  sweep_file s.yaml ax "[4, 8, 16, 32]"
  out=$("$circa" sweep s.yaml --slurm --tasks 1 --jobs 1 --out "$work/out")
  array=$(echo "$out" | sed -n 's/^submitted job array \([0-9]*\) .*/\1/p')
  store=out/shards/shard-0-of-1/results.sqlite
  for _ in $(seq 300); do
    n=$( [ -f "$store" ] && sqlite3 "$store" "SELECT count(*) FROM points" 2>/dev/null || echo 0)
    [ "$n" -ge 2 ] && break
    sleep 0.1
  done
  scancel "$array"
  wait_jobs "$array"
  kept=$(sqlite3 "$store" "SELECT count(*) FROM points")
  echo "cancelled with $kept of 8 points stored"
  [ "$kept" -ge 2 ] && [ "$kept" -lt 8 ] || fail "the cancel did not come mid-run ($kept points stored)"
  squeue -h | grep -q . && wait_jobs "$(squeue -h -o %i | paste -sd,)"
  submit_and_wait s.yaml --slurm --tasks 1 --jobs 1 --out "$work/out"
  cat out/slurm/task-0.log | tail -n 3
  grep -q "($((8 - kept)) run now, $kept from the store)" out/slurm/task-0.log ||
    fail "the resubmitted task did not run exactly the $((8 - kept)) missing points"
  same_as_local s.yaml out
  ;;
merge_twice_and_refuse)
  sweep_file s.yaml ax "[4, 8, 16, 32]"
  submit_and_wait s.yaml --slurm --tasks 2 --out "$work/out"
  dump out all > once.txt
  cp out/results.csv once.csv
  "$circa" sweep merge out out/shards/shard-*-of-2
  dump out all > twice.txt
  cmp -s once.txt twice.txt || fail "a second merge changed the store"
  cmp -s once.csv out/results.csv || fail "a second merge changed results.csv"
  sweep_file other.yaml other "[4, 8]"
  "$circa" sweep other.yaml --shard 0/2 --out other 2>/dev/null
  rc=0
  "$circa" sweep merge out other 2> err.txt || rc=$?
  cat err.txt
  [ "$rc" = 2 ] || fail "merging another sweep's store: exit status $rc, expected 2"
  grep -q "holds another sweep" err.txt || fail "merge did not say the store is of another sweep"
  dump out all > after.txt
  cmp -s once.txt after.txt || fail "a refused merge changed the store"
  ;;
*) fail "unknown case" ;;
esac
echo "ok: $case_name"
