# hostile.sh - course files and paths written to hurt: each gives a located
# error and exit 1, quickly and in bounded memory, and nothing from the file
# reaches the terminal as a control sequence. check.sh and test_load.c cover
# the ordinary errors; this file covers sizes, bombs, bytes and odd paths.
. "$ROLLWISE_TESTS/lib.sh"
R=$ROLLWISE_BIN
cd "$T" || exit 1

# Limits per run. CPU time, not wall time, is bounded: a loaded machine must
# not fail the test, a quadratic loop must. Sanitizer builds get more.
CPU_MS=100
RSS_KB=32768
if grep -qa __asan_init "$R"; then
	CPU_MS=1000
	RSS_KB=262144
fi

# measure CMD...: runs CMD (10 s at most) with stdout in $T/out and stderr
# in $T/err; sets st (exit status, or "timeout"), ms (wall), cpu (user+sys
# ms) and rss (peak KiB of CMD).
measure() {
	set -- $("$BUILD/tools/measure" 10 "$T/out" "$T/err" "$@")
	st=$1 ms=$2 cpu=$3 rss=$4
}

# clean FILE: FILE is UTF-8 with no control character but newline and tab,
# no C1 control, no bidirectional override: nothing a terminal acts on.
CLEAN='
import sys, unicodedata
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("# not UTF-8 at byte %d" % e.start)
for i, ch in enumerate(text):
    o = ord(ch)
    if (o < 0x20 and ch not in "\n\t") or 0x7f <= o <= 0x9f or \
       0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069 or o in (0x200e, 0x200f, 0x61c):
        sys.exit("# U+%04X at character %d" % (o, i))
'
clean() { python3 -c "$CLEAN" "$1"; }

# hostile NAME PATTERN [CHECK-ARGS]: "rollwise check NAME" must exit 1 with
# an error matching PATTERN (grep -E) in stderr, nothing on stdout, clean
# bytes, within the CPU and memory limits. Prints the figures as a comment.
hostile() {
	name=$1 pattern=$2
	shift 2
	measure "$R" check "$@" "$name"
	echo "# $name: exit $st, ${ms} ms wall, ${cpu} ms CPU, ${rss} KiB peak"
	check "$name: exit 1 (got $st)" [ "$st" = 1 ]
	check "$name: located error" grep -qE -- "$pattern" "$T/err"
	check "$name: nothing on stdout" [ ! -s "$T/out" ]
	check "$name: no control bytes written" clean "$T/err"
	check "$name: ${cpu} ms CPU <= $CPU_MS" [ "$cpu" -le "$CPU_MS" ]
	check "$name: ${rss} KiB <= $RSS_KB" [ "$rss" -le "$RSS_KB" ]
}

HEAD='id: x
title: T
version: 1
'

# --- bombs and sizes ---

