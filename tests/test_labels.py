"""The labelled-data loop: export → label (Label Studio) → import → train, plain
JSONL import, and labels harvested from a reviewed annotated Word copy."""
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrcheck.cli import app
from narrcheck.labels import read_labels
from narrcheck.render.docx import read_comments
from narrcheck.render.text import CAT_ZH

from conftest import ROOT, seed

runner = CliRunner()
VAGUE = ROOT / "corpora" / "labels" / "vague.jsonl"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _jsonl(p):
    return [json.loads(x) for x in Path(p).read_text(encoding="utf-8").splitlines() if x.strip()]


def test_export_writes_jsonl_and_label_studio_tasks_with_findings_as_predictions(tmp_path):
    res = runner.invoke(app, ["export", str(seed("004")), str(seed("002")), "-o", str(tmp_path / "exp")])
    assert res.exit_code == 0, res.output
    items = _jsonl(tmp_path / "exp" / "chunks.jsonl")
    tasks = json.loads((tmp_path / "exp" / "label-studio.json").read_text(encoding="utf-8"))
    assert len(items) == len(tasks) > 100
    assert {i["kind"] for i in items} == {"sentence", "cell", "paragraph"}
    assert all(i["label"] is None and i["text"].strip() for i in items)
    assert len({i["id"] for i in items}) == len(items)
    # findings ride along as pre-annotations, with offsets into the item's text
    with_f = [i for i in items if i["findings"]]
    assert with_f
    for i in with_f:
        for f in i["findings"]:
            assert i["text"][f["start"]:f["end"]] == f["text"]
    by_id = {t["data"]["id"]: t for t in tasks}
    for i in with_f:
        pred = by_id[i["id"]]["predictions"][0]["result"]
        spans = [r for r in pred if r["type"] == "labels"]
        for r in spans:
            v = r["value"]
            assert i["text"][v["start"]:v["end"]] == v["text"]
            assert v["labels"][0] in {CAT_ZH[f["category"]] for f in i["findings"]}     # Chinese for the annotator
    # the labelling config names the fields the tasks carry
    import xml.etree.ElementTree as ET

    cfg = ET.fromstring((tmp_path / "exp" / "label-studio.xml").read_text(encoding="utf-8"))
    assert {c.get("value") for c in cfg.iter("Choice")} == {"空泛", "具体", "中性"}
    assert {c.get("value") for c in cfg.iter("Label")} == set(CAT_ZH.values())
    assert cfg.find("Text").get("value") == "$text"
    # ids are those of corpora/labels (scripts/extract_label_items.py), so labels merge
    if VAGUE.exists():
        known = {r["id"] for r in _jsonl(VAGUE)}
        ours = {i["id"] for i in items if i["kind"] != "paragraph"}
        assert len(ours & known) / len(ours) > 0.8


def _label_studio_export(tasks, labels):
    """What Label Studio's JSON export looks like after an annotator went through the tasks."""
    out = []
    for n, t in enumerate(tasks):
        lab = labels.get(t["data"]["id"])
        task = {"id": 1000 + n, "data": t["data"], "predictions": t.get("predictions", []), "annotations": []}
        if lab:
            task["annotations"].append({"id": 5000 + n, "was_cancelled": False, "created_at": "2024-05-01T10:00:00Z",
                                        "result": [{"from_name": "label", "to_name": "text", "type": "choices",
                                                    "value": {"choices": [lab]}}]})
            if n % 7 == 0:     # a cancelled annotation does not count
                task["annotations"].append({"id": 9000 + n, "was_cancelled": True, "created_at": "2024-06-01",
                                            "result": [{"from_name": "label", "to_name": "text", "type": "choices",
                                                        "value": {"choices": ["neutral"]}}]})
        out.append(task)
    return out


