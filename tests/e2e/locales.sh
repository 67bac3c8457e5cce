# locales.sh - every locale is safe. In C and in ISO-8859-1 no byte the
# terminal cannot show is written, by the curses screens, plain mode, list,
# check or the progress export: text is transliterated ("ação" becomes
# "acao") or becomes "?", and no C1 byte (0x80-0x9F) is ever written. In
# UTF-8 a course of emoji and CJK titles (two columns each) is laid out at
# the widths curses draws with: no row pushed into the next at 80x24 or 40x10.
. "$ROLLWISE_TESTS/lib.sh"
unset LANGUAGE LC_ALL LC_MESSAGES LC_CTYPE LANG
export ROLLWISE_SEED=1
R=$ROLLWISE_BIN
W="--lessons $ROLLWISE_TESTS/fixtures/wide"
LATIN1=pt_BR.ISO-8859-1

# high FILE / c1 FILE: how many bytes of FILE are outside ASCII / C1 controls.
bytes() { od -An -tu1 -v "$1" | tr -s ' ' '\n' | grep -v '^$'; }
high() { bytes "$1" | awk '$1 >= 128' | wc -l; }
c1() { bytes "$1" | awk '$1 >= 128 && $1 < 160' | wc -l; }
has_latin1() { [ -n "$(LC_ALL=$LATIN1 locale charmap 2>/dev/null | grep -x ISO-8859-1)" ]; }

# A course file with errors whose messages quote text outside ASCII.
mkdir -p "$T/bad"
sed 's/^version: 1$/versão: 1/; s/kind: review/kind: revisão/' \
	"$ROLLWISE_TESTS/fixtures/wide/wide.yaml" >"$T/bad/wide.yaml"

# everything LOCALE: the CLI and plain mode in LOCALE, into $T/out-LOCALE.
everything() {
	o=$T/out-$1
	export XDG_STATE_HOME="$T/state-$1"
	{
		LC_ALL=$1 "$R" $W list
		LC_ALL=$1 "$R" $W --lang pt_BR list wide
		LC_ALL=$1 "$R" check "$T/bad/wide.yaml"
		LC_ALL=$1 "$R" --lang pt_BR check "$T/bad/wide.yaml"
		printf '1\n1\n\n1\n\nq\nq\nq\n' | LC_ALL=$1 "$R" --plain --lang pt_BR $W
		LC_ALL=$1 "$R" $W progress
		LC_ALL=$1 "$R" $W progress --format csv
		LC_ALL=$1 "$R" $W progress --format json --answers
	} >"$o" 2>&1
}

everything C
check "C: the CLI, check and plain mode wrote only ASCII ($(high "$T/out-C") bytes outside)" \
	[ "$(high "$T/out-C")" -eq 0 ]
check "C: titles transliterated (ação as acao, the dash as --)" grep -q -- 'Rolo ? ? .* -- acao, coracao' "$T/out-C"
check "C: check's messages carry the transliterated key" grep -q 'versao' "$T/out-C"
check "C: --lang pt_BR still speaks Portuguese, without accents" grep -q 'Numero do curso' "$T/out-C"
check "C: the export's rows are there" grep -q '^wide,wide-lesson,passed' "$T/out-C"

everything POSIX
check "POSIX: only ASCII too" [ "$(high "$T/out-POSIX")" -eq 0 ]

if has_latin1; then
	everything $LATIN1
	check "ISO-8859-1: no C1 control byte written ($(c1 "$T/out-$LATIN1") found)" \
		[ "$(c1 "$T/out-$LATIN1")" -eq 0 ]
	check "ISO-8859-1: ção is written as the bytes 0xE7 0xE3 o" \
		sh -c "LC_ALL=C grep -q \"$(printf '\347\343o')\" '$T/out-$LATIN1'"
	check "ISO-8859-1: no UTF-8 left (no 0xC3 lead byte before a continuation)" \
		sh -c "! LC_ALL=C grep -q \"$(printf '\303[\200-\277]')\" '$T/out-$LATIN1'"
else
	skip "ISO-8859-1 output" "no $LATIN1 locale (tests/run.sh makes one with localedef)"
fi

# tui LOCALE SIZE: the walk through every screen of the wide course, with
# what the program wrote recorded by tmux (pipe-pane) into $T/raw-LOCALE-SIZE.
# Each screen is waited for (the words are ASCII in every locale), so the
# walk is known to have reached it.
tui() {
	raw=$T/raw-$1-$2
	: >"$raw"
	export XDG_STATE_HOME="$T/tui-$1-$2"
	tstart "$2" "LC_ALL=$1 $R --lang pt_BR $W"
	tm pipe-pane -o -t t "cat >>$raw"
	reached() { check "$1 at $2: the walk reached $3" waitfor "$4"; }
	waitfor "rollwise" >/dev/null
	advance "Enter: continuar"
	keys Enter; reached "$1" "$2" "the menu" "1. Rolo"
	keys Enter; reached "$1" "$2" "the lessons" "1. Li"
	keys '?'; reached "$1" "$2" "the help" "Teclas"
	keys q Enter; reached "$1" "$2" "the reader" "um --"
	keys s; reached "$1" "$2" "the sources" "Fonte"
	keys q z; reached "$1" "$2" "the quiz" "Qual"
	keys 2 Enter; reached "$1" "$2" "the verdict" "certo."
	keys Enter; reached "$1" "$2" "the result" "acertou"
	keys q q q; reached "$1" "$2" "the end" "[exited 0]"
	tend
}

for size in 80x24 40x10; do
	tui C $size
	check "C at $size: the curses screens wrote only ASCII ($(high "$T/raw-C-$size") bytes outside)" \
		[ "$(high "$T/raw-C-$size")" -eq 0 ]
	check "C at $size: the walk was recorded" [ -s "$T/raw-C-$size" ]
	if has_latin1; then
		tui $LATIN1 $size
		check "ISO-8859-1 at $size: no C1 control byte on screen" [ "$(c1 "$T/raw-$LATIN1-$size")" -eq 0 ]
	fi
done

# UTF-8: the screens with wide text, whole, against goldens (tests/golden,
# "make goldens" rewrites them): every row within the width, none pushed.
export LANG=C.UTF-8
cp "$R" "$T/rw"
for size in 80x24 40x10; do
	export XDG_STATE_HOME="$T/golden-$size"
	tstart $size "$T/rw $W"
	waitfor "Welcome to rollwise" >/dev/null
	advance "Enter: continue"
	keys Enter
	golden wide-menu "1. Rolo"
	keys Enter
	golden wide-lessons "1. Lição"
	keys Enter
	golden wide-reader "Página"
	keys z
	golden wide-quiz "Qual"
	keys 2 Enter
	golden wide-verdict "Errada"
	tend
done
tend
