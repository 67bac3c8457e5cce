#!/bin/sh
# smoke.sh [SECONDS] - runs every fuzz target for SECONDS (default 30), all at
# once, and prints one TAP line per target with its figures, then
# "N passed, N failed". A target passes when it ran the whole time without a
# crash, leak, timeout or out-of-memory. make fuzz-smoke and make fuzz run it.
#
# FUZZ_BUILD is the build dir holding fuzz_* and progress_seeds (build/fuzz).
# Each target keeps its corpus in tests/fuzz/corpus-NAME/ (ignored by git,
# grown run after run) and reads seeds made fresh in FUZZ_BUILD/seeds-NAME/:
# the bundled lessons, the test fixtures and the documented example for
# courses (cut to the 8 KiB inputs are kept to, so runs stay fast), progress
# files written by store_format for progress; and for both the inputs that
# once crashed them (tests/fuzz/regress/NAME-*, replayed first). New crashing
# inputs go to FUZZ_BUILD.
set -u
: "${FUZZ_BUILD:?FUZZ_BUILD must name the fuzz build dir}"
secs=${1:-30}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
B=$FUZZ_BUILD

seeds() { # NAME: fills $B/seeds-NAME
	d=$B/seeds-$1
	rm -rf "$d"
	mkdir -p "$d"
	case $1 in
	course)
		find "$top/lessons" "$top/tests/fixtures" -name '*.yaml' -type f |
		while read -r f; do
			cp "$f" "$d/$(echo "$f" | sed "s|^$top/||; s|/|_|g")"
		done
		awk '/^```yaml/{f=1;next}/^```/{f=0}f' "$top/docs/lesson-format.md" \
			>"$d/docs_example.yaml" ;;
	progress)
		"$B/progress_seeds" "$d" ;;
	flow)	# journals, then a separator and some operations
		"$B/progress_seeds" "$d"
		for f in "$d"/journal-*; do
			{ cat "$f"; printf '\377'; printf '\000\001\002\002\001\000\004\002\003\000\004\005\001\007\004'; } >"$f.ops"
		done
		printf '\377\001\002\001\000\004\006\003\001' >"$d/review-ops" ;;
	esac
}

# stat LOG KEY: the value after "KEY: " on libFuzzer's last status line.
stat() { grep -E '^#[0-9]+' "$1" | tail -1 | sed -n "s/.* $2: \([^ ]*\).*/\1/p"; }
final() { sed -n "s/^stat::$2: *//p" "$1" | tail -1; }

for t in course progress flow; do
	seeds "$t" || { echo "not ok - fuzz_$t: could not make the seeds"; exit 1; }
	mkdir -p "$here/corpus-$t"
	cp "$here/regress/$t-"* "$B/seeds-$t/" 2>/dev/null
	rm -f "$B/$t.status"
	(
		start=$(date +%s)
		"$B/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
			-max_len=8192 -dict="$here/yaml.dict" -artifact_prefix="$B/$t-" \
			-print_final_stats=1 "$here/corpus-$t" "$B/seeds-$t" \
			>"$B/$t.log" 2>&1
		echo "$? $(($(date +%s) - start))" >"$B/$t.status"
	) &
done

passed=0
failed=0
wait
for t in course progress flow; do
	read -r st took <"$B/$t.status"
	log=$B/$t.log
	runs=$(final "$log" number_of_executed_units)
	rate=$(final "$log" average_exec_per_sec)
	figures="${runs:-?} runs in $took s (${rate:-?}/s), cov $(stat "$log" cov), ft $(stat "$log" ft), corpus $(ls "$here/corpus-$t" | wc -l) files, peak RSS $(final "$log" peak_rss_mb) MB"
	if [ "$st" -eq 0 ] && ! grep -q '^==[0-9]*==ERROR\|^SUMMARY: \|runtime error' "$log"; then
		echo "ok - fuzz_$t: $figures"
		passed=$((passed + 1))
	else
		echo "not ok - fuzz_$t: exit $st; $figures"
		sed -n 's/.*Test unit written to /# input: /p' "$log"
		grep -A30 -m1 'ERROR\|runtime error\|deadly signal' "$log" | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
