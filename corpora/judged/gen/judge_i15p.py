#!/usr/bin/env python3
"""Hand verdicts of the i15p session on narrcheck's findings on corpora/judged (the development set).

Every finding at warning or above and every info finding of a run was read against its passage and the
key; the verdicts are written here as rules over (report, rule, text) so that the same judgment applies
to the run before and the run after the fixes.  Anything not listed is "right" (checked: it matches a
planted defect or a true problem of the passage).

    python3 corpora/judged/gen/judge_i15p.py RUN.json OUT.jsonl
prints the counts (right / wrong / debatable, precision, restatement pairs) per severity group.
"""
import json
import re
import sys

# (report, rule, start of the finding's text) -> (verdict, reason)
WRONG = {
    ("*", "NC151", "经自评，"): ("wrong", "the template's conclusion sentence, each unit with its own score and grade; "
                                           "not a copied passage"),
    ("J03", "NC408", "优"): ("wrong", "total 100.48 is over 100 and has no band; message says 应为“”; the over-100 "
                                     "total is NC400's finding"),
    ("J04", "NC200", "有效（分有效/基本有效/无效三档）"): ("wrong", "control J04-C11: a declared tier standard with evidence"),
    ("J04", "NC206", "7.山洪灾害预警信息发布"): ("wrong", "control J04-C11: the density note counts the tier words "
                                                    "有效/基本有效 as vague and quotes the tiered row"),
    ("J09", "NC251", "建立县乡村三级路长制"): ("wrong", "control J09-C6: a deliverable target, the actual gives 路长1342名"),
    ("J11", "NC251", "建立县级统管机制"): ("wrong", "control J11-C4: a deliverable target, the actual gives 38座全部纳入"),
    ("J10", "NC303", "长者食堂中11处"): ("wrong", "control J10-C7: 12处长者食堂中11处 — 11 is a part of the 12 stated "
                                             "just before, which equals the row's actual"),
    ("J10", "NC150", "达成：12处"): ("wrong", "the row's tier standard quoted after 年度指标值 in the narrative's "
                                        "list of indicators; not a pasted paragraph"),
    ("J11", "NC205", "项目由县水利局牵头"): ("wrong", "an arrangement sentence (who leads, on which principle); no claim"),
    ("J09", "NC206", "（三）绩效指标完成情况"): ("wrong", "the density note quotes a heading with no vague word"),
}
# the J12 NC354 message before the fix divided by the part 2.36万亩
WRONG_IF_MESSAGE = [("J12", "NC354", "增长24.5%", "÷ (2.36万亩 − 0.86万亩) = 57.33%", "若增减指总数",
                     "J12-D2 is real (26.88%), but the message divides by the part 2.36万亩 (57.33%)")]
DEBATABLE = {
    ("*", "NC185", "产出指标"): "部门整体 form without a 成本 row: the 10号 template lists 成本 under 产出, many 部门整体 "
                               "forms omit it; not keyed",
    ("J01", "NC205", "二是绩效目标设置不够细化"): "a vague self-diagnosis in 问题; asking it for numbers is arguable",
    ("J01", "NC407", "8.4%"): "8.4% against ≥7% (1.2×): whether that needs an explanation is arguable",
    ("J02", "NC202", "社保待遇按时足额发放"): "goal wording 按时足额 is vague, but goals are commonly so worded",
    ("J05", "NC407", "61.2万人次"): "borderline J05-B1 of the key",
}
# restatements: (report, rule, text start) of the finding that repeats another one's problem
RESTATES = {
    ("J04", "NC300", "支出合计9960.69万元"): ("NC350", "one wrong total: off its parts (NC350) and off the form (NC300)"),
    ("J08", "NC300", "支出合计3207.64万元"): ("NC350", "one wrong total: off its parts (NC350) and off the form (NC300)"),
    ("J04", "NC300", "绩效自评得分99.77分"): ("NC001", "the form's 总分 97.50 is the wrong figure (NC001); the narrative "
                                                  "states the rows' sum"),
    ("J03", "NC180", "XX人"): ("NC180", "the narrative's list of indicators quotes the form's ≥XX人 (reported at the cell)"),
    ("J09", "NC206", "项目实施后，农村公路通行条件明显改善"): ("NC250", "the density note quotes the sentence NC250 reports"),
    ("J12", "NC256", "7.带动农民务工"): ("NC256", "the narrative's list quotes the form's 约1500人次 (also at the cell); "
                                          "info beside the warning"),
}


def _match(key, rid, f):
    r, rule, start = key
    return (r in ("*", rid)) and f["rule"] == rule and (f["text"] or "").strip().startswith(start)


def judge(rid, f):
    for key, (v, why) in WRONG.items():
        if _match(key, rid, f):
            return v, why, None
    for r, rule, start, bad, good, why in WRONG_IF_MESSAGE:
        if _match((r, rule, start), rid, f) and bad in f["message"] and good not in f["message"]:
            return "wrong", why, None
    for key, why in DEBATABLE.items():
        if _match(key, rid, f):
            return "debatable", why, None
    for key, (other, why) in RESTATES.items():
        if _match(key, rid, f):
            return "right", why, other
    return "right", "checked against the passage and the key", None


def main(run, out):
    d = json.load(open(run, encoding="utf-8"))
    rows = []
    for r in d["reports"]:
        rid = re.search(r"J\d\d", r["path"]).group()
        for i, f in enumerate(r["findings"]):
            v, why, other = judge(rid, f)
            rows.append({"report": rid, "index": i, "rule": f["rule"], "severity": f["severity"], "text": f["text"],
                         "also": [a["rule"] for a in f.get("also", [])], "verdict": v, "restates": other,
                         "reason": why, "group": "info" if f["severity"] == "info" else "warn+"})
    with open(out, "w", encoding="utf-8") as fh:
        for x in rows:
            fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    for name, sel in (("warning+", lambda x: x["group"] == "warn+"), ("errors", lambda x: x["severity"] == "error"),
                      ("warnings", lambda x: x["severity"] == "warning"), ("info", lambda x: x["group"] == "info")):
        xs = [x for x in rows if sel(x)]
        n = len(xs)
        rt = sum(x["verdict"] == "right" for x in xs)
        wr = sum(x["verdict"] == "wrong" for x in xs)
        db = n - rt - wr
        rs = sum(1 for x in xs if x["restates"])
        print(f"| {name} | {n} | {rt} | {wr} | {db} | {rt / max(1, rt + wr):.3f} | {rt / max(1, n):.3f} | {rs} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
