# tui.sh - the curses tutor in a real terminal (tmux), read like a person
# would, at 80x24 and at 40x10: the learner's path from the notice to the
# result, the key bar, the cursor on the selection, resizes and signals.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8 ROLLWISE_SEED=1
L="--lessons $ROLLWISE_TESTS/fixtures/good"
RW="$ROLLWISE_BIN $L"
state=$XDG_STATE_HOME/rollwise/progress.log

# cursor: where the terminal cursor is, as "x,y".
cursor() { tm display -p -t t '#{cursor_x},#{cursor_y}'; }
# row_of TEXT: the screen row (0-based) of the first line holding TEXT.
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | awk '{ print $1 - 1 }'; }
# bar: the key bar (the last line).
bar() { screen | tail -1; }
# fresh: a new learner (no progress yet).
fresh() { export XDG_STATE_HOME="$T/state-$1"; state=$XDG_STATE_HOME/rollwise/progress.log; }

# --- First run at 80x24: notice, menu, lesson, reader, quiz, result. ---
fresh walk
tstart 80x24 "$RW"
check "first run shows the notice" waitfor "This is education, not medical advice."
check "emphasis is one underlined run, spaces included" sh -c "tmux -S '$SOCK' capture-pane -e -p -t t | grep -q '4m[^ ]*This is education, not medical advice\.'"
check "80x24: the whole notice fits, Enter continues" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'Enter: continue'"
keys Enter
check "course menu lists the course" waitfor "1. Test course"
check "course menu: lessons and passed, plural right" onscreen "2 lessons, 0 passed"
check "menu: one-line summary" sh -c "tmux -S '$SOCK' capture-pane -p -t t | grep -qE '^ 0 of [0-9]+ lessons passed.'"
check "menu: the cursor sits on the selected course ($(cursor))" [ "$(cursor)" = "1,$(row_of '1. Test course')" ]
check "menu bar: no review key when nothing is due" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'r: review'"
keys '?'
check "? lists every key of the screen" waitfor "review the questions that are due"
keys q
keys Enter
check "lesson list" waitfor "1. First lesson"
check "lesson status: not started" onscreen "not started"
keys Enter
check "reader shows the page title" waitfor "Introduction page"
check "reader shows the position" onscreen "page 1 of 2"
check "reader renders bullets" onscreen "- another bullet"
check "emphasis markers are not shown" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -qF '*first*'"
keys s
check "s shows the page's sources" waitfor "Source A, a citation for the tests"
keys q Enter
check "Enter on a page seen whole turns it" waitfor "page 2 of 2"
keys q
check "q goes back to the lessons" waitfor "in progress, page 2 of 2"
keys q
check "back on the menu: Continue has appeared" waitfor "Continue: Test course / First lesson"
check "back on the menu: the course stays selected" [ "$(cursor)" = "1,$(row_of '1. Test course')" ]
keys q
check "q from the menu quits" waitfor "[exited 0]" 15

# --- Continue where you left off. ---
tstart 80x24 "$RW"
check "continue: offered first on the menu" waitfor "Continue: Test course / First lesson, page 2 of 2"
check "continue: it is the selection" [ "$(cursor)" = "1,$(row_of 'Continue:')" ]
check "continue: c on the key bar" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'c: continue'"
keys Enter
check "continue: Enter resumes on page 2" waitfor "A long page"
keys G
check "G goes to the end of the page" waitfor "End of the lesson. Press Enter for the quiz (3 questions)."
check "reader bar at the end: Enter starts the quiz" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'Enter: quiz'"
keys Enter
check "quiz question 1" waitfor "Question 1 of 3"
check "quiz bar: no re-read before answering" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 're-read'"
check "choices are numbered" onscreen "1. (*) The right one"
keys 2
check "a digit selects the choice" waitfor "2. (*) The wrong one"
check "a digit alone does not answer" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -q 'Not right.'"
check "quiz: the cursor sits on the selected choice" [ "$(cursor)" = "1,$(row_of '2. (*) The wrong one')" ]
keys Enter
check "Enter answers: verdict in words" waitfor "Not right."
check "feedback for the choice made" onscreen "About choice 2: That one is wrong on purpose."
check "explanation" onscreen "Why: The first choice is the right one."
check "the right answer is named" onscreen "The right one (the right answer)"
keys q
check "q in a quiz asks first" waitfor "Leave? (y/n) Your answers so far are kept for review."
keys n
keys Enter
check "question 2" waitfor "Question 2 of 3"
keys t Enter
check "t then Enter answers True" waitfor "Not right."
check "missed safety point names its page" onscreen 'This is a safety point. Re-read the page "Introduction page" (page 1).'
check "quiz bar after a miss: r re-reads" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'r: re-read'"
keys r
check "r opens the page to re-read" waitfor "This is the first page of the test course."
check "re-reading: Enter goes back" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'Enter: back'"
keys q
check "q from the re-read page comes back to the question" waitfor "Question 2 of 3"
keys Enter
check "question 3 (choose all)" waitfor "Space marks, Enter submits"
keys Enter
check "submitting nothing asks for a mark" waitfor "Mark at least one answer"
keys 1 Down Down Space
check "marks show as [x]" waitfor "3. [x] Four"
keys Enter
check "choose all answered right" waitfor "Right."
keys Enter
check "result shows the score" waitfor "You scored 1 of 3 (33%). The pass mark is 50%."
check "result says not passed" onscreen "Not passed yet"
check "result: the safety question names its page" onscreen "safety point, re-read page 1: Introduction page"
check "result: the cursor on the chosen question" [ "$(cursor)" = "1,$(row_of 'Which answer is right?')" ]
keys Down
check "result: Down chooses the next missed question" eventually sh -c "[ \"\$(tmux -S '$SOCK' display -p -t t '#{cursor_y}')\" = '$(row_of 'The sky in this test is green.')' ]"
keys Enter
check "result: Enter opens the page" waitfor "This is the first page of the test course."
keys q
check "result: leaving the page returns to the result" waitfor "You scored 1 of 3 (33%)"
keys r
check "r retries the quiz" waitfor "Question 1 of 3"
keys 1 Enter Enter f Enter Enter 1 3 Enter Enter
check "a perfect retry passes" waitfor "You scored 3 of 3 (100%)"
check "passed in words" onscreen "Passed. You answered every question right."
check "result with nothing missed: Enter is the next lesson" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'Enter: next lesson'"
keys q
check "lesson list shows passed" waitfor "passed, best 100%"
keys q q
check "quit from the menu" waitfor "[exited 0]" 15

