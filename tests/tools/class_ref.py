#!/usr/bin/env python3
"""class_ref.py - an independent reference for `rollwise report DIR --format json`.

    class_ref.py DIR COURSE_YAML [--hash LESSON=HEX]... [--owners FILE]

Reads every *.rollwise hand-in in DIR and the course file COURSE_YAML and
prints the class report of that one course as JSON, in the shape and with
the rounding of docs/class-contract.md. It shares no code with the C
program: every number is computed here again from the definitions, with
exact whole-number and fraction arithmetic up to the last step.

--hash LESSON=HEX (repeatable) gives a lesson's current content hash: only
answers (and attempts) carrying that hash are "current", that is, checked
against the course and used for the item analysis. A lesson given no --hash
takes every answer as current (no check is possible); the tests always give
every lesson's hash.

--owners FILE: lines "FILENAME LOGIN" naming who handed in each file (for
tests run as root, where every file is root's); a file not listed there is
its owner's, as without the option.

Exit status: 0, or 2 for a usage error or a course file that cannot be read.
"""
import json
import math
import os
import pwd
import re
import stat
import sys
from fractions import Fraction

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("class_ref.py: needs the python3 yaml module (apt-get install -y python3-yaml)")

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrLoader(_Base):
    """A safe loader that keeps every plain scalar a string except true/false
    and null: a session id such as 1234567890123456 or 0000000000000017 must
    stay the text it is (the default resolvers would make numbers, octal
    ones even, and times of the `at` values)."""


StrLoader.yaml_implicit_resolvers = {}
StrLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
StrLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def load_yaml(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=StrLoader)


# A fast path for hand-ins, for speed only: building 200 trainees' hand-ins
# through PyYAML's constructor takes seconds; this takes a tenth of that.
# A file whose every line has exactly the shape rollwise writes,
#   - {key: value, key: value, ...}
# where a key is [a-z][a-z-]*, a value a plain scalar of letters, digits and
# ._:+- (not ending in ':'), ~, an id in single quotes, or a [list] of those
# (lists in lists, three deep), is checked with one regular expression, then
# turned into JSON by putting double quotes around each scalar, and read by
# the json module. Any other file goes to PyYAML, which has the last word.
# The result is what StrLoader gives for every such file (--yaml-only reads
# everything through PyYAML; the self-check compares the two on every file).
_S = r"(?:[A-Za-z0-9](?:[A-Za-z0-9._:+-]*[A-Za-z0-9._+-])?|~|'[a-z0-9-]+')"
_L1 = r"\[(?:%s(?:, %s)*)?\]" % (_S, _S)
_L2 = r"\[(?:(?:%s|%s)(?:, (?:%s|%s))*)?\]" % (_S, _L1, _S, _L1)
_L3 = r"\[(?:(?:%s|%s)(?:, (?:%s|%s))*)?\]" % (_S, _L2, _S, _L2)
_V = r"(?:%s|%s)" % (_S, _L3)
_FAST_FILE = re.compile(r"(?:- \{[a-z][a-z-]*: %s(?:, [a-z][a-z-]*: %s)*\}\n)+" % (_V, _V))
_FAST_QUOTED_WORD = re.compile(r"'(?:true|false|null)'")
_FAST_STEPS = (("{", '{"'), ("[", '["'), ("}", '"}'), ("]", '"]'), (", ", '", "'),
               (": ", '": "'), ("[\"\"]", "[]"), ('"[', "["), (']"', "]"))
_FAST_WORDS = [('"%s"' % w, j) for ws, j in (("true True TRUE", "true"),
                                              ("false False FALSE", "false"),
                                              ("~ null Null NULL", "null"))
               for w in ws.split()]


