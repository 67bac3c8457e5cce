#!/bin/sh
# umask.sh - the state directory is 0700 and its files 0600 whatever the
# umask, and looser modes on an existing directory are tightened.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
parses() { "$tool" parse "$1" >/dev/null 2>&1; }
dir=$XDG_STATE_HOME/rollwise

modes() { # DESC UMASK
	check "$1: directory 0700" test "$(stat -c %a "$dir")" = 700
	check "$1: progress.log 0600" test "$(stat -c %a "$dir/progress.log")" = 600
	check "$1: lock file 0600" test "$(stat -c %a "$dir/progress.lock")" = 600
}

(umask 000 && "$tool" save -n 1 >/dev/null)
modes "umask 000"
check "umask 000: new parent directories 0700 too" \
	test "$(stat -c %a "$XDG_STATE_HOME")" = 700

chmod 777 "$dir"
chmod 666 "$dir/progress.log" "$dir/progress.lock"
(umask 000 && "$tool" save -n 1 >/dev/null)
modes "loose modes repaired"

rm -rf "$XDG_STATE_HOME"
(umask 777 && "$tool" save -n 1 >/dev/null)
modes "umask 777"
check "umask 777: the saved progress reads back" parses "$dir/progress.log"
