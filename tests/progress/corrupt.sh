#!/bin/sh
# corrupt.sh - damaged journals lose nothing: a torn last line or a bad line
# is skipped, kept in progress.rejected and told once, with the rest kept; a
# file that is not text at all is moved aside whole; a newer format is left
# untouched by every command and only read.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
dir=$XDG_STATE_HOME/rollwise
file=$dir/progress.log

"$tool" save -n 5 >/dev/null
cp "$file" "$T/good"
good=$("$tool" parse "$T/good")

fresh() { rm -f "$dir"/progress.*; }
parses() { "$tool" parse "$1" >/dev/null; }

# torn: a power cut in the middle of an append
fresh
{ cat "$T/good"; printf -- '- {ev: answer, at: 2026-11-25T03:4'; } >"$file"
"$tool" load >"$T/out" 2>&1; rc=$?
check "torn: loading works" test "$rc" -eq 0
check "torn: the learner is told the last change was cut short" grep -q '^notice: .*cut short' "$T/out"
check "torn: everything before it is kept" grep -qx "$good" "$T/out"
check "torn: the cut line is kept in progress.rejected" grep -q 'at: 2026-11-25T03:4$' "$dir/progress.rejected"
"$tool" load >"$T/out2" 2>&1
check "torn: told once" test -z "$(grep notice "$T/out2")"
"$tool" save -n 1 -q after >/dev/null
check "torn: saving goes on, and the journal reads back whole" parses "$file"

# a bad line in the middle
fresh
{ head -3 "$T/good"; printf 'this line was damaged\n'; tail -n +4 "$T/good"; } >"$file"
"$tool" load >"$T/out" 2>&1
check "bad line: the notice names its line" grep -q '^notice: 1 line of your saved progress could not be read and was skipped (line 4:' "$T/out"
check "bad line: everything else is kept" grep -qx "$good" "$T/out"
check "bad line: it is kept in progress.rejected" grep -qx 'this line was damaged' "$dir/progress.rejected"
"$tool" load >"$T/out2" 2>&1
check "bad line: told once" test -z "$(grep notice "$T/out2")"

# not text at all: moved aside whole
fresh
# (blank and comment lines, which random bytes can hold, prove nothing)
{ printf '\177ELF\002\001\001\000\n\n# x\n'; head -c 300 /dev/urandom; } >"$file"
cp "$file" "$T/orig"
"$tool" load >"$T/out" 2>&1; rc=$?
check "binary: loading still works" test "$rc" -eq 0
check "binary: a notice names the kept copy" grep -q '^notice: .*progress\.log\.corrupt-' "$T/out"
check "binary: progress starts afresh" grep -q '^lessons=0 ' "$T/out"
aside=$(ls "$dir" | grep '^progress\.log\.corrupt-[0-9]\{8\}T[0-9]\{6\}Z$')
check "binary: kept byte for byte as progress.log.corrupt-<UTC time>" cmp -s "$dir/$aside" "$T/orig"
"$tool" save -n 1 >/dev/null
check "binary: a fresh journal is saved" parses "$file"
check "binary: the kept copy is still there" cmp -s "$dir/$aside" "$T/orig"

# a newer format: read, never written, by the tool and by every command
fresh
{ printf -- '- {rollwise-progress: 9}\n'; tail -n +2 "$T/good"; printf -- '- {ev: hologram}\n'; } >"$file"
chmod 644 "$file"	# the newer rollwise's choice: not ours to change
cp "$file" "$T/orig"
"$tool" load >"$T/out" 2>&1
check "newer: the learner is told" grep -q '^notice: .*newer rollwise' "$T/out"
check "newer: what this rollwise understands is shown" grep -qx "$good" "$T/out"
"$tool" save -n 1 >"$T/out" 2>&1; rc=$?
check "newer: a save is refused" test "$rc" -ne 0
check "newer: saying why" grep -q 'not saved.*newer rollwise' "$T/out"
"$ROLLWISE_BIN" progress >"$T/out" 2>&1
check "newer: rollwise progress shows it" grep -q 'lesson' "$T/out"
"$ROLLWISE_BIN" progress --answers --format csv >"$T/out" 2>&1
check "newer: and exports it" test "$(grep -c ',course,lesson,' "$T/out")" -gt 0
printf 'q\n' | "$ROLLWISE_BIN" --plain >/dev/null 2>&1
printf 'q\n' | "$ROLLWISE_BIN" --plain review >/dev/null 2>&1
"$ROLLWISE_BIN" list >/dev/null 2>&1
"$ROLLWISE_BIN" submit "$T/class" >/dev/null 2>&1
"$tool" load >/dev/null 2>&1
check "newer: untouched by every command" cmp -s "$file" "$T/orig"
check "newer: its mode too (0644)" test "$(stat -c %a "$file")" = 644
check "newer: nothing moved aside or rejected" test -z "$(ls "$dir" | grep -v '^progress\.\(log\|lock\)$')"