def fast_load(data):
    """The hand-in as PyYAML with StrLoader reads it, or None for "ask PyYAML"."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.endswith("\n"):
        text += "\n"
    if not _FAST_FILE.fullmatch(text) or _FAST_QUOTED_WORD.search(text):
        return None
    body = text[2:-1].replace("\n- ", ",").replace("'", "")
    for old, new in _FAST_STEPS + tuple(_FAST_WORDS):
        body = body.replace(old, new)
    try:
        return json.loads("[" + body + "]")
    except ValueError:  # a key that YAML reads as true, false or null
        return None


YAML_ONLY = False


def load_handin(path):
    with open(path, "rb") as f:
        data = f.read()
    doc = None if YAML_ONLY else fast_load(data)
    if doc is None:
        doc = yaml.load(data, Loader=StrLoader)
    return doc


def die(msg):
    sys.stderr.write("class_ref.py: %s\n" % msg)
    sys.exit(2)


# ---- the course -------------------------------------------------------------

def as_int(v):
    """A whole number written in digits (or already one); None otherwise."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, str) and v.lstrip("+-").isdigit() and v.isascii() and \
            len(v) - len(v.lstrip("+-")) <= 1:
        return int(v)
    return None


def load_course(path):
    try:
        doc = load_yaml(path)
    except (OSError, yaml.YAMLError) as e:
        die("%s: %s" % (path, e))
    if not isinstance(doc, dict) or "id" not in doc or "lessons" not in doc:
        die("%s: not a course (no id or lessons)" % path)
    course = {"id": str(doc["id"]), "version": as_int(doc.get("version")), "lessons": []}
    if course["version"] is None:
        die("%s: the course has no version" % path)
    for l in doc["lessons"]:
        quiz = l.get("quiz") or {}
        pass_mark = as_int(quiz.get("pass", 80))
        questions = []
        for q in quiz.get("questions") or []:
            choices = q.get("choices") or []
            questions.append({
                "id": str(q["id"]),
                "critical": q.get("critical") is True,
                "nchoices": len(choices),
                "correct": frozenset(i for i, c in enumerate(choices)
                                     if isinstance(c, dict) and c.get("correct") is True),
            })
        course["lessons"].append({"id": str(l["id"]), "pass": pass_mark, "questions": questions})
    return course


# ---- hand-ins ---------------------------------------------------------------

class Bad(Exception):
    pass


_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def parse_time(s):
    """A time as rollwise writes it, YYYY-MM-DDTHH:MM:SSZ (UTC). Kept as text:
    at one fixed width, text order is time order."""
    if not isinstance(s, str) or not _TIME.fullmatch(s):
        raise Bad("a time that is not YYYY-MM-DDTHH:MM:SSZ: %r" % (s,))
    return s


def fmt_time(t):
    return t


def hex_sess(v):
    s = v if isinstance(v, str) else str(v)
    if not 1 <= len(s) <= 16 or s.strip("0123456789abcdefABCDEF"):
        raise Bad("a session id that is not hexadecimal: %r" % (v,))
    return int(s, 16)


def picked_set(v):
    if not isinstance(v, list):
        raise Bad("picked is not a list")
    out = set()
    for p in v:
        i = as_int(p)
        if i is None or i < 0:
            raise Bad("a picked choice that is not a number: %r" % (p,))
        out.add(i)
    return frozenset(out)


def need_int(v, what):
    i = as_int(v)
    if i is None:
        raise Bad("%s is not a number: %r" % (what, v))
    return i


def opt_str(v):
    return None if v is None else str(v)


