"""The same report as a text export and as a Word file gives the same findings and the same
parsed forms (tests/fixtures/parity/, see its README)."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.api import check_report, load_report
from narrcheck.config import Config

HERE = Path(__file__).parent / "fixtures" / "parity"
PAIRS = ["m1_ctrl_split_one_row_header", "m1_split_two_row_header", "m2_ctrl_split_no_header_plain_name",
         "m2_split_no_header_name_is_header_word", "m3_form_in_two_tables", "m4_level1_merged_level2_blank",
         "m5_base_table_split", "m6_report_date_window"]


def _summary(path):
    rep = load_report(str(path))
    fs = sorted((f.rule, f.severity, f.text) for f in check_report(rep, Config()))
    forms = []
    for fm in rep.forms:
        rows = []
        for r in fm.records:
            if fm.kind == "indicator":
                rows.append((r.level1, r.level2, r.name, r.text("target").strip(), r.text("actual").strip(),
                             r.value("weight").number, r.value("score").number))
            else:
                rows.append(tuple(sorted((k, v.text.strip()) for k, v in r.fields.items())))
        forms.append((fm.kind, fm.title, rows))
    return fs, forms, rep.meta.report_date


@pytest.mark.parametrize("name", PAIRS)
def test_text_and_word_agree(name):
    txt, docx = _summary(HERE / f"{name}.txt"), _summary(HERE / f"{name}.docx")
    assert txt[0] == docx[0]
    assert txt[1] == docx[1]
    assert txt[2] == docx[2]


def test_split_form_is_one_form_with_its_total():
    fs, forms, _ = _summary(HERE / "m1_split_two_row_header.docx")
    ind = [f for f in forms if f[0] == "indicator"]
    assert len(ind) == 1 and len(ind[0][2]) == 4
    assert not [f for f in fs if f[1] == "error"]
