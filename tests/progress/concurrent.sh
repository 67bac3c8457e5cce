#!/bin/sh
# concurrent.sh - two sessions of one user save at once; after both finish,
# every answer and attempt from each is in the file.
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
