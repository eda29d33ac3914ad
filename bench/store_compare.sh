#!/usr/bin/env bash
# How small and how fast the archive is, next to the usual baselines, on the same files:
#   archive size after `mdb_copy -c`  vs  `git gc --aggressive` pack  vs  `tar | zstd -19 --long`
#   ingest MB/s (parse + hash + compress + write, wall clock)  vs  `zstd -3 -T1` of the same bytes
# for two sets: the real corpus (../shared/corpus/*.txt) and a generated set of 1,000 releases
# in 40 series (`recital generate --series 40 --sessions 25`).
#
# Usage: bench/store_compare.sh [path/to/recital]     (default build/cli/recital)
# Needs: git, zstd, tar, mdb_copy (lmdb-utils). Nothing is written outside a temp directory.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/cli/recital}")
corpus=$(realpath ../shared/corpus)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / s / 1e6 : 0) }'; }
size_of() { stat -c %s "$1"; }

measure() {  # measure NAME DIR: DIR holds only the release files
  local name=$1 dir=$2
  local raw files
  raw=$(find "$dir" -type f -print0 | xargs -0 cat | wc -c)
  files=$(find "$dir" -type f | wc -l)

  local archive="$work/$name-archive"
  local t0 t1
  t0=$(now)
  "$bin" ingest --archive "$archive" "$dir" >"$work/$name-ingest.txt" 2>&1 || true
  t1=$(now)
  local ingest_s
  ingest_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  mkdir -p "$work/$name-compact"
  mdb_copy -c "$archive" "$work/$name-compact"
  local archive_bytes compact_bytes
  archive_bytes=$(size_of "$archive/data.mdb")
  compact_bytes=$(size_of "$work/$name-compact/data.mdb")
  local object_bytes
  object_bytes=$("$bin" stats --archive "$archive" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["object_bytes"]["total"])')
  # `recital gc` (full pages, key order) on the live archive, then the same mdb_copy -c.
  local gc_t0 gc_t1 gc_s gc_bytes
  gc_t0=$(now)
  "$bin" gc --archive "$archive" >/dev/null
  gc_t1=$(now)
  gc_s=$(awk -v a="$gc_t0" -v b="$gc_t1" 'BEGIN { print b - a }')
  mkdir -p "$work/$name-gc-compact"
  mdb_copy -c "$archive" "$work/$name-gc-compact"
  gc_bytes=$(size_of "$work/$name-gc-compact/data.mdb")
  local db_pages
  db_pages=$(mdb_stat -a "$work/$name-compact" | awk '/^Status of/ { db = $3 } /(Leaf|Branch|Overflow) pages/ { p[db] += $3 }
    END { for (d in p) printf "%s=%dKiB ", d, p[d] * 4; }')

  local repo="$work/$name-git"
  mkdir -p "$repo"
  cp -r "$dir/." "$repo/"
  (cd "$repo" && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm x &&
   git gc -q --aggressive)
  local pack_bytes
  pack_bytes=$(cat "$repo"/.git/objects/pack/*.pack | wc -c)

  local tzst_bytes
  tzst_bytes=$(tar -C "$dir" -cf - . | zstd -19 --long -T1 -q -c | wc -c)
  tar -C "$dir" -cf "$work/$name.tar" .
  t0=$(now)
  zstd -3 -T1 -q -c "$work/$name.tar" >/dev/null
  t1=$(now)
  local zstd_s
  zstd_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')

  echo "== $name: $files files, $raw bytes of releases"
  sed 's/^/   recital: /' "$work/$name-ingest.txt" | tail -1
  printf '   %-38s %10s bytes  (%.2fx smaller than the files)\n' \
    "recital archive after mdb_copy -c" "$compact_bytes" "$(awk -v r="$raw" -v c="$compact_bytes" 'BEGIN{print r/c}')"
  printf '   %-38s %10s bytes  (%.2fx; gc took %.2f s)\n' \
    "recital archive after gc + mdb_copy -c" "$gc_bytes" "$(awk -v r="$raw" -v c="$gc_bytes" 'BEGIN{print r/c}')" "$gc_s"
  printf '   %-38s %10s bytes\n' "  (live data.mdb before compaction)" "$archive_bytes"
  printf '   %-38s %10s bytes\n' "  (sum of object values)" "$object_bytes"
  echo "     (pages per database after compaction: $db_pages)"
  printf '   %-38s %10s bytes  (%.2fx)\n' "git gc --aggressive pack" "$pack_bytes" "$(awk -v r="$raw" -v c="$pack_bytes" 'BEGIN{print r/c}')"
  printf '   %-38s %10s bytes  (%.2fx)\n' "tar | zstd -19 --long" "$tzst_bytes" "$(awk -v r="$raw" -v c="$tzst_bytes" 'BEGIN{print r/c}')"
  printf '   %-38s %10s MB/s   (%.2f s)\n' "recital ingest (wall clock)" "$(mbps "$raw" "$ingest_s")" "$ingest_s"
  printf '   %-38s %10s MB/s   (%.2f s)\n' "zstd -3 -T1 of the same bytes (tar)" "$(mbps "$raw" "$zstd_s")" "$zstd_s"
}

mkdir -p "$work/corpus"
cp "$corpus"/*.txt "$work/corpus/"
measure corpus "$work/corpus"

"$bin" generate --seed 1 --series 40 --sessions 25 --out "$work/gen" -q
mv "$work/gen/truth.jsonl" "$work/truth.jsonl"
measure generated-1000x40 "$work/gen"
