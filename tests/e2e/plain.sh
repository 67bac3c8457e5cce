# plain.sh - the plain line mode driven through pipes, as a script or a
# screen reader user would: numbered choices, typed answers, no escapes.
. "$ROLLWISE_TESTS/lib.sh"
export ROLLWISE_SEED=1
R="$ROLLWISE_BIN --lessons $ROLLWISE_TESTS/fixtures/good"
ESC=$(printf '\033')

# A whole lesson and its quiz: open the course by id, read both pages,
# answer 1 (right), 1 = True (wrong, critical), "1 3" (right), then quit.
printf '\n\n\n1\n1\n\n1 3\nq\nq\nq\n' | $R --plain testcourse >"$T/out" 2>"$T/err"
st=$?
check "plain run exits 0 (got $st)" [ $st -eq 0 ]
check "first run notice" grep -q "This is education, not medical advice" "$T/out"
check "lesson list with status" grep -q "^1. First lesson (not started)" "$T/out"
check "page heading with position" grep -q "^Page 1 of 2: Introduction page" "$T/out"
check "bullets in plain text" grep -q "^- another bullet" "$T/out"
check "emphasis markers removed" sh -c "! grep -qF '*first*' '$T/out'"
check "page sources listed" grep -q "^- Source A, a citation for the tests" "$T/out"
check "second page" grep -q "^Page 2 of 2: A long page" "$T/out"
check "question with its kind" grep -q "^Question 1 of 3 (choose one):" "$T/out"
check "numbered choices" grep -q "^1. The right one" "$T/out"
check "verdict in words" grep -q "Right\." "$T/out"
check "wrong answer named with the right one" grep -q "^2. False" "$T/out"
check "feedback for the choice made" grep -q 'About choice 1: No, it is not green.' "$T/out"
check "safety point names the page" grep -q 'This is a safety point. Re-read the page "Introduction page".' "$T/out"
check "multiple answer typed as '1 3'" grep -q "^Question 3 of 3 (choose all that apply):" "$T/out"
check "result line" grep -q "^Result: 2 of 3 right (66%). The pass mark is 50%. Passed." "$T/out"
check "missed question listed with its page" grep -q "^- The sky in this test is green. (re-read: Introduction page)" "$T/out"
check "no escape sequences in the output" sh -c "! grep -q '$ESC' '$T/out'"
check "no carriage returns or other controls" sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' \"\$(tr -d '\n' <'$T/out' >'$T/flat'; echo '$T/flat')\""
check "not-a-terminal notice is not printed with --plain" sh -c "! grep -q 'plain mode' '$T/err'"

# Automatic plain mode when stdout is not a terminal, with a one-line notice.
printf 'q\n' | $R >"$T/out" 2>"$T/err"
check "piped: plain mode chosen" grep -q "Choose a course by number" "$T/out"
check "piped: one-line notice on stderr" grep -qx "rollwise: plain mode (not a terminal)" "$T/err"

# Bad input is asked again, not crashed on; end of input exits cleanly.
printf '9\nabc\n1\n7\n1 2\n' | $R --plain >"$T/out" 2>&1
st=$?
check "out-of-range number asks again" grep -q "Please type a number from 1 to" "$T/out"
check "end of input mid-quiz exits 0 (got $st)" [ $st -eq 0 ]
: | $R --plain >"$T/out" 2>&1
check "empty input exits 0" [ $? -eq 0 ]

# A named lesson opens directly; unknown ones are errors.
printf '\nq\n' | $R --plain testcourse second >"$T/out" 2>&1
check "COURSE LESSON opens the lesson" grep -q "^Lesson 2 of 2: Second lesson" "$T/out"
$R --plain nosuch </dev/null >"$T/out" 2>"$T/err"
check "unknown course: exit 1" [ $? -eq 1 ]
check "unknown course: message" grep -q "rollwise: no course 'nosuch'; see 'rollwise list'" "$T/err"
$R --plain testcourse nosuch </dev/null >"$T/out" 2>"$T/err"
check "unknown lesson: exit 1 and message" sh -c "[ $? -eq 1 ] && grep -q \"course 'testcourse' has no lesson 'nosuch'\" '$T/err'"

# A lesson whose text tries escape sequences never loads, so never prints.
mkdir -p "$T/evil"
printf 'id: evil\ntitle: "x\\e]52;c;aGk=\\a"\nversion: 1\nlessons: []\n' >"$T/evil/evil.yaml"
printf 'q\n' | $ROLLWISE_BIN --plain --lessons "$T/evil" >"$T/out" 2>&1
check "escape-laden course is not shown" sh -c "! grep -q '$ESC' '$T/out'"

# The first-run notice is shown once, even if the learner quits at once.
export XDG_STATE_HOME="$T/fresh-state"
printf 'q\n' | $R --plain >"$T/out" 2>&1
check "fresh user sees the notice" grep -q "This is education, not medical advice" "$T/out"
printf 'q\n' | $R --plain >"$T/out" 2>&1
check "the notice is not shown a second time" sh -c "! grep -q 'This is education' '$T/out'"

# Only a broken course: say so, not just "no courses".
mkdir -p "$T/onlybad"
printf 'id: x\n' >"$T/onlybad/b.yaml"
cp "$ROLLWISE_BIN" "$T/rw-outside"   # outside the build tree: no bundled lessons
if "$T/rw-outside" list >/dev/null 2>&1; then
	# It still reads the compiled-in data dir: courses installed there show.
	why="rollwise is installed on this machine, so courses are always found"
	skip "only a broken course: no courses found" "$why"
	skip "only a broken course: told to run check" "$why"
else
	printf 'q\n' | "$T/rw-outside" --plain --lessons "$T/onlybad" >"$T/out" 2>&1
	check "only a broken course: no courses found" grep -q "No courses were found" "$T/out"
	check "only a broken course: told to run check" grep -q "1 course file could not be read: run 'rollwise check'" "$T/out"
fi
