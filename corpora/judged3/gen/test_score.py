# -*- coding: utf-8 -*-
"""Hand-written fake narrcheck output -> expected labels.  Run: python3 test_score.py"""
import json, os, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
EXPECT = {  # (report, index) -> (label, item)
    ('K01', 0): ('DEFECT', 'K01-D2'), ('K01', 1): ('DEFECT', 'K01-D1'), ('K01', 2): ('CONTROL', 'K01-C3'),
    ('K01', 3): ('CONTROL', 'K01-C5'), ('K01', 4): ('BORDERLINE', 'K01-B1'), ('K01', 5): ('UNJUDGED', None),
    ('K01', 6): ('CONTROL', 'K01-C7'),
    ('K06', 0): ('DEFECT', 'K06-D6'), ('K06', 1): ('DEFECT', 'K06-D1'), ('K06', 2): ('UNJUDGED', None),
    ('K16', 0): ('DEFECT', 'K16-D3'), ('K16', 1): ('UNJUDGED', None),
    ('K10', 0): ('DEFECT', 'K10-D2'), ('K10', 1): ('UNJUDGED', None), ('K04', 0): ('DEFECT', 'K04-D2'),
}
out = os.path.join(tempfile.mkdtemp(), 'labels.json')
subprocess.run([sys.executable, os.path.join(HERE, 'score.py'), os.path.join(HERE, 'fake_run.json'), '-q', '--json', out], check=True,
               stdout=subprocess.DEVNULL)
res = json.load(open(out, encoding='utf-8'))
got = {(f['report'], f['index']): (f['label'], f['item']) for f in res['findings']}
bad = {k: (got.get(k), v) for k, v in EXPECT.items() if got.get(k) != v}
assert not bad, bad
assert len(got) == len(EXPECT)
assert res['found']['K01-D2'] and res['found']['K06-D1'] and not res['found']['K01-D3']
# every key item must be matchable by a finding that quotes its own text (self-consistency of the key)
key = json.load(open(os.path.join(HERE, '..', 'key.json'), encoding='utf-8'))
fake = {'reports': []}
for r in key['reports']:
    fs = []
    for it in r['items']:
        cat = it['category'] if it['type'] == 'defect' else it['cats'][0]
        ev = {'indicator': it['indicator']} if it.get('indicator') else {}
        if it.get('anchors'):
            ev['row'] = it['anchors'][0]
        fs.append({'rule': 'SELF', 'category': cat, 'severity': it.get('severity', 'info'), 'text': it['text'], 'evidence': ev, 'location': {}})
    fake['reports'].append({'path': r['file'], 'findings': fs})
p = os.path.join(tempfile.mkdtemp(), 'self.json'); json.dump(fake, open(p, 'w', encoding='utf-8'), ensure_ascii=False)
subprocess.run([sys.executable, os.path.join(HERE, 'score.py'), p, '-q', '--json', out], check=True, stdout=subprocess.DEVNULL)
res = json.load(open(out, encoding='utf-8'))
ids = [it['id'] for r in key['reports'] for it in r['items']]
mis = [(i, f['label'], f['item']) for i, f in zip(ids, res['findings']) if f['item'] != i]
print('self-match mismatches:', len(mis))
for m in mis: print('  ', m)
assert all(res['found'].values()), [k for k, v in res['found'].items() if not v]
print('ok')
