#!/usr/bin/env bash
# Time `recital diff` against `git diff --no-index --word-diff` on the same files:
#   1. two ~10 KB resolutions (consecutive sessions of a series seeded from A/RES/54/144),
#   2. a whole 30-session series (29 consecutive pairs).
# recital's time includes reading and parsing both releases (nothing is stored); git only
# compares lines/words. Usage: bench/diff_compare.sh [path/to/recital] [repetitions]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
recital="${1:-${RECITAL:-$here/../build/cli/recital}}"
reps="${2:-20}"
corpus="$here/../../shared/corpus"
[ -x "$recital" ] || { echo "diff_compare: no recital binary at $recital (build it first)" >&2; exit 2; }
command -v git >/dev/null || { echo "diff_compare: git not installed" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
from=()
[ -f "$corpus/A-RES-54-144.ods.txt" ] && from=(--from "$corpus/A-RES-54-144.ods.txt")
"$recital" generate --seed 54144 --sessions 30 --out "$work/s" -q "${from[@]}"
mapfile -t files < <(ls "$work"/s/*.txt | sort -t- -k3,3n)
[ "${#files[@]}" -eq 30 ] || { echo "diff_compare: expected 30 releases" >&2; exit 2; }
a="${files[0]}"; b="${files[1]}"

now() { date +%s%N; }
# run_ms REPS CMD...: mean wall milliseconds per run (exit status 1 = differences is fine)
run_ms() {
  local n="$1"; shift
  local t0 t1
  t0=$(now)
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 || [ $? -eq 1 ]; done
  t1=$(now)
  awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "%.3f", (b - a) / 1000000 / n }'
}
series() {  # series TOOL: every consecutive pair once
  for ((k = 1; k < 30; k++)); do
    if [ "$1" = recital ]; then
      "$recital" diff "${files[k-1]}" "${files[k]}" >/dev/null 2>&1 || [ $? -eq 1 ]
    else
      git diff --no-index --word-diff "${files[k-1]}" "${files[k]}" >/dev/null 2>&1 || [ $? -eq 1 ]
    fi
  done
}

printf 'files: %s (%s bytes) vs %s (%s bytes); %s repetitions\n' "$(basename "$a")" \
  "$(wc -c <"$a")" "$(basename "$b")" "$(wc -c <"$b")" "$reps"
r_pair=$(run_ms "$reps" "$recital" diff "$a" "$b")
r_json=$(run_ms "$reps" "$recital" diff --format json "$a" "$b")
g_pair=$(run_ms "$reps" git diff --no-index --word-diff "$a" "$b")
r_start=$(run_ms "$reps" "$recital" --version)
s_reps=$(( reps / 4 > 0 ? reps / 4 : 1 ))
r_series=$(run_ms "$s_reps" series recital)
g_series=$(run_ms "$s_reps" series git)
printf '%-44s %10s ms\n' "recital diff, one pair (text)" "$r_pair"
printf '%-44s %10s ms\n' "recital diff, one pair (json)" "$r_json"
printf '%-44s %10s ms\n' "git diff --no-index --word-diff, one pair" "$g_pair"
printf '%-44s %10s ms\n' "(recital --version: process start alone)" "$r_start"
printf '%-44s %10s ms\n' "recital diff, 30-session series (29 pairs)" "$r_series"
printf '%-44s %10s ms\n' "git diff --word-diff, same 29 pairs" "$g_series"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf 'ratio recital/git: pair %s, series %s\n' "$(ratio "$r_pair" "$g_pair")" \
  "$(ratio "$r_series" "$g_series")"
echo "engine only (no process start, no parsing): build/bench/recital_microbench --benchmark_filter=Diff"
