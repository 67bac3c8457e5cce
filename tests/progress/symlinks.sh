#!/bin/sh
# symlinks.sh - a symbolic link at the state directory, progress.log or the
# lock file is refused with a clear error, and what it points to is untouched.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
dir=$XDG_STATE_HOME/rollwise
mkdir -p "$XDG_STATE_HOME" "$T/elsewhere"
printf 'precious\n' >"$T/target"

# refused DESC: the last save failed, and said why
refused() {
	check "$1 is refused" test "$rc" -ne 0
	check "$1: the error says it is a symbolic link" grep -q "symbolic link" "$T/out"
}

ln -s "$T/elsewhere" "$dir"
"$tool" save -n 1 >"$T/out" 2>&1; rc=$?
refused "a symlinked state directory"
check "the directory it points to stays empty" test -z "$(ls -A "$T/elsewhere")"
"$tool" load >"$T/out" 2>&1; rc=$?
refused "loading through a symlinked state directory"
rm "$dir"

mkdir -m 700 "$dir"
ln -s "$T/target" "$dir/progress.log"
"$tool" save -n 1 >"$T/out" 2>&1; rc=$?
refused "a symlinked progress.log"
check "the file it points to is unchanged" test "$(cat "$T/target")" = precious
check "the link is still a link" test -L "$dir/progress.log"
rm "$dir/progress.log" "$dir/progress.lock"

ln -s "$T/target" "$dir/progress.lock"
"$tool" save -n 1 >"$T/out" 2>&1; rc=$?
refused "a symlinked lock file"
check "the lock's target is unchanged" test "$(cat "$T/target")" = precious
check "nothing was saved beside the links" test ! -e "$dir/progress.log"
