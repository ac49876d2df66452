"""Score a narrcheck JSON run against the heldout5 (both halves: key_a.json + key_b.json) KEY.
usage: python gen/score.py RUN.json [--verbose]
Each finding is labelled DEFECT / CONTROL / BORDERLINE / UNJUDGED:
  - an item matches a finding when one of its anchors (whitespace-normalised) occurs in the finding's
    text, evidence or location strings, or the finding text (>=4 chars) occurs inside an anchor,
    or evidence.indicator equals the item's indicator; anchors shorter than 4 chars must equal the
    finding text or an evidence value; a finding naming another indicator never matches an item
    bound to an indicator;
  - DEFECT if a matching defect accepts the finding's category; else CONTROL if a matching control
    lists the category among those a careless checker would flag, else BORDERLINE if a borderline
    matches; else CONTROL if any control matches by anchor; else UNJUDGED (needs a human).
Per-defect found/missed is printed, with precision = DEFECT / (DEFECT + CONTROL)."""
import json, sys, os, re
# the keys read: key_*.json beside this script, or in SCORE_KEY_DIR (corpora/judged6/gen/score.py reuses this scorer)
HERE = os.environ.get('SCORE_KEY_DIR') or os.path.dirname(os.path.abspath(__file__))

def norm(s): return re.sub(r'[\s|]+', '', str(s or ''))

def strings(x):
    if isinstance(x, dict):
        for v in x.values(): yield from strings(v)
    elif isinstance(x, list):
        for v in x: yield from strings(v)
    elif x is not None: yield str(x)

def matches(item, f):
    txt = norm(f.get('text'))
    ev = f.get('evidence') if isinstance(f.get('evidence'), dict) else {}
    ind = ev.get('indicator')
    if ind and item.get('indicator') and norm(ind) != norm(item['indicator']):
        return None  # the finding is about another indicator row
    evs = [norm(s) for s in strings(f.get('evidence'))]
    hay = [txt] + evs + [norm(s) for s in strings(f.get('location'))]
    for a in item['anchors']:
        na = norm(a)
        if not na: continue
        if len(na) < 4:   # short anchors (numbers like 12, 10.00) must be the whole flagged text or an evidence value
            if na == txt or na in evs: return 'anchor'
            continue
        if any(na in h for h in hay if h): return 'anchor'
        if len(txt) >= 4 and txt in na: return 'anchor'
    if ind and item.get('indicator') and norm(ind) == norm(item['indicator']): return 'indicator'
    return None

def rid_of(path):
    m = re.match(r'([MN]\d\d)', os.path.basename(str(path)))
    return m.group(1) if m else None

def label(key, rid, f):
    cat = f.get('category')
    K = key[rid]
    dm = [(d, matches(d, f)) for d in K['defects']]; dm = [(d, m) for d, m in dm if m]
    for d, m in dm:
        if cat in d['cats']: return 'DEFECT', d['id']
    cm = [(c, matches(c, f)) for c in K['controls']]; cm = [(c, m) for c, m in cm if m]
    for c, m in cm:
        if cat in c['cats'] and m == 'anchor': return 'CONTROL', c['id']
    for b in K['borderlines']:
        if matches(b, f): return 'BORDERLINE', b['id']
    for c, m in cm:
        if m == 'anchor': return 'CONTROL', c['id']
    if dm: return 'UNJUDGED', 'near ' + ','.join(d['id'] for d, _ in dm) + ' (other category)'
    return 'UNJUDGED', ''

def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    verbose = '--verbose' in sys.argv
    key = {}
    import glob
    for kp in sorted(glob.glob(os.path.join(HERE, 'key_*.json'))):
        key.update(json.load(open(kp, encoding='utf-8')))
    run = json.load(open(args[0], encoding='utf-8'))
    found = {}; counts = {'DEFECT': 0, 'CONTROL': 0, 'BORDERLINE': 0, 'UNJUDGED': 0}
    per_sev = {}
    seen_reports = set()
    out = []
    for rep in run.get('reports', []):
        rid = rid_of(rep.get('path', ''))
        if rid not in key:
            print('skip report not in key:', rep.get('path')); continue
        seen_reports.add(rid)
        for f in rep.get('findings', []):
            lab, iid = label(key, rid, f)
            counts[lab] += 1
            per_sev.setdefault(f.get('severity'), {}).setdefault(lab, 0); per_sev[f.get('severity')][lab] += 1
            if lab == 'DEFECT': found.setdefault(iid, []).append(f.get('rule'))
            out.append((rid, lab, iid, f.get('rule'), f.get('category'), f.get('severity'), str(f.get('text'))[:40], str(f.get('message'))[:60]))
    for o in out:
        if verbose or o[1] != 'DEFECT':
            print('  '.join(str(x) for x in o))
    print('\n== per-defect')
    nd = nf = 0; by_kind = {}
    for rid, K in key.items():
        for d in K['defects']:
            nd += 1; hit = d['id'] in found; nf += hit
            bk = by_kind.setdefault(d['kind'], [0, 0]); bk[0] += 1; bk[1] += hit
            print(f"{d['id']:8} {'FOUND ' if hit else 'missed'} {d['kind']:11} {d['severity']:8} {','.join(found.get(d['id'], []))[:30]:30} {d['note'][:50]}"
                  + ('' if rid in seen_reports else '  (report absent from run)'))
    print('\n== by kind (found/total)')
    for k, (t, h) in sorted(by_kind.items()): print(f'  {k:12} {h}/{t}')
    print('\n== findings:', counts)
    for s, c in per_sev.items(): print('  severity', s, c)
    judged = counts['DEFECT'] + counts['CONTROL']
    if judged: print(f"precision (DEFECT/(DEFECT+CONTROL)) = {counts['DEFECT']/judged:.3f}")
    print(f'recall (defects found) = {nf}/{nd} = {nf/nd:.3f}')

if __name__ == '__main__':
    main()
