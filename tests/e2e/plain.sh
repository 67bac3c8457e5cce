# plain.sh - the plain line mode driven through pipes, as a script or a
# screen reader user would: numbered choices, typed answers, no escapes,
# '?' at every prompt, never out of step.
. "$ROLLWISE_TESTS/lib.sh"
export ROLLWISE_SEED=1
unset COLUMNS
R="$ROLLWISE_BIN --lessons $ROLLWISE_TESTS/fixtures/good"
ESC=$(printf '\033')
state=$XDG_STATE_HOME/rollwise/progress.log

# A whole lesson and its quiz, one line per page and per question: open the
# course, Enter for lesson 1, two pages, answers 1 (right), 1 = True (wrong,
# a safety point), "1 3" (right), then back and quit.
printf '\n\n\n1\n1\n1 3\nq\nq\nq\n' | $R --plain testcourse >"$T/out" 2>"$T/err"
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
check "safety point names the page" grep -q 'This is a safety point. Re-read the page "Introduction page" (page 1).' "$T/out"
check "sources after an answer: one short line" grep -q "^Sources: Source A. (s: the full list)" "$T/out"
check "sources after an answer: not the full list" sh -c "[ \$(grep -c 'Source A, a citation' '$T/out') -eq 1 ]"
check "choose all typed as '1 3'" grep -q "^Question 3 of 3 (choose all that apply):" "$T/out"
check "one line per question: never out of step" sh -c "! grep -q 'Not understood' '$T/out'"
check "result line" grep -q "^You scored 2 of 3 (66%). The pass mark is 50%." "$T/out"
check "passed in words" grep -q "^Passed.$" "$T/out"
check "missed question numbered" grep -q "^1. The sky in this test is green.$" "$T/out"
check "missed question: its page under it" grep -q "^   safety point, re-read page 1: Introduction page$" "$T/out"
check "continue offered on the menu" grep -q "^c. Continue: Test course / First lesson, page 2 of 2" "$T/out"
check "plural: 1 lesson passed of many" grep -qE "^1 of [0-9]+ lessons passed." "$T/out"
check "no escape sequences in the output" sh -c "! grep -q '$ESC' '$T/out'"
check "no carriage returns or other controls" sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' \"\$(tr -d '\n' <'$T/out' >'$T/flat'; echo '$T/flat')\""
check "not-a-terminal notice is not printed with --plain" sh -c "! grep -q 'plain mode' '$T/err'"

# Every prompt answers '?'; a command repeats; what it does not know gets a
# hint and never counts as Enter.
printf '?\nxyz\n\n\n?\na\nt\ns\nr\n1\nq\nq\nq\n' | $R --plain testcourse first >"$T/out" 2>&1
check "? at a page lists what can be typed" grep -q "^- Enter (an empty line): the next page" "$T/out"
check "unknown input: a one-line hint" grep -q "Not understood. Type ? to see what you can type here." "$T/out"
check "unknown input does not turn the page" sh -c "[ \$(grep -c '^Page 1 of 2' '$T/out') -eq 1 ] && grep -n 'Not understood' '$T/out' | head -1 | cut -d: -f1 | { read a; b=\$(grep -n '^Page 2 of 2' '$T/out' | cut -d: -f1); [ \$a -lt \$b ]; }"
check "? at a question says t, f, true or false" grep -q "t, f, true" "$T/out"
check "a repeats the question" sh -c "[ \$(grep -c '^Which answer is right?' '$T/out') -eq 2 ]"
check "t is not taken in a question that is not true-false" grep -q "This is not a true-false question" "$T/out"
check "s before any answer says so" grep -q "Nothing answered yet." "$T/out"
check "piped input is echoed after its prompt" grep -q "^Your answer (a number), ?: help: t$" "$T/out"

# True-false by word; the full sources and the page on request.
printf '\n\n1\ntrue\nr\ns\n1\n1\nq\nq\nq\n' | $R --plain testcourse first >"$T/out" 2>&1
check "'true' answers a true-false question" grep -q "^About choice 1: No, it is not green." "$T/out"
check "r re-reads the page named after the last answer" grep -q "^This is the first page of the test course." "$T/out"
check "s lists the full sources of the last answer" grep -q "^- Source A, a citation for the tests" "$T/out"
check "the result's page opens by number" sh -c "[ \$(grep -c '^Page 1 of 2: Introduction page' '$T/out') -ge 2 ]"
printf '\n\n1\nfalse\n1 3\nq\nq\nq\n' | $R --plain testcourse first >"$T/out" 2>&1
check "'false' answers a true-false question" grep -q "^You scored 3 of 3 (100%)" "$T/out"

