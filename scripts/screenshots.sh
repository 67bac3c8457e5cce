#!/bin/sh
# screenshots.sh [--readme] - the README's screens, captured from the real
# program at 80x24 in tmux with the bundled courses, a fresh learner and a
# fixed choice order. With --readme, rewrites the block between the
# "screens" markers in README.md; otherwise prints it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
R=${ROLLWISE_BIN:-$top/rollwise}
W=$(mktemp -d "${TMPDIR:-/tmp}/rollwise-shots.XXXXXX")
S="$W/tmux.sock"
trap 'tmux -S "$S" kill-server 2>/dev/null; rm -rf "$W"' EXIT
export XDG_STATE_HOME="$W/state" XDG_DATA_HOME="$W/data" XDG_DATA_DIRS="$W/none" ROLLWISE_SEED=3
unset ROLLWISE_LESSONS NO_COLOR
tm() { tmux -S "$S" "$@"; }
# shot TITLE: the screen now, indented as a Markdown code block.
shot() { printf '%s\n\n' "$1"; tm capture-pane -p -t t | sed 's/^/    /; s/ *$//'; printf '\n'; }
keys() { for k in "$@"; do tm send-keys -t t "$k"; sleep 0.3; done; }
tm -f /dev/null new-session -d -s t -x 80 -y 24 "env TERM=screen-256color LANG=C.UTF-8 $R"
sleep 0.5
{
	keys Enter 1 Enter Enter
	shot "The reader (Enter shows the rest of a page, then turns it):"
	keys q q
	shot "The course menu offers to continue where you left off:"
	keys Enter z 2 Enter
	shot "A quiz question after answering; the verdict comes first:"
	keys Enter 1 Enter Enter 1 Enter Enter 1 Enter Enter 1 Enter Enter
	shot "The result names the page to re-read for each missed question:"
	# The same reader in Brazilian Portuguese, for a learner of its own.
	tm kill-server
	S="$W/tmux-pt.sock"
	XDG_STATE_HOME="$W/state-pt" tm -f /dev/null new-session -d -s t -x 80 -y 24 \
		"env TERM=screen-256color LANG=C.UTF-8 $R --lang pt_BR"
	sleep 0.5
	keys Enter 1 Enter Enter
	shot "The reader in Brazilian Portuguese (\`--lang pt_BR\`, or \`LANG=pt_BR.UTF-8\`):"
} >"$W/block"
if [ "${1:-}" = --readme ]; then
	python3 - "$top/README.md" "$W/block" <<'PY'
import sys
readme, block = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
a = text.index("<!-- screens:begin -->") + len("<!-- screens:begin -->")
b = text.index("<!-- screens:end -->")
open(readme, "w").write(text[:a] + "\n" + block + text[b:])
PY
else
	cat "$W/block"
fi
