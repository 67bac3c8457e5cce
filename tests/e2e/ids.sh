# ids.sh - what course authors see: "list COURSE", messages naming the valid
# course and lesson ids.
. "$ROLLWISE_TESTS/lib.sh"
G=$ROLLWISE_TESTS/fixtures/good
# The bundled courses by name: a binary outside the source tree would not find them.
R="$ROLLWISE_BIN --lessons $G --lessons $ROLLWISE_TESTS/../lessons"
ESC=$(printf '\033')

# A course with n lessons (ids l1..ln), each of one page and one question.
course() { # id n
	printf 'id: %s\ntitle: "Course %s"\nversion: 1\nlessons:\n' "$1" "$1"
	i=1
	while [ $i -le "$2" ]; do
		printf '  - id: l%d\n    title: "Lesson %d"\n' $i $i
		printf '    pages: [ { title: P, text: x } ]\n'
		printf '    quiz:\n      questions:\n        - id: q\n          kind: single\n'
		printf '          prompt: P\n          explanation: E\n'
		printf '          choices: [ { text: A, correct: true }, { text: B, feedback: F } ]\n'
		i=$((i + 1))
	done
}

# list COURSE: one line per lesson with its id, counts and title.
$R list testcourse >"$T/out" 2>"$T/err"
check "list COURSE: exit 0" [ $? -eq 0 ]
check "list COURSE: nothing on stderr" [ ! -s "$T/err" ]
check "list COURSE: one line per lesson" [ "$(wc -l <"$T/out")" -eq 2 ]
check "list COURSE: id, pages, questions, title" grep -q "^first   2 pages,   3 questions  First lesson$" "$T/out"
check "list COURSE: singulars, same columns" grep -q "^second  1 page,    1 question   Second lesson$" "$T/out"
mkdir -p "$T/one"
course solo 1 >"$T/one/solo.yaml"
$ROLLWISE_BIN list --lessons "$T/one" >"$T/out"
check "list: 1 lesson, 1 question" grep -q "^solo  *1 lesson,  *1 question   Course solo$" "$T/out"

# An unknown course: exit 1, nothing on stdout, the valid ids named.
$R list nope >"$T/out" 2>"$T/err"
check "list unknown COURSE: exit 1" [ $? -eq 1 ]
check "list unknown COURSE: nothing on stdout" [ ! -s "$T/out" ]
check "list unknown COURSE: names the courses in menu order" grep -q "^rollwise: no course 'nope'; see 'rollwise list' (courses: testcourse, basics, who-should-not-roll, home-roller-safety, professional-vs-home, aftercare)$" "$T/err"
$R --plain nope </dev/null >/dev/null 2>"$T/err"
check "tutor, unknown COURSE: exit 1" [ $? -eq 1 ]
check "tutor, unknown COURSE: names the courses" grep -q "^rollwise: no course 'nope'; see 'rollwise list' (courses: testcourse, basics," "$T/err"

# (A copy of the binary outside the source tree does not find its lessons/.)
mkdir -p "$T/empty"
cp "$ROLLWISE_BIN" "$T/rw-outside"
"$T/rw-outside" list --lessons "$T/empty" nope >"$T/out" 2>"$T/err"
check "list COURSE with no courses at all: exit 1" [ $? -eq 1 ]
check "list COURSE with no courses at all: says so once" grep -qx "rollwise: no course 'nope': no courses were found; see 'rollwise --help'" "$T/err"

# An unknown lesson names the lessons of that course.
$R --plain testcourse nope </dev/null >/dev/null 2>"$T/err"
check "tutor, unknown LESSON: exit 1" [ $? -eq 1 ]
check "tutor, unknown LESSON: names the lessons" grep -q "^rollwise: course 'testcourse' has no lesson 'nope'; see 'rollwise list testcourse' (lessons: first, second)$" "$T/err"
course single 1 >"$T/one/single.yaml"
$ROLLWISE_BIN --plain --lessons "$T/one" single l2 </dev/null >/dev/null 2>"$T/err"
check "tutor, unknown LESSON of a one-lesson course" grep -q "has no lesson 'l2'; see 'rollwise list single' (lesson: l1)$" "$T/err"

# Many ids: the message points at the command that lists them.
mkdir -p "$T/many"
for i in 1 2 3 4 5 6 7 8 9 10 11; do course "c$i" 1 >"$T/many/c$i.yaml"; done
course big 12 >"$T/many/big.yaml"
$ROLLWISE_BIN list --lessons "$T/many" nope >/dev/null 2>"$T/err"
check "many courses: points at rollwise list" grep -q "^rollwise: no course 'nope'; see 'rollwise list'$" "$T/err"
$ROLLWISE_BIN --plain --lessons "$T/many" big l13 </dev/null >/dev/null 2>"$T/err"
check "many lessons: points at rollwise list COURSE" grep -q "^rollwise: course 'big' has no lesson 'l13'; see 'rollwise list big'$" "$T/err"
$ROLLWISE_BIN list --lessons "$T/many" big >"$T/out"
check "list COURSE with 12 lessons" [ "$(grep -c '^l[0-9]* ' "$T/out")" -eq 12 ]

# Ids typed on the command line reach the terminal escaped.
evil=$(printf 'x\033]0;pwned\007')
$R list "$evil" >/dev/null 2>"$T/err"
check "escape in a course id: no raw ESC" sh -c "! grep -q '$ESC' '$T/err'"
check "escape in a course id: shown as \\x1b" grep -qF "no course 'x\\x1b]0;pwned\\x07'" "$T/err"
$R --plain testcourse "$evil" </dev/null >/dev/null 2>"$T/err"
check "escape in a lesson id: no raw ESC" sh -c "! grep -q '$ESC' '$T/err'"
check "escape in a lesson id: shown as \\x1b" grep -qF "no lesson 'x\\x1b]0;pwned\\x07'" "$T/err"
