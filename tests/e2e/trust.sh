# trust.sh - lesson folders and course files other users can change (as
# ssh's StrictModes): not loaded from the search path, loaded from --lessons
# with a warning; the warning on every list of courses (list, plain mode,
# the course menu) and in check; a course that hides a bundled one says so.
. "$ROLLWISE_TESTS/lib.sh"
export LANG=C.UTF-8
G=$ROLLWISE_TESTS/fixtures/good
R=$ROLLWISE_BIN
umask 022	# what the tests write is the learner's own, writable only by them

# course ID TITLE: the test course under another id and title.
course() { sed -e "s/^id: testcourse\$/id: $1/" -e "s/^title: Test course\$/title: $2/" "$G/tutor.yaml"; }

# The bundled course (XDG_DATA_DIRS: installed for everyone, not the build
# tree's lessons/, which a sanitizer build out of the tree does not read).
mkdir -p "$T/sys/rollwise/lessons"
course who-should-not-roll "Bundled screening" >"$T/sys/rollwise/lessons/who.yaml"
export XDG_DATA_DIRS="$T/sys"

# Another user's false advice, in a folder anyone can write to.
mkdir -p "$T/open"
course who-should-not-roll "Fake screening" >"$T/open/fake.yaml"
chmod 777 "$T/open"
open_note="Not loaded, as other users can change it (writable by everyone): $T/open. Make it yours and writable only by you."

# --- from ROLLWISE_LESSONS: left out, and said on every list ---
ROLLWISE_LESSONS="$T/open" "$R" list >"$T/out" 2>"$T/err"
check "open folder: list exits 0 (got $?)" [ $? -eq 0 ]
check "open folder: its course is not listed" sh -c "! grep -q 'Fake screening' '$T/out'"
check "open folder: the bundled course is listed" grep -q "^who-should-not-roll .*Bundled screening\$" "$T/out"
check "open folder: list warns, naming it" grep -qxF "rollwise: $open_note" "$T/err"
check "open folder: one warning" [ "$(wc -l <"$T/err")" -eq 1 ]

printf 'q\n' | ROLLWISE_LESSONS="$T/open" "$R" --plain --width 0 >"$T/out" 2>&1
check "open folder: plain mode leaves the course out" sh -c "! grep -q 'Fake screening' '$T/out'"
check "open folder: plain mode's course list warns" grep -qxF "$open_note" "$T/out"

ROLLWISE_LESSONS="$T/open" "$R" check >"$T/out" 2>"$T/err"
check "open folder: check warns" grep -qxF "$T/open: warning: not loaded: other users can change it (writable by everyone); make it yours and writable only by you" "$T/err"

# (plain mode above has shown the first-run notice: the tutor opens on the menu)
tstart 80x24 "ROLLWISE_LESSONS='$T/open' $R"
check "open folder: the course menu warns" waitfor "Not loaded, as other users can change it (writable by everyone):"
check "open folder: the menu names the folder" onscreen "$T/open."
check "open folder: the menu shows the bundled course" onscreen "1. Bundled screening"
check "open folder: not the other user's" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -q 'Fake screening'"
check "open folder: the bundled course is not marked as replaced" sh -c "! tmux -S '$SOCK' capture-pane -p -t t | grep -q 'replaces the bundled'"
keys q
check "open folder: the tutor quits" waitfor "[exited 0]"

# With nothing else to show, the empty menu still says why. A copy of the
# program out of the build tree does not read the tree's lessons/.
mkdir -p "$T/bin"
cp "$R" "$T/bin/rollwise"
R=$T/bin/rollwise
XDG_DATA_DIRS="$T/nodata" ROLLWISE_LESSONS="$T/open" "$R" list >"$T/out" 2>"$T/err"
check "open folder alone: no courses (exit 1)" [ $? -eq 1 ]
check "open folder alone: list still warns" grep -qxF "rollwise: $open_note" "$T/err"
printf 'q\n' | XDG_DATA_DIRS="$T/nodata" ROLLWISE_LESSONS="$T/open" "$R" --plain --width 0 >"$T/out" 2>&1
check "open folder alone: plain mode says no courses and why" sh -c "grep -q 'No courses were found' '$T/out' && grep -qxF '$open_note' '$T/out'"
tstart 80x24 "XDG_DATA_DIRS='$T/nodata' ROLLWISE_LESSONS='$T/open' $R"
check "open folder alone: the empty menu warns" waitfor "Not loaded, as other users can change it"
check "open folder alone: and says no courses were found" onscreen "No courses were found."

