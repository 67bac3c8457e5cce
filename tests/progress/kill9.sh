#!/bin/sh
# kill9.sh - kill -9 a tight save loop at random moments, 200 times: after
# every kill progress.log reads back whole and has lost no finished save.
# The one line it may hold cut short is the save the kill interrupted: a
# write that crosses a page boundary stops at it when SIGKILL is pending
# (the kernel copies page by page), as a power cut would; the loader sets
# that line aside, so the test only counts it.
# Every other run compacts the journal after each save, so kills may land
# in the middle of compactions too; how many do depends on the machine's
# speed, so the count is only reported. What a kill in the middle of a
# compaction leaves is tested without chance: savetool --die-compacting is
# killed inside the compaction itself, with half of the new journal or all
# of it written to the temp file.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
dir=$XDG_STATE_HOME/rollwise
file=$dir/progress.log
KILLS=${KILLS:-200}

# attempts=N from a summary line: every finished save added one attempt.
attempts() { sed -n 's/.*attempts=\([0-9]*\).*/\1/p'; }
temps() { ls -A "$dir" | grep -c '^progress\.log\.tmp-'; }
# A delay of 0 to 29 ms.
delay() { printf '0.0%02d' "$(( $(od -An -N1 -tu1 /dev/urandom) % 30 ))"; }

"$tool" save -n 1 -q k -m 10 >/dev/null
check "a first save makes the file" test -f "$file"

# saved SIZE: wait (20 s at most) until progress.log has changed from SIZE
# bytes, that is until a save of this run has been written.
saved() {
	n=0
	while [ "$(stat -c %s "$file")" = "$1" ] && [ $n -lt 20000 ]; do
		sleep 0.001; n=$((n + 1))
	done
}

# Half the kills come a random moment after the start (startup, lock, load
# or a save, depending on how busy the machine is), half a random moment
# after the first save of the run has finished, inside the save loop
# whatever the machine's speed.
bad=0 lost=0 midcompact=0 torn=0 prev=1 i=0
while [ "$i" -lt "$KILLS" ]; do
	size=$(stat -c %s "$file")
	compact=
	[ $((i % 4)) -ge 2 ] && compact=--compact
	"$tool" save -n 0 -q k -m 10 $compact >/dev/null 2>&1 &
	pid=$!
	[ $((i % 2)) -eq 1 ] && saved "$size"
	sleep "$(delay)"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	# a temp file left behind means the kill landed while compacting
	[ "$(temps)" -gt 0 ] && midcompact=$((midcompact + 1))
	if out=$("$tool" parse --torn-ok "$file" 2>&1) && n=$(echo "$out" | attempts) &&
	   [ -n "$n" ]; then
		[ "$n" -lt "$prev" ] && lost=$((lost + 1))
		case $out in torn=1*) torn=$((torn + 1)) ;; esac
		prev=$n
	else
		bad=$((bad + 1))
		echo "# kill $i: the file is missing or does not read back whole"
	fi
	i=$((i + 1))
done
echo "# $KILLS kills, $prev saves finished in all, $midcompact kills landed in a compaction, $torn cut the line being written"
check "progress.log exists and reads back whole (but the line being written) after each of $KILLS kills" test "$bad" -eq 0
check "no finished save was lost to a kill" test "$lost" -eq 0

# Kills inside a compaction, at a known point: the saves before it are all
# there, the old journal is whole, and the temp file is left for the next
# load to sweep.
for mode in half whole half whole half whole; do
	before=$("$tool" parse --torn-ok "$file" | attempts)
	n=$(( $(od -An -N1 -tu1 /dev/urandom) % 5 + 1 ))
	rm -f "$dir"/progress.log.tmp-*
	"$tool" save -n "$n" -q k -m 10 --die-compacting "$mode" >/dev/null 2>&1
	rc=$?
	check "killed in a compaction ($mode of the new journal written): SIGKILL" test "$rc" -eq 137
	check "killed in a compaction ($mode written): a temp file is left" test "$(temps)" -gt 0
	after=$("$tool" parse "$file" | attempts)
	check "killed in a compaction ($mode written): the journal reads back whole with all $n saves" \
		test "$after" -eq $((before + n))
	prev=$after
done

timeout 30 "$tool" save -n 1 -q k -m 10 >/dev/null
check "a kill never leaves the lock held" test $? -eq 0
check "the next load removes the temp files killed compactions left" test "$(temps)" -eq 0
size=$(wc -c <"$file")
echo "# progress.log is $size bytes after $prev saves"
check "the journal stays small however many saves (compaction)" test "$size" -lt 131072
