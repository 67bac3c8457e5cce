#!/bin/sh
# corrupt.sh - an empty, truncated, binary or newer-version progress.yaml is
# moved aside with a one-time notice and a fresh start; it is never written over.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
dir=$XDG_STATE_HOME/rollwise
file=$dir/progress.yaml

parses() { "$tool" parse "$1" >/dev/null 2>&1; }

"$tool" save -n 5 >/dev/null
cp "$file" "$T/good"

for kind in empty truncated binary version; do
	rm -f "$dir"/progress.yaml*
	case $kind in
	empty) : >"$file"; why="the file is empty" ;;
	truncated) head -c "$(($(wc -c <"$T/good") / 2))" "$T/good" >"$file"; why="line" ;;
	binary) { printf '\177ELF\002\001\001'; head -c 300 /dev/urandom; } >"$file"
		why="not allowed" ;;
	version) printf 'rollwise-progress: 99\nlessons: {}\n...\n' >"$file"
		why="format version 99" ;;
	esac
	cp "$file" "$T/orig"
	"$tool" load >"$T/out" 2>&1; rc=$?
	check "$kind: loading still works" test "$rc" -eq 0
	check "$kind: a notice names the kept copy" grep -q '^notice: .*progress\.yaml\.corrupt-' "$T/out"
	check "$kind: the notice says what was wrong" grep -q "^notice: .*$why" "$T/out"
	check "$kind: progress starts afresh" grep -q '^lessons=0 ' "$T/out"
	check "$kind: the bad file is no longer in place" test ! -e "$file"
	aside=$(ls "$dir" | grep '^progress\.yaml\.corrupt-[0-9]\{8\}T[0-9]\{6\}Z$')
	check "$kind: kept byte for byte as progress.yaml.corrupt-<UTC time>" cmp -s "$dir/$aside" "$T/orig"
	"$tool" load >"$T/out2" 2>&1
	check "$kind: the notice comes once" test -z "$(grep notice "$T/out2")"
	"$tool" save -n 1 >/dev/null
	check "$kind: a fresh file is saved" parses "$file"
	check "$kind: the kept copy is still there" cmp -s "$dir/$aside" "$T/orig"
done