@pytest.mark.skipif(not VAGUE.exists(), reason="corpora/labels/vague.jsonl missing")
def test_round_trip_export_label_import_train(tmp_path):
    # 1. export two reports
    res = runner.invoke(app, ["export", str(seed("000")), str(seed("003")), "-o", str(tmp_path / "exp"),
                              "--kinds", "sentence,cell"])
    assert res.exit_code == 0, res.output
    tasks = json.loads((tmp_path / "exp" / "label-studio.json").read_text(encoding="utf-8"))
    # 2. "label" them: the annotator's answers are the project's labels for these items
    gold = {r["id"]: r["label"] for r in _jsonl(VAGUE) if r.get("label")}
    labelled = {t["data"]["id"]: gold[t["data"]["id"]] for t in tasks if t["data"]["id"] in gold}
    zh = {"vague": "空泛", "specific": "具体", "neutral": "中性"}     # what the annotator clicks
    assert len(labelled) > 50
    ls = tmp_path / "project-1-at-2024-05-01.json"
    ls.write_text(json.dumps(_label_studio_export(tasks, {k: zh[v] for k, v in labelled.items()}),
                             ensure_ascii=False), encoding="utf-8")
    # 3. import
    imported = tmp_path / "labels" / "imported" / "ls.jsonl"
    res = runner.invoke(app, ["import-labels", str(ls), "-o", str(imported)])
    assert res.exit_code == 0, res.output
    recs = _jsonl(imported)
    assert {r["id"]: r["label"] for r in recs} == labelled
    assert all(r["origin"] == "label-studio" and r["text"] for r in recs)
    # 4. train on a small base set (other reports) plus the imported labels; twice → before/after
    base = tmp_path / "base.jsonl"
    others = [r for r in _jsonl(VAGUE) if r.get("label") and not r["source"].startswith(("000_", "003_"))]
    base.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in others[:260]), encoding="utf-8")
    models = tmp_path / "models"
    res = runner.invoke(app, ["train", "--labels", str(base), "--extra", str(imported), "--models", str(models)])
    assert res.exit_code == 0, res.output
    assert "训练前 —" in res.stdout and "训练后 P" in res.stdout
    card = json.loads((models / "vague_classifier.json").read_text(encoding="utf-8"))
    assert card["n_items"] == len({r["id"] for r in others[:260]} | set(labelled))
    assert any(str(imported) in d or d.endswith("ls.jsonl") for d in card["data"])
    assert (models / "vague_classifier.joblib").stat().st_size > 1000
    res = runner.invoke(app, ["train", "--labels", str(base), "--extra", str(imported), "--models", str(models)])
    assert res.exit_code == 0 and "训练前 P" in res.stdout and "训练后 P" in res.stdout


