# golden.sh - every screen, whole, at 80x24 and 40x10, text and attributes
# (tmux capture-pane -e), compared exactly with tests/golden/NAME-SIZE.ref.
# Review and update them with "make goldens" (UPDATE_GOLDENS=1 rewrites).
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8 ROLLWISE_SEED=1
# A copy the build tree's catalogues reach (build/..., as build/asan/rollwise)
# but with no bundled courses beside it: only the test course is on the menu.
root=$(cd "$ROLLWISE_TESTS/.." && pwd)
mkdir -p "$root/build/golden"
RWBIN=$root/build/golden/rw-$$
cp "$ROLLWISE_BIN" "$RWBIN"
trap 'rm -f "$RWBIN"; cleanup' EXIT
RW="$RWBIN --lessons $ROLLWISE_TESTS/fixtures/good"

# The walk's words in each language: English (goldens NAME-SIZE.ref) and
# Brazilian Portuguese (pt_BR-NAME-SIZE.ref), with the test course's
# translation (fixtures/good/tutor.pt_BR.yaml).
words() {
	case $1 in
	en)	P= LANGOPT= W_NOTICE="Welcome to rollwise" W_CONT="Enter: continue"
		W_MENU="1. Test course" W_HELP="Keys" W_LESSONS="1. First lesson"
		W_READER="Introduction page" W_SOURCES="Source A" W_QUIZ="Which answer is right?"
		W_VERDICT="Not right." W_LEAVE="Leave?" W_RESULT="You scored" W_CONTINUE="Continue:"
		W_SMALL="Please enlarge" W_CLASS="Nobody has handed in yet" ;;
	pt_BR)	P=pt_BR- LANGOPT="--lang pt_BR" W_NOTICE="Boas-vindas ao rollwise"
		W_CONT="Enter: continuar" W_MENU="1. Curso de teste" W_HELP="Teclas"
		W_LESSONS="1. Primeira lição" W_READER="Página de introdução"
		W_SOURCES="Fonte A" W_QUIZ="Qual resposta está certa?" W_VERDICT="Não está certo."
		W_LEAVE="Sair?" W_RESULT="Você acertou" W_CONTINUE="Continuar:"
		W_SMALL="Aumente a janela" W_CLASS="Ninguém entregou ainda" ;;
	esac
}

for lang in en pt_BR; do
words $lang
for size in 80x24 40x10; do
	export XDG_STATE_HOME="$T/state-$lang-$size"
	tstart $size "$RW $LANGOPT"
	golden ${P}notice "$W_NOTICE"
	advance "$W_CONT"
	keys Enter
	golden ${P}menu "$W_MENU"
	keys '?'
	golden ${P}help "$W_HELP"
	keys q Enter
	golden ${P}lessons "$W_LESSONS"
	keys Enter
	golden ${P}reader "$W_READER"
	keys s
	golden ${P}sources "$W_SOURCES"
	keys q z
	golden ${P}quiz "$W_QUIZ"
	keys 2 Enter
	golden ${P}verdict "$W_VERDICT"
	keys q
	golden ${P}leave "$W_LEAVE"
	keys n Enter t Enter Enter 1 3 Enter Enter
	golden ${P}result "$W_RESULT"
	keys q q
	golden ${P}continue "$W_CONTINUE"
	tm resize-window -t t -x 20 -y 5
	golden ${P}small "$W_SMALL"
	tend
	# the class screen: a class folder with one hand-in that is not the
	# user's own (so the screen is the same whoever runs the tests)
	mkdir -p "$T/class"
	cp "$ROLLWISE_TESTS/fixtures/class/worked/ana.rollwise" "$T/class/ana.rollwise"
	[ "$(id -un)" = ana ] && mv "$T/class/ana.rollwise" "$T/class/not-ana.rollwise"
	tstart $size "ROLLWISE_CLASS=$T/class $RW $LANGOPT"
	waitfor "$W_MENU" >/dev/null
	keys C
	golden ${P}class "$W_CLASS"
	tend
done
done

# Longer words must not push the key bar's last item ("?: help", the way to
# every other key) off the bar at 40x10: Portuguese runs 20-30 % longer.
for f in "$ROLLWISE_TESTS"/golden/*-40x10.ref; do
	name=$(basename "$f" .ref)
	case $name in *small-*) continue ;; esac
	bar=$(sed 's/\x1b\[[0-9;]*m//g' "$f" | grep -v '^ *$' | tail -n 1)
	case $bar in
	*"?: help" | *"?: ajuda") ok "$name: the key bar ends with the help key" ;;
	*) fail "$name: the key bar is cut: '$bar'" ;;
	esac
done
