#!/usr/bin/env python3
"""gencorpus.py DIR [COURSES] - writes COURSES (default 1000) valid course
files into DIR for the load benchmark: each has 2 lessons of 3 pages and a
quiz of 10 questions (20 questions a course), with sources, feedback and
explanations, in the styles real courses use (block and flow, quoted and
plain). The same arguments always give the same bytes."""
import os
import random
import sys

WORDS = ("skin needle roller healing collagen clean sterile sunscreen redness "
         "dermatologist infection scar barrier gentle pressure session week "
         "daily hands face serum irritation swelling patch test advice doctor "
         "clinic device depth acne pigment sensitive rest water soap alcohol").split()


def sentence(rng, n):
    w = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng, rng.randint(6, 14)) for _ in range(sentences))


def block(text, indent):
    """text wrapped at ~72 columns as a YAML literal block."""
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > 72:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "".join(f"{' ' * indent}{l}\n" for l in out)


def page(rng, i, sources):
    y = f"      - id: page-{i}\n        title: {sentence(rng, 4)[:-1]}\n        text: |\n"
    y += block(paragraph(rng, 2), 10)
    y += "\n"
    y += "".join(f"          - {sentence(rng, 6)}\n" for _ in range(2))
    y += "\n" + block("Remember: *" + rng.choice(WORDS) + "* matters.", 10)
    y += f"        sources: [{rng.choice(sources)}]\n"
    return y


def question(rng, i, pages, sources):
    kind = ("single", "multiple", "true-false")[i % 3]
    y = f"        - id: q{i}\n          kind: {kind}\n"
    y += f"          prompt: \"{sentence(rng, 7)[:-1]}?\"\n          choices:\n"
    if kind == "true-false":
        right = rng.random() < 0.5
        y += f"            - {{ text: \"True\", correct: {'true' if right else 'false'}"
        y += "" if right else f", feedback: \"{sentence(rng, 4)}\""
        y += " }\n"
        y += f"            - {{ text: \"False\", correct: {'false' if right else 'true'}"
        y += f", feedback: \"{sentence(rng, 4)}\"" if right else ""
        y += " }\n"
    else:
        n = rng.randint(3, 4)
        good = {0} if kind == "single" else set(rng.sample(range(n), 2))
        for c in range(n):
            y += f"            - text: {sentence(rng, 3)[:-1]}\n"
            if c in good:
                y += "              correct: true\n"
            else:
                y += f"              feedback: {sentence(rng, 4)}\n"
    y += f"          explanation: >\n" + block(sentence(rng, 8), 12)
    if i % 4 == 0:
        y += f"          critical: true\n          review: page-{rng.randrange(pages)}\n"
    y += f"          sources: [{rng.choice(sources)}]\n"
    return y


def course(rng, n):
    sources = [f"src-{k}" for k in range(4)]
    y = f"# course-{n:04d}.yaml: generated for the load benchmark\nformat: 1\n"
    y += f"id: course-{n:04d}\ntitle: {sentence(rng, 5)[:-1]}\n"
    y += f"summary: {sentence(rng, 14)}\nversion: {1 + n % 7}\nsources:\n"
    y += "".join(f"  - id: {s}\n    cite: \"{sentence(rng, 8)} Journal {2000 + k}\"\n"
                 for k, s in enumerate(sources))
    y += "lessons:\n"
    for l in range(2):
        y += f"  - id: lesson-{l}\n    title: {sentence(rng, 4)[:-1]}\n    pages:\n"
        y += "".join(page(rng, p, sources) for p in range(3))
        y += "    quiz:\n      pass: 80\n      questions:\n"
        y += "".join(question(rng, q, 3, sources) for q in range(10))
    return y


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gencorpus.py DIR [COURSES]")
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) == 3 else 1000
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261125)
    for n in range(count):
        with open(os.path.join(out, f"course-{n:04d}.yaml"), "w") as f:
            f.write(course(rng, n))


main()
