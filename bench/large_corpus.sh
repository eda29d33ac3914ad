#!/usr/bin/env bash
# Large synthetic corpus for the benchmarks: S series x N sessions of generated resolutions
# (`recital generate`, gen/), deterministic by seed.
#
#   bench/large_corpus.sh RELEASES OUTDIR [SEED] [SESSIONS]
#
# Writes OUTDIR/releases/*.txt (RELEASES files: ceil(RELEASES / SESSIONS) series of SESSIONS
# successive sessions, the last series cut short), OUTDIR/truth.jsonl (one line per release,
# see `recital generate --help`) and OUTDIR/STAMP. A second call with the same arguments and
# generator output (checksum of a small sample) reuses OUTDIR (the stamp matches) instead of
# regenerating.
# Environment: RECITAL = the recital binary (default build-bench/cli/recital).
# Usual sizes: 1000, 20000, 100000 (about 8 KB per release).
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
releases=$1 out=$2 seed=${3:-1} sessions=${4:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
recital=${RECITAL:-$root/build-bench/cli/recital}
if [ ! -x "$recital" ]; then
  echo "large_corpus: $recital not built (bench/run builds it)" >&2
  exit 2
fi
if [ "$releases" -lt 1 ] || [ "$sessions" -lt 1 ]; then
  echo "large_corpus: RELEASES and SESSIONS must be positive" >&2
  exit 2
fi
[ "$sessions" -gt "$releases" ] && sessions=$releases
series=$(( (releases + sessions - 1) / sessions ))
# The generator's fingerprint: a checksum of a tiny generated sample (not of the binary, which
# changes on every rebuild), so a corpus is regenerated only when the generator's output does.
fp=$(mktemp -d)
"$recital" generate -q --seed "$seed" --series 1 --sessions 2 --out "$fp/g" >/dev/null 2>&1 || true
gen=$(find "$fp" -type f | sort | xargs -r cat | cksum | cut -d' ' -f1)
rm -rf "$fp"
stamp="releases=$releases seed=$seed sessions=$sessions series=$series gen=$gen"
if [ -f "$out/STAMP" ] && [ "$(cat "$out/STAMP")" = "$stamp" ]; then
  echo "large_corpus: reusing $out ($releases releases)" >&2
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"
# Whole series first, then the short last one (another seed, so it is not a copy of series 0).
full=$(( releases / sessions ))
tmp="$out/.gen"
if [ "$full" -gt 0 ]; then
  "$recital" generate -q --seed "$seed" --series "$full" --sessions "$sessions" --out "$tmp"
  mv "$tmp/truth.jsonl" "$out/truth.jsonl"
  mv "$tmp" "$out/releases"
fi
rest=$(( releases - full * sessions ))
if [ "$rest" -gt 0 ]; then
  # Session numbers after the full series' so symbols cannot collide.
  first=$(( 50 + sessions ))
  "$recital" generate -q --seed "$((seed + 1000003))" --series 1 --sessions "$rest" \
    --first-session "$first" --out "$tmp"
  cat "$tmp/truth.jsonl" >>"$out/truth.jsonl"
  rm "$tmp/truth.jsonl"
  mkdir -p "$out/releases"
  mv "$tmp"/* "$out/releases/"
  rmdir "$tmp"
fi
count=$(find "$out/releases" -type f | wc -l)
if [ "$count" -ne "$releases" ]; then
  echo "large_corpus: expected $releases files in $out/releases, found $count" >&2
  exit 1
fi
echo "$stamp" >"$out/STAMP"
echo "large_corpus: wrote $releases releases ($series series x $sessions sessions) to $out" >&2