def read_handin(path):
    """The events of one hand-in: (answers, attempts, times) or raise Bad.

    answers: {(sess, seq): dict(course, lesson, question, picked, right,
              version, hash, run, at)}   (one answer named twice counts once)
    attempts: {(sess, seq): dict(course, lesson, at, score, passed, version,
               hash, run)}
    times: every `at` of something the trainee did (not the hand-in's own)."""
    try:
        doc = load_handin(path)
    except yaml.YAMLError as e:
        raise Bad("not YAML: %s" % " ".join(str(e).split()))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise Bad("cannot be read: %s" % e)
    if not isinstance(doc, list) or not doc or not isinstance(doc[0], dict) \
            or "rollwise-handin" not in doc[0]:
        raise Bad("not a rollwise hand-in (no rollwise-handin line first)")
    answers, attempts, times = {}, {}, []

    def add_answer(key, a):
        answers.setdefault(key, a)
        times.append(a["at"])

    for e in doc[1:]:
        if not isinstance(e, dict):
            raise Bad("a line that is not a mapping")
        ev = e.get("ev")
        if ev is None:
            continue  # the journal's header line
        if ev in ("notice", "page"):
            if "at" in e:
                times.append(parse_time(e["at"]))
        elif ev == "answer":
            at = parse_time(e["at"])
            key = (hex_sess(e["sess"]), need_int(e["seq"], "seq"))
            add_answer(key, {
                "course": str(e["course"]), "lesson": str(e["lesson"]),
                "question": str(e["question"]), "picked": picked_set(e["picked"]),
                "right": e.get("right") is True, "version": as_int(e.get("version")),
                "hash": opt_str(e.get("hash")), "run": as_int(e.get("run")) or 0,
                "sess": key[0], "at": at})
        elif ev == "answers":
            lst = e.get("list")
            if not isinstance(lst, list):
                raise Bad("an answers line without a list")
            for item in lst:
                if not isinstance(item, list) or len(item) != 8:
                    raise Bad("an answers entry that is not [at, sess, seq, picked, right, version, hash, run]")
                at = parse_time(item[0])
                key = (hex_sess(item[1]), need_int(item[2], "seq"))
                add_answer(key, {
                    "course": str(e["course"]), "lesson": str(e["lesson"]),
                    "question": str(e["question"]), "picked": picked_set(item[3]),
                    "right": item[4] is True, "version": as_int(item[5]),
                    "hash": opt_str(item[6]), "run": as_int(item[7]) or 0,
                    "sess": key[0], "at": at})
        elif ev == "attempt":
            at = parse_time(e["at"])
            key = (hex_sess(e["sess"]), need_int(e["seq"], "seq"))
            attempts.setdefault(key, {
                "course": str(e["course"]), "lesson": str(e["lesson"]), "at": at,
                "score": as_int(e.get("score")), "passed": e.get("passed") is True,
                "version": as_int(e.get("version")), "hash": opt_str(e.get("hash")),
                "run": as_int(e.get("run")) or 0, "sess": key[0], "seq": key[1]})
            times.append(at)
        # box, tally, gone and unknown events are not used
    return answers, attempts, times


# ---- one trainee ------------------------------------------------------------

