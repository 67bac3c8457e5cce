#!/usr/bin/env python3
"""hostile_cases.py - writes the hostile course files that tests/e2e/hostile.sh
checks and bench/run.sh measures, so both use the same cases and sizes.

    hostile_cases.py KIND PATH [SCALE]   write KIND at PATH (a folder for
                                         badbytes and files), at SCALE times
                                         its size n (default 1)
    hostile_cases.py --scaled            one line per case that grows with
                                         n: KIND NAME N WHAT

A scaled case is run at n and at 4n: a linear cost grows about 4 times, a
quadratic one 16 times. 4n is as much as fits under the 1 MiB file limit or
the size the case had when it had a fixed size.
"""
import os
import sys

MIB = 1024 * 1024

# KIND: (file name, n, what grows)
SCALED = {
    "brackets": ("brackets.yaml", 25000, "nested brackets"),
    "braces": ("braces.yaml", 25000, "nested braces, unbalanced"),
    "manykeys": ("manykeys.yaml", 25000, "unknown keys"),
    "refs": ("refs.yaml", 5000, "sources and references to missing ones"),
    "lessons": ("lessons.yaml", 15000, "lessons missing their fields"),
    "longtext": ("longtext.yaml", 30000, "words in one page"),
    "longword": ("longword.yaml", 240000, "bytes in one word of a page"),
    "badbytes": ("badbytes", 250000, "0xff bytes in each of ten files"),
    "files": ("files", 250, "course files in a folder"),
    "badfiles": ("badfiles", 750, "files of 60 bad bytes (51 messages each)"),
    "courses": ("courses", 6500, "valid courses with 64-character ids"),
}

# A valid course of about 300 bytes with the 64-character id ID.
TINY = ("{id: %s, title: T, version: 1, lessons: [{id: l, title: L, pages: "
        "[{title: P, text: T}], quiz: {questions: [{id: q, kind: true-false, "
        "prompt: P, explanation: E, choices: [{text: 'True', correct: true}, "
        "{text: 'False', feedback: F}]}]}}]}\n")


def text(path, s):
    with open(path, "w") as f:
        f.write(s)


def page(body):
    # A course with one page holding body, an unknown key and no quiz.
    return ("id: x\ntitle: X\nversion: 1\nbogus: 1\nlessons:\n- id: l\n"
            "  title: L\n  pages:\n  - title: P\n    text: " + body + "\n")


def write(kind, path, n):
    if kind == "laughs":
        # Nine levels of nine aliases: refused at the first anchor.
        lines = ["id: x", "title: T", "version: 1",
                 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for i in range(1, 10):
            lines.append("a%d: &a%d [%s]" % (i, i, ",".join(["*a%d" % (i - 1)] * 9)))
        lines.append("lessons: *a9")
        text(path, "\n".join(lines) + "\n")
    elif kind == "scalar":
        text(path, 'id: x\ntitle: "' + "a" * 10000000 + '"\n')
    elif kind == "keys":
        text(path, "".join("k%d: %d\n" % (i, i) for i in range(1000000)))
    elif kind == "sparse":
        with open(path, "wb") as f:
            try:
                f.truncate(10 << 30)
            except OSError:
                f.truncate(1 << 30)
    elif kind == "brackets":
        text(path, "id: x\ntitle: " + "[" * n + "]" * n + "\n")
    elif kind == "braces":
        text(path, "lessons: " + "{a: " * n + "\n")
    elif kind == "manykeys":
        text(path, "".join("k%d: 1\n" % i for i in range(n)))
    elif kind == "refs":
        text(path, "id: x\ntitle: X\nversion: 1\nsources:\n"
             + "".join("- {id: s%d, cite: c}\n" % i for i in range(n))
             + "lessons:\n- id: l\n  title: L\n  pages:\n  - title: P\n    text: T\n"
             + "    sources: [" + ", ".join("t%d" % i for i in range(n)) + "]\n")
    elif kind == "lessons":
        text(path, "id: x\ntitle: X\nversion: 1\nlessons:\n"
             + "".join("- {id: l%d}\n" % i for i in range(n)))
    elif kind == "longtext":
        text(path, page('"' + " ".join("word%d" % (i % 1000) for i in range(n)) + '"'))
    elif kind == "longword":
        text(path, page("a" * n))
    elif kind == "badbytes":
        os.makedirs(path, exist_ok=True)
        for i in range(1, 11):
            with open(os.path.join(path, "b%d.yaml" % i), "wb") as f:
                f.write(b"\xff" * n)
    elif kind == "files":
        os.makedirs(path, exist_ok=True)
        for i in range(n):
            text(os.path.join(path, "c%d.yaml" % i),
                 "id: c%d\ntitle: T\nversion: 1\nbogus: 1\nlessons: []\n" % i)
    elif kind == "badfiles":
        # Each file's messages stop at the cap; were they counted against
        # every earlier message, a folder of them would be quadratic.
        os.makedirs(path, exist_ok=True)
        for i in range(n):
            with open(os.path.join(path, "f%d.yaml" % i), "wb") as f:
                f.write(b"\xff" * 60)
    elif kind == "courses":
        # Ids alike but for their last digits, so that comparing each with
        # each (a scan per course loaded) costs what it can; one broken
        # file last gives the verdict. 4n of them are under the catalog's
        # 8 MiB.
        os.makedirs(path, exist_ok=True)
        for i in range(n):
            text(os.path.join(path, "c%05d.yaml" % i), TINY % ("x" * 58 + "-%05d" % i))
        text(os.path.join(path, "zz.yaml"), "id: zz\nbogus: 1\n")
    elif kind == "bigcourses":
        # Nine valid courses of 1,000,000 bytes and a small one: eight fit
        # in the catalog's 8 MiB, c8.yaml is the first left out.
        os.makedirs(path, exist_ok=True)
        for i in range(9):
            head = TINY % ("big-%d" % i)
            body = head.replace("title: T,", "summary: '%s', title: T,")
            pad = 1000000 - len(body) + 2
            text(os.path.join(path, "c%d.yaml" % i), body % ("word " * (pad // 5) + "w" * (pad % 5)))
        text(os.path.join(path, "c9.yaml"), TINY % "small")
    else:
        sys.exit("hostile_cases.py: no case '%s'" % kind)
    if kind in SCALED and os.path.isfile(path) and os.path.getsize(path) > MIB:
        sys.exit("hostile_cases.py: %s is over the 1 MiB limit at n=%d" % (kind, n))


def main():
    if sys.argv[1:] == ["--scaled"]:
        for kind, (name, n, what) in SCALED.items():
            print(kind, name, n, what)
        return
    if len(sys.argv) not in (3, 4):
        sys.exit("usage:\n" + __doc__.strip().split("\n\n")[1])
    kind, path = sys.argv[1], sys.argv[2]
    scale = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    write(kind, path, SCALED.get(kind, (None, 1))[1] * scale)


main()
