#!/bin/sh
# concurrent.sh - two sessions of one user save at once, then two that also
# compact the journal after every save; after both finish, every answer and
# attempt from each is in the file.
. "$ROLLWISE_TESTS/lib.sh"
tool=$BUILD/tools/savetool
N=150

"$tool" save -n "$N" -q A >"$T/a.out" 2>&1 &
pa=$!
"$tool" save -n "$N" -q B >"$T/b.out" 2>&1 &
pb=$!
wait "$pa"; ra=$?
wait "$pb"; rb=$?
check "writer A finished without error" test "$ra" -eq 0
check "writer B finished without error" test "$rb" -eq 0
check "all $N of writer A's answers are kept" test "$("$tool" count A-)" -eq "$N"
check "all $N of writer B's answers are kept" test "$("$tool" count B-)" -eq "$N"
sum=$("$tool" load)
echo "# $sum"
check "every attempt of both writers is counted ($((2 * N)))" \
	test "$(echo "$sum" | sed -n 's/.*attempts=\([0-9]*\).*/\1/p')" -eq $((2 * N))

# Two sessions that both compact after every save: nothing is lost either.
rm -rf "$XDG_STATE_HOME/rollwise"
"$tool" save -n "$N" -q C --compact >"$T/c.out" 2>&1 &
pc=$!
"$tool" save -n "$N" -q D --compact >"$T/d.out" 2>&1 &
pd=$!
wait "$pc"; rc=$?
wait "$pd"; rd=$?
check "compacting writers C and D finished without error" test "$rc" -eq 0 -a "$rd" -eq 0
check "all $N of writer C's answers are kept" test "$("$tool" count C-)" -eq "$N"
check "all $N of writer D's answers are kept" test "$("$tool" count D-)" -eq "$N"
sum=$("$tool" load)
check "every attempt of both compacting writers is counted ($((2 * N)))" \
	test "$(echo "$sum" | sed -n 's/.*attempts=\([0-9]*\).*/\1/p')" -eq $((2 * N))
