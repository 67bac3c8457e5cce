#!/usr/bin/env python3
"""quizstats.py - figures about the quizzes of rollwise courses, to keep
questions from being answerable by test-taking cues alone.

    scripts/quizstats.py [--list] [PATH...]

PATH is a course file or a folder of them (default: lessons/ beside this
script). Prints, per course and in total:
- questions, by kind, and how many are scenarios (a prompt of two or more
  sentences, not counting "Choose all that apply.");
- single-choice answers that hold a caution word (stop, skip, wait, ask,
  see a doctor or dermatologist), right ones against wrong ones; and the
  same with a wider list (adding see, doctor, dermatologist, avoid, pause,
  replace, not, no, never, don't);
- "choose all" questions with only one wrong option;
- true-false statements with an absolute (all, always, only, must, never,
  every, none, no one), true against false;
- questions without a review page, and sources without a kind.
--list prints the questions each figure counts.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import course_yaml  # noqa: E402

NARROW = re.compile(r"\b(stop\w*|skip\w*|wait\w*|ask\w*|see (?:a |your )?(?:doctor|dermatologist|gp))\b", re.I)
WIDE = re.compile(r"\b(stop\w*|skip\w*|wait\w*|ask\w*|see|doctor\w*|dermatologist\w*|"
                  r"avoid\w*|pause\w*|replace\w*|not|no|never|don't)\b", re.I)
ABSOLUTE = re.compile(r"\b(all|always|only|must|never|every|none|no one)\b", re.I)


def scenario(prompt):
    p = re.sub(r"\s*Choose all that apply\.?\s*$", "", prompt.strip())
    return len([s for s in re.split(r"(?<=[.!?])[\"”’]?\s+", p) if s.strip()]) >= 2


class Tally:
    def __init__(self):
        self.n = {}
        self.lists = {}

    def count(self, key, what=None, by=1):
        self.n[key] = self.n.get(key, 0) + by
        if what:
            self.lists.setdefault(key, []).append(what)

    def get(self, key):
        return self.n.get(key, 0)


def tally_course(course, t):
    cid = course.get('id')
    for s in course.get('sources') or []:
        t.count('sources')
        if not s.get('kind'):
            t.count('sources without kind', '%s: %s' % (cid, s.get('id')))
    for lesson in course.get('lessons') or []:
        for q in (lesson.get('quiz') or {}).get('questions') or []:
            qid = '%s/%s/%s' % (cid, lesson.get('id'), q.get('id'))
            kind = q.get('kind')
            t.count('questions')
            t.count('kind ' + kind)
            if scenario(q.get('prompt') or ''):
                t.count('scenarios', qid)
            if q.get('critical'):
                t.count('critical', qid)
            if not q.get('review'):
                t.count('without review', qid)
            choices = q.get('choices') or []
            if kind == 'single':
                for c in choices:
                    side = 'right' if c.get('correct') else 'wrong'
                    t.count('single ' + side)
                    if NARROW.search(c['text']):
                        t.count('caution ' + side, '%s: %s' % (qid, c['text']))
                    if WIDE.search(c['text']):
                        t.count('wide caution ' + side, '%s: %s' % (qid, c['text']))
            elif kind == 'multiple':
                wrong = sum(1 for c in choices if not c.get('correct'))
                t.count('multiple wrong=%d' % min(wrong, 2), qid)
            elif kind == 'true-false' and ABSOLUTE.search(q.get('prompt') or ''):
                truth = [c for c in choices if c.get('correct')][0]['text']
                t.count('absolute ' + truth.lower(), '%s: %s' % (qid, q['prompt']))


def pct(a, b):
    return '%d/%d (%d %%)' % (a, b, round(100 * a / b)) if b else '0/0'


def report(name, t, show):
    print('%s: %d questions (%d single, %d multiple, %d true-false), %s scenarios, %d critical' % (
        name, t.get('questions'), t.get('kind single'), t.get('kind multiple'),
        t.get('kind true-false'), pct(t.get('scenarios'), t.get('questions')), t.get('critical')))
    print('  single-choice answers with a caution word: right %s, wrong %s' % (
        pct(t.get('caution right'), t.get('single right')),
        pct(t.get('caution wrong'), t.get('single wrong'))))
    print('  ... with the wider list:                  right %s, wrong %s' % (
        pct(t.get('wide caution right'), t.get('single right')),
        pct(t.get('wide caution wrong'), t.get('single wrong'))))
    print('  choose-all questions with one wrong option: %d of %d' % (
        t.get('multiple wrong=1'), t.get('kind multiple')))
    print('  true-false absolutes: %d true, %d false' % (t.get('absolute true'), t.get('absolute false')))
    print('  without review: %d; sources without kind: %d of %d' % (
        t.get('without review'), t.get('sources without kind'), t.get('sources')))
    if show:
        for key in sorted(t.lists):
            print('  [%s]' % key)
            for item in t.lists[key]:
                print('    ' + item)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('paths', nargs='*', default=[os.path.join(here, '..', 'lessons')])
    ap.add_argument('--list', action='store_true', help='list what each figure counts')
    args = ap.parse_args()
    total = Tally()
    for path in course_yaml.course_files(args.paths):
        course = course_yaml.load_file(path)
        t = Tally()
        tally_course(course, t)
        tally_course(course, total)
        report(course.get('id'), t, False)
    report('all courses', total, args.list)


if __name__ == '__main__':
    main()
