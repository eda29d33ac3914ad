#!/usr/bin/env bash
# bench/pdf_bench.sh — PDF releases, each figure beside the tool a user would otherwise use:
#   parse    `recital parse` of every PDF, one process per file and all in one process,
#            vs `pdftotext -layout` (poppler-utils) one process per file: pages/s and MB/s;
#            in process: BM_PdfParse / BM_PdfExtract / BM_PdfLayout (recital_microbench)
#   ingest   `recital ingest` of the PDFs (2 threads): files/s and MB/s
#   size     the archive after `recital gc` (data.mdb) and `recital stats`, vs the raw bytes
#            and tar | zstd -19 --long
#   startup  task-clock of `recital show SYMBOL` (perf stat -r 40), the command that reads no
#            PDF: what linking the PDF reader costs every other command
#
#   bench/pdf_bench.sh [--out FILE] [--pdfs DIR]      (default: print the report)
# Environment: BENCH_BUILD_DIR (default build; needs recital and recital_microbench built).
# Timings never fail the run; exit 1 only when a step errors.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD_DIR:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
pdfs=$root/../shared/corpus/pdf
out=""
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?}; shift 2 ;;
    --pdfs) pdfs=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "pdf_bench: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
recital=$build/cli/recital
micro=$build/bench/recital_microbench
[ -x "$recital" ] || { echo "pdf_bench: no $recital (build it first)" >&2; exit 2; }
files=("$pdfs"/*.pdf)
[ -e "${files[0]}" ] || { echo "pdf_bench: no PDFs in $pdfs" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }

n=${#files[@]}
bytes=$(cat "${files[@]}" | wc -c)
mb=$(python3 -c "print(f'{$bytes / 1e6:.1f}')")
pages=0
if command -v pdfinfo >/dev/null; then
  for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'))); done
fi

report() { printf '%s\n' "$*" >>"$work/report.md"; }
report "# PDF releases: $n files, $pages pages, $mb MB ($(date -u +%Y-%m-%d), $(nproc) cores)"
report ""
report "Command: \`bench/pdf_bench.sh\` ($(git -C "$root" rev-parse --short HEAD 2>/dev/null))."
report ""
report "| step | time (s) | pages/s | MB/s | vs pdftotext |"
report "|---|---|---|---|---|"

t_pdftotext=""
if command -v pdftotext >/dev/null; then
  t0=$(now)
  for f in "${files[@]}"; do pdftotext -layout "$f" "$work/out.txt" 2>/dev/null || true; done
  t_pdftotext=$(secs "$t0" "$(now)")
  report "| pdftotext -layout, a process per file | $t_pdftotext | $(ratio "$pages" "$t_pdftotext") | $(ratio "$mb" "$t_pdftotext") | 1.0 |"
fi
t0=$(now)
for f in "${files[@]}"; do "$recital" parse "$f" >/dev/null 2>&1 || status=1; done
t_each=$(secs "$t0" "$(now)")
vs=""; [ -n "$t_pdftotext" ] && vs=$(ratio "$t_pdftotext" "$t_each")
report "| recital parse, a process per file | $t_each | $(ratio "$pages" "$t_each") | $(ratio "$mb" "$t_each") | $vs |"
t0=$(now)
"$recital" parse "${files[@]}" --format json >/dev/null 2>&1 || status=1
t_all=$(secs "$t0" "$(now)")
vs=""; [ -n "$t_pdftotext" ] && vs=$(ratio "$t_pdftotext" "$t_all")
report "| recital parse, all in one process (JSON) | $t_all | $(ratio "$pages" "$t_all") | $(ratio "$mb" "$t_all") | $vs |"
t0=$(now)
"$recital" ingest --archive "$work/archive" "${files[@]}" >"$work/ingest.txt" 2>&1 || status=1
t_ingest=$(secs "$t0" "$(now)")
report "| recital ingest (2 threads) | $t_ingest | $(ratio "$pages" "$t_ingest") | $(ratio "$mb" "$t_ingest") | |"
report ""
report "\`recital ingest\`: $(grep -o '[0-9]* files:.*' "$work/ingest.txt" | head -1)"

if [ -x "$micro" ]; then
  "$micro" --benchmark_filter='BM_Pdf' --benchmark_min_time=2 >"$work/micro.txt" 2>&1 || status=1
  report ""
  report "In process (recital_microbench, one file per iteration in turn; items/s = pages/s):"
  report ""
  report '```'
  grep -E '^BM_Pdf' "$work/micro.txt" >>"$work/report.md"
  report '```'
fi

"$recital" gc --archive "$work/archive" >/dev/null 2>&1 || status=1
stats=$("$recital" stats --archive "$work/archive" 2>&1)
mdb=$(stat -c %s "$work/archive/data.mdb" 2>/dev/null || echo 0)
tarzst=$(tar -C "$pdfs" -cf - $(cd "$pdfs" && ls *.pdf) | zstd -19 --long -T1 -q -c | wc -c)
report ""
report "## Archive size of the $n PDFs"
report ""
report "| form | bytes | vs raw |"
report "|---|---|---|"
report "| raw PDFs | $bytes | 1.00 |"
report "| tar \\| zstd -19 --long | $tarzst | $(python3 -c "print(f'{$tarzst / $bytes:.3f}')") |"
report "| recital archive after gc (data.mdb) | $mdb | $(python3 -c "print(f'{$mdb / $bytes:.3f}')") |"
report ""
report '```'
printf '%s\n' "$stats" >>"$work/report.md"
report '```'

if command -v perf >/dev/null; then
  sym=$("$recital" ls --archive "$work/archive" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["symbol"])')
  clock=$(perf stat -r 40 -e task-clock "$recital" show --archive "$work/archive" "$sym" 2>&1 >/dev/null |
          awk '/task-clock/ {print $1}')
  report ""
  report "Start-up: \`perf stat -r 40 -e task-clock recital show $sym\`: $clock ms task-clock"
  report "(this command reads no PDF: the PDF reader module is not loaded)."
fi

if [ -n "$out" ]; then cp "$work/report.md" "$out"; else cat "$work/report.md"; fi
exit $status
