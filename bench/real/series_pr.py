#!/usr/bin/env python3
"""Pairwise precision/recall of `recital series --json` against SOURCES.tsv's series column.
usage: bench/real/series_pr.py RECITAL_BINARY [CORPUS_DIR] [--pdf]   (ingests the corpus into a temp archive)"""
import json, os, subprocess, sys, tempfile, itertools
binary = sys.argv[1]
corpus = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith('--') else os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/corpus')
pdf = '--pdf' in sys.argv
src = os.path.join(corpus, 'pdf' if pdf else '', 'SOURCES.tsv')
rows = [l.rstrip('\n').split('\t') for l in open(src)]
hdr = rows[0]; rows = rows[1:]
fi, si, seri = hdr.index('file'), hdr.index('symbol'), hdr.index('series')
truth = {}
files = []
for r in rows:
    f = os.path.join(os.path.dirname(src), r[fi])
    if not os.path.exists(f): continue
    files.append(f)
    if r[seri]: truth[r[si]] = r[seri]
with tempfile.TemporaryDirectory() as d:
    a = os.path.join(d, 'a')
    subprocess.run([binary, 'ingest', '--archive', a] + files, capture_output=True)
    out = subprocess.run([binary, 'series', '--archive', a, '--json'], capture_output=True, text=True)
    series = json.loads(out.stdout)
pred = {}
for s in series:
    for sym in s['symbols']: pred[sym] = s['key']
syms = sorted(set(truth) & set(pred))
missing = sorted(set(truth) - set(pred))
tp = fp = fn = 0
fps, fns = [], []
for x, y in itertools.combinations(syms, 2):
    t = truth[x] == truth[y]; p = pred[x] == pred[y]
    if t and p: tp += 1
    elif p: fp += 1; fps.append((x, y))
    elif t: fn += 1; fns.append((x, y))
prec = tp / (tp + fp) if tp + fp else 1.0
rec = tp / (tp + fn) if tp + fn else 1.0
if '-v' in sys.argv:
    for x, y in fps: print('FP', x, truth[x], '|', y, truth[y])
    for x, y in fns: print('FN', x, '|', y, truth[x])
print(f"symbols {len(syms)} (not archived: {len(missing)}); pairs tp {tp} fp {fp} fn {fn}; precision {prec:.3f} recall {rec:.3f}")
