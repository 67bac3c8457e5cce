# install.sh - make install / uninstall honour PREFIX and DESTDIR.
. "$ROLLWISE_TESTS/lib.sh"
root=$(cd "$ROLLWISE_TESTS/.." && pwd)
D="$T/dest"
make -s -C "$root" install DESTDIR="$D" VARIANT="${VARIANT:-release}" >"$T/log" 2>&1
check "make install DESTDIR=... succeeds" [ $? -eq 0 ]
check "binary installed, mode 755" [ "$(stat -c %a "$D/usr/local/bin/rollwise")" = 755 ]
check "man page installed" [ -f "$D/usr/local/share/man/man1/rollwise.1" ]
check "course format guide installed" [ -f "$D/usr/local/share/doc/rollwise/lesson-format.md" ]
n=$(ls "$D/usr/local/share/rollwise/lessons/"*.yaml | wc -l)
check "bundled lessons installed ($n files)" [ "$n" -eq "$(ls "$root"/lessons/*.yaml | wc -l)" ]
"$D/usr/local/bin/rollwise" check "$D/usr/local/share/rollwise/lessons" 2>"$T/err"
check "installed lessons pass check" [ $? -eq 0 ]
# The installed binary is not in the build tree: it does not read its lessons/.
"$D/usr/local/bin/rollwise" list >"$T/out" 2>&1
check "installed binary ignores the source tree's lessons" sh -c "! grep -q '^basics' '$T/out' || [ -d /usr/local/share/rollwise/lessons ]"
make -s -C "$root" uninstall DESTDIR="$D" VARIANT="${VARIANT:-release}" >"$T/log" 2>&1
check "make uninstall succeeds" [ $? -eq 0 ]
left=$(find "$D" -type f | wc -l)
check "uninstall removes every installed file ($left left)" [ "$left" -eq 0 ]
