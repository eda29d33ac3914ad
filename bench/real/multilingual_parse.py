#!/usr/bin/env python3
"""Counts the files of ../shared/corpus/multilingual that a `recital` binary parses correctly.

    bench/real/multilingual_parse.py BINARY [CORPUS_DIR] [--list]

A file counts as parsed correctly when `recital parse FILE --format json` succeeds, its
`language` is the one SOURCES.tsv gives, it has at least one paragraph, and its `symbol`, when
it found one, is SOURCES.tsv's. Prints the count per language and in all (--list: one line per
file with what failed).
"""
import json
import os
import subprocess
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args[0])
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = args[1] if len(args) > 1 else os.path.join(here, "..", "..", "..", "shared", "corpus", "multilingual")
    rows = []
    with open(os.path.join(corpus, "SOURCES.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 3:
                rows.append((cells[0], cells[1], cells[2]))
    ok, total = {}, {}
    for file, symbol, lang in rows:
        total[lang] = total.get(lang, 0) + 1
        p = subprocess.run([binary, "parse", file, "--format", "json"], cwd=corpus, capture_output=True, text=True)
        why = ""
        if p.returncode != 0 or not p.stdout.strip():
            why = "refused: " + p.stderr.strip()[:120]
        else:
            r = json.loads(p.stdout)
            if r.get("language") != lang:
                why = "language %r, not %r" % (r.get("language"), lang)
            elif not (r.get("preamble") or r.get("operative")):
                why = "no paragraphs"
            elif r.get("symbol") and r["symbol"] != symbol:
                why = "symbol %r, not %r" % (r["symbol"], symbol)
        if not why:
            ok[lang] = ok.get(lang, 0) + 1
        if "--list" in sys.argv:
            print("%-55s %s" % (file, why or "ok"))
    for lang in sorted(total):
        print("%s %d/%d" % (lang, ok.get(lang, 0), total[lang]))
    print("all %d/%d" % (sum(ok.values()), sum(total.values())))


if __name__ == "__main__":
    main()
