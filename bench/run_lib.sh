# Helpers and workloads of bench/run (sourced; needs: root work report RECITAL micro runs pairs
# seed smoke cmdline). Every figure goes through emit (stdout and the report); goals are
# collected in G_* and judged by goals_section. Timings never fail the run; errors do (fail).
failed=0
shopt -u patsub_replacement 2>/dev/null  # "&" in substituted paths stays literal
declare -A G=()
timebin=""
[ -x /usr/bin/time ] && timebin=/usr/bin/time

emit() { printf '%s\n' "$*" | tee -a "$report"; }
fail() { emit "ERROR: $*"; failed=1; }
skip() { emit "skipped: $*"; emit ""; }
fmt() { awk -v x="$1" -v f="${2:-%.2f}" 'BEGIN{printf f, x}'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN{if (b == 0) print "n/a"; else printf f, a / b}'; }
mb() { awk -v b="$1" 'BEGIN{printf "%.1f", b / 1e6}'; }
# A subcommand of this build (the help is read once: grep -q on a pipe would SIGPIPE recital).
has_command() {
  [ -s "$work/help.txt" ] || "$RECITAL" --help >"$work/help.txt" 2>/dev/null
  grep -qE "^  $1( |\$)" "$work/help.txt"
}

# Whether this build's grep has -l (recital grep --help read once, like has_command's).
has_grep_l() {
  [ -s "$work/help-grep.txt" ] || "$RECITAL" grep --help >"$work/help-grep.txt" 2>/dev/null
  grep -q -- '--files-with-matches' "$work/help-grep.txt"
}

machine_header() {
  local commit dirty="" btype
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  git -C "$root" diff --quiet HEAD -- . 2>/dev/null || dirty=" (plus uncommitted changes)"
  btype=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit$dirty, build ${btype:-?} ($build)."
  echo ""
  echo "Machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)," \
       "$(awk '/MemTotal/{printf "%.1f GB", $2 / 1048576}' /proc/meminfo) RAM," \
       "load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Baselines: $(zstd --version 2>/dev/null | sed 's/.*\(v[0-9.]*\).*/zstd \1/'), $(git --version)."
  echo ""
  echo "Command: \`$cmdline\` (seed $seed, $runs query runs per command, $pairs diff pairs)."
  echo ""
}

# ---- corpus metadata: meta.tsv = file, session, symbol, previous file, series key --------
corpus_meta() {
  local c=$1
  [ -s "$c/meta.tsv" ] && [ "$c/meta.tsv" -nt "$c/STAMP" ] && return 0
  sed -E 's/.*"file":"([^"]*)".*"previous":"([^"]*)".*"session":([0-9]+).*"symbol":"([^"]*)".*/\1\t\3\t\4\t\2/' \
    "$c/truth.jsonl" |
    awk -F'\t' -v OFS='\t' '{
      file[$3] = $1
      key[$3] = ($4 == "" || !($4 in key)) ? $1 : key[$4]
      print $1, $2, $3, ($4 in file ? file[$4] : ""), key[$3]
    }' >"$c/meta.tsv"
  find "$c/releases" -type f | sort >"$c/files.txt"
}
corpus_summary() {
  local c=$1 n bytes series
  corpus_meta "$c"
  n=$(wc -l <"$c/meta.tsv")
  series=$(cut -f5 "$c/meta.tsv" | sort -u | wc -l)
  bytes=$(find "$c/releases" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  echo "$n generated releases ($series series, $(mb "$bytes") MB, seed $seed; bench/large_corpus.sh)."
}
corpus_bytes() { find "$1/releases" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
# Random sample of n meta rows (fixed seed), optionally only those with a previous release.
sample_rows() {
  local c=$1 n=$2 need_prev=${3:-0}
  awk -F'\t' -v s="$seed" -v p="$need_prev" 'BEGIN{srand(s)} !p || $4 != "" {print rand() "\t" $0}' \
    "$c/meta.tsv" | sort -n | head -n "$n" | cut -f2-
}

# ---- measuring a process ----------------------------------------------------------------
# run_measured CMD...: M_rc, M_wall (s), M_cpu (user+sys s), M_rss (max RSS KB), M_anon (peak
# anonymous memory KB, sampled every 50 ms). Output goes to $work/last.log.
run_measured() {
  local tf=$work/time.out log=$work/last.log t0 t1 tp child k v _
  M_anon=0 M_rss=0 M_cpu=0
  t0=${EPOCHREALTIME/./}
  if [ -n "$timebin" ]; then
    "$timebin" -f '%e %U %S %M' -o "$tf" "$@" >"$log" 2>&1 &
  else
    "$@" >"$log" 2>&1 &
  fi
  tp=$!
  while kill -0 "$tp" 2>/dev/null; do
    child=$tp
    if [ -n "$timebin" ]; then
      child=""
      read -r child _ <"/proc/$tp/task/$tp/children" 2>/dev/null
    fi
    if [ -n "$child" ]; then
      while read -r k v _; do
        [ "$k" = RssAnon: ] && [ "$v" -gt "$M_anon" ] && M_anon=$v
      done <"/proc/$child/status" 2>/dev/null
    fi
    sleep 0.05
  done
  wait "$tp"
  M_rc=$?
  t1=${EPOCHREALTIME/./}
  M_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b - a) / 1e6}')
  if [ -n "$timebin" ] && [ -s "$tf" ]; then
    read -r _ u s M_rss <<<"$(tail -n 1 "$tf")"
    M_cpu=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u + s}')
  fi
}

