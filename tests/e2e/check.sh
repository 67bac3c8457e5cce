# check.sh - "rollwise check", "list", usage and help, as a user runs them.
. "$ROLLWISE_TESTS/lib.sh"
R=$ROLLWISE_BIN
F=$ROLLWISE_TESTS/fixtures

# Every bad fixture gives exactly its expected located messages and exit 1.
cd "$F/bad" || exit 1
for y in *.yaml; do
	"$R" check "$y" >"$T/out" 2>"$T/err"
	st=$?
	if [ $st -eq 1 ] && cmp -s "$T/err" "${y%.yaml}.expected" && [ ! -s "$T/out" ]; then
		ok "check $y: located errors, exit 1"
	else
		fail "check $y: exit $st"; diff "${y%.yaml}.expected" "$T/err" | sed 's/^/# /'
	fi
done
cd "$T" || exit 1

# The complete example in docs/lesson-format.md is accepted with no warning.
awk '/^```yaml/{f=1;next}/^```/{f=0}f' "$ROLLWISE_TESTS/../docs/lesson-format.md" >"$T/example.yaml"
"$R" check "$T/example.yaml" 2>"$T/err"
check "documented example passes check" [ $? -eq 0 ]
check "documented example has no warnings" grep -q "1 course, 3 questions: 0 errors, 0 warnings" "$T/err"

# The bundled lessons pass cleanly.
"$R" check "$ROLLWISE_TESTS/../lessons" 2>"$T/err"
st=$?
check "bundled lessons pass check (exit $st)" [ $st -eq 0 ]
check "bundled lessons have no warnings" grep -q " 0 errors, 0 warnings" "$T/err"

# A directory with one good and one broken course: errors, exit 1.
mkdir -p "$T/mixed"
cp "$T/example.yaml" "$T/mixed/good.yaml"
printf 'id: x\ntitle: X\nversion: 1\nlessons: nope\n' >"$T/mixed/broken.yaml"
"$R" check "$T/mixed" 2>"$T/err"
check "broken file in a folder: exit 1" [ $? -eq 1 ]
check "broken file located" grep -q "broken.yaml:4:10: error: 'lessons' must be a list" "$T/err"

# Same id twice in one folder is an error; in a later folder it is hidden with a warning.
cp "$T/example.yaml" "$T/mixed/copy.yaml"
rm "$T/mixed/broken.yaml"
"$R" check "$T/mixed" 2>"$T/err"
check "duplicate course id in one folder: exit 1" [ $? -eq 1 ]
check "duplicate course id named" grep -q "error: course id 'sun-care' is also used by" "$T/err"
rm "$T/mixed/copy.yaml"
mkdir -p "$T/first"
cp "$T/example.yaml" "$T/first/sun.yaml"
"$R" check --lessons "$T/first" --lessons "$T/mixed" 2>"$T/err"
check "shadowed course: exit 0" [ $? -eq 0 ]
check "shadowed course: warning" grep -q "mixed/good.yaml:2:1: warning: course 'sun-care' is hidden by" "$T/err"
ROLLWISE_LESSONS="$T/first:$T/mixed" "$R" check 2>"$T/err"
check "ROLLWISE_LESSONS is searched in order" grep -q "mixed/good.yaml:2:1: warning: course 'sun-care' is hidden by .*first/sun.yaml" "$T/err"
mkdir -p "$XDG_DATA_HOME/rollwise/lessons"
cp "$T/example.yaml" "$XDG_DATA_HOME/rollwise/lessons/"
"$R" list >"$T/out" 2>&1
check "XDG_DATA_HOME lessons are found" grep -q "^sun-care " "$T/out"
rm -r "$XDG_DATA_HOME/rollwise"

# A file name holding an escape sequence is printed escaped.
esc=$(printf 'evil\033]0;pwned\007.yaml')
printf 'id: x\n' >"$T/$esc"
"$R" check "$T/$esc" 2>"$T/err"
check "escape in file name: exit 1" [ $? -eq 1 ]
check "escape in file name: no raw ESC written" sh -c "! grep -q \"\$(printf '\\033')\" '$T/err'"
check "escape in file name: shown as \\x1b" grep -qF 'evil\x1b]0;pwned\x07.yaml' "$T/err"

# Paths that are not course files.
"$R" check /nonexistent.yaml 2>"$T/err"
check "missing file: exit 1 and message" sh -c "[ $? -eq 1 ] && grep -q 'cannot open' '$T/err'"
mkfifo "$T/fifo.yaml"
timeout 30 "$R" check "$T/fifo.yaml" 2>"$T/err"   # a hang guard, not a time limit
st=$?
check "a FIFO is refused, not waited on (exit $st)" sh -c "[ $st -eq 1 ] && grep -q 'not a regular file' '$T/err'"
ln -s loop1.yaml "$T/loop2.yaml"; ln -s loop2.yaml "$T/loop1.yaml"
"$R" check "$T/loop1.yaml" 2>"$T/err"
check "a symlink loop is an error" grep -q "loop1.yaml: error: cannot open: Too many levels of symbolic links" "$T/err"

