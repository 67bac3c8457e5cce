#!/bin/sh
# run.sh - runs every test and prints "N passed, N failed" last.
# Unit tests: $BUILD/tests/test_* (cmocka, TAP output).
# Shell tests: tests/e2e/*.sh and tests/progress/*.sh (they print TAP "ok"/"not ok").
# UNIT_ONLY=1 runs only the unit tests; WRAP runs each unit binary under a
# command (valgrind). A test binary that dies without reporting counts as failed.
set -u
: "${BUILD:?BUILD must name the build dir}"
here=$(cd "$(dirname "$0")" && pwd)
export ROLLWISE_TESTS="$here"
passed=0
failed=0
failures=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # name status
	name=$1 status=$2
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $status" >>"$log"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		failures="$failures $name"
		echo "== $name: FAILED"
		grep -v '^ok ' "$log" | sed 's/^/   /' | head -60
	else
		echo "== $name: $p passed"
	fi
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	CMOCKA_MESSAGE_OUTPUT=TAP ${WRAP:-} "$t" >"$log" 2>&1
	tally "$(basename "$t")" $?
done

if [ -z "${UNIT_ONLY:-}" ]; then
	for t in "$here"/e2e/*.sh "$here"/progress/*.sh; do
		[ -f "$t" ] || continue
		sh "$t" >"$log" 2>&1
		tally "$(basename "$t")" $?
	done
fi

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