# latencies FILE -> "p50 p99" in ms (nearest rank) of the microsecond values in FILE.
latencies() {
  sort -n "$1" | awk '{v[NR] = $1} END {
    if (NR == 0) { print "n/a n/a"; exit }
    i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999)
    printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }'
}

# ---- ingest (shared by ingest, size, memory, cores) -------------------------------------
declare -A I_wall=() I_cpu=() I_rss=() I_anon=() Z_wall=() Z_cpu=()
warm_cache() { xargs -d '\n' cat <"$1/files.txt" >/dev/null; }
ensure_zstd() {
  local size=$1 c=$2
  [ -n "${Z_wall[$size]:-}" ] && return 0
  warm_cache "$c"
  run_measured zstd -3 -T1 -q -c --filelist "$c/files.txt"
  if [ "$M_rc" -ne 0 ]; then fail "zstd -3 failed (rc $M_rc)"; return 1; fi
  Z_wall[$size]=$M_wall Z_cpu[$size]=$M_cpu
}
ensure_ingest() {
  local size=$1 c=$2 threads=$3 a=$work/archive-$1-t$3 refused
  [ -n "${I_wall[$size-$threads]:-}" ] && return 0
  # BENCH_REUSE_ARCHIVE=1: query an archive a previous run left (no ingest figures then).
  if [ "${BENCH_REUSE_ARCHIVE:-0}" = 1 ] && [ -f "$a/data.mdb" ]; then
    emit "note: reusing the archive $a (BENCH_REUSE_ARCHIVE=1): no ingest timing in this run"
    I_wall[$size-$threads]=n/a I_cpu[$size-$threads]=n/a I_rss[$size-$threads]=0 I_anon[$size-$threads]=0
    return 0
  fi
  rm -rf "$a"
  warm_cache "$c"
  run_measured "$RECITAL" ingest --archive "$a" --threads "$threads" "$c/releases"
  if [ "$M_rc" -ge 2 ]; then fail "recital ingest --threads $threads failed: $(tail -n 2 "$work/last.log")"; return 1; fi
  refused=$(sed -n 's/.* \([0-9]*\) refused.*/\1/p' "$work/last.log" | tail -n 1)
  [ "${refused:-0}" != 0 ] && emit "note: ingest refused $refused of $size generated releases"
  I_wall[$size-$threads]=$M_wall I_cpu[$size-$threads]=$M_cpu
  I_rss[$size-$threads]=$M_rss I_anon[$size-$threads]=$M_anon
}

workload_ingest() {
  local size=$1 c=$2 bytes r
  emit "### ingest"
  emit ""
  ensure_zstd "$size" "$c" && ensure_ingest "$size" "$c" 2 || return
  bytes=$(corpus_bytes "$c")
  r=$(div "${I_wall[$size-2]}" "${Z_wall[$size]}")
  G[ingest-$size]=$r
  emit "| | wall s | CPU s | MB/s | releases/s | wall time vs zstd -3 | CPU time vs zstd -3 |"
  emit "|---|---|---|---|---|---|---|"
  emit "| recital ingest --threads 2 | ${I_wall[$size-2]} | ${I_cpu[$size-2]} | $(div "$(mb "$bytes")" "${I_wall[$size-2]}" %.1f) | $(div "$size" "${I_wall[$size-2]}" %.0f) | **${r}x** | $(div "${I_cpu[$size-2]}" "${Z_cpu[$size]}" %.1f)x |"
  emit "| zstd -3 -T1 (same files) | ${Z_wall[$size]} | ${Z_cpu[$size]} | $(div "$(mb "$bytes")" "${Z_wall[$size]}" %.1f) | $(div "$size" "${Z_wall[$size]}" %.0f) | 1x | 1x |"
  emit ""
}

workload_memory() {
  local size=$1 c=$2
  emit "### memory"
  emit ""
  if [ -z "$timebin" ]; then skip "memory needs GNU time (/usr/bin/time: apt-get install time)"; return; fi
  ensure_ingest "$size" "$c" 2 || return
  G[rss-$size]=$(( I_rss[$size-2] / 1024 ))
  emit "| ingest --threads 2 | max RSS MB (incl. mapped LMDB pages) | peak anonymous MB (sampled) |"
  emit "|---|---|---|"
  emit "| $size releases | $(( I_rss[$size-2] / 1024 )) | $(( I_anon[$size-2] / 1024 )) |"
  emit ""
}

workload_cores() {
  local size=$1 c=$2
  emit "### cores"
  emit ""
  ensure_ingest "$size" "$c" 2 && ensure_ingest "$size" "$c" 1 || return
  emit "| ingest | wall s | CPU s | releases/s | speed-up |"
  emit "|---|---|---|---|---|"
  emit "| --threads 1 | ${I_wall[$size-1]} | ${I_cpu[$size-1]} | $(div "$size" "${I_wall[$size-1]}" %.0f) | 1x |"
  emit "| --threads 2 | ${I_wall[$size-2]} | ${I_cpu[$size-2]} | $(div "$size" "${I_wall[$size-2]}" %.0f) | $(div "${I_wall[$size-1]}" "${I_wall[$size-2]}")x |"
  emit ""
}

source "$root/bench/run_workloads.sh"
