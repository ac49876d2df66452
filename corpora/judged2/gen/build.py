# -*- coding: utf-8 -*-
"""Build held-out reports H01-H16 + KEY.md + key.json from structured specs (specs.py).
Numbers are computed from sources and asserted; planted defects are explicit overrides (subs / tov / flags 'D')."""
import os, sys, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from core import *
import specs

CN = "一二三四五六七八九十"


def yi_er(items):
    return "；".join("%s是%s" % (CN[i], t) for i, t in enumerate(items)) + "。"


def funds_rows(s, title="年度预算执行情况（万元）"):
    F = s["funds"]
    tot = [sum(F[k][i] for k in F) for i in range(3)]
    s["_tot"] = tot
    rate = tot[2] / tot[1]
    w = s.get("exec_w", 10)
    sc = r2(min(rate, 1) * w)
    s["_rate"], s["_exec_s"] = rate, sc
    names = {"fiscal": "其中：财政拨款", "carry": "上年结转资金", "other": "其他资金"}
    rows = [[title, "项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [UP, "年度资金总额", f2(tot[0]), f2(tot[1]), f2(tot[2]), str(w), pct(tot[2], tot[1]), f2(sc)]]
    for k in F:
        v = F[k]
        rows.append([UP, names[k], f2(v[0]), f2(v[1]), f2(v[2]), "—", pct(v[2], v[1]) if v[1] else "—", "—"])
    return rows


def ind_rows(s):
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
    p1 = p2 = None
    w1 = {}
    for r in s["rows"]:
        w1[r["l1"]] = w1.get(r["l1"], 0) + (r["w"] or 0)
    for r in s["rows"]:
        l1 = "%s（%s分）" % (r["l1"], int(w1[r["l1"]])) if s.get("l1w", True) else r["l1"]
        c1 = UP if r["l1"] == p1 else l1
        c2 = UP if (r["l2"] == p2 and r["l1"] == p1) else r["l2"]
        p1, p2 = r["l1"], r["l2"]
        ws = ("%g" % r["w"]) if r["w"] is not None else ""
        ss = ("%g" % r["s"]) if r["s"] is not None else ""
        rows.append([c1, c2, r["name"], r["t"], r["a"], ws, ss, r.get("dev", "无")])
    return rows, w1


def apply_tov(rows, tov):
    for lab, col, new in tov:
        hit = False
        for row in rows:
            texts = [c.text if isinstance(c, Span) else c for c in row]
            if lab in texts:
                if isinstance(row[col], Span):
                    row[col].text = new
                else:
                    row[col] = new
                hit = True
                break
        assert hit, ("tov miss", lab)


def form(s, kind):
    rows_i, w1 = ind_rows(s)
    check_rows(s["rows"], s["id"])
    ind_sum = sum(r["s"] or 0 for r in s["rows"])
    wsum = sum(r["w"] or 0 for r in s["rows"]) + s.get("exec_w", 10)
    assert abs(wsum - 100) < 1e-9, (s["id"], wsum)
    fr = funds_rows(s)
    total = r2(ind_sum + s["_exec_s"])
    s["_total"] = total
    y = s["year"]
    if kind == "dept":
        head = [[Span("%d年度部门整体支出绩效自评表" % y, 8)],
                ["部门名称", Span(s["unit"], 3), "自评总分", Span(f2(total), 3)]]
        goal_lab = "年度总体目标"
    else:
        head = [[Span("项目支出绩效自评表（%d年度）" % y, 8)],
                ["项目名称", Span(s["pname"], 7)],
                ["主管部门", Span(s["unit"], 3), "实施单位", Span(s.get("impl", s["unit"]), 3)],
                ["项目类别", Span(s.get("pcat", "☑常年性项目　□延续性项目　□一次性项目"), 7)]]
        goal_lab = "年度总体目标"
    goal = [[goal_lab, Span("年初设定目标", 3), Span("实际完成情况", 4)],
            [UP, Span(s["goal_t"], 3), Span(s["goal_a"], 4)]]
    tail = [[Span("总分", 5), "100", f2(total), ""],
            ["评价结论", Span(s.get("concl", "自评等级：%s" % grade_of(total)), 7)]]
    allrows = head + fr + goal + rows_i + tail
    apply_tov(allrows, s.get("tov", []))
    title = "附件：%s" % ("%d年度部门整体支出绩效自评表" % y if kind == "dept" else "项目支出绩效自评表")
    if s["shape"] == "docx":
        k = len(head + fr + goal) + (len(rows_i) // 2)
        t1, t2 = allrows[:k], allrows[k:]
        # continuation rows starting with UP need a real first cell in the new table
        for j, c in enumerate(t2[0]):
            if c is UP:
                for back in range(k - 1, -1, -1):
                    cc = allrows[back][j]
                    if cc is not UP:
                        t2[0][j] = cc.text if isinstance(cc, Span) else cc
                        break
        return [("table", title, t1), ("table", "", t2)]
    return [("table", title, allrows)]


def money_sentence(s):
    F, tot = s["funds"], s["_tot"]
    return "%d年度全年预算数%s万元，其中：财政拨款%s万元，上年结转资金%s万元，其他资金%s万元。" % (
        s["year"], f2(tot[1]), f2(F["fiscal"][1]), f2(F["carry"][1]), f2(F["other"][1]))


def fenbie(names, amts, what="支出"):
    return "%s%d个项目，分别%s%s" % ("、".join(names), len(names), what, "、".join(f2(a) + "万元" for a in amts))


def ind_summary(s):
    rows = [r for r in s["rows"] if r["w"] is not None]
    c = [sum(1 for r in rows if r["l1"] == k) for k in ("产出指标", "效益指标", "满意度指标")]
    full = sum(1 for r in rows if r["s"] >= r["w"] - 1e-9)
    assert sum(c) == len(rows)
    return "本年度共设置三级绩效指标%d个，其中产出指标%d个、效益指标%d个、满意度指标%d个；得满分指标%d个，扣分指标%d个。" % (
        len(rows), c[0], c[1], c[2], full, len(rows) - full)


def build_dept(s):
    y, tot = s["year"], None
    blocks = []
    fblocks = form(s, "dept")
    tot = s["_tot"]
    P, G = s["p"], s["g"]
    projs = s["projs"]
    proj = r2(sum(a for _, a in projs))
    basic = r2(P + G)
    ex = r2(basic + proj)
    assert abs(ex - tot[2]) < 0.005, (s["id"], ex, tot[2])
    prev = s["prev"]
    d = r2(ex - prev)
    gr = d / prev * 100
    assert s["sy"] == s["adm"] + s["ins"], s["id"]
    b = blocks.append
    import re as _re
    comps = _re.findall(r".+?(?:省|市|州|县|区)", s["place"])
    head = s["unit"] if any(c in s["unit"] for c in comps) else s["place"] + s["unit"]
    b(("h", s.get("title", "%s%d年度部门整体支出绩效自评报告" % (head, y))))
    b(("p", "部门（单位）名称：%s（盖章）" % s["unit"]))
    b(("p", s.get("cover_date", "填报日期：%d年3月%d日" % (y + 1, s.get("day", 15)))))
    b(("h", "一、部门基本情况"))
    b(("p", "（一）部门职能"))
    b(("p", s.get("duty_intro", "根据机构改革方案和“三定”规定，%s的主要职责是：" % s["unit"])))
    for i, t in enumerate(s["duties"]):
        b(("p", "%d.%s" % (i + 1, t)))
    b(("p", "（二）机构设置及人员情况"))
    b(("p", s["org"] + "核定编制%d名，%d年末实有人数%d人，其中行政编制人员%d人、事业编制人员%d人。" % (
        s["bz"], y, s["sy"], s["adm"], s["ins"]) + s.get("staff_extra", "")))
    b(("p", "（三）年度主要工作任务"))
    b(("p", "%d年，我局（单位）围绕年度目标，重点抓好以下工作：" % y + yi_er(s["tasks"])))
    b(("h", "二、部门整体支出情况"))
    b(("p", "（一）收入情况。" + money_sentence(s)))
    up = "增加" if d >= 0 else "减少"
    gw = "增长" if d >= 0 else "下降"
    b(("p", "（二）支出情况。全年支出%s万元，较上年%s万元%s%s万元，%s%.2f%%。其中：基本支出%s万元，占总支出的%.2f%%，包括人员经费%s万元、公用经费%s万元；项目支出%s万元，占总支出的%.2f%%。" % (
        f2(ex), f2(prev), up, f2(abs(d)), gw, abs(gr), f2(basic), basic / ex * 100, f2(P), f2(G), f2(proj), proj / ex * 100)))
    b(("p", "项目支出主要用于" + fenbie([n for n, _ in projs], [a for _, a in projs]) + "，" + s.get("proj_use", "均按预算用途使用。")))
    sb, sa, sp = s["sangong"]
    sd = r2(sp - sa)
    b(("p", "（三）“三公”经费情况。全年“三公”经费预算%s万元，实际支出%s万元，控制率%.2f%%，较上年%s万元%s%s万元。%s" % (
        f2(sb), f2(sa), sa / sb * 100, f2(sp), "减少" if sd >= 0 else "增加", f2(abs(sd)), s.get("sg_extra", ""))))
    b(("h", "三、部门整体支出绩效情况"))
    b(("p", "（一）预算执行情况。全年预算数%s万元，全年执行数%s万元，预算执行率%s，按执行率计算得分%s分。" % (
        f2(tot[1]), f2(tot[2]), pct(tot[2], tot[1]), f2(s["_exec_s"]))))
    b(("p", "（二）绩效目标完成情况。" + ind_summary(s)))
    for t in s["results"]:
        b(("p", t))
    for i in s.get("cite", []):
        r = s["rows"][i]
        b(("p", "%s：年度指标值%s，实际完成%s，得分%g分。" % (r["name"], r["t"], r["a"], r["s"])))
    if s.get("mgmt"):
        b(("p", "（三）部门管理情况。"))
        for t in s["mgmt"]:
            b(("p", t))
    b(("h", "四、自评结论"))
    b(("p", "经自评，%s%d年度部门整体支出绩效自评得分%s分，自评等级为“%s”。%s" % (
        s["unit"], y, f2(s["_total"]), grade_of(s["_total"]), s.get("concl_extra", ""))))
    b(("h", "五、存在的问题及原因分析"))
    b(("p", yi_er(s["problems"])))
    b(("h", "六、下一步改进措施"))
    b(("p", yi_er(s["measures"])))
    b(("h", "七、其他需要说明的情况"))
    b(("p", s.get("other", "无。")))
    blocks += fblocks
    return blocks


def build_proj(s):
    y = s["year"]
    fblocks = form(s, "proj")
    tot = s["_tot"]
    uses = s["uses"]
    assert abs(sum(a for _, a in uses) - tot[2]) < 0.005, (s["id"], sum(a for _, a in uses), tot[2])
    blocks = []
    b = blocks.append
    pn = s["pname"] if s["pname"].endswith("项目") else s["pname"] + "项目"
    b(("h", s.get("title", "%s%d年度%s支出绩效自评报告" % (s["place"], y, pn))))
    b(("p", s.get("cover_date", "填报单位：%s　　填报日期：%d年2月%d日" % (s["unit"], y + 1, s.get("day", 20)))))
    b(("h", "一、项目基本情况"))
    b(("p", "（一）项目概况"))
    for t in s["bg"]:
        b(("p", t))
    if s.get("impl_text"):
        b(("p", "（二）项目组织实施情况"))
        for t in s["impl_text"]:
            b(("p", t))
    b(("h", "二、项目资金投入及使用情况"))
    b(("p", "（一）资金安排情况。" + money_sentence(s)))
    b(("p", "（二）资金使用情况。截至%d年12月31日，项目实际支出%s万元，预算执行率%s。资金主要用于%s" % (
        y, f2(tot[2]), pct(tot[2], tot[1]), "、".join(n for n, _ in uses)) + "，分别支出" + "、".join(f2(a) + "万元" for _, a in uses) + "。" + s.get("fund_extra", "")))
    b(("h", "三、项目绩效目标完成情况"))
    b(("p", ind_summary(s)))
    for t in s["results"]:
        b(("p", t))
    for i in s.get("cite", []):
        r = s["rows"][i]
        b(("p", "%s：年度指标值%s，实际完成%s，得分%g分。" % (r["name"], r["t"], r["a"], r["s"])))
    b(("h", "四、偏差情况及原因分析"))
    b(("p", s.get("dev_text", "无明显偏差。")))
    b(("h", "五、自评结论"))
    b(("p", "经自评，该项目%d年度绩效自评得分%s分，其中预算执行率得分%s分，绩效指标得分%s分，自评等级为“%s”。%s" % (
        y, f2(s["_total"]), f2(s["_exec_s"]), f2(r2(s["_total"] - s["_exec_s"])), grade_of(s["_total"]), s.get("concl_extra", ""))))
    b(("h", "六、存在的问题及改进措施"))
    b(("p", yi_er(s["problems"])))
    b(("p", s.get("measures_lead", "下一步，") + yi_er(s["measures"])))
    if s.get("apply"):
        b(("h", "七、绩效自评结果应用"))
        b(("p", s["apply"]))
    blocks += fblocks
    return blocks


def apply_subs(blocks, subs, rid):
    for old, new in subs:
        hit = False
        for i, bl in enumerate(blocks):
            if bl[0] in ("p", "h") and old in bl[1]:
                blocks[i] = (bl[0], bl[1].replace(old, new, 1))
                hit = True
                break
        assert hit, (rid, "sub miss", old)


def locate(blocks, anchor, table_first=False, label=None):
    if table_first:
        r = locate([b for b in blocks if b[0] == "table"], anchor, label=label)
        if r != "?":
            return r
    sec = ""
    for bl in blocks:
        if bl[0] == "h":
            sec = bl[1]
            if anchor in bl[1]:
                return "narrative heading: " + bl[1][:40]
        elif bl[0] == "p":
            if anchor in bl[1]:
                return "narrative §" + sec[:30]
        else:
            for row in bl[2]:
                texts = [c.text if isinstance(c, Span) else (c if c is not UP else "") for c in row]
                if label and label not in texts:
                    continue
                for j in range(len(texts) - 1, -1, -1):
                    t = texts[j]
                    if anchor in str(t):
                        lab = label or next((x for x in texts if x and x != t), "")
                        return "form %s | row starting %s | cell %d" % ((bl[1] or "(续表)")[:30], str(lab)[:24], j)
    return "?"


def main():
    os.makedirs(os.path.join(OUT, "gen", "plain"), exist_ok=True)
    allkey = {}
    md = ["# Held-out set 2 — answer key", "",
          "Generated by gen/build.py. Severity = what a careful reviewer would expect. "
          "Types: D = planted defect, C = control (correct; flagging it is a false alarm), B = borderline (judge by hand; not counted either way). "
          "`text` is an exact substring of the report (for .docx: of the cell/paragraph text). "
          "Template boilerplate sentences recur across reports by design (one generator); cross-report `duplicate` findings on them are 'neither'.", ""]
    stats = {}
    for s in specs.SPECS:
        rid = s["id"]
        blocks = build_dept(s) if s["kind"] == "dept" else build_proj(s)
        apply_subs(blocks, s.get("subs", []), rid)
        path, txt = write(rid, s["shape"], blocks)
        plain = render_tab(blocks)
        n = len(txt)
        items = []
        cnt = {"D": 0, "C": 0, "B": 0}
        for it in s["key"]:
            t = it["t"]
            cnt[t] += 1
            it2 = dict(it)
            it2["id"] = "%s-%s%d" % (rid, t, cnt[t])
            it2["type"] = {"D": "defect", "C": "control", "B": "borderline"}[t]
            del it2["t"]
            for a in [it["text"]] + it.get("alt", []):
                assert a in plain, (rid, "anchor not in doc", a)
            lab = it.get("indicator") or it.get("row")
            it2["where"] = locate(blocks, it["text"], bool(lab), lab)
            items.append(it2)
        meta = {"file": os.path.basename(path), "shape": s["shape"], "kind": s["kind"],
                "province": s["prov"], "place": s["place"], "unit": s["unit"], "year": s["year"],
                "chars": len(plain), "total_score_true": s["_total"], "items": items}
        allkey[rid] = meta
        stats[rid] = (s["shape"], s["kind"], len(plain), cnt)
        md.append("## %s — %s %s %s（%d年度，%s，%s，%d字）" % (rid, s["prov"], s["place"], s["unit"], s["year"],
                                                           "部门整体" if s["kind"] == "dept" else "项目", s["shape"], len(plain)))
        md.append("")
        md.append("| id | kind | sev | text (exact) | where | figures / why |")
        md.append("|---|---|---|---|---|---|")
        for it in items:
            ind = (" [指标: %s]" % it["indicator"]) if it.get("indicator") else ((" [行: %s]" % it["row"]) if it.get("row") else "")
            md.append("| %s | %s | %s | `%s`%s | %s | %s |" % (it["id"], it["kind"], it.get("sev", ""),
                                                  it["text"].replace("|", "\\|"), ind, it["where"].replace("|", "/"), it["why"].replace("|", "\\|")))
        md.append("")
    # summary tables
    from collections import Counter
    byk = {t: Counter() for t in ("defect", "control", "borderline")}
    bys = {}
    for rid, m in allkey.items():
        for it in m["items"]:
            byk[it["type"]][it["kind"]] += 1
        c = Counter(it["type"] for it in m["items"])
        b = bys.setdefault(m["shape"], Counter())
        b["reports"] += 1
        for t in ("defect", "control", "borderline"):
            b[t] += c[t]
    kinds = sorted(set().union(*[set(v) for v in byk.values()]))
    summ = ["## Summary", "", "| kind | defects | controls | borderline |", "|---|---|---|---|"]
    for k in kinds:
        summ.append("| %s | %d | %d | %d |" % (k, byk["defect"][k], byk["control"][k], byk["borderline"][k]))
    summ.append("| **total** | %d | %d | %d |" % tuple(sum(byk[t].values()) for t in ("defect", "control", "borderline")))
    summ += ["", "| shape | reports | defects | controls | borderline |", "|---|---|---|---|---|"]
    for sh, b in sorted(bys.items()):
        summ.append("| %s | %d | %d | %d | %d |" % (sh, b["reports"], b["defect"], b["control"], b["borderline"]))
    summ += ["", "Severity: error = certainly wrong arithmetic/score; warning = reviewer would send it back; info = worth a look. "
             "A finding on a defect with a different category or severity still counts as found (score.py reports both).", ""]
    md[4:4] = summ
    with open(os.path.join(OUT, "key.json"), "w") as fh:
        json.dump(allkey, fh, ensure_ascii=False, indent=1)
    md += ["## Using the key", "",
           "Run narrcheck on each file (or all at once) with `--format json`, then "
           "`python3 gen/score.py OUT.json [--key key.json] [--id H07] [--json res.json]`. "
           "Each finding is labelled DEFECT (matches a planted defect), CONTROL (false alarm on a correct figure), "
           "BORDERLINE (not counted) or UNJUDGED (judge by hand — may be a real issue the key does not list, e.g. "
           "template sentences the generator repeats across reports). Matching uses the exact `text` anchor, the "
           "indicator/row name (evidence.indicator / evidence.row) and the category. "
           "precision_judged = DEFECT / (DEFECT + CONTROL); recall = planted defects found / planted.", "",
           "Rebuild: `/work/main/.venv/bin/python gen/build.py` (asserts sums, rates, scores and that every anchor is in its report). "
           "`gen/plain/H07.tab.txt`, `H13.tab.txt` are tab-text renderings of the two .docx files, for reference only."]
    with open(os.path.join(OUT, "KEY.md"), "w") as fh:
        fh.write("\n".join(md) + "\n")
    for k, v in stats.items():
        print(k, v)


if __name__ == "__main__":
    main()
