# i18n.sh - messages through gettext: the catalogue is complete and up to date
# with the sources, and Brazilian Portuguese shows on the CLI, in plain mode
# and on the curses screens, even where the pt_BR locale is not installed.
. "$ROLLWISE_TESTS/lib.sh"
root=$(cd "$ROLLWISE_TESTS/.." && pwd)
R=$ROLLWISE_BIN
L="--lessons $ROLLWISE_TESTS/fixtures/good"
unset LANGUAGE LC_ALL LC_MESSAGES LC_CTYPE
export LANG=C.UTF-8 ROLLWISE_SEED=1

# --- The catalogue. ---
# msgids (with plurals and translator comments) only: locations and dates move.
ids() { msgcat --no-location --no-wrap --sort-output "$1" | grep -v '^"POT-Creation-Date:'; }
make -s -C "$root" pot POT="$T/new.pot" >"$T/log" 2>&1
check "make pot POT=... regenerates the template" [ -s "$T/new.pot" ]
ids "$root/po/rollwise.pot" >"$T/old.ids"
ids "$T/new.pot" >"$T/new.ids"
if cmp -s "$T/old.ids" "$T/new.ids"; then ok "po/rollwise.pot is up to date with the sources"
else fail "po/rollwise.pot is out of date: run make pot"; diff "$T/old.ids" "$T/new.ids" | head -20 | sed 's/^/# /'; fi
msgfmt --check --statistics -o /dev/null "$root/po/pt_BR.po" >"$T/stats" 2>&1
check "msgfmt --check (formats, plurals, header) passes on pt_BR.po" [ $? -eq 0 ]
check "pt_BR.po: no fuzzy or untranslated message ($(cat "$T/stats"))" \
	sh -c "grep -q 'translated messages\.\$' '$T/stats' && ! grep -qE 'fuzzy|untranslated' '$T/stats'"
check "pt_BR.po has every msgid of the template" msgcmp "$root/po/pt_BR.po" "$T/new.pot"
mo=$root/build/locale/pt_BR/LC_MESSAGES/rollwise.mo
check "make built the catalogue into build/locale" [ -s "$mo" ]

# --- The language, from the environment or --lang. ---
printf 'q\n' | "$R" --plain $L >"$T/en" 2>&1
check "LANG=C.UTF-8: English as before" grep -q '^Course number, ' "$T/en"
if locale -a 2>/dev/null | grep -qix 'pt_BR.utf-\?8'; then
	note="pt_BR.UTF-8 is installed here"
else
	note="pt_BR.UTF-8 is not installed here"
fi
printf 'q\n' | LANG=pt_BR.UTF-8 "$R" --plain $L >"$T/pt" 2>&1
check "LANG=pt_BR.UTF-8 --plain: a Portuguese prompt ($note)" grep -q '^Número do curso, .*?: ajuda:' "$T/pt"
check "LANG=pt_BR.UTF-8 --plain: Portuguese counts" grep -q '(2 lições, 0 aprovadas)' "$T/pt"
# Where the locale is missing (LOCPATH at a folder without it), the language
# asked for still shows, over C.UTF-8.
mkdir -p "$T/nolocales"
printf 'q\n' | LOCPATH="$T/nolocales" LANG=pt_BR.UTF-8 "$R" --plain $L >"$T/pt4" 2>&1
check "LANG=pt_BR.UTF-8 with no pt_BR locale at all: still Portuguese" grep -q '^Número do curso, .*?: ajuda:' "$T/pt4"
check "LANG=pt_BR.UTF-8 with no pt_BR locale at all: accents kept (C.UTF-8)" grep -q '(2 lições, 0 aprovadas)' "$T/pt4"
printf 'q\n' | LANGUAGE=pt_BR "$R" --plain $L >"$T/pt2" 2>&1
check "LANGUAGE=pt_BR under C.UTF-8: Portuguese" grep -q '^Número do curso' "$T/pt2"
printf 'q\n' | LC_ALL=pt_BR.UTF-8 "$R" --plain $L >"$T/pt3" 2>&1
check "LC_ALL=pt_BR.UTF-8: Portuguese" grep -q '^Número do curso' "$T/pt3"
"$R" --lang pt_BR list $L >"$T/list" 2>&1
check "--lang pt_BR list: plurals from the catalogue" grep -q '^testcourse  *2 lições,  *4 perguntas  *Curso de teste' "$T/list"
"$R" --lang=pt_BR list testcourse $L >"$T/list" 2>&1
check "--lang=pt_BR list COURSE: pages and questions" grep -q ' página,  *[0-9]* perguntas\? ' "$T/list"
"$R" --lang pt_BR list nope $L --lessons "$root/lessons" >"$T/list" 2>"$T/err"
check "--lang pt_BR list NOPE: the ids named with the plural word" grep -q " (cursos: testcourse, " "$T/err"
LANGUAGE=en LANG=pt_BR.UTF-8 "$R" --lang pt_BR --help >"$T/help" 2>&1
check "--lang wins over LANGUAGE and LANG: --help in Portuguese" grep -q '^Uso: rollwise \[OPÇÃO\]' "$T/help"
check "--help in Portuguese documents --lang" grep -q -- '--lang LL_CC' "$T/help"
"$R" --help >"$T/help" 2>&1
check "--help documents --lang" grep -q -- '--lang LL_CC  ' "$T/help"
check "man page documents --lang" grep -q -- '\\-\\-lang' "$root/man/rollwise.1"
check "README documents --lang" grep -q -- 'rollwise --lang pt_BR' "$root/README.md"
"$R" --lang 'pt_BR;rm' list >"$T/out" 2>"$T/err"
check "--lang with no language name is a usage error (exit 2)" [ $? -eq 2 ]
"$R" --lang pt_BR --bogus >"$T/out" 2>"$T/err"
check "usage errors are translated too" grep -q '^rollwise: opção desconhecida: --bogus' "$T/err"
"$R" --lang pt_BR check "$ROLLWISE_TESTS/fixtures/good" >"$T/out" 2>"$T/err"
check "check: its summary in Portuguese" grep -q '^1 curso, 4 perguntas: 0 erro, 0 aviso$' "$T/err"
bad=$ROLLWISE_TESTS/fixtures/bad
"$R" --lang pt_BR check "$bad/empty.yaml" "$bad/many-errors.yaml" >"$T/out" 2>"$T/err"
check "check: diagnostics in Portuguese, in GCC's form" \
	grep -q "empty.yaml:1:1: erro: o arquivo está vazio; um curso começa com 'id:'" "$T/err"
