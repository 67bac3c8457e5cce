# translations.sh - course translations (NAME.LL_CC.yaml beside NAME.yaml):
# what check reports about them, and what learners see through them in the
# curses screens, plain mode, list and progress, in every language.
. "$ROLLWISE_TESTS/lib.sh"
root=$(cd "$ROLLWISE_TESTS/.." && pwd)
R=$ROLLWISE_BIN
F=$ROLLWISE_TESTS/fixtures/translations
unset LANGUAGE LC_ALL LC_MESSAGES LC_CTYPE
export LANG=C.UTF-8 ROLLWISE_SEED=1

# --- check: every translation beside the course, with file:line:col. ---
cd "$F" || exit 1
"$R" check . >"$T/out" 2>"$T/err"
check "check on the fixtures: errors, exit 1" [ $? -eq 1 ]
cat >"$T/want" <<'END'
./tiny.es.yaml:5:10: warning: translates version 2; the course is version 3: learners see the original, marked
./tiny.fr.yaml:3:9: error: translates course 'small', but ./tiny.yaml is course 'tiny'
./tiny.fr.yaml:4:7: error: 'lang' must name a language as ll or ll_CC (pt, pt_BR), not 'fr_fr'
./tiny.fr.yaml:5:10: error: translates version 4; the course is only at version 3
./tiny.fr.yaml:9:3: error: the course has no source 'src-b'
./tiny.fr.yaml:11:3: error: the course has no lesson 'three'
./tiny.fr.yaml:19:9: error: unknown key 'sources' in a page
./tiny.fr.yaml:20:7: error: the course has no page 'hi' in this lesson
./tiny.fr.yaml:27:11: error: 'choices' lists 3 choices; the course's question has 2, in the same order
./tiny.fr.yaml:28:23: error: the course has no 'feedback' here; a translation holds only text the course has
./tiny.fr.yaml:31:7: error: the course has no question 'color' in this lesson
./tiny.pt_BR.yaml:2:1: warning: source 'src-a' is not translated; learners see the original, marked
./tiny.pt_BR.yaml:2:1: warning: lesson 'two' is not translated; learners see the original, marked
./tiny.pt_BR.yaml:9:3: warning: page 'bye' is not translated; learners see the original, marked
./tiny.pt_BR.yaml:22:13: warning: the feedback of choice 2 is not translated; learners see the original, marked
1 course, 2 questions: 10 errors, 5 warnings
END
if cmp -s "$T/want" "$T/err"; then ok "check: each problem of each translation, located"
else fail "check: each problem of each translation, located"; diff "$T/want" "$T/err" | sed 's/^/# /'; fi
"$R" check tiny.es.yaml >"$T/out" 2>"$T/err"
check "check on a stale translation alone: a warning, exit 0" [ $? -eq 0 ]
check "check on a stale translation alone: the version, at its value" \
	sh -c "grep -qx 'tiny.es.yaml:5:10: warning: translates version 2; the course is version 3: learners see the original, marked' '$T/err' && tail -1 '$T/err' | grep -qx '1 course, 2 questions: 0 errors, 1 warning'"
"$R" check tiny.yaml >"$T/out" 2>"$T/err"
check "check on the course file: exit 1 for its broken translation" [ $? -eq 1 ]
check "check on the course file: its translations' 15 messages too" \
	sh -c "[ \$(grep -c '^tiny\\.[a-zA-Z_]*\\.yaml:' '$T/err') -eq 15 ]"
"$R" --lang pt_BR check tiny.pt_BR.yaml >"$T/out" 2>"$T/err"
check "check: translation messages in Portuguese" \
	grep -qx "tiny.pt_BR.yaml:9:3: aviso: a página 'bye' não está traduzida; quem estuda vê o original, marcado" "$T/err"
"$R" check tiny.yaml tiny.pt_BR.yaml >"$T/out" 2>"$T/err"
check "check COURSE TRANSLATION: the course once, the translation read with it" \
	sh -c "! grep -q 'also used by' '$T/err' && [ \$(grep -c \"tiny.pt_BR.yaml:9:3: warning: page 'bye'\" '$T/err') -eq 1 ]"
mkdir "$T/broken"
printf 'id: tiny\nversion: 3\n' >"$T/broken/tiny.yaml"
cp tiny.pt_BR.yaml "$T/broken/"
"$R" check "$T/broken/tiny.pt_BR.yaml" >"$T/out" 2>"$T/err"
check "check TRANSLATION whose course is broken: the course's errors, exit 1" \
	sh -c "[ $? -eq 1 ] && grep -q '^$T/broken/tiny.yaml:1:1: error: the course is missing' '$T/err'"
mkdir "$T/orphan"
cp tiny.pt_BR.yaml "$T/orphan/"
"$R" check "$T/orphan/tiny.pt_BR.yaml" >"$T/out" 2>"$T/err"
check "check: a translation without its course is an error" \
	grep -qx "$T/orphan/tiny.pt_BR.yaml: error: no course file $T/orphan/tiny.yaml beside this translation; it is not read" "$T/err"
