# hostile.sh - course files and paths written to hurt: each gives a located
# error and exit 1, at a cost that grows no faster than the input and in
# bounded memory, and nothing from the file reaches the terminal as a control
# sequence. check.sh and test_load.c cover the ordinary errors; this file
# covers sizes, bombs, bytes and odd paths.
. "$ROLLWISE_TESTS/lib.sh"
R=$ROLLWISE_BIN
cd "$T" || exit 1

# No time is asserted: a loaded machine must not fail the test, a quadratic
# loop must. So a case that can grow is run at n and at 4n and its CPU time
# may grow RATIO times at most (linear is about 4, quadratic 16). The sizes
# take turns, REPS runs each, and the least CPU time of each is kept: other
# load only adds to it, and a slow spell of the machine falls on both.
# The figures are printed as comments; make bench reports them too.
RATIO=10
REPS=3
# Memory is bounded per run (sanitizer builds get more). A run that has not
# finished after HANG seconds is a hang: its exit status is "timeout". HANG
# guards against a hang and is no time limit: the biggest case (courses at
# 4n) takes some 15 s under the sanitizers on an idle 2-core machine, and a
# busy or slower one may take several times that.
RSS_KB=32768
HANG=120
if grep -qa __asan_init "$R"; then
	RSS_KB=262144
	HANG=600
fi
gen() { python3 "$ROLLWISE_TESTS/tools/hostile_cases.py" "$@"; }

# measure CMD...: runs CMD (HANG s at most) with stdout in $T/out and stderr
# in $T/err; sets st (exit status, or "timeout"), ms (wall), cpu (user+sys
# ms) and rss (peak KiB of CMD).
measure() {
	set -- $("$BUILD/tools/measure" "$HANG" "$T/out" "$T/err" "$@")
	st=$1 ms=$2 cpu=$3 rss=$4
}
# least A B: the smaller number; A may be empty.
least() { if [ -z "$1" ] || [ "$2" -lt "$1" ]; then echo "$2"; else echo "$1"; fi; }

# Process start, which a small run is mostly made of: below FLOOR ms (ten
# starts) a small run counts as FLOOR, so tiny figures do not make a ratio.
printf 'id: x\n' >tiny.yaml
start= i=0
while [ $i -lt "$REPS" ]; do
	measure "$R" check tiny.yaml
	start=$(least "$start" "$cpu")
	i=$((i + 1))
done
FLOOR=$((start * 10))
[ "$FLOOR" -ge 10 ] || FLOOR=10
echo "# process start: ${start} ms CPU; small runs count as at least $FLOOR ms"
rm -f tiny.yaml

# clean FILE: FILE is UTF-8 with no control character but newline and tab,
# no C1 control, no bidirectional override: nothing a terminal acts on
# (tests/tools/clean.c; it is checked here on what it must refuse).
clean() { "$BUILD/tools/clean" "$1"; }
printf 'a\303\247\303\243o\t\n' >"$T/c0"
check "clean accepts UTF-8 text, tab and newline" clean "$T/c0"
for bad in 'ESC:\033[2J' 'CSI:\302\233' 'RLO:\342\200\256' 'overlong:\300\257' \
	   'surrogate:\355\240\200' 'cut:\303' 'DEL:\177'; do
	printf "x${bad#*:}" >"$T/c1"
	check "clean refuses ${bad%%:*}" sh -c "! '$BUILD/tools/clean' '$T/c1' >/dev/null"
done
rm -f "$T/c0" "$T/c1"

# verdict NAME PATTERN: the last run of "rollwise check NAME" exited 1 with
# an error matching PATTERN (grep -E) in stderr, nothing on stdout, clean
# bytes, in bounded memory.
verdict() {
	check "$1: exit 1 (got $st)" [ "$st" = 1 ]
	check "$1: located error" grep -qE -- "$2" "$T/err"
	check "$1: nothing on stdout" [ ! -s "$T/out" ]
	check "$1: no control bytes written" clean "$T/err"
	check "$1: ${rss} KiB <= $RSS_KB" [ "$rss" -le "$RSS_KB" ]
}

# hostile NAME PATTERN [CHECK-ARGS]: runs "rollwise check [CHECK-ARGS] NAME"
# once, prints the figures as a comment, and gives the verdict.
hostile() {
	name=$1 pattern=$2
	shift 2
	measure "$R" check "$@" "$name"
	echo "# $name: exit $st, ${ms} ms wall, ${cpu} ms CPU, ${rss} KiB peak"
	verdict "$name" "$pattern"
}

