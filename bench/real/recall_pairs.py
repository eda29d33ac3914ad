#!/usr/bin/env python3
"""Consecutive corpus series pairs whose recall paragraph changed only in symbols and dates.
Truth by an independent regex (not the diff's own detector). For each such paragraph pair,
report whether `recital diff --format json` pairs them (and flags technical).
usage: bench/real/recall_pairs.py RECITAL_BINARY [CORPUS] [--pdf]"""
import json, re, subprocess, sys, itertools, os
binary = sys.argv[1]
pdf = '--pdf' in sys.argv
sys.argv = [a for a in sys.argv if a != '--pdf']
corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/corpus')
if pdf: corpus = os.path.join(corpus, 'pdf')
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(corpus, 'SOURCES.tsv'))]
hdr, rows = rows[0], rows[1:]
fi, si, seri, sei = hdr.index('file'), hdr.index('symbol'), hdr.index('series'), hdr.index('session')
series = {}
for r in rows:
    if not r[sei].isdigit(): continue
    f, sym, ser, sess = r[fi], r[si], r[seri], int(r[sei])
    if ser and os.path.exists(os.path.join(corpus, f)):
        series.setdefault(ser, []).append((sess, f))
MONTH = r'(?:January|February|March|April|May|June|July|August|September|October|November|December)'
SYM = r'(?:A/RES/)?\d+/\d+|\d+\s*\([IVXLC]+\)'
DATE = r'(?:\d{1,2}\s+)?' + MONTH + r'(?:\s+\d{4})?|\b(?:19|20)\d\d\b'
TECH = r'(?:' + SYM + '|' + DATE + ')'
LIST = TECH + r'(?:(?:\s*,\s*|\s+and\s+|\s+of\s+|\s*-\s*)' + TECH + r')*'
def key(t):
    t = re.sub(r'[\u2018\u2019]', "'", t)
    t = re.sub(LIST, '#', t)
    t = re.sub(r'\b(resolution|decision)s(\s+#)', r'\1\2', t)
    return ' '.join(t.split())
cache = {}
def parse(f):
    if f not in cache:
        out = subprocess.run([binary, 'parse', os.path.join(corpus, f), '--format', 'json'], capture_output=True, text=True)
        cache[f] = json.loads(out.stdout) if out.returncode == 0 else None
    return cache[f]
def paras(rec):
    out = []
    for sec in ('preamble', 'operative'):
        for i, p in enumerate(rec.get(sec) or []):
            full = p['text'] + ''.join(' ' + (s['number'] + ' ' if s['number'] else '') + s['text'] for s in p.get('subparagraphs') or [])
            out.append((sec, i, full))
    return out
total = paired = technical = 0
for ser, members in sorted(series.items()):
    members.sort()
    sessions = sorted(set(s for s, _ in members))
    for s1, s2 in zip(sessions, sessions[1:]):
        for (_, fa), (_, fb) in itertools.product([m for m in members if m[0] == s1], [m for m in members if m[0] == s2]):
            ra, rb = parse(fa), parse(fb)
            if not ra or not rb: continue
            cands = []
            texts_a = set(t for (_, _, t) in paras(ra)); texts_b = set(t for (_, _, t) in paras(rb))
            for (sa, ia, ta) in paras(ra):
                if ta in texts_b: continue  # still there word for word: not rolled over
                if not re.match(r'(Recalling|Reaffirming|Bearing in mind|Taking note)', ta): continue
                for (sb, ib, tb) in paras(rb):
                    if tb in texts_a: continue
                    if ta != tb and key(ta) == key(tb) and re.search(SYM, ta) and re.search(SYM, tb):
                        cands.append((sa, ia, sb, ib))
            if not cands: continue
            d = subprocess.run([binary, 'diff', os.path.join(corpus, fa), os.path.join(corpus, fb), '--format', 'json', '--all'], capture_output=True, text=True)
            dj = json.loads(d.stdout)
            for (sa, ia, sb, ib) in cands:
                total += 1
                hit = None
                for c in dj['changes']:
                    lst = lambda v: [] if v is None else (v if isinstance(v, list) else [v])
                    fr = [(x['section'], x['index']) for x in lst(c.get('from'))]
                    to = [(x['section'], x['index']) for x in lst(c.get('to'))]
                    if (sa, ia) in fr and (sb, ib) in to: hit = c
                ok = hit is not None
                paired += ok
                technical += bool(hit and hit.get('technical'))
                print(f"{'PAIRED' if ok else 'split '} {'T' if hit and hit.get('technical') else '-'} {fa} {sa}[{ia}] -> {fb} {sb}[{ib}]")
print(f"recall paragraphs changed only in symbols/dates: {total}; paired {paired}; marked technical {technical}")