# --- 40x10: the same path on a small terminal. ---
fresh small
tstart 40x10 "$RW"
check "40x10: the notice" waitfor "Welcome to rollwise"
check "40x10: the notice does not fit, Enter reads on" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'Enter: read on'"
keys Enter
check "40x10: the first Enter scrolls the notice" waitfor "not medical advice"
advance "This notice is shown once."
n=$((presses + 1))
check "40x10: Enter reads the notice to its end ($n presses)" [ $n -ge 2 ]
check "40x10: the notice is not recorded before Enter at its end" sh -c "! grep -q 'ev: notice' '$state' 2>/dev/null"
check "40x10: at its end the bar says continue" waitfor "Enter: continue"
keys Enter
check "40x10: Enter at its end continues" waitfor "1. Test course"
check "40x10: the notice is recorded once read" grep -q "ev: notice" "$state"
keys Enter Enter
waitfor "Introduction page" >/dev/null
keys n
# The title says the page; the heading row how far into it, at its right end.
pct_row() { screen | sed -n 2p | grep -oE '[0-9]+%'; }
check "40x10: page 2" waitfor "page 2 of 2"
check "40x10: the percentage ends the heading row" eventually sh -c "tmux -S '$SOCK' capture-pane -p -t t | sed -n 2p | grep -qE '[0-9]+%$'"
check "40x10: more below is marked under the text, in the last column" \
	sh -c "tmux -S '$SOCK' capture-pane -p -t t | sed -n 9p | grep -qE '^ {39}↓$'"
check "40x10: nothing marks more above at the top" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -q '↑'"
check "40x10: a long title is cut at a word, with an ellipsis" sh -c "tmux -S '$SOCK' capture-pane -p -t t | head -1 | grep -qE '^ Test course( /| / First)?\.\.\. '"
p1=$(pct_row)
keys Enter
rest_shown() { screen | head -1 | grep -q 'page 2 of 2' && [ "$(pct_row)" != "$p1" ]; }
check "40x10: Enter shows the rest of the page first (from $p1)" eventually rest_shown
check "40x10: more above is marked over the text, in the last column" \
	sh -c "tmux -S '$SOCK' capture-pane -p -t t | sed -n 2p | grep -q '↑$'"
check "40x10: the text rows carry no mark" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | sed -n '3,8p' | grep -q '[↑↓]'"
advance "Question 1 of 3" 30
n=$presses
check "40x10: Enter reaches the quiz only after the whole page ($n presses)" [ $n -ge 3 ]
check "40x10: the quiz" onscreen "Question 1 of 3"
check "40x10: the key bar keeps Enter, q and ?" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep 'Enter: answer' | grep 'q: leave' | grep -q '?: help'"
check "40x10: the key bar drops what does not fit" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 's: sources'"
keys 2 Enter
check "40x10: the verdict is on screen" waitfor "Not right."
keys Enter t Enter
check "40x10: the safety hint is on screen with the verdict" waitfor "This is a safety point."
keys Enter 1 3 Enter Enter
check "40x10: the score is on screen" waitfor "You scored 1 of 3"
check "40x10: the verdict line is on screen" onscreen "Not passed yet"
check "40x10: more missed questions below are marked" onscreen "↓"
keys Down
check "40x10: Down brings the missed question into sight" waitfor "Which answer is right?"
keys Down Down
check "40x10: the list scrolls to the last missed question" waitfor "The sky in this test is"
keys Enter
check "40x10: Enter opens its page" waitfor "Introduction page"
keys q
check "40x10: back to the result" waitfor "The sky in this test is"
keys q
waitfor "1. First lesson" >/dev/null
keys q q
check "40x10: quits" waitfor "[exited 0]" 15

