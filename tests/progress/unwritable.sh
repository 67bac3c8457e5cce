#!/bin/sh
# unwritable.sh - a state directory or journal we cannot write to: what is
# saved is still shown, a save that cannot be made fails with a message,
# and nothing is changed. Root ignores mode bits, so as root the saves run
# in a user namespace where it has no privilege over the files (unshare -U);
# without that, the checks are skipped. A read-only file system is tried on
# a tmpfs where mount is allowed; a torn last line there is told, though it
# cannot be moved aside.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
dir=$XDG_STATE_HOME/rollwise

"$tool" save -n 2 >/dev/null
cp "$dir/progress.log" "$T/before"

run=
if [ "$(id -u)" = 0 ]; then
	if unshare -U true 2>/dev/null; then
		run="unshare -U"
	else
		run=skip
	fi
fi
if [ "$run" = skip ]; then
	skip "unwritable directory" "running as root, and unshare -U is not allowed here"
else
	chmod 500 "$dir"
	$run "$tool" save -n 1 -q w >"$T/out" 2>&1; rc=$?
	check "a folder we cannot create files in: the journal is still appended to" test "$rc" -eq 0
	check "nothing new is created in it" test -z "$(ls -A "$dir" | grep -v '^progress\.\(log\|lock\)$')"
	cp "$dir/progress.log" "$T/before"
	chmod 400 "$dir/progress.log"
	$run "$tool" save -n 1 -q x >"$T/out" 2>&1; rc=$?
	check "a journal we cannot write: the save fails" test "$rc" -ne 0
	check "it says why" grep -q "cannot be written" "$T/out"
	check "progress.log is unchanged" cmp -s "$dir/progress.log" "$T/before"
	check "no temp file is left" test -z "$(ls -A "$dir" | grep '\.tmp-')"
	$run "$tool" load >"$T/out" 2>&1
	check "the saved progress is still shown" grep -q '^lessons=1 questions=3 ' "$T/out"
	check "the owner's choice of mode is kept" test "$(stat -c %a "$dir")" = 500
	chmod 600 "$dir/progress.log"
	chmod 700 "$dir"
fi

ro=$T/ro
mkdir "$ro"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m,mode=700 tmpfs "$ro" 2>/dev/null; then
	trap 'umount "$ro" 2>/dev/null; cleanup' EXIT
	XDG_STATE_HOME=$ro "$tool" save -n 4 -q r >/dev/null
	lines=$(wc -l <"$ro/rollwise/progress.log")
	printf -- '- {ev: answer, at: 2026-11-25T03:4' >>"$ro/rollwise/progress.log"
	cp "$ro/rollwise/progress.log" "$T/before"
	mount -o remount,ro "$ro"
	XDG_STATE_HOME=$ro "$tool" load >"$T/out" 2>&1
	check "a read-only file system: the saved progress is shown" \
		grep -q '^lessons=1 questions=4 answers=4 attempts=4' "$T/out"
	check "a read-only file system: a torn last line is told all the same, naming it" \
		grep -q "^notice: The last change saved before rollwise stopped (line $((lines + 1)) of .*) was cut short" "$T/out"
	XDG_STATE_HOME=$ro "$tool" save -n 1 -q s >"$T/out" 2>&1; rc=$?
	check "a read-only file system: a save fails" test "$rc" -ne 0
	check "a read-only file system: it says why" grep -q "Read-only file system" "$T/out"
	check "a read-only file system: the journal is unchanged" \
		cmp -s "$ro/rollwise/progress.log" "$T/before"
	umount "$ro"
else
	skip "a read-only file system" "mount is not allowed here"
fi
