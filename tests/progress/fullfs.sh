#!/bin/sh
# fullfs.sh - a save that runs out of space fails with a message, keeps
# everything saved before it, leaves no part of a line behind and no temp
# file. Injected ENOSPC runs anywhere; a real 64k tmpfs runs where mount is
# allowed (there the saves before the disk filled up are kept too).
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
parses() { "$tool" parse "$1" >/dev/null 2>&1; }

# keeps DESC DIR: the last save failed for lack of space and changed nothing.
keeps() {
	check "$1: the save fails" test "$rc" -ne 0
	check "$1: it says the disk is full" grep -q "No space left on device" "$T/out"
	check "$1: what was saved before is kept" \
		cmp -s -n "$(wc -c <"$T/before")" "$2/progress.log" "$T/before"
	check "$1: no temp file is left" test -z "$(ls -A "$2" | grep '\.tmp-')"
	check "$1: the journal reads back whole (no part of a line)" parses "$2/progress.log"
}

dir=$XDG_STATE_HOME/rollwise
"$tool" save -n 3 >/dev/null
cp "$dir/progress.log" "$T/before"
"$tool" save -n 1 -q more --enospc >"$T/out" 2>&1; rc=$?
keeps "injected ENOSPC" "$dir"
check "injected ENOSPC: progress.log is unchanged" cmp -s "$dir/progress.log" "$T/before"

small=$T/small
mkdir "$small"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k,mode=700 tmpfs "$small" 2>/dev/null; then
	trap 'umount "$small" 2>/dev/null; cleanup' EXIT
	export XDG_STATE_HOME=$small
	"$tool" save -n 3 >/dev/null
	cp "$small/rollwise/progress.log" "$T/before"
	dd if=/dev/zero of="$small/fill" bs=1k 2>/dev/null
	"$tool" save -n 30 -q bigger >"$T/out" 2>&1; rc=$?
	keeps "a full 64k tmpfs" "$small/rollwise"
	rm "$small/fill"
	"$tool" save -n 1 -q later >/dev/null
	check "a full 64k tmpfs: with space again, saving works" test $? -eq 0
	umount "$small"
else
	skip "a full 64k tmpfs" "mount is not allowed here (injected ENOSPC covers it)"
fi