# --- named with --lessons: loaded, with the warning; the mark ---
named_note="Loaded only because --lessons names it, though other users can change it (writable by everyone): $T/open."
"$R" list --lessons "$T/open" >"$T/out" 2>"$T/err"
check "--lessons open folder: list exits 0" [ $? -eq 0 ]
check "--lessons open folder: its course is listed, marked" grep -q "^who-should-not-roll .*Fake screening  (replaces the bundled course)\$" "$T/out"
check "--lessons open folder: list warns" grep -qxF "rollwise: $named_note" "$T/err"
printf 'q\n' | "$R" --plain --width 0 --lessons "$T/open" >"$T/out" 2>&1
check "--lessons open folder: plain mode marks the course" grep -qF "1. Fake screening (2 lessons, 0 passed; replaces the bundled course)" "$T/out"
check "--lessons open folder: plain mode warns" grep -qxF "$named_note" "$T/out"
"$R" check "$T/open" >"$T/out" 2>"$T/err"
check "check of an open folder: exit 0, loaded" grep -q "^1 course, 4 questions: 0 errors, 1 warning" "$T/err"
check "check of an open folder: warns" grep -qxF "$T/open: warning: other users can change it (writable by everyone); loaded only because it was named" "$T/err"
tstart 80x24 "$R --lessons '$T/open'"
check "--lessons open folder: the menu warns" waitfor "Loaded only because --lessons names it, though other users"
check "--lessons open folder: the menu shows the course" onscreen "1. Fake screening"
check "--lessons open folder: marked as replacing the bundled one" onscreen "2 lessons, 0 passed; replaces the bundled course"

# --- a folder of your own that hides a bundled course: the mark alone ---
mkdir -p "$T/mine"
course who-should-not-roll "My screening" >"$T/mine/who.yaml"
course my-own "Mine alone" >"$T/mine/own.yaml"
ROLLWISE_LESSONS="$T/mine" "$R" list >"$T/out" 2>"$T/err"
check "own folder: the course hiding a bundled one is marked" grep -q "^who-should-not-roll .*My screening  (replaces the bundled course)\$" "$T/out"
check "own folder: a course of its own is not" grep -q "^my-own .*Mine alone\$" "$T/out"
check "own folder: no warning" [ ! -s "$T/err" ]

# --- files: writable by the group, a link to another user's file ---
mkdir -p "$T/files"
course grp "Group writable" >"$T/files/grp.yaml"
chmod 664 "$T/files/grp.yaml"
course fine "Fine" >"$T/files/fine.yaml"
ln -s "$T/open/fake.yaml" "$T/files/link.yaml"
chmod 666 "$T/open/fake.yaml"
ROLLWISE_LESSONS="$T/files" "$R" list >"$T/out" 2>"$T/err"
check "group-writable file: not listed" sh -c "! grep -q 'Group writable' '$T/out'"
check "group-writable file: the others in the folder are" grep -q "^fine " "$T/out"
check "group-writable file: named, with the one more" grep -qxF "rollwise: Not loaded, as other users can change it (writable by its group): $T/files/grp.yaml. Make it yours and writable only by you. 1 more like it: see 'rollwise check'." "$T/err"
check "a link to a file anyone can write: not listed" sh -c "! grep -q 'Fake screening' '$T/out'"
ROLLWISE_LESSONS="$T/files" "$R" check 2>"$T/err"
check "check names the linked file as its link" grep -qF "$T/files/link.yaml: warning: not loaded: other users can change it (writable by everyone)" "$T/err"

# --- a sticky folder anyone can write to: our own files in it load ---
mkdir -p "$T/sticky"
course sticky-one "In a sticky folder" >"$T/sticky/s.yaml"
chmod 1777 "$T/sticky"
ROLLWISE_LESSONS="$T/sticky" "$R" list >"$T/out" 2>"$T/err"
check "sticky folder: our file loads" grep -q "^sticky-one " "$T/out"
check "sticky folder: no warning" [ ! -s "$T/err" ]

# --- owned by another user (root's files are trusted; only root can chown) ---
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$T/theirs"
	course theirs "Their course" >"$T/theirs/t.yaml"
	chown 65534 "$T/theirs"
	ROLLWISE_LESSONS="$T/theirs" "$R" list >"$T/out" 2>"$T/err"
	check "folder owned by another user: not loaded" sh -c "! grep -q 'Their course' '$T/out'"
	check "folder owned by another user: named" grep -qxF "rollwise: Not loaded, as other users can change it (owned by another user, uid 65534): $T/theirs. Make it yours and writable only by you." "$T/err"
	chown 0 "$T/theirs"
	chown 65534 "$T/theirs/t.yaml"
	chmod 666 "$T/theirs/t.yaml"
	ROLLWISE_LESSONS="$T/theirs" "$R" list >"$T/out" 2>"$T/err"
	check "file owned by another user: not loaded" sh -c "! grep -q 'Their course' '$T/out'"
	check "file owned by another user, writable by all: both said" grep -qF "(writable by everyone, owned by another user, uid 65534): $T/theirs/t.yaml." "$T/err"
	chown 0 "$T/theirs/t.yaml"
	chmod 644 "$T/theirs/t.yaml"
	ROLLWISE_LESSONS="$T/theirs" "$R" list >"$T/out" 2>"$T/err"
	check "file owned by root: loaded" grep -q "^theirs " "$T/out"
else
	skip "files owned by another user" "only root can give a file to another user"
fi
