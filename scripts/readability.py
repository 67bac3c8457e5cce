#!/usr/bin/env python3
"""readability.py - Flesch-Kincaid grade of every page of rollwise courses.

    scripts/readability.py [--max GRADE] [--quiet] [PATH...]

PATH is a course file or a folder of them (default: lessons/ beside this
script). Prints one line per page (course/lesson/page, grade, words,
sentences), then one line per course: the grade of all its pages together,
its highest page, and the grade of its quiz text (prompts, choices, feedback
and explanations) for information. Exits 1 when a page is above --max
(default 8), 2 when a file cannot be read.

The grade is 0.39 * words/sentences + 11.8 * syllables/words - 15.59.
Sentences end at . ! or ?; every bullet and every paragraph ends one too
(so a line that leads into a list counts as a sentence). Syllables are counted with the usual vowel-group
rules (a silent final e, -es and -ed are dropped); a number counts as two
syllables and a short all-capital abbreviation (FDA, RF) as one per letter.
Tools differ by about a grade on the same text, so read the figure as a
guide: short sentences and short words lower it.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import course_yaml  # noqa: E402

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]")


def syllables(word):
    """Syllables in one word (hyphenated words: the sum of their parts)."""
    if '-' in word:
        return sum(syllables(p) for p in word.split('-') if p)
    if re.fullmatch(r"[0-9][0-9.,]*%?", word):
        return 2
    if re.fullmatch(r"[A-Z]{2,4}s?", word):
        return len(word.rstrip('s'))
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]+", w)))


def split_units(text):
    """Bullets and paragraphs, with bullet continuation lines joined."""
    out, cur = [], None
    for line in text.split('\n'):
        s = line.strip()
        if not s:
            if cur is not None:
                out.append(cur)
            cur = None
        elif s.startswith('- '):
            if cur is not None:
                out.append(cur)
            cur = s[2:]
        else:
            cur = s if cur is None else cur + ' ' + s
    if cur is not None:
        out.append(cur)
    return out


def measure(text):
    """(words, sentences, syllables) of a text."""
    text = text.replace('*', '')
    words = sents = syl = 0
    for u in split_units(text):
        for p in re.split(r"(?<=[.!?])\s+", u):
            ws = WORD.findall(p)
            if not ws:
                continue
            words += len(ws)
            syl += sum(syllables(w.strip(".'’")) for w in ws)
            sents += 1
    return words, sents, syl


def grade(words, sents, syl):
    if words == 0 or sents == 0:
        return 0.0
    return 0.39 * words / sents + 11.8 * syl / words - 15.59


def quiz_text(lesson):
    parts = []
    for q in (lesson.get('quiz') or {}).get('questions') or []:
        parts.append(q.get('prompt') or '')
        parts.append(q.get('explanation') or '')
        for c in q.get('choices') or []:
            if isinstance(c, dict) and c.get('text') not in ('True', 'False'):
                parts.append(str(c.get('text') or ''))
            if isinstance(c, dict) and c.get('feedback'):
                parts.append(c['feedback'])
    return '\n\n'.join(p for p in parts if p)


def add(a, b):
    return tuple(x + y for x, y in zip(a, b))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('paths', nargs='*', default=[os.path.join(here, '..', 'lessons')])
    ap.add_argument('--max', type=float, default=8.0, help='highest grade a page may have')
    ap.add_argument('--quiet', action='store_true', help='print only pages over --max and the course lines')
    args = ap.parse_args()
    over, status = 0, 0
    for path in course_yaml.course_files(args.paths):
        try:
            course = course_yaml.load_file(path)
        except (OSError, UnicodeDecodeError, course_yaml.CourseYamlError) as e:
            print('%s: cannot read: %s' % (path, e), file=sys.stderr)
            status = 2
            continue
        cid = course.get('id', os.path.basename(path))
        total, qtotal, top = (0, 0, 0), (0, 0, 0), 0.0
        for lesson in course.get('lessons') or []:
            for n, page in enumerate(lesson.get('pages') or []):
                m = measure(page.get('text') or '')
                g = round(grade(*m), 1)
                total = add(total, m)
                top = max(top, g)
                pid = page.get('id') or course_yaml.slug(page.get('title') or '', n)
                flag = '  OVER' if g > args.max else ''
                if flag or not args.quiet:
                    print('%-60s grade %4.1f  %3d words %2d sentences%s' % (
                        '%s/%s/%s' % (cid, lesson.get('id'), pid), g, m[0], m[1], flag))
                over += g > args.max
            qtotal = add(qtotal, measure(quiz_text(lesson)))
        print('%-60s grade %4.1f  highest page %4.1f  quiz text %4.1f' % (
            'course %s (all pages)' % cid, grade(*total), top, grade(*qtotal)))
    if over:
        print('%d page(s) above grade %g' % (over, args.max))
        status = status or 1
    return status


if __name__ == '__main__':
    sys.exit(main())
