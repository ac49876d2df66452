"""NC186 name-scope on real reports: a seed or fixture with one name changed
the way a copied report leaves it must be flagged; the reports as they are,
short forms of the unit's name, subordinate units and look-alike words
(本办法, 我办理, 我委托) must not."""
from __future__ import annotations

import pytest

from narrcheck.checks import names as N
from narrcheck.checks.registry import load_all
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

from conftest import FIXTURES, seed

JX = FIXTURES / "jx_2022_ganyang_weijian_dept.txt"


def nc186(text: str, path: str = "x.txt"):
    rep = understand(parse_text(text, path=path))
    return rep, load_all()["NC186"].run(rep, Config())


def test_clean_reports_give_nothing(seed_reports):
    for key, rep in seed_reports.items():
        assert not load_all()["NC186"].run(rep, Config()), key
    _rep, fs = nc186(JX.read_text(encoding="utf-8"))
    assert not fs


def test_self_reference_left_from_another_unit():
    text = seed("002").read_text(encoding="utf-8")
    assert text.count("我办") == 6
    bad = text.replace("我办2023年因", "我局2023年因")  # one sentence pasted from a 局's report
    rep, fs = nc186(bad)
    assert rep.meta.department == "衡山县人民政府办公室"
    assert len(fs) == 1
    f = fs[0]
    assert f.text == "我局" and f.evidence["expected"] == "我办" and f.evidence["count"] == 1
    assert f.severity == "warning" and "衡山县人民政府办公室" in f.message
    para = next(c for c in rep.chunks if c.kind == "paragraph" and c.location.block == f.location.block)
    assert para.text[f.location.start:f.location.end] == "我局"


def test_look_alikes_and_two_named_units_are_not_self_references():
    head = "2023年度衡山县人民政府办公室部门整体支出绩效自评报告\n一、部门基本情况\n"
    ok = head + "我办全年办理文件386件。本办法自印发之日起施行。由我办理的事项均按时办结。我委托第三方开展了满意度调查。\n"
    assert not nc186(ok)[1]
    # a unit with two names (加挂…牌子) may call itself either way
    two = head + "县政府办公室加挂县金融工作局牌子。我局全年协调金融机构12家。我办全年办理文件386件。\n"
    assert not nc186(two)[1]


def test_unit_unknown_majority_self_reference():
    text = ("2023年度部门整体支出绩效自评报告\n一、基本情况\n我局全年开展执法检查120次。\n我局完成项目验收8个。\n"
            "我局编制规划2项。\n我委召开主任会议4次。\n")
    rep, fs = nc186(text)
    assert rep.meta.department == ""
    assert [(f.text, f.severity) for f in fs] == [("我委", "info")]


def test_reporting_unit_fields_disagree():
    text = JX.read_text(encoding="utf-8")
    # another agency of the same city in the 填报单位 field
    bad = text.replace("填报单位：赣阳市卫生健康委员会", "填报单位：赣阳市医疗保障局")
    _rep, fs = nc186(bad)
    assert len(fs) == 1 and fs[0].text == "赣阳市医疗保障局" and fs[0].evidence["reason"] == "agency"
    # the same unit of another place
    bad = text.replace("填报单位：赣阳市卫生健康委员会", "填报单位：吉州市卫生健康委员会")
    _rep, fs = nc186(bad)
    assert len(fs) == 1 and fs[0].evidence["reason"] == "place"
    # a short form of the unit's own name, and a subordinate unit: not flagged
    for name in ("赣阳市卫健委", "赣阳市卫生健康委员会办公室", "赣阳市疾病预防控制中心"):
        assert not nc186(text.replace("填报单位：赣阳市卫生健康委员会", f"填报单位：{name}"))[1], name


def test_seed_004_form_names_another_district():
    text = seed("004").read_text(encoding="utf-8")
    bad = text.replace("\t市级预算部门名称\n\t岳阳市君山区人民政府办公室", "\t市级预算部门名称\n\t岳阳市云溪区人民政府办公室")
    assert bad != text
    _rep, fs = nc186(bad)
    assert len(fs) == 1
    f = fs[0]
    assert f.text == "岳阳市云溪区人民政府办公室" and f.evidence["reason"] == "place"
    assert f.location.table is not None and "岳阳市君山区人民政府办公室" in f.message


@pytest.mark.parametrize("a,b,expected", [
    ("岳阳市君山区人民政府办公室", "君山区政府办", None),
    ("中共岳阳市云溪区委办公室", "云溪区委办", None),
    ("岳阳市君山区人民政府办公室", "岳阳市云溪区人民政府办公室", "place"),
    ("青峰县农业农村局", "青峰县水利局", "agency"),
    ("青峰县农业农村局", "青峰县农业技术推广中心", None),
])
def test_conflict(a, b, expected):
    assert N.conflict(a, b) == expected


def test_self_type():
    assert [N.self_type(u) for u in ("衡山县人民政府办公室", "赣阳市卫生健康委员会", "岷西县水利局",
                                     "岷西县农村供水管理站", "临洮县太石镇人民政府", "某乡政府", "桂园街道办事处",
                                     "某县人民政府")] == ["办", "委", "局", "站", "镇", "乡", "街道", None]


def test_town_and_street_self_references():
    """A 镇 report that says 我局 (copied from a bureau's report); 我乡村振兴 / 我乡土 are not 我乡."""
    refs = [m.group(0) for m in N.SELF_REF.finditer("我镇全年…。我局各项工作得到了县委的充分肯定。推进我乡村振兴，热爱我乡土。我街道")]
    assert refs == ["我镇", "我局", "我街道"]
