# Workloads size, diff, queries, micro, the goals table and the RESULTS.md splice of bench/run
# (sourced by bench/run_lib.sh).

# ---- git baseline: one path per series, one commit per session --------------------------
# The same release bytes as `git add` stores them (hash-object -w), committed session by
# session (update-index + commit-tree), so git log/blame on series/<key>.txt follow a series
# the way recital log/blame do, and git's delta search sees a series under one path.
# ensure_git SIZE CORPUS [GC]: GC=0 leaves the repository un-packed. BENCH_REUSE_ARCHIVE=1
# reuses a packed repository a previous run left (its HEAD is set last, once complete).
declare -A GIT_READY=()
ensure_git() {
  local size=$1 c=$2 gc=${3:-1} g=$work/git-$1 s parent="" tree commit
  if [ -n "${GIT_READY[$size]:-}" ]; then
    [ "$gc" = 1 ] && [ -z "${GIT_GC_S[$size]:-}" ] && { git_gc "$size" || return 1; }
    return 0
  fi
  if [ "${BENCH_REUSE_ARCHIVE:-0}" = 1 ] && [ -s "$g/sessions.tsv" ] &&
     git --git-dir="$g" rev-parse -q --verify HEAD >/dev/null 2>&1 &&
     compgen -G "$g/objects/pack/*.pack" >/dev/null; then
    GIT_READY[$size]=1 GIT_COMMIT_S[$size]=reused GIT_GC_S[$size]=reused GIT_GC_CPU[$size]=reused
    return 0
  fi
  rm -rf "$g"
  git init -q --bare "$g" || { fail "git init failed"; return 1; }
  : >"$g/sessions.tsv"
  local t0=${EPOCHREALTIME/./}
  for s in $(cut -f2 "$c/meta.tsv" | sort -n -u); do
    awk -F'\t' -v s="$s" '$2 == s' "$c/meta.tsv" >"$work/session.tsv"
    cut -f1 "$work/session.tsv" | sed "s|^|$c/releases/|" |
      git --git-dir="$g" hash-object -w --stdin-paths >"$work/blobs.txt" || { fail "git hash-object failed"; return 1; }
    paste "$work/blobs.txt" "$work/session.tsv" |
      awk -F'\t' '{printf "100644 %s\tseries/%s\n", $1, $6}' |
      git --git-dir="$g" update-index --add --index-info || { fail "git update-index failed"; return 1; }
    tree=$(git --git-dir="$g" write-tree) || { fail "git write-tree failed"; return 1; }
    commit=$(git --git-dir="$g" -c user.name=bench -c user.email=bench@localhost \
      commit-tree "$tree" ${parent:+-p "$parent"} -m "session $s") || { fail "git commit-tree failed"; return 1; }
    parent=$commit
    printf '%s\t%s\n' "$s" "$commit" >>"$g/sessions.tsv"
  done
  git --git-dir="$g" update-ref HEAD "$parent"
  GIT_COMMIT_S[$size]=$(awk -v a="$t0" -v b="${EPOCHREALTIME/./}" 'BEGIN{printf "%.2f", (b - a) / 1e6}')
  GIT_READY[$size]=1
  [ "$gc" = 1 ] && { git_gc "$size" || return 1; }
  return 0
}
git_gc() {
  run_measured git --git-dir="$work/git-$1" -c pack.threads=2 gc --aggressive -q
  if [ "$M_rc" -ne 0 ]; then fail "git gc --aggressive failed: $(tail -n 2 "$work/last.log")"; return 1; fi
  GIT_GC_S[$1]=$M_wall GIT_GC_CPU[$1]=$M_cpu
}
declare -A GIT_COMMIT_S=() GIT_GC_S=() GIT_GC_CPU=()
# ensure_git_all SIZE CORPUS: $work/git-SIZE-all, one commit whose tree holds every release of
# the corpus (releases/FILE), for grep: recital grep searches every version of every series, and
# git grep of the series history's HEAD sees only the newest text of each series. Its objects are
# git-SIZE's (objects/info/alternates), so it adds no blobs and the size workload's pack is as it was.
ensure_git_all() {
  local size=$1 c=$2 g=$work/git-$1 ga=$work/git-$1-all tree commit
  [ -n "${GIT_ALL_READY[$size]:-}" ] && return 0
  rm -rf "$ga"
  git init -q --bare "$ga" || { fail "git init failed"; return 1; }
  echo "$g/objects" >"$ga/objects/info/alternates"
  cut -f1 "$c/meta.tsv" | sed "s|^|$c/releases/|" |
    git --git-dir="$ga" hash-object --stdin-paths >"$work/blobs-all.txt" || { fail "git hash-object failed"; return 1; }
  cut -f1 "$c/meta.tsv" | paste "$work/blobs-all.txt" - |
    awk -F'\t' '{printf "100644 %s\treleases/%s\n", $1, $2}' |
    GIT_INDEX_FILE=$work/all.index git --git-dir="$ga" update-index --add --index-info || { fail "git update-index failed"; return 1; }
  tree=$(GIT_INDEX_FILE=$work/all.index git --git-dir="$ga" write-tree) || { fail "git write-tree failed"; return 1; }
  rm -f "$work/all.index"
  commit=$(git --git-dir="$ga" -c user.name=bench -c user.email=bench@localhost \
    commit-tree "$tree" -m "every release") || { fail "git commit-tree failed"; return 1; }
  git --git-dir="$ga" update-ref HEAD "$commit"
  GIT_ALL_READY[$size]=1
}
declare -A GIT_ALL_READY=()

