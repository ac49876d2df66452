#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Score a narrcheck JSON run against the heldout3 answer key.

usage: score.py RUN.json [--key ../key.json] [--json OUT.json] [-q]

Each finding is labelled
  DEFECT      it points at a planted defect (same place, compatible category)
  BORDERLINE  it points at a borderline item (either verdict defensible; not counted)
  CONTROL     it points at a correct figure/passage listed as a control (a false positive)
  UNJUDGED    it matches nothing in the key (read it by hand)
and each planted defect is reported found / missed.
"""
import argparse, json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
COMPAT = {  # categories a finding may carry and still count for an item of this category
    'arithmetic': {'arithmetic', 'mismatch', 'scoring'},
    'mismatch': {'mismatch', 'arithmetic', 'scoring'},
    'scoring': {'scoring', 'arithmetic', 'mismatch'},
    'vague': {'vague', 'unsupported'},
    'unsupported': {'unsupported', 'vague'},
    'copied': {'copied'},
    'template': {'template'},
    'duplicate': {'duplicate'},
    'timeline': {'timeline'},
}
FW = str.maketrans('０１２３４５６７８９．％＋－（）', '0123456789.%+-()')


def norm(s):
    if s is None:
        return ''
    return re.sub(r'\s+', '', str(s)).translate(FW).replace('>=', '≥').replace('<=', '≤')


def flat_values(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from flat_values(v)
    elif isinstance(x, (list, tuple)):
        for v in x:
            yield from flat_values(v)
    elif x is not None:
        yield str(x)


def report_id(path):
    m = re.search(r'K\d\d', os.path.basename(path or ''))
    return m.group() if m else None


def compat(cat_list):
    out = set()
    for c in cat_list:
        out |= COMPAT.get(c, {c})
    return out


def match(item, f):
    """True when finding f points at key item."""
    ft = norm(f.get('text'))
    ev = f.get('evidence') or {}
    loc = f.get('location') or {}
    blob = norm(' '.join([f.get('text') or ''] + list(flat_values(ev)) + list(flat_values(loc))))
    t = norm(item['text'])
    txt = bool(ft) and (ft == t or (len(t) >= 2 and t in ft) or (len(ft) >= 4 and ft in t and len(ft) >= 0.3 * len(t)))
    ind = norm(item.get('indicator'))
    ev_ind = norm(ev.get('indicator')) + '|' + norm(ev.get('row')) + '|' + norm(loc.get('row') if isinstance(loc.get('row'), str) else '')
    ind_ok = bool(ind) and ind in ev_ind
    anc_ok = any(norm(a) and norm(a) in blob for a in item.get('anchors') or [])
    short = len(t) <= 6
    alt = [norm(x) for x in item.get('alt') or []]
    if alt and (txt or anc_ok) and any(x in blob for x in alt):
        return True
    if ind:
        # a finding about the indicator row (named in evidence), or one quoting the cell and naming the row anywhere
        if (ind_ok and (txt or len(ft) <= 40)) or (txt and ind in blob):
            return True
        if not item.get('anchors'):
            return False
    if item.get('anchors'):
        return (txt and (anc_ok or not short)) or (anc_ok and (t in blob or (ft and ft in t)))
    if short:
        return ft == t
    return txt


def label(items, f):
    cat = f.get('category')
    hits = [it for it in items if match(it, f)]
    for typ, lab in (('defect', 'DEFECT'), ('borderline', 'BORDERLINE'), ('control', 'CONTROL')):
        for it in hits:
            if it['type'] != typ:
                continue
            cats = [it['category']] if typ == 'defect' else it['cats']
            if cat in compat(cats) or cat is None:
                return lab, it, hits
    return 'UNJUDGED', None, hits


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument('run')
    ap.add_argument('--key', default=os.path.join(HERE, '..', 'key.json'))
    ap.add_argument('--json', help='write per-finding labels here')
    ap.add_argument('-q', action='store_true', help='summary only')
    a = ap.parse_args(argv)
    key = json.load(open(a.key, encoding='utf-8'))
    run = json.load(open(a.run, encoding='utf-8'))
    by_id = {r['id']: r for r in key['reports']}
    runs = defaultdict(list)
    for r in run.get('reports', []):
        rid = report_id(r.get('path'))
        if rid:
            runs[rid] += r.get('findings') or []
    labels = Counter(); lab_cat = defaultdict(Counter); found = {}; out = []
    sev_ok = Counter()
    for rid, rep in sorted(by_id.items()):
        items = rep['items']
        if not a.q:
            print(f"\n== {rid} {rep['file']} ({rep['shape']}) — {len(runs.get(rid, []))} findings")
        for k, f in enumerate(runs.get(rid, [])):
            lab, it, hits = label(items, f)
            labels[lab] += 1; lab_cat[f.get('category')][lab] += 1
            note = ''
            if lab == 'DEFECT':
                found.setdefault(it['id'], []).append(k)
                sev_ok['match' if f.get('severity') == it['severity'] else 'differ'] += 1
                if f.get('severity') != it['severity']:
                    note = f" (severity {f.get('severity')}, key {it['severity']})"
            elif lab == 'UNJUDGED' and hits:
                note = ' (at ' + ', '.join(h['id'] for h in hits) + ', other category)'
            out.append(dict(report=rid, index=k, rule=f.get('rule'), category=f.get('category'), severity=f.get('severity'),
                            text=f.get('text'), label=lab, item=it['id'] if it else None))
            if not a.q:
                print(f"  [{lab:10}] {f.get('rule','')} {f.get('category','')}/{f.get('severity','')} "
                      f"{(f.get('text') or '')[:40]!r} -> {it['id'] if it else '-'}{note}")
        if not a.q:
            for it in items:
                if it['type'] == 'defect':
                    st = 'found ' if it['id'] in found else 'MISSED'
                    print(f"  {st} {it['id']} [{it['category']}/{it['severity']}] {it['kind']}: {it['text'][:40]!r}")
    defects = [it for r in key['reports'] for it in r['items'] if it['type'] == 'defect']
    nf = sum(1 for d in defects if d['id'] in found)
    print('\n== summary')
    print('findings:', dict(labels))
    judged = labels['DEFECT'] + labels['CONTROL']
    if judged:
        print(f"precision on judged findings (DEFECT/(DEFECT+CONTROL)): {labels['DEFECT']/judged:.3f}")
    tot = judged + labels['UNJUDGED']
    if tot:
        print(f"lower bound counting UNJUDGED as false: {labels['DEFECT']/tot:.3f}")
    print(f"defects found: {nf}/{len(defects)} ({nf/len(defects):.3f})")
    print('severity of DEFECT findings vs key:', dict(sev_ok))
    per = defaultdict(lambda: [0, 0])
    for d in defects:
        per[d['category']][1] += 1
        per[d['category']][0] += d['id'] in found
    print('recall by key category:', {c: f'{x}/{y}' for c, (x, y) in sorted(per.items())})
    print('labels by finding category:', {c: dict(v) for c, v in sorted(lab_cat.items(), key=lambda kv: str(kv[0]))})
    shp = defaultdict(lambda: [0, 0])
    for r in key['reports']:
        for it in r['items']:
            if it['type'] == 'defect':
                shp[r['shape']][1] += 1; shp[r['shape']][0] += it['id'] in found
    print('recall by shape:', {s: f'{x}/{y}' for s, (x, y) in sorted(shp.items())})
    if a.json:
        json.dump(dict(findings=out, found={d['id']: d['id'] in found for d in defects}), open(a.json, 'w', encoding='utf-8'),
                  ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main()