# Wrapping: the terminal's width, then COLUMNS, then 80; --width 0 is off.
printf 'q\n' | COLUMNS=40 $R --plain testcourse >"$T/out" 2>&1
check "COLUMNS=40: no line over 39 columns" sh -c "! awk 'length > 39' '$T/out' | grep -q ."
printf '\n\nq\nq\nq\n' | COLUMNS=40 $R --plain testcourse first >"$T/out" 2>&1
check "continuation lines are indented" grep -q "^   " "$T/out"
printf '\n\nq\nq\nq\n' | $R --plain --width 0 testcourse first >"$T/out" 2>&1
check "--width 0: a paragraph stays on one line" grep -q "^Line one starts the long page.*juliett.$" "$T/out"
$R --plain --width abc </dev/null >"$T/out" 2>"$T/err"
check "--width abc: usage error" sh -c "[ $? -eq 2 ] && grep -q 'width' '$T/err'"

# Automatic plain mode when stdout is not a terminal, with a one-line notice.
printf 'q\n' | $R >"$T/out" 2>"$T/err"
check "piped: plain mode chosen" grep -q "^Course number, c: continue, r: review, q: quit" "$T/out"
check "piped: one-line notice on stderr" grep -qx "rollwise: plain mode (not a terminal)" "$T/err"

# Bad input is asked again, not crashed on; end of input exits cleanly.
printf '99\nabc\n1\n7\n1 2\n' | $R --plain >"$T/out" 2>&1
st=$?
check "out-of-range number gets the hint" grep -q "Not understood. Type ?" "$T/out"
check "end of input mid-quiz exits 0 (got $st)" [ $st -eq 0 ]
: | $R --plain >"$T/out" 2>&1
check "empty input exits 0" [ $? -eq 0 ]

# Ctrl-C (SIGINT) ends with 130 and a plain sentence, in --plain and the fallback.
for mode in --plain ""; do
	rm -f "$T/fifo" "$T/out" "$T/err"; mkfifo "$T/fifo"
	$R $mode <"$T/fifo" >"$T/out" 2>"$T/err" &
	pid=$!
	exec 3>"$T/fifo"
	# Only once it asks has it caught SIGINT (a background job starts with
	# SIGINT ignored); a watchdog ends it should the signal be lost anyway.
	n=0; while ! grep -q "Course number" "$T/out" 2>/dev/null && [ $n -lt 1200 ]; do sleep 0.05; n=$((n + 1)); done
	kill -INT $pid
	( sleep 20; kill -KILL $pid 2>/dev/null ) &
	dog=$!
	wait $pid
	st=$?
	kill $dog 2>/dev/null
	exec 3>&-
	check "Ctrl-C ${mode:-(fallback)}: exit status 130 (got $st)" [ $st -eq 130 ]
	check "Ctrl-C ${mode:-(fallback)}: says progress is saved" grep -qx "Stopped. Your progress is saved." "$T/err"
done

# A named lesson opens directly; unknown ones are errors.
printf '\nq\n' | $R --plain testcourse second >"$T/out" 2>&1
check "COURSE LESSON opens the lesson" grep -q "^Lesson 2 of 2: Second lesson" "$T/out"
$R --plain nosuch </dev/null >"$T/out" 2>"$T/err"
check "unknown course: exit 1" [ $? -eq 1 ]
check "unknown course: message" grep -q "rollwise: no course 'nosuch'" "$T/err"
$R --plain testcourse nosuch </dev/null >"$T/out" 2>"$T/err"
check "unknown lesson: exit 1 and message" sh -c "[ $? -eq 1 ] && grep -q \"course 'testcourse' has no lesson 'nosuch'\" '$T/err'"

# A review after the menu: the menu is asked again, nothing opens by itself,
# and a long line read during the review is not used after it (this read
# freed memory under ASan before).
export XDG_STATE_HOME="$T/review-state"
state=$XDG_STATE_HOME/rollwise/progress.log
printf '\n\n\n2\n' | $R --plain testcourse first >/dev/null 2>&1
sed -i 's/due: [0-9TZ:-]*/due: 2020-01-01T00:00:00Z/' "$state"
printf 'r\n3\n' | $R --plain >"$T/out" 2>&1
check "r then 3: course 3 does not open by itself after the review" sh -c "! grep -q '^Lessons:' '$T/out'"
long=$(python3 -c "print('3' * 300)")
printf 'r\n%s\n1\nq\n' "$long" | $R --plain >"$T/out" 2>&1
st=$?
check "review from the menu: exit 0 (got $st)" [ $st -eq 0 ]
check "review from the menu: the review ran" grep -q "^You answered 1 of 1 review question right." "$T/out"
check "after the review the menu asks again" sh -c "[ \$(grep -c '^Course number' '$T/out') -ge 2 ]"

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