# scaled KIND PATTERN: the case KIND of tests/tools/hostile_cases.py at n
# (in $T/x1) and 4n (in $T/x4), run in turns; the 4n runs get the verdict
# and may cost at most RATIO times the n runs. The last run is at 4n, so its
# output is still in $T/err for further checks.
scaled() {
	kind=$1 pattern=$2
	set -- $(gen --scaled | awk -v k="$kind" '$1 == k { print $2, $3 }')
	name=$1 n=$2
	mkdir "$T/x1" "$T/x4"
	gen "$kind" "$T/x1/$name" 1
	gen "$kind" "$T/x4/$name" 4
	c1= w1= r1=0 c4= w4= r4=0 i=0
	while [ $i -lt "$REPS" ]; do
		cd "$T/x1" && measure "$R" check "$name"
		st1=$st c1=$(least "$c1" "$cpu") w1=$(least "$w1" "$ms")
		[ "$rss" -le "$r1" ] || r1=$rss
		cd "$T/x4" && measure "$R" check "$name"
		c4=$(least "$c4" "$cpu") w4=$(least "$w4" "$ms")
		[ "$rss" -le "$r4" ] || r4=$rss
		i=$((i + 1))
	done
	cd "$T" && rm -rf "$T/x1" "$T/x4"
	echo "# $name (n=$n): exit $st1, $w1 ms wall, $c1 ms CPU, $r1 KiB peak"
	echo "# $name (4n=$((4 * n))): exit $st, $w4 ms wall, $c4 ms CPU, $r4 KiB peak"
	check "$name at n=$n: exit 1 (got $st1)" [ "$st1" = 1 ]
	rss=$r4
	verdict "$name" "$pattern"
	base=$c1 floor=
	[ "$base" -ge "$FLOOR" ] || base=$FLOOR floor=", counted as $FLOOR"
	x=$(awk -v a="$c4" -v b="$c1" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
	check "$name: 4n costs ${x}x n ($c1$floor -> $c4 ms CPU), at most ${RATIO}x" \
		[ "$c4" -le $((RATIO * base)) ]
}

HEAD='id: x
title: T
version: 1
'

# --- bombs and sizes ---

# Billion laughs: nine levels of nine aliases. Anchors are refused, and
# the event API never expands an alias, so nothing grows.
gen laughs laughs.yaml
hostile laughs.yaml '^laughs.yaml:4:5: error: anchors \(&name\) are not allowed'
check "laughs.yaml: aliases refused where they stand" grep -q "^laughs.yaml:5:18: error: aliases (\*name) are not allowed" "$T/err"

# Nesting, 100,000 deep at 4n, both kinds, and unbalanced.
scaled brackets '^brackets.yaml:2:72: error: nesting is deeper than any course needs'
scaled braces '^braces.yaml:1:[0-9]+: error: nesting is deeper than any course needs'

# A 10 MB scalar, a million keys, and a sparse 10 GB file: refused by size
# after reading 1 MiB, not read whole.
for kind in scalar keys sparse; do
	gen "$kind" "$kind.yaml"
	hostile "$kind.yaml" "^$kind.yaml: error: the file is larger than 1024 KiB"
	rm -f "$kind.yaml"
done

# Just under the size limit: as many keys, list items, words and bad bytes
# as fit, and a thousand files. Every one of these was quadratic once
# (thousands of ids compared each with each, every message counted against
# every earlier one).
scaled manykeys '^manykeys.yaml:1:1: error: unknown key .k0. in the course'
check "manykeys.yaml: messages capped" grep -q "too many problems; stopped reporting this file" "$T/err"
scaled refs "^refs.yaml:[0-9]+:[0-9]+: error: source 't0' is not in the course's 'sources'"
scaled lessons '^lessons.yaml:5:3: error: a lesson is missing'
scaled longtext '^longtext.yaml:4:1: error: unknown key .bogus. in the course'
check "longtext.yaml: the page is laid out (its length is reported)" grep -q "^longtext.yaml:9:5: warning: page 'P' takes [0-9]* lines" "$T/err"
scaled longword '^longword.yaml:4:1: error: unknown key .bogus. in the course'
check "longword.yaml: the page is laid out (its length is reported)" grep -q "^longword.yaml:9:5: warning: page 'P' takes [0-9]* lines" "$T/err"
scaled badbytes '^badbytes/b1.yaml:1:1: error: invalid UTF-8 \(byte 0xff\)'
check "badbytes: every file reported" [ "$(grep -c 'too many problems' "$T/err")" -eq 10 ]
scaled files '^files/c0.yaml:4:1: error: unknown key .bogus. in the course'
check "files: every file reported" [ "$(grep -c "error: unknown key 'bogus'" "$T/err")" -eq "$((4 * n))" ]
scaled badfiles '^badfiles/f0.yaml:1:1: error: invalid UTF-8 \(byte 0xff\)'
check "badfiles: every file reported, each capped" [ "$(grep -c 'too many problems' "$T/err")" -eq "$((4 * n))" ]

# Many valid courses: each id was looked up by a scan of the catalog. They
# are kept in memory, so this case may use half as much again as the others
# (about 1 KiB a course; 12 KiB under the sanitizers).
rss_kb=$RSS_KB
RSS_KB=$((RSS_KB * 3 / 2))
scaled courses '^courses/zz.yaml:2:1: error: unknown key .bogus. in the course'
RSS_KB=$rss_kb
check "courses: all $((4 * n)) loaded" grep -q "^$((4 * n)) courses, $((4 * n)) questions: 4 errors" "$T/err"

# Past 8 MiB of courses in all, loading stops at the first file that does
# not fit, and says so in check, in list and in the tutor's course list.
gen bigcourses big
hostile big '^big/c8.yaml: error: left out, with the files after it: rollwise loads at most 8 MiB of course files in all'
check "big: the eight before it are loaded" grep -q "^8 courses, 8 questions: 1 error" "$T/err"
measure "$R" list --lessons big
check "list past 8 MiB: exit 0 (got $st)" [ "$st" = 0 ]
check "list past 8 MiB: the courses that fit" [ "$(grep -c '^big-' "$T/out")" -eq 8 ]
check "list past 8 MiB: names the first file left out" grep -qx "rollwise: Not loaded: big/c8.yaml and the course files after it. rollwise loads at most 8 MiB of courses." "$T/err"
check "list past 8 MiB: the file after it is left out too" sh -c "! grep -q '^small ' '$T/out'"
printf 'q\n' | "$R" --plain --lessons big >"$T/out" 2>&1
check "plain course list past 8 MiB: names the first file left out" grep -q "^Not loaded: big/c8.yaml and the course files after it." "$T/out"
rm -rf big

# --- bytes that are not text ---

printf 'id: x\ntitle: caf\303\n' >trunc.yaml
hostile trunc.yaml '^trunc.yaml:2:11: error: invalid UTF-8 \(byte 0xc3\)'
printf 'id: x\ntitle: \355\240\200 surrogate\n' >surrogate.yaml
hostile surrogate.yaml '^surrogate.yaml:2:8: error: invalid UTF-8 \(byte 0xed\)'
printf 'id: x\ntitle: \364\220\200\200 too high\n' >high.yaml
hostile high.yaml '^high.yaml:2:8: error: invalid UTF-8 \(byte 0xf4\)'
printf 'id: x\ntitle: a\000b\nversion: 1\n' >nul.yaml
hostile nul.yaml '^nul.yaml:2:9: error: control character U\+0000'
printf 'id: x\000\000\000\000' >nuls.yaml
hostile nuls.yaml '^nuls.yaml:1:6: error: control character U\+0000'

# --- escape sequences in titles, page text and choices ---

# course FIELD VALUE: a course whose title, page text or first choice is VALUE.
course() {
	t=T p=Text c=A
	case $1 in
	title) t=$2 ;;
	text) p=$2 ;;
	choice) c=$2 ;;
	esac
	printf 'id: x\ntitle: %s\nversion: 1\n' "$t"
	printf 'lessons:\n  - id: l\n    title: L\n    pages:\n      - title: P\n'
	printf '        text: %s\n    quiz:\n      questions:\n' "$p"
	printf '        - id: q\n          kind: single\n          prompt: P\n'
	printf '          explanation: E\n          choices:\n'
	printf '            - text: %s\n              correct: true\n' "$c"
	printf '            - { text: B, feedback: F }\n'
}
# Where each field's value starts: line and column.
at_title=2:8 at_text=9:15 at_choice=17:21