# Characters libyaml refuses with no position (U+FFFE, U+FFFF) or counts as
# a line break (U+2028): located at the character, not at 1:1 or a line off.
printf 'id: x\ntitle: ab\357\277\276\n' >"$T/nonchar.yaml"
"$R" check "$T/nonchar.yaml" 2>"$T/err"
check "U+FFFE: exit 1" [ $? -eq 1 ]
check "U+FFFE: located at the character" grep -q "nonchar.yaml:2:10: error: U+FFFE is not a character" "$T/err"
printf 'id: x\ntitle: T\nversion: 1\nsummary: |\n  abc\342\200\250def\nbogus: 1\n' >"$T/linesep.yaml"
"$R" check "$T/linesep.yaml" 2>"$T/err"
check "U+2028 in block text: located at the character" grep -q "linesep.yaml:5:6: error: line separator U+2028" "$T/err"
check "U+2028 in block text: no error a line off" sh -c "! grep -q 'linesep.yaml:7:' '$T/err'"

# Usage errors exit 2; help and version exit 0.
"$R" --bogus 2>/dev/null; check "unknown option: exit 2" [ $? -eq 2 ]
"$R" list one extra 2>/dev/null; check "extra argument: exit 2" [ $? -eq 2 ]
"$R" progress extra 2>/dev/null; check "argument to progress: exit 2" [ $? -eq 2 ]
"$R" progress --format xml 2>/dev/null; check "bad --format: exit 2" [ $? -eq 2 ]
"$R" --help >"$T/out"; check "--help exits 0" [ $? -eq 0 ]
check "--help names every command" sh -c "grep -q 'check \[PATH\]' '$T/out' && grep -q '  list ' '$T/out' && grep -q '  progress ' '$T/out' && grep -q '  review ' '$T/out'"
check "--version" sh -c "'$R' --version | grep -q '^rollwise [0-9]'"

# --help, the man page and the format doc agree on options and environment.
man=$ROLLWISE_TESTS/../man/rollwise.1
for opt in --plain --lessons --width --format --help --version; do
	check "man page documents $opt" grep -q -- "$(echo "$opt" | sed 's/-/\\\\-/g')" "$man"
	check "--help documents $opt" grep -q -- "$opt" "$T/out"
done
for var in ROLLWISE_LESSONS XDG_DATA_HOME XDG_DATA_DIRS XDG_STATE_HOME NO_COLOR; do
	check "man page documents $var" grep -q "$var" "$man"
done
# Every command --help lists has its usage line, a man page entry and a README line.
readme=$ROLLWISE_TESTS/../README.md
sed -n '/^Commands:/,/^$/p' "$T/out" | awk -F '   *' '/^  [a-z]/{print $2}' >"$T/cmds"
check "--help lists commands" [ "$(awk '{print $1}' "$T/cmds" | tr '\n' ' ')" = "check list progress review submit class report " ]
sed 's/\\f[BIR]//g' "$man" >"$T/man.txt"
while read -r c args; do
	check "--help has a usage line for $c" grep -qF "rollwise $c [OPTION]...${args:+ $args}" "$T/out"
	check "man page documents $c${args:+ $args}" grep -qxF ".B $c${args:+ $args}" "$T/man.txt"
	check "README documents $c${args:+ $args}" grep -qF "    rollwise $c${args:+ $args} " "$readme"
done <"$T/cmds"

# list shows the courses with counts.
"$R" list --lessons "$T/first" >"$T/out"
check "list shows id, counts and title" grep -q "^sun-care  *1 lesson,  *3 questions  *Sun care after rolling" "$T/out"

# list shows the bundled courses in the order their authors set, as the menus do.
"$R" list --lessons "$ROLLWISE_TESTS/../lessons" >"$T/out" 2>"$T/err"
check "list: exit 0 on the bundled courses" [ $? -eq 0 ]
awk '{print $1}' "$T/out" >"$T/ids"
printf '%s\n' basics who-should-not-roll home-roller-safety professional-vs-home aftercare >"$T/want"
check "list: bundled courses in their set order" cmp -s "$T/want" "$T/ids"
# A course of your own without an order comes after them; one with order 15 between.
mkdir -p "$T/own"
sed 's/^order: 60$/order: 15/' "$T/example.yaml" >"$T/own/sun.yaml"
sed -e '/^order:/d' -e 's/^id: sun-care$/id: zz-no-order/' "$T/example.yaml" >"$T/own/plain.yaml"
"$R" list --lessons "$T/own" --lessons "$ROLLWISE_TESTS/../lessons" | awk '{print $1}' >"$T/ids"
printf '%s\n' basics sun-care who-should-not-roll home-roller-safety professional-vs-home aftercare zz-no-order >"$T/want"
check "list: order 15 goes second, no order goes last" cmp -s "$T/want" "$T/ids"
