#!/usr/bin/env bash
# Builds CACTI 7 (HewlettPackard/cacti at the pinned commit below, the CACTI that produced every
# row of shared/reference/cacti/) for `technology.sram_model: cacti`, `circa sram --model cacti`
# and the real-CACTI tests. Idempotent: when the pinned build is already there it exits at once.
#
# Where it installs: $CIRCA_CACTI_DIR if set, else ${XDG_CACHE_HOME:-$HOME/.cache}/circa/cacti7-<c>
# (<c> = short commit). That is also where Circa looks for CACTI by default (CactiAdapter), so the
# two must change together. A writable folder outside the source tree: the source tree and the
# shared folder may be read-only.
#
# Where the source comes from, first found wins:
#   1. $CIRCA_CACTI_ARCHIVE, or <repo>/../shared/third_party/cacti-<c>.tar.gz: a local archive,
#      checked against its sha256;
#   2. a clone of $CIRCA_CACTI_REPO (default github.com/HewlettPackard/cacti), checked out at the
#      pinned commit.
# CIRCA_NO_CACTI=1 skips the whole step (the real-CACTI tests then report themselves skipped).
set -euo pipefail

commit=1ffd8dfb10303d306ecd8d215320aea07651e878
short=${commit:0:7}
archive_sha256=2e5d7ee45d5da5d1a82712cdbdf29ee656e21a077ceccf91276210196ed14175
repo_root=$(cd "$(dirname "$0")/.." && pwd)

say() { echo "circa: $*"; }
fail() {
  echo "circa: cannot install CACTI 7: $*" >&2
  echo "circa: (set CIRCA_NO_CACTI=1 to skip CACTI; the built-in SRAM model needs no CACTI)" >&2
  exit 1
}

[ "${CIRCA_NO_CACTI:-0}" = 1 ] && { say "CIRCA_NO_CACTI=1: not building CACTI"; exit 0; }

cache_home=${XDG_CACHE_HOME:-${HOME:?neither XDG_CACHE_HOME nor HOME is set}/.cache}
dest=${CIRCA_CACTI_DIR:-$cache_home/circa/cacti7-$short}
stamp=$dest/.circa-cacti-commit

if [ -x "$dest/cacti" ] && [ -d "$dest/tech_params" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$commit" ]
then
  exit 0  # already built at the pinned commit
fi

for tool in make g++ tar; do
  command -v "$tool" >/dev/null || fail "'$tool' is not installed (cmake/install-deps.sh installs it)"
done

parent=$(dirname "$dest")
mkdir -p "$parent" 2>/dev/null || fail "cannot create '$parent'; set CIRCA_CACTI_DIR to a writable folder"
[ -w "$parent" ] || fail "'$parent' is not writable; set CIRCA_CACTI_DIR to a writable folder"
work=$(mktemp -d "$parent/.cacti-build.XXXXXX")
trap 'rm -rf "$work"' EXIT

shared_dir=$(cd "$repo_root/.." && pwd)/shared
archive=${CIRCA_CACTI_ARCHIVE:-$shared_dir/third_party/cacti-$short.tar.gz}
src=$work/cacti-$short
if [ -f "$archive" ]; then
  say "building CACTI 7 ($short) from $archive into $dest"
  actual=$(sha256sum "$archive" | cut -d' ' -f1)
  [ "$actual" = "$archive_sha256" ] ||
    fail "$archive has sha256 $actual, expected $archive_sha256 (HewlettPackard/cacti at $commit)"
  tar xzf "$archive" -C "$work" || fail "cannot unpack $archive"
  [ -f "$src/makefile" ] || fail "$archive does not hold cacti-$short/makefile"
else
  url=${CIRCA_CACTI_REPO:-https://github.com/HewlettPackard/cacti.git}
  command -v git >/dev/null || fail "no archive at $archive and git is not installed"
  say "no archive at $archive; building CACTI 7 ($short) from $url into $dest"
  git clone --quiet "$url" "$src" || fail "cannot clone $url (offline? set CIRCA_CACTI_ARCHIVE)"
  git -C "$src" checkout --quiet "$commit" || fail "$url has no commit $commit"
  [ "$(git -C "$src" rev-parse HEAD)" = "$commit" ] || fail "checkout of $commit failed"
fi

# The upstream makefile's own targets: `opt` (x86 SSE flags, no -O) is what made the reference data;
# `dbg` is the portable fallback, with byte-identical summaries (shared/reference/cacti/README.md).
target=opt
[ "$(uname -m)" = x86_64 ] || target=dbg
log=$work/build.log
if ! make -C "$src" -j2 "$target" NTHREADS=2 >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  fail "make $target failed in $src (last lines above)"
fi
[ -x "$src/cacti" ] || fail "make $target finished but produced no $src/cacti"
# A build that runs prints its usage and exits 1 when given no arguments.
if "$src/cacti" >/dev/null 2>&1; then
  fail "the freshly built $src/cacti did not behave like CACTI 7 (no usage message)"
fi

# Keep what a run needs (the binary and tech_params/, opened by relative path), swap in atomically.
rm -rf "$src/obj_opt" "$src/obj_dbg"
echo "$commit" >"$src/.circa-cacti-commit"
rm -rf "$dest.old"
[ -e "$dest" ] && mv "$dest" "$dest.old"
mv "$src" "$dest"
rm -rf "$dest.old"
say "CACTI 7 ready: $dest/cacti"
