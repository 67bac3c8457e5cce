# resume.sh - progress survives a dropped connection: answer in tmux, hang up,
# start again and find the answer kept, the place resumed, the notice not
# shown again; reviews come due; results export as CSV and JSON.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8 ROLLWISE_SEED=1
L="--lessons $ROLLWISE_TESTS/fixtures/good"
RW="$ROLLWISE_BIN $L"
state=$XDG_STATE_HOME/rollwise/progress.log

tstart 80x24 "$HANGUP $RW"
waitfor "This is education" >/dev/null
keys Enter
waitfor "1. Test course" >/dev/null
keys Enter Enter
waitfor "Introduction page" >/dev/null
keys n
waitfor "page 2 of 2" >/dev/null
keys z
waitfor "Question 1 of 3" >/dev/null
keys 2 Enter
check "answered in the first session" waitfor "Not right."
pid=$(tpid)
tm kill-server     # the terminal hangs up, as when an SSH link drops
check "the first session ends on the hang-up" waitgone "$pid"
check "state file exists after the hang-up" [ -s "$state" ]
check "state dir is private (0700)" [ "$(stat -c %a "$(dirname "$state")")" = 700 ]
check "state file is private (0600)" [ "$(stat -c %a "$state")" = 600 ]
check "the answer was saved" grep -q "question: q-single" "$state"

tstart 80x24 "$RW"
check "second start: no notice, straight to the menu" waitfor "1. Test course"
check "notice not shown again" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -q 'This is education'"
check "the menu offers to continue where we were" onscreen "Continue: Test course / First lesson, page 2 of 2"
keys Down Enter
check "lesson list shows where we were" waitfor "in progress, page 2 of 2"
keys Enter
check "reader resumes at page 2" waitfor "A long page"
keys z
check "a quiz left part-way says it starts again" waitfor "The quiz starts again from the first question."
keys q y q q q
waitfor "[exited 0]" 15 >/dev/null

# A missed question comes due for review: move its due date into the past.
sed -i 's/due: [0-9TZ:-]*/due: 2020-01-01T00:00:00Z/' "$state"
printf '' | $RW --plain >"$T/out" 2>&1
check "menu says a review is due" grep -qE "lessons passed. Review: 1 question due." "$T/out"
printf '1\n' | $RW --plain review >"$T/out" 2>&1
check "review asks the missed question" grep -q "^Which answer is right?" "$T/out"
check "review reports the score" grep -q "^You answered 1 of 1 review question right." "$T/out"
$RW --plain review </dev/null >"$T/out" 2>&1
check "after a right review nothing is due" grep -q "Nothing is due for review now" "$T/out"

# Finish the quiz in plain mode, then export the results.
printf '1\n\n\n1\n2\n1 3\nq\nq\nq\n' | $RW --plain testcourse >/dev/null 2>&1
$RW progress --format csv >"$T/p.csv"
check "progress csv: exit 0" [ $? -eq 0 ]
check "progress csv parses with a real CSV reader" python3 -c "
import csv,sys
rows=list(csv.DictReader(open('$T/p.csv',newline='')))
r=[x for x in rows if x['course']=='testcourse' and x['lesson']=='first'][0]
assert r['status']=='passed', r
assert r['best_score']=='100', r
assert r['attempts']=='1', r
assert r['first_passed'].endswith('Z'), r
assert len(r['content_hash'])==16, r
assert r['course_version']=='1', r
"
check "csv uses CRLF line ends (RFC 4180)" sh -c "head -1 '$T/p.csv' | od -c | grep -q '\\\\r  \\\\n'"
$RW progress --format json >"$T/p.json"
check "progress json parses" python3 -c "
import json
rows=json.load(open('$T/p.json'))
r=[x for x in rows if x['lesson']=='first'][0]
assert r['status']=='passed' and r['best_score']==100, r
"
$RW progress >"$T/p.txt"
check "progress text has a header and the lesson" sh -c "grep -q '^COURSE' '$T/p.txt' && grep -q 'testcourse  *first  *passed' '$T/p.txt'"

# A damaged line is skipped and kept, the learner is told once, the rest of
# the progress stays, and nothing crashes.
cp "$state" "$T/state.good"
{ cat "$T/state.good"; printf -- '- {ev: page, at: [\n'; } >"$state"
printf 'q\n' | $RW --plain >"$T/out" 2>&1
check "damaged line: still runs" grep -q "Course number" "$T/out"
check "damaged line: learner is told, naming the line" grep -q "could not be read.*(line $(($(wc -l <"$T/state.good") + 1))" "$T/out"
check "damaged line: kept in progress.rejected" grep -q 'at: \[' "$XDG_STATE_HOME/rollwise/progress.rejected"
$RW progress >"$T/p2.txt"
check "damaged line: the rest is kept" cmp -s "$T/p.txt" "$T/p2.txt"
# A file that is not text at all is moved aside whole, and the learner told.
printf '\177ELF\000\001\002\n\000\377' >"$state"
printf 'q\n' | $RW --plain >"$T/out" 2>&1
check "not text: still runs" grep -q "Course number" "$T/out"
check "not text: learner is told" grep -q "could not be read" "$T/out"
check "not text: old file kept aside" sh -c "ls '$XDG_STATE_HOME/rollwise/' | grep -q 'progress.log.corrupt-'"

# A lesson edited after it was passed says so, and its quiz can be retaken.
mkdir -p "$T/edit"
cp "$ROLLWISE_TESTS/fixtures/good/tutor.yaml" "$T/edit/"
E="$ROLLWISE_BIN --lessons $T/edit"
export XDG_STATE_HOME="$T/state-edit"
printf '\n\n\n1\n2\n1 3\nq\nq\nq\n' | $E --plain testcourse >/dev/null 2>&1
printf 'q\n' | $E --plain testcourse >"$T/out" 2>&1
check "passed lesson before the edit" grep -q "^1. First lesson (passed, best 100%)" "$T/out"
sed -i 's/This is the \*first\* page/This is the *revised* page/' "$T/edit/tutor.yaml"
printf 'q\n' | $E --plain testcourse >"$T/out" 2>&1
check "edited lesson: updated since you passed" grep -q "^1. First lesson (updated since you passed with 100%)" "$T/out"
# A lesson removed from the files does not break loading or export.
sed -i 's/id: second$/id: renamed/' "$T/edit/tutor.yaml"
printf '\n\n1\nq\nq\nq\n' | $E --plain testcourse renamed >/dev/null 2>&1
sed -i 's/id: renamed$/id: second-b/' "$T/edit/tutor.yaml"
printf 'q\n' | $E --plain >"$T/out" 2>&1
check "a lesson gone from the files: still loads" grep -q "Course number" "$T/out"
$E progress --format csv >"$T/p.csv"
check "a lesson gone from the files: still exported" grep -q "^testcourse,renamed," "$T/p.csv"
