#!/usr/bin/env python3
"""class_compare.py GOT.json WANT.json - compares rollwise report's JSON with
class_ref.py's: every trainee field exactly, every statistic within 0.05
(KR-20 within 0.005), the skipped files by name. Prints one line per
difference and exits 1 when there is any."""
import json
import sys


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol


def main(got_path, want_path):
    got, want = json.load(open(got_path)), json.load(open(want_path))
    bad = []
    gc = {c["course"]: c for c in got["courses"]}
    for wcourse in want["courses"]:
        name = wcourse["course"]
        c = gc.get(name)
        if c is None:
            bad.append("course %s missing" % name)
            continue
        gt = {t["login"]: t for t in c["trainees"]}
        if sorted(gt) != sorted(t["login"] for t in wcourse["trainees"]):
            bad.append("%s: trainees %s, want %s" % (name, sorted(gt),
                       sorted(t["login"] for t in wcourse["trainees"])))
        for wt in wcourse["trainees"]:
            t = gt.get(wt["login"])
            for key in ("passed", "lessons", "quizzes", "critical_missed", "last_activity",
                        "outdated", "mismatch", "unchecked"):
                if t is not None and t.get(key) != wt[key]:
                    bad.append("%s/%s %s: %r, want %r" % (name, wt["login"], key, t.get(key), wt[key]))
        gq = {q["lesson"]: q for q in c["quizzes"]}
        for wq in wcourse["quizzes"]:
            q = gq.get(wq["lesson"])
            if q is None:
                bad.append("%s: quiz %s missing" % (name, wq["lesson"]))
                continue
            for key, tol in (("trainees", 0), ("mean", 0.05), ("sd", 0.05), ("kr20", 0.005)):
                if not close(q[key], wq[key], tol):
                    bad.append("%s/%s %s: %r, want %r" % (name, wq["lesson"], key, q[key], wq[key]))
            gi = {i["question"]: i for i in q["questions"]}
            for wi in wq["questions"]:
                i = gi.get(wi["question"])
                where = "%s/%s/%s" % (name, wq["lesson"], wi["question"])
                if i is None:
                    bad.append(where + " missing")
                    continue
                for key, tol in (("answers", 0), ("facility", 0.05), ("discrimination", 0.05)):
                    if not close(i[key], wi[key], tol):
                        bad.append("%s %s: %r, want %r" % (where, key, i[key], wi[key]))
                for key in ("choices", "flags"):
                    if i[key] != wi[key]:
                        bad.append("%s %s: %r, want %r" % (where, key, i[key], wi[key]))
    gs = sorted(s["file"] for s in got.get("skipped", []))
    ws = sorted(s["file"] for s in want.get("skipped", []))
    if gs != ws:
        bad.append("skipped %s, want %s" % (gs, ws))
    for b in bad[:40]:
        print("# " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