workload_size() {
  local size=$1 c=$2 raw a=$work/archive-$1-t2 cp=$work/compact-$1 arch compact pack tz tzs
  emit "### size"
  emit ""
  ensure_ingest "$size" "$c" 2 && ensure_git "$size" "$c" || return
  raw=$(corpus_bytes "$c")
  arch=$(stat -c %s "$a/data.mdb")
  rm -rf "$cp" && mkdir -p "$cp"
  if ! mdb_copy -c "$a" "$cp" 2>"$work/last.log"; then fail "mdb_copy -c failed: $(cat "$work/last.log")"; return; fi
  compact=$(stat -c %s "$cp/data.mdb")
  # `recital gc` on a copy (the queries use $a as ingested), then the same mdb_copy -c.
  local gcd=$work/gc-$size gcc=$work/gc-compact-$size gcb="" gcs=""
  rm -rf "$gcd" "$gcc" && mkdir -p "$gcd" "$gcc" && cp "$a/data.mdb" "$gcd/"
  run_measured "$RECITAL" gc --archive "$gcd"
  if [ "$M_rc" -eq 0 ] && mdb_copy -c "$gcd" "$gcc" 2>"$work/last.log"; then
    gcb=$(stat -c %s "$gcc/data.mdb") gcs="$M_wall (gc)"
  fi
  rm -rf "$gcd"
  pack=$(find "$work/git-$size/objects/pack" -name '*.pack' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  run_measured bash -c "tar -C '$c' -cf - releases | zstd -19 --long -T2 -q -c >'$work/tar-$size.tar.zst'"
  if [ "$M_rc" -ne 0 ]; then fail "tar | zstd -19 --long failed"; return; fi
  tz=$(stat -c %s "$work/tar-$size.tar.zst") tzs="$M_wall ($M_cpu CPU)"
  G[size-$size]=$(div "$compact" "$pack")
  emit "| | bytes | MB | raw / size | size vs git pack | time s |"
  emit "|---|---|---|---|---|---|"
  emit "| releases (raw) | $raw | $(mb "$raw") | 1.00 | $(div "$raw" "$pack")x | |"
  emit "| recital archive as written (data.mdb) | $arch | $(mb "$arch") | $(div "$raw" "$arch") | $(div "$arch" "$pack")x | ${I_wall[$size-2]} (ingest) |"
  emit "| recital archive after mdb_copy -c | $compact | $(mb "$compact") | $(div "$raw" "$compact") | **$(div "$compact" "$pack")x** | |"
  [ -n "$gcb" ] && emit "| recital archive after recital gc + mdb_copy -c | $gcb | $(mb "$gcb") | $(div "$raw" "$gcb") | $(div "$gcb" "$pack")x | $gcs |"
  emit "| git pack after gc --aggressive | $pack | $(mb "$pack") | $(div "$raw" "$pack") | 1x | ${GIT_COMMIT_S[$size]} add+commit, ${GIT_GC_S[$size]} gc (${GIT_GC_CPU[$size]} CPU) |"
  emit "| tar \\| zstd -19 --long -T2 | $tz | $(mb "$tz") | $(div "$raw" "$tz") | $(div "$tz" "$pack")x | $tzs |"
  emit ""
}

# ---- diff -------------------------------------------------------------------------------
# time_loop OUTFILE CMD...: runs CMD (with {OLD} {NEW} {SYM} {FILE} {KEY} {COMMIT} {WORD}
# substituted from the rows in $work/rows.tsv, cycled) $loop_n times, or fewer once
# $loop_budget_s seconds have passed; one microsecond latency per line in OUTFILE. L_errors
# counts exit codes >= 2 (0 and 1 are answers), L_runs the runs made.
time_loop() {
  local outf=$1; shift
  local -a rows cmd
  local i=0 n t0 t1 rc row f start=${EPOCHREALTIME/./}
  mapfile -t rows <"$work/rows.tsv"
  n=${#rows[@]}
  : >"$outf"
  L_errors=0
  [ "$n" -eq 0 ] && return
  while [ "$i" -lt "$loop_n" ]; do
    row=${rows[i % n]}
    IFS=$'\x1f' read -r -a f <<<"${row//$'\t'/$'\x1f'}"  # tab is IFS whitespace: empties would merge
    cmd=("${@//\{FILE\}/$rel/${f[0]}}")
    cmd=("${cmd[@]//\{OLD\}/$rel/${f[3]}}")
    cmd=("${cmd[@]//\{NEW\}/$rel/${f[0]}}")
    cmd=("${cmd[@]//\{SYM\}/${f[2]}}")
    cmd=("${cmd[@]//\{KEY\}/${f[4]}}")
    cmd=("${cmd[@]//\{COMMIT\}/${f[5]:-HEAD}}")
    cmd=("${cmd[@]//\{WORD\}/${f[6]:-resolution}}")
    cmd=("${cmd[@]//\{PHRASE\}/${f[7]:-General Assembly}}")
    t0=${EPOCHREALTIME/./}
    "${cmd[@]}" >/dev/null 2>"$work/loop.err"
    rc=$?
    t1=${EPOCHREALTIME/./}
    echo $(( t1 - t0 )) >>"$outf"
    if [ "$rc" -ge 2 ]; then
      L_errors=$(( L_errors + 1 ))
      [ "$L_errors" = 1 ] && cp "$work/loop.err" "$work/first-error.log" && printf '%s ' "${cmd[@]}" >>"$work/first-error.log"
    fi
    i=$(( i + 1 ))
    # Slow commands stop after the time budget (at least loop_min runs); L_runs says how many.
    [ "$i" -ge "${loop_min:-5}" ] && [ $(( t1 - start )) -gt $(( loop_budget_s * 1000000 )) ] && break
  done
  L_runs=$i
}
sum_s() { awk '{s += $1} END {printf "%.3f", s / 1e6}' "$1"; }

workload_diff() {
  local size=$1 c=$2 rs gs rp gp
  rel=$c/releases
  emit "### diff"
  emit ""
  if ! has_command diff; then skip "recital diff is not in this build"; return; fi
  sample_rows "$c" "$pairs" 1 >"$work/rows.tsv"
  loop_n=$(wc -l <"$work/rows.tsv")
  loop_budget_s=100000
  time_loop "$work/diff-recital.us" "$RECITAL" diff {OLD} {NEW}
  [ "$L_errors" -gt 0 ] && fail "recital diff failed on $L_errors of $loop_n pairs: $(head -c 300 "$work/first-error.log")"
  time_loop "$work/diff-git.us" git diff --no-index --word-diff {OLD} {NEW}
  [ "$L_errors" -gt 0 ] && fail "git diff failed on $L_errors pairs"
  rs=$(sum_s "$work/diff-recital.us") gs=$(sum_s "$work/diff-git.us")
  read -r rp _ <<<"$(latencies "$work/diff-recital.us")"
  read -r gp _ <<<"$(latencies "$work/diff-git.us")"
  G[diff-$size]=$(div "$rs" "$gs")
  emit "| successive pairs ($loop_n, random, seed $seed) | wall s | pairs/s | p50 ms per pair | time vs git |"
  emit "|---|---|---|---|---|"
  emit "| recital diff OLD NEW (process) | $rs | $(div "$loop_n" "$rs" %.1f) | $rp | **${G[diff-$size]}x** |"
  emit "| git diff --no-index --word-diff (process) | $gs | $(div "$loop_n" "$gs" %.1f) | $gp | 1x |"
  micro_inprocess
  emit ""
}
# In-process pairs/s: the microbench's pairing/diff benchmarks (bench/diff_bench.cc), if built.
micro_inprocess() {
  [ -n "$micro" ] || { emit "| in-process | skipped: recital_microbench not built | | | |"; return; }
  if [ -z "${MICRO_DIFF:-}" ]; then
    "$micro" --benchmark_filter='Pair' --benchmark_min_time="$(micro_min_time)" \
      --benchmark_format=json 2>/dev/null | micro_rows >"$work/micro-diff.csv"
    MICRO_DIFF=1
  fi
  if [ ! -s "$work/micro-diff.csv" ]; then emit "| in-process | skipped: no *Pair* benchmark in recital_microbench | | | |"; return; fi
  while IFS=, read -r name cpu unit bps ips; do
    emit "| in-process: $name (recital_microbench) | | ${ips:+$(fmt "$ips" %.1f)} | $(fmt "$cpu" %.0f) $unit CPU per iteration | |"
  done <"$work/micro-diff.csv"
}
micro_min_time() { [ "$smoke" = 1 ] && echo 0.01 || echo 0.3; }
# Google Benchmark CSV -> name,cpu_time,unit,bytes_per_second,items_per_second (rows only).
# Google Benchmark JSON (one key per line) -> name,cpu_time,unit,bytes_per_second,items_per_second
# (CSV output aborts when benchmarks have different counters).
micro_rows() {
  awk -F': ' '
    function val(s) { sub(/,$/, "", s); gsub(/"/, "", s); return s }
    function flush() { if (name != "" && !err) print name "," cpu "," unit "," bps "," ips; name = "" }
    /^ *"benchmarks"/ { inb = 1 }
    inb && /^ *"name":/ { flush(); name = val($2); cpu = unit = bps = ips = ""; err = 0 }
    inb && /^ *"cpu_time":/ { cpu = val($2) }
    inb && /^ *"time_unit":/ { unit = val($2) }
    inb && /^ *"bytes_per_second":/ { bps = val($2) }
    inb && /^ *"items_per_second":/ { ips = val($2) }
    inb && /^ *"error_occurred": true/ { err = 1 }
    END { flush() }'
}

# ---- queries ----------------------------------------------------------------------------
workload_queries() {
  local size=$1 c=$2 a=$work/archive-$1-t2 g=$work/git-$1 n cmd rp r99 gp g99 ratio
  rel=$c/releases
  emit "### queries"
  emit ""
  # git's side is the packed repository (git gc --aggressive), as the size workload leaves it
  # and as git gc leaves a user's: loose objects made git grep twice as slow, blame a third.
  ensure_ingest "$size" "$c" 2 && ensure_git "$size" "$c" && ensure_git_all "$size" "$c" || return
  local ga=$work/git-$size-all
  n=$(( runs < size ? runs : size ))
  # rows: meta + commit of the release's session + a word (7+ letters) from the release + a
  # rare phrase of the release: of its runs of four words on one line (as grep -o finds them),
  # the one whose rarest word is rarest in the whole corpus (word counts: $work/word-counts-SIZE.tsv).
  if [ ! -s "$work/word-counts-$size.tsv" ]; then
    find "$rel" -type f -print0 | xargs -0 cat | LC_ALL=C awk '{ n = split(tolower($0), w, /[^a-z]+/); for (i = 1; i <= n; i++) if (w[i] != "") c[w[i]]++ } END { for (k in c) print k "\t" c[k] }' >"$work/word-counts-$size.tsv"
  fi
  sample_rows "$c" "$n" 0 |
    awk -F'\t' -v OFS='\t' 'NR == FNR {commit[$1] = $2; next} {print $0, commit[$2]}' "$g/sessions.tsv" - |
    while IFS= read -r line; do
      f=${line%%$'\t'*}
      w=$(grep -o -E '[A-Za-z]{7,}' "$rel/$f" | awk -v s="$seed" 'BEGIN{srand(s)} {w[NR] = $0} END {print w[int(rand() * NR) + 1]}')
      p=$(grep -o -E '[A-Za-z]+ [A-Za-z]+ [A-Za-z]+ [A-Za-z]+' "$rel/$f" | LC_ALL=C awk -F'\t' 'NR == FNR {c[$1] = $2; next}
        { n = split(tolower($0), w, " "); m = -1; for (i = 1; i <= n; i++) if (m < 0 || c[w[i]] < m) m = c[w[i]]; if (best == "" || m < bm) { best = $0; bm = m } }
        END { print best }' "$work/word-counts-$size.tsv" -)
      printf '%s\t%s\t%s\n' "$line" "${w:-resolution}" "${p:-General Assembly}"
    done >"$work/rows.tsv"
  # Above 1,000 releases: a quarter of the runs (at least 20), 10 s and at least 2 runs per
  # command (grep of a common word takes seconds there), so 20,000 fits the time budget.
  loop_n=$runs loop_min=5 loop_budget_s=$(( smoke ? 5 : 30 ))
  if [ "$size" -gt 1000 ]; then
    loop_n=$(( runs / 4 > 20 ? runs / 4 : 20 )) loop_min=2 loop_budget_s=10
  fi
  inprocess_queries "$a"
  emit "| command (random symbols, seed $seed; up to $loop_n runs or ${loop_budget_s} s) | runs | recital p50 ms | p99 ms | in-process runs | in-process p50 ms | p99 ms | git equivalent | git p50 ms | p99 ms | process p50 vs git |"
  emit "|---|---|---|---|---|---|---|---|---|---|---|"
  query_row "process start (--version)" "git --version" -- "$RECITAL" --version -- git --version
  query_row show "git show COMMIT:series/KEY" -- "$RECITAL" show --archive "$a" {SYM} -- git --git-dir="$g" show {COMMIT}:series/{KEY}
  query_row cat "git cat-file blob COMMIT:series/KEY" -- "$RECITAL" cat --archive "$a" {SYM} -- git --git-dir="$g" cat-file blob {COMMIT}:series/{KEY}
  query_row log "git log --oneline -- series/KEY" -- "$RECITAL" log --archive "$a" {SYM} -- git --git-dir="$g" log --oneline HEAD -- series/{KEY}
  query_row blame "git blame COMMIT -- series/KEY" -- "$RECITAL" blame --archive "$a" {SYM} -- git --git-dir="$g" blame {COMMIT} -- series/{KEY}
  # Issue 17: listing every series (read from the stored index, format 6).
  query_row series "git ls-tree --name-only HEAD series/" -- "$RECITAL" series --archive "$a" -- git --git-dir="$g" ls-tree --name-only HEAD series/
  # grep: git searches the same texts as recital, every release in one commit (ensure_git_all);
  # before 2026-12-07 it searched the series history's HEAD, the newest text of each series only.
  query_row grep "git grep -l -w WORD (every release)" -- "$RECITAL" grep --archive "$a" {WORD} -- git --git-dir="$ga" grep -l -w {WORD} HEAD
  query_row "grep phrase" "git grep -l -w -F PHRASE (every release)" -- "$RECITAL" grep --archive "$a" {PHRASE} -- git --git-dir="$ga" grep -l -w -F {PHRASE} HEAD
  # `recital grep -l`: the same question as git grep -l (which documents hold it), same rows.
  query_row "grep -l, common word" "git grep -l -w WORD (every release)" -- "$RECITAL" grep -l --archive "$a" {WORD} -- git --git-dir="$ga" grep -l -w {WORD} HEAD
  query_row "grep -l, rare phrase" "git grep -l -w -F PHRASE (every release)" -- "$RECITAL" grep -l --archive "$a" {PHRASE} -- git --git-dir="$ga" grep -l -w -F {PHRASE} HEAD
  emit ""
  emit "In process: recital_querybench (bench/querybench.cc), one process per query, opens the archive once$([ -n "${QB_open:-}" ] && echo " (${QB_open} ms)"), keeps it open (as \`recital serve\` does) and computes each query from scratch as the command does, its decoded objects dropped before every run (log, blame and show computed and rendered to JSON by the same history/ and render/ calls as the commands; grep and grep phrase by history::Grep, not rendered; grep -l by history::GrepDocuments, rendered), without process start."
  emit ""
}
# In-process latencies of the same rows: QB_p50[query], QB_p99[query], QB_runs[query].
declare -A QB_p50=() QB_p99=() QB_runs=()
inprocess_queries() {
  local a=$1 name runs p50 p99 _
  QB_p50=() QB_p99=() QB_runs=() QB_open=""
  [ -n "$querybench" ] || return 0
  # A querybench without grep-phrase (an older build) reads "SYMBOL<TAB>WORD" only.
  local queries=show,cat,log,blame,grep
  if { "$querybench" --help 2>&1 || true; } | grep -q grep-phrase; then
    cut -f3,7,8 "$work/rows.tsv" >"$work/rows-qb.tsv"
    queries=show,cat,log,blame,grep,grep-phrase,grep-l,grep-l-phrase
  else
    cut -f3,7 "$work/rows.tsv" >"$work/rows-qb.tsv"
  fi
  # One process per query: the archive stays open across one query's runs (its decoded objects
  # dropped before each), and no query runs on pages an earlier query mapped for the same rows.
  : >"$work/querybench.tsv"
  : >"$work/querybench.err"
  local q
  for q in ${queries//,/ }; do
    if ! "$querybench" "$a" --rows "$work/rows-qb.tsv" --runs "$loop_n" --min-runs "$loop_min" \
         --budget-s "$loop_budget_s" --queries "$q" >>"$work/querybench.tsv" \
         2>>"$work/querybench.err"; then
      fail "recital_querybench $q failed: $(tail -n 2 "$work/querybench.err")"
    fi
  done
  while IFS=$'\t' read -r name runs p50 p99 _; do
    [ "$name" = query ] && continue
    if [ "$name" = open ]; then QB_open=$p50; continue; fi
    QB_runs[$name]=$runs QB_p50[$name]=$(fmt "$p50") QB_p99[$name]=$(fmt "$p99")
  done <"$work/querybench.tsv"
}
# query_row NAME GITLABEL -- RECITAL-CMD... -- GIT-CMD...
query_row() {
  local name=$1 glabel=$2 sub=$1; shift 3
  local -a rc=() gc=()
  while [ "$1" != -- ]; do rc+=("$1"); shift; done
  shift
  gc=("$@")
  [ "$name" = "process start (--version)" ] && sub=""
  [ "$name" = "grep phrase" ] && sub=grep-phrase
  [ "$name" = "grep -l, common word" ] && sub=grep-l
  [ "$name" = "grep -l, rare phrase" ] && sub=grep-l-phrase
  if [ -n "$sub" ] && ! has_command "${sub%%-*}"; then
    emit "| $name | skipped: recital $sub is not in this build | | | | | | | | | |"
    return
  fi
  if [ "${sub#grep-l}" != "$sub" ] && ! has_grep_l; then
    emit "| $name | skipped: recital grep -l is not in this build | | | | | | | | | |"
    return
  fi
  time_loop "$work/q-recital.us" "${rc[@]}"
  local nrun=$L_runs
  if [ "$L_errors" -gt 0 ]; then fail "recital $name failed on $L_errors of $loop_n runs: $(head -c 300 "$work/first-error.log")"; fi
  read -r rp r99 <<<"$(latencies "$work/q-recital.us")"
  time_loop "$work/q-git.us" "${gc[@]}"
  local gerr=$L_errors
  read -r gp g99 <<<"$(latencies "$work/q-git.us")"
  local ip="" i99="" iruns=""
  if [ -n "$sub" ]; then
    G[$sub-$size]=$rp G[$sub-vsgit-$size]=$(div "$rp" "$gp")
    ip=${QB_p50[$sub]:-} i99=${QB_p99[$sub]:-} iruns=${QB_runs[$sub]:-}
    [ -n "$ip" ] && G[$sub-inproc-$size]=$ip
  fi
  emit "| $name | $nrun | **$rp** | $r99 | $iruns | ${ip:+**$ip**} | $i99 | \`$glabel\`$([ "$gerr" -gt 0 ] && echo " ($gerr errors)") | $gp | $g99 | $(div "$rp" "$gp")x |"
}

# ---- micro ------------------------------------------------------------------------------
workload_micro() {
  local fam missing=""
  emit "## micro-benchmarks (recital_microbench)"
  emit ""
  if [ -z "$micro" ]; then skip "recital_microbench is not built (no bench/*_bench.cc, or RECITAL_BUILD_BENCH=OFF)"; return; fi
  "$micro" --benchmark_min_time="$(micro_min_time)" --benchmark_format=json 2>"$work/micro.err" |
    micro_rows >"$work/micro.csv"
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then fail "recital_microbench failed: $(tail -n 3 "$work/micro.err")"; fi
  emit "| benchmark | CPU time per iteration | MB/s | items/s |"
  emit "|---|---|---|---|"
  while IFS=, read -r name cpu unit bps ips; do
    emit "| $name | $(fmt "$cpu" %.0f) $unit | $([ -n "$bps" ] && div "$bps" 1e6 %.1f) | $([ -n "$ips" ] && fmt "$ips" %.0f) |"
  done <"$work/micro.csv"
  for fam in Parse Hash Compress Pair 'WordDiff|DiffWord'; do
    grep -qE "^BM_[A-Za-z]*($fam)" "$work/micro.csv" || missing="$missing BM_*${fam%%|*}*"
  done
  emit ""
  [ -n "$missing" ] && emit "Not (yet) in recital_microbench:$missing." && emit ""
}

# ---- goals ------------------------------------------------------------------------------
verdict() {  # verdict VALUE LIMIT [le|lt] -> met / MISSED by x
  awk -v v="$1" -v l="$2" -v op="${3:-le}" 'BEGIN{
    if (v == "" || v == "n/a") { print "not measured"; exit }
    ok = (op == "lt") ? (v < l) : (v <= l)
    if (ok) print "met"; else printf "**MISSED** by %.1fx\n", v / l }'
}
goals_section() {
  local s lo=0 hi=0 r rss_sizes=0
  emit "## goals"
  emit ""
  emit "| goal | size | measured | verdict |"
  emit "|---|---|---|---|"
  for s in ${sizes//,/ }; do
    [ -n "${G[ingest-$s]:-}" ] && emit "| ingest within 3x the time of zstd -3 | $s | ${G[ingest-$s]}x | $(verdict "${G[ingest-$s]}" 3) |"
    [ -n "${G[size-$s]:-}" ] && emit "| archive (mdb_copy -c) no larger than git's aggressive pack | $s | ${G[size-$s]}x | $(verdict "${G[size-$s]}" 1) |"
    [ -n "${G[diff-$s]:-}" ] && emit "| recital diff faster than git diff --word-diff per pair | $s | ${G[diff-$s]}x git's time | $(verdict "${G[diff-$s]}" 1 lt) |"
    for q in show blame; do
      [ -n "${G[$q-$s]:-}" ] && emit "| $q p50 under 1 ms (goal at 20,000), per process (start included) | $s | ${G[$q-$s]} ms | $(verdict "${G[$q-$s]}" 1 lt) |"
      [ -n "${G[$q-inproc-$s]:-}" ] && emit "| $q p50 under 1 ms (goal at 20,000), in process (archive open) | $s | ${G[$q-inproc-$s]} ms | $(verdict "${G[$q-inproc-$s]}" 1 lt) |"
    done
    # Issue 17: log and blame under 1 ms in process and no slower than git per process; the
    # series listing under 50 ms (the goal is at 100,000).
    [ -n "${G[log-inproc-$s]:-}" ] && emit "| log p50 under 1 ms, in process (archive open) | $s | ${G[log-inproc-$s]} ms | $(verdict "${G[log-inproc-$s]}" 1 lt) |"
    for q in log blame; do
      [ -n "${G[$q-vsgit-$s]:-}" ] && emit "| $q p50 per process no slower than git $q | $s | ${G[$q-vsgit-$s]}x git's time | $(verdict "${G[$q-vsgit-$s]}" 1) |"
    done
    [ -n "${G[series-$s]:-}" ] && emit "| series listing p50 under 50 ms (goal at 100,000), per process | $s | ${G[series-$s]} ms | $(verdict "${G[series-$s]}" 50) |"
    for q in grep grep-phrase grep-l grep-l-phrase; do  # issue 17: a common word, a rare phrase
      local label
      case $q in grep) label=grep ;; grep-phrase) label="grep phrase" ;; grep-l) label="grep -l, common word" ;; *) label="grep -l, rare phrase" ;; esac
      [ -n "${G[$q-vsgit-$s]:-}" ] && emit "| $label p50 per process no slower than git grep -w -l | $s | ${G[$q-vsgit-$s]}x git's time | $(verdict "${G[$q-vsgit-$s]}" 1) |"
    done
    if [ -n "${G[rss-$s]:-}" ]; then
      r=${G[rss-$s]}
      emit "| ingest peak RSS under 100 MB | $s | $r MB | $(verdict "$r" 100 lt) |"
      if [ "$lo" = 0 ] || [ "$r" -lt "$lo" ]; then lo=$r; fi
      [ "$r" -gt "$hi" ] && hi=$r
      rss_sizes=$(( ${rss_sizes:-0} + 1 ))
    fi
  done
  # Flatness needs two sizes in the same run (one size alone would always read "met").
  [ "$lo" -gt 0 ] && [ "${rss_sizes:-0}" -ge 2 ] && emit "| ingest peak RSS flat across sizes (max/min at most 1.25) | all | $(div "$hi" "$lo")x | $(verdict "$(div "$hi" "$lo")" 1.25) |"
  emit ""
}

# The wall time of every workload (bench/run collects budget_rows); the goal of issue 8 is the
# default run (1,000 and 20,000 releases, all workloads) within 15 minutes on 2 cores.
time_budget_section() {
  local row
  emit "## time budget"
  emit ""
  emit "| size | workload | wall s |"
  emit "|---|---|---|"
  for row in "${budget_rows[@]}"; do emit "$row"; done
  emit "| all | total (build excluded) | **$(( SECONDS - run_start ))** |"
  emit ""
}

# splice_results REPORT OUT: replaces the part of OUT between the markers with REPORT (the rest
# of OUT, the hand-written analysis, is kept); creates OUT when missing.
splice_results() {
  local rpt=$1 dst=$2 b='<!-- bench/run: begin -->' e='<!-- bench/run: end -->'
  if [ -f "$dst" ] && grep -qF "$b" "$dst" && grep -qF "$e" "$dst"; then
    awk -v b="$b" -v e="$e" -v r="$rpt" '
      $0 == b { print; while ((getline l < r) > 0) print l; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }' "$dst" >"$dst.tmp" && mv "$dst.tmp" "$dst"
  else
    { echo "# Benchmark results"; echo ""; echo "$b"; cat "$rpt"; echo "$e"; } >"$dst"
  fi
}
