#!/usr/bin/env python3
"""Independent audit of the rendered texts: find every '…N个，分别为…' list and every '其中…' money/area list in
the narrative, recompute, and show whether the key marks it as a defect (D), a control (C), borderline (B) or nothing.
Anything wrong that the key does not mark as D would be an unintended defect."""
import json, os, re, sys
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
key = json.load(open(os.path.join(OUT, 'key.json'), encoding='utf-8'))['reports']
CN = {'两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}


def text_of(fn):
    if fn.endswith('.docx'):
        import docx
        d = docx.Document(os.path.join(OUT, fn))
        return '\n'.join(p.text for p in d.paragraphs)
    return open(os.path.join(OUT, fn), encoding='utf-8').read()


def mark(rk, snippet):
    sn = re.sub(r'\s+', '', snippet)
    for tag, items in (('D', rk['defects']), ('C', rk['controls']), ('B', rk['borderline'])):
        for it in items:
            t = re.sub(r'\s+', '', it['text'])
            if len(t) >= 4 and (t in sn or sn in t or (len(t) >= 6 and t[-6:] in sn) or any(len(a) >= 7 and re.sub(r'\s+', '', a) in sn for a in it['anchors'])):
                return tag + ':' + it['id']
    return '-'


bad = 0
for rid, rk in key.items():
    txt = text_of(rk['file'])
    for m in re.finditer(r'(\d+|[两三四五六七八九十])(个|处|类)[^，。；]{0,6}?[，,]?分别为([^。；，]+)', txt):
        n = int(m.group(1)) if m.group(1).isdigit() else CN[m.group(1)]
        items = [x for x in m.group(3).split('、') if x]
        ok = n == len(items)
        mk = mark(rk, m.group(0))
        flag = '' if (ok and not mk.startswith('D')) or (not ok and mk[:1] in 'DB') else '  <-- CHECK'
        bad += bool(flag)
        print(f'{rid} 分别 stated={n} listed={len(items)} {"ok " if ok else "BAD"} {mk}{flag}')
    for m in re.finditer(r'(\d+(?:\.\d+)?)(万元|万亩|公里|场|批次|所|个)[^。；]{0,14}?其中([^。；（]+?)(?=较上年|，发现|，较|[。；（]|$)', txt):
        tot, unit = float(m.group(1)), m.group(2)
        parts = [float(x) for x in re.findall(r'(\d+(?:\.\d+)?)' + unit, m.group(3))]
        if len(parts) < 2:
            continue
        ok = abs(sum(parts) - tot) < 0.006
        mk = mark(rk, m.group(0))
        flag = '' if (ok and not mk.startswith('D')) or (not ok and mk[:1] in 'DB') else '  <-- CHECK'
        bad += bool(flag)
        print(f'{rid} 其中 total={tot} parts={parts} sum={round(sum(parts), 2)} {"ok " if ok else "BAD"} {mk}{flag}')
    sents = re.split('[。\n]', txt)
    for si, sent in enumerate(sents):
        g = re.search(r'较上年(增加|减少)(\d+(?:\.\d+)?)(万元|万亩|人)，(增长|下降)(\d+(?:\.\d+)?)%', sent)
        if not g:
            continue
        first = re.search(r'(\d+(?:\.\d+)?)' + g.group(3), sent)
        if first.start() >= g.start():
            k = si - 1
            while not re.search(r'合计(\d+(?:\.\d+)?)' + g.group(3), sents[k]):
                k -= 1
            first = re.search(r'合计(\d+(?:\.\d+)?)' + g.group(3), sents[k])
        cur, d, y = float(first.group(1)), float(g.group(2)), float(g.group(5))
        prev = cur - d if g.group(1) == '增加' else cur + d
        calc = d / prev * 100
        nd = len(g.group(5).split('.')[1]) if '.' in g.group(5) else 0
        ok = abs(calc - y) <= 10 ** -nd
        mk = mark(rk, sent)
        flag = '' if (ok and not mk.startswith('D')) or (not ok and mk[:1] in 'DB') else '  <-- CHECK'
        bad += bool(flag)
        print(f'{rid} 较上年 cur={cur} delta={d} shown={y}% calc={calc:.2f}% {"ok " if ok else "BAD"} {mk}{flag}')
print('unexplained:', bad)
