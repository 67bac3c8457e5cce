# cache.sh - the courses cache (courses.cache in the state folder): a second
# start takes an unchanged course from it without reading the YAML, and
# never shows a course that is not what its files say now: an edit that
# keeps the size and the time, another language, a damaged cache, a link in
# its place are each seen.
. "$ROLLWISE_TESTS/lib.sh"
L="$T/lessons"
mkdir -p "$L"
cp "$ROLLWISE_TESTS/fixtures/good/tutor.yaml" "$ROLLWISE_TESTS/fixtures/good/tutor.pt_BR.yaml" "$L/"
cache="$XDG_STATE_HOME/rollwise/courses.cache"
# The course menu in plain mode (the first-run notice needs an Enter).
menu() { printf '\nq\n' | $ROLLWISE_BIN --plain --lessons "$L" "$@" >"$T/out" 2>"$T/err"; }
# Whether the last traced start read the bytes of the file named $1.
if strace -o /dev/null true 2>/dev/null; then
	traced() { printf '\nq\n' | strace -f -y -e trace=read -o "$T/trace" \
		$ROLLWISE_BIN --plain --lessons "$L" "$@" >"$T/out" 2>"$T/err"; }
else
	traced() { menu "$@"; }
fi
read_it() { grep -q "^[0-9]* *read([0-9]*<[^>]*/$1>" "$T/trace"; }
can_trace() { strace -o /dev/null true 2>/dev/null; }

menu
check "first start: the course is on the menu" grep -q '^1\. Test course (' "$T/out"
# The menu's lines, to compare two starts (the first also shows the notice).
courses() { grep '^[0-9]*\. \|lessons passed\.$' "$1"; }
check "first start: the cache is made" test -f "$cache"
check "the cache is private (0600)" test "$(stat -c %a "$cache")" = 600
check "it is the cache's format" sh -c "head -c 24 '$cache' | grep -q 'rollwise course cache 1'"
courses "$T/out" >"$T/first"

if can_trace; then
	traced
	courses "$T/out" >"$T/second"
	check "second start: the same menu" cmp -s "$T/second" "$T/first"
	check "second start: tutor.yaml is not read" sh -c "! grep -q 'tutor.yaml>' '$T/trace'"
	check "second start: the cache is read" read_it courses.cache
else
	skip "second start takes the course from the cache" "strace cannot run here"
fi

# An edit that keeps the size and the modification time.
f="$L/tutor.yaml"
cp -p "$f" "$T/orig"
sed 's/^title: Test course$/title: Best course/' "$T/orig" >"$f"
touch -r "$T/orig" "$f"
check "the edit kept the size" test "$(stat -c %s "$f")" = "$(stat -c %s "$T/orig")"
traced
check "an edit with the same size and time is seen" grep -q '^1\. Best course (' "$T/out"
if can_trace; then
	check "the edited file is read again" read_it tutor.yaml
fi
menu
check "and the next start still shows it" grep -q '^1\. Best course (' "$T/out"

# The language is part of what a course was made from.
menu --lang pt_BR
check "in Portuguese, the translation's title" grep -q '^1\. Curso de teste (' "$T/out"
menu --lang pt_BR
check "again in Portuguese, from the cache" grep -q '^1\. Curso de teste (' "$T/out"
menu --lang en
check "back in English, the course's own title" grep -q '^1\. Best course (' "$T/out"

# A damaged cache: not used, and written afresh.
cp "$T/out" "$T/english"
head -c 24 "$cache" >"$T/bad"
head -c 20000 /dev/urandom >>"$T/bad"
cp "$T/bad" "$cache"
# Temporary files of a write killed midway go when the cache is written.
tmp="$XDG_STATE_HOME/rollwise/.courses.cache.tmp-"
: >"${tmp}1.killed"
touch -d '2 minutes ago' "${tmp}1.killed"
: >"${tmp}2.writing"
menu --lang en
check "a damaged cache: the menu is right" cmp -s "$T/out" "$T/english"
check "a damaged cache: nothing said to the learner" test ! -s "$T/err"
check "a damaged cache is written afresh" sh -c "! cmp -s '$cache' '$T/bad'"
check "a killed write's left-over is removed" test ! -e "${tmp}1.killed"
check "a write going on beside it is left alone" test -e "${tmp}2.writing"
: >"$cache"
menu --lang en
check "an empty cache: the menu is right" cmp -s "$T/out" "$T/english"

# A link in its place is replaced, never written through.
echo "not yours" >"$T/victim"
rm -f "$cache"
ln -s "$T/victim" "$cache"
menu --lang en
check "a link at the cache: the menu is right" cmp -s "$T/out" "$T/english"
check "a link at the cache: its target is untouched" grep -qx "not yours" "$T/victim"
check "a link at the cache: a file of ours instead" sh -c "[ -f '$cache' ] && [ ! -L '$cache' ]"

# A course file taken away, and a broken one: reported at every start.
rm "$L/tutor.pt_BR.yaml"
printf 'id: broken\ntitle: Broken\nversion: 1\nlessons: []\n' >"$L/broken.yaml"
for run in 1 2; do
	menu --lang pt_BR
	check "start $run: without its translation, the course's own title" grep -q '^1\. Best course (' "$T/out"
	menu --lang en
	check "start $run: a broken file is reported" grep -q "^1 course file could not be read: run 'rollwise check'" "$T/out"
done
