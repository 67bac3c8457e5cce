#!/bin/sh
# class.sh - the class folder: class init's modes, hand-ins named by their
# owner, refusals, the report's formats, hostile hand-ins each reported on
# one line and skipped, the statistics against an independent reference
# (tests/tools/class_ref.py), and the class screen.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8 ROLLWISE_SEED=1
L="--lessons $ROLLWISE_TESTS/fixtures/good"
RW="$ROLLWISE_BIN $L"
C=$T/class

# --- class init ---
$RW class init "$C" >"$T/init.out" 2>&1; rc=$?
check "class init succeeds" test "$rc" -eq 0
check "the folder is mode 3733 (setgid, sticky, others may only create)" test "$(stat -c %a "$C")" = 3733
check "it is the instructor's, with the instructor's group" test "$(stat -c %U:%g "$C")" = "$(id -un):$(id -g)"
check "it prints the line to give trainees" grep -q "rollwise submit $(cd "$C" && pwd -P)" "$T/init.out"
$RW class init "$C" >/dev/null 2>&1
check "running it again on a class folder is harmless" test $? -eq 0
mkdir "$T/open"
chmod 755 "$T/open"
$RW class init "$T/open" >"$T/out" 2>&1; rc=$?
check "an existing folder with other modes is refused" test "$rc" -ne 0
check "saying why and what --force does" grep -q "mode 0755.*--force" "$T/out"
check "and left as it was" test "$(stat -c %a "$T/open")" = 755
$RW class init "$T/open" --force >/dev/null 2>&1
check "--force makes it a class folder" test "$(stat -c %a "$T/open")" = 3733
$RW class init "$T/x" --group no-such-group-here >"$T/out" 2>&1
check "an unknown group is refused by name" grep -q "no group 'no-such-group-here'" "$T/out"
check "--group goes with class only" sh -c "! $RW list --group x 2>/dev/null"
if [ "$(id -u)" = 0 ]; then
	$RW class init "$T/grp" --group daemon >/dev/null 2>&1
	$RW class init "$T/grp" >"$T/out" 2>&1; rc=$?
	check "init again without --group keeps the class's group (a harmless rerun)" \
		test "$rc" -eq 0 -a "$(stat -c %a:%G "$T/grp")" = 3733:daemon
	check "saying which group" grep -q "is a class folder (mode 3733, group daemon)" "$T/out"
else
	skip "init again without --group" "not root: cannot give a folder another group"
fi
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	mkdir "$T/pub"
	chmod 1777 "$T/pub"
	chmod 711 "$T"	# nobody passes through to pub/
	setpriv --reuid=nobody --regid=nogroup --clear-groups $RW class init "$T/pub/x" --group daemon \
		>"$T/out" 2>&1; rc=$?
	check "init --group a group one is not in fails, saying so" \
		sh -c "test $rc -ne 0 && grep -q 'you are not in group daemon' '$T/out'"
	check "and leaves no folder behind" test ! -e "$T/pub/x"
	chmod 700 "$T"
else
	skip "init --group a group one is not in" "needs root and setpriv to run as nobody"
fi

# --- hand in ---
printf '1\n1\n\n\n2\n1\n1 3\n\nq\nq\nq\n' | $RW --plain >/dev/null 2>&1
me=$(id -un)
$RW submit "$C" >"$T/submit.out" 2>&1; rc=$?
check "submit succeeds" test "$rc" -eq 0
check "it says what was handed in" grep -q "Handed in 1 quiz attempt and 3 answers to $C/$me.rollwise" "$T/submit.out"
check "the hand-in is named after the login, mode 0640" test "$(stat -c %a "$C/$me.rollwise")" = 640
check "it carries the group of the class folder" test "$(stat -c %g "$C/$me.rollwise")" = "$(stat -c %g "$C")"
ino=$(stat -c %i "$C/$me.rollwise")
ROLLWISE_CLASS=$C $RW submit >/dev/null 2>&1
check "ROLLWISE_CLASS names the folder; handing in again replaces the file" \
	test "$(ls -A "$C" | wc -l)" -eq 1 -a "$(stat -c %i "$C/$me.rollwise")" != "$ino"
