"""Fuzzing narrcheck (issue 13): crashes and hangs on mutated and random input.

Three kinds of case, each generated deterministically from (--seed, case number):

* ``text``: a seed text — a rule's docstring example (small reports with forms) or a slice of a
  seed report — mutated (byte flips, line deletions and duplications, tab insertion, numbers
  replaced by huge, negative, full-width, 1e999-like strings) and run through the whole
  pipeline: decode → parse_text → understand → every rule → score → contract JSON.
  A rule that raises is a crash (the pipeline isolates it into a note; the fuzzer counts it).
* ``unicode``: random Unicode (also surrogates-free astral, control and combining characters)
  through the value parser, find_values, the quantity scanner and the text reader.
* ``docx``: a .docx of corpora/docx with a mutated package — a part's XML with bytes flipped,
  truncated, an element duplicated or nested — through the reader (``read``); an
  errors.InputError is the expected outcome for a broken package, anything else a crash.

Each case runs under a 10 s alarm (a hang).  Two worker processes at most, niced.

Run: nice .venv/bin/python benchmarks/fuzz.py [--cases 10000] [--seed 13] [--jobs 2]
Prints: cases, crashes, hangs per kind, and the first failing cases with their tracebacks.
"""
from __future__ import annotations

import argparse
import glob
import os
import random
import re
import signal
import sys
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))

HANG_SECONDS = 10
WEIRD_NUMBERS = ["9" * 30, "-12.5", "-0", "１２３．４５", "1e999", "1E+308", "-1e-999", "0.0000001", "∞", "NaN",
                 "１０％", "-100%", "99999999999999999999.99", "0", "00", "1,2,3", "１,０００", "³", "Ⅻ"]
_SEEDS: list[str] = []
_DOCX: list[tuple[str, dict]] = []


def _seed_texts() -> list[str]:
    from narrcheck.checks.registry import load_all

    out = []
    for chk in load_all().values():
        for texts in chk.examples().values():
            out.extend(t for t in texts if t.strip())
    for p in sorted(glob.glob(os.path.join(ROOT, "corpora", "seeds", "*.txt"))):
        text = open(p, encoding="utf-8").read()
        out.append(text)                               # the whole report
        lines = text.splitlines()
        for a in range(0, len(lines), 120):           # and slices, which keep a case fast
            out.append("\n".join(lines[a:a + 160]))
    return out


def _docx_packages() -> list[tuple[str, dict]]:
    import zipfile

    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "corpora", "docx", "*.docx")))[:3]:
        with zipfile.ZipFile(p) as z:
            out.append((os.path.basename(p), {i.filename: z.read(i.filename) for i in z.infolist()}))
    return out


def init() -> None:
    global _SEEDS, _DOCX
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        os.nice(10)
    except OSError:
        pass
    _SEEDS = _seed_texts()
    _DOCX = _docx_packages()


