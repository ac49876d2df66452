#!/usr/bin/env python3
"""Score narrcheck JSON output against the held-out key.

usage: score.py NARRCHECK.json [--key ../key.json] [--id H01] [--json OUT.json] [-q]

NARRCHECK.json: the object printed by `narrcheck check ... --format json` ({"reports": [...]}),
or a bare list of report objects, or a dict path -> report. Each report needs `path` (or `file`/`id`)
containing H01..H16 (or pass --id when the file holds one report) and `findings`.

Each finding is matched to the key items of its report:
  * anchor: key `text` (or `alt`) equals/contains/is contained in finding `text`, or appears in its evidence;
  * indicator/row: key `indicator`/`row` equals evidence.indicator / evidence.row / location.row-name;
  * category: finding.category == key kind (preferred, not required).
A finding is labelled DEFECT (true positive), CONTROL (false alarm), BORDERLINE, or UNJUDGED (judge by hand).
Then every planted defect is listed as found/missed.
"""
import json, re, sys, os, argparse

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    if s is None:
        return ""
    return re.sub(r"\s+", "", str(s)).replace("％", "%").replace("（", "(").replace("）", ")")


def load_reports(obj):
    if isinstance(obj, dict) and "reports" in obj:
        obj = obj["reports"]
    if isinstance(obj, dict):
        out = []
        for k, v in obj.items():
            v = dict(v)
            v.setdefault("path", k)
            out.append(v)
        return out
    return list(obj)


def rid_of(rep, forced=None):
    if forced:
        return forced
    for k in ("path", "file", "id"):
        m = re.search(r"H\d\d", str(rep.get(k, "")))
        if m:
            return m.group(0)
    m = re.search(r"H\d\d", json.dumps(rep.get("meta", {}), ensure_ascii=False))
    return m.group(0) if m else None


def finding_fields(f):
    ev = f.get("evidence") or {}
    loc = f.get("location") or {}
    names = set()
    if isinstance(ev, dict):
        for k in ("indicator", "row", "name"):
            if ev.get(k):
                names.add(norm(ev[k]))
    if isinstance(loc, dict):
        for k in ("indicator", "row_name", "row_label"):
            if loc.get(k):
                names.add(norm(loc[k]))
        if isinstance(loc.get("row"), str):
            names.add(norm(loc["row"]))
    return (norm(f.get("text")), norm(json.dumps(ev, ensure_ascii=False)),
            norm(json.dumps(loc, ensure_ascii=False)), names, f.get("category") or "", norm(f.get("message")))


