#!/usr/bin/env python3
"""Score a narrcheck JSON output against the held-out key (/work/judged/key.json).

    python3 score.py NARRCHECK.json [--key ../key.json] [--json OUT.json] [--min-severity info|warning|error] [-v]

For every finding it prints one of:
  DEFECT        matches a planted defect, category among the accepted ones   (true positive)
  DEFECT~CAT    same place as a planted defect, but another category          (judge by hand; counted as a loose hit)
  CONTROL       hits a control in a category that would be a false alarm    (false positive)
  BORDERLINE    hits a listed borderline case                                  (not scored)
  NEAR-CONTROL  near a control but in a category the key does not call a false alarm (judge by hand)
  NEITHER       matches nothing in the key                                   (judge by hand)
then, per planted defect, FOUND / FOUND~CAT / MISSED, and summary counts by kind and by shape.

Matching (per report; the report id J01..J14 is taken from the path):
  * key item with an `indicator` and a finding with evidence.indicator -> the indicators must agree;
  * otherwise an anchor (whitespace-insensitive) must occur in the finding's text or evidence values,
    or the finding's text (>= 4 chars) must occur inside the item's text, or vice versa.
Only the standard library is used.
"""
import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict

FW = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, '．': '.', '％': '%', '＋': '+', '－': '-', '−': '-',
                    '＞': '>', '＜': '<', '＝': '=', '⩾': '≥', '⩽': '≤', '\u3000': ' ', '\xa0': ' '})
SEV = {'info': 0, 'warning': 1, 'error': 2}
PRIO = {'DEFECT': 0, 'CONTROL': 1, 'BORDERLINE': 2, 'DEFECT~CAT': 3, 'NEAR-CONTROL': 4, 'NEITHER': 9}


def norm(s):
    if s is None:
        return ''
    s = str(s).translate(FW)
    s = s.replace('>=', '≥').replace('<=', '≤').replace('★', '')
    return re.sub(r'\s+', '', s)


def flat(v):
    out = []
    if isinstance(v, dict):
        for x in v.values():
            out += flat(x)
    elif isinstance(v, (list, tuple)):
        for x in v:
            out += flat(x)
    elif v is not None:
        if isinstance(v, float):
            out.append(f'{v:.2f}'.rstrip('0').rstrip('.'))
            out.append(f'{v:.2f}')
        out.append(str(v))
    return out