def trainee_report(login, handin, course, hashes):
    answers, attempts, times = handin
    cid = course["id"]
    lessons = {l["id"]: l for l in course["lessons"]}

    def current(lesson_id, h):
        return lesson_id not in hashes or h == hashes[lesson_id]

    mismatch = unchecked = False
    # recomputed rightness of every current answer of this course
    right_of = {}  # (sess, seq) -> bool
    for key, a in answers.items():
        if a["course"] != cid or a["lesson"] not in lessons or not current(a["lesson"], a["hash"]):
            continue
        q = next((q for q in lessons[a["lesson"]]["questions"] if q["id"] == a["question"]), None)
        if q is None:
            continue
        ok = a["picked"] == q["correct"]
        right_of[key] = ok
        if ok != a["right"]:
            mismatch = True

    by_run = {}  # (sess, run, lesson) -> [(key, answer)], current answers of quiz runs
    for key in right_of:
        a = answers[key]
        if a["run"]:
            by_run.setdefault((a["sess"], a["run"], a["lesson"]), []).append((key, a))

    # each attempt's run: its current answers, one per question
    def run_answers(att):
        if not att["run"] or not current(att["lesson"], att["hash"]):
            return {}
        out = {}
        for key, a in by_run.get((att["sess"], att["run"], att["lesson"]), []):
            out.setdefault(a["question"], []).append((key, a))
        # one answer per question; should a run hold two, its first counts
        return {q: min(v, key=lambda ka: (ka[1]["at"], ka[0]))
                for q, v in out.items()}

    per_lesson = {}  # lesson id -> list of (order key, attempt, score, run answers)
    for key, att in attempts.items():
        if att["course"] != cid or att["lesson"] not in lessons:
            continue
        lesson = lessons[att["lesson"]]
        ra = run_answers(att)
        score = att["score"]
        qids = [q["id"] for q in lesson["questions"]]
        if qids and att["run"] and current(att["lesson"], att["hash"]):
            # answers left prove `lo` and allow `hi`; the saved score must lie
            # between (with every answer there, lo == hi: the score recomputed)
            nright = sum(1 for q in qids if q in ra and right_of[ra[q][0]])
            nmissing = sum(1 for q in qids if q not in ra)
            lo = (100 * nright) // len(qids)
            hi = (100 * (nright + nmissing)) // len(qids)
            saved = score if score is not None else 0
            score = min(max(saved, lo), hi)
            if score != saved:
                mismatch = True
            elif score > lo:
                unchecked = True
        per_lesson.setdefault(att["lesson"], []).append(
            ((att["at"], att["sess"], att["seq"]), att, score, ra))

    quizzes, passed, critical_missed, outdated = [], 0, [], False
    firsts = {}
    for lesson in course["lessons"]:
        atts = sorted(per_lesson.get(lesson["id"], []), key=lambda t: t[0])
        scores = [t[2] for t in atts if t[2] is not None]
        first = atts[0][2] if atts else None
        best = max(scores) if scores else None
        quizzes.append({"lesson": lesson["id"], "first": first, "best": best})
        if any(s >= lesson["pass"] for s in scores):
            passed += 1
        if atts:
            firsts[lesson["id"]] = atts[0]
            last = atts[-1]
            if last[1]["version"] is not None and last[1]["version"] < course["version"]:
                outdated = True
            for q in lesson["questions"]:
                if q["critical"] and q["id"] in last[3] and not right_of[last[3][q["id"]][0]]:
                    critical_missed.append("%s/%s" % (lesson["id"], q["id"]))

    row = {
        "login": login, "passed": passed, "lessons": len(course["lessons"]),
        "quizzes": quizzes, "critical_missed": critical_missed,
        "last_activity": fmt_time(max(times)) if times else None,
        "outdated": outdated, "mismatch": mismatch, "unchecked": unchecked,
    }
    # the first attempt's answers for the item analysis: {lesson: {q: (right, picked)}}
    item = {}
    for lid, (_, att, _, ra) in firsts.items():
        qs = lessons[lid]["questions"]
        if qs and all(q["id"] in ra for q in qs):
            item[lid] = {q["id"]: (right_of[ra[q["id"]][0]], ra[q["id"]][1]["picked"]) for q in qs}
    return row, item


# ---- the item analysis --------------------------------------------------------

def r1(x):
    """Rounded to 1 decimal as printf("%.1f") does (on the double), no -0.0."""
    if x is None:
        return None
    v = float("%.1f" % float(x))
    return 0.0 if v == 0 else v


def r2(x):
    if x is None:
        return None
    v = float("%.2f" % float(x))
    return 0.0 if v == 0 else v


def pearson(xs, ys):
    """Pearson's r of two lists of whole numbers; None when either has no
    spread. Computed from exact sums: (nSxy - SxSy) / sqrt((nSxx - Sx^2)(nSyy - Sy^2))."""
    n = len(xs)
    if n < 2:
        return None
    sx, sy = sum(xs), sum(ys)
    sxx = sum(x * x for x in xs)
    syy = sum(y * y for y in ys)
    sxy = sum(x * y for x, y in zip(xs, ys))
    vx, vy = n * sxx - sx * sx, n * syy - sy * sy
    if vx == 0 or vy == 0:
        return None
    return (n * sxy - sx * sy) / math.sqrt(vx * vy)


