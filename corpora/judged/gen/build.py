#!/usr/bin/env python3
"""Build the held-out set J01-J14 in /work/judged/ from the structured sources in j*.py.
Run: /work/main/.venv/bin/python /work/judged/gen/build.py
"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import render_tab, render_web, render_flat, render_docx, verify_key
import j01_04
MODS = [j01_04]
for name in ('j05_08', 'j09_14'):
    try:
        MODS.append(__import__(name))
    except ImportError:
        pass

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROME_TOP = '首页 | 政务公开 | 政务服务 | 互动交流\n您当前的位置：首页 > 政府信息公开 > 财政信息 > 部门预决算\n索引号：{idx}\n发布机构：{unit}\n发布日期：{date}\n字号：[ 大 中 小 ]'
CHROME_BOT = '【打印本页】 【关闭窗口】\n主办单位：{site}  技术支持：信息中心'


# controls added after the fact: legitimate dates outside the fiscal year (plans, filing dates), which a
# careless YEAR-SCOPE rule would flag
LATE_CONTROLS = {
    'J03': [('future_measure', '作为2027年部门预算安排的参考依据', 'result application to a later budget year is a plan, not a result')],
    'J05': [],
    'J06': [('filing_date', '填报日期：2020年4月8日', 'a 2019 report is filed in 2020 — normal')],
    'J07': [('future_measure', '2021年培训养老护理员120人次', 'improvement measure for the next year')],
    'J10': [('future_measure', '2026年新增助餐配送点20个', 'improvement measure for the next year')],
    'J11': [('future_measure', '2020年将对末端管网实施增压改造', 'improvement measure for the next year')],
    'J12': [('filing_date', '填报日期：2021年4月10日', 'filed in Y+1 — normal'),
            ('future_measure', '列入2021年项目', 'unfinished work moved to next year — disclosed plan')],
    'J13': [('future_measure', '2026年新增叉车司机、养老护理员2个紧缺工种', 'improvement measure for the next year')],
}


def main():
    reports = []
    for mod in MODS:
        for fn in sorted(n for n in dir(mod) if n.startswith('J') and n[1:].isdigit()):
            reports.append(getattr(mod, fn)())
    key = {'version': 1, 'reports': {}}
    for r in reports:
        K = r['key']
        for kind, text, why in LATE_CONTROLS.get(r['rid'], []):
            K.c(kind, text, why, false_alarm_categories=['timeline', 'unsupported'])
        # a table total that equals the sum of displayed row scores is only a fair control when no row score is planted wrong
        wrong_rows = [d['id'] for d in K.defects if d['figures'].get('expected_s') is not None or d['kind'] == 'cost_direction'
                      or d['note'].startswith(('NA-SCORED', 'SCORE-CAP'))]
        if wrong_rows:
            for c in [c for c in K.controls if c['kind'] == 'total']:
                K.controls.remove(c)
                K.borderline.append(dict(id=f"{K.rid}-B{len(K.borderline) + 1}", kind='score_total', where=c['where'], text=c['text'],
                                         anchors=c['anchors'], indicator=None, categories=['scoring'],
                                         why=f"table total = Σ displayed rows, but {', '.join(wrong_rows)} plants a wrong row score; a recomputed-total finding is a knock-on"))
        verify_key(r['key'], r['doc'])
        base = f"{r['rid']}_{r['year']}_{r['unit']}"
        if r['shape'] == 'docx':
            fname = base + '.docx'
            render_docx(r['doc'], os.path.join(OUT, fname))
            from lib import plain_for_check
            size = sum(len(x) for x in plain_for_check(r['doc']))
        else:
            fname = base + '.txt'
            if r['shape'] == 'tab':
                txt = render_tab(r['doc'])
            elif r['shape'] == 'web':
                txt = render_web(r['doc'], CHROME_TOP.format(**r['chrome']), CHROME_BOT.format(**r['chrome']))
            else:
                txt = render_flat(r['doc'])
            with open(os.path.join(OUT, fname), 'w', encoding='utf-8') as f:
                f.write(txt)
            size = len(txt)
            blob = ''.join(txt.split())
            for it in r['key'].defects + r['key'].controls + r['key'].borderline:
                assert ''.join(it['text'].split()) in blob, (r['rid'], it['id'])
        K = r['key']
        key['reports'][r['rid']] = dict(file=fname, shape=r['shape'], kind=r['kind'], region=r['province'],
                                        unit=r['unit'], year=r['year'], chars=size,
                                        defects=K.defects, controls=K.controls, borderline=K.borderline)
        print(f"{r['rid']} {r['shape']:5} {r['kind']:7} chars={size:5} defects={len(K.defects):2} controls={len(K.controls):2} borderline={len(K.borderline)}")
    # every report must carry 6-12 planted defects and be 2000-6000 characters
    for rid, r in key['reports'].items():
        assert 6 <= len(r['defects']) <= 12, rid
        assert 2000 <= r['chars'] <= 6000, (rid, r['chars'])
        ids = [x['id'] for x in r['defects'] + r['controls'] + r['borderline']]
        assert len(ids) == len(set(ids)), rid
    with open(os.path.join(OUT, 'key.json'), 'w', encoding='utf-8') as f:
        json.dump(key, f, ensure_ascii=False, indent=1)
    import keymd
    keymd.write(key, os.path.join(OUT, 'KEY.md'))


if __name__ == '__main__':
    main()
