#!/usr/bin/env python3
"""translation_check.py - checks a course translation against its course.

    scripts/translation_check.py [FILE...]

FILE is a translation such as lessons/basics.pt_BR.yaml (default: every
lessons/*.LANG.yaml beside this script). The course is the file in the same
folder whose `id` is the translation's `course` (normally basics.yaml).

A translation holds only text, keyed by the course's own ids:

    translation: 1
    course: basics
    lang: pt_BR
    version: 2            # the course's version it translates
    title: ...
    summary: ...
    sources: { SOURCE-ID: CITE, ... }
    lessons:
      LESSON-ID:
        title: ...
        pages: { PAGE-ID: { title: ..., text: ... }, ... }
        questions:
          QUESTION-ID:
            prompt: ...
            choices: [ { text: ..., feedback: ... }, ... ]   # same order and count
            explanation: ...

Errors (exit status 1): YAML errors and duplicate keys; a missing or wrong
header; a key the format does not have (structural keys such as `correct`,
`kind`, `pass`, `review` stay in the course); an id the course lacks; a text
the course has and the translation lacks (or one the course lacks); a choice
count that differs; true-false choices not written as the language's words
for True and False; a number (digits, 0.5 and 0,5 alike) in an English text
that its translation does not have; a quoted title or web address of a
source cite that the translation does not keep exactly; control characters.

Warnings: a number the translation has more often than the English (a
number changed or added); a decimal point where the language writes a
decimal comma (pt_BR: 0,5 mm); a text of three or more words left as the
English; a page whose bullets, paragraphs or *emphasis* differ in number
from the English; a page source line over 78 columns; a page that would
take more than 20 lines at 78 columns (rollwise warns about such pages).

Messages are `file:line: error|warning: message`, with the translation's
line numbers.
"""

import collections
import glob
import os
import re
import sys
import unicodedata

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("translation_check.py: needs PyYAML (apt-get install -y python3-yaml)")

HERE = os.path.dirname(os.path.abspath(__file__))
LESSONS = os.path.join(os.path.dirname(HERE), 'lessons')

# The words a language uses for the choices of a true-false question.
TRUE_FALSE = {
    'pt_BR': ('Verdadeiro', 'Falso'),
}

# Languages that write decimals with a comma (0,5 mm): a decimal point in their
# text, outside a rule number such as 21 CFR 878.4430, is a warning.
DECIMAL_COMMA = ('pt_BR',)
POINT_DECIMAL = re.compile(r'(?<!CFR )(?<![\d.,])\d+\.\d+(?![\d.])')

PAGE_COLS = 78      # as src/core/validate.c
PAGE_LINES = 20
SOURCE_COLS = 78    # page text lines in the file; aim for about 72

NUMBER = re.compile(r'\d+(?:[.,]\d+)*')
QUOTED = re.compile(r'"([^"]+)"')
ADDRESS = re.compile(r'\b[\w.-]+\.(?:com|org|gov|uk|ca|htm|html)\b[^\s,;)"]*')
BAD_CHARS = re.compile('[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069'
                       '\u200e\u200f\u061c]')


# --- YAML with line numbers ------------------------------------------------

class LStr(str):
    line = 0


class LDict(dict):
    line = 0

    def __init__(self):
        super().__init__()
        self.key_line = {}


class LList(list):
    line = 0


