#!/usr/bin/env python3
"""Carry hand verdicts over to a new narrcheck run and print the counts table.

usage: judge.py NEW_RUN.json [VERDICTS.jsonl] [--exclude REGEX] [--list]

Matching: exact on (report, rule, severity, text, message[:120]); otherwise fall back to
(report, rule, text) and flag "carried-loose". Findings with neither are listed as
needing a fresh verdict. The report name is the file name without its extension
(KEY.md stays as "KEY.md", as in the verdicts file). --exclude (default 'KEY\\.md$') names
non-report files; the table is printed for the reports alone and for everything.
"""
import json, re, sys
from collections import defaultdict

def rep_name(path):
    base = path.split('/')[-1]
    return base if base == 'KEY.md' else base.rsplit('.', 1)[0]

def main():
    args = [a for a in sys.argv[1:]]
    excl = r'KEY\.md$'
    if '--exclude' in args:
        i = args.index('--exclude'); excl = args[i + 1]; del args[i:i + 2]
    show_list = '--list' in args
    args = [a for a in args if a != '--list']
    run = args[0]
    vfile = args[1] if len(args) > 1 else '/work/h3judge/verdicts_int1.jsonl'
    exact, loose = {}, defaultdict(list)
    for line in open(vfile, encoding='utf-8'):
        if not line.strip():
            continue
        v = json.loads(line)
        exact[(v['report'], v['rule'], v['severity'], v['text'], v['message'][:120])] = v
        loose[(v['report'], v['rule'], v['text'])].append(v)
    d = json.load(open(run, encoding='utf-8'))
    rows = []   # (report, idx, finding, verdict or None, how)
    for r in d['reports']:
        rep = rep_name(r['path'])
        for i, f in enumerate(r['findings']):
            k = (rep, f['rule'], f['severity'], f['text'], f['message'][:120])
            if k in exact:
                rows.append((rep, i, f, exact[k]['verdict'], 'carried', r['path']))
            elif loose.get((rep, f['rule'], f['text'])):
                cands = loose[(rep, f['rule'], f['text'])]
                vs = {c['verdict'] for c in cands}
                verdict = cands[0]['verdict'] if len(vs) == 1 else 'debatable'
                rows.append((rep, i, f, verdict, 'carried-loose', r['path']))
            else:
                rows.append((rep, i, f, None, 'fresh', r['path']))
    n_c = sum(1 for x in rows if x[4] == 'carried')
    n_l = sum(1 for x in rows if x[4] == 'carried-loose')
    n_f = sum(1 for x in rows if x[4] == 'fresh')
    print(f'findings: {len(rows)}  carried: {n_c}  carried-loose: {n_l}  need fresh verdict: {n_f}')
    if n_l or n_f or show_list:
        print('\n-- findings needing attention (loose carries and fresh) --')
        for rep, i, f, v, how, _ in rows:
            if how != 'carried' or show_list:
                print(f"  [{how:13}] {rep} #{i} {f['rule']}/{f['severity']} verdict={v} text={f['text'][:50]!r} msg={f['message'][:70]!r}")

    def table(sel, title):
        print(f'\n{title}')
        print('| group | n | right | wrong | debatable | unjudged | precision r/(r+w) |')
        print('|---|---|---|---|---|---|---|')
        groups = [('warning+', ('error', 'warning')), ('errors', ('error',)),
                  ('warnings', ('warning',)), ('info', ('info',)), ('all', ('error', 'warning', 'info'))]
        for g, sevs in groups:
            xs = [x for x in sel if x[2]['severity'] in sevs]
            c = defaultdict(int)
            for x in xs:
                c[x[3] or 'unjudged'] += 1
            r, w = c['right'], c['wrong']
            p = f'{r / (r + w):.3f}' if r + w else '-'
            print(f"| {g} | {len(xs)} | {r} | {w} | {c['debatable']} | {c['unjudged']} | {p} |")

    rep_rows = [x for x in rows if not re.search(excl, x[5])]
    table(rep_rows, f'Counts, reports only (excluding files matching {excl!r}): {len(rep_rows)} findings')
    table(rows, f'Counts, all files in the run: {len(rows)} findings')

if __name__ == '__main__':
    main()
