#!/bin/sh
# durable.sh - page turns are appended at once but fsynced in batches (at
# most once a second): whatever was appended is synced before rollwise
# exits, whether the learner quits or it is stopped with SIGTERM. Checked by
# the order of system calls under strace (the last write to progress.log has
# an fsync of it after it), never by a time.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8
# LeakSanitizer cannot run under ptrace
export ASAN_OPTIONS=detect_leaks=0
RW="$ROLLWISE_BIN --lessons $ROLLWISE_TESTS/fixtures/good"
log=$XDG_STATE_HOME/rollwise/progress.log
if ! strace -o /dev/null true 2>/dev/null; then
	skip "page turns are synced before exit" "strace cannot run here"
	exit 0
fi
trace() { strace -f -y -e trace=write,fsync,fdatasync -o "$@"; }
# pages TRACE: page turns written to progress.log
pages() { grep -c "write([0-9]*<$log>, \"- {ev: page" "$1"; }
# synced_last TRACE: the last write to progress.log has an fsync after it
synced_last() {
	awk -v f="<$log>" 'index($0, f) {
		if ($2 ~ /^write\(/) w = NR
		else if ($2 ~ /^f(data)?sync\(/) s = NR
	} END { exit !(w && s > w) }' "$1"
}

# quitting: open the first lesson, turn its pages, quit
printf '1\n1\n\n\nq\nq\nq\n' | trace "$T/quit.trace" $RW --plain >"$T/quit.out" 2>&1
check "quit: page turns were written" test "$(pages "$T/quit.trace")" -ge 2
check "quit: the last one is synced before exit" synced_last "$T/quit.trace"

# SIGTERM while reading a page
rm -rf "$XDG_STATE_HOME/rollwise"
mkfifo "$T/in"
trace "$T/term.trace" sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$T/pid" \
	$RW --plain <"$T/in" >"$T/term.out" 2>&1 &
tracer=$!
exec 3>"$T/in"
printf '1\n1\n\n' >&3
# (plain mode heads a page "Page 2 of 2: ..."; it records the visit first)
n=0
while ! grep -q "^Page 2 of 2:" "$T/term.out" 2>/dev/null && [ $n -lt 1200 ]; do
	sleep 0.05
	n=$((n + 1))
done
kill -TERM "$(cat "$T/pid")"
wait "$tracer"; rc=$?
exec 3>&-
check "SIGTERM: exit status 143" test "$rc" -eq 143
check "SIGTERM: page turns were written" test "$(pages "$T/term.trace")" -ge 2
check "SIGTERM: the last one is synced before exit" synced_last "$T/term.trace"
