#!/bin/sh
# class-users.sh - the class folder with real users (issue #12): an
# instructor makes the folder, two trainees take a quiz and hand in as
# themselves, and the folder keeps them apart: neither can list it, read,
# replace or remove the other's hand-in, nor hand in under the other's name.
# The instructor's report names both by login with their scores and flags a
# hand-in whose stored score was edited. Needs root, useradd and runuser;
# the users and their groups are removed on exit, whatever happened.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8 ROLLWISE_SEED=1

if [ "$(id -u)" != 0 ]; then
	skip "class folder with real users" "not root: cannot add users"
	exit 0
fi
for c in useradd userdel groupadd groupdel runuser; do
	if ! command -v "$c" >/dev/null 2>&1; then
		skip "class folder with real users" "no $c here"
		exit 0
	fi
done

# Names no real user has: a prefix and this shell's pid (at most 10 bytes).
I=rwi$$ A=rwa$$ B=rwb$$ G=rwg$$
for n in $I $A $B $G; do
	if getent passwd "$n" >/dev/null || getent group "$n" >/dev/null; then
		skip "class folder with real users" "a user or group $n exists already"
		exit 0
	fi
done

# Remove exactly what was made, on any exit (a signal exits, so it runs then too).
MADE_USERS= MADE_GROUPS= UTMP=
users_cleanup() {
	for u in $MADE_USERS; do
		userdel "$u" 2>/dev/null || userdel -f "$u" 2>/dev/null ||
			fail "the test's user $u is removed"
	done
	for g in $MADE_GROUPS; do
		if getent group "$g" >/dev/null; then
			groupdel "$g" 2>/dev/null || fail "the test's group $g is removed"
		fi
	done
	[ -z "$UTMP" ] || rm -rf "$UTMP"
	cleanup
}
trap users_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# reachable DIR: others may read and search every folder from / down to
# DIR (rollwise opens each folder above its progress to walk down to it).
reachable() {
	d=$(cd "$1" && pwd -P) || return 1
	while [ "$d" != / ]; do
		m=$(stat -c %a "$d") || return 1
		[ $((0$m & 5)) -eq 5 ] || return 1
		d=$(dirname "$d")
	done
}
# The users' folder: in $T when others can reach it (lib.sh's $T is 0700;
# run.sh's TMPDIR on /dev/shm is 0700 too), else a folder of its own in /tmp.
chmod 755 "$T"
if reachable "$T"; then
	U=$T/u
	mkdir "$U"
else
	UTMP=$(mktemp -d /tmp/rollwise-users.XXXXXX)
	U=$UTMP
fi
chmod 755 "$U"
mkdir "$U/home" "$U/nodata"
# The homes' folder as many shared machines have /home: others may pass
# through it but not list it. Progress is saved below it all the same.
chmod 711 "$U/home"

# adduser NAME [useradd options]: a system user (no subordinate ids, no mail
# spool) with a group of its own and a home under $U made here, not by useradd.
adduser() {
	n=$1; shift
	useradd -r -M -U -d "$U/home/$n" -s /bin/sh "$@" "$n" 2>"$T/useradd.err" || return 1
	MADE_USERS="$MADE_USERS $n" MADE_GROUPS="$MADE_GROUPS $n"
	install -d -o "$n" -g "$n" -m 700 "$U/home/$n"
}
if ! groupadd -r "$G" 2>"$T/useradd.err"; then
	skip "class folder with real users" "groupadd failed: $(cat "$T/useradd.err")"
	exit 0
fi
MADE_GROUPS=$G
if ! adduser "$I" -G "$G" || ! adduser "$A" || ! adduser "$B"; then
	skip "class folder with real users" "useradd failed: $(cat "$T/useradd.err")"
	exit 0
fi

# as USER CMD...: CMD as USER (its groups too), with its own home and state,
# from /, and none of root's environment that points into root's files.
as() {
	u=$1; shift
	(cd / && runuser -u "$u" -- env -u TMPDIR HOME="$U/home/$u" \
		XDG_STATE_HOME="$U/home/$u/.local/state" \
		XDG_DATA_HOME="$U/home/$u/.local/share" XDG_DATA_DIRS="$U/nodata" "$@")
}
# fails CMD...: CMD exits non-zero (a refusal, not a missing program).
fails() { ! "$@" >/dev/null 2>&1; }

