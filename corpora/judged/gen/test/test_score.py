#!/usr/bin/env python3
"""Self-test of score.py on hand-written fake narrcheck output: each fake finding carries "expect"."""
import json, os, sys, subprocess
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import score

key = json.load(open(os.path.join(os.path.dirname(os.path.dirname(HERE)), 'key.json'), encoding='utf-8'))['reports']
out = json.load(open(os.path.join(HERE, 'fake_narrcheck.json'), encoding='utf-8'))
bad = 0
n = 0
for rep in out['reports']:
    rid = score.rid_of(rep['path'])
    for f in rep['findings']:
        if 'expect' not in f:
            continue
        n += 1
        cls, item, _ = score.classify(f, key[rid])
        got = cls if cls == 'NEITHER' else f'{cls} {item["id"]}'
        ok = got == f['expect']
        bad += not ok
        print(('ok  ' if ok else 'FAIL'), rid, f['text'][:24], '->', got, '' if ok else f'(expected {f["expect"]})')
r = subprocess.run([sys.executable, os.path.join(os.path.dirname(HERE), 'score.py'), os.path.join(HERE, 'fake_narrcheck.json'),
                    '--json', os.path.join(HERE, 'fake_scored.json')], capture_output=True, text=True)
assert r.returncode == 0, r.stderr
assert 'precision on keyed findings' in r.stdout and 'J01-D1   FOUND' in r.stdout and 'J01-D2   MISSED' in r.stdout, r.stdout
assert 'J01-D5   FOUND' in r.stdout
print(f'{n - bad}/{n} classification checks passed; CLI run ok')
sys.exit(1 if bad else 0)