# Billion laughs: nine levels of nine aliases. Anchors are refused, and
# the event API never expands an alias, so nothing grows.
python3 - <<'EOF'
lines = ["id: x", "title: T", "version: 1", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    lines.append("a%d: &a%d [%s]" % (i, i, ",".join(["*a%d" % (i - 1)] * 9)))
lines.append("lessons: *a9")
open("laughs.yaml", "w").write("\n".join(lines) + "\n")
EOF
hostile laughs.yaml '^laughs.yaml:4:5: error: anchors \(&name\) are not allowed'
check "laughs.yaml: aliases refused where they stand" grep -q "^laughs.yaml:5:18: error: aliases (\*name) are not allowed" "$T/err"

# 100,000 nested brackets, both kinds, and unbalanced.
python3 -c "open('brackets.yaml', 'w').write('id: x\ntitle: ' + '[' * 100000 + ']' * 100000 + '\n')"
hostile brackets.yaml '^brackets.yaml:2:72: error: nesting is deeper than any course needs'
python3 -c "open('braces.yaml', 'w').write('lessons: ' + '{a: ' * 100000 + '\n')"
hostile braces.yaml '^braces.yaml:1:[0-9]+: error: nesting is deeper than any course needs'

# A 10 MB scalar, a million keys, and a sparse 10 GB file: refused by size
# after reading 1 MiB, not read whole.
python3 -c "open('scalar.yaml', 'w').write('id: x\ntitle: \"' + 'a' * 10000000 + '\"\n')"
hostile scalar.yaml '^scalar.yaml: error: the file is larger than 1024 KiB'
python3 -c "open('keys.yaml', 'w').write(''.join('k%d: %d\n' % (i, i) for i in range(1000000)))"
hostile keys.yaml '^keys.yaml: error: the file is larger than 1024 KiB'
truncate -s 10G sparse.yaml 2>/dev/null || truncate -s 1G sparse.yaml
hostile sparse.yaml '^sparse.yaml: error: the file is larger than 1024 KiB'
rm -f scalar.yaml keys.yaml sparse.yaml

# Just under the size limit: as many keys, list items and bad bytes as fit.
# Every one of these was quadratic once (thousands of ids compared each with
# each, every message counted against every earlier one).
python3 -c "open('manykeys.yaml', 'w').write(''.join('k%d: 1\n' % i for i in range(100000)))"
hostile manykeys.yaml '^manykeys.yaml:1:1: error: unknown key .k0. in the course'
check "manykeys.yaml: messages capped" grep -q "too many problems; stopped reporting this file" "$T/err"
python3 - <<'EOF'
n = 20000
open("refs.yaml", "w").write("id: x\ntitle: X\nversion: 1\nsources:\n"
    + "".join("- {id: s%d, cite: c}\n" % i for i in range(n))
    + "lessons:\n- id: l\n  title: L\n  pages:\n  - title: P\n    text: T\n    sources: ["
    + ", ".join("t%d" % i for i in range(n)) + "]\n")
open("lessons.yaml", "w").write("id: x\ntitle: X\nversion: 1\nlessons:\n"
    + "".join("- {id: l%d}\n" % i for i in range(60000)))
EOF
hostile refs.yaml "^refs.yaml:[0-9]+:[0-9]+: error: source 't0' is not in the course's 'sources'"
hostile lessons.yaml '^lessons.yaml:5:3: error: a lesson is missing'
mkdir -p badbytes
for i in 1 2 3 4 5 6 7 8 9 10; do
	python3 -c "import sys; sys.stdout.buffer.write(b'\xff' * 1000000)" >"badbytes/b$i.yaml"
done
# Ten files in one run: the 100 ms budget is per file.
one_file=$CPU_MS; CPU_MS=$((CPU_MS * 10))
hostile badbytes '^badbytes/b1.yaml:1:1: error: invalid UTF-8 \(byte 0xff\)'
CPU_MS=$one_file
check "badbytes: every file reported" [ "$(grep -c 'too many problems' "$T/err")" -eq 10 ]
rm -rf badbytes manykeys.yaml refs.yaml lessons.yaml

# --- bytes that are not text ---

printf 'id: x\ntitle: caf\303\n' >trunc.yaml
hostile trunc.yaml '^trunc.yaml:2:11: error: invalid UTF-8 \(byte 0xc3\)'
printf 'id: x\ntitle: \355\240\200 surrogate\n' >surrogate.yaml
hostile surrogate.yaml '^surrogate.yaml:2:8: error: invalid UTF-8 \(byte 0xed\)'
printf 'id: x\ntitle: \364\220\200\200 too high\n' >high.yaml
hostile high.yaml '^high.yaml:2:8: error: invalid UTF-8 \(byte 0xf4\)'
printf 'id: x\ntitle: a\000b\nversion: 1\n' >nul.yaml
hostile nul.yaml '^nul.yaml:2:9: error: control character U\+0000'
printf 'id: x\000\000\000\000' >nuls.yaml
hostile nuls.yaml '^nuls.yaml:1:6: error: control character U\+0000'

# --- escape sequences in titles, page text and choices ---

# course FIELD VALUE: a course whose title, page text or first choice is VALUE.
course() {
	t=T p=Text c=A
	case $1 in
	title) t=$2 ;;
	text) p=$2 ;;
	choice) c=$2 ;;
	esac
	printf 'id: x\ntitle: %s\nversion: 1\n' "$t"
	printf 'lessons:\n  - id: l\n    title: L\n    pages:\n      - title: P\n'
	printf '        text: %s\n    quiz:\n      questions:\n' "$p"
	printf '        - id: q\n          kind: single\n          prompt: P\n'
	printf '          explanation: E\n          choices:\n'
	printf '            - text: %s\n              correct: true\n' "$c"
	printf '            - { text: B, feedback: F }\n'
}
# Where each field's value starts: line and column.
at_title=2:8 at_text=9:15 at_choice=17:21