# Raw bytes: found by the byte scan, at the byte.
for seq in 'ESC\033[2J' 'CSI\033[31mred' 'OSC52\033]52;c;cHduZWQ=\007' \
	'OSCtitle\033]0;pwned\007' 'OSC8\033]8;;http://x\033\\' 'C1raw\233' \
	'C1utf8\302\233' 'CR\roverwrite' 'BS\b\b\bxx' 'BEL\007' 'DEL\177' \
	'RLO\342\200\256' 'NEL\302\205'; do
	label=${seq%%[\\]*}
	bytes=$(printf "${seq#"$label"}")
	for field in title text choice; do
		f=raw-$label-$field.yaml
		course "$field" "x${bytes}x" >"$f"
		eval "pos=\$at_$field"
		hostile "$f" "^$f:${pos%:*}:[0-9]+: error: (control character U\+|invalid UTF-8)"
	done
done

# YAML escapes: valid UTF-8 bytes, found when the value is read.
for esc in 'e[2J' 'x1b[31m' 'e]52;c;cHduZWQ=\a' 'e]0;pwned\x07' 'x9b2J' 'u009b' \
	'r' 'b' 'x7f' 'u202e' 'u2066' 'N' '0' 'U0000001b'; do
	for field in title text choice; do
		f=esc-$(echo "$esc" | tr -dc 'a-zA-Z0-9')-$field.yaml
		course "$field" "\"x\\${esc}x\"" >"$f"
		eval "pos=\$at_$field"
		hostile "$f" "^$f:$pos: error: '[a-z]+' holds the control character U\+"
	done