def test_import_jsonl_and_label_studio_min(tmp_path):
    jl = tmp_path / "mine.jsonl"
    jl.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "a", "text": "全年开展宣传718场次", "label": "specific"},
        {"id": "b", "text": "效果明显", "label": ["vague"]},
        {"id": "c", "text": "尚未标注", "label": None},
        {"text": "群众满意度较高", "label": "vague", "source": "x.txt"},
    ]) + "\n", encoding="utf-8")
    mini = tmp_path / "min.json"
    mini.write_text(json.dumps([{"id": "d", "text": "一、部门基本情况", "label": "neutral", "annotator": 1},
                                {"id": "e", "text": "没标", "label": ""}], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["import-labels", str(jl), str(mini), "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = {r["id"]: (r["label"], r["origin"]) for r in _jsonl(out)}
    assert got["a"] == ("specific", "jsonl") and got["b"] == ("vague", "jsonl") and got["d"] == ("neutral",
                                                                                              "label-studio-min")
    assert "c" not in got and "e" not in got and len(got) == 4
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    res = runner.invoke(app, ["import-labels", str(bad), "-o", str(out)])
    assert res.exit_code == 2 and "bad.jsonl:1" in res.stderr


def _comments_part(d):
    for rel in d.part.rels.values():
        if rel.reltype.endswith("/comments"):
            return rel.target_part
    raise AssertionError("no comments part")


def _delete_comment(d, cid: str):
    part = _comments_part(d)
    for c in part.element.findall(f"{{{W}}}comment"):
        if c.get(f"{{{W}}}id") == cid:
            c.getparent().remove(c)
    body = d.element.body
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for el in body.iter(f"{{{W}}}{tag}"):
            if el.get(f"{{{W}}}id") == cid:
                el.getparent().remove(el)
                break
    for ref in body.iter(f"{{{W}}}commentReference"):
        if ref.get(f"{{{W}}}id") == cid:
            run = ref.getparent()
            run.getparent().remove(run)
            break


def _reply(d, cid: str, text: str, author: str = "审阅人"):
    """A reviewer's reply on comment ``cid``, anchored on the same text (as Word does)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    c = d.comments.add_comment(text=text, author=author, initials="SY")
    body = d.element.body
    for tag in ("commentRangeStart", "commentRangeEnd"):
        el = next(e for e in body.iter(f"{{{W}}}{tag}") if e.get(f"{{{W}}}id") == cid)
        el.addnext(OxmlElement(f"w:{tag}", attrs={qn("w:id"): str(c.comment_id)}))


def annotated_copy(tmp_path):
    """The annotated Word copy of seed 004 and its comments."""
    out_dir = tmp_path / "annotated"
    res = runner.invoke(app, ["check", str(seed("004")), "--format", "docx", "-o", str(out_dir), "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    annotated = next(out_dir.glob("*.narrcheck.docx"))
    return annotated, read_comments(str(annotated))


def test_harvest_a_reviewed_word_copy(tmp_path):
    import docx

    annotated, comments = annotated_copy(tmp_path)
    out_dir = annotated.parent
    assert len(comments) >= 3
    deleted, answered = comments[0], comments[1]
    # the reviewer deletes one comment, answers another, leaves the rest
    d = docx.Document(str(annotated))
    _delete_comment(d, str(deleted["id"]))
    _reply(d, str(answered["id"]), "已核实，按建议修改")
    reviewed = out_dir / annotated.name          # saved in place, next to its sidecar
    d.save(str(reviewed))
    recs = [r for r in read_labels(str(reviewed)) if r["kind"] == "finding"]
    assert len(recs) == len(comments)
    by_key = {r["id"].rsplit(":", 1)[1]: r for r in recs}
    assert by_key[deleted["key"]]["label"] == "rejected"
    assert by_key[answered["key"]]["label"] == "accepted" and by_key[answered["key"]]["answered"]
    assert by_key[answered["key"]]["replies"] == ["已核实，按建议修改"]
    assert sum(r["label"] == "accepted" for r in recs) == len(comments) - 1
    # without the sidecar (the file came back renamed), the reviewed copy is checked again: same keys
    renamed = tmp_path / "返回的审阅稿.docx"
    shutil.copy(reviewed, renamed)
    again = {r["id"].rsplit(":", 1)[1]: r["label"] for r in read_labels(str(renamed)) if r["kind"] == "finding"}
    assert again[deleted["key"]] == "rejected" and again[answered["key"]] == "accepted"
    # and through the CLI
    res = runner.invoke(app, ["import-labels", str(reviewed), "-o", str(tmp_path / "review.jsonl")])
    assert res.exit_code == 0, res.output
    assert "rejected 1" in res.stdout


def test_a_second_import_merges_and_never_loses_labels(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(json.dumps({"id": f"a{i}", "text": f"全年开展宣传{i}场次", "label": "specific"},
                                        ensure_ascii=False) + "\n" for i in range(40)), encoding="utf-8")
    second.write_text(json.dumps({"id": "b0", "text": "效果明显", "label": "vague"}, ensure_ascii=False) + "\n"
                      + json.dumps({"id": "a3", "text": "全年开展宣传3场次", "label": "neutral"}, ensure_ascii=False)
                      + "\n", encoding="utf-8")
    out = tmp_path / "imported" / "labels.jsonl"
    assert runner.invoke(app, ["import-labels", str(first), "-o", str(out)]).exit_code == 0
    res = runner.invoke(app, ["import-labels", str(second), "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = {r["id"]: r["label"] for r in _jsonl(out)}
    assert len(got) == 41 and got["b0"] == "vague" and got["a0"] == "specific"
    assert got["a3"] == "neutral"          # the same item labelled again: the newer label
    assert "保留原有 40 条，新增 1 条" in res.stdout
    # a broken existing file is not overwritten
    out.write_text("{not json\n", encoding="utf-8")
    res = runner.invoke(app, ["import-labels", str(second), "-o", str(out)])
    assert res.exit_code == 2 and out.read_text(encoding="utf-8") == "{not json\n"


def test_decisions_feed_the_labelled_data_loop(tmp_path):
    from narrcheck.decisions import Decision, DecisionSet

    ds = DecisionSet()
    ds.add("甲局|2023", Decision("NC205-aaaaaaaaaaaa", "误报", note="这是引用的文件名", text="高质量发展"))
    ds.add("甲局|2023", Decision("NC101-bbbbbbbbbbbb", "已说明", note="年中调整", text="≥95%"))
    ds.add("甲局|2023", Decision("NC250-cccccccccccc", "忽略"))
    p = ds.save(str(tmp_path / "decisions.json"))
    out = tmp_path / "labels.jsonl"
    res = runner.invoke(app, ["import-labels", p, "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = {r["rule"]: r for r in _jsonl(out)}
    assert set(got) == {"NC205", "NC101"}
    assert got["NC205"]["label"] == "rejected" and got["NC205"]["note"] == "这是引用的文件名"
    assert got["NC101"]["label"] == "accepted" and got["NC101"]["kind"] == "finding"


def test_a_reply_saying_false_alarm_rejects_a_kept_word_comment(tmp_path):
    import docx

    annotated, comments = annotated_copy(tmp_path)
    d = docx.Document(str(annotated))
    _reply(d, str(comments[0]["id"]), "误报：此处是文件标题")
    _reply(d, str(comments[1]["id"]), "已说明：见附件")
    d.save(str(annotated))
    by_key = {r["id"].rsplit(":", 1)[1]: r for r in read_labels(str(annotated)) if r["kind"] == "finding"}
    assert by_key[comments[0]["key"]]["label"] == "rejected" and by_key[comments[0]["key"]]["decision"] == "误报"
    assert by_key[comments[1]["key"]]["label"] == "accepted" and by_key[comments[1]["key"]]["decision"] == "已说明"
    assert by_key[comments[2]["key"]]["label"] == "accepted" and by_key[comments[2]["key"]]["decision"] is None


def test_train_writes_a_new_model_unless_told_to_replace_the_one_in_use(tmp_path, monkeypatch):
    shipped = tmp_path / "models"
    shutil.copytree(ROOT / "models", shipped, ignore=shutil.ignore_patterns("trained"))
    monkeypatch.setenv("NARRCHECK_MODELS", str(shipped))
    card = shipped / "vague_classifier.json"
    before = card.read_bytes()
    base = tmp_path / "base.jsonl"
    recs = [r for r in _jsonl(VAGUE) if r.get("label")][:150]
    base.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    res = runner.invoke(app, ["train", "--labels", str(base), "--no-eval"])
    assert res.exit_code == 0, res.output
    (new,) = list((shipped / "trained").iterdir())
    assert (new / "vague_classifier.npz").is_file() and card.read_bytes() == before
    assert "正在使用的模型未变" in res.stdout
    res = runner.invoke(app, ["train", "--labels", str(base), "--no-eval", "--models", str(shipped)])
    assert res.exit_code == 2 and "--replace" in res.output and card.read_bytes() == before
    res = runner.invoke(app, ["train", "--labels", str(base), "--no-eval", "--replace"])
    assert res.exit_code == 0 and card.read_bytes() != before and "已覆盖" in res.stdout