# Raw bytes: found by the byte scan, at the byte.
for seq in 'ESC\033[2J' 'CSI\033[31mred' 'OSC52\033]52;c;cHduZWQ=\007' \
	'OSCtitle\033]0;pwned\007' 'OSC8\033]8;;http://x\033\\' 'C1raw\233' \
	'C1utf8\302\233' 'CR\roverwrite' 'BS\b\b\bxx' 'BEL\007' 'DEL\177' \
	'RLO\342\200\256' 'NEL\302\205'; do
	label=${seq%%[\\]*}
	bytes=$(printf "${seq#"$label"}")
	for field in title text choice; do
		f=raw-$label-$field.yaml
		course "$field" "x${bytes}x" >"$f"
		eval "pos=\$at_$field"
		hostile "$f" "^$f:${pos%:*}:[0-9]+: error: (control character U\+|invalid UTF-8)"
	done
done

# YAML escapes: valid UTF-8 bytes, found when the value is read.
for esc in 'e[2J' 'x1b[31m' 'e]52;c;cHduZWQ=\a' 'e]0;pwned\x07' 'x9b2J' 'u009b' \
	'r' 'b' 'x7f' 'u202e' 'u2066' 'N' '0' 'U0000001b'; do
	for field in title text choice; do
		f=esc-$(echo "$esc" | tr -dc 'a-zA-Z0-9')-$field.yaml
		course "$field" "\"x\\${esc}x\"" >"$f"
		eval "pos=\$at_$field"
		hostile "$f" "^$f:$pos: error: '[a-z]+' holds the control character U\+"
	done
done

# A key holding an escape is named in the message, escaped.
printf '%s"k\\e]0;pwned\\a": 1\n' "$HEAD" >key.yaml
hostile key.yaml '^key.yaml:4:1: error: unknown key .k\\x1b\]0;pwned\\x07. in the course'

# --- paths that are not plain files ---

mkdir -p lessons/sub.yaml
course title Fine >lessons/good.yaml
mkfifo lessons/fifo.yaml
ln -s loop-b.yaml lessons/loop-a.yaml
ln -s loop-a.yaml lessons/loop-b.yaml
ln -s /dev/zero lessons/zero.yaml
hostile lessons '^lessons/fifo.yaml: error: is not a regular file'
check "lessons: a directory named .yaml is refused" grep -q "^lessons/sub.yaml: error: is a directory, not a course file" "$T/err"
check "lessons: a symlink loop is refused" grep -q "^lessons/loop-a.yaml: error: cannot open: Too many levels of symbolic links" "$T/err"
check "lessons: /dev/zero is refused" grep -q "^lessons/zero.yaml: error: is not a regular file" "$T/err"
check "lessons: the good course still loads" grep -q "^1 course, 1 question: 5 errors" "$T/err"
measure "$R" list --lessons lessons
check "list with a FIFO in the folder: exit 0 (got $st)" [ "$st" = 0 ]
check "list with a FIFO in the folder: the good course" grep -q "^x  " "$T/out"
rm -rf lessons

# Unreadable: as root, permissions do not stop a read, so use a file whose
# every read fails instead (/proc/self/mem at offset 0 gives EIO).
if [ "$(id -u)" = 0 ]; then
	ln -s /proc/self/mem unreadable.yaml
	hostile unreadable.yaml '^unreadable.yaml: error: cannot read: Input/output error'
