# i18n.sh - the language of messages: --lang, the environment, and a locale
# that is not installed.
. "$ROLLWISE_TESTS/lib.sh"
root=$(cd "$ROLLWISE_TESTS/.." && pwd)
R=$ROLLWISE_BIN
L="--lessons $ROLLWISE_TESTS/fixtures/good"
unset LANGUAGE LC_ALL LC_MESSAGES LC_CTYPE
export LANG=C.UTF-8 ROLLWISE_SEED=1

"$R" --help >"$T/help" 2>&1
check "--help documents --lang" grep -q -- '--lang LL_CC  ' "$T/help"
check "man page documents --lang" grep -q -- '\\-\\-lang' "$root/man/rollwise.1"
check "README documents --lang" grep -q -- 'rollwise --lang pt_BR' "$root/README.md"
"$R" --lang 'pt_BR;rm' list >"$T/out" 2>"$T/err"
check "--lang with no language name is a usage error (exit 2)" [ $? -eq 2 ]
check "--lang: the error names the value" grep -q "^rollwise: --lang takes a language like pt_BR, not pt_BR;rm" "$T/err"
"$R" --lang >"$T/out" 2>"$T/err"
check "--lang with no value is a usage error (exit 2)" [ $? -eq 2 ]
"$R" --lang=pt_BR list $L >"$T/out" 2>&1
check "--lang=pt_BR list works (exit 0)" [ $? -eq 0 ]
printf 'q\n' | LANG=pt_BR.UTF-8 "$R" --plain $L >"$T/pt" 2>&1
check "a locale that is not installed still runs the tutor" grep -q '^1\. Test course' "$T/pt"
