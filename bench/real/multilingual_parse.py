#!/usr/bin/env python3
"""Counts the files of ../shared/corpus/multilingual that a `recital` binary parses correctly.

    bench/real/multilingual_parse.py BINARY [CORPUS_DIR] [--list] [--fields]

A file counts as parsed correctly when `recital parse FILE --format json` succeeds, its
`language` is the one SOURCES.tsv gives, it has at least one paragraph, and its `symbol`, when
it found one, is SOURCES.tsv's. Prints the count per language and in all (--list: one line per
file with what failed).

--fields: a table per language of field-by-field accuracy. symbol and language are checked
against SOURCES.tsv for every file, session against the session its symbol names (none for
emergency sessions and committee documents); adoption date, title and the paragraph counts
against multilingual_truth.tsv beside this script (read by hand; '?' = not checked, so each
cell says right/checked).
"""
import hashlib
import json
import os
import re
import unicodedata
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
    if "--fields" in sys.argv:
        return fields(binary, corpus, rows, here)
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


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(text):
    total = 0
    for i, c in enumerate(text):
        v = ROMAN[c]
        total += -v if i + 1 < len(text) and ROMAN[text[i + 1]] > v else v
    return total


def session_of(symbol):
    """The regular session a symbol names: A/RES/52/48, A/68/L.39, A/C.2/74/L.76 -> 52, 68, 74;
    A/RES/3190 (XXVIII) -> 28; emergency sessions and committee documents -> None."""
    m = re.match(r"A/RES/\d+ ?\(([IVXLC]+)\)$", symbol)
    if m:
        return roman(m.group(1))
    m = re.match(r"A/(?:RES/|C\.\d/)?(\d+)/", symbol)
    return int(m.group(1)) if m else None


def fields(binary, corpus, rows, here):
    truth = {}
    with open(os.path.join(here, "multilingual_truth.tsv"), encoding="utf-8") as f:
        lines = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    hdr = lines[0]
    for cells in lines[1:]:
        truth[cells[0]] = dict(zip(hdr, cells))
    names = ["parsed", "language", "symbol", "session", "date", "title", "preamble", "operative"]
    table = {}
    for file, symbol, lang in rows:
        cells = table.setdefault(lang, {n: [0, 0] for n in names})
        cells["files"] = cells.get("files", 0) + 1
        p = subprocess.run([binary, "parse", file, "--format", "json"], cwd=corpus,
                           capture_output=True, text=True)
        r = json.loads(p.stdout) if p.returncode == 0 and p.stdout.strip() else None

        def count(name, right):
            cells[name][1] += 1
            cells[name][0] += bool(right)

        count("parsed", r is not None and (r.get("preamble") or r.get("operative")))
        r = r or {}
        count("language", r.get("language") == lang)
        count("symbol", r.get("symbol") == symbol.replace(" (", "("))
        count("session", r.get("session") == session_of(symbol))
        t = truth.get(file)
        if not t:
            continue
        if t["adoption_date"] != "?":
            count("date", r.get("adoption_date") == (None if t["adoption_date"] == "-" else t["adoption_date"]))
        if t["title_sha1"] != "?":
            title = r.get("title")
            got = hashlib.sha1(unicodedata.normalize("NFC", title).encode()).hexdigest()[:12] if title else "-"
            count("title", got == t["title_sha1"])
        if t["preamble"] != "?":
            count("preamble", len(r.get("preamble") or []) == int(t["preamble"]))
        if t["operative"] != "?":
            annex = sum(len(a.get("paragraphs", [])) for a in r.get("annexes") or [])
            count("operative", len(r.get("operative") or []) + annex == int(t["operative"]))
    print("%-5s %5s " % ("lang", "files") + " ".join("%9s" % n for n in names))
    sums = {n: [0, 0] for n in names}
    for lang in sorted(table):
        c = table[lang]
        print("%-5s %5d " % (lang, c["files"]) + " ".join("%9s" % ("%d/%d" % tuple(c[n])) for n in names))
        for n in names:
            sums[n][0] += c[n][0]
            sums[n][1] += c[n][1]
    print("%-5s %5d " % ("all", sum(table[l]["files"] for l in table)) +
          " ".join("%9s" % ("%d/%d" % tuple(sums[n])) for n in names))


if __name__ == "__main__":
    main()
