# golden.sh - every screen, whole, at 80x24 and 40x10, text and attributes
# (tmux capture-pane -e), compared exactly with tests/golden/NAME-SIZE.ref.
# Review and update them with "make goldens" (UPDATE_GOLDENS=1 rewrites).
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8 ROLLWISE_SEED=1
# A copy outside the build tree, so only the test course is on the menu.
cp "$ROLLWISE_BIN" "$T/rw"
RW="$T/rw --lessons $ROLLWISE_TESTS/fixtures/good"

for size in 80x24 40x10; do
	export XDG_STATE_HOME="$T/state-$size"
	tstart $size "$RW"
	golden notice "Welcome to rollwise"
	n=0; while ! onscreen "Enter: continue" && [ $n -lt 10 ]; do keys Enter; sleep 0.1; n=$((n + 1)); done
	keys Enter
	golden menu "1. Test course"
	keys '?'
	golden help "Keys"
	keys q Enter
	golden lessons "1. First lesson"
	keys Enter
	golden reader "Introduction page"
	keys s
	golden sources "Source A"
	keys q z
	golden quiz "Which answer is right?"
	keys 2 Enter
	golden verdict "Not right."
	keys q
	golden leave "Leave?"
	keys n Enter t Enter Enter 1 3 Enter Enter
	golden result "You scored"
	keys q q
	golden continue "Continue:"
	tm resize-window -t t -x 20 -y 5
	golden small "Please enlarge"
	tend
	# the class screen: a class folder with one hand-in that is not the
	# user's own (so the screen is the same whoever runs the tests)
	mkdir -p "$T/class"
	cp "$ROLLWISE_TESTS/fixtures/class/worked/ana.rollwise" "$T/class/ana.rollwise"
	[ "$(id -un)" = ana ] && mv "$T/class/ana.rollwise" "$T/class/not-ana.rollwise"
	tstart $size "ROLLWISE_CLASS=$T/class $RW"
	waitfor "1. Test course" >/dev/null
	keys C
	golden class "Nobody has handed in yet"
	tend
done
