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
