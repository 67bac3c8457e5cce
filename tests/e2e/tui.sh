# tui.sh - the curses tutor in a real terminal (tmux), read like a person would.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8 ROLLWISE_SEED=1
L="--lessons $ROLLWISE_TESTS/fixtures/good"
RW="$ROLLWISE_BIN $L"

# First run: the notice, then the menu, a lesson, its quiz and the result.
tstart 80x24 "$RW"
check "first run shows the notice" waitfor "This is education, not medical advice."
check "key bar on the notice" onscreen "Enter: continue"
keys Enter
check "course menu lists the course" waitfor "> Test course"
check "course menu shows lesson count" onscreen "2 lessons, 0 passed"
check "menu key bar" onscreen "Enter: open"
keys '?'
check "? shows every key of the screen" waitfor "review the questions that are due"
keys q
keys Enter
check "lesson list" waitfor "1.  First lesson"
check "lesson status not started" onscreen "not started"
keys Enter
check "reader shows the page title" waitfor "Introduction page"
check "reader shows position" onscreen "page 1 of 2"
check "reader renders bullets" onscreen "- another bullet"
check "emphasis markers are not shown" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -qF '*first*'"
keys s
check "s shows the page's sources" waitfor "Source A, a citation for the tests"
keys q n
check "n turns the page" waitfor "page 2 of 2"
keys G
check "G goes to the end of the page" waitfor "End of the lesson. Press Enter for the quiz"
keys Enter
check "quiz question 1" waitfor "question 1 of 3"
check "choices are numbered" onscreen "1. ( ) The right one"
keys 2
check "verdict in words" waitfor "Not right."
check "feedback for the choice made" onscreen "About choice 2: That one is wrong on purpose."
check "explanation" onscreen "Why: The first choice is the right one."
check "the right answer is named" onscreen "The right one (the right answer)"
keys Enter
check "question 2" waitfor "question 2 of 3"
keys t
check "t answers True" waitfor "Not right."
check "missed critical question points to the page" onscreen 'Re-read "Introduction page": press r.'
keys r
check "r shows the page to re-read" waitfor "This is the first page of the test course."
keys q Enter
check "question 3 (multiple)" waitfor "Space marks, Enter submits"
keys Enter
check "submitting nothing asks for a mark" waitfor "Mark at least one answer"
keys 1 Down Down Space
check "marks show as [x]" waitfor "3. [x] Four"
keys Enter
check "multiple answered right" waitfor "Right."
keys Enter
check "result shows the score" waitfor "You scored 1 of 3 (33%). The pass mark is 50%."
check "result says not passed" onscreen "Not passed yet"
check "result lists what to re-read" onscreen "re-read: Introduction page"
keys r
check "r retries the quiz" waitfor "question 1 of 3"
keys 1 Enter f Enter 1 3 Enter Enter
check "a perfect retry passes" waitfor "You scored 3 of 3 (100%)"
check "passed in words" onscreen "Passed."
keys q
check "lesson list shows passed" waitfor "passed, best 100%"
keys q q
check "q from the menu quits" waitfor "[exited 0]"

# Resize mid-lesson keeps the place: 80x24 -> 30x8 -> 100x30 -> 80x24.
tstart 80x24 "$RW testcourse first"
waitfor "Introduction page" >/dev/null
keys n
waitfor "page 2 of 2" >/dev/null
tm resize-window -t t -x 40 -y 12
keys j j j j j j j
# Seven lines down at 40x12 (not a moment's sleep: wait for the last one).
waitfor "page 2 of 2, 51%" >/dev/null
# The first text line on screen (rows 4 on; row 4 may be a blank between paragraphs).
first_text() { screen | sed -n '4,10p' | grep -v '^ *$' | head -1 | sed 's/^ *//'; }
top=$(first_text)
check "scrolled to a known line ($top)" [ -n "$top" ]
tm resize-window -t t -x 30 -y 8
check "too small: asks to enlarge" waitfor "Please enlarge the"
tm resize-window -t t -x 100 -y 30
check "enlarged: the page comes back" waitfor "End of the lesson. Press Enter for the quiz (3 questions)."
check "enlarged: the line that was on top is on screen" onscreen "$top"
tm resize-window -t t -x 40 -y 12
waitfor "Space: down  Enter: next  ?: help" >/dev/null
check "back to 40x12: the same line is on top ($(first_text))" [ "$(first_text)" = "$top" ]

