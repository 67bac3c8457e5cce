#!/usr/bin/env python3
"""class_ref_check.py - checks the class report's reference tools themselves.

    python3 tests/tools/class_ref_check.py

Prints one TAP line per check ("ok - ..." or "not ok - ...") and exits 1 if
any failed. Needs no rollwise binary. It checks that:
- class_ref.py on tests/fixtures/class/worked gives expected.json, and that
  expected.json holds the numbers worked out by hand in docs/class-report.md
  (and the document shows them);
- the statistics class_ref.py computes agree with a second computation by
  other formulas (covariances, in floating point) on 200 generated trainees;
- class_ref.py's fast path for hand-ins reads every generated file as PyYAML
  does (and hands odd files to PyYAML), and it runs on 200 trainees (the
  time is printed as a figure, never checked);
- the generator's special trainees come out as meant (forged, forged with
  answers deleted, outdated, the
  same-second attempts, the skipped files) and its files load as one YAML
  document each.
"""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import class_ref  # noqa: E402
import yaml  # noqa: E402

WORKED = os.path.join(ROOT, "tests", "fixtures", "class", "worked")
FAILED = []


def check(desc, ok, detail=""):
    print(("ok - " if ok else "not ok - ") + desc)
    if not ok:
        FAILED.append(desc)
        if detail:
            for line in str(detail).splitlines()[:20]:
                print("#   " + line)


def run_ref(*args):
    t = time.monotonic()
    p = subprocess.run([sys.executable, os.path.join(HERE, "class_ref.py")] + list(args),
                       capture_output=True, text=True)
    return p, time.monotonic() - t


def worked():
    with open(os.path.join(WORKED, "hashes")) as f:
        hashes = f.read().split()
    p, _ = run_ref(WORKED, os.path.join(WORKED, "worked.yaml"), *hashes,
                   "--owners", os.path.join(WORKED, "owners"))
    check("worked: class_ref.py runs", p.returncode == 0, p.stderr)
    with open(os.path.join(WORKED, "expected.json")) as f:
        expected = f.read()
    check("worked: output is expected.json, byte for byte", p.stdout == expected, p.stdout)
    d = json.loads(expected)
    c = d["courses"][0]
    q = c["quizzes"][0]
    qs = {x["question"]: x for x in q["questions"]}
    # the numbers of docs/class-report.md, section 5
    check("worked: facility 80.0, 60.0, 60.0",
          [qs[k]["facility"] for k in ("share", "sterile", "replace")] == [80.0, 60.0, 60.0])
    check("worked: discrimination 13.4, 66.7, -10.2",
          [qs[k]["discrimination"] for k in ("share", "sterile", "replace")] == [13.4, 66.7, -10.2])
    check("worked: wrong choices picked",
          [qs[k]["choices"] for k in ("share", "sterile", "replace")] ==
          [[{"choice": 2, "picked": 1}, {"choice": 3, "picked": 0}],
           [{"choice": 1, "picked": 2}],
           [{"choice": 3, "picked": 0}, {"choice": 4, "picked": 1}]])
    check("worked: n 5, mean 66.7, sd 33.3, KR-20 0.30",
          (q["trainees"], q["mean"], q["sd"], q["kr20"]) == (5, 66.7, 33.3, 0.3))
    check("worked: every question: too few answers to judge",
          all(x["flags"] == ["too few answers to judge"] and x["answers"] == 5
              for x in q["questions"]))
    rows = [(t["login"], t["passed"], t["quizzes"][0]["first"], t["quizzes"][0]["best"],
             t["critical_missed"], t["last_activity"], t["outdated"], t["mismatch"])
            for t in c["trainees"]]
    check("worked: the trainees' rows", rows == [
        ("ana", 1, 100, 100, [], "2026-11-20T09:07:00Z", False, False),
        ("ben", 1, 100, 100, [], "2026-11-21T18:00:00Z", False, False),
        ("cai", 0, 66, 66, [], "2026-11-22T08:30:00Z", False, False),
        ("dee", 1, 33, 100, [], "2026-11-22T20:17:00Z", False, False),
        ("eva", 0, 33, 66, ["your-roller/sterile"], "2026-11-23T08:20:00Z", False, False),
    ], rows)
    check("worked: nothing skipped", d["skipped"] == [])
    with open(os.path.join(ROOT, "docs", "class-report.md")) as f:
        doc = f.read()
    shown = ["**80.0**", "**60.0**", "**13.4**", "**66.7**", "**-10.2**", "**66.7**",
             "**sd = 33.3**", "**0.30**", "**0.64**", "**0.8**"]
    missing = [s for s in shown if s not in doc]
    check("worked: docs/class-report.md shows the same numbers", not missing, missing)


