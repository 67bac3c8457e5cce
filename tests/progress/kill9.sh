#!/bin/sh
# kill9.sh - kill -9 a tight save loop at random moments, 200 times: after
# every kill progress.yaml exists, parses, and has lost no finished save.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
dir=$XDG_STATE_HOME/rollwise
file=$dir/progress.yaml
KILLS=${KILLS:-200}

# attempts=N from a summary line: every finished save added one attempt.
attempts() { sed -n 's/.*attempts=\([0-9]*\).*/\1/p'; }
temps() { ls -A "$dir" | grep -c '^progress\.yaml\.tmp-'; }
# A delay of 0 to 29 ms.
delay() { printf '0.0%02d' "$(( $(od -An -N1 -tu1 /dev/urandom) % 30 ))"; }

"$tool" save -n 1 -q k -m 10 >/dev/null
check "a first save makes the file" test -f "$file"

# saved INODE: wait (20 s at most) until progress.yaml is no longer INODE,
# that is until a save has been renamed into place.
saved() {
	n=0
	while [ "$(stat -c %i "$file")" = "$1" ] && [ $n -lt 20000 ]; do
		sleep 0.001; n=$((n + 1))
	done
}

# Half the kills come a random moment after the start (startup, lock, load
# or a save, depending on how busy the machine is), half a random moment
# after the first save of the run has finished, inside the save loop
# whatever the machine's speed.
bad=0 lost=0 midwrite=0 prev=1 i=0
while [ "$i" -lt "$KILLS" ]; do
	inode=$(stat -c %i "$file")
	"$tool" save -n 0 -q k -m 10 >/dev/null 2>&1 &
	pid=$!
	[ $((i % 2)) -eq 1 ] && saved "$inode"
	sleep "$(delay)"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	# a temp file left behind means the kill landed while a save was writing
	[ "$(temps)" -gt 0 ] && midwrite=$((midwrite + 1))
	if n=$("$tool" parse "$file" 2>&1 | attempts) && [ -n "$n" ]; then
		[ "$n" -lt "$prev" ] && lost=$((lost + 1))
		prev=$n
	else
		bad=$((bad + 1))
		echo "# kill $i: the file is missing or does not parse"
	fi
	i=$((i + 1))
done
echo "# $KILLS kills, $prev saves finished in all, $midwrite kills left a temp file behind"
check "progress.yaml exists and parses after each of $KILLS kills" test "$bad" -eq 0
check "no finished save was lost to a kill" test "$lost" -eq 0
check "some kills landed in the middle of a write" test "$midwrite" -gt 0

timeout 30 "$tool" save -n 1 -q k -m 10 >/dev/null
check "a kill never leaves the lock held" test $? -eq 0
check "the next save removes the temp files killed saves left" test "$(temps)" -eq 0
size=$(wc -c <"$file")
echo "# progress.yaml is $size bytes after $prev saves"
check "the file stays small however many saves (capped records)" test "$size" -lt 65536