# --- Nine 500-character choices: the verdict and the hint stay in sight. ---
mkdir -p "$T/long"
python3 - "$T/long/long.yaml" <<'EOF'
import sys
word = "word "
choice = lambda i: ("Choice %d " % i + word * 100)[:500].strip()
out = ["id: longchoices", "title: Long choices", "version: 1", "lessons:",
       "  - id: l", "    title: L",
       "    pages: [ { id: p, title: The page to re-read, text: Some text. }, { id: p2, title: Two, text: More. } ]",
       "    quiz:", "      questions:",
       "        - id: q", "          kind: single", "          prompt: Which one?",
       "          critical: true", "          review: p", "          explanation: Because.",
       "          shuffle: false", "          choices:"]
for i in range(1, 10):
    out.append("            - { text: \"%s\"%s }" % (choice(i), ", correct: true" if i == 1 else ""))
out += ["        - { id: nopage, kind: true-false, prompt: No page named, explanation: Why.,",
        "            choices: [ { text: \"True\", correct: true }, { text: \"False\" } ] }"]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
EOF
for size in 80x24 40x10; do
	fresh long-$size
	tstart $size "$ROLLWISE_BIN --lessons $T/long longchoices l"
	waitfor "Welcome" >/dev/null
	advance "Enter: continue"
	keys Enter
	check "$size: long choices: the lesson opens on its page" waitfor "The page to re-read"
	keys z
	check "$size: long choices: the quiz opens" waitfor "Question 1 of 2"
	keys 9
	check "$size: 9 selects the ninth of nine long choices" waitfor "9. (*) Choice 9"
	keys Enter
	check "$size: long choices: the verdict is on screen" waitfor "Not right."
	check "$size: long choices: the safety hint is on screen" onscreen "This is a safety point."
	keys Enter
	waitfor "No page named" >/dev/null
	keys f Enter
	check "$size: a question without a page says so" waitfor "This question names no page to"
	keys Enter Down Down Down
	check "$size: the result says the same of it" waitfor "no page named to re-read"
	keys q
done

# --- Too small: the request fits, and q does what it does beneath. ---
fresh tiny
tstart 80x24 "$RW testcourse first"
waitfor "Welcome" >/dev/null; keys Enter
waitfor "Introduction page" >/dev/null
keys z
waitfor "Question 1 of 3" >/dev/null
tm resize-window -t t -x 20 -y 5
check "20x5: asks to enlarge" waitfor "Please enlarge"
check "20x5: the request says how to leave" onscreen "q:"
check "20x5: the request fits" sh -c "tmux -S '$SOCK' capture-pane -p -t t | grep -q '40x10'"
keys q
check "20x5: q in a quiz asks first, in the small window too" waitfor "Leave?"
keys y
tm resize-window -t t -x 40 -y 10
check "after leaving, back to the lessons" waitfor "1. First lesson"

# --- Resize mid-page keeps the place: 80x24 -> 40x12 -> 30x8 -> 100x30 -> 40x12. ---
fresh resize
tstart 80x24 "$RW testcourse first"
waitfor "Welcome" >/dev/null; keys Enter
waitfor "Introduction page" >/dev/null
keys n
waitfor "page 2 of 2" >/dev/null
tm resize-window -t t -x 40 -y 12
keys j j j j j j j
check "40x12: scrolled to paragraph four" waitfor "Paragraph four"
# (it may show before the last j is read: the place is taken once all are)
stable
# The place in the page: the title's page and the heading row's percentage.
place() { echo "$(screen | head -1 | grep -o 'page [0-9]* of [0-9]*'), $(screen | sed -n 2p | grep -oE '[0-9]+%')"; }
pct=$(place)
check "40x12: the title and the heading row give the place in the page ($pct)" \
	sh -c "echo '$pct' | grep -qE '^page 2 of 2, [0-9]+%$'"