# ---- a second computation of the statistics ------------------------------------

def second_opinion(matrix):
    """Facility, discrimination, mean, sd, KR-20 by other formulas: item-rest
    correlation from covariances with the total, KR-20 from the covariances
    between questions (Cronbach's alpha, which KR-20 is for 0/1 marks)."""
    n, k = len(matrix), len(matrix[0]) if matrix else 0
    T = [sum(r) for r in matrix]
    mT = sum(T) / n

    def cov(a, b):
        ma, mb = sum(a) / n, sum(b) / n
        return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / n

    cols = [[r[j] for r in matrix] for j in range(k)]
    out = []
    for j in range(k):
        x = cols[j]
        vx, cxt, vt = cov(x, x), cov(x, T), cov(T, T)
        # rest = T - x: cov(x, rest) = cov(x,T) - var(x); var(rest) = var(T) + var(x) - 2cov(x,T)
        vr = vt + vx - 2 * cxt
        d = None if vx < 1e-12 or vr < 1e-12 else 100 * (cxt - vx) / math.sqrt(vx * vr)
        out.append((100 * sum(x) / n, d))
    s = [100 * t / k for t in T]
    mean = sum(s) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in s) / (n - 1)) if n > 1 else 0.0
    vt = sum((t - mT) ** 2 for t in T) / n
    off = sum(cov(cols[a], cols[b]) for a in range(k) for b in range(k) if a != b)
    kr20 = None if k < 2 or vt < 1e-12 else k / (k - 1) * off / vt
    return out, mean, sd, kr20


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol


