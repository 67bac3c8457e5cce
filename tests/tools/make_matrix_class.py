#!/usr/bin/env python3
"""make_matrix_class.py - a class whose first attempts are given exactly, as
0/1 matrices (trainee i right or wrong at question j), for the report's
boundaries that random classes rarely hit.

    make_matrix_class.py course OUT.yaml
    make_matrix_class.py handins DIR --hash LESSON=HEX... [--owners-out FILE]

The course `matrix` (version 1) has four lessons; every question is a
"single" one whose choice 1 is right and choice 2 wrong:
  twenty  20 trainees, 7 questions: easy95 (19 right: facility 95.0, very
          easy), easy90 (18: 90.0, not), hard20 (4: 20.0, very hard), hard25
          (5: 25.0, not), disc20 (discrimination exactly 20.0: not
          "discriminates badly"), f1 and f2 (fillers that shape the rest
          scores)
  ten     the first 10 trainees, 3 questions: judged (10 answers)
  nine    the first 9 trainees, 3 questions: too few answers to judge
  long    20 trainees, 70 questions (right or wrong by a fixed seed): more
          than the 64 an old fixed array held
Each trainee takes each quiz once. The hand-ins are m01.rollwise ...
m20.rollwise; --owners-out writes "FILENAME LOGIN" lines for class_ref.py.
"""
import argparse
import os
import random
import sys

N = 20
E95 = [1] * 19 + [0]
E90 = [0, 0] + [1] * 18
H20 = [0] * 16 + [1] * 4
H25 = [1] * 5 + [0] * 15
# found by search: with the rest made of the other six questions, the
# item-rest correlation of DISC20 is 40 / sqrt(100 x 400) = 0.2 exactly
DISC20 = [0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1]
F1 = [0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]
F2 = [0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0]


def lessons():
    """[(lesson id, [(question id, column of 0/1 per trainee, None when not taken)])]"""
    rng = random.Random(70)
    ten = [[rng.randrange(2) for _ in range(10)] + [None] * 10 for _ in range(3)]
    nine = [[rng.randrange(2) for _ in range(9)] + [None] * 11 for _ in range(3)]
    ability = [rng.random() for _ in range(N)]
    long_ = [[1 if rng.random() < 0.3 + 0.6 * ability[i] else 0 for i in range(N)]
             for _ in range(70)]
    return [
        ("twenty", [("easy95", E95), ("easy90", E90), ("hard20", H20), ("hard25", H25),
                    ("disc20", DISC20), ("f1", F1), ("f2", F2)]),
        ("ten", [("t%d" % (j + 1), c) for j, c in enumerate(ten)]),
        ("nine", [("n%d" % (j + 1), c) for j, c in enumerate(nine)]),
        ("long", [("q%02d" % (j + 1), c) for j, c in enumerate(long_)]),
    ]


def course_yaml():
    out = ["# made by tests/tools/make_matrix_class.py", "format: 1", "id: matrix",
           "title: Matrix class", "summary: Quizzes whose answers are given exactly, for tests.",
           "version: 1", "sources:", "  - id: src", "    kind: clinic",
           "    cite: \"A source for the tests\"", "lessons:"]
    for lid, qs in lessons():
        out += ["  - id: %s" % lid, "    title: Lesson %s" % lid, "    pages:",
                "      - id: p1", "        title: The page", "        text: |",
                "          A page to read before the quiz.", "        sources: [src]",
                "    quiz:", "      pass: 50", "      questions:"]
        for qid, _ in qs:
            out += ["        - id: %s" % qid, "          kind: single",
                    "          prompt: Question %s?" % qid, "          choices:",
                    "            - text: Right", "              correct: true",
                    "            - text: Wrong", "              feedback: Not this one.",
                    "          explanation: The first choice is right.", "          review: p1"]
    return "\n".join(out) + "\n"


def handin(i, hashes):
    sess = "%016x" % (0x5eed0000 + i)
    seq = 1
    day = "2026-11-%02d" % (3 + i % 20)
    lines = ["- {rollwise-handin: 1, rollwise: 1.0.0, at: 2026-11-26T08:00:00Z}",
             "- {rollwise-progress: 2}",
             "- {ev: notice, at: %sT08:00:00Z, sess: %s, seq: 1}" % (day, sess)]
    for li, (lid, qs) in enumerate(lessons()):
        if qs[0][1][i] is None:
            continue
        run = seq + 1
        right = 0
        for j, (qid, col) in enumerate(qs):
            seq += 1
            right += col[i]
            lines.append("- {ev: answer, at: %sT%02d:%02d:%02dZ, sess: %s, seq: %d, course: matrix, "
                         "lesson: %s, question: %s, picked: [%d], right: %s, version: 1, "
                         "hash: %s, run: %d}" % (day, 9 + li, j // 60, j % 60, sess, seq, lid, qid,
                                                 0 if col[i] else 1,
                                                 "true" if col[i] else "false", hashes[lid], run))
        seq += 1
        score = 100 * right // len(qs)
        lines.append("- {ev: attempt, at: %sT%02d:59:00Z, sess: %s, seq: %d, course: matrix, "
                     "lesson: %s, score: %d, passed: %s, version: 1, hash: %s, run: %d}"
                     % (day, 9 + li, sess, seq, lid, score, "true" if score >= 50 else "false",
                        hashes[lid], run))
    return "\n".join(lines) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(prog="make_matrix_class.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("course", "handins"))
    ap.add_argument("out")
    ap.add_argument("--hash", action="append", default=[], metavar="LESSON=HEX")
    ap.add_argument("--owners-out", metavar="FILE")
    o = ap.parse_args(argv)
    if o.what == "course":
        with open(o.out, "w") as f:
            f.write(course_yaml())
        return 0
    hashes = dict(h.split("=", 1) for h in o.hash)
    missing = [lid for lid, _ in lessons() if lid not in hashes]
    if missing:
        ap.error("--hash missing for %s" % ", ".join(missing))
    os.makedirs(o.out, exist_ok=True)
    owners = []
    for i in range(N):
        name = "m%02d.rollwise" % (i + 1)
        with open(os.path.join(o.out, name), "w") as f:
            f.write(handin(i, hashes))
        owners.append("%s m%02d\n" % (name, i + 1))
    if o.owners_out:
        with open(o.owners_out, "w") as f:
            f.writelines(owners)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
