"""Decisions → labelled records, in the shape ``narrcheck import-labels`` writes
for a reviewed Word copy (``labels.harvest_docx``), so that the export feeds
``narrcheck train --extra FILE`` as it is.

The labels are ``labels.DECISION_LABELS`` (the CLI's ``import-labels`` of a
decisions file): 已说明 (the finding is right, the unit explains it) →
``accepted``; 误报 (false positive) → ``rejected``; 忽略 says nothing about the
finding and yields no record.  An accepted vague-category finding also yields
a ``vague`` sentence record for the classifier, as the Word review does.
"""
from __future__ import annotations

import hashlib


def decision_records(d, upload=None) -> list[dict]:
    from ..labels import DECISION_LABELS

    label = DECISION_LABELS.get(d.status)
    if label is None:
        return []
    source = upload.filename if upload is not None else ""
    finding = None
    if upload is not None:
        finding = next((f for f in (upload.result or {}).get("findings", []) if f.get("fingerprint") == d.fingerprint),
                       None)
    rec = {"id": f"serve:{d.unit}:finding:{d.fingerprint}", "source": source, "kind": "finding", "text": d.text,
           "label": label, "rule": d.rule, "category": d.category, "message": d.message,
           "severity": (finding or {}).get("severity"), "location": (finding or {}).get("location"),
           "decision": d.status, "note": d.note, "unit": d.unit, "by": d.username,
           "fingerprint": d.fingerprint, "origin": "serve-decision"}
    out = [rec]
    if label == "accepted" and d.category == "vague" and d.text.strip():
        h = hashlib.sha1(d.text.strip().encode("utf-8")).hexdigest()[:8]
        out.append({"id": f"serve:{d.unit}:review:vague:{h}:{d.fingerprint}", "source": source, "kind": "sentence",
                    "field": "", "text": d.text, "label": "vague",
                    "section": ((finding or {}).get("location") or {}).get("section", ""), "origin": "serve-decision"})
    return out
