#!/bin/sh
# run.sh - the benchmarks: prints a table and writes docs/benchmarks.md with
# the machine it ran on. Figures only; nothing here passes or fails on time.
#
#   load     load and validate 1,000 generated courses, against a bare
#            libyaml event scan of the same files (CPU time, median; and
#            instructions, counted by callgrind)
#   bytes    bytes and write() calls to an 80x24 terminal per action, against
#            a forced full repaint (Ctrl-L) of the same screen; full-screen
#            clears
#   start    time to the first frame and peak memory, bundled lessons and
#            1,000 courses; instructions to the first frame (callgrind)
#   idle     CPU time used in 10 s at the menu
#   hostile  rollwise check on the hostile inputs of tests/e2e/hostile.sh
#            (tests/tools/hostile_cases.py), each growing case at n and 4n
#   class    rollwise report on a folder of 1,000 generated hand-ins
#            (tests/tools/make_handins.py; needs root and a mount namespace,
#            for files of 1,000 owners)
#   progress the journal (bench/progress): bytes and fsyncs per answer,
#            page-turn time against the size of the history, a simulated
#            year of daily use, the CPU time to load a year's progress
#
# make bench sets ROLLWISE_BIN (the program), BENCH_BUILD (yamlscan,
# loadtime and ptydrive) and MEASURE (tests/tools/measure). BENCH_REPS
# repetitions (default 7) give medians.
set -u
: "${ROLLWISE_BIN:?}" "${BENCH_BUILD:?}" "${MEASURE:?}"
R=$ROLLWISE_BIN
B=$BENCH_BUILD
REPS=${BENCH_REPS:-7}
top=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/rollwise-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# field KEY: the value of KEY=... on the first input line.
field() { head -1 | tr ' ' '\n' | sed -n "s/^$1=//p"; }

echo "rollwise benchmarks ($REPS repetitions, medians); load average $load_before" >&2