cd "$T" || exit 1

# The bundled courses and their translations check clean.
"$R" check "$root/lessons" >"$T/out" 2>"$T/err"
st=$?
check "bundled lessons and translations: exit $st, no warning" \
	sh -c "[ $st -eq 0 ] && grep -qx '5 courses, 94 questions: 0 errors, 0 warnings' '$T/err'"
check "translations are not courses: five courses in lessons/" \
	sh -c "[ \$(ls '$root'/lessons/*.yaml | wc -l) -eq 10 ]"
python3 -c "import sys; sys.path.insert(0, '$root/scripts'); import course_yaml as c; \
assert not [f for f in c.course_files(['$root/lessons']) if 'pt_BR' in f]; \
assert c.course_files(['$root/lessons/basics.pt_BR.yaml']) == []" 2>"$T/err"
check "course_yaml.course_files leaves translations out" [ $? -eq 0 ]

# The documented example translation checks clean against the example course.
mkdir "$T/doc"
awk '/^```yaml/{f=1;next}/^```/{f=0}f' "$root/docs/lesson-format.md" >"$T/doc/sun-care.yaml"
awk '/^~~~yaml/{f=1;next}/^~~~/{f=0}f' "$root/docs/lesson-format.md" >"$T/doc/sun-care.pt_BR.yaml"
"$R" check "$T/doc" >"$T/out" 2>"$T/err"
check "documented translation: exit 0, no warning" \
	sh -c "[ $? -eq 0 ] && grep -qx '1 course, 3 questions: 0 errors, 0 warnings' '$T/err'"
"$R" --lang pt_BR list sun-care --lessons "$T/doc" >"$T/out" 2>&1
check "documented translation: used" grep -q 'Por que o sol importa$' "$T/out"

# --- The language: --lang, else LANGUAGE, LC_ALL, LC_MESSAGES, LANG. ---
B="--lessons $root/lessons"
"$R" list $B >"$T/en" 2>&1
check "list under C.UTF-8: course titles in English" grep -q '^basics .* Microneedling basics$' "$T/en"
"$R" --lang pt_BR list $B >"$T/pt" 2>&1
check "--lang pt_BR list: course titles in Portuguese" grep -q '^basics .* O básico do microagulhamento$' "$T/pt"
"$R" --lang pt list $B >"$T/pt" 2>&1
check "--lang pt: no pt file, English" grep -q '^basics .* Microneedling basics$' "$T/pt"
LANG=pt_BR.UTF-8 "$R" list basics $B >"$T/pt" 2>&1
check "LANG=pt_BR.UTF-8 list COURSE: lesson titles in Portuguese" grep -q '^what-it-is .* O que é o microagulhamento$' "$T/pt"
LANGUAGE=de:pt_BR LC_MESSAGES=en_US.UTF-8 "$R" list $B >"$T/pt" 2>&1
check "LANGUAGE=de:pt_BR: the first language with a translation" grep -q 'O básico do microagulhamento$' "$T/pt"
LANGUAGE=pt_BR LC_ALL=C "$R" list $B >"$T/c" 2>&1
check "LC_ALL=C: no translation, as gettext ignores LANGUAGE there" grep -q 'Microneedling basics$' "$T/c"
LANG=fr_FR.UTF-8 LC_MESSAGES=pt_BR.UTF-8 "$R" list $B >"$T/pt" 2>&1
check "LC_MESSAGES over LANG" grep -q 'O básico do microagulhamento$' "$T/pt"

# --- Plain mode through a pipe, with LANG (the locale may be missing here). ---
printf '1\n\nq\nq\n' | LANG=pt_BR.UTF-8 XDG_STATE_HOME=$T/plain "$R" --plain $B >"$T/out" 2>&1
check "plain LANG=pt_BR.UTF-8: the course list in Portuguese" grep -q '^1\. O básico do microagulhamento (' "$T/out"
check "plain LANG=pt_BR.UTF-8: the first page's text in Portuguese" grep -q 'Este curso é informação para aprender' "$T/out"

# The mark where text is missing (pt_BR) or stale (es): the original, never blank.
Lf="--lessons $F"
printf '1\n1\n\n\nq\nq\n' | XDG_STATE_HOME=$T/m1 "$R" --lang pt_BR --plain $Lf >"$T/out" 2>&1
check "missing: a translated lesson title" grep -q '^1\. Lição um (' "$T/out"
check "missing: a lesson it lacks, marked" grep -q '^2\. \[sem tradução\] Lesson two (' "$T/out"
check "missing: a source it lacks, marked" grep -q '^- \[sem tradução\] Source A, a citation' "$T/out"
check "missing: a page it lacks, marked title" grep -q 'Página 2 de 2: \[sem tradução\] Bye page' "$T/out"
check "missing: and its text, the mark a paragraph of its own" \
	sh -c "grep -A2 -x '\\[sem tradução\\]' '$T/out' | grep -qx 'The bye page says goodbye.'"
