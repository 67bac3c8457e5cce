"""course_yaml.py - reads the part of YAML that rollwise courses use, with the
Python standard library only (PyYAML is not always installed).

It handles block mappings and lists, "- key: value" list items, literal and
folded block scalars (|, |-, |+, >), plain, single- and double-quoted
scalars, flow lists and flow mappings ([a, b], { text: x, correct: true }),
and comments. true/false become booleans and whole numbers integers, as in
rollwise. Anything else (anchors, tags, several documents) is not needed by
courses; `rollwise check` is the authority on what a valid course is.
"""

import re

KEY = re.compile(r'([A-Za-z0-9_][A-Za-z0-9_-]*)\s*:(?:\s+(.*)|\s*)$')


class CourseYamlError(Exception):
    pass


def _scalar(text):
    """A plain scalar's value, typed the way rollwise reads it."""
    if text in ('true', 'false'):
        return text == 'true'
    if re.fullmatch(r'-?[0-9]+', text):
        return int(text)
    if text in ('', '~', 'null'):
        return None
    return text


def _strip_comment(text):
    """Drops a trailing ' # comment' outside quotes."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
            elif ch == '\\' and quote == '"':
                continue
        elif ch in '"\'':
            quote = ch
        elif ch == '#' and (i == 0 or text[i - 1] in ' \t'):
            return text[:i].rstrip()
    return text.rstrip()


class _Flow:
    """Recursive descent over one flow value: quoted, plain, [..] or {..}."""

    def __init__(self, text):
        self.s, self.i = text, 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in ' \t\n':
            self.i += 1

    def value(self, stops):
        self.ws()
        ch = self.s[self.i:self.i + 1]
        if ch == '[':
            self.i += 1
            out = []
            while True:
                self.ws()
                if self.s[self.i:self.i + 1] == ']':
                    self.i += 1
                    return out
                out.append(self.value(',]'))
                self.ws()
                if self.s[self.i:self.i + 1] == ',':
                    self.i += 1
        if ch == '{':
            self.i += 1
            out = {}
            while True:
                self.ws()
                if self.s[self.i:self.i + 1] == '}':
                    self.i += 1
                    return out
                key = self.value(':')
                self.ws()
                if self.s[self.i:self.i + 1] != ':':
                    raise CourseYamlError('flow mapping without ":"')
                self.i += 1
                out[key] = self.value(',}')
                self.ws()
                if self.s[self.i:self.i + 1] == ',':
                    self.i += 1
        if ch in ('"', "'"):
            return self.quoted(ch)
        start = self.i
        while self.i < len(self.s) and not (
                self.s[self.i] in stops and
                (self.s[self.i] != ':' or self.s[self.i + 1:self.i + 2] in (' ', ''))):
            self.i += 1
        return _scalar(self.s[start:self.i].strip())

    def quoted(self, q):
        self.i += 1
        out = []
        while self.i < len(self.s):
            ch = self.s[self.i]
            if q == "'" and ch == "'":
                if self.s[self.i + 1:self.i + 2] == "'":
                    out.append("'")
                    self.i += 2
                    continue
                self.i += 1
                return ''.join(out)
            if q == '"' and ch == '"':
                self.i += 1
                return ''.join(out)
            if q == '"' and ch == '\\':
                nxt = self.s[self.i + 1:self.i + 2]
                out.append({'n': '\n', 't': '\t', '"': '"', '\\': '\\',
                            '/': '/', ' ': ' '}.get(nxt, '\\' + nxt))
                self.i += 2
                continue
            if ch == '\n':  # a line break in a quoted scalar folds to a space
                while out and out[-1] == ' ':
                    out.pop()
                out.append(' ')
                self.i += 1
                self.ws()
                continue
            out.append(ch)
            self.i += 1
        raise CourseYamlError('unterminated quoted scalar')


def _inline(text):
    """The value written after 'key: ' or '- ' on one line (or joined lines)."""
    text = text.strip()
    if text[:1] in '[{"\'':
        f = _Flow(text)
        v = f.value('')
        return v
    return _scalar(text)


class _Reader:
    def __init__(self, text):
        text = text.lstrip('\ufeff').replace('\r\n', '\n')
        self.lines = text.split('\n')
        self.n = len(self.lines)

    def skip(self, i):
        """Index of the next line with content, skipping blanks and comments."""
        while i < self.n:
            s = self.lines[i].strip()
            if s and not s.startswith('#') and s != '---':
                return i
            i += 1
        return i

    @staticmethod
    def indent(line):
        return len(line) - len(line.lstrip(' '))

    def block(self, i, ind, first=None):
        """The node at indent ind starting on line i; first replaces line i's
        content (for '- key: v' items). Returns (value, next line)."""
        i = self.skip(i) if first is None else i
        content = first if first is not None else self.lines[i].strip()
        if content == '-' or content.startswith('- '):
            return self.seq(i, ind, first)
        return self.mapping(i, ind, first)

    def seq(self, i, ind, first):
        out = []
        while True:
            content = first if first is not None else self.lines[i].strip()
            first = None
            rest = content[1:].strip()
            if not rest:
                j = self.skip(i + 1)
                v, i = self.block(j, self.indent(self.lines[j]))
            elif KEY.match(rest) and rest[:1] not in '[{"\'':
                v, i = self.mapping(i, ind + 2, rest)
            else:
                v, i = self.value(i, ind, _strip_comment(rest))
            out.append(v)
            i = self.skip(i)
            if i >= self.n or self.indent(self.lines[i]) != ind or \
                    not (self.lines[i].strip() == '-' or self.lines[i].strip().startswith('- ')):
                return out, i

    def mapping(self, i, ind, first):
        out = {}
        while True:
            content = first if first is not None else self.lines[i].strip()
            first = None
            m = KEY.match(content)
            if not m:
                raise CourseYamlError('line %d: expected "key: value"' % (i + 1))
            key, rest = m.group(1), _strip_comment(m.group(2) or '')
            if key in out:
                raise CourseYamlError('line %d: key %r twice' % (i + 1, key))
            if rest:
                out[key], i = self.value(i, ind, rest)
            else:
                j = self.skip(i + 1)
                if j < self.n and (self.indent(self.lines[j]) > ind or (
                        self.indent(self.lines[j]) == ind and
                        self.lines[j].strip().startswith('-'))):
                    out[key], i = self.block(j, self.indent(self.lines[j]))
                else:
                    out[key], i = None, i + 1
            i = self.skip(i)
            if i >= self.n or self.indent(self.lines[i]) != ind or \
                    self.lines[i].strip().startswith('-'):
                return out, i

    def value(self, i, ind, rest):
        """A scalar or flow value that starts on line i after its key."""
        if re.fullmatch(r'[|>][-+]?', rest):
            return self.block_scalar(i, ind, rest)
        # Plain, quoted and flow values may go on over more-indented lines.
        parts, j = [rest], i + 1
        while j < self.n:
            line = self.lines[j]
            if line.strip() and self.indent(line) <= ind:
                break
            if line.strip() and not line.strip().startswith('#'):
                parts.append(line.strip() if rest[:1] not in '"\'' else line.strip())
            elif not line.strip():
                parts.append('')
            j += 1
        while len(parts) > 1 and parts[-1] == '':
            parts.pop()
        if rest[:1] in '[{"\'':
            return _inline('\n'.join(parts)), j
        return _inline(' '.join(p for p in parts if p)), j

    def block_scalar(self, i, ind, style):
        j, body = i + 1, []
        while j < self.n and (not self.lines[j].strip() or self.indent(self.lines[j]) > ind):
            body.append(self.lines[j])
            j += 1
        while body and not body[-1].strip():
            body.pop()
        if not body:
            return '', j
        cut = min(self.indent(b) for b in body if b.strip())
        body = [b[cut:] if b.strip() else '' for b in body]
        if style[0] == '>':
            text, para = [], []
            for b in body:
                if b:
                    para.append(b)
                else:
                    text.append(' '.join(para))
                    para = []
            text.append(' '.join(para))
            out = '\n'.join(text)
        else:
            out = '\n'.join(body)
        return (out if style.endswith('-') else out + '\n'), j


def load(text):
    """The course in text as dicts, lists and scalars."""
    r = _Reader(text)
    i = r.skip(0)
    if i >= r.n:
        raise CourseYamlError('the file is empty')
    v, _ = r.block(i, r.indent(r.lines[i]))
    return v


def load_file(path):
    with open(path, encoding='utf-8') as f:
        return load(f.read())


# NAME.LL.yaml, NAME.LL_CC.yml: a translation of NAME.yaml, not a course
# (as translation_name in src/core/translation.c).
TRANSLATION_NAME = re.compile(r'^.+\.[a-z]{2,3}(_[A-Z]{2})?\.ya?ml$')


def is_translation(path):
    """True when the file name is a course translation's (basics.pt_BR.yaml)."""
    import os
    return bool(TRANSLATION_NAME.match(os.path.basename(path)))


def course_files(paths):
    """The course .yaml/.yml files named in paths, or inside the folders in
    it; translations (basics.pt_BR.yaml) are left out."""
    import os
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(os.path.join(p, f) for f in os.listdir(p)
                          if f.endswith(('.yaml', '.yml')) and not is_translation(f))
        elif not is_translation(p):
            out.append(p)
    return out


def slug(title, index):
    """The id rollwise gives a page without one (see docs/lesson-format.md)."""
    s = re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')[:64].rstrip('-')
    return s or 'page-%d' % (index + 1)