done

# A key holding an escape is named in the message, escaped.
printf '%s"k\\e]0;pwned\\a": 1\n' "$HEAD" >key.yaml
hostile key.yaml '^key.yaml:4:1: error: unknown key .k\\x1b\]0;pwned\\x07. in the course'

# --- paths that are not plain files ---

mkdir -p lessons/sub.yaml
course title Fine >lessons/good.yaml
mkfifo lessons/fifo.yaml
ln -s loop-b.yaml lessons/loop-a.yaml
ln -s loop-a.yaml lessons/loop-b.yaml
ln -s /dev/zero lessons/zero.yaml
hostile lessons '^lessons/fifo.yaml: error: is not a regular file'
check "lessons: a directory named .yaml is refused" grep -q "^lessons/sub.yaml: error: is a directory, not a course file" "$T/err"
check "lessons: a symlink loop is refused" grep -q "^lessons/loop-a.yaml: error: cannot open: Too many levels of symbolic links" "$T/err"
check "lessons: /dev/zero is refused" grep -q "^lessons/zero.yaml: error: is not a regular file" "$T/err"
check "lessons: the good course still loads" grep -q "^1 course, 1 question: 5 errors" "$T/err"
measure "$R" list --lessons lessons
check "list with a FIFO in the folder: exit 0 (got $st)" [ "$st" = 0 ]
check "list with a FIFO in the folder: the good course" grep -q "^x  " "$T/out"
rm -rf lessons

# Unreadable: as root, permissions do not stop a read, so use a file whose
# every read fails instead (/proc/self/mem at offset 0 gives EIO).
if [ "$(id -u)" = 0 ]; then
	ln -s /proc/self/mem unreadable.yaml
	hostile unreadable.yaml '^unreadable.yaml: error: cannot read: Input/output error'
else
	course title T >unreadable.yaml
	chmod 000 unreadable.yaml
	hostile unreadable.yaml '^unreadable.yaml: error: cannot open: Permission denied'
fi

# A file that grows while it is read: a writer appends without end.
course title T >grow.yaml
(while :; do printf '  - k: v\n'; done >>grow.yaml) 2>/dev/null &
writer=$!
# Until the writer has started (a busy machine may not have run it yet): a
# file that has not grown is a valid course, not this case.
size=$(wc -c <grow.yaml) n=0
while [ "$(wc -c <grow.yaml)" -le "$size" ] && [ $n -lt 1200 ]; do
	sleep 0.05; n=$((n + 1))
done
sleep 0.2
hostile grow.yaml '^grow.yaml(:[0-9]+:[0-9]+)?: error: '
kill "$writer"
wait "$writer" 2>/dev/null
rm -f grow.yaml