def generated(tmp):
    basics = os.path.join(ROOT, "lessons", "basics.yaml")
    out = os.path.join(tmp, "class")
    owners = os.path.join(tmp, "owners")
    g = subprocess.run([sys.executable, os.path.join(HERE, "make_handins.py"), out, basics,
                        "--trainees", "200", "--seed", "1", "--extras", "--owners-out", owners],
                       capture_output=True, text=True)
    check("generated: make_handins.py makes 200 trainees", g.returncode == 0, g.stderr)
    hashes = g.stdout.split()
    g2 = subprocess.run([sys.executable, os.path.join(HERE, "make_handins.py"),
                         os.path.join(tmp, "again"), basics, "--trainees", "200", "--seed", "1",
                         "--extras"], capture_output=True, text=True)
    same = g2.returncode == 0 and all(
        open(os.path.join(out, f), "rb").read() == open(os.path.join(tmp, "again", f), "rb").read()
        for f in os.listdir(out))
    check("generated: the same seed makes the same files", same)
    names = sorted(f for f in os.listdir(out) if f.startswith("t"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    one_doc = all(len(list(yaml.load_all(open(os.path.join(out, f), "rb"), Loader=loader))) == 1
                  for f in names)
    check("generated: each hand-in is one YAML document", len(names) == 200 and one_doc)

    # the fast path reads each file as PyYAML does
    diff = []
    for f in os.listdir(out):
        data = open(os.path.join(out, f), "rb").read()
        fast = class_ref.fast_load(data)
        if fast is None:
            if f.startswith("t") or f == "borrowed.rollwise":
                diff.append(f + ": not read by the fast path")
            continue
        if fast != yaml.load(data, Loader=class_ref.StrLoader):
            diff.append(f)
    check("generated: the fast path reads every hand-in as PyYAML does", not diff, diff)

    # Its speed is the fast path's, checked above on every file; the time is
    # a figure, never a check (the machines are shared and noisy).
    p, secs = run_ref(out, basics, *hashes, "--owners", owners)
    check("generated: class_ref.py runs", p.returncode == 0, p.stderr)
    print("# generated: 200 trainees in %.2f s" % secs)
    py, _ = run_ref(out, basics, *hashes, "--owners", owners, "--yaml-only")
    check("generated: --yaml-only gives the same report", py.stdout == p.stdout)
    d = json.loads(p.stdout)
    c = d["courses"][0]
    by = {t["login"]: t for t in c["trainees"]}
    check("generated: 200 trainees listed, sorted", [t["login"] for t in c["trainees"]] ==
          ["t%03d" % i for i in range(1, 201)])
    check("generated: t003 (forged) and t008 (forged, an answer deleted) alone have mismatch",
          [t["login"] for t in c["trainees"] if t["mismatch"]] == ["t003", "t008"])
    check("generated: t007 (forged, every answer deleted) alone is unchecked, its 100 kept",
          [t["login"] for t in c["trainees"] if t["unchecked"]] == ["t007"]
          and by["t007"]["quizzes"][0]["first"] == 100)
    check("generated: t008 is shown the most its answers allow (20: 1 of 5 missing, none right)",
          by["t008"]["quizzes"][1]["first"] == 20, by["t008"]["quizzes"][1])
    check("generated: t004 (older version) and only t004 is outdated",
          [t["login"] for t in c["trainees"] if t["outdated"]] == ["t004"])
    skipped = {s["file"]: s["why"] for s in d["skipped"]}
    check("generated: the three extra files are skipped",
          sorted(skipped) == ["borrowed.rollwise", "broken.rollwise", "notes.rollwise"]
          and skipped["borrowed.rollwise"] == "named after borrowed but handed in by t001",
          skipped)

    # t005: two attempts at the same second; the first is session 0000000000000017's
    doc = yaml.load(open(os.path.join(out, "t005.rollwise"), "rb"), Loader=class_ref.StrLoader)
    first_lesson = c["quizzes"][0]["lesson"]
    tie = [e for e in doc if isinstance(e, dict) and e.get("ev") == "attempt"
           and e.get("lesson") == first_lesson and e.get("sess") in ("1234567890123456", "0000000000000017")]
    lesson = next(l for l in class_ref.load_course(basics)["lessons"] if l["id"] == first_lesson)
    low = next(e for e in tie if e["sess"] == "0000000000000017")
    picked = {}
    for e in doc:
        if not isinstance(e, dict):
            continue
        if e.get("ev") == "answer" and (e.get("sess"), e.get("run")) == (low["sess"], low["run"]):
            picked[e["question"]] = e["picked"]
        elif e.get("ev") == "answers":
            for a in e["list"]:
                if (a[1], a[7]) == (low["sess"], low["run"]):
                    picked[e["question"]] = a[3]
    score = 100 * sum(1 for q in lesson["questions"] if q["id"] in picked and
                      frozenset(int(x) for x in picked[q["id"]]) == q["correct"]) \
        // len(lesson["questions"])
    check("generated: t005's same-second attempts: the lower session is the first",
          len(tie) == 2 and tie[0]["at"] == tie[1]["at"] and
          by["t005"]["quizzes"][0]["first"] == score, (tie, by["t005"]["quizzes"][0], score))

    # a second opinion on every quiz's statistics
    course = class_ref.load_course(basics)
    hmap = dict(h.split("=", 1) for h in hashes if "=" in h)
    items = {}
    for name in names:
        h = class_ref.read_handin(os.path.join(out, name))
        _, item = class_ref.trainee_report(name[:-9], h, course, hmap)
        for lid, it in item.items():
            items.setdefault(lid, []).append(it)
    bad = []
    flagged = set()
    for lesson, qr in zip(course["lessons"], c["quizzes"]):
        m = [[1 if it[q["id"]][0] else 0 for q in lesson["questions"]] for it in items[lesson["id"]]]
        per_q, mean, sd, kr20 = second_opinion(m)
        if qr["trainees"] != len(m):
            bad.append((lesson["id"], "n", qr["trainees"], len(m)))
        for (f, dsc), x in zip(per_q, qr["questions"]):
            if not close(x["facility"], f, 0.05 + 1e-9) or not close(x["discrimination"], dsc, 0.05 + 1e-9):
                bad.append((x["question"], x["facility"], f, x["discrimination"], dsc))
            flagged.update(x["flags"])
        if not close(qr["mean"], mean, 0.05 + 1e-9) or not close(qr["sd"], sd, 0.05 + 1e-9) \
                or not close(qr["kr20"], kr20, 0.005 + 1e-9):
            bad.append((lesson["id"], qr["mean"], mean, qr["sd"], sd, qr["kr20"], kr20))
    check("generated: statistics agree with a second computation", not bad, bad)
    check("generated: the flags very easy and discriminates badly occur",
          {"very easy", "discriminates badly"} <= flagged, flagged)


def fast_path_odd_files(tmp):
    """Files a little off rollwise's own shape: the fast path gives them to
    PyYAML or reads them exactly as PyYAML does."""
    base = open(os.path.join(WORKED, "eva.rollwise"), "rb").read().decode()
    lines = base.splitlines(keepends=True)
    variants = {
        "no final newline": base.rstrip("\n"),
        "comma without space": base.replace("picked: [0, 1]", "picked: [0,1]"),
        "comment": base + "# a comment\n",
        "CRLF": base.replace("\n", "\r\n"),
        "double quotes": base.replace("'share'", '"share"'),
        "quoted true": base.replace("'share'", "'true'"),
        "quoted with a space": base.replace("'share'", "'sh are'"),
        "quoted with a comma": base.replace("picked: [1]", "picked: ['1, 2']"),
        "space before }": base.replace("run: 3}", "run: 3 }"),
        "two spaces": base.replace("run: 3}", "run:  3}"),
        "tab": base.replace(", run: 3}", ",\trun: 3}"),
        "plain with a space": base.replace("version: 1,", "version: 1 2,"),
        "empty value": base.replace("version: 1,", "version: ,"),
        "empty list": base.replace("picked: [1]", "picked: []"),
        "nested list": base.replace("picked: [1]", "picked: [[1]]"),
        "mapping in a value": base.replace("version: 1,", "version: {a: b},"),
        "key true": base.replace("version: 1,", "true: 1,"),
        "null words": base.replace("version: 1,", "version: ~, x: null, y: NULL, z: Null,"),
        "bool words": base.replace("right: false", "right: FALSE").replace("right: true", "right: True"),
        "unicode": base.replace("'share'", "sh\u00e9re"),
        "BOM": "\ufeff" + base,
        "empty mapping": base + "- {}\n",
        "leading zeros": base.replace("seq: 3,", "seq: 0003,"),
        "colon inside": base.replace("version: 1,", "version: a:b,"),
        "colon at the end": base.replace("version: 1,", "version: ab:,"),
        "dash alone": base.replace("version: 1,", "version: -,"),
        "blank line": base + "\n",
        "indented line": base + "  - {ev: page}\n",
        "block mapping line": base + "- ev: page\n",
        "hash in value": base.replace("version: 1,", "version: a#b,"),
        "question mark": base.replace("version: 1,", "version: b?c,"),
        "long line": base + "- {ev: x, v: " + "a:" * 50000 + "b}\n",
        "deep brackets": base + "- {ev: x, v: " + "[" * 5000 + "]" * 5000 + "}\n",
    }
    rng = random.Random(5)
    chars = list("- {}[],:'\" ab1~\n#")
    for i in range(300):
        s = list(base)
        for _ in range(rng.randrange(1, 4)):
            s[rng.randrange(len(s))] = rng.choice(chars)
        variants["random %d" % i] = "".join(s)
    wrong = []
    slow = []
    for name, text in variants.items():
        data = text.encode()
        # a generous ceiling for a file of a few hundred bytes: it catches a
        # pattern that backtracks without end, not a busy machine
        t = time.monotonic()
        fast = class_ref.fast_load(data)
        if time.monotonic() - t > 10:
            slow.append(name)
        if fast is None:
            continue
        try:
            full = yaml.load(data, Loader=class_ref.StrLoader)
        except yaml.YAMLError:
            full = "an error"
        if fast != full:
            wrong.append(name)
    check("fast path: odd files are read as PyYAML reads them, or left to it (%d)" % len(variants),
          not wrong, wrong)
    check("fast path: never stuck on odd files (10 s each at most)", not slow, slow)


def main():
    t = time.monotonic()
    worked()
    tmp = tempfile.mkdtemp(prefix="class-ref-check.")
    try:
        print("# %.1f s" % (time.monotonic() - t))
        generated(tmp)
        print("# %.1f s" % (time.monotonic() - t))
        fast_path_odd_files(tmp)
        print("# %.1f s" % (time.monotonic() - t))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("# %d failed" % len(FAILED) if FAILED else "# all passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