def ind_eq(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    a2, b2 = re.sub(r'^(其中[:：]|\d+[、.．])', '', a), re.sub(r'^(其中[:：]|\d+[、.．])', '', b)
    return a2 == b2 or (min(len(a2), len(b2)) >= 4 and (a2 in b2 or b2 in a2))


def matches(item, f):
    ev = f.get('evidence') or {}
    f_ind = ev.get('indicator') if isinstance(ev, dict) else None
    if item.get('indicator') and f_ind:
        return ind_eq(item['indicator'], f_ind), 3
    hay = norm(f.get('text')) + '\u0001' + '\u0001'.join(norm(x) for x in flat(ev))
    hits = sum(1 for a in item.get('anchors', []) if len(norm(a)) >= 2 and norm(a) in hay)
    if hits:
        return True, hits
    ft, it = norm(f.get('text')), norm(item.get('text'))
    if len(ft) >= 4 and it and (ft in it or (len(it) >= 4 and it in ft)):
        return True, 1
    return False, 0


def classify(f, rk):
    cat = f.get('category')
    best = ('NEITHER', None, 0)
    cands = []
    for d in rk['defects']:
        ok, w = matches(d, f)
        if ok:
            cands.append(('DEFECT' if cat in d['categories'] else 'DEFECT~CAT', d, w))
    for c in rk['controls']:
        ok, w = matches(c, f)
        if ok:
            fac = c.get('false_alarm_categories')
            cands.append(('CONTROL' if (fac is None or cat in fac) else 'NEAR-CONTROL', c, w))
    for b in rk.get('borderline', []):
        ok, w = matches(b, f)
        if ok:
            cands.append(('BORDERLINE', b, w))
    if cands:
        cands.sort(key=lambda x: (PRIO[x[0]], -x[2]))
        best = cands[0]
    return best


def rid_of(path):
    m = re.search(r'(J\d\d)', os.path.basename(path or ''))
    return m.group(1) if m else None


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('output', help='narrcheck check ... --format json output file (or - for stdin)')
    ap.add_argument('--key', default=os.path.join(os.path.dirname(here), 'key.json'))
    ap.add_argument('--json', help='also write the classification as JSON here')
    ap.add_argument('--min-severity', default='info', choices=list(SEV))
    ap.add_argument('-v', '--verbose', action='store_true', help='print message/evidence for hand-judged findings')
    a = ap.parse_args(argv)
    key = json.load(open(a.key, encoding='utf-8'))['reports']
    out = json.load(sys.stdin if a.output == '-' else open(a.output, encoding='utf-8'))
    minsev = SEV[a.min_severity]

    rows, found = [], defaultdict(list)
    seen_reports = set()
    for rep in out.get('reports', []):
        rid = rid_of(rep.get('path'))
        if rid not in key:
            print(f'# skipping report not in key: {rep.get("path")}', file=sys.stderr)
            continue
        seen_reports.add(rid)
        rk = key[rid]
        for i, f in enumerate(rep.get('findings', [])):
            if SEV.get(f.get('severity'), 0) < minsev:
                continue
            cls, item, _ = classify(f, rk)
            rows.append(dict(report=rid, n=i, cls=cls, item=item['id'] if item else None,
                             rule=f.get('rule'), name=f.get('name'), category=f.get('category'),
                             severity=f.get('severity'), text=f.get('text'), message=f.get('message'),
                             evidence=f.get('evidence')))
            if cls in ('DEFECT', 'DEFECT~CAT'):
                found[item['id']].append((cls, f.get('severity'), f.get('rule')))

    print('== findings')
    for r in rows:
        t = (r['text'] or '').replace('\n', ' ')
        t = t if len(t) <= 40 else t[:38] + '…'
        print(f"{r['report']} #{r['n']:<3} {r['cls']:<12} {r['item'] or '-':<8} {r['rule'] or '':<8} {r['category'] or '':<11} {r['severity'] or '':<7} {t}")
        if a.verbose and r['cls'] in ('NEITHER', 'NEAR-CONTROL', 'DEFECT~CAT'):
            print(f"      message: {r['message']}\n      evidence: {json.dumps(r['evidence'], ensure_ascii=False)}")

    print('\n== planted defects')
    kind_tot, kind_hit, shape_tot, shape_hit = Counter(), Counter(), Counter(), Counter()
    per_defect = []
    sev_agree = 0
    for rid in sorted(key):
        if rid not in seen_reports:
            continue
        rk = key[rid]
        for d in rk['defects']:
            hs = found.get(d['id'], [])
            st = 'FOUND' if any(h[0] == 'DEFECT' for h in hs) else 'FOUND~CAT' if hs else 'MISSED'
            sevs = sorted({h[1] for h in hs if h[1]})
            if d['severity'] in sevs:
                sev_agree += 1
            kind_tot[d['kind']] += 1; shape_tot[rk['shape']] += 1
            if st == 'FOUND':
                kind_hit[d['kind']] += 1; shape_hit[rk['shape']] += 1
            per_defect.append(dict(id=d['id'], kind=d['kind'], status=st, expected_severity=d['severity'], found_severities=sevs,
                                   rules=sorted({h[2] for h in hs if h[2]})))
            print(f"{d['id']:<8} {st:<10} {d['kind']:<14} exp={d['severity']:<7} got={','.join(sevs) or '-':<14} {d['text'][:40]}")

    c = Counter(r['cls'] for r in rows)
    tp, fp = c['DEFECT'], c['CONTROL']
    nd = len(per_defect)
    nf = sum(1 for p in per_defect if p['status'] == 'FOUND')
    nfl = sum(1 for p in per_defect if p['status'] != 'MISSED')
    print('\n== summary')
    print(f"reports scored: {len(seen_reports)} of {len(key)}; findings (severity >= {a.min_severity}): {len(rows)}")
    for k in ('DEFECT', 'DEFECT~CAT', 'CONTROL', 'BORDERLINE', 'NEAR-CONTROL', 'NEITHER'):
        print(f"  {k:<12} {c[k]}")
    if tp + fp:
        print(f"precision on keyed findings  DEFECT/(DEFECT+CONTROL) = {tp}/{tp + fp} = {tp / (tp + fp):.3f}")
    print(f"  (upper bound if all NEITHER/DEFECT~CAT are judged correct: {(tp + c['DEFECT~CAT'] + c['NEITHER'])}/{len(rows) - c['BORDERLINE'] - c['NEAR-CONTROL'] or 1};"
          f" lower bound if all are false: {tp}/{len(rows) - c['BORDERLINE'] - c['NEAR-CONTROL'] or 1})")
    if nd:
        print(f"recall: found {nf}/{nd} = {nf / nd:.3f}; loose (incl. other category) {nfl}/{nd} = {nfl / nd:.3f}; severity agrees on {sev_agree}")
    fa = Counter((r['report'], r['item']) for r in rows if r['cls'] == 'CONTROL')
    if fa:
        print('false alarms on controls: ' + ', '.join(f'{i}×{n}' for (_, i), n in sorted(fa.items())))
    print('\nrecall by kind:  ' + '  '.join(f'{k} {kind_hit[k]}/{kind_tot[k]}' for k in sorted(kind_tot)))
    print('recall by shape: ' + '  '.join(f'{k} {shape_hit[k]}/{shape_tot[k]}' for k in sorted(shape_tot)))
    fp_shape = Counter(key[r['report']]['shape'] for r in rows if r['cls'] == 'CONTROL')
    tp_shape = Counter(key[r['report']]['shape'] for r in rows if r['cls'] == 'DEFECT')
    print('precision by shape: ' + '  '.join(f"{s} {tp_shape[s]}/{tp_shape[s] + fp_shape[s]}" for s in sorted(set(shape_tot) | set(fp_shape))))
    if a.json:
        json.dump(dict(findings=rows, defects=per_defect, summary=dict(counts=c, precision_keyed=(tp / (tp + fp)) if tp + fp else None,
                                                                        recall=nf / nd if nd else None, recall_loose=nfl / nd if nd else None)),
                  open(a.json, 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main())