# ---------------------------------------------------------------- mutations
def mutate_text(rnd: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 4)):
        op = rnd.randrange(6)
        if op == 0 and lines:                                  # delete lines
            i = rnd.randrange(len(lines))
            del lines[i:i + rnd.randint(1, 3)]
        elif op == 1 and lines:                                # duplicate lines
            i = rnd.randrange(len(lines))
            lines[i:i] = lines[i:i + rnd.randint(1, 4)] * rnd.randint(1, 3)
        elif op == 2 and lines:                                # insert tabs
            i = rnd.randrange(len(lines))
            k = rnd.randint(0, len(lines[i]))
            lines[i] = lines[i][:k] + "\t" * rnd.randint(1, 3) + lines[i][k:]
        elif op == 3:                                          # numbers → weird numbers
            s = "\n".join(lines)
            nums = list(re.finditer(r"\d+(?:\.\d+)?", s))
            for m in rnd.sample(nums, min(len(nums), rnd.randint(1, 5))) if nums else []:
                s = s[:m.start()] + rnd.choice(WEIRD_NUMBERS) + s[m.end():] if m.end() <= len(s) else s
            lines = s.split("\n")
        elif op == 4:                                          # byte flips (through the decoder)
            b = bytearray("\n".join(lines).encode("utf-8"))
            for _ in range(rnd.randint(1, 8)):
                if b:
                    b[rnd.randrange(len(b))] = rnd.randrange(256)
            lines = b.decode("utf-8", errors="replace").split("\n")
        elif lines:                                            # swap two lines
            i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def random_unicode(rnd: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rnd.random()
        if r < 0.4:
            out.append(chr(rnd.randint(0x4E00, 0x9FA5)))
        elif r < 0.6:
            out.append(rnd.choice("0123456789.,%-+ \t\n|≥≤约万元人年月日"))
        elif r < 0.7:
            out.append(chr(rnd.randint(0xFF01, 0xFF5E)))       # full width
        elif r < 0.8:
            out.append(chr(rnd.choice([rnd.randint(0, 31), rnd.randint(0x300, 0x36F), rnd.randint(0x2000, 0x206F)])))
        else:
            c = rnd.randint(0x20, 0x10FFFF)
            out.append(chr(c) if not 0xD800 <= c <= 0xDFFF else "x")
    return "".join(out)


def mutate_package(rnd: random.Random, parts: dict) -> dict:
    parts = dict(parts)
    name = "word/document.xml" if rnd.random() < 0.7 else rnd.choice(sorted(parts))
    b = bytearray(parts[name])
    op = rnd.randrange(5)
    if op == 0:
        for _ in range(rnd.randint(1, 20)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    elif op == 1:
        del b[rnd.randrange(len(b)):]
    elif op == 2:                                              # duplicate a run of elements
        s = bytes(b)
        k = s.find(b"<w:tr", rnd.randrange(max(1, len(s) // 2)))
        if k > 0:
            e = s.find(b"</w:tr>", k)
            if e > 0:
                b = bytearray(s[:e + 7] + s[k:e + 7] * rnd.randint(1, 30) + s[e + 7:])
    elif op == 3:                                              # nest a table into a cell
        s = bytes(b)
        k, e = s.find(b"<w:tbl>"), s.find(b"</w:tbl>")
        c = s.find(b"</w:tc>")
        if 0 < k < e and c > 0:
            b = bytearray(s[:c] + s[k:e + 8] * rnd.randint(1, 3) + b"<w:p/>" + s[c:])
    else:
        parts.pop(rnd.choice([n for n in sorted(parts) if n != "[Content_Types].xml"] or [name]), None)
        return parts
    parts[name] = bytes(b)
    return parts


# ---------------------------------------------------------------- one case
class Hang(Exception):
    pass


def _alarm(*_):
    raise Hang()


def _pipeline(text: str, debug: bool = False) -> list[str]:
    from narrcheck.api import ReportResult, _score
    from narrcheck.checks.registry import run_checks
    from narrcheck.config import Config
    from narrcheck.read.text import decode_bytes, parse_text
    from narrcheck.render.json import report_dict
    from narrcheck.understand.report import understand
    import json

    try:
        text = decode_bytes(text.encode("utf-8", errors="replace"))
    except UnicodeDecodeError:
        return []
    rep = understand(parse_text(text, path="fuzz.txt"))
    res = ReportResult(path="fuzz.txt", report=rep)
    res.findings = run_checks(rep, Config(), res.notes, debug)
    _score(res)
    json.dumps(report_dict(res), ensure_ascii=False)
    return [n for n in res.notes if "运行出错" in n]


def _parsers(text: str) -> None:
    from narrcheck.read.text import parse_text
    from narrcheck.understand.quantities import extract_quantities
    from narrcheck.understand.values import find_values, parse_number, parse_value

    for piece in (text, text[:12], text[-12:]):
        parse_number(piece)
        parse_value(piece)
        find_values(piece)
        extract_quantities(piece, 2023)
    parse_text(text, path="u.txt")


def _docx(parts: dict, tmpdir: str, n: int) -> None:
    import zipfile

    from narrcheck import errors
    from narrcheck.read import read

    p = os.path.join(tmpdir, f"fuzz{n}.docx")
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    try:
        read(p)
    except errors.InputError:
        pass
    finally:
        os.remove(p)


def run_case(args) -> tuple[int, str, str, str]:
    """(case, kind, outcome "ok"/"crash"/"hang", detail)."""
    n, seed, tmpdir = args
    rnd = random.Random(seed * 1_000_003 + n)
    r = n % 10
    kind = "text" if r < 6 else ("unicode" if r < 8 else "docx")
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        if kind == "text":
            bad = _pipeline(mutate_text(rnd, rnd.choice(_SEEDS)))
            if bad:
                return n, kind, "crash", "; ".join(bad)
        elif kind == "unicode":
            _parsers(random_unicode(rnd, rnd.randint(0, 400)))
        else:
            name, parts = rnd.choice(_DOCX)
            _docx(mutate_package(rnd, parts), tmpdir, n)
        return n, kind, "ok", ""
    except Hang:
        return n, kind, "hang", ""
    except Exception:  # noqa: BLE001 - what the fuzzer is looking for
        return n, kind, "crash", traceback.format_exc(limit=6)
    finally:
        signal.alarm(0)


def main(argv=None) -> int:
    import multiprocessing as mp
    import tempfile

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=5, help="failing cases to print in full")
    ap.add_argument("--case", type=int, default=None, help="rerun one text case, print its input and traceback")
    a = ap.parse_args(argv)
    if a.case is not None:
        init()
        rnd = random.Random(a.seed * 1_000_003 + a.case)
        text = mutate_text(rnd, rnd.choice(_SEEDS))
        print(text)
        _pipeline(text, debug=True)
        return 0
    jobs = max(1, min(a.jobs, 2))
    t0 = time.perf_counter()
    counts: dict[str, dict[str, int]] = {}
    failures = []
    with tempfile.TemporaryDirectory(prefix="narrcheck-fuzz-") as tmp:
        with mp.get_context("fork").Pool(jobs, initializer=init, maxtasksperchild=500) as pool:
            for n, kind, outcome, detail in pool.imap_unordered(run_case, [(i, a.seed, tmp) for i in range(a.cases)],
                                                                 chunksize=8):
                c = counts.setdefault(kind, {"cases": 0, "crash": 0, "hang": 0})
                c["cases"] += 1
                if outcome != "ok":
                    c[outcome] += 1
                    failures.append((n, kind, outcome, detail))
    secs = time.perf_counter() - t0
    total = {k: sum(c[k] for c in counts.values()) for k in ("cases", "crash", "hang")}
    for kind, c in sorted(counts.items()):
        print(f"{kind:8} cases {c['cases']:6}  crashes {c['crash']:4}  hangs {c['hang']:4}")
    print(f"total    cases {total['cases']:6}  crashes {total['crash']:4}  hangs {total['hang']:4}  "
          f"({secs:.0f} s, seed {a.seed}, {jobs} workers)")
    for n, kind, outcome, detail in sorted(failures)[:a.show]:
        print(f"\n--- case {n} ({kind}): {outcome}\n{detail}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
