"""understand/facts (issue 15): the indicator kind decided once, for checks and score alike."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from narrcheck.score.components import IndicatorFields, components
from narrcheck.understand.facts import indicator_kind


def _row(l1, l2, name):
    return SimpleNamespace(level1=l1, level2=l2, name=name)


@pytest.mark.parametrize("l1, l2, name, kind", [
    # the two fixture rows on which the two former functions disagreed
    ("产出", "职责履行", "重点工作完成及时性", "time"),                      # the name decides under a silent label
    ("效益指标", "社会效益指标", "住院费用政策范围内报销比例", "benefit"),    # the label beats 费用 in the name
    # and the ordinary cases
    ("产出指标", "质量指标", "群众满意度", "satisfaction"),
    ("满意度指标", "服务对象满意度指标", "群众满意率", "satisfaction"),
    ("产出指标", "成本指标", "单位造价", "cost"),
    ("成本指标", "经济成本指标", "人均培训费", "cost"),
    ("产出指标", "时效指标", "完成时间", "time"),
    ("产出指标", "数量指标", "培训人次", "quantity"),
    ("产出指标", "", "项目完成及时率", ""),                                 # a rate is not a time indicator
    ("产出指标", "", "设备采购单价", "cost"),
    ("效果指标", "", "群众获得感", "benefit"),
])
def test_indicator_kind(l1, l2, name, kind):
    assert indicator_kind(_row(l1, l2, name)) == kind


def test_score_and_checks_read_one_kind():
    f = IndicatorFields(level1="效益指标", level2="社会效益指标", name="住院费用政策范围内报销比例",
                        target="≥70%", actual="72%")
    assert components(f).kind == "benefit"
    f = IndicatorFields(level1="产出", level2="职责履行", name="重点工作完成及时性", target="按时", actual="按时完成")
    assert components(f).kind == "time"
