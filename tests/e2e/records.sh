#!/bin/sh
# records.sh - the progress journal seen from outside: every answer exported
# with the choices picked (CSV per RFC 4180, JSON with real numbers); a save
# that waits for another rollwise's lock says so and a stop signal ends the
# wait, saying what was not saved; run as root with another user's HOME,
# nothing is created or used in that home, even a state folder root owns.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8 ROLLWISE_SEED=1
L="--lessons $ROLLWISE_TESTS/fixtures/good"
RW="$ROLLWISE_BIN $L"
dir=$XDG_STATE_HOME/rollwise

# A quiz in plain mode: three answers, then the result.
printf '1\n1\n\n\n2\n1\n1 3\n\nq\nq\nq\n' | $RW --plain >"$T/quiz.out" 2>&1
check "the quiz ran" grep -q "Question 3 of 3" "$T/quiz.out"

$RW progress --answers --format csv >"$T/a.csv"
check "CSV: a header, CRLF line ends" sh -c "head -1 '$T/a.csv' | od -c | grep -q '\\\\r  *\\\\n'"
check "CSV: the columns" grep -q '^time,course,lesson,question,choices,right,mode,course_version,content_hash' "$T/a.csv"
check "CSV: one row per answer (3)" test "$(tail -n +2 "$T/a.csv" | wc -l)" -eq 3
check "CSV: the choices picked, from 1, as written in the course" grep -q ',q-multi,1 3,' "$T/a.csv"
check "CSV: right or not, quiz or review, the course version" grep -q ',q-single,2,false,quiz,[0-9][0-9]*,' "$T/a.csv"
python3 - "$T/a.csv" >"$T/csv.py" 2>&1 <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
assert len(rows) == 3, rows
assert all(r['mode'] == 'quiz' for r in rows)
print("ok")
PY
check "CSV: Python's csv module reads it" grep -qx ok "$T/csv.py"

$RW progress --answers --format json >"$T/a.json"
python3 - "$T/a.json" >"$T/json.py" 2>&1 <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 3
for r in rows:
    assert isinstance(r["choices"], list) and all(isinstance(c, int) for c in r["choices"]), r
    assert isinstance(r["right"], bool), r
    assert isinstance(r["course_version"], int), r
    assert len(r["content_hash"]) == 16, r
print("ok")
PY
check "JSON: choices are lists of numbers, right is true or false, the version a number" grep -qx ok "$T/json.py"
$RW progress --answers >"$T/a.txt"
check "text: a table with a heading" grep -q '^TIME  *COURSE  *LESSON  *QUESTION  *CHOICES' "$T/a.txt"
check "--answers goes with progress only" sh -c "! $RW list --answers 2>/dev/null"

# A page turn while another rollwise of the learner's holds the lock.
tstart 80x24 "$RW"
waitfor "1. Test course" >/dev/null
# One process takes the lock and sleeps (flock CMD would leave its sleep
# running, holding the lock and the test's output, after flock is killed).
python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); time.sleep(60)' "$dir/progress.lock" &
holder=$!
n=0
while ! grep -q "FLOCK.* $holder " /proc/locks && [ $n -lt 1200 ]; do sleep 0.05; n=$((n + 1)); done
cp "$dir/progress.log" "$T/before"
keys Enter Enter
check "a save that waits says so, naming the other rollwise, whole at 80 columns" \
	waitfor "Waiting for another rollwise of yours (pid $holder) to save... (Ctrl-C stops)"
pid=$(tpid)
kill -TERM "$pid"
check "SIGTERM ends the wait" waitgone "$pid"
check "and says the change was not saved" waitfor "Stopped. Your last change was not saved."
check "exit status 143" waitfor "[exited 143]"
check "nothing was written while the lock was held" cmp -s "$dir/progress.log" "$T/before"
# at start-up too, before any screen is drawn
printf 'q\n' | $RW --plain >"$T/start.out" 2>&1 &
rw=$!
n=0
while ! grep -q "Waiting for another rollwise" "$T/start.out" && [ $n -lt 1200 ]; do
	sleep 0.05; n=$((n + 1))
done
check "loading waits too, and says so" grep -q "Waiting for another rollwise of yours (pid $holder)" "$T/start.out"
kill -INT "$rw"
wait "$rw"; rc=$?
check "Ctrl-C ends that wait (exit status 130)" test "$rc" -eq 130
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
tend

# Root with another user's HOME (sudo -E): nothing is created in it.
if [ "$(id -u)" = 0 ] && chown 65534 "$T" 2>/dev/null; then
	other=$T/otherhome
	mkdir "$other"
	chown 65534 "$other"
	chown 0 "$T"
	printf 'q\n' | HOME=$other XDG_STATE_HOME= $RW --plain >"$T/root.out" 2>&1
	tr '\n' ' ' <"$T/root.out" | tr -s ' ' >"$T/root.line"
	check "root, another user's HOME: it warns" grep -q "will not use .* as root: $other belongs to user 65534" "$T/root.line"
	check "root, another user's HOME: nothing is created there" test -z "$(ls -A "$other")"
	check "root, another user's HOME: the tutor still runs" grep -q "Course number" "$T/root.out"
	# a root-owned state folder that release 1 left in that home is not used
	mkdir -p "$other/.local/state/rollwise"
	chmod 700 "$other/.local/state/rollwise"
	printf 'q\n' | HOME=$other XDG_STATE_HOME= $RW --plain >"$T/root.out" 2>&1
	tr '\n' ' ' <"$T/root.out" | tr -s ' ' >"$T/root.line"
	check "root, a root-owned state folder in another user's HOME: it warns" \
		grep -q "will not use .* as root: $other belongs to user 65534" "$T/root.line"
	check "root, a root-owned state folder in another user's HOME: nothing is made in it" \
		test -z "$(ls -A "$other/.local/state/rollwise")"
	check "root, a root-owned state folder in another user's HOME: the tutor still runs" \
		grep -q "Course number" "$T/root.out"
else
	skip "root with another user's HOME" "not root, or chown is not allowed here"
fi