def _build(node, problems):
    """Turns a composed node into LDict/LList/LStr (ints and booleans as is),
    noting duplicate keys in problems."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line = line
        for knode, vnode in node.value:
            key = knode.value
            kline = knode.start_mark.line + 1
            if key in out:
                problems.append((kline, 'error', "key '%s' given twice" % key))
            out[key] = _build(vnode, problems)
            out.key_line[key] = kline
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList(_build(v, problems) for v in node.value)
        out.line = line
        return out
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(':int') and node.style is None:
            try:
                return int(node.value)
            except ValueError:
                pass
        if node.tag.endswith(':bool') and node.style is None:
            return node.value.lower() in ('true', 'yes', 'on')
        if node.tag.endswith(':null') and node.style is None:
            return None
        out = LStr(node.value)
        out.line = line
        return out
    raise ValueError('unsupported YAML node')


def load_lined(path, problems):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return None
    return _build(node, problems)


def line_of(obj, default=0):
    return getattr(obj, 'line', 0) or default


# --- the course --------------------------------------------------------------

def slug(title, index):
    """The id a page gets from its title, as src/core/validate.c makes it."""
    out = []
    for ch in title:
        c = ch.lower() if 'A' <= ch <= 'Z' else ch
        if ('a' <= c <= 'z') or ('0' <= c <= '9'):
            out.append(c)
        elif out and out[-1] != '-':
            out.append('-')
        if len(out) >= 64:
            break
    s = ''.join(out).rstrip('-')
    return s or 'page-%d' % (index + 1)


def find_course(tr_path, course_id):
    folder = os.path.dirname(os.path.abspath(tr_path))
    guess = os.path.join(folder, os.path.basename(tr_path).split('.')[0] + '.yaml')
    candidates = [guess] + sorted(glob.glob(os.path.join(folder, '*.yaml')))
    for path in candidates:
        if not os.path.isfile(path) or len(os.path.basename(path).split('.')) != 2:
            continue
        try:
            with open(path, encoding='utf-8') as f:
                data = yaml.safe_load(f)
        except (yaml.YAMLError, OSError):
            continue
        if isinstance(data, dict) and data.get('id') == course_id:
            return path, data
    return None, None


# --- text measures -------------------------------------------------------------

def numbers(text):
    return collections.Counter(n.replace(',', '.') for n in NUMBER.findall(text or ''))


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
    return w


def strip_marks(s):
    """Page text with *emphasis* marks taken out, as rollwise shows it."""
    return re.sub(r'(?<![\w*])\*(?=[^\s*])(.+?)(?<=\S)\*(?!\w)', r'\1', s)


def blocks(markup):
    """The paragraphs and bullets of page text: a list of (kind, text)."""
    out, kind, buf = [], None, []

    def flush():
        nonlocal kind, buf
        if kind:
            out.append((kind, ' '.join(buf)))
        kind, buf = None, []

    for raw in markup.split('\n'):
        s = raw.strip(' \t\r')
        if not s:
            flush()
        elif s.startswith('- '):
            flush()
            kind, buf = 'bullet', [s[2:].strip()]
        else:
            if kind is None:
                kind = 'para'
            buf.append(s)
    flush()
    return out


def wrap_count(text, cols, first, rest):
    words = text.split()
    if not words:
        return 1
    lines, col, indent, empty = 1, 0, first, True
    for w in words:
        ww = width(w)
        avail = cols - indent
        if not empty and col + 1 + ww > avail:
            lines += 1
            col, indent, empty = 0, rest, True
            avail = cols - indent
        col += ww if empty else ww + 1
        empty = False
        while col > avail:          # a word longer than a line is cut
            lines += 1
            col -= avail
            indent = rest
            avail = cols - indent
    return lines


def layout_lines(markup, cols=PAGE_COLS):
    """How many lines rollwise would show for page text (src/core/text.c)."""
    n, last = 0, None
    for kind, text in blocks(markup):
        if last is not None and not (last == 'bullet' and kind == 'bullet'):
            n += 1
        text = strip_marks(text)
        if kind == 'bullet':
            n += wrap_count('- ' + text, cols, 0, 2)
        else:
            n += wrap_count(text, cols, 0, 0)
        last = kind
    return n


def emphasis_count(markup):
    return len(re.findall(r'(?<![\w*])\*(?=[^\s*])(.+?)(?<=\S)\*(?!\w)',
                          ' '.join(t for _, t in blocks(markup))))


# --- the check -------------------------------------------------------------------

class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []
        self.lang = None

    def add(self, line, level, msg):
        self.problems.append((line or 0, level, msg))

    def err(self, line, msg):
        self.add(line, 'error', msg)

    def warn(self, line, msg):
        self.add(line, 'warning', msg)

    def keys(self, mapping, allowed, where):
        for k in mapping:
            if k not in allowed:
                self.err(mapping.key_line.get(k, mapping.line),
                         "%s: key '%s' is not part of a translation%s" % (
                             where, k,
                             ' (structural keys stay in the course)'
                             if k in ('correct', 'kind', 'pass', 'review',
                                      'sources', 'critical', 'shuffle', 'id',
                                      'order', 'format', 'quiz', 'cite')
                             and k not in allowed else ''))

    def mapping(self, parent, key, where):
        """parent[key] as a mapping, or None (reported when not one)."""
        v = parent.get(key)
        if v is None:
            return None
        if not isinstance(v, LDict):
            self.err(parent.key_line.get(key, parent.line),
                     '%s: %s must be a mapping keyed by id' % (where, key))
            return None
        return v

    def text(self, parent, key, english, where, field=None, kind='text'):
        """Checks one translated text against its English."""
        field = field or key
        line = parent.key_line.get(key, parent.line) if parent is not None else 0
        value = parent.get(key) if parent is not None else None
        if english is None or english == '':
            if value not in (None, ''):
                self.err(line, '%s: %s is not in the course; leave it out' % (where, field))
            return
        if value is None or (isinstance(value, str) and not value.strip()):
            self.err(line, '%s: %s is missing (English: "%s")' % (
                where, field, short(english)))
            return
        if not isinstance(value, str):
            self.err(line, '%s: %s must be text' % (where, field))
            return
        if BAD_CHARS.search(value):
            self.err(line, '%s: %s holds a control or direction character' % (where, field))
        en_n, tr_n = numbers(english), numbers(value)
        missing = sorted(n for n in en_n if n not in tr_n)
        if missing:
            self.err(line, '%s: %s lacks the number(s) %s of the English' % (
                where, field, ', '.join(missing)))
        fewer = sorted(n for n in en_n if n in tr_n and tr_n[n] < en_n[n])
        if fewer:
            self.warn(line, '%s: %s has the number(s) %s fewer times than the English' % (
                where, field, ', '.join(fewer)))
        extra = sorted(n for n in tr_n if tr_n[n] > en_n.get(n, 0) and n not in fewer)
        if extra:
            self.warn(line, '%s: %s has the number(s) %s more often than the English' % (
                where, field, ', '.join(extra)))
        if kind != 'cite' and self.lang in DECIMAL_COMMA:
            for d in POINT_DECIMAL.findall(value):
                self.warn(line, '%s: %s writes %s; %s writes decimals with a comma' % (
                    where, field, d, self.lang))
        if kind == 'cite':
            for q in QUOTED.findall(english):
                if q not in value:
                    self.err(line, '%s: cite does not keep the title "%s" exactly' % (where, q))
            for a in ADDRESS.findall(english):
                if a not in value:
                    self.err(line, '%s: cite does not keep the address %s exactly' % (where, a))
        elif value.strip() == english.strip() and len(english.split()) >= 3:
            # one or two words may be the same in both languages (Granulomas)
            self.warn(line, '%s: %s is the same as the English; translate it' % (where, field))
        if kind == 'page':
            self.page_shape(value, english, line, where)

    def page_shape(self, value, english, line, where):
        tb, eb = blocks(value), blocks(english)
        for name, k in (('bullets', 'bullet'), ('paragraphs', 'para')):
            a = sum(1 for b in eb if b[0] == k)
            b = sum(1 for b in tb if b[0] == k)
            if a != b:
                self.warn(line, '%s: text has %d %s, the English %d' % (where, b, name, a))
        a, b = emphasis_count(english), emphasis_count(value)
        if a != b:
            self.warn(line, '%s: text has %d *emphasis* marks, the English %d' % (where, b, a))
        for i, raw in enumerate(value.split('\n')):
            if width(raw) > SOURCE_COLS:
                self.warn(line + 1 + i, '%s: text line is %d columns; wrap at about 72' % (
                    where, width(raw)))
        n = layout_lines(value)
        if n > PAGE_LINES:
            self.warn(line, '%s: page takes %d lines at %d columns; one screen shows %d '
                      '(the English takes %d)' % (where, n, PAGE_COLS, PAGE_LINES,
                                                  layout_lines(english)))

    def run(self):
        try:
            tr = load_lined(self.path, self.problems)
        except yaml.YAMLError as e:
            mark = getattr(e, 'problem_mark', None)
            self.err(mark.line + 1 if mark else 0, 'YAML: %s' % str(e).replace('\n', ' '))
            return
        except (OSError, UnicodeDecodeError) as e:
            self.err(0, str(e))
            return
        if not isinstance(tr, LDict):
            self.err(1, 'a translation is a mapping')
            return
        self.keys(tr, ('translation', 'course', 'lang', 'version', 'title',
                       'summary', 'sources', 'lessons'), 'top')
        if tr.get('translation') != 1:
            self.err(tr.key_line.get('translation', 1), "'translation' must be 1")
        self.lang = tr.get('lang')
        if not isinstance(self.lang, str) or not re.fullmatch(r'[a-z]{2,3}(_[A-Z]{2})?', self.lang):
            self.err(tr.key_line.get('lang', 1), "'lang' must be a language code such as pt_BR")
        base = os.path.basename(self.path).split('.')
        if len(base) == 3 and isinstance(self.lang, str) and base[1] != self.lang:
            self.err(tr.key_line.get('lang', 1), "'lang' is %s but the file name says %s" % (
                self.lang, base[1]))
        course_id = tr.get('course')
        if not isinstance(course_id, str):
            self.err(tr.key_line.get('course', 1), "'course' (the course's id) is missing")
            return
        cpath, course = find_course(self.path, course_id)
        if course is None:
            self.err(tr.key_line.get('course', 1),
                     "no course with id '%s' beside this file" % course_id)
            return
        self.course_path = cpath
        if tr.get('version') != course.get('version'):
            self.err(tr.key_line.get('version', 1),
                     "'version' is %r but the course's version is %r" % (
                         tr.get('version'), course.get('version')))

        self.text(tr, 'title', course.get('title'), 'course')
        self.text(tr, 'summary', course.get('summary'), 'course')

        srcs = self.mapping(tr, 'sources', 'course')
        en_srcs = {s['id']: s for s in course.get('sources') or []}
        if srcs is not None:
            for sid in srcs:
                if sid not in en_srcs:
                    self.err(srcs.key_line[sid], "the course has no source '%s'" % sid)
                elif isinstance(srcs[sid], LDict):
                    self.err(srcs.key_line[sid], "source '%s': give only the cite text" % sid)
        for sid, s in en_srcs.items():
            if srcs is None or sid not in srcs:
                self.err(tr.key_line.get('sources', tr.line),
                         "source '%s': cite is missing" % sid)
            else:
                self.text(srcs, sid, s.get('cite'), "source '%s'" % sid, 'cite', kind='cite')

        lessons = self.mapping(tr, 'lessons', 'course')
        en_lessons = {l['id']: l for l in course.get('lessons') or []}
        if lessons is None:
            self.err(tr.line, "'lessons' is missing")
            lessons = LDict()
        for lid in lessons:
            if lid not in en_lessons:
                self.err(lessons.key_line[lid], "the course has no lesson '%s'" % lid)
        for lid, lesson in en_lessons.items():
            tl = lessons.get(lid)
            where = "lesson '%s'" % lid
            if not isinstance(tl, LDict):
                self.err(lessons.key_line.get(lid, lessons.line), '%s is missing' % where)
                continue
            self.keys(tl, ('title', 'pages', 'questions'), where)
            self.text(tl, 'title', lesson.get('title'), where)
            self.lesson(tl, lesson, where)

    def lesson(self, tl, lesson, where):
        pages = self.mapping(tl, 'pages', where)
        if pages is None:
            self.err(tl.line, '%s: pages are missing' % where)
            pages = LDict()
        en_pages = collections.OrderedDict()
        for i, p in enumerate(lesson.get('pages') or []):
            en_pages[p.get('id') or slug(p.get('title', ''), i)] = p
        for pid in pages:
            if pid not in en_pages:
                self.err(pages.key_line[pid], "%s has no page '%s'" % (where, pid))
        for pid, p in en_pages.items():
            pw = "%s, page '%s'" % (where, pid)
            tp = pages.get(pid)
            if not isinstance(tp, LDict):
                self.err(pages.key_line.get(pid, pages.line), '%s is missing' % pw)
                continue
            self.keys(tp, ('title', 'text'), pw)
            self.text(tp, 'title', p.get('title'), pw)
            self.text(tp, 'text', p.get('text'), pw, kind='page')

        qs = self.mapping(tl, 'questions', where)
        if qs is None:
            self.err(tl.line, '%s: questions are missing' % where)
            qs = LDict()
        en_qs = collections.OrderedDict(
            (q['id'], q) for q in (lesson.get('quiz') or {}).get('questions') or [])
        for qid in qs:
            if qid not in en_qs:
                self.err(qs.key_line[qid], "%s has no question '%s'" % (where, qid))
        for qid, q in en_qs.items():
            qw = "%s, question '%s'" % (where, qid)
            tq = qs.get(qid)
            if not isinstance(tq, LDict):
                self.err(qs.key_line.get(qid, qs.line), '%s is missing' % qw)
                continue
            self.keys(tq, ('prompt', 'choices', 'explanation'), qw)
            self.text(tq, 'prompt', q.get('prompt'), qw)
            self.text(tq, 'explanation', q.get('explanation'), qw)
            self.choices(tq, q, qw)

    def choices(self, tq, q, qw):
        en = q.get('choices') or []
        tc = tq.get('choices')
        if not isinstance(tc, LList):
            self.err(tq.key_line.get('choices', tq.line), '%s: choices are missing' % qw)
            return
        if len(tc) != len(en):
            self.err(tq.key_line.get('choices', tq.line),
                     '%s: %d choices, the course has %d' % (qw, len(tc), len(en)))
        tf = TRUE_FALSE.get(self.lang) if q.get('kind') == 'true-false' else None
        for i, (t, e) in enumerate(zip(tc, en)):
            cw = '%s, choice %d' % (qw, i + 1)
            if not isinstance(t, LDict):
                self.err(line_of(t, tc.line), '%s: a choice is a mapping with text' % cw)
                continue
            self.keys(t, ('text', 'feedback'), cw)
            if tf:
                want = tf[0] if e.get('text') == 'True' else tf[1]
                if t.get('text') != want:
                    self.err(t.key_line.get('text', t.line),
                             '%s: write "%s" for the English "%s"' % (cw, want, e.get('text')))
                self.text(t, 'feedback', e.get('feedback'), cw)
            else:
                self.text(t, 'text', e.get('text'), cw)
                self.text(t, 'feedback', e.get('feedback'), cw)


def short(s, n=50):
    s = ' '.join(str(s).split())
    return s if len(s) <= n else s[:n - 3] + '...'


def main(argv):
    paths = argv[1:] or sorted(p for p in glob.glob(os.path.join(LESSONS, '*.*.yaml')))
    if not paths:
        print('translation_check.py: no translations found', file=sys.stderr)
        return 1
    total_e = total_w = 0
    for path in paths:
        c = Checker(path)
        c.run()
        shown = os.path.relpath(path)
        for line, level, msg in sorted(c.problems, key=lambda p: (p[0], p[1])):
            print('%s:%d: %s: %s' % (shown, line, level, msg))
        e = sum(1 for p in c.problems if p[1] == 'error')
        w = len(c.problems) - e
        print('%s: %d error%s, %d warning%s' % (shown, e, '' if e == 1 else 's',
                                                 w, '' if w == 1 else 's'))
        total_e += e
        total_w += w
    if len(paths) > 1:
        print('total: %d error%s, %d warning%s' % (total_e, '' if total_e == 1 else 's',
                                                    total_w, '' if total_w == 1 else 's'))
    return 1 if total_e else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