# --- load: 1,000 courses, against a bare libyaml scan ---
python3 "$top/bench/gencorpus.py" "$W/corpus" 1000
corpus_bytes=$(cat "$W"/corpus/*.yaml | wc -c)
# (200 files a check: one loads at most 8 MiB of courses, the corpus is more)
corpus_q=$(ls "$W"/corpus/*.yaml | xargs -n 200 "$R" check 2>&1 |
	sed -n 's/^[0-9]* courses, \([0-9]*\) questions.*/\1/p' | awk '{ s += $1 } END { print s }')
: >"$W/scan" >"$W/load"
i=0
while [ $i -lt "$REPS" ]; do
	"$B/yamlscan" "$W"/corpus/*.yaml >>"$W/scan" || exit 1
	"$B/loadtime" "$W"/corpus/*.yaml >>"$W/load" || exit 1
	i=$((i + 1))
done
scan_cpu=$(cut -d' ' -f1 "$W/scan" | median)
load_cpu=$(cut -d' ' -f1 "$W/load" | median)
scan_wall=$(cut -d' ' -f2 "$W/scan" | median)
load_wall=$(cut -d' ' -f2 "$W/load" | median)
# Instructions: the same on every run and machine with these libraries.
have_valgrind=$(command -v valgrind >/dev/null 2>&1 && echo 1)
# ir CMD...: the instructions CMD runs (callgrind; empty without valgrind).
ir() {
	[ -n "$have_valgrind" ] || return 0
	valgrind --tool=callgrind --callgrind-out-file="$W/cg.ir" "$@" 2>&1 >/dev/null |
		sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
	rm -f "$W/cg.ir"
}
scan_ir=$(ir "$B/yamlscan" "$W"/corpus/*.yaml)
load_ir=$(ir "$B/loadtime" "$W"/corpus/*.yaml)

# --- hostile: the inputs hostile.sh checks, as figures ---
mkdir -p "$W/h"
hgen() { python3 "$top/tests/tools/hostile_cases.py" "$@"; }
# hrun PATH RUNS: one run of "rollwise check PATH" added to the file RUNS.
hrun() { "$MEASURE" 60 /dev/null /dev/null "$R" check "$1" >>"$2" || exit 1; }
# hsum NAME RUNS: "NAME CPU_MS WALL_MS PEAK_KIB" (medians, the largest peak).
hsum() {
	echo "$1 $(cut -d' ' -f3 "$2" | median) $(cut -d' ' -f2 "$2" | median)" \
		"$(cut -d' ' -f4 "$2" | sort -n | tail -1)" >>"$W/hostile"
}
: >"$W/hostile"
for kind in laughs scalar keys sparse; do
	hgen "$kind" "$W/h/$kind.yaml"
	: >"$W/hruns"
	i=0
	while [ $i -lt "$REPS" ]; do hrun "$W/h/$kind.yaml" "$W/hruns"; i=$((i + 1)); done
	hsum "$kind" "$W/hruns"
	echo "$kind-size $(stat -c %s "$W/h/$kind.yaml")" >>"$W/hostile"
	rm -f "$W/h/$kind.yaml"
done
# The growing cases at n and 4n, in turns, as hostile.sh runs them.
hgen --scaled >"$W/scaled"
while read -r kind name n what; do
	mkdir -p "$W/h/1" "$W/h/4"
	hgen "$kind" "$W/h/1/$name" 1
	hgen "$kind" "$W/h/4/$name" 4
	: >"$W/hruns1" >"$W/hruns4"
	i=0
	while [ $i -lt "$REPS" ]; do
		hrun "$W/h/1/$name" "$W/hruns1"
		hrun "$W/h/4/$name" "$W/hruns4"
		i=$((i + 1))
	done
	hsum "$kind-1" "$W/hruns1"
	hsum "$kind-4" "$W/hruns4"
	rm -rf "$W/h/1" "$W/h/4"
done <"$W/scaled"

# --- class: the report of 1,000 hand-ins, each owned by its trainee (a
# passwd of 1,000 logins bound over /etc/passwd in a mount namespace) ---
class_cpu= class_wall= class_rss=
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	basics="$top/lessons/basics.yaml"
	python3 "$top/tests/tools/make_handins.py" "$W/class" "$basics" --trainees 1000 --seed 3 \
		--owners-out "$W/class.owners" \
		$(python3 "$top/tests/tools/lesson_hashes.py" "$R" "$basics") >/dev/null || exit 1
	cp /etc/passwd "$W/passwd"
	awk '{ printf "%s:x:%d:%d::/nonexistent:/usr/sbin/nologin\n", $2, 30000 + NR, 30000 + NR }' \
		"$W/class.owners" >>"$W/passwd"
	awk '{ print 30000 + NR, $1 }' "$W/class.owners" | while read -r uid f; do
		chown "$uid" "$W/class/$f"
	done
	: >"$W/classruns"
	i=0
	while [ $i -lt "$REPS" ]; do
		unshare -m sh -c 'mount --bind "$0" /etc/passwd && exec "$@"' "$W/passwd" \
			"$MEASURE" 60 "$W/class.out" /dev/null "$R" --lessons "$top/lessons" \
			report "$W/class" --course basics >>"$W/classruns" || exit 1
		i=$((i + 1))
	done
	grep -q '^Course basics (version [0-9]*): 1000 trainees' "$W/class.out" || exit 1
	class_cpu=$(cut -d' ' -f3 "$W/classruns" | median)
	class_wall=$(cut -d' ' -f2 "$W/classruns" | median)
	class_rss=$(cut -d' ' -f4 "$W/classruns" | sort -n | tail -1)
	rm -rf "$W/class"
fi

# --- the terminal: a private home, the first-run notice seen once ---
export HOME="$W/home" XDG_STATE_HOME="$W/home/state" XDG_DATA_HOME="$W/home/data" \
       XDG_DATA_DIRS="$W/nodata" TERM=xterm-256color LANG=C.UTF-8 ROLLWISE_SEED=1
unset ROLLWISE_LESSONS NO_COLOR
mkdir -p "$HOME"
"$B/ptydrive" first skip='\r' end=q -- "$R" >/dev/null || exit 1

# A course with long pages, first on the menu, for scrolling
# (tests/e2e/bytes.sh checks this key script on the screen).
long="$top/tests/fixtures/long"

"$B/ptydrive" -w "$W/trace" first menu-move='\eOB' menu-move-full='\x0c' skip='\eOA' \
	skip='\r' skip='\r' scroll=j scroll-full='\x0c' page-turn=n page-turn-full='\x0c' \
	skip=z answer='\r' answer-full='\x0c' size=120x40 end=qyqqq \
	-- "$R" --lessons "$long" >"$W/actions" || exit 1
bytes() { grep "^step=$1 " "$W/actions" | field bytes; }
clears() { grep "^step=$1 " "$W/actions" | field clears; }
writes() { grep "^step=$1 " "$W/actions" | field writes; }
# The most write() calls one update took, the start and the end aside.
most_writes=$(grep -v '^step=first \|^step=end ' "$W/actions" |
	sed -n 's/.* writes=\([0-9]*\).*/\1/p' | sort -n | tail -1)
# Clears in every step but the start, Ctrl-L (asked for) and the resize.
other_clears=$(grep -v '^step=first \|-full \|^step=size ' "$W/actions" |
	sed -n 's/.* clears=\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')

# --- start: first frame and peak memory with the bundled lessons ---
# A start takes unchanged courses from the cache in the state folder
# (src/core/cache.h); the first start after a course or rollwise changed
# parses them. Both are measured: "cold" runs remove the cache first.
nocache() { rm -f "$XDG_STATE_HOME/rollwise/courses.cache"; }
: >"$W/first" >"$W/rss" >"$W/firstcold"
i=0
while [ $i -lt "$REPS" ]; do
	nocache
	"$B/ptydrive" first end=q -- "$R" >"$W/run" || exit 1
	grep '^step=first' "$W/run" | field ms >>"$W/firstcold"
	i=$((i + 1))
done
first_cold_ms=$(median <"$W/firstcold")
i=0
while [ $i -lt "$REPS" ]; do
	"$B/ptydrive" first end=q -- "$R" >"$W/run" || exit 1
	grep '^step=first' "$W/run" | field ms >>"$W/first"
	grep '^step=end' "$W/run" | field peak_rss_kib >>"$W/rss"
	i=$((i + 1))
done
first_ms=$(median <"$W/first")
first_range=$(range <"$W/first")
rss_kib=$(median <"$W/rss")
base_rss=$("$B/ptydrive" end= -- "$R" --version | field peak_rss_kib)
libc_rss=$("$B/ptydrive" end= -- true | field peak_rss_kib)
courses=$(ls "$top"/lessons/*.yaml | wc -l)
# Instructions to the first frame: callgrind dumps its counts after each
# doupdate; every part but the last (quitting) is the way to the first frame.
first_ir=
first_ir_cold=
start_ir() {
	"$B/ptydrive" -q 1000 first end=q -- valgrind --tool=callgrind --log-file="$W/vg.log" \
		--dump-after=doupdate_sp --callgrind-out-file="$W/cg.start" "$R" >/dev/null || exit 1
	cat "$W"/cg.start.* 2>/dev/null | sed -n 's/^summary: //p' |
		awk '{ s += $1 } END { if (NR) print s }'
	rm -f "$W"/cg.start*
}
if [ -n "$have_valgrind" ]; then
	nocache
	first_ir_cold=$(start_ir)
	first_ir=$(start_ir)
fi
# The first frame with the 1,000 courses of the load benchmark beside them.
: >"$W/first1k" >"$W/first1kcold"
for cold in yes no; do
	i=0
	while [ $i -lt "$REPS" ]; do
		[ $cold = no ] || nocache
		"$B/ptydrive" -q 300 first end=q -- "$R" --lessons "$W/corpus" >"$W/run" || exit 1
		grep '^step=first' "$W/run" | field ms >>"$W/first1k$( [ $cold = no ] || echo cold)"
		i=$((i + 1))
	done
done
first1k_cold_ms=$(median <"$W/first1kcold")
first1k_ms=$(median <"$W/first1k")
first1k_range=$(range <"$W/first1k")
loaded1k=$("$R" --lessons "$W/corpus" list 2>/dev/null | grep -c '^course-')

# --- idle: 10 s at the menu ---
"$B/ptydrive" first idle=10 end=q -- "$R" >"$W/idle" || exit 1
idle=$(grep '^step=idle' "$W/idle")
idle_us=$(echo "$idle" | field cpu_us)
idle_ticks=$(echo "$idle" | field cpu_ticks)
idle_bytes=$(echo "$idle" | field bytes)
idle_wakeups=$(echo "$idle" | field wakeups)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- progress: the journal ---
ROLLWISE_LESSONS="$top/lessons" "$B/progress" "$W/progress" >"$W/prog" || exit 1
pf() { tr ' ' '\n' <"$W/prog" | sed -n "s/^$1=//p"; }
pt0=$(pf page_turn_ms_0) pt10=$(pf page_turn_ms_10000) pt80=$(pf page_turn_ms_80000)
held10=$(pf page_turn_held_10000) held80=$(pf page_turn_held_80000)
pt_ratio=$(printf '%s\n%s\n%s\n' "$pt0" "$pt10" "$pt80" | sort -n |
	awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f", (lo > 0 ? hi / lo : 0) }')

# --- the table ---
kib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
mega() { awk -v n="$1" 'BEGIN { printf "%.1f M", n / 1e6 }'; }
# verdict FIGURE LIMIT: "hit" when FIGURE <= LIMIT, "missed" above it, "-"
# without a figure. Words beside the figures, never an exit status.
verdict() { awk -v f="$1" -v l="$2" 'BEGIN { print f == "" ? "-" : (f + 0 <= l + 0 ? "hit" : "missed") }'; }
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
act() { # NAME LABEL [LIMIT]
	row "$2" "$(bytes "$1") bytes in $(writes "$1") write()" \
		"full repaint $(bytes "$1-full") bytes, ratio $(ratio "$(bytes "$1")" "$(bytes "$1-full")")" \
		"${3:+<= $3 bytes: $(verdict "$(bytes "$1")" "$3")}"
}
table() {
	row "Measure" "Result" "Against" "Target"
	row "---" "---" "---" "---"
	load_ratio=$(ratio "$load_cpu" "$scan_cpu")
	row "Load + validate $(ls "$W/corpus" | wc -l) courses, $corpus_q questions, $(kib $((corpus_bytes / 1024)))" \
		"$load_cpu ms CPU ($load_wall ms wall)" \
		"bare libyaml scan $scan_cpu ms CPU ($scan_wall ms wall): ratio $load_ratio" \
		"ratio <= 1.3: $(verdict "$load_ratio" 1.3)"
	ir_ratio=$(ratio "$load_ir" "$scan_ir")
	row "Load + validate, instructions (callgrind)" "$(mega "$load_ir")" \
		"bare libyaml scan $(mega "$scan_ir"): ratio $ir_ratio" \
		"ratio <= 1.25: $(verdict "${load_ir:+$ir_ratio}" 1.25)"
	row "First frame (menu, 80x24)" "$(bytes first) bytes in $(writes first) write(), $(clears first) clear" "" "at start only"
	row "write() calls per screen update (most, over the actions below)" "$most_writes" "" \
		"<= 2: $(verdict "$most_writes" 2)"
	act menu-move "Menu move (Down)" 80
	act scroll "One-line scroll (j, reader)" 60
	act page-turn "Page turn (n, reader)"
	act answer "Answer a question (Enter, quiz)"
	row "Resize to 120x40 (quiz)" "$(bytes size) bytes in $(writes size) write(), $(clears size) clear" "" "clear allowed"
	row "Full-screen clears outside start, resize, Ctrl-L" "$other_clears" "" "0: $(verdict "$other_clears" 0)"
	row "Instructions to the first frame, bundled lessons ($courses courses), courses unchanged since the last start" "$(mega "$first_ir")" \
		"the first start, no cache yet: $(mega "$first_ir_cold"); before this work (fc65775): 35.4 M" \
		"<= 12 M: $(verdict "${first_ir:+$(awk -v n="$first_ir" 'BEGIN { print n / 1e6 }')}" 12)"
	row "Time to first frame, bundled lessons ($courses courses), unchanged since the last start" "$first_ms ms (range $first_range)" \
		"the first start, no cache yet: $first_cold_ms ms" "<= 20 ms: $(verdict "$first_ms" 20)"
	row "Time to first frame, with the $(ls "$W/corpus" | wc -l) courses of the load benchmark ($loaded1k loaded: at most 8 MiB of courses), unchanged since the last start" \
		"$first1k_ms ms (range $first1k_range)" "the first start, no cache yet: $first1k_cold_ms ms" "< 100 ms: $(verdict "$first1k_ms" 99.99)"
	row "Peak RSS, bundled lessons" "$(kib "$rss_kib")" \
		"rollwise --version $(kib "$base_rss"), true(1) $(kib "$libc_rss")" "<= 4 MiB"
	row "Idle 10 s at the menu" "$idle_us us CPU ($idle_ticks ticks), $idle_bytes bytes, $idle_wakeups wakeups" "" "0"
	if [ -n "$class_cpu" ]; then
		row "Class report of 1,000 hand-ins (basics, generated by make_handins.py)" \
			"$class_cpu ms CPU ($class_wall ms wall), peak $(kib "$class_rss")" "" \
			"well under a second: $(verdict "$class_cpu" 999.99)"
	else
		row "Class report of 1,000 hand-ins" "- (needs root and a mount namespace)" "" \
			"well under a second: -"
	fi
	row "Progress: one answer saved" \
		"$(pf answer_bytes) bytes in $(pf answer_writes) write, $(pf answer_fsyncs) fsync" \
		"release 1: the whole file, two fsyncs" "<= 512 bytes"
	row "Progress: page turn with 0, 10k, 80k answers in the history" \
		"$pt0, $pt10, $pt80 ms (medians of 201; $held10 and $held80 answers held)" \
		"largest / smallest: $pt_ratio" "ratio <= 1.3: $(verdict "$pt_ratio" 1.3)"
	row "Progress: a simulated year ($(pf year_days) days: a lesson, its quiz, the reviews; $(pf year_answers) answers, $(pf year_pages) page turns)" \
		"file $(($(pf year_size) / 1024)) KiB (at most $(($(pf year_max_size) / 1024)) KiB), $(awk -v b="$(pf year_bytes)" 'BEGIN { printf "%.1f", b / 1048576 }') MiB written, $(pf year_fsyncs) fsyncs, $(pf year_compactions) compactions" \
		"release 1: 1.17 GB written" "<= 400 KiB, <= 20 MiB"
	row "Progress: loading a year's progress" "$(pf year_load_cpu_ms) ms CPU (median of 21)" "" "<= 5 ms"
}
table >"$W/table"
cat "$W/table"

# hfig NAME FIELD: a figure of a hostile case (2 CPU, 3 wall, 4 peak KiB).
hfig() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$W/hostile"; }
hrow() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
htable() {
	hrow "Case" "Size" "CPU (wall)" "At 4n: CPU (wall), against n" "Peak RSS"
	hrow "---" "---" "---" "---" "---"
	for kind in laughs scalar keys sparse; do
		case $kind in
		laughs) what="billion laughs: nine levels of nine aliases" ;;
		scalar) what="one long scalar, refused by size" ;;
		keys) what="a million keys, refused by size" ;;
		sparse) what="a sparse file, refused by size" ;;
		esac
		hrow "$what" "$(hfig "$kind-size" 2 | awk '{ printf "%.0f bytes", $1 }')" "$(hfig "$kind" 2) ms ($(hfig "$kind" 3) ms)" "" "$(kib "$(hfig "$kind" 4)")"
	done
	while read -r kind name n what; do
		hrow "$what ($name)" "n = $n" "$(hfig "$kind-1" 2) ms ($(hfig "$kind-1" 3) ms)" \
			"$(hfig "$kind-4" 2) ms ($(hfig "$kind-4" 3) ms): ratio $(ratio "$(hfig "$kind-4" 2)" "$(hfig "$kind-1" 2)")" \
			"$(kib "$(hfig "$kind-4" 4)")"
	done <"$W/scaled"
}
htable >"$W/htable"
cat "$W/htable"

# --- docs/benchmarks.md ---
cc_version=$(${CC:-cc} --version 2>/dev/null | head -1)
clang_version=$(clang --version 2>/dev/null | head -1)
cat >"$top/docs/benchmarks.md" <<EOF
# Benchmarks

Generated by \`make bench\` (bench/run.sh); figures, not tests. Medians of
$REPS runs. Load times are CPU time of the process (CLOCK_PROCESS_CPUTIME_ID),
which a busy machine does not inflate much; wall time is shown beside them.
Terminal figures come from bench/ptydrive, which runs rollwise in a
pseudo-terminal (TERM=xterm-256color, LANG=C.UTF-8) and counts every byte
until the output has been quiet for 150 ms.

## Machine

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- System: $(uname -a)
- CPU: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(nproc) cores
- Load average: $load_before before, $load_after after
- Compilers: $cc_version; ${clang_version:-no clang}
- Libraries: libyaml $(pkg-config --modversion yaml-0.1 2>/dev/null), ncurses $(pkg-config --modversion ncursesw 2>/dev/null)

## Results

$(cat "$W/table")

## Hostile inputs

\`rollwise check\` on the course files tests/e2e/hostile.sh feeds it
(written by tests/tools/hostile_cases.py): medians of $REPS runs of CPU time
(user + system) with wall time beside it, and the largest peak RSS. The
cases that grow are run at n and 4n, in turns: a cost that grows with the
input gives a ratio near 4 (less where process start is much of it), a
quadratic one near 16. The test asserts only that ratio (at most 10, on the
least of 3 runs of each) and the peak memory, never a time.

$(cat "$W/htable")

## What the figures measure

- Load: bench/loadtime calls course_load (read, the UTF-8 and
  control-character scan, libyaml events, the model, validation, which
  counts each page's lines at 78 columns without laying them out) on every
  file of a corpus from bench/gencorpus.py; bench/yamlscan reads the same
  files and runs yaml_parser_parse over them, doing nothing else. The
  instructions are callgrind's count for the whole run of each: the same on
  any machine with these libraries, where CPU time moves with the load.
- Bytes: "full repaint" is Ctrl-L on the same screen right after the action
  (clearok and a whole redraw), so the ratio is what the minimal update saves.
  write() calls are counted by strace (bench/ptydrive -w) on the program's
  writes to its terminal: each is a packet over SSH. The key script is the
  one tests/e2e/bytes.sh reads on the screen (course tests/fixtures/long).
- First frame: from the spawn to the last byte of the first frame. Its
  instructions: callgrind, from the start to the end of the doupdate that
  draws it.
- Peak RSS: ru_maxrss of the child. rollwise --version loads the same
  libraries (libc, ncursesw, tinfo, libyaml) and does nothing: that is the
  floor a C program with these libraries starts at.
- Idle: CPU time from /proc/PID/schedstat (and /proc/PID/stat ticks),
  bytes written and voluntary context switches (wakeups) in 10 s at the menu.
- Class report: \`rollwise report\` on a folder of 1,000 hand-ins of the
  basics course from tests/tools/make_handins.py (each trainee's files a
  few KiB: pages, quiz attempts, retakes, reviews), every file owned by the
  login it is named after; CPU time (user + system) and peak RSS of the
  whole run, the text report written to a file.
- Progress (bench/progress, through the store's own counters): one answer is
  the bytes, write() calls and fsyncs of its save. A page turn is the wall
  time of progress_visit and its save, with a history of 0, 10,000 and
  80,000 answers written as a compacted journal: ten answers a question in
  20-question lessons, so the cap of 20 kept answers a question keeps every
  one (the row says how many the load held). A turn costs some microseconds
  and is not fsynced (turns are synced in batches); the three histories are
  measured in turns, 201 rounds, so that the machine's busy moments fall on
  all three alike (measured one after the other, the ratio moved from 1.0
  to 1.55 with the noise). The year runs 365 days, each
  a new session: the next lesson of the bundled courses page by page, its
  quiz (four answers in five right), then every review question due (nine in
  ten right); the figures are the journal's size at the end and at its
  largest, and every byte, write and fsync of the year, compactions
  included. Loading is the CPU time of store_load on the year's journal.

## What limits them

- Load: past the libyaml scan itself, the model's allocations and copies
  (each scalar is copied out of libyaml's event, each item grows an array)
  and validation's line count. The scan before libyaml reads printable
  ASCII 8 bytes at a time, and a scalar's characters are checked again only
  when it is double-quoted (escapes). The CPU-time ratio is above the
  instruction ratio and moves with the machine's load (from 1.2 to 1.6 on a
  shared two-core machine): the model's small allocations and the strings
  it keeps cost more time per instruction than the scan, which frees each
  event at once. The instruction ratio is the steady figure.
- First frame: two clears, one of them from the round trip through endwin
  below (about 20 bytes, once).
- write() calls: one per update. ncurses 6.4 flushes at every cursor move
  until curses mode has been left once; the tutor does that once before
  its first frame (src/tui/tui.c). A screen larger than ncurses' buffer,
  (rows + 2) x (columns + 6) bytes, may take a second.
- Menu move: only the selected item's first row is reversed, its '>' in the
  same run, and an unselected item's marker column takes its first row's
  attributes, so a move rewrites two title rows with one attribute change
  each (an attribute change costs 9 to 11 bytes on xterm): about 36 bytes
  and the two titles. Between longer titles further down the menu it is 80
  to 92 bytes.
- One-line scroll: ncurses scrolls with the terminal's scroll region (22
  bytes); the percentage is at the end of the page heading's row in plain
  attributes (a digit or two and a cursor move, 8 to 9 bytes), and the
  arrows for more above and below are on the rows just outside the text,
  so they do not move with it. The rest is the cursor back on the heading
  (6), the attribute reset (6) and the new line's own text (up to 78):
  the first j draws the arrow for more above (15) and brings in a blank
  row; further down a scroll is 32 bytes for a blank row, up to 120 for a
  full one.
- Instructions and time to the first frame: every course is read and
  validated at start. libyaml's parse of the bundled courses (140 KiB) is
  about 19.5 M instructions alone, and with 1,000 courses the start reads
  8 MiB of them. Below 12 M, and 100 ms at 1,000 courses, needs the menu's
  fields read first and each course's lessons when it is opened (lazy
  loading in src/core/catalog.c).
EOF
echo "wrote docs/benchmarks.md" >&2
