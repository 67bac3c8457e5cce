#!/usr/bin/env python3
"""make_handins.py - synthetic class hand-ins for testing `rollwise report`.

    make_handins.py OUTDIR COURSE_YAML --trainees N --seed S
                    [--hash LESSON=HEX]... [--owners-out FILE] [--extras]

Writes OUTDIR/t001.rollwise ... tNNN.rollwise (t1000 on) in the line format of
docs/class-contract.md: the hand-in header, the journal header, then one
flow mapping per line (notice, page, answer, attempt, compacted `answers`
groups, and box, tally and gone lines that the report ignores). The same
arguments always give the same files, byte for byte.

--hash LESSON=HEX  the lesson's content hash to write on its answers and
                   attempts: give rollwise's own (tests/tools/lesson_hashes.py
                   prints them) so that the C program takes them as current.
                   A lesson without one gets a made-up hash.
--owners-out FILE  also write FILE, "FILENAME LOGIN" per line, for
                   class_ref.py --owners (the trainee of tNNN.rollwise is tNNN).
--extras           also write three files the report must skip: broken.rollwise
                   (not YAML, cut off mid-line), notes.rollwise (YAML, not a
                   hand-in) and borrowed.rollwise (a copy of t001's hand-in that
                   the owners file says t001 handed in). The owners file names
                   broken and notes as handed in by "broken" and "notes", so
                   that they are skipped for what is in them.

Prints the --hash options it used, one per line, so a test can pass the same
to class_ref.py: HASHES=$(make_handins.py ...).

What the trainees do: each has an ability; every question has a difficulty
and a discrimination (in the first lesson one question gets easier the
weaker the trainee, and one is almost always right, so the report's flags
have something to find at 200 trainees). Trainees read the pages and take
the lessons' quizzes in order; some stop early and a few never take a quiz.
A first attempt answers every question; a failed quiz is often retaken
(later, in the same session or another), a passed one now and then; some
leave a quiz part-way (answers with a run and no attempt); some review
questions later (run 0). Some files are compacted (a snapshot with one
`answers` line per question), others are plain journals, and some quote
every id. Special trainees, when there are enough of them:
  t003  stored right/score forged on one attempt  -> mismatch
  t004  did the course at version V-1, the first lesson with an older
        hash                                       -> outdated
  t005  two attempts at the same second in two sessions whose ids look like
        numbers (1234567890123456, 0000000000000017): the first attempt is
        the one with the lower sess
  t006  a few answers with unknown version and hash (~)
  t007  score 100 saved on the first attempt at the first lesson, every
        answer of it deleted                        -> unchecked
  t008  score 100 saved on a first attempt (second lesson) with most answers
        wrong, one wrong answer deleted             -> mismatch
"""
import argparse
import hashlib
import math
import os
import random
import re
import sys
from datetime import datetime, timedelta, timezone

import yaml

BASE = datetime(2026, 11, 2, 8, 0, 0, tzinfo=timezone.utc)
OTHER_COURSE = "zz-other-course"


def load_course(path):
    with open(path, "rb") as f:
        doc = yaml.load(f, Loader=yaml.BaseLoader)  # every scalar a string
    course = {"id": doc["id"], "version": int(doc["version"]), "lessons": []}
    for l in doc["lessons"]:
        quiz = l["quiz"]
        qs = []
        for q in quiz["questions"]:
            ch = q["choices"]
            qs.append({"id": q["id"], "kind": q["kind"], "n": len(ch),
                       "correct": sorted(i for i, c in enumerate(ch) if c.get("correct") == "true")})
        course["lessons"].append({"id": l["id"], "pages": len(l["pages"]),
                                  "pass": int(quiz.get("pass", "80")), "questions": qs})
    return course


