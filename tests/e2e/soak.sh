#!/bin/sh
# soak.sh - random keys and resizes into the tutor in tmux: no crash, no
# sanitizer report, nothing on stderr, and a clean exit each time it quits.
# 20,000 keys in the sanitizer build (make check-asan, as CI runs it), 2,000
# otherwise; SOAK_KEYS overrides. The seed is printed, and SOAK_SEED repeats
# a run.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8
N=${SOAK_KEYS:-$([ "${VARIANT:-}" = asan ] && echo 20000 || echo 2000)}
SEED=${SOAK_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "# $N keys, seed $SEED (SOAK_SEED=$SEED repeats this run)"
L="--lessons $ROLLWISE_TESTS/fixtures/good"
export ROLLWISE_CLASS="$T/class"
"$ROLLWISE_BIN" class init "$T/class" >/dev/null 2>&1

# The keys, in batches of 40 with a resize now and then, from the seed.
awk -v n="$N" -v seed="$SEED" 'BEGIN {
	split("Up Down Left Right Enter Home End PPage NPage BSpace Escape C-l Tab Space " \
	      "j k g G n p s z r c h C t f y a l 1 2 3 4 5 6 7 8 9 0 ? q x", k, " ")
	nk = 0; for (i in k) nk++
	srand(seed)
	line = ""
	for (i = 1; i <= n; i++) {
		line = line " " k[int(rand() * nk) + 1]
		if (i % 40 == 0 || i == n) {
			print "keys" line; line = ""
			if (rand() < 0.25)
				printf "size %dx%d\n", 30 + int(rand() * 120), 8 + int(rand() * 45)
		}
	}
}' >"$T/script"

starts=0 bad=0 pid=
# start: the tutor in a fresh pane; its exit status goes to $T/exits.
start() {
	starts=$((starts + 1))
	EXITS=$T/exits tstart 80x24 "$ROLLWISE_BIN $L 2>>$T/stderr"
	waitfor "?: help" 30 >/dev/null || bad=$((bad + 1))
	pid=$(tpid)
}
# ended: the tutor has quit; a status other than 0 counts as bad.
ended() {
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && return 1
	waitgone "$pid" 5
	n=0
	while [ "$(wc -l <"$T/exits" 2>/dev/null || echo 0)" -lt "$starts" ] && [ $n -lt 100 ]; do
		sleep 0.05; n=$((n + 1))
	done
	st=$(tail -n 1 "$T/exits" 2>/dev/null)
	[ "$st" = 0 ] || { bad=$((bad + 1)); echo "# exit status ${st:-unknown}"; }
	return 0
}
# settle [TRIES]: wait until the screen stops changing (two captures 50 ms
# apart alike), so the keys sent have been read; at most TRIES (200) tries.
settle() {
	last= n=0
	while [ $n -lt "${1:-200}" ]; do
		now=$(screen | cksum)
		[ "$now" = "$last" ] && return 0
		last=$now
		sleep 0.05; n=$((n + 1))
	done
}
start
while read -r what rest; do
	settle 40
	ended && start
	case $what in
	keys) # shellcheck disable=SC2086
		tm send-keys -t t $rest ;;
	size) tm resize-window -t t -x "${rest%x*}" -y "${rest#*x}" ;;
	esac
done <"$T/script"
settle
ended && start
echo "# the tutor was started $starts times"
check "no start failed and every exit was clean" test "$bad" -eq 0
check "nothing on stderr (no sanitizer report, no warning)" test ! -s "$T/stderr"
[ -s "$T/stderr" ] && head -30 "$T/stderr" | sed 's/^/# /'
# The last resize may have left the window below 40x10, where the tutor asks
# for a bigger one; give it its usual size back before looking.
tm resize-window -t t -x 80 -y 24
check "after the soak the tutor still draws its screen" waitfor "?: help"
tend
