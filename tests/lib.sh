# lib.sh - helpers for the shell tests; source it. Each check prints a TAP line.
# $ROLLWISE_BIN is the program under test; $BUILD the build dir (tools in $BUILD/tools).
set -u
: "${ROLLWISE_BIN:?}" "${ROLLWISE_TESTS:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/rollwise-test.XXXXXX")
# A private home so no test sees the user's progress or lessons.
export HOME="$T/home" XDG_STATE_HOME="$T/home/.local/state" \
       XDG_DATA_HOME="$T/home/.local/share" XDG_DATA_DIRS="$T/nodata"
mkdir -p "$HOME"
unset ROLLWISE_LESSONS NO_COLOR
SOCK="$T/tmux.0.sock"
SOCKS=0
# For runs that end in a hang-up: under ASan, LeakSanitizer's exit-time check
# can deadlock when the kernel's second SIGHUP/SIGCONT to the process group
# lands on its tracer, leaving a process spinning. Leaks on the normal exit
# path are still checked by every other test; these runs skip only that.
HANGUP="ASAN_OPTIONS=detect_leaks=0"
cleanup() {
	tend
	rm -rf "$T" 2>/dev/null || { sleep 0.5; rm -rf "$T"; }
}
trap cleanup EXIT

ok()   { echo "ok - $*"; }
fail() { echo "not ok - $*"; }
# skip DESC REASON: a check that cannot run here; run.sh counts it as skipped.
skip() { echo "ok - $1 # SKIP $2"; }
# check DESC CMD...: ok when CMD succeeds.
check() { d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }

# tmux helpers: private servers, a new one (and socket) at each tstart.
tm() { tmux -S "$SOCK" "$@"; }
# tstart COLSxROWS CMD: start CMD in a fresh session "t" of that size; its
# exit status is shown as "[exited N]" and added to the file $EXITS if set.
# tend: end the program in session "t" with SIGTERM while its terminal is
# still there, then the server; a bare kill-server would be a hang-up.
tend() {
	pp=$(tm list-panes -t t -F '#{pane_pid}' 2>/dev/null) || return 0
	if pkill -TERM -P "$pp" 2>/dev/null; then
		# Until it says it exited, or the pane is gone: when the program
		# had already ended, the signal ended the pane's "sleep 30" and
		# with it the pane and the server.
		n=0
		while [ $n -lt 200 ]; do
			s=$(screen 2>/dev/null) || break
			case $s in *'[exited'*) break ;; esac
			sleep 0.05; n=$((n + 1))
		done
	fi
	tm kill-server 2>/dev/null
}
tstart() {
	size=$1; shift
	tend
	# A new server on a socket of its own: one started on the old socket
	# while the old server was still exiting failed now and then on a busy
	# machine ("server exited unexpectedly").
	SOCKS=$((SOCKS + 1))
	SOCK="$T/tmux.$SOCKS.sock"
	tm -f /dev/null new-session -d -s t -x "${size%x*}" -y "${size#*x}" \
		"env TERM=${TTERM:-screen-256color} $*; st=\$?; echo \$st >>${EXITS:-/dev/null}; echo '[exited '\$st']'; sleep 30"
}
screen() { tm capture-pane -p -t t; }
# tpid: the pid of the rollwise started in session "t": a child of the pane's
# own shell, never the newest rollwise on the machine (other people run it).
tpid() {
	pp=$(tm list-panes -t t -F '#{pane_pid}' 2>/dev/null) || return 1
	n=0
	while [ $n -lt 200 ]; do
		p=$(pgrep -x -P "$pp" rollwise | head -n 1)
		[ -n "$p" ] && { echo "$p"; return 0; }
		sleep 0.05; n=$((n + 1))
	done
	echo "# no rollwise under the pane's shell ($pp)" >&2
	return 1
}
# gone PID: the process has exited (or is a zombie waiting to be reaped).
gone() { st=$(ps -o stat= -p "$1"); [ -z "$st" ] || [ "${st#Z}" != "$st" ]; }
# waitgone PID [SECONDS]: wait until PID is gone; 0 when it is.
waitgone() {
	n=$(( ${2:-20} * 20 ))
	while ! gone "$1"; do
		[ "$n" -gt 0 ] || return 1
		sleep 0.05; n=$((n - 1))
	done
}
keys() { tm send-keys -t t "$@"; }
# waitfor TEXT [SECONDS]: wait until TEXT is on screen; 0 when it appears.
# The default is generous: a loaded machine or a sanitizer build is slow, and
# a passing run never waits longer than it must.
waitfor() {
	n=$(( ${2:-20} * 20 ))
	while [ "$n" -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
		n=$((n - 1))
	done
	echo "# timed out waiting for: $1"; screen | sed 's/^/# |/'
	[ -n "${WAITLOG:-}" ] && echo "$0: $1" >>"$WAITLOG"
	return 1
}
# eventually CMD...: CMD succeeds within 20 s (tried every 50 ms), for what
# a key changes that waitfor cannot see (the cursor's place).
eventually() {
	n=400
	while ! "$@"; do
		[ "$n" -gt 0 ] || return 1
		sleep 0.05; n=$((n - 1))
	done
}
# onscreen TEXT: TEXT is on the screen now.
onscreen() { screen | grep -qF -- "$1"; }
# advance TEXT [MAX] [KEY]: press KEY (Enter) until TEXT is on screen, at
# most MAX (10) times; the number of presses is left in $presses. Each press
# waits for the one before to show (the screen changed, then stopped
# changing), however slow the program: a press sent on a guessed sleep could
# land on the next screen (an answer, the menu) when the program was late.
advance() {
	presses=0
	while ! onscreen "$1"; do
		[ "$presses" -lt "${2:-10}" ] || return 1
		adv_before=$(tm capture-pane -e -p -t t)
		keys "${3:-Enter}"
		presses=$((presses + 1))
		eventually changed_from "$adv_before" || return 1
		stable
	done
}
changed_from() { [ "$(tm capture-pane -e -p -t t)" != "$1" ]; }

# stable: wait until two captures 0.1 s apart are the same.
stable() {
	a=$(tm capture-pane -e -p -t t); n=0
	while sleep 0.1; b=$(tm capture-pane -e -p -t t); [ "$a" != "$b" ] && [ $n -lt 50 ]; do
		a=$b; n=$((n + 1))
	done
}
# golden NAME TEXT: once TEXT is on screen, the whole screen (text and
# attributes) must equal tests/golden/NAME-$size.ref; UPDATE_GOLDENS=1
# rewrites it ("make goldens").
golden() {
	ref="$ROLLWISE_TESTS/golden/$1-$size.ref"
	waitfor "$2" >/dev/null
	stable
	tm capture-pane -e -p -t t >"$T/shot"
	if [ -n "${UPDATE_GOLDENS:-}" ]; then
		cp "$T/shot" "$ref"
		ok "$1 at $size: written"
	elif [ ! -f "$ref" ]; then
		fail "$1 at $size: no golden $ref (run make goldens)"
	elif cmp -s "$T/shot" "$ref"; then
		ok "$1 at $size matches its golden"
	else
		fail "$1 at $size differs from its golden:"
		diff "$ref" "$T/shot" | cat -v | sed 's/^/# /' | head -20
	fi
}
