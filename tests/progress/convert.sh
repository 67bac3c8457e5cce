#!/bin/sh
# convert.sh - release 1's progress.yaml, as release 1 wrote it (files from
# its savetool: capped records, two concurrent writers, a kill -9 mid-loop;
# a real --plain session; and the '' it wrote for a time past 9999), is
# converted once to the journal with every record kept, and kept itself.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
dir=$XDG_STATE_HOME/rollwise

for f in "$ROLLWISE_TESTS"/fixtures/progress-v1/*.yaml; do
	name=$(basename "$f" .yaml)
	rm -rf "$dir"
	mkdir -p "$dir"
	chmod 700 "$dir"
	cp "$f" "$dir/progress.yaml"
	want=$("$tool" parse "$f")
	got=$("$tool" load 2>&1)
	check "$name: every record is kept ($want)" test "$got" = "$want"
	check "$name: the journal reads back whole" "$tool" parse "$dir/progress.log" >/dev/null
	check "$name: the old file is kept as it was" cmp -s "$dir/progress.yaml.converted" "$f"
	check "$name: and no longer read" test ! -e "$dir/progress.yaml"
	again=$("$tool" load 2>&1)
	check "$name: once: the next load reads the journal alone" test "$again" = "$want"
done

# One bad record (an attempt scored 101) costs only that record: the rest is
# converted, the learner is told which line, and the old file is kept.
f=$ROLLWISE_TESTS/fixtures/progress-v1/capped.yaml
rm -rf "$dir"
mkdir -p "$dir"
chmod 700 "$dir"
sed '24s/score: 60,/score: 101,/' "$f" >"$dir/progress.yaml"
cp "$dir/progress.yaml" "$T/bad.yaml"
want=$("$tool" parse "$f")
"$tool" load >"$T/out" 2>&1
check "one bad record: the rest is converted ($want)" grep -qx "$want" "$T/out"
check "one bad record: every other attempt is in the journal (51 of 52)" \
	test "$(grep -c 'ev: attempt' "$dir/progress.log")" -eq 51
check "one bad record: but not that one" test -z "$(grep 'seq: 1227,' "$dir/progress.log")"
check "one bad record: the learner is told, naming its line" \
	grep -q '^notice: 1 record of your saved progress from an older rollwise could not be read and was skipped (line 24, column [0-9]*: "score" is not a number from 0 to 100)' "$T/out"
check "one bad record: the old file is kept as it was" cmp -s "$dir/progress.yaml.converted" "$T/bad.yaml"
check "one bad record: and no longer read" test ! -e "$dir/progress.yaml"
"$tool" load >"$T/out2" 2>&1
check "one bad record: the next load has it all, told once" test "$(cat "$T/out2")" = "$want"

# Bytes that are not YAML at all cannot be converted: the file is left as it
# is, and that is told at every start, not only the first.
rm -rf "$dir"
mkdir -p "$dir"
chmod 700 "$dir"
{ head -20 "$f"; printf '  - {at: [unclosed\n'; } >"$dir/progress.yaml"
"$tool" load >"$T/out" 2>&1
check "not YAML: it is left as it is" grep -q '^notice: .*could not be converted.*left as it is' "$T/out"
"$tool" save -n 1 >/dev/null 2>&1
"$tool" load >"$T/out" 2>&1
check "not YAML: told again once a journal exists" grep -q '^notice: .*could not be converted.*left as it is' "$T/out"
check "not YAML: still there" test -e "$dir/progress.yaml"