# File names holding escapes, C1 bytes and bidi overrides are shown escaped.
n=0
for name in "$(printf 'a\033]52;c;cHduZWQ=\007.yaml')" "$(printf 'b\233%s.yaml' 2J)" \
	"$(printf 'c\302\2332J.yaml')" "$(printf 'd\342\200\256lmth.yaml')" \
	"$(printf 'e\r\033[2K.yaml')"; do
	printf 'id: x\n' >"$name"
	n=$((n + 1))
	measure "$R" check "$name"
	check "file name $n with escapes: exit 1 (got $st)" [ "$st" = 1 ]
	check "file name $n with escapes: no control bytes written" clean "$T/err"
	check "file name $n with escapes: named in the message" grep -q "^[a-e]\\\\x" "$T/err"
	rm -f "$name"
done

# --- the curses tutor's raw output ---

# run_tui DIR: starts the tutor on DIR in a pseudo-terminal (script) at 80x24
# as a first-time user, and keeps every byte the program wrote in $T/tty.
# Each key is typed once its screen has been written, not after a guessed
# sleep: Enter on the first-run notice, q on the course menu. Sets st to the
# program's exit status.
run_tui() {
	rm -f "$T/in" "$T/tty"
	mkfifo "$T/in"
	XDG_STATE_HOME=$(mktemp -d "$T/state.XXXXXX") TERM=xterm-256color LANG=C.UTF-8 \
		timeout 120 script -q -e -c "stty cols 80 rows 24; $R --lessons $1" /dev/null \
		<"$T/in" >"$T/tty" 2>&1 &
	sp=$!
	exec 3>"$T/in"
	ttywait "Enter: continue" && printf '\r' >&3
	# (the menu line: the key bar may be written only where it changed)
	ttywait "rollwise: courses" && printf q >&3
	wait "$sp"
	st=$?
	exec 3>&-
}
# ttywait TEXT: wait until the program has written TEXT (60 s at most).
ttywait() {
	n=1200
	until grep -qaF -- "$1" "$T/tty" 2>/dev/null; do
		[ "$n" -gt 0 ] || { echo "# timed out waiting for the tutor to write: $1"; return 1; }
		sleep 0.05
		n=$((n - 1))
	done
}

# A course that would be dangerous if it loaded: it must not load. A good
# one beside it keeps the menu (and its "could not be read" line) up.
mkdir -p evil good
course title '"EVIL\e]52;c;cHduZWQ=\a\e]0;pwned\a\e[2J\x9b\u202e"' >evil/evil.yaml
course title Fine | sed 's/^id: x/id: fine/' >evil/fine.yaml
run_tui "$T/evil"
check "tui with a dangerous course: exits 0 (got $st)" [ $st -eq 0 ]
check "tui: the course is not shown" sh -c "! grep -q EVIL '$T/tty'"
check "tui: the menu says a file could not be read" grep -q "could not be read" "$T/tty"
check "tui: no OSC sequence (clipboard, title) written" sh -c "! grep -q \"\$(printf '\033]')\" '$T/tty'"
check "tui: no OSC 52 payload" sh -c "! grep -q 'pwned\|cHduZWQ' '$T/tty'"
check "tui: no C1 CSI written" sh -c "! LC_ALL=C grep -q \"\$(printf '\233')\" '$T/tty'"
check "tui: no bell written" sh -c "! LC_ALL=C grep -q \"\$(printf '\007')\" '$T/tty'"

# A valid course with harmless UTF-8 shows it as is, and still no OSC.
title='Caf\303\251 na\303\257ve \346\227\245\346\234\254 \360\237\230\200 \317\200\302\262'
# order 1: first on the menu, on screen whatever else is installed.
course title "\"$(printf "$title")\"" | sed 's/^version: 1$/version: 1\norder: 1/' >good/good.yaml
run_tui "$T/good"
check "tui with a UTF-8 title: exits 0 (got $st)" [ $st -eq 0 ]
check "tui: harmless UTF-8 title drawn byte for byte" grep -qF "$(printf "$title")" "$T/tty"
check "tui with UTF-8: no OSC sequence written" sh -c "! grep -q \"\$(printf '\033]')\" '$T/tty'"
check "tui with UTF-8: no C1 CSI written" sh -c "! LC_ALL=C grep -q \"\$(printf '\302\233')\" '$T/tty'"
