#!/bin/sh
# unwritable.sh - a state directory we cannot write to: saving fails with a
# message, loading still works, and the file is left as it was. Root ignores
# mode bits, so as root the save runs in a user namespace where it has no
# privilege over the directory (unshare -U); without that, the check is skipped.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
dir=$XDG_STATE_HOME/rollwise

"$tool" save -n 2 >/dev/null
cp "$dir/progress.yaml" "$T/before"
chmod 500 "$dir"

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
	$run "$tool" save -n 1 -q w >"$T/out" 2>&1; rc=$?
	check "saving into a read-only directory fails" test "$rc" -ne 0
	check "it says why" grep -q "Permission denied" "$T/out"
	check "progress.yaml is unchanged" cmp -s "$dir/progress.yaml" "$T/before"
	check "no temp file is left" test -z "$(ls -A "$dir" | grep '\.tmp-')"
	$run "$tool" load >"$T/out" 2>&1
	check "loading still works" grep -q '^lessons=1 ' "$T/out"
	check "the owner's choice of mode is kept" test "$(stat -c %a "$dir")" = 500
fi
chmod 700 "$dir"