printf '1\n\nq\nq\n' | XDG_STATE_HOME=$T/m2 "$R" --lang es --plain $Lf >"$T/out" 2>&1
check "stale: the course title is the original, marked" grep -q '^\[untranslated\] Tiny course' "$T/out"
check "stale: even translated page text is not shown" sh -c "! grep -q 'primer punto' '$T/out'"
check "stale: the original page, marked" grep -q 'Page 1 of 2: \[untranslated\] Hello page' "$T/out"
check "stale: bullets stay bullets after the mark" grep -q '^- first bullet of the hello page' "$T/out"

# --- Progress is the same in every language. ---
S=$T/shared
printf '1\n\n\nq\nq\n' | XDG_STATE_HOME=$S "$R" --lang pt_BR --plain $Lf >"$T/out" 2>&1
printf 'q\n' | XDG_STATE_HOME=$S "$R" --plain $Lf >"$T/out" 2>&1
check "progress made under --lang pt_BR shows in English" \
	grep -q '^1\. Tiny course (2 lessons, 0 passed)' "$T/out"
printf '1\nq\nq\n' | XDG_STATE_HOME=$S "$R" --plain $Lf >"$T/out" 2>&1
check "the lesson is in progress in English" grep -q '^1\. Lesson one (in progress, page 2 of 2)' "$T/out"
printf '1\n2\n\n\nq\nq\n' | XDG_STATE_HOME=$S "$R" --plain $Lf >"$T/out" 2>&1
printf '1\nq\nq\n' | XDG_STATE_HOME=$S "$R" --lang pt_BR --plain $Lf >"$T/out" 2>&1
check "progress made in English shows under --lang pt_BR" \
	grep -q '^2\. \[sem tradução\] Lesson two (em andamento' "$T/out"
XDG_STATE_HOME=$S "$R" progress --format json $Lf >"$T/en.json" 2>&1
XDG_STATE_HOME=$S "$R" --lang pt_BR progress --format json $Lf >"$T/pt.json" 2>&1
check "progress export: the same records in both languages" cmp -s "$T/en.json" "$T/pt.json"
check "progress export: the lessons are there" grep -q '"lesson": *"two"' "$T/pt.json"

# --- The curses screens with --lang pt_BR on the bundled courses. ---
tstart 80x24 "env XDG_STATE_HOME=$T/tui $R --lang pt_BR $B"
check "tui: the notice" waitfor "Boas-vindas ao rollwise"
keys Enter
check "tui --lang pt_BR: the course title in the menu, in Portuguese" waitfor "O básico do microagulhamento"
keys Enter
check "tui: the lessons of the course, in Portuguese" waitfor "O que é o microagulhamento"
keys Enter
check "tui: the first page's text in Portuguese" waitfor "Este curso é informação para aprender"
tend

# No English left on the learner's path: every lesson of the five bundled
# courses walked in plain mode in Portuguese (each page, each question
# answered), and no common English word outside the lists of sources (whose
# titles are those of English-language publications).
walk() {
	printf '%s\n' "$1"
	for l in 1 2 3 4 5; do
		printf '%s\n' "$l"
		i=0; while [ $i -lt 14 ]; do printf '\n'; i=$((i + 1)); done
		i=0; while [ $i -lt 9 ]; do printf '1\n\n'; i=$((i + 1)); done
		printf 'q\n'
	done
	printf 'q\n'
}
export XDG_STATE_HOME="$T/walk"
{ printf '\n'; for c in 1 2 3 4 5; do walk $c; done; printf 'q\n'; } |
	"$R" --plain --lang pt_BR --lessons "$root/lessons" >"$T/walk.txt" 2>&1
n=$(grep -o '^Lição [0-9]* de [0-9]*: .*' "$T/walk.txt" | sort -u | wc -l)
check "pt_BR walk: all 21 lessons of the bundled courses were read ($n)" [ "$n" -ge 21 ]
check "pt_BR walk: questions were asked and answered" grep -q '^Por quê: ' "$T/walk.txt"
awk '/^Fontes:/ { skip = 1 } /^$/ { skip = 0 } !skip' "$T/walk.txt" |
	grep -nwiE 'the|and|you|your|with|not|is|of|to|skin|roller|page|lesson|quiz|question|next|back|help|passed|answer' >"$T/english"
check "pt_BR walk: no English word on the learner's path, outside the sources" [ ! -s "$T/english" ]
head -5 "$T/english" | sed 's/^/# /'

# The bundled translations against their courses, beyond what check reads:
# the same numbers and ranges in each text, the same cites, no English left.
python3 "$root/scripts/translation_check.py" "$root"/lessons/*.pt_BR.yaml >"$T/tc" 2>&1
rc=$?
check "translation_check.py: the pt_BR courses keep every number, range and cite ($(tail -n 1 "$T/tc"))" [ "$rc" -eq 0 ]