def plain_ok(s):
    """As the C journal writer: ids that YAML would read as another type are quoted."""
    return (s and not s.isdigit() and re.fullmatch(r"[a-z0-9-]+", s) and s[0] != "-"
            and s not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n"))


def ystr(s, quote=False):
    if plain_ok(s) and not quote:
        return s
    return "'" + s.replace("'", "''") + "'"


def tstr(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Trainee:
    """Builds one trainee's events, then writes them in one of the formats."""

    def __init__(self, login, rng, course, hashes):
        self.login, self.rng, self.course, self.hashes = login, rng, course, hashes
        self.events = []  # dicts with "ev"
        self.sess = None
        self.seq = 0
        self.t = None
        self.quote = rng.random() < 0.2
        self.version = course["version"]
        self.lesson_hash = dict(hashes)

    # -- time and sessions
    def new_session(self, sess=None, gap_hours=None):
        self.sess = sess or "%016x" % self.rng.getrandbits(64)
        self.seq = 0
        if gap_hours is None:
            gap_hours = self.rng.uniform(2, 40)
        self.t = self.t + timedelta(hours=gap_hours) if self.t else \
            BASE + timedelta(minutes=self.rng.randrange(0, 7 * 24 * 60))

    def tick(self, lo=20, hi=120):
        self.t = self.t + timedelta(seconds=self.rng.randrange(lo, hi))
        self.seq += 1
        return self.t, self.sess, self.seq

    # -- events
    def notice(self):
        at, sess, seq = self.tick()
        self.events.append({"ev": "notice", "at": at, "sess": sess, "seq": seq})

    def read(self, lesson, course=None):
        for p in range(lesson["pages"]):
            at, sess, seq = self.tick(30, 200)
            self.events.append({"ev": "page", "at": at, "sess": sess, "seq": seq,
                                "course": course or self.course["id"], "lesson": lesson["id"],
                                "page": p})

    def answer(self, lesson, q, picked, right, run, version=None, hash_=None, forged=False):
        at, sess, seq = self.tick()
        e = {"ev": "answer", "at": at, "sess": sess, "seq": seq, "course": self.course["id"],
             "lesson": lesson["id"], "question": q["id"], "picked": sorted(picked),
             "right": (not right) if forged else right,
             "version": self.version if version is None else version,
             "hash": self.lesson_hash[lesson["id"]] if hash_ is None else hash_, "run": run}
        self.events.append(e)
        return e

    def attempt(self, lesson, run, score):
        at, sess, seq = self.tick(1, 5)
        self.events.append({"ev": "attempt", "at": at, "sess": sess, "seq": seq,
                            "course": self.course["id"], "lesson": lesson["id"], "score": score,
                            "passed": score >= lesson["pass"], "version": self.version,
                            "hash": self.lesson_hash[lesson["id"]], "run": run})

    # -- formats
    def line(self, e):
        q = self.quote
        parts = ["ev: " + e["ev"]]
        if e["ev"] == "tally":
            parts.append("sess: " + e["sess"])
        elif e["ev"] == "gone":
            parts.append("at: " + tstr(e["at"]))
        elif e["ev"] != "answers":
            parts.append("at: %s, sess: %s, seq: %d" % (tstr(e["at"]), e["sess"], e["seq"]))
        if e["ev"] != "notice":
            parts.append("course: " + ystr(e["course"], q))
            if "lesson" in e:
                parts.append("lesson: " + ystr(e["lesson"], q))
            if "question" in e:
                parts.append("question: " + ystr(e["question"], q))
        ev = e["ev"]
        if ev == "page":
            parts.append("page: %d" % e["page"])
        elif ev == "answer":
            parts.append("picked: [%s], right: %s" % (", ".join(map(str, e["picked"])),
                                                      "true" if e["right"] else "false"))
            if e["version"] is not None:
                parts.append("version: %d" % e["version"])
            if e["hash"] is not None:
                parts.append("hash: " + e["hash"])
            if e["run"]:
                parts.append("run: %d" % e["run"])
            if "box" in e:
                parts.append("box: %d, due: %s" % (e["box"], tstr(e["due"])))
        elif ev == "attempt":
            parts.append("score: %d, passed: %s, version: %d, hash: %s" % (
                e["score"], "true" if e["passed"] else "false", e["version"], e["hash"]))
            if e["run"]:
                parts.append("run: %d" % e["run"])
            if e.get("tally"):
                parts.append("tally: %d" % e["tally"])
        elif ev == "box":
            parts.append("box: %d, due: %s" % (e["box"], tstr(e["due"])))
        elif ev == "tally":
            parts.append("tally: %d" % e["tally"])
        elif ev == "answers":
            items = []
            for a in e["list"]:
                items.append("[%s, %s, %d, [%s], %s, %s, %s, %d]" % (
                    tstr(a["at"]), a["sess"], a["seq"], ", ".join(map(str, a["picked"])),
                    "true" if a["right"] else "false",
                    "~" if a["version"] is None else a["version"],
                    "~" if a["hash"] is None else a["hash"], a["run"]))
            parts.append("list: [%s]" % ", ".join(items))
        return "- {" + ", ".join(parts) + "}\n"

    def text(self, handed_in_at):
        head = "- {rollwise-handin: 1, rollwise: 1.0.0, at: %s}\n" % tstr(handed_in_at)
        evs = self.events
        if self.rng.random() < 0.5 or len(evs) < 4:
            return head + "- {rollwise-progress: 2}\n" + "".join(self.line(e) for e in evs)
        # compacted: a snapshot of everything up to a cut, then lines after it
        cut = self.rng.randrange(len(evs) // 2, len(evs) + 1)
        snap, tail = evs[:cut], evs[cut:]
        body = []
        # where the trainee is: the last page line of each lesson
        last_page = {}
        for e in snap:
            if e["ev"] == "page":
                last_page[(e["course"], e["lesson"])] = e
        body += [e for e in snap if e["ev"] == "notice"]
        body += list(last_page.values())
        # answers of one question grouped (at most 16 to a line), box lines kept as answers
        groups = {}
        for e in snap:
            if e["ev"] == "answer" and "box" not in e:
                groups.setdefault((e["course"], e["lesson"], e["question"]), []).append(e)
        for (c, l, qid), lst in groups.items():
            for i in range(0, len(lst), 16):
                body.append({"ev": "answers", "course": c, "lesson": l, "question": qid,
                             "list": lst[i:i + 16]})
        body += [e for e in snap if e["ev"] == "answer" and "box" in e]
        body += [e for e in snap if e["ev"] in ("attempt", "box", "tally", "gone")]
        btxt = "".join(self.line(e) for e in body)
        return (head + "- {rollwise-progress: 2, snapshot: %d}\n" % len(btxt.encode()) + btxt
                + "".join(self.line(e) for e in tail))


def logistic(x):
    return 1 / (1 + math.exp(-x))


def make_items(rng, course):
    """Per question: (discrimination a, difficulty b, distractor weights)."""
    items = {}
    for li, lesson in enumerate(course["lessons"]):
        for qi, q in enumerate(lesson["questions"]):
            a, b = rng.uniform(0.7, 2.2), rng.uniform(-1.8, 1.2)
            if li == 0 and qi == 0:
                a, b = 1.0, -4.5          # almost everyone gets it right
            elif li == 0 and qi == 1 and len(lesson["questions"]) > 2:
                a, b = -1.2, 0.0          # the weaker, the likelier right
            wrong = [c for c in range(q["n"]) if c not in q["correct"]]
            w = [rng.choice([0.0, 0.5, 1.0, 3.0]) for _ in wrong]
            if not any(w):
                w[0] = 1.0
            items[(lesson["id"], q["id"])] = (a, b, dict(zip(wrong, w)))
    return items


def pick(rng, q, right, weights):
    correct = set(q["correct"])
    if right:
        return correct
    wrong = [c for c in weights if weights[c] > 0] or list(weights)
    c = rng.choices(wrong, [weights[x] or 1 for x in wrong])[0] if wrong else None
    if q["kind"] != "multiple":
        return {c}
    r = rng.random()
    if r < 0.4 and len(correct) > 1:
        return correct - {rng.choice(sorted(correct))}   # one right choice missed
    if r < 0.7 and c is not None:
        return correct | {c}                              # one wrong choice too
    if c is not None:
        return (correct - {rng.choice(sorted(correct))}) | {c}
    return correct - {rng.choice(sorted(correct))}


def simulate(login, index, rng, course, hashes, items):
    tr = Trainee(login, rng, course, hashes)
    theta = rng.gauss(0, 1)
    special = {3: "forged", 4: "outdated", 5: "tie", 6: "unknown", 7: "forged-gone",
               8: "forged-one"}.get(index)
    if special == "outdated":
        if course["version"] > 1:
            tr.version = course["version"] - 1
            first = course["lessons"][0]["id"]
            tr.lesson_hash[first] = hashlib.sha256(("old " + hashes[first]).encode()).hexdigest()[:16]
        else:
            sys.stderr.write("make_handins.py: course version 1: no outdated trainee\n")
    tr.new_session()
    tr.notice()
    lessons = course["lessons"]
    r = rng.random()
    stop = 0 if r < 0.05 else rng.randrange(1, len(lessons) + 1) if r < 0.3 else len(lessons)
    if special:
        stop = len(lessons)
    state = {"forged": 0}
    for li, lesson in enumerate(lessons):
        if li >= stop:
            if li == stop and rng.random() < 0.5:
                tr.read(lesson)    # read, never took the quiz
            break
        tr.read(lesson)
        qs = lesson["questions"]
        k = len(qs)

        def right_p(q, skill):
            a, b, _ = items[(lesson["id"], q["id"])]
            return logistic(a * (skill - b))

        def run_quiz(skill, upto=None, forge=False):
            """One quiz run; returns its true score. With forge, the first
            wrong answer is stored as right and the score counts it."""
            run = nright = forged = 0
            for q in qs[:upto] if upto else qs:
                ok = rng.random() < right_p(q, skill)
                p = pick(rng, q, ok, items[(lesson["id"], q["id"])][2])
                if tr.lesson_hash[lesson["id"]] != hashes[lesson["id"]]:
                    p = {rng.randrange(q["n"])}   # older content: the picks meant something else
                forge_this = forge and not ok and not forged
                e = tr.answer(lesson, q, p, ok, run, forged=forge_this)
                if not run:
                    run = e["seq"]
                    e["run"] = run
                nright += ok
                forged += forge_this
            if upto:
                return None
            state["forged"] += forged
            tr.attempt(lesson, run, (100 * (nright + forged)) // k)
            return (100 * nright) // k

        if special == "tie" and li == 0:
            # two sessions (two terminals) finish the quiz in the same second
            sa, sb = "1234567890123456", "0000000000000017"
            t0 = tr.t + timedelta(minutes=5)
            # sb sorts first by sess but last by seq: only (at, sess, seq) picks it
            done = []
            for sess, seq0, skill in ((sa, 10, theta - 2), (sb, 40, theta + 2)):
                tr.sess, tr.seq, tr.t = sess, seq0, t0
                run_quiz(skill)
                done.append(tr.events[-1])
            same = max(e["at"] for e in tr.events)
            for e in done:
                e["at"] = same
            tr.t = same + timedelta(minutes=1)
            tr.new_session(gap_hours=1)
            continue
        if rng.random() < 0.08 and k > 1:
            run_quiz(theta, upto=rng.randrange(1, k))   # left part-way
            tr.new_session()
            tr.read(lesson)
        skill = theta - 8 if special == "forged-one" and li == 1 else theta
        score = run_quiz(skill, forge=special == "forged" and not state["forged"])
        tries = 1
        while tries < 4:
            failed = score < lesson["pass"]
            if not (failed and rng.random() < 0.7) and not (not failed and rng.random() < 0.1):
                break
            skill += 0.6
            if rng.random() < 0.5:
                tr.new_session()
            tr.read(lesson)
            score = run_quiz(skill)
            tries += 1
        if tries > 1 and rng.random() < 0.3:
            tr.events[-1]["tally"] = tries
        if rng.random() < 0.3 or special == "unknown":
            tr.new_session()
            for _ in range(rng.randrange(1, 4)):
                q = rng.choice(qs)
                ok = rng.random() < right_p(q, skill)
                p = pick(rng, q, ok, items[(lesson["id"], q["id"])][2])
                unknown = special == "unknown"
                e = tr.answer(lesson, q, p, ok, 0, version=None, hash_=None)
                if unknown:
                    e["version"] = e["hash"] = None
                if rng.random() < 0.5:
                    e["box"] = rng.randrange(1, 6)
                    e["due"] = e["at"] + timedelta(days=e["box"] * 2)
        if rng.random() < 0.1:
            at, sess, seq = tr.tick()
            tr.events.append({"ev": "box", "at": at, "sess": sess, "seq": seq,
                              "course": course["id"], "lesson": lesson["id"],
                              "question": qs[0]["id"], "box": 3, "due": at + timedelta(days=6)})
        if rng.random() < 0.3:
            tr.new_session()
    if special in ("forged-gone", "forged-one"):
        forge_deleted(tr, course, lessons[0 if special == "forged-gone" else 1]["id"],
                      special == "forged-gone")
    # things the report must not take for this course
    if rng.random() < 0.15:
        other = dict(lessons[0])
        tr.new_session()
        tr.read(other, course=OTHER_COURSE)
        at, sess, seq = tr.tick()
        tr.events.append({"ev": "attempt", "at": at, "sess": sess, "seq": seq,
                          "course": OTHER_COURSE, "lesson": lessons[0]["id"], "score": 0,
                          "passed": False, "version": 1, "hash": "0123456789abcdef", "run": 0})
    if rng.random() < 0.05:
        tr.events.append({"ev": "tally", "sess": tr.sess, "course": course["id"],
                          "lesson": lessons[0]["id"], "tally": 3})
    if rng.random() < 0.05:
        tr.events.append({"ev": "gone", "at": tr.t, "course": "an-old-course"})
    return tr


def forge_deleted(tr, course, lid, every):
    """Score 100 saved on the first attempt at lesson lid, and every answer of
    its run deleted (every), or one wrong one."""
    att = next(e for e in tr.events if e["ev"] == "attempt" and e["lesson"] == lid
               and e["course"] == course["id"])
    run = [e for e in tr.events if e["ev"] == "answer" and e["lesson"] == lid
           and e["sess"] == att["sess"] and e["run"] == att["run"]]
    gone = run if every else [next(e for e in run if not e["right"])]
    tr.events = [e for e in tr.events if all(e is not g for g in gone)]
    att["score"], att["passed"] = 100, True


def main(argv):
    ap = argparse.ArgumentParser(prog="make_handins.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("course_yaml")
    ap.add_argument("--trainees", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--hash", action="append", default=[], metavar="LESSON=HEX")
    ap.add_argument("--owners-out", metavar="FILE")
    ap.add_argument("--extras", action="store_true")
    o = ap.parse_args(argv)
    course = load_course(o.course_yaml)
    hashes = {}
    for h in o.hash:
        lid, _, val = h.partition("=")
        if not re.fullmatch(r"[0-9a-f]{16}", val):
            ap.error("--hash wants LESSON=16 hex digits, not %r" % h)
        hashes[lid] = val
    for l in course["lessons"]:
        if l["id"] not in hashes:
            hashes[l["id"]] = hashlib.sha256(
                ("%s/%s" % (course["id"], l["id"])).encode()).hexdigest()[:16]
    if o.trainees < 1 or o.trainees > 9999:
        ap.error("--trainees: 1 to 9999")
    os.makedirs(o.outdir, exist_ok=True)
    rng = random.Random(o.seed)
    items = make_items(rng, course)
    owners = []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for i in range(1, o.trainees + 1):
        login = "t%03d" % i
        trng = random.Random("%d/%s" % (o.seed, login))
        tr = simulate(login, i, trng, course, hashes, items)
        handed_in = max(e["at"] for e in tr.events if "at" in e) + timedelta(hours=trng.uniform(1, 48))
        text = tr.text(handed_in)
        docs = list(yaml.load_all(text, Loader=loader))
        assert len(docs) == 1 and isinstance(docs[0], list), login
        name = login + ".rollwise"
        with open(os.path.join(o.outdir, name), "w") as f:
            f.write(text)
        owners.append((name, login))
    if o.extras:
        with open(os.path.join(o.outdir, "broken.rollwise"), "w") as f:
            f.write("- {rollwise-handin: 1, rollwise: 1.0.0, at: 2026-11-26T05:00:00Z}\n"
                    "- {rollwise-progress: 2}\n- {ev: page, at: 2026-11-25T03:31:00Z, sess: 9f8")
        with open(os.path.join(o.outdir, "notes.rollwise"), "w") as f:
            f.write("- remember to hand in\n- {what: this is not a hand-in}\n")
        with open(os.path.join(o.outdir, "t001.rollwise")) as src, \
                open(os.path.join(o.outdir, "borrowed.rollwise"), "w") as f:
            f.write(src.read())
        owners += [("broken.rollwise", "broken"), ("notes.rollwise", "notes"),
                   ("borrowed.rollwise", "t001")]
    if o.owners_out:
        with open(o.owners_out, "w") as f:
            for name, login in sorted(owners):
                f.write("%s %s\n" % (name, login))
    for l in course["lessons"]:
        print("--hash %s=%s" % (l["id"], hashes[l["id"]]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
