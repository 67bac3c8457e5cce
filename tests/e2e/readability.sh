# readability.sh - every page of the bundled courses reads at Flesch-Kincaid
# grade 8 or below (scripts/readability.py), and the quiz figures script
# reads the courses the way rollwise does.
. "$ROLLWISE_TESTS/lib.sh"
root=$(cd "$ROLLWISE_TESTS/.." && pwd)

python3 "$root/scripts/readability.py" "$root/lessons" >"$T/out" 2>&1
st=$?
check "every bundled page at grade 8 or below (exit $st)" [ $st -eq 0 ]
grep ' OVER$' "$T/out" | sed 's/^/# /'
# Courses, not their translations (basics.pt_BR.yaml).
n=$(ls "$root"/lessons/*.yaml | grep -cvE '\.[a-z]{2,3}(_[A-Z]{2})?\.yaml$')
c=$(grep -c '^course .* (all pages) ' "$T/out")
check "a grade line for each of the $n courses (got $c)" [ "$c" -eq "$n" ]

# A page written in long sentences of long words is caught, with exit 1.
mkdir -p "$T/hard"
cat >"$T/hard/hard.yaml" <<'YAML'
id: hard
title: Hard
version: 1
lessons:
  - id: l
    title: L
    pages:
      - id: dense
        title: Dense
        text: |
          Post-inflammatory hyperpigmentation consequent upon percutaneous
          collagen induction necessitates comprehensive photoprotective
          considerations, particularly among individuals with constitutionally
          darker pigmentation characteristics.
    quiz:
      questions:
        - id: q
          kind: true-false
          prompt: P
          explanation: E
          choices: [ { text: "True", correct: true }, { text: "False", feedback: F } ]
YAML
python3 "$root/scripts/readability.py" "$T/hard" >"$T/out" 2>&1
st=$?
check "a page above grade 8 fails (exit $st)" [ $st -eq 1 ]
check "the page above grade 8 is named" grep -q '^hard/l/dense .* OVER$' "$T/out"

# The figures script counts the questions that rollwise counts, and finds a
# review page for every question and a kind for every source.
"$ROLLWISE_BIN" check "$root/lessons" 2>"$T/err"
want=$(sed -n 's/^[0-9]* courses, \([0-9]*\) questions:.*/\1/p' "$T/err")
python3 "$root/scripts/quizstats.py" "$root/lessons" >"$T/out" 2>&1
st=$?
check "quizstats runs (exit $st)" [ $st -eq 0 ]
got=$(sed -n 's/^all courses: \([0-9]*\) questions.*/\1/p' "$T/out")
check "quizstats counts $want questions, as rollwise does (got $got)" [ -n "$want" -a "$got" = "$want" ]
check "every bundled question names a review page and every source a kind" \
	grep -q "^  without review: 0; sources without kind: 0 of" "$T/out"
