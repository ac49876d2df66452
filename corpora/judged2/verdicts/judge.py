#!/usr/bin/env python3
"""Carry hand verdicts over to a new narrcheck run.

usage: judge.py NEW_RUN.json [VERDICTS.jsonl] [--out carried.jsonl] [--todo todo.jsonl]

A finding in the new run gets the old verdict when an old finding has the same
report, rule, severity, text and message (message compared on its first 120 chars,
as stored in the verdicts file) -> "carried".  Otherwise, an old finding with the
same report, rule and text (severity or message changed) -> "carried-loose" (check it).
Anything else is listed as needing a fresh verdict.  Each old verdict is used once
per new finding (multiset matching, in order).  Prints the counts table
(warning+/error/warning/info: n, right, wrong, debatable, precision r/(r+w)) over
the carried findings, and the findings that still need a verdict.
"""
import json, os, sys, argparse
from collections import defaultdict

def rep_id(path):
    b = os.path.basename(path)
    for suf, rep in (('.docx', ''), ('.tab.txt', '.tab'), ('.txt', '')):
        if b.endswith(suf):
            return b[: -len(suf)] + rep
    return b

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('run')
    ap.add_argument('verdicts', nargs='?', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'verdicts_main_start.jsonl'))
    ap.add_argument('--out', help='write carried verdicts (one JSON line per new finding) here')
    ap.add_argument('--todo', help='write findings that need a fresh verdict here')
    a = ap.parse_args()

    old = [json.loads(l) for l in open(a.verdicts, encoding='utf-8') if l.strip()]
    strict, loose = defaultdict(list), defaultdict(list)
    for o in old:
        strict[(o['report'], o['rule'], o['severity'], o['text'], o['message'][:120])].append(o)
        loose[(o['report'], o['rule'], o['text'])].append(o)
    used = set()

    def take(bucket):
        for o in bucket:
            k = (o['report'], o['index'])
            if k not in used:
                used.add(k); return o
        return None

    run = json.load(open(a.run, encoding='utf-8'))
    new = []
    for r in run['reports']:
        rid = rep_id(r['path'])
        for i, f in enumerate(r['findings']):
            new.append((rid, i, f))
    # pass 1 strict, pass 2 loose (so that exact matches are never stolen by loose ones)
    match = {}
    for rid, i, f in new:
        o = take(strict.get((rid, f['rule'], f['severity'], f['text'], f['message'][:120]), []))
        if o: match[(rid, i)] = (o, 'carried')
    for rid, i, f in new:
        if (rid, i) in match: continue
        o = take(loose.get((rid, f['rule'], f['text']), []))
        if o: match[(rid, i)] = (o, 'carried-loose')
    old2new = {(o['report'], o['index']): ni for (rid, ni), (o, _) in match.items()}

    out, todo = [], []
    for rid, i, f in new:
        base = {"report": rid, "index": i, "rule": f['rule'], "severity": f['severity'],
                "text": f['text'], "message": f['message'][:120]}
        if (rid, i) in match:
            o, how = match[(rid, i)]
            rs = o.get('restates')
            base.update(verdict=o['verdict'], restates=(old2new.get((o['report'], rs)) if rs is not None else None),
                        reason=o['reason'], key_match=o.get('key_match'), carry=how, old_index=o['index'])
            if how == 'carried-loose':
                base['old_severity'] = o['severity']; base['old_message'] = o['message']
            out.append(base)
        else:
            base.update(verdict=None, carry='needs-verdict'); out.append(base); todo.append(base)

    if a.out:
        with open(a.out, 'w', encoding='utf-8') as fh:
            for o in out: fh.write(json.dumps(o, ensure_ascii=False) + '\n')
    if a.todo:
        with open(a.todo, 'w', encoding='utf-8') as fh:
            for o in todo: fh.write(json.dumps(o, ensure_ascii=False) + '\n')

    nc = sum(o['carry'] == 'carried' for o in out); nl = sum(o['carry'] == 'carried-loose' for o in out)
    print(f"new findings: {len(out)}  carried: {nc}  carried-loose: {nl}  need verdict: {len(todo)}")
    gone = [o for o in old if (o['report'], o['index']) not in used]
    print(f"old findings not in the new run: {len(gone)} "
          f"(right {sum(o['verdict']=='right' for o in gone)}, wrong {sum(o['verdict']=='wrong' for o in gone)}, "
          f"debatable {sum(o['verdict']=='debatable' for o in gone)})")
    print("\ncounts over findings with a verdict (needs-verdict excluded):")
    print(f"{'':9s} {'n':>4s} {'right':>5s} {'wrong':>5s} {'deb':>4s} {'todo':>4s} {'precision':>9s}")
    for name, sev in (('warning+', ('warning', 'error')), ('error', ('error',)), ('warning', ('warning',)), ('info', ('info',))):
        sel = [o for o in out if o['severity'] in sev]
        r = sum(o['verdict'] == 'right' for o in sel); w = sum(o['verdict'] == 'wrong' for o in sel)
        d = sum(o['verdict'] == 'debatable' for o in sel); t = sum(o['verdict'] is None for o in sel)
        p = f"{r/(r+w):.3f}" if r + w else '-'
        print(f"{name:9s} {len(sel):4d} {r:5d} {w:5d} {d:4d} {t:4d} {p:>9s}")
    if nl:
        print("\ncarried-loose (severity or message changed; re-check):")
        for o in out:
            if o['carry'] == 'carried-loose':
                print(f"  {o['report']} #{o['index']} {o['rule']}/{o['severity']} (was {o['old_severity']}) {o['verdict']}: {o['text'][:40]!r} | {o['message'][:70]}")
    if todo:
        print("\nneed a fresh verdict:")
        for o in todo:
            print(f"  {o['report']} #{o['index']} {o['rule']}/{o['severity']} {o['text'][:50]!r} | {o['message'][:80]}")

if __name__ == '__main__':
    main()
