# install.sh - make install / uninstall honour PREFIX and DESTDIR.
. "$ROLLWISE_TESTS/lib.sh"
root=$(cd "$ROLLWISE_TESTS/.." && pwd)
D="$T/dest"
make -s -C "$root" install DESTDIR="$D" VARIANT="${VARIANT:-release}" >"$T/log" 2>&1
check "make install DESTDIR=... succeeds" [ $? -eq 0 ]
check "binary installed, mode 755" [ "$(stat -c %a "$D/usr/local/bin/rollwise")" = 755 ]
check "man page installed" [ -f "$D/usr/local/share/man/man1/rollwise.1" ]
check "course format guide installed" [ -f "$D/usr/local/share/doc/rollwise/lesson-format.md" ]
check "translations installed under DATADIR/locale" [ -f "$D/usr/local/share/locale/pt_BR/LC_MESSAGES/rollwise.mo" ]
n=$(ls "$D/usr/local/share/rollwise/lessons/"*.yaml | wc -l)
check "bundled lessons installed ($n files)" [ "$n" -eq "$(ls "$root"/lessons/*.yaml | wc -l)" ]
"$D/usr/local/bin/rollwise" check "$D/usr/local/share/rollwise/lessons" 2>"$T/err"
check "installed lessons pass check" [ $? -eq 0 ]
# The installed binary is not in the build tree: it does not read its lessons/.
# Decided whatever the machine has installed: the DESTDIR lessons come first
# on the path (XDG_DATA_DIRS), behind a copy of them, so "check" reports
# every other copy of a course it reads as hidden, naming the file.
shadow=$T/shadow/rollwise/lessons
mkdir -p "$shadow"
cp "$root"/lessons/*.yaml "$shadow/"
probe() { # BINARY: what "check" says about the lessons on its search path
	(cd "$T" && XDG_DATA_DIRS="$T/shadow:$D/usr/local/share" "$@" check) >"$T/probe" 2>&1
}
probe "$D/usr/local/bin/rollwise"
check "installed binary reads the lessons XDG_DATA_DIRS points at" \
	grep -qF "$D/usr/local/share/rollwise/lessons/basics.yaml:2:1: warning: course 'basics' is hidden by $shadow/basics.yaml" "$T/probe"
check "installed binary ignores the source tree's lessons" sh -c "! grep -qF '$root/lessons/' '$T/probe'"
# The probe sees the source tree when a binary does read it.
probe env ROLLWISE_LESSONS="$root/lessons" "$D/usr/local/bin/rollwise"
check "the probe names lessons/ when told to read it" grep -qF "hidden by $root/lessons/basics.yaml" "$T/probe"
if [ "$(dirname "$ROLLWISE_BIN")" = "$root" ]; then
	probe "$ROLLWISE_BIN"
	check "the probe names lessons/ for the binary in the build tree" \
		grep -qF "$root/lessons/basics.yaml:2:1: warning: course 'basics' is hidden by $shadow/basics.yaml" "$T/probe"
else
	skip "the probe names lessons/ for the binary in the build tree" "this build's binary is not in the source dir"
fi
make -s -C "$root" uninstall DESTDIR="$D" VARIANT="${VARIANT:-release}" >"$T/log" 2>&1
check "make uninstall succeeds" [ $? -eq 0 ]
left=$(find "$D" -type f | wc -l)
check "uninstall removes every installed file ($left left)" [ "$left" -eq 0 ]