first_text() { screen | sed -n '3,9p' | sed 's/^ *//' | grep -v '^$' | head -1; }
top=$(first_text)
check "scrolled to a known line ($top)" [ -n "$top" ]
tm resize-window -t t -x 30 -y 8
check "too small: asks to enlarge" waitfor "Please enlarge"
tm resize-window -t t -x 100 -y 30
check "enlarged: the page comes back" waitfor "End of the lesson. Press Enter for the quiz (3 questions)."
check "enlarged: the line that was on top is on screen" onscreen "$top"
tm resize-window -t t -x 40 -y 12
same_place() { [ "$(place)" = "$1" ]; }
check "back to 40x12: the same place in the page ($pct)" eventually same_place "$pct"
check "back to 40x12: the same line is on top ($(first_text))" [ "$(first_text)" = "$top" ]
# The top row on a paragraph's first line, just below a blank row that
# shares its place in the text: the round trip comes back to it, not to
# the blank row above.
keys j
pct_moved() { [ "$(place)" != "$pct" ]; }
check "40x12: one line down" eventually pct_moved
top_row() { screen | sed -n 3p; }
pct2=$(place) row2=$(top_row)
tm resize-window -t t -x 30 -y 8
waitfor "Please enlarge" >/dev/null
tm resize-window -t t -x 100 -y 30
waitfor "End of the lesson" >/dev/null
tm resize-window -t t -x 40 -y 12
check "back to 40x12 again: the same place ($pct2)" eventually same_place "$pct2"
check "back to 40x12 again: the same top row ($row2)" [ "$(top_row)" = "$row2" ]

# --- Colour, monochrome, odd terminals. ---
tstart 80x24 "$RW"
waitfor "rollwise: courses" >/dev/null
check "colour used by default" sh -c "tmux -S '$SOCK' capture-pane -e -p -t t | grep -q '44m'"
tstart 80x24 "NO_COLOR=1 $RW"
waitfor "rollwise: courses" >/dev/null
check "NO_COLOR=1: no colour codes" sh -c "! tmux -S '$SOCK' capture-pane -e -p -t t | grep -qE '\[(3|4)[0-7]m|;(3|4)[0-7]m'"
check "NO_COLOR=1: reverse video still marks the bars" sh -c "tmux -S '$SOCK' capture-pane -e -p -t t | grep -q '7m'"
fresh vt100
TTERM=vt100 tstart 80x24 "$RW"
waitfor "Welcome" >/dev/null; keys Enter
check "TERM=vt100: menu" waitfor "1. Test course"
keys Enter Enter
check "TERM=vt100: reader" waitfor "Introduction page"
# No arrows in vt100's line drawing and no Unicode in the C locale: the
# marks fall back to ASCII, still outside the text rows.
fresh ascii
TTERM=vt100 tstart 40x10 "LC_ALL=C $RW"
check "TERM=vt100 LC_ALL=C 40x10: more below is a v under the text" \
	eventually sh -c "tmux -S '$SOCK' capture-pane -p -t t | sed -n 9p | grep -qE '^ {39}v$'"
keys Enter
check "TERM=vt100 LC_ALL=C 40x10: more above is a ^ over the text" \
	eventually sh -c "tmux -S '$SOCK' capture-pane -p -t t | sed -n 2p | grep -qE '^ {39}\\^$'"
TTERM=no-such-terminal tstart 80x24 "$RW"
check "unknown TERM: plain mode notice" waitfor "plain mode (the terminal type is not known)"
check "unknown TERM: plain menu" onscreen "Course number"
TTERM=dumb tstart 80x24 "$RW"
check "TERM=dumb: plain mode" waitfor "plain mode (TERM is unset or dumb)"

# --- Idle, redraw, signals. ---
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
# Ctrl-L repaints a screen that something else wrote over.
printf 'GARBAGE-ON-THE-SCREEN' >"$(tm display -p -t t '#{pane_tty}')"
waitfor "GARBAGE-ON-THE-SCREEN" >/dev/null
keys C-l
check "Ctrl-L repaints the screen" sh -c "n=0; while tmux -S '$SOCK' capture-pane -p -t t | grep -q GARBAGE; do [ \$n -gt 100 ] && exit 1; sleep 0.1; n=\$((n + 1)); done"
check "Ctrl-L: the menu is back" onscreen "1. Test course"
kill -TERM "$pid"
check "SIGTERM: exits and says progress is saved" waitfor "Stopped. Your progress is saved."
check "SIGTERM: exit status 143" waitfor "[exited 143]"
tstart 80x24 "$RW"
waitfor "rollwise: courses" >/dev/null
keys C-c
check "Ctrl-C: a plain sentence" waitfor "Stopped. Your progress is saved."
check "Ctrl-C: exit status 130" waitfor "[exited 130]"

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
check "started from a shell" waitfor "1. Test course"
keys C-z
check "Ctrl-Z suspends to the shell" waitfor "Stopped"
keys "fg" Enter
check "fg restores the screen" waitfor "1. Test course"
keys q
check "quit returns to the shell" waitfor 'shell$'
