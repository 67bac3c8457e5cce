#!/bin/sh
# run.sh - runs every test and prints "N passed, N failed, N skipped" last.
# Unit tests: $BUILD/tests/test_* (cmocka, TAP output).
# Shell tests: tests/e2e/*.sh and tests/progress/*.sh (they print TAP "ok"/"not ok").
# UNIT_ONLY=1 runs only the unit tests; WRAP runs each unit binary under a
# command (valgrind). A test binary that dies without reporting counts as failed.
# A TAP line "ok ... # SKIP reason" is a check that could not run here: it is
# counted as skipped, not passed, and its reason is shown.
set -u
: "${BUILD:?BUILD must name the build dir}"
here=$(cd "$(dirname "$0")" && pwd)
export ROLLWISE_TESTS="$here"
passed=0
failed=0
skipped=0
failures=""
# Test files on a memory file system when there is a roomy one that runs
# programs: on a disk, each of the tens of thousands of small files the
# hostile tests make costs about a millisecond (20x tmpfs). TMPDIR set by
# the caller is kept.
shm=
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] &&
   [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge 1048576 ] 2>/dev/null &&
   shm=$(mktemp -d /dev/shm/rollwise-tests.XXXXXX 2>/dev/null); then
	if cp /bin/true "$shm/probe" 2>/dev/null && "$shm/probe"; then
		rm -f "$shm/probe"
		TMPDIR=$shm
		export TMPDIR
	else
		rm -rf "$shm"; shm=
	fi
fi
log=$(mktemp)
trap 'rm -f "$log"; [ -z "$shm" ] || rm -rf "$shm"' EXIT

# TAP's skip directive, in any case: "ok 3 - desc # SKIP why"; cmocka writes
# a skipped test as "not ok 3 # SKIP name".
SKIP='^(not )?ok .*# *skip'
tally() { # name status seconds
	name=$1 status=$2 secs=$3
	s=$(grep -ciE "$SKIP" "$log")
	p=$(grep '^ok ' "$log" | grep -ciEv "$SKIP")
	f=$(grep '^not ok ' "$log" | grep -ciEv "$SKIP")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $status" >>"$log"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	if [ "$f" -gt 0 ]; then
		failures="$failures $name"
		echo "== $name: FAILED (${secs}s)"
		grep -v '^ok ' "$log" | grep -ivE "$SKIP" | sed 's/^/   /' | head -60
	elif [ "$s" -gt 0 ]; then
		echo "== $name: $p passed, $s skipped (${secs}s)"
		grep -iE "$SKIP" "$log" | sed 's/^/   /'
	else
		echo "== $name: $p passed (${secs}s)"
	fi
}

# The locales the tests run in, made here when the machine lacks them
# (Debian's "locales" package has their sources): pt_BR in UTF-8 and in
# ISO-8859-1. LOCPATH points glibc at them beside the system's own.
locales() {
	dir=$BUILD/locales
	for l in pt_BR.UTF-8 pt_BR.ISO-8859-1; do
		[ -f "$dir/$l/LC_CTYPE" ] && continue
		mkdir -p "$dir"
		localedef -i pt_BR -f "${l#*.}" "$dir/$l" >/dev/null 2>&1 ||
			echo "# could not make the $l locale: tests that need it skip" >&2
	done
	LOCPATH="$dir:/usr/lib/locale"
	export LOCPATH
}
command -v localedef >/dev/null 2>&1 && locales
LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	t0=$(date +%s)
	CMOCKA_MESSAGE_OUTPUT=TAP ${WRAP:-} "$t" >"$log" 2>&1
	tally "$(basename "$t")" $? $(($(date +%s) - t0))
done

if [ -z "${UNIT_ONLY:-}" ]; then
	for t in "$here"/e2e/*.sh "$here"/progress/*.sh; do
		[ -f "$t" ] || continue
		t0=$(date +%s)
		sh "$t" >"$log" 2>&1
		tally "$(basename "$t")" $? $(($(date +%s) - t0))
	done
fi

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