check "no temp file is left" test -z "$(ls -A "$C" | grep tmp)"
# another trainee pre-creates the temporary name the hand-in would use (it
# was .LOGIN.rollwise.tmp-PID; exec keeps the shell's pid for rollwise)
sh -c ': >"$0/.$1.rollwise.tmp-$$"; shift; exec "$@"' "$C" "$me" $RW submit "$C" >"$T/out" 2>&1; rc=$?
check "a file held at a guessable temporary name does not block a hand-in" \
	sh -c "test $rc -eq 0 && grep -q 'Handed in' '$T/out'"
check "and no other temp file is left" test "$(ls -A "$C" | grep -c tmp)" -eq 1
rm -f "$C"/.*tmp-*
mkdir "$T/c2"
ln -s "$T/victim" "$T/c2/$me.rollwise"
$RW submit "$T/c2" >"$T/out" 2>&1; rc=$?
check "a symbolic link at the hand-in's name is refused" test "$rc" -ne 0 -a ! -e "$T/victim"
check "saying so" grep -q "symbolic link" "$T/out"
if [ "$(id -u)" = 0 ]; then
	mkdir "$T/c3"
	: >"$T/c3/$me.rollwise"
	chown daemon "$T/c3/$me.rollwise"
	$RW submit "$T/c3" >"$T/out" 2>&1; rc=$?
	check "another user's file at the hand-in's name is refused" test "$rc" -ne 0
	check "saying so" grep -q "another user's file" "$T/out"
else
	skip "another user's file at the hand-in's name" "not root: cannot make another user's file"
fi

# --- the report ---
$RW report "$C" >"$T/r.txt" 2>&1
check "report: the trainee, by login" grep -q "^$me " "$T/r.txt"
check "report: the quiz with its first attempts" grep -q "^Quiz first: 1 first attempt, mean 33.3%" "$T/r.txt"
check "report: a missed safety question of the last attempt" grep -q "missed safety question in the last attempt: first/q-tf" "$T/r.txt"
check "report: items held back below 10 answers" grep -q "too few answers to judge" "$T/r.txt"
$RW report "$C" --format json >"$T/r.json"
check "report: JSON that Python reads" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['courses'][0]['trainees'][0]['quizzes'][0]['first'] == 33" "$T/r.json"
$RW report "$C" --format csv >"$T/r.csv"
check "report: CSV that Python reads" python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=''))); assert any(x['kind'] == 'question' for x in r)" "$T/r.csv"
$RW report "$C" --course testcourse >/dev/null 2>&1
check "report --course ID" test $? -eq 0
$RW report "$C" --course nope >"$T/out" 2>&1
check "report --course with an unknown id names the courses" grep -q "no course 'nope'" "$T/out"

# --- forged scores: a saved score the answers left cannot back ---
# forge DIR SED-DELETE: the hand-in with score 100 saved and the answer lines
# that SED-DELETE matches deleted, alone in DIR.
forge() {
	mkdir "$T/$1"
	sed -e 's/score: 33, passed: false/score: 100, passed: true/' -e "/$2/d" \
		"$C/$me.rollwise" >"$T/$1/$me.rollwise"
	$RW report "$T/$1" >"$T/$1.txt" 2>&1
	$RW report "$T/$1" --format json >"$T/$1.json" 2>&1
}
forge forged1 'question: q-single, list'
check "forged: score 100 with one wrong answer deleted is flagged, the most it can be shown" \
	sh -c "grep -q '^$me .* 66/66 ' '$T/forged1.txt' && grep -q 'scores do not match the answers' '$T/forged1.txt'"
forge forged2 'ev: answers'
check "forged: score 100 with every answer deleted is marked unchecked" \
	grep -q "answers missing: saved scores shown unchecked" "$T/forged2.txt"
check "forged: JSON says unchecked, not mismatch" python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['courses'][0]['trainees'][0]; assert t['unchecked'] and not t['mismatch'] and t['quizzes'][0]['first'] == 100" "$T/forged2.json"
check "forged: the untouched hand-in is neither" python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['courses'][0]['trainees'][0]; assert not t['unchecked'] and not t['mismatch']" "$T/r.json"

