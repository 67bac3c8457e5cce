# defects.sh - regressions from hostile testing: closed standard descriptors,
# write errors, and terminal sizes from the environment.
. "$ROLLWISE_TESTS/lib.sh"
R="$ROLLWISE_BIN --lessons $ROLLWISE_TESTS/fixtures/good"
lock=$XDG_STATE_HOME/rollwise/progress.lock

# Closed stdin and stdout: nothing the program prints lands in a file it
# opens later (the progress lock took descriptor 1 before).
sh -c "exec <&- >&-; $R --plain" 2>"$T/err"
st=$?
check "closed stdin and stdout: exits 0 (got $st)" [ $st -eq 0 ]
check "closed stdin and stdout: the lock file stays empty" [ ! -s "$lock" ]
sh -c "exec 2>&-; $R --plain nosuch </dev/null >/dev/null"
check "closed stderr: still exits 1 for an unknown course" [ $? -eq 1 ]

# Write errors are errors (stdout on a full device), as in coreutils.
if [ -w /dev/full ]; then
	for cmd in "list" "--help" "--version" "review" "--plain"; do
		printf 'q\n' | $R $cmd >/dev/full 2>"$T/err"
		st=$?
		check "$cmd >/dev/full: exit 1 (got $st)" [ $st -eq 1 ]
		check "$cmd >/dev/full: says so" grep -q "^rollwise: write error" "$T/err"
	done
else
	skip "write errors" "no writable /dev/full here"
fi
# Out of memory ends the program through the one die(): one line, exit 1
# (it was abort(), status 134). The limit is what the program needs to start,
# found here to 128 KiB, and 512 KiB more: reading the first course file takes
# a buffer of 1 MiB at once (our allocator), more than that.
# A sanitizer build reserves terabytes of address space: it cannot run so.
if grep -qa __asan_init "$ROLLWISE_BIN"; then
	skip "out of memory" "a sanitizer build cannot run under ulimit -v"
else
	python3 "$ROLLWISE_TESTS/tools/hostile_cases.py" bigcourses "$T/big"
	kb=2048
	while [ $kb -lt 65536 ] && ! (ulimit -v $kb; "$ROLLWISE_BIN" --version) >/dev/null 2>&1; do
		kb=$((kb + 128))
	done
	for cmd in "list" "--plain"; do
		(ulimit -v $((kb + 512)); "$ROLLWISE_BIN" $cmd --lessons "$T/big" </dev/null) >"$T/out" 2>"$T/err"
		st=$?
		check "$cmd out of memory (${kb} + 512 KiB): exit 1 (got $st)" [ $st -eq 1 ]
		check "$cmd out of memory: says so, once" sh -c "[ \"\$(cat '$T/err')\" = 'rollwise: out of memory' ]"
	done
	rm -rf "$T/big"
fi

# A reader that stops early (head) is not an error to report.
$R list 2>"$T/err" | head -c 1 >/dev/null
check "list | head: nothing said on stderr" [ ! -s "$T/err" ]
# A reader gone before anything is written: plain mode's later writes fail,
# and the failure is still the closed pipe, not a write error to report.
for cmd in --plain list --help; do
	printf 'q\n' | $R $cmd 2>"$T/err" | true
	check "$cmd | a reader gone at once: nothing said on stderr" [ ! -s "$T/err" ]
done

# LINES and COLUMNS in the environment do not set the screen size: the
# terminal does (this allocated gigabytes and fell back to plain mode).
export LANG=C.UTF-8
tstart 80x24 "LINES=30000 COLUMNS=30000 $R"
check "LINES=COLUMNS=30000: the tutor draws at the terminal's size" waitfor "Enter: open"
check "LINES=COLUMNS=30000: the key bar is on the terminal's last line" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'Enter: open'"
pid=$(tpid)
rss=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status 2>/dev/null)
check "LINES=COLUMNS=30000: memory stays small (${rss:-?} KiB)" [ "${rss:-999999}" -lt 65536 ]
tstart 80x24 "LINES=100000 COLUMNS=100000 $R"
check "LINES=COLUMNS=100000: no fallback to plain mode" waitfor "rollwise: courses"

# A path from the environment with an escape in it reaches the learner only
# through the sanitizer, in plain mode and on the curses screen.
bad="$T/$(printf 'f\033]0;PWNED\007x')"
: >"$bad"	# a file where the state folder should go: progress cannot be kept
printf 'q\n' | XDG_STATE_HOME="$bad" $R --plain >"$T/out" 2>&1
check "plain: the note about the path is shown" grep -q "Progress will not be saved" "$T/out"
check "plain: no escape from the path reaches the output" sh -c "! grep -q \"\$(printf '\033')\" '$T/out'"
tstart 80x24 "XDG_STATE_HOME='$bad' $R"
check "tui: the note about the path is shown" waitfor "Progress will not be saved"
check "tui: the escape is not drawn as a control" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -q 'PWNED.*\^G'"

# A relative folder in ROLLWISE_LESSONS is used, as --lessons uses one.
(cd "$ROLLWISE_TESTS/fixtures" && ROLLWISE_LESSONS=good "$ROLLWISE_BIN" list) >"$T/out" 2>&1
check "ROLLWISE_LESSONS=good (relative): its course is listed" grep -q "^testcourse " "$T/out"