def match_score(item, ff):
    ftext, fev, floc, names, cat, msg = ff
    anchors = [norm(a) for a in [item["text"]] + item.get("alt", []) if norm(a)]
    key_names = {norm(item[k]) for k in ("indicator", "row") if item.get(k)}
    name_hit = bool(key_names & names) or any(kn and (kn in floc) for kn in key_names)
    anc_hit = 0
    for a in anchors:
        if ftext and (a == ftext):
            anc_hit = max(anc_hit, 3)
        elif ftext and len(a) >= 3 and a in ftext:
            anc_hit = max(anc_hit, 2)
        elif ftext and len(ftext) >= 3 and ftext in a:
            anc_hit = max(anc_hit, 2 if len(ftext) >= min(6, len(a)) else 1)
        elif len(a) >= 5 and a in fev:
            anc_hit = max(anc_hit, 1)
    if key_names and names and not name_hit:
        return 0  # the finding names another indicator/row
    if key_names:
        # short anchors such as '100%' or '12' must be tied to their row
        if not name_hit and not (anc_hit >= 2 and max(len(a) for a in anchors) >= 5):
            return 0
    elif anc_hit == 0:
        return 0
    sc = anc_hit + (3 if name_hit else 0) + (2 if cat == item["kind"] else 0)
    return sc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--key", default=os.path.join(HERE, "..", "key.json"))
    ap.add_argument("--id", default=None, help="report id when the output holds one unnamed report")
    ap.add_argument("--json", default=None, help="write machine-readable result here")
    ap.add_argument("-q", action="store_true", help="summary only")
    a = ap.parse_args()
    key = json.load(open(a.key))
    reps = load_reports(json.load(open(a.output)))
    res = {"findings": [], "defects": []}
    seen_ids = set()
    found = {}
    for rep in reps:
        rid = rid_of(rep, a.id)
        if rid not in key:
            print("?? report not in key:", rep.get("path"), file=sys.stderr)
            continue
        seen_ids.add(rid)
        items = key[rid]["items"]
        for i, f in enumerate(rep.get("findings", [])):
            ff = finding_fields(f)
            best, bs = None, 0
            for it in items:
                s = match_score(it, ff)
                # prefer defects over controls at equal strength
                if s > bs or (s == bs and s > 0 and best is not None and best["type"] != "defect" and it["type"] == "defect"):
                    best, bs = it, s
            if best is None:
                label = "UNJUDGED"
            else:
                label = {"defect": "DEFECT", "control": "CONTROL", "borderline": "BORDERLINE"}[best["type"]]
            row = dict(report=rid, n=i, rule=f.get("rule"), category=f.get("category"), severity=f.get("severity"),
                       text=f.get("text"), label=label, key=best["id"] if best else None, strength=bs,
                       cat_ok=(best is not None and best["kind"] == f.get("category")),
                       sev_expected=best.get("sev") if best else None)
            res["findings"].append(row)
            if best is not None and best["type"] == "defect":
                found.setdefault(best["id"], []).append(row)
    for rid in sorted(seen_ids):
        for it in key[rid]["items"]:
            if it["type"] != "defect":
                continue
            hits = found.get(it["id"], [])
            res["defects"].append(dict(id=it["id"], kind=it["kind"], sev=it["sev"], text=it["text"],
                                       found=bool(hits), cat_ok=any(h["cat_ok"] for h in hits),
                                       by=[(h["rule"], h["category"], h["severity"]) for h in hits]))
    F = res["findings"]
    cnt = {l: sum(1 for r in F if r["label"] == l) for l in ("DEFECT", "CONTROL", "BORDERLINE", "UNJUDGED")}
    D = res["defects"]
    nf = sum(1 for d in D if d["found"])
    summ = dict(reports=len(seen_ids), findings=len(F), **cnt,
                precision_judged=(cnt["DEFECT"] / (cnt["DEFECT"] + cnt["CONTROL"])) if (cnt["DEFECT"] + cnt["CONTROL"]) else None,
                defects=len(D), defects_found=nf, recall=(nf / len(D)) if D else None,
                defects_found_same_category=sum(1 for d in D if d["cat_ok"]))
    res["summary"] = summ
    if not a.q:
        print("== findings")
        for r in F:
            extra = "" if r["label"] in ("UNJUDGED",) else " -> %s%s" % (r["key"], "" if r["cat_ok"] else " (category differs)")
            if r["label"] == "DEFECT" and r["sev_expected"] and r["severity"] != r["sev_expected"]:
                extra += " [sev %s, key expects %s]" % (r["severity"], r["sev_expected"])
            print("%s #%d %-10s %s/%s/%s %r%s" % (r["report"], r["n"], r["label"], r["rule"], r["category"], r["severity"],
                                                (r["text"] or "")[:40], extra))
        print("== planted defects")
        for d in D:
            print("%-8s %-8s %-11s %-7s %r %s" % (d["id"], "FOUND" if d["found"] else "missed", d["kind"], d["sev"],
                                              d["text"][:40], d["by"] if d["found"] else ""))
        print("== by kind")
        kinds = sorted({d["kind"] for d in D})
        for k in kinds:
            ds = [d for d in D if d["kind"] == k]
            print("  %-11s %d/%d found" % (k, sum(d["found"] for d in ds), len(ds)))
    print("== summary")
    print(json.dumps(summ, ensure_ascii=False, indent=1))
    if a.json:
        json.dump(res, open(a.json, "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
