#!/bin/sh
# deps.sh [build|test|fuzz] - install what rollwise needs, if it is missing.
# build: a C compiler's friends: pkg-config, ncursesw and libyaml headers,
#        gettext (msgfmt for the translations, xgettext for make pot).
# test:  build + cmocka, tmux, python3 and its yaml module (CSV/JSON checks,
#        the class report's reference), valgrind, locales (the sources of the
#        pt_BR locales the tests make).
# fuzz:  test + clang with libFuzzer.
# Silent when everything is there. Uses apt-get as root, sudo otherwise;
# elsewhere prints the package names to install and stops.
set -u
what=${1:-build}

missing_deb=""
need() { missing_deb="$missing_deb $1"; }

command -v pkg-config >/dev/null 2>&1 || need pkg-config
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists ncursesw 2>/dev/null || need libncurses-dev
	pkg-config --exists yaml-0.1 2>/dev/null || need libyaml-dev
else
	need libncurses-dev
	need libyaml-dev
fi
command -v msgfmt >/dev/null 2>&1 || need gettext
command -v xgettext >/dev/null 2>&1 || need gettext
if [ "$what" = test ] || [ "$what" = fuzz ]; then
	{ command -v pkg-config >/dev/null 2>&1 && pkg-config --exists cmocka 2>/dev/null; } || need libcmocka-dev
	command -v tmux >/dev/null 2>&1 || need tmux
	command -v python3 >/dev/null 2>&1 || need python3
	python3 -c 'import yaml' >/dev/null 2>&1 || need python3-yaml
	command -v valgrind >/dev/null 2>&1 || need valgrind
	[ -f /usr/share/i18n/locales/pt_BR ] || need locales
fi
if [ "$what" = fuzz ]; then
	command -v clang >/dev/null 2>&1 || need clang
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need libclang-rt-dev
fi

[ -z "$missing_deb" ] && exit 0

echo "rollwise: installing what the build needs:$missing_deb" >&2
if command -v apt-get >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "rollwise: not root and no sudo; as root run: apt-get install$missing_deb" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	# An old package list can name files the mirror no longer has: update first.
	$SUDO apt-get update -qq >&2 || exit 1
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing_deb >&2 || exit 1
	exit 0
fi

# Not Debian: say exactly what to install and stop.
cat >&2 <<MSG
rollwise: missing build dependencies and no apt-get here. Install them with one of:
  dnf install gcc make pkgconf-pkg-config ncurses-devel libyaml-devel gettext libcmocka-devel tmux python3 python3-pyyaml valgrind glibc-locale-source
  pacman -S --needed gcc make pkgconf ncurses libyaml gettext cmocka tmux python python-yaml valgrind
  brew install pkg-config ncurses libyaml gettext cmocka tmux python pyyaml
then run make again.
MSG
exit 1