# --- the same events twice in a journal count once ---
mkdir -p "$T/twice/state" "$T/twice/class"
cp -r "$XDG_STATE_HOME/rollwise" "$T/twice/state/"
awk 'NR <= 1 { print; next } { print; print }' "$XDG_STATE_HOME/rollwise/progress.log" \
	>"$T/twice/state/rollwise/progress.log"
XDG_STATE_HOME=$T/twice/state $RW submit "$T/twice/class" >"$T/out" 2>&1
check "repeated events: a journal with every line twice hands in 1 attempt and 3 answers" \
	grep -q "Handed in 1 quiz attempt and 3 answers" "$T/out"
$RW report "$T/twice/class" --format json >"$T/twice.json" 2>&1
check "repeated events: its report is the single journal's" python3 -c "import json,sys; a, b = (json.load(open(f))['courses'] for f in sys.argv[1:]); assert a == b" "$T/r.json" "$T/twice.json"

# --- hostile hand-ins (root: files of other users) ---
# clean FILE: no byte a terminal acts on (tests/tools/clean.c).
clean() { "$BUILD/tools/clean" "$1"; }
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	H=$T/hostile
	mkdir "$H"
	good=$C/$me.rollwise
	# a fake /etc/passwd, seen only by the commands run through "users"
	cp /etc/passwd "$T/passwd"
	i=1
	while [ $i -le 1000 ]; do
		printf 't%04d:x:%d:%d::/nonexistent:/usr/sbin/nologin\n' $i $((20000 + i)) $((20000 + i))
		i=$((i + 1))
	done >>"$T/passwd"
	users() { unshare -m sh -c 'mount --bind "$0" /etc/passwd && exec "$@"' "$T/passwd" "$@"; }
	own() { chown "$((20000 + $2))" "$H/$1"; }	# own FILE N: trainee tN owns FILE
	cp "$good" "$H/t0001.rollwise"; own t0001.rollwise 1
	truncate -s 5M "$H/t0002.rollwise"; own t0002.rollwise 2
	head -c $(($(wc -c <"$good") - 7)) "$good" >"$H/t0003.rollwise"; own t0003.rollwise 3
	head -c 600 /dev/urandom >"$H/t0004.rollwise"; own t0004.rollwise 4
	{ head -2 "$good"; printf -- '- {ev: page, at: 2026-11-25T03:40:00Z, sess: 1, seq: 1, course: "\033]0;pwned\007", lesson: l, page: 0}\n'; } >"$H/t0005.rollwise"
	own t0005.rollwise 5
	cp "$good" "$H/t0006.rollwise"; own t0006.rollwise 7	# handed in as someone else
	mkfifo "$H/t0008.rollwise"; own t0008.rollwise 8
	ln -s /etc/shadow "$H/t0009.rollwise"
	cp "$good" "$H/$(printf 't\033]0;x\007').rollwise"
	cp "$good" "$H/$(printf 't\342\200\256x\302\233').rollwise"	# RLO and a C1 CSI in UTF-8
	users "$BUILD/tools/measure" 20 "$T/h.out" "$T/h.err" $RW report "$H" >"$T/h.m"
	check "hostile: the report finishes (no hang on a FIFO)" grep -q '^0 ' "$T/h.m"
	check "hostile: the good hand-in is read" grep -q '^t0001 ' "$T/h.out"
	check "hostile: a huge one is skipped" grep -q '^Skipped t0002.rollwise: it is larger than' "$T/h.out"
	check "hostile: a truncated one is skipped" grep -q '^Skipped t0003.rollwise: it is cut short' "$T/h.out"
	check "hostile: a binary one is skipped" grep -q '^Skipped t0004.rollwise: it is not a rollwise hand-in' "$T/h.out"
	check "hostile: escape-laden lines are refused" grep -q '^Skipped t0005.rollwise: it has 1 line that cannot be read' "$T/h.out"
	check "hostile: one handed in under another's name is skipped, naming who" grep -q '^Skipped t0006.rollwise: it is named after t0006 but was handed in by t0007' "$T/h.out"
	check "hostile: a FIFO is skipped" grep -q '^Skipped t0008.rollwise: it is not a regular file' "$T/h.out"
	check "hostile: a symbolic link is skipped" grep -q '^Skipped t0009.rollwise: it is a symbolic link' "$T/h.out"
	check "hostile: one line per skipped file" test "$(grep -c '^Skipped' "$T/h.out")" -eq 9
	check "hostile: no control byte reaches the terminal" clean "$T/h.out"
	check "hostile: nothing on stderr" test ! -s "$T/h.err"
	users $RW report "$H" --format json >"$T/h.json" 2>&1
	check "hostile: JSON lists the skipped files and stays valid" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['skipped']) == 9" "$T/h.json"
	check "hostile: no control byte in the JSON" clean "$T/h.json"
	users $RW report "$H" --format csv >"$T/h.csv" 2>&1
	check "hostile: CSV lists the skipped files" test "$(grep -c '^skipped,' "$T/h.csv")" -eq 9
	sed 's/\r$//' "$T/h.csv" >"$T/h.csv.lf"	# rows end in CR LF (RFC 4180); no other CR
	check "hostile: no control byte in the CSV" clean "$T/h.csv.lf"

	# a big class: 250 and then 1000 hand-ins; the cost grows about linearly
	rm -rf "$H"/*
	i=1
	while [ $i -le 1000 ]; do
		n=$(printf 't%04d' $i)
		cp "$good" "$H/$n.rollwise"
		own "$n.rollwise" "$i"
		[ $i -eq 250 ] && cp -a "$H" "$T/h250"
		i=$((i + 1))
	done
	# Three runs of each, in turns, and the least CPU time of each kept (as
	# hostile.sh does): one run alone can be slowed by the machine's other
	# work, and a ratio of two single runs then says nothing.
	cpu1= cpu4= i=0
	while [ $i -lt 3 ]; do
		users "$BUILD/tools/measure" 60 "$T/b.out" /dev/null $RW report "$T/h250" >"$T/b1"
		read -r st1 ms1 c rss1 <"$T/b1"
		[ -n "$cpu1" ] && [ "$cpu1" -le "$c" ] || cpu1=$c
		users "$BUILD/tools/measure" 60 "$T/b.out" /dev/null $RW report "$H" >"$T/b4"
		read -r st4 ms4 c rss4 <"$T/b4"
		[ -n "$cpu4" ] && [ "$cpu4" -le "$c" ] || cpu4=$c
		i=$((i + 1))
	done
	echo "# report: 250 hand-ins ${cpu1} ms CPU, 1000 hand-ins ${cpu4} ms CPU"
	check "a 1000-trainee folder is read whole" grep -q '^Course testcourse (version 1): 1000 trainees' "$T/b.out"
	check "the cost of 1000 hand-ins is at most 10 times that of 250 (linear, not quadratic)" \
		test "$cpu4" -le $(( (cpu1 > 20 ? cpu1 : 20) * 10 ))
else
	skip "hostile hand-ins" "needs root and a mount namespace for other owners"
	skip "a 1000-trainee folder" "needs root and a mount namespace for other owners"
fi

# --- in the tutor: hand in from the course menu; the class screen ---
export ROLLWISE_CLASS="$C"
tstart 80x24 "$RW"
check "menu: h hands in when a class folder is set" waitfor "h: hand in"
check "menu: C opens the class when its hand-ins can be read" onscreen "C: class"
keys h
check "menu: h says what was handed in, the counts first" waitfor "Handed in 1 quiz attempt and 3 answers to"
keys C
check "class screen: its title and count" waitfor "1 trainee, by name"
check "class screen: a row per trainee" onscreen "$me "
check "class screen: the cursor on the selected trainee" \
	test "$(tm display -p -t t '#{cursor_y}')" = 3
check "class screen: with one trainee there is nothing to sort" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -q 's: by score'"
keys r
check "report screen: r opens the class report" waitfor "Class report"
check "report screen: each trainee's quizzes" onscreen "FIRST/BEST PER QUIZ"
check "report screen: the trainee's row" sh -c "tmux -S '$SOCK' capture-pane -p -t t | grep -q '^ $me  *[0-9]/2 '"
check "report screen: each quiz's statistics" onscreen "KR-20"
check "report screen: each question's statistics" onscreen "q-single"
check "report screen: lines are not wrapped but cut" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -q 'FLAGS'"
keys Right
check "report screen: Right shows the columns to the right" waitfor "from column"
check "report screen: the flags column is reached" onscreen "FLAGS"
keys Left
check "report screen: Left goes back to the first column" waitfor "TRAINEE  PASSED"
keys q
check "report screen: q goes back to the class" waitfor "trainee, by name"
tm resize-window -t t -x 40 -y 10
check "class screen at 40x10: still a row per trainee" waitfor "$me "
keys q
check "class screen: q goes back to the courses" waitfor "Test course"
tend
unset ROLLWISE_CLASS
tstart 80x24 "$RW"
waitfor "Test course" >/dev/null
nokey() { ! screen | grep -q 'h: hand in'; }
check "menu: no hand-in key without a class folder" nokey
tend

# --- the statistics against an independent reference (tests/tools/class_ref.py) ---
# compare NAME DIR COURSE_YAML OWNERS HASHES...: rollwise report and the
# reference agree on DIR, its files owned as OWNERS says (a fake passwd).
compare() {
	name=$1 dir=$2 course=$3 owners=$4
	shift 4
	cp /etc/passwd "$T/passwd.$name"
	awk '{ print $2 }' "$owners" | sort -u | awk '{ printf "%s:x:%d:%d::/nonexistent:/usr/sbin/nologin\n", $1, 30000 + NR, 30000 + NR }' >>"$T/passwd.$name"
	while read -r file login; do
		[ -e "$dir/$file" ] && chown -h "$(awk -F: -v l="$login" '$1 == l { print $3 }' "$T/passwd.$name")" "$dir/$file"
	done <"$owners"
	mkdir -p "$T/lessons.$name"
	cp "$course" "$T/lessons.$name/"
	id=$(sed -n 's/^id: *//p' "$course" | head -1)
	unshare -m sh -c 'mount --bind "$0" /etc/passwd && exec "$@"' "$T/passwd.$name" \
		"$ROLLWISE_BIN" --lessons "$T/lessons.$name" report "$dir" --course "$id" --format json \
		>"$T/got.$name.json" 2>"$T/got.$name.err"
	python3 "$ROLLWISE_TESTS/tools/class_ref.py" "$dir" "$course" "$@" --owners "$owners" \
		>"$T/want.$name.json"
	check "$name: rollwise report agrees with the reference" \
		python3 "$ROLLWISE_TESTS/tools/class_compare.py" "$T/got.$name.json" "$T/want.$name.json"
}
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	W=$ROLLWISE_TESTS/fixtures/class/worked
	cp -r "$W" "$T/worked"
	compare worked "$T/worked" "$W/worked.yaml" "$W/owners" $(cat "$W/hashes")
	check "worked example: rollwise gives the numbers of docs/class-report.md" \
		python3 "$ROLLWISE_TESTS/tools/class_compare.py" "$T/got.worked.json" "$W/expected.json"
	B=$ROLLWISE_TESTS/../lessons/basics.yaml
	H=$(python3 "$ROLLWISE_TESTS/tools/lesson_hashes.py" "$ROLLWISE_BIN" "$B")
	python3 "$ROLLWISE_TESTS/tools/make_handins.py" "$T/gen" "$B" --trainees 200 --seed 7 \
		--extras --owners-out "$T/gen.owners" $H >/dev/null
	compare generated "$T/gen" "$B" "$T/gen.owners" $H
	# the same events twice in a hand-in count once: the journal again at its
	# end, and every line doubled where it stands
	mkdir "$T/gen.twice" "$T/gen.doubled"
	for f in "$T/gen"/*.rollwise; do
		{ cat "$f"; tail -n +3 "$f"; } >"$T/gen.twice/${f##*/}"
		awk 'NR <= 2 { print; next } { print; print }' "$f" >"$T/gen.doubled/${f##*/}"
	done
	compare twice "$T/gen.twice" "$B" "$T/gen.owners" $H
	compare doubled "$T/gen.doubled" "$B" "$T/gen.owners" $H
	same_courses() {
		python3 -c "import json,sys; c = [json.load(open(f))['courses'] for f in sys.argv[1:]]; assert all(x == c[0] for x in c)" "$@"
	}
	check "repeated events: the report is the same as without them" \
		same_courses "$T/got.generated.json" "$T/got.twice.json" "$T/got.doubled.json"
	# exact first attempts (tests/tools/make_matrix_class.py): each flag's
	# boundary, 9 and 10 answers, and a 70-question quiz
	M=$ROLLWISE_TESTS/tools/make_matrix_class.py
	python3 "$M" course "$T/matrix.yaml"
	MH=$(python3 "$ROLLWISE_TESTS/tools/lesson_hashes.py" "$ROLLWISE_BIN" "$T/matrix.yaml")
	python3 "$M" handins "$T/matrix" --owners-out "$T/matrix.owners" $MH
	compare matrix "$T/matrix" "$T/matrix.yaml" "$T/matrix.owners" $MH
	# item QUESTION PYTHON-EXPRESSION: true of that question's JSON entry (x)
	item() {
		python3 -c "import json,sys
qs = {x['question']: x for q in json.load(open(sys.argv[1]))['courses'][0]['quizzes'] for x in q['questions']}
x = qs[sys.argv[2]]
assert $2, x" "$T/got.matrix.json" "$1"
	}
	check "boundaries: facility 95.0 is very easy" item easy95 "x['facility'] == 95.0 and 'very easy' in x['flags']"
	check "boundaries: facility 90.0 is not" item easy90 "x['facility'] == 90.0 and 'very easy' not in x['flags']"
	check "boundaries: facility 20.0 is very hard" item hard20 "x['facility'] == 20.0 and 'very hard' in x['flags']"
	check "boundaries: facility 25.0 is not" item hard25 "x['facility'] == 25.0 and 'very hard' not in x['flags']"
	check "boundaries: discrimination exactly 20.0 does not discriminate badly" item disc20 "x['discrimination'] == 20.0 and x['flags'] == []"
	check "boundaries: 10 answers are judged" item t1 "x['answers'] == 10 and 'too few answers to judge' not in x['flags']"
	check "boundaries: 9 answers are too few to judge" item n1 "x['answers'] == 9 and x['flags'] == ['too few answers to judge']"
	check "a 70-question quiz gets its item analysis" item q70 "x['answers'] == 20 and x['facility'] is not None"
	unshare -m sh -c 'mount --bind "$0" /etc/passwd && exec "$@"' "$T/passwd.matrix" \
		"$ROLLWISE_BIN" --lessons "$T/lessons.matrix" report "$T/matrix" --course matrix >"$T/matrix.txt"
	check "a 70-question quiz in text: its first attempts" grep -q "^Quiz long: 20 first attempts" "$T/matrix.txt"
	# the class screen on the 200: sorted by first score, lowest first
	EXITS= tstart 80x24 "ROLLWISE_CLASS=$T/gen unshare -m sh -c 'mount --bind $T/passwd.generated /etc/passwd && exec $ROLLWISE_BIN $L'"
	waitfor "?: help" >/dev/null
	keys C
	check "class screen: every trainee of the folder" waitfor "trainees, by name"
	keys s
	check "class screen: s sorts by first score" waitfor "by first score"
	screen | awk '$2 ~ /^[0-9]+\/[0-9]+$/ { v = $3; sub(/%/, "", v); print (v == "-" ? -1 : v) }' >"$T/firsts"
	sort -n "$T/firsts" >"$T/firsts.sorted"
	check "class screen: the lowest first scores come first" \
		sh -c "test -s '$T/firsts' && cmp -s '$T/firsts' '$T/firsts.sorted'"
	keys a
	check "class screen: a sorts by last activity" waitfor "by last activity"
	tend
	check "the reference itself: the worked example, a second computation of each formula" \
		sh -c "python3 '$ROLLWISE_TESTS/tools/class_ref_check.py' >'$T/refcheck' 2>&1"
else
	skip "statistics against the reference" "needs root and a mount namespace for other owners"
fi
