#!/usr/bin/env python3
"""Scores `zhpolicy targets` against the gold annotations in tests/eval/gold/.

A predicted row matches a gold row when doc, value, unit_norm and comparator agree and the
spans overlap (gold spans are located by their anchor in the clean text). Prints precision,
recall and F1 overall and per document, per-field agreement on matched rows (kind,
direction, period), and lists misses and false alarms. With --min-f1/--min-precision/
--min-recall it exits 1 when a figure falls below the floor (used by ctest).
"""
import argparse
import json
import os
import subprocess
import sys
from decimal import Decimal

FIELDS = ["anchor", "text", "comparator", "value", "value_max", "unit_norm", "unit_class",
          "kind", "direction", "period", "note"]


def run(binary, args):
    out = subprocess.run([binary] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if out.returncode not in (0,):
        sys.stderr.write(out.stderr.decode("utf-8", "replace"))
    return out.stdout.decode("utf-8")


def read_gold(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            cells += [""] * (len(FIELDS) - len(cells))
            rows.append(dict(zip(FIELDS, cells)))
    return rows


def find_input(stem, dirs):
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if os.path.splitext(name)[0] == stem:
                return os.path.join(d, name)
    return None


def squeeze(text):
    """Text without spaces, and the index in `text` of each kept character."""
    kept, index = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            kept.append(ch)
            index.append(i)
    return "".join(kept), index


def same_value(a, b):
    try:
        return abs(Decimal(a) - Decimal(b)) <= Decimal("0.01")
    except Exception:
        return a == b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--inputs", nargs="+", required=True, help="directories holding the documents")
    ap.add_argument("--min-f1", type=float, default=0.0)
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--quiet", action="store_true", help="do not list misses and false alarms")
    args = ap.parse_args()

    totals = {"tp": 0, "fp": 0, "fn": 0}
    field_ok = {"kind": [0, 0], "direction": [0, 0], "period": [0, 0]}
    per_doc = []
    misses, alarms = [], []
    skipped = []
    disagreements = []
    for gold_name in sorted(os.listdir(args.gold)):
        if not gold_name.endswith(".tsv"):
            continue
        stem = gold_name[:-4]
        path = find_input(stem, args.inputs)
        if path is None:
            skipped.append(stem)
            continue
        gold = read_gold(os.path.join(args.gold, gold_name))
        clean = run(args.bin, ["clean", path]).rstrip("\n")
        flat, index = squeeze(clean)
        pred = [json.loads(l) for l in run(args.bin, ["targets", "--format", "jsonl", path]).splitlines() if l]
        # Locate each gold row: the anchor in the clean text, the text inside the anchor.
        for g in gold:
            a_flat, _ = squeeze(g["anchor"])
            t_flat, _ = squeeze(g["text"])
            at = flat.find(a_flat)
            inner = a_flat.find(t_flat)
            if at < 0 or inner < 0 or not t_flat:
                g["span"] = None
                continue
            s = at + inner
            g["span"] = (index[s], index[s + len(t_flat) - 1] + 1)
        used = set()
        tp = 0
        for g in gold:
            match = None
            for k, p in enumerate(pred):
                if k in used or g["span"] is None:
                    continue
                if not (p["start"] < g["span"][1] and g["span"][0] < p["end"]):
                    continue
                vmax_ok = (not g["value_max"]) or same_value(g["value_max"], p["value_max"] or "")
                if (same_value(g["value"], p["value"]) and vmax_ok and g["unit_norm"] == p["unit_norm"]
                        and g["comparator"] == p["comparator"]):
                    match = k
                    break
            if match is None:
                misses.append((stem, g))
                continue
            used.add(match)
            tp += 1
            p = pred[match]
            for f in field_ok:
                field_ok[f][1] += 1
                agree = (g[f] or "") == (p[f] or "") if f != "period" else bool(g[f]) == bool(p[f])
                field_ok[f][0] += agree
                if not agree:
                    disagreements.append((stem, f, g["text"], g[f], p[f]))
        fp = len(pred) - len(used)
        for k, p in enumerate(pred):
            if k not in used:
                alarms.append((stem, p))
        fn = len(gold) - tp
        totals["tp"] += tp
        totals["fp"] += fp
        totals["fn"] += fn
        per_doc.append((stem, len(gold), len(pred), tp))

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    print(f"{'document':40} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for stem, ng, npred, tp in per_doc:
        p, r, f = prf(tp, npred - tp, ng - tp)
        print(f"{stem:40} {ng:5} {npred:5} {tp:5} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(totals["tp"], totals["fp"], totals["fn"])
    print(f"{'ALL':40} {totals['tp'] + totals['fn']:5} {totals['tp'] + totals['fp']:5} {totals['tp']:5} "
          f"{p:6.3f} {r:6.3f} {f:6.3f}")
    for name, (ok, n) in field_ok.items():
        label = "period present" if name == "period" else name
        print(f"field agreement on matched rows: {label:15} {ok}/{n} = {ok / n if n else 1:.3f}")
    if skipped:
        print("SKIPPED (input not found): " + ", ".join(skipped))
    if not args.quiet:
        for stem, g in misses:
            where = "anchor not found" if g["span"] is None else f"at {g['span'][0]}"
            print(f"MISS  {stem}: {g['text']} = {g['comparator']} {g['value']} {g['unit_norm']} ({where}; {g['anchor']})")
        for stem, field, text, want, got in disagreements:
            print(f"FIELD {stem}: {text}: {field} gold '{want}' got '{got}'")
        for stem, pr in alarms:
            print(f"FALSE {stem}: {pr['text']} = {pr['comparator']} {pr['value']} {pr['unit_norm']} "
                  f"at {pr['start']} ({pr['sentence'][:40]})")
    ok = f >= args.min_f1 and p >= args.min_precision and r >= args.min_recall
    print(f"eval: precision {p:.3f} recall {r:.3f} F1 {f:.3f}" + ("" if ok else " BELOW FLOOR"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
