"""The specific-vs-vague classifier: model card, offline lazy loading,
predictions on seed passages, training (tiny sample), section roles."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from narrcheck import train
from narrcheck.nlp import classifier as C

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
LABELS = ROOT / "corpora" / "labels" / "vague.jsonl"


@pytest.fixture(scope="module")
def card() -> dict:
    p = MODELS / f"{C.MODEL_NAME}.json"
    if not p.is_file():
        pytest.skip("no trained model card in models/")
    return json.loads(p.read_text(encoding="utf-8"))


def test_model_files_are_small_and_carded(card):
    for ext in ("joblib", "npz"):
        model = MODELS / f"{C.MODEL_NAME}.{ext}"
        assert model.is_file() and model.stat().st_size < 5 * 1024 * 1024
    assert len(card["data_sha256"]) == 64
    assert set(card["label_counts"]) == {"vague", "specific", "neutral"}
    assert sum(card["label_counts"].values()) == card["n_items"] >= 600
    assert card["versions"]["scikit-learn"] and card["date"]
    m = card["metrics"]
    assert "StratifiedGroupKFold" in m["scheme"]          # grouped by source report
    for name in ("lexicon", "lexicon+classifier", "checks rule"):
        assert {"precision", "recall", "f1"} <= set(m[name])
    assert m["lexicon+classifier"]["f1"] >= 0.85
    assert m["lexicon+classifier"]["f1"] > m["lexicon"]["f1"]


def test_model_matches_current_labels(card):
    if not LABELS.is_file():
        pytest.skip("no labels")
    paths = [ROOT / p for p in card["data"]]
    if not all(p.is_file() for p in paths):
        pytest.skip("label files of the card are missing")
    if train.data_hash(paths) != card["data_sha256"]:
        pytest.skip("labels changed since the model was trained: run scripts/train_models.py")


def test_load_is_lazy_cached_and_offline():
    # the run-time model needs neither scikit-learn nor joblib (0.9 s of imports)
    code = (
        "import sys\n"
        "import narrcheck.nlp.classifier as C\n"
        "assert 'sklearn' not in sys.modules and 'jieba' not in sys.modules\n"
        "m = C.load()\n"
        "m.proba([C.item('效果明显', 'cell', 'target')])\n"
        "assert 'sklearn' not in sys.modules and 'joblib' not in sys.modules, 'scikit-learn imported'\n"
        "print(m is C.load(), m is not None)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "NO_PROXY": "*", "http_proxy": "http://127.0.0.1:9",
           "https_proxy": "http://127.0.0.1:9"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    same, present = out.stdout.split()
    assert same == "True"
    if (MODELS / f"{C.MODEL_NAME}.joblib").is_file():
        assert present == "True"


def test_exported_model_gives_the_pipelines_probabilities():
    """The numpy export shipped in models/ is the joblib pipeline, item for item."""
    pipe_path, npz_path = MODELS / f"{C.MODEL_NAME}.joblib", MODELS / f"{C.MODEL_NAME}.npz"
    if not (pipe_path.is_file() and npz_path.is_file() and LABELS.is_file()):
        pytest.skip("no trained model")
    import joblib
    import numpy as np

    pipe = C.VagueModel(joblib.load(pipe_path))
    portable = C._load_portable(npz_path, {})
    assert isinstance(portable, C.PortableModel)
    items = train._items(train.read_labels([LABELS]))
    items += [C.item(""), C.item("   \n\n  "), C.item("２０２４年度　全年办理文件386件", "cell", "actual", "附件")]
    a, b = np.array(pipe.proba(items)), np.array(portable.proba(items))
    assert a.shape == b.shape == (len(items),)
    assert np.abs(a - b).max() < 1e-9
    assert 0.2 < (a > 0.5).mean() < 0.5  # not a degenerate comparison


def test_export_is_written_by_training_and_loaded_first(tmp_path):
    labels = _tiny_labels(tmp_path, 6)
    train.run(eval=False, labels=labels, models_dir=tmp_path, quiet=True)
    assert (tmp_path / f"{C.MODEL_NAME}.npz").is_file()
    C._reset_cache()
    try:
        assert isinstance(C.load(tmp_path), C.PortableModel)
        # a broken export falls back to the pipeline, never to a crash
        (tmp_path / f"{C.MODEL_NAME}.npz").write_bytes(b"PK\x03\x04 broken")
        C._reset_cache()
        m = C.load(tmp_path)
        assert m is not None and not isinstance(m, C.PortableModel)
    finally:
        C._reset_cache()


def test_missing_or_broken_model_means_none(tmp_path):
    assert C.load(tmp_path) is None
    (tmp_path / f"{C.MODEL_NAME}.joblib").write_bytes(b"not a pickle")
    C._reset_cache()
    try:
        assert C.load(tmp_path) is None
    finally:
        C._reset_cache()


def test_predictions_on_seed_passages():
    m = C.load()
    if m is None:
        pytest.skip("no trained model")
    items = [
        C.item("效果明显", "cell", "target", "附件2 > 2024年度部门整体支出绩效自评表"),
        C.item("全年办理各类文件386件，精简类文件比去年同期减少15％；", "sentence", "goal_actual"),
        C.item("有力推动区委、区政府各项决策部署落实落地。", "sentence", "", "三、部门整体支出绩效情况"),
        C.item("负责区政府值班工作，及时向区政府领导报告重要情况。", "sentence", "", "一、部门基本情况 > 主要职能"),
        C.item("信息被采用120余条，采用率达40%，排名内五区第一。", "sentence", "", "三、部门整体支出绩效情况"),
    ]
    p = m.proba(items)
    assert all(0.0 <= x <= 1.0 for x in p)
    assert p[0] > 0.8 and p[2] > 0.8
    assert p[1] < 0.2 and p[3] < 0.5 and p[4] < 0.2


def test_section_roles():
    assert C.section_role("一、部门（单位）概况 > （一）主要职能") == "duty"
    assert C.section_role("附件4 > 二、一般公共预算支出情况 > （二）履职产出效益方面") == "results"
    assert C.section_role("三、部门整体支出绩效情况 > （二）绩效目标完成情况") == "results"
    assert C.section_role("三、部门整体支出绩效情况 > （一）绩效目标设置情况") == "goals"
    assert C.section_role("四、存在的主要问题及下一步改进措施") == "measures"
    assert C.section_role("七、存在的问题及原因分析") == "problems"
    assert C.section_role("附件3 > 2024年度项目支出绩效自评表") == "form"
    assert C.section_role("一、部门（单位）基本概况", "年度部门（单位）总体运行情况及取得的成绩") == "results"
    assert C.section_role("一、部门（单位）基本概况", "职能职责概述") == "duty"
    assert C.section_role("") == "other"


def _tiny_labels(tmp_path: Path, n_per_label: int = 24) -> Path:
    if not LABELS.is_file():
        pytest.skip("no labels")
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    out, seen = [], {}
    for r in rows:
        k = r["label"]
        if seen.get(k, 0) < n_per_label:
            seen[k] = seen.get(k, 0) + 1
            out.append({**r, "source": "tiny"})  # one source: falls back to stratified folds
    p = tmp_path / "tiny.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    return p


def test_train_run_writes_model_card_and_is_deterministic(tmp_path, capsys):
    labels = _tiny_labels(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    metrics = train.run(eval=True, labels=labels, models_dir=a)
    table = capsys.readouterr().out
    assert "lexicon+classifier" in table and "precision" in table
    assert "StratifiedKFold" in metrics["scheme"]
    assert {"lexicon", "lexicon+classifier", "checks rule"} <= set(metrics)
    train.run(eval=False, labels=labels, models_dir=b, quiet=True)
    fa, fb = a / f"{C.MODEL_NAME}.joblib", b / f"{C.MODEL_NAME}.joblib"
    assert fa.read_bytes() == fb.read_bytes()
    card = json.loads((a / f"{C.MODEL_NAME}.json").read_text(encoding="utf-8"))
    assert card["data_sha256"] == train.data_hash([labels])
    assert card["n_items"] == 72 and card["metrics"]["lexicon+classifier"]["n"] == 72
    m = C.load(a)
    assert m is not None and len(m.proba([C.item("效果明显", "cell", "target")])) == 1
    C._reset_cache()


def test_extra_labels_override_by_id(tmp_path):
    labels = _tiny_labels(tmp_path, 4)
    first = json.loads(labels.read_text(encoding="utf-8").splitlines()[0])
    flipped = {**first, "label": "vague" if first["label"] != "vague" else "neutral"}
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps(flipped, ensure_ascii=False) + "\n", encoding="utf-8")
    recs = train.read_labels([labels, extra])
    assert {r["id"]: r["label"] for r in recs}[first["id"]] == flipped["label"]
    with pytest.raises(FileNotFoundError):
        train.run(eval=False, labels=tmp_path / "missing.jsonl", models_dir=tmp_path)


def test_train_refuses_to_write_over_a_label_file_or_a_foreign_card(tmp_path):
    from narrcheck.outputs import OutputRefused

    labels = _tiny_labels(tmp_path)
    d = tmp_path / "m"
    d.mkdir()
    card = d / f"{C.MODEL_NAME}.json"
    card.write_text('{"note": "not a model card"}\n', encoding="utf-8")
    with pytest.raises(OutputRefused):
        train.run(eval=False, labels=labels, models_dir=d, quiet=True)
    assert card.read_text(encoding="utf-8") == '{"note": "not a model card"}\n'
    assert not (d / f"{C.MODEL_NAME}.joblib").exists()
    # a label file placed where the card goes is an input: never written
    card.unlink()
    shutil.copy(labels, card)
    with pytest.raises(OutputRefused):
        train.run(eval=False, labels=card, models_dir=d, quiet=True)
    # a folder holding narrcheck's own model is retrained in place
    card.unlink()
    train.run(eval=False, labels=labels, models_dir=d, quiet=True)
    train.run(eval=False, labels=labels, models_dir=d, quiet=True)
    C._reset_cache()
