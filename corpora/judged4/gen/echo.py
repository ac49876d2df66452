# per-report indicator echo sections: each officer words the item-by-item account differently
from core import numfmt
SKIP = ('……', '请填写', 'XX')
FR = {
 'L01': ('附：绩效指标逐项完成情况', '{i}. {name}：目标{tgt}，完成{act}，得{s}分（分值{w}分）。'),
 'L02': ('（附）三级指标得分明细', '“{name}”指标权重{w}分，年度指标值{tgt}，实际完成值{act}，自评{s}分；'),
 'L03': ('第八部分 指标完成情况明细', '{name}——设定{tgt}，实现{act}，{w}分中得{s}分。'),
 'L04': ('八、各项指标得分说明', '（{i}）{name}，分值{w}分，年度指标值{tgt}，全年实际值{act}，得分{s}分。'),
 'L05': ('九、评分表各项得分情况', '{name}{w}分，自评{s}分'),
 'L06': ('八、分项指标自评情况', '{i}）{name}：年度目标值{tgt}，全年实际值{act}，得分系数{coef}%，分值{w}分，得{s}分。'),
 'L07': ('八、绩效指标完成情况一览', '{name}，年初目标值{tgt}，实际完成值{act}，{s}分/{w}分。'),
 'L09': ('九、各指标完成值与得分', '{name}：指标值{tgt}，完成值{act}，权重{w}，得分{s}；'),
 'L10': ('九、分项指标完成说明', '{i}.{name}，年度目标值{tgt}，全年实际值{act}，得{s}分（满分{w}分）。'),
 'L11': ('八、指标完成与得分对照', '{name}的年度指标值为{tgt}，全年实际值为{act}，分值{w}分，自评得分{s}分。'),
 'L12': ('八、绩效指标逐项自评', '第{i}项{name}，年初目标值{tgt}，实际完成值{act}，该项{w}分，得{s}分。'),
 'L13': ('九、指标完成情况', '- {name}：年度指标值{tgt}；实际完成值{act}；分值{w}；得分{s}。'),
 'L14': ('八、各项指标得分', '{name}（{w}分）：年初{tgt}，年末{act}，得{s}分；'),
 'L15': ('七、指标完成情况', '{name}，指标值{tgt}，完成值{act}，权重{w}分，得分{s}分。'),
 'L16': ('九、指标自评明细', '{i}、{name}指标，年度指标值{tgt}，实际完成值{act}，分值{w}分，自评得{s}分。'),
}
def echo(rid, inds):
    if rid not in FR or not inds: return []
    h, fr = FR[rid]; lines = []
    for i, r in enumerate(inds, 1):
        if any(x in str(r.get('tgt', '')) + str(r.get('act', '')) for x in SKIP): continue
        lines.append(fr.format(i=i, name=r['name'], tgt=r.get('tgt', ''), act=r.get('act', ''), w=numfmt(r['w']), s=numfmt(r['s']), coef=r.get('coef', '')))
    if rid in ('L02', 'L05', 'L09', 'L14'):
        body = [('p', ''.join(lines).rstrip('；;') + '。')] if rid != 'L05' else [('p', '；'.join(lines) + '。')]
    else:
        body = [('p', l) for l in lines]
    return [('h', h)] + body