# The program and the test course as the users see them: in place when they
# can reach them, else a copy in $U (root's, so rollwise trusts the lessons).
BIN=$ROLLWISE_BIN FIX=$ROLLWISE_TESTS/fixtures/good
if ! as "$A" test -x "$BIN" -a -r "$FIX/tutor.yaml"; then
	mkdir "$U/pub" "$U/pub/lessons"
	cp "$BIN" "$U/pub/rollwise"
	cp "$FIX"/*.yaml "$U/pub/lessons/"
	chmod -R go-w,a+rX "$U/pub"
	BIN=$U/pub/rollwise FIX=$U/pub/lessons
	echo "# the users cannot reach $ROLLWISE_BIN or the fixtures: using copies in $U/pub"
fi
RW="$BIN --lessons $FIX"
check "the users exist, each with a home only they can enter" \
	test "$(stat -c %U:%a "$U/home/$A")" = "$A:700"
# member USER: USER, run as by "as", has the class group.
member() { as "$1" id -Gn | tr ' ' '\n' | grep -qx "$G"; }
check "run as the instructor, it has the class group" member "$I"
outsiders() { ! member "$A" && ! member "$B"; }
check "the trainees are not in the class group" outsiders

# --- the instructor makes the class folder ---
install -d -o "$I" -g "$I" -m 755 "$U/srv"
C=$U/srv/class
as "$I" $RW class init "$C" --group "$G" >"$T/init.out" 2>&1
check "class init as the instructor succeeds" test $? -eq 0
check "the folder is mode 3733" test "$(stat -c %a "$C")" = 3733
check "it is the instructor's, group the class group" test "$(stat -c %U:%G "$C")" = "$I:$G"
check "it prints the line to give trainees" grep -q "rollwise submit $(cd "$C" && pwd -P)\$" "$T/init.out"

# --- two trainees take the quiz of the first lesson (ROLLWISE_SEED=1) ---
# Two pages, then q-single, q-tf (2 = False is right), q-multi ("1 3").
# A answers all three right: 100. B gets q-single and q-tf wrong: 1 of 3, 33.
printf '\n\n\n1\n2\n1 3\nq\nq\nq\n' | as "$A" $RW --plain testcourse >"$T/quiz.a" 2>&1
check "trainee A scores 3 of 3" grep -q "^You scored 3 of 3 (100%)" "$T/quiz.a"
check "trainee A's progress is saved, below a folder A may pass through but not list" \
	sh -c "! grep -q 'will not be saved' '$T/quiz.a' && test -s '$U/home/$A/.local/state/rollwise/progress.log'"
printf '\n\n\n2\n1\n1 3\nq\nq\nq\n' | as "$B" $RW --plain testcourse >"$T/quiz.b" 2>&1
check "trainee B scores 1 of 3" grep -q "^You scored 1 of 3 (33%)" "$T/quiz.b"

# --- hand in ---
# handed NAME: the hand-in of NAME is a plain file, 0640, NAME's, the class's group.
handed() {
	hf=$C/$1.rollwise
	test -f "$hf" -a ! -L "$hf" && test "$(stat -c %a:%U:%G "$hf")" = "640:$1:$G"
}
as "$A" $RW submit "$C" >"$T/sub.a" 2>&1
check "trainee A hands in" test $? -eq 0
check "A's hand-in: 0640, owned by A, group of the folder" handed "$A"

# A plants a file at B's name before B hands in: a copy of A's own 100.
as "$A" cp "$C/$A.rollwise" "$C/$B.rollwise"
check "pre-create: a trainee can put a file at another's name (the folder is writable)" \
	test "$(stat -c %U "$C/$B.rollwise")" = "$A"
as "$B" $RW submit "$C" >"$T/sub.b" 2>&1
check "pre-create: B's hand-in is refused rather than written into A's file" test $? -ne 0
check "pre-create: saying it is another user's file" grep -q "another user's file" "$T/sub.b"
check "pre-create: the planted file is still A's" test "$(stat -c %U "$C/$B.rollwise")" = "$A"
as "$I" $RW report "$C" --course testcourse >"$T/planted" 2>&1
check "pre-create: the report skips it, naming who handed it in" \
	grep -q "^Skipped $B.rollwise: it is named after $B but was handed in by $A" "$T/planted"
check "pre-create: the report does not give B the planted score" \
	sh -c "! grep -q '^$B ' '$T/planted'"
as "$I" rm -f "$C/$B.rollwise"
check "pre-create: the instructor, who owns the folder, removes it" test ! -e "$C/$B.rollwise"
as "$B" $RW submit "$C" >"$T/sub.b" 2>&1
check "trainee B hands in" test $? -eq 0
check "B's hand-in: 0640, owned by B, group of the folder" handed "$B"

# --- the trainees are kept apart ---
# apart X Y: trainee X cannot see, read, change, replace or remove Y's hand-in.
apart() {
	x=$1 y=$2 f=$C/$2.rollwise
	sum=$(cksum <"$f")
	check "$x cannot list the folder" fails as "$x" ls "$C"
	check "$x cannot read $y's hand-in" fails as "$x" cat "$f"
	check "$x cannot append to $y's hand-in" fails as "$x" sh -c 'echo x >>"$1"' sh "$f"
	check "$x cannot truncate $y's hand-in" fails as "$x" sh -c ': >"$1"' sh "$f"
	check "$x cannot rename $y's hand-in" fails as "$x" mv -f "$f" "$C/$x.moved"
	check "$x cannot remove $y's hand-in" fails as "$x" rm -f "$f"
	as "$x" cp "$C/$x.rollwise" "$C/$x.copy" 2>/dev/null
	check "$x cannot put a file of theirs in its place" \
		fails as "$x" mv -f "$C/$x.copy" "$f"
	as "$x" rm -f "$C/$x.copy"
	check "$x cannot read the report" fails as "$x" $RW report "$C"
	as "$x" $RW submit "$C" >/dev/null 2>&1
	check "$x handing in again replaces only $x's own file" handed "$x"
	same() { test "$(cksum <"$f")" = "$sum" && handed "$y"; }
	check "after all that, $y's hand-in is unchanged and still $y's" same
}
apart "$A" "$B"
apart "$B" "$A"
check "the folder holds the two hand-ins and nothing else" \
	test "$(ls -A "$C" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$A.rollwise" "$B.rollwise" | sort | tr '\n' ' ')"

# --- the instructor's report ---
as "$I" $RW report "$C" --course testcourse >"$T/r.txt" 2>"$T/r.err"
check "report as the instructor succeeds" test $? -eq 0 -a ! -s "$T/r.err"
check "report: two trainees" grep -q "^Course testcourse (version 1): 2 trainees" "$T/r.txt"
# row LOGIN PASSED FIRST/BEST: the text report's row of LOGIN says so.
row() { awk -v l="$1" -v p="$2" -v s="$3" '$1 == l && $2 == p && $4 == s { ok = 1 } END { exit !ok }' "$T/r.txt"; }
check "report: A by login, 1 of 2 lessons passed, 100 first and best" row "$A" 1/2 100/100
check "report: B by login, none passed, 33 first and best" row "$B" 0/2 33/33
check "report: nobody is flagged for edited scores" sh -c "! grep -q 'do not match' '$T/r.txt'"
as "$I" $RW report "$C" --course testcourse --format csv >"$T/r.csv" 2>&1
# csvrow LOGIN FIRST BEST MISMATCH: the CSV's row of LOGIN for the first quiz.
csvrow() {
	awk -F, -v l="$1" -v f="$2" -v b="$3" -v m="$4" '$1 == "trainee" && $3 == "first" &&
		$5 == l && $7 == f && $8 == b && $12 == m { ok = 1 } END { exit !ok }' "$T/r.csv"
}
check "report CSV: A with 100, not flagged" csvrow "$A" 100 100 false
check "report CSV: B with 33, not flagged" csvrow "$B" 33 33 false

# --- a forged score ---
# B edits their own journal: the attempt's stored 33 becomes a passing 100.
log=$U/home/$B/.local/state/rollwise/progress.log
as "$B" sed -i 's/\(ev: attempt, .*\)score: 33, passed: false/\1score: 100, passed: true/' "$log"
check "forge: B's journal now claims 100" grep -q "ev: attempt, .*score: 100, passed: true" "$log"
as "$B" $RW submit "$C" >/dev/null 2>&1
check "forge: B hands in the edited journal" handed "$B"
as "$I" $RW report "$C" --course testcourse >"$T/r.txt" 2>&1
check "forge: the line under B's row says the scores do not match the answers" \
	awk -v l="$B" 'hit { ok = /scores do not match the answers/; exit } $1 == l { hit = 1 } END { exit !ok }' "$T/r.txt"
check "forge: the report uses B's recomputed 33, not 100" row "$B" 0/2 33/33
check "forge: A is not flagged" \
	awk -v l="$A" 'hit { ok = !/do not match/; exit } $1 == l { hit = 1 } END { exit !ok }' "$T/r.txt"
as "$I" $RW report "$C" --course testcourse --format csv >"$T/r.csv" 2>&1
check "forge: CSV flags B with the recomputed 33" csvrow "$B" 33 33 true
check "forge: CSV leaves A as it was" csvrow "$A" 100 100 false