def quiz_report(lesson, items):
    """items: one {question id: (right, picked)} per trainee in the analysis."""
    qs = lesson["questions"]
    k, n = len(qs), len(items)
    x = [[1 if it[q["id"]][0] else 0 for q in qs] for it in items]  # x[i][j]
    T = [sum(row) for row in x]
    questions = []
    sum_pq = Fraction(0)
    for j, q in enumerate(qs):
        col = [x[i][j] for i in range(n)]
        rest = [T[i] - x[i][j] for i in range(n)]
        p = Fraction(sum(col), n) if n else None
        if p is not None:
            sum_pq += p * (1 - p)
        d = pearson(col, rest)
        facility = None if p is None else 100 * p
        disc = None if d is None else 100 * d
        counts = [0] * q["nchoices"]
        for it in items:
            for c in it[q["id"]][1]:
                if c < q["nchoices"]:
                    counts[c] += 1
        choices = [{"choice": c + 1, "picked": counts[c]}
                   for c in range(q["nchoices"]) if c not in q["correct"]]
        if n < 10:
            flags = ["too few answers to judge"]
        else:
            flags = []
            if facility >= 95:
                flags.append("very easy")
            if facility <= 20:
                flags.append("very hard")
            if disc is not None and disc < 20:
                flags.append("discriminates badly")
        questions.append({"question": q["id"], "answers": n, "facility": r1(facility),
                          "discrimination": r1(disc), "choices": choices, "flags": flags})
    mean = Fraction(100 * sum(T), k * n) if n and k else None
    if n >= 2 and k:
        # sample variance of s_i = 100 T_i / k, divisor n - 1
        var_s = Fraction(100 * 100, k * k) * Fraction(n * sum(t * t for t in T) - sum(T) ** 2,
                                                      n * (n - 1))
        sd = math.sqrt(var_s)
    else:
        sd = 0
    kr20 = None
    if k >= 2 and n >= 2:
        var_T = Fraction(n * sum(t * t for t in T) - sum(T) ** 2, n * n)  # divisor n
        if var_T != 0:
            kr20 = Fraction(k, k - 1) * (1 - sum_pq / var_T)
    return {"lesson": lesson["id"], "trainees": n, "mean": r1(mean), "sd": r1(sd),
            "kr20": r2(kr20), "questions": questions}


# ---- the report ---------------------------------------------------------------

def owner_login(path):
    uid = os.stat(path).st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def report(folder, course, hashes, owners):
    trainees, skipped = [], []
    try:
        names = sorted(os.listdir(folder))
    except OSError as e:
        die("%s: %s" % (folder, e.strerror))
    for name in names:
        if not name.endswith(".rollwise") or name.startswith("."):
            continue
        path = os.path.join(folder, name)
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            skipped.append({"file": name, "why": "not a regular file"})
            continue
        login = owners.get(name) or owner_login(path)
        stem = name[: -len(".rollwise")]
        if stem != login:
            skipped.append({"file": name, "why": "named after %s but handed in by %s" % (stem, login)})
            continue
        try:
            handin = read_handin(path)
        except (Bad, KeyError, TypeError) as e:
            why = str(e) if isinstance(e, Bad) else "a line without %s" % e
            skipped.append({"file": name, "why": why})
            continue
        trainees.append((login, handin))
    trainees.sort(key=lambda t: t[0].encode())
    rows, items = [], {}
    for login, handin in trainees:
        row, item = trainee_report(login, handin, course, hashes)
        rows.append(row)
        for lid, it in item.items():
            items.setdefault(lid, []).append(it)
    quizzes = [quiz_report(l, items.get(l["id"], [])) for l in course["lessons"]]
    return {"courses": [{"course": course["id"], "version": course["version"],
                         "trainees": rows, "quizzes": quizzes}],
            "skipped": skipped}


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(prog="class_ref.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("course_yaml")
    ap.add_argument("--hash", action="append", default=[], metavar="LESSON=HEX")
    ap.add_argument("--owners", metavar="FILE")
    ap.add_argument("--yaml-only", action="store_true",
                    help="read every hand-in through PyYAML (no fast path)")
    o = ap.parse_args(argv)
    global YAML_ONLY
    YAML_ONLY = o.yaml_only
    hashes = {}
    for val in o.hash:
        if "=" not in val:
            die("--hash wants LESSON=HEX, not %r" % val)
        lid, h = val.split("=", 1)
        hashes[lid] = h
    owners = {}
    if o.owners:
        with open(o.owners) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    owners[os.path.basename(parts[0])] = parts[1]
                elif parts and not parts[0].startswith("#"):
                    die("%s: want lines 'FILENAME LOGIN', not %r" % (o.owners, line.rstrip()))
    course = load_course(o.course_yaml)
    unknown = sorted(set(hashes) - {l["id"] for l in course["lessons"]})
    if unknown:
        die("--hash for lessons the course does not have: %s" % ", ".join(unknown))
    out = report(o.dir, course, hashes, owners)
    sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
