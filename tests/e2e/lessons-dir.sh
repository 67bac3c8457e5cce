# lessons-dir.sh - a --lessons folder that is not there, not a folder or not
# readable: every command says so on stderr and exits 2.
. "$ROLLWISE_TESTS/lib.sh"
G=$ROLLWISE_TESTS/fixtures/good
ESC=$(printf '\033')
evil=$(printf 'x\033]0;pwned\007')

# A folder that is not there.
for cmd in "" review check list progress; do
	$ROLLWISE_BIN --plain $cmd --lessons "$T/missing" </dev/null >"$T/out" 2>"$T/err"
	st=$?
	check "--lessons missing, '${cmd:-tutor}': exit 2 (got $st)" [ $st -eq 2 ]
	check "--lessons missing, '${cmd:-tutor}': says so" grep -qx "rollwise: --lessons $T/missing: no such directory" "$T/err"
	check "--lessons missing, '${cmd:-tutor}': nothing else" sh -c "[ ! -s '$T/out' ] && [ \$(wc -l <'$T/err') -eq 1 ]"
done
$ROLLWISE_BIN list --lessons "$G" --lessons "$G/tutor.yaml" >"$T/out" 2>"$T/err"
check "--lessons FILE: exit 2" [ $? -eq 2 ]
check "--lessons FILE: not a directory" grep -qx "rollwise: --lessons $G/tutor.yaml: not a directory" "$T/err"
$ROLLWISE_BIN list "--lessons=$T/missing" 2>"$T/err"
check "--lessons=DIR missing: exit 2" [ $? -eq 2 ]
$ROLLWISE_BIN list --lessons "$T/$evil" 2>"$T/err"
check "--lessons missing, escape in the name: no raw ESC" sh -c "! grep -q '$ESC' '$T/err'"
check "--lessons missing, escape in the name: shown as \\x1b" grep -qF "x\\x1b]0;pwned\\x07: no such directory" "$T/err"

# An unreadable folder. Root reads it anyway, so as root the run goes in a
# user namespace where it has no privilege (unshare -U), or is skipped.
mkdir -p "$T/locked"
cp "$G/tutor.yaml" "$T/locked/"
chmod 000 "$T/locked"
run=
if [ "$(id -u)" = 0 ]; then
	if unshare -U true 2>/dev/null; then run="unshare -U"; else run=skip; fi
fi
if [ "$run" = skip ]; then
	ok "# SKIP unreadable --lessons: running as root, and unshare -U is not allowed here"
else
	$run $ROLLWISE_BIN list --lessons "$T/locked" >"$T/out" 2>"$T/err"
	check "--lessons unreadable: exit 2" [ $? -eq 2 ]
	check "--lessons unreadable: says why" grep -qx "rollwise: --lessons $T/locked: cannot read it: Permission denied" "$T/err"
fi
chmod 700 "$T/locked"

# Folders from ROLLWISE_LESSONS, like the default ones, are skipped when missing.
ROLLWISE_LESSONS="$T/missing" $ROLLWISE_BIN list --lessons "$G" >"$T/out" 2>"$T/err"
check "missing ROLLWISE_LESSONS folder: skipped, exit 0" [ $? -eq 0 ]
check "missing ROLLWISE_LESSONS folder: courses listed" grep -q "^testcourse " "$T/out"