check "check: a message with its words reordered" \
	grep -q "many-errors.yaml:2:1: erro: o curso tem uma chave desconhecida, 'tittle'; você quis dizer 'title'?" "$T/err"
printf 'id: x\n\377\377\n' >"$T/bytes.yaml"
"$R" --lang pt_BR check "$T/bytes.yaml" >"$T/out" 2>"$T/err"
check "check: messages diag_add translates (kept ones only) in Portuguese" \
	grep -q "bytes.yaml:2:1: erro: UTF-8 inválido (byte 0xff); salve o arquivo como UTF-8" "$T/err"
"$R" check "$bad/empty.yaml" >"$T/out" 2>"$T/err"
check "check: English unchanged under C.UTF-8" \
	grep -q "empty.yaml:1:1: error: the file is empty; a course starts with 'id:'" "$T/err"
"$R" --lang pt_BR progress $L >"$T/out" 2>&1
check "progress: text headings in Portuguese" grep -q '^CURSO  *LIÇÃO  *SITUAÇÃO  *MELHOR' "$T/out"
check "progress: a lesson's state in Portuguese" grep -q '^testcourse  *first  *não começada' "$T/out"
"$R" --lang pt_BR progress --format csv $L >"$T/out" 2>&1
check "progress --format csv: keys and values stay English" \
	sh -c "head -1 '$T/out' | grep -q '^course,lesson,status,' && grep -q ',not started,' '$T/out'"
mkdir -p "$T/st/rollwise"
printf -- '- {rollwise-progress: 2}\n- {ev: bogus\n' >"$T/st/rollwise/progress.log"
printf 'q\n' | XDG_STATE_HOME=$T/st "$R" --lang pt_BR --plain --width 0 $L >"$T/out" 2>&1
check "progress store: its notice and the line's fault in Portuguese" \
	grep -q 'Observação: 1 linha do seu progresso salvo não pôde ser lida e foi pulada (linha 2: a linha não é um mapeamento' "$T/out"

"$R" --lang pt_BR class init "$T/no/such/class" >"$T/out" 2>"$T/err"
check "class: its errors in Portuguese" grep -q "^rollwise: não foi possível criar $T/no/such/class: " "$T/err"

# An ASCII locale: Portuguese words, no byte outside ASCII.
LC_ALL=C "$R" --lang pt_BR --help >"$T/ascii" 2>&1
check "LC_ALL=C --lang pt_BR: Portuguese without accents" grep -q '^Opcoes:' "$T/ascii"
check "LC_ALL=C --lang pt_BR: only ASCII bytes" sh -c "! LC_ALL=C grep -q '[^ -~]' '$T/ascii'"
printf 'q\n' | LC_ALL=C LANGUAGE=pt_BR "$R" --plain $L >"$T/ascii" 2>&1
check "LC_ALL=C: C messages ignore LANGUAGE, as POSIX wants" grep -q '^Course number' "$T/ascii"

# --- The curses screens: the course menu's key bar fits at 80x24 and 40x10. ---
# widest: the widest line of the screen in columns.
widest() { screen | LC_ALL=C.UTF-8 wc -L; }
tstart 80x24 "env XDG_STATE_HOME=$T/tui LANG=pt_BR.UTF-8 $R $L"
check "tui: the notice in Portuguese" waitfor "Boas-vindas ao rollwise"
keys Enter
check "tui: the course menu in Portuguese" waitfor "rollwise: cursos"
check "tui 80x24: the key bar keeps ?: ajuda" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q 'Enter: abrir  q: sair  ?: ajuda'"
check "tui 80x24: no line wider than the screen ($(widest))" [ "$(widest)" -le 80 ]
tm resize-window -t t -x 40 -y 10
check "tui 40x10: the menu is redrawn" waitfor "lições aprovadas."
check "tui 40x10: the key bar keeps ?: ajuda" sh -c "tmux -S '$SOCK' capture-pane -p -t t | tail -1 | grep -q '?: ajuda'"
check "tui 40x10: no line wider than the screen ($(widest))" [ "$(widest)" -le 40 ]
keys '?'
check "tui: the key help in Portuguese" waitfor "Baixo, j: próximo item"
tend