else
	course title T >unreadable.yaml
	chmod 000 unreadable.yaml
	hostile unreadable.yaml '^unreadable.yaml: error: cannot open: Permission denied'
fi

# A file that grows while it is read: a writer appends without end.
course title T >grow.yaml
(while :; do printf '  - k: v\n'; done >>grow.yaml) 2>/dev/null &
writer=$!
sleep 0.2
hostile grow.yaml '^grow.yaml(:[0-9]+:[0-9]+)?: error: '
kill "$writer"
wait "$writer" 2>/dev/null
rm -f grow.yaml

# File names holding escapes, C1 bytes and bidi overrides are shown escaped.
n=0
for name in "$(printf 'a\033]52;c;cHduZWQ=\007.yaml')" "$(printf 'b\233%s.yaml' 2J)" \
	"$(printf 'c\302\2332J.yaml')" "$(printf 'd\342\200\256lmth.yaml')" \
	"$(printf 'e\r\033[2K.yaml')"; do
	printf 'id: x\n' >"$name"
	n=$((n + 1))
	measure "$R" check "$name"
	check "file name $n with escapes: exit 1 (got $st)" [ "$st" = 1 ]
	check "file name $n with escapes: no control bytes written" clean "$T/err"
	check "file name $n with escapes: named in the message" grep -q "^[a-e]\\\\x" "$T/err"
	rm -f "$name"
done

# --- the curses tutor's raw output ---

# run_tui DIR KEYS...: starts the tutor on DIR in a pseudo-terminal (script)
# at 80x24, sends each key a moment apart, ends with q, and keeps every byte
# the program wrote in $T/tty.
run_tui() {
	dir=$1
	shift
	{
		sleep 2
		for k in "$@"; do printf '%b' "$k"; sleep 0.5; done
		printf q
		sleep 1
	} | TERM=xterm-256color LANG=C.UTF-8 timeout 30 script -q -e \
		-c "stty cols 80 rows 24; $R --lessons $dir" /dev/null >"$T/tty" 2>&1
}

# A course that would be dangerous if it loaded: it must not load. A good
# one beside it keeps the menu (and its "could not be read" line) up.
mkdir -p evil good
course title '"EVIL\e]52;c;cHduZWQ=\a\e]0;pwned\a\e[2J\x9b\u202e"' >evil/evil.yaml
course title Fine | sed 's/^id: x/id: fine/' >evil/fine.yaml
run_tui "$T/evil" '\r'
st=$?
check "tui with a dangerous course: exits 0 (got $st)" [ $st -eq 0 ]
check "tui: the course is not shown" sh -c "! grep -q EVIL '$T/tty'"
check "tui: the menu says a file could not be read" grep -q "could not be read" "$T/tty"
check "tui: no OSC sequence (clipboard, title) written" sh -c "! grep -q \"\$(printf '\033]')\" '$T/tty'"
check "tui: no OSC 52 payload" sh -c "! grep -q 'pwned\|cHduZWQ' '$T/tty'"
check "tui: no C1 CSI written" sh -c "! LC_ALL=C grep -q \"\$(printf '\233')\" '$T/tty'"
check "tui: no bell written" sh -c "! LC_ALL=C grep -q \"\$(printf '\007')\" '$T/tty'"

# A valid course with harmless UTF-8 shows it as is, and still no OSC.
title='Caf\303\251 na\303\257ve \346\227\245\346\234\254 \360\237\230\200 \317\200\302\262'
course title "\"$(printf "$title")\"" >good/good.yaml
run_tui "$T/good" '\r'
check "tui: harmless UTF-8 title drawn byte for byte" grep -qF "$(printf "$title")" "$T/tty"
check "tui with UTF-8: no OSC sequence written" sh -c "! grep -q \"\$(printf '\033]')\" '$T/tty'"
check "tui with UTF-8: no C1 CSI written" sh -c "! LC_ALL=C grep -q \"\$(printf '\302\233')\" '$T/tty'"