# NO_COLOR: attributes but no colours. With colours: the bars are coloured.
tstart 80x24 "$RW"
waitfor "rollwise: courses" >/dev/null
check "colour used by default" sh -c "tmux -S '$SOCK' capture-pane -e -p -t t | grep -q '44m'"
tstart 80x24 "NO_COLOR=1 $RW"
waitfor "rollwise: courses" >/dev/null
check "NO_COLOR=1: no colour codes" sh -c "! tmux -S '$SOCK' capture-pane -e -p -t t | grep -qE '\[(3|4)[0-7]m|;(3|4)[0-7]m'"
check "NO_COLOR=1: reverse video still marks the bars" sh -c "tmux -S '$SOCK' capture-pane -e -p -t t | grep -q '7m'"

# Monochrome vt100 still works.
TTERM=vt100 tstart 80x24 "$RW"
check "TERM=vt100: menu" waitfor "> Test course"
keys Enter 1 Enter
check "TERM=vt100: reader" waitfor "Introduction page"

# Unknown and dumb terminals fall back to plain mode with a notice.
TTERM=no-such-terminal tstart 80x24 "$RW"
check "unknown TERM: plain mode notice" waitfor "plain mode (the terminal type is not known)"
check "unknown TERM: plain menu" onscreen "Choose a course by number"
TTERM=dumb tstart 80x24 "$RW"
check "TERM=dumb: plain mode" waitfor "plain mode (TERM is unset or dumb)"

# Idle uses no CPU: blocked in read, not polling. Counted as wakeups (context
# switches), which a loaded machine does not add to a process that sleeps.
tstart 80x24 "$RW"
waitfor "Enter: open" >/dev/null
pid=$(tpid)
switches() { awk '/ctxt_switches/ { n += $2 } END { print n }' /proc/$pid/status; }
# Settled: the first frame written and the program asleep with no wakeups for
# half a second; a program that polls never gets there.
n=0 s0=$(switches)
while [ $n -lt 40 ]; do
	sleep 0.5
	s1=$(switches)
	[ "$s1" = "$s0" ] && break
	s0=$s1 n=$((n + 1))
done
t0=$(awk '{print $14+$15}' /proc/$pid/stat)
sleep 2
s1=$(switches)
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
check "idle for 2 s: no wakeups ($s0 -> $s1 context switches)" [ "$s0" = "$s1" ]
check "idle for 2 s uses no CPU ticks ($t0 -> $t1)" [ "$t0" = "$t1" ]
check "idle process is sleeping in a read" sh -c "grep -q '^State:.*S (sleeping)' /proc/$pid/status"

# Ctrl-L redraws; SIGTERM exits with the terminal restored.
keys C-l
check "Ctrl-L redraws the screen" waitfor "> Test course"
kill -TERM "$pid"
check "SIGTERM: exits and says so" waitfor "stopped by signal 15"
check "SIGTERM: exit status 0" waitfor "[exited 0]"

# A hang-up (the SSH link drops) ends the program instead of spinning.
tstart 80x24 "$HANGUP $RW"
waitfor "rollwise: courses" >/dev/null
pid=$(tpid)
tm kill-server
check "hang-up: the process is gone" waitgone "$pid"

# Ctrl-Z suspends to the shell; fg brings the screen back.
tstart 80x24 "PS1='shell$ ' bash --norc --noprofile -i"
waitfor 'shell$' >/dev/null
keys "$RW" Enter
check "started from a shell" waitfor "> Test course"
keys C-z
check "Ctrl-Z suspends to the shell" waitfor "Stopped"
keys "fg" Enter
check "fg restores the screen" waitfor "> Test course"
keys q
check "quit returns to the shell" waitfor 'shell$'
