# rollwise - a terminal tutor. Plain make; see README.md.
.SUFFIXES:

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share
MANDIR    ?= $(PREFIX)/share/man
LOCALEDIR ?= $(DATADIR)/locale
DESTDIR   ?=
VERSION   := 1.0.0

CC        ?= cc
PKGS      := ncursesw yaml-0.1
# Evaluated when a recipe runs, after the deps step has installed what is missing.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lncursesw -ltinfo -lyaml) -lm
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wwrite-strings -Wpointer-arith -Wcast-qual \
        -Wundef -Wvla -Wnull-dereference -Wimplicit-fallthrough
ifeq ($(CI),true)
WARN += -Werror
endif

# VARIANT=asan builds everything with AddressSanitizer and UBSan into build/asan.
VARIANT ?= release
ifeq ($(VARIANT),asan)
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else ifeq ($(VARIANT),debug)
# DWARF 4: valgrind 3.19 cannot read clang's default DWARF 5.
OPT := -O0 -gdwarf-4
else
OPT := -O2 -g
endif

CFLAGS   ?=
LDFLAGS  ?=
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE \
             $(OPT) $(WARN) -Isrc $(PKG_CFLAGS) \
             -DROLLWISE_VERSION='"$(VERSION)"' \
             -DROLLWISE_DATADIR='"$(DATADIR)/rollwise/lessons"' \
             -DROLLWISE_LOCALEDIR='"$(LOCALEDIR)"' \
             -DROLLWISE_SRCDIR='"$(CURDIR)"' $(CFLAGS)
ALL_LDFLAGS = $(OPT) $(LDFLAGS)

B := build/$(VARIANT)
CORE_SRC := $(sort $(wildcard src/core/*.c))
UI_SRC   := $(sort $(wildcard src/tui/*.c src/plain/*.c src/*.c))
CORE_OBJ := $(CORE_SRC:%.c=$(B)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(B)/%.o)
UNIT_SRC := $(sort $(wildcard tests/core/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/core/%.c=$(B)/tests/%)
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(B)/tools/%)

# Translations: po/LL.po gives build/locale/LL/LC_MESSAGES/rollwise.mo. On a
# terminal that is not UTF-8, src/core/charset.c transliterates what is shown.
LINGUAS := $(patsubst po/%.po,%,$(sort $(wildcard po/*.po)))
MO := $(foreach l,$(LINGUAS),build/locale/$(l)/LC_MESSAGES/rollwise.mo)
POT_SRC := $(sort $(wildcard src/*.c src/*/*.c))
XGETTEXT := xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	--keyword=ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 --add-comments=TRANSLATORS --sort-by-file \
	--add-location=file --package-name=rollwise --package-version=$(VERSION) \
	--msgid-bugs-address=https://github.com/rollwise/rollwise/issues

ifeq ($(VARIANT),release)
PROG := rollwise
else
PROG := $(B)/rollwise
endif

.PHONY: all pot run check check-unit check-asan check-valgrind deps deps-test goldens goldens-show \
        install uninstall clean fuzz bench FORCE

all: $(PROG) $(MO)

deps:
	@sh scripts/deps.sh build

deps-test:
	@sh scripts/deps.sh test

$(PROG): $(CORE_OBJ) $(UI_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Objects depend on the flags they were built with, so "make PREFIX=/usr"
# after a default build rebuilds with the right lesson path.
SQ := '
$(B)/.flags: FORCE | deps
	@mkdir -p $(@D)
	@echo '$(subst $(SQ),'\'',$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS))' >$@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

FORCE:

$(B)/%.o: %.c $(B)/.flags | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/%: tests/core/%.c $(CORE_OBJ) | deps-test
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(CORE_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

$(B)/tools/%: tests/tools/%.c $(CORE_OBJ) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(CORE_OBJ) $(PKG_LIBS) -lutil

build/locale/%/LC_MESSAGES/rollwise.mo: po/%.po | deps
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The template translators start from; check tells when it is out of date
# (it writes POT=elsewhere and compares).
POT ?= po/rollwise.pot
pot: | deps
	$(XGETTEXT) -o $(POT) $(POT_SRC)

run: $(PROG) $(MO)
	./$(PROG)

# The test binaries and the program, then every test; the last line is
# "N passed, N failed, N skipped".
check: $(PROG) $(MO) $(UNIT_BIN) $(TOOL_BIN) $(B)/bench/ptydrive | deps-test
	@ROLLWISE_BIN=$(CURDIR)/$(PROG) BUILD=$(CURDIR)/$(B) VARIANT=$(VARIANT) sh tests/run.sh

# Full-screen goldens (tests/golden): rewrite them from the program as it is,
# then review what changed with git diff; goldens-show draws each one.
goldens: $(PROG) | deps-test
	@ROLLWISE_BIN=$(CURDIR)/$(PROG) ROLLWISE_TESTS=$(CURDIR)/tests UPDATE_GOLDENS=1 \
	  sh tests/e2e/golden.sh; \
	  UPDATE_GOLDENS=1 ROLLWISE_BIN=$(CURDIR)/$(PROG) ROLLWISE_TESTS=$(CURDIR)/tests sh tests/e2e/locales.sh
	@git --no-pager diff --stat -- tests/golden; git status --short -- tests/golden

goldens-show:
	@for f in tests/golden/*.ref; do printf '\n== %s\n' "$$f"; cat "$$f"; done

check-unit: $(PROG) $(UNIT_BIN) $(TOOL_BIN) | deps-test
	@BUILD=$(CURDIR)/$(B) UNIT_ONLY=1 sh tests/run.sh

check-asan:
	@$(MAKE) --no-print-directory VARIANT=asan check

check-valgrind:
	@$(MAKE) --no-print-directory VARIANT=debug $(patsubst build/release/%,build/debug/%,$(UNIT_BIN) $(TOOL_BIN))
	@BUILD=$(CURDIR)/build/debug UNIT_ONLY=1 \
	  WRAP="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --suppressions=$(CURDIR)/tests/valgrind.supp" \
	  sh tests/run.sh

install: $(PROG) $(MO)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rollwise/lessons $(DESTDIR)$(MANDIR)/man1
	cp $(PROG) $(DESTDIR)$(BINDIR)/rollwise
	chmod 755 $(DESTDIR)$(BINDIR)/rollwise
	cp lessons/*.yaml $(DESTDIR)$(DATADIR)/rollwise/lessons/
	chmod 644 $(DESTDIR)$(DATADIR)/rollwise/lessons/*.yaml
	cp man/rollwise.1 $(DESTDIR)$(MANDIR)/man1/rollwise.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/rollwise.1
	mkdir -p $(DESTDIR)$(DATADIR)/doc/rollwise
	cp docs/lesson-format.md docs/class-report.md $(DESTDIR)$(DATADIR)/doc/rollwise/
	chmod 644 $(DESTDIR)$(DATADIR)/doc/rollwise/lesson-format.md \
	  $(DESTDIR)$(DATADIR)/doc/rollwise/class-report.md
	for l in $(LINGUAS); do \
	  mkdir -p $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  cp build/locale/$$l/LC_MESSAGES/rollwise.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ && \
	  chmod 644 $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/rollwise.mo || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rollwise $(DESTDIR)$(MANDIR)/man1/rollwise.1
	rm -f $(DESTDIR)$(DATADIR)/doc/rollwise/lesson-format.md \
	  $(DESTDIR)$(DATADIR)/doc/rollwise/class-report.md
	-rmdir $(DESTDIR)$(DATADIR)/doc/rollwise
	for f in lessons/*.yaml; do rm -f "$(DESTDIR)$(DATADIR)/rollwise/$$f"; done
	-rmdir $(DESTDIR)$(DATADIR)/rollwise/lessons $(DESTDIR)$(DATADIR)/rollwise
	for l in $(LINGUAS); do \
	  rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/rollwise.mo; \
	done

clean:
	rm -rf build rollwise

-include $(CORE_OBJ:.o=.d) $(UI_OBJ:.o=.d)

# Fuzzing: libFuzzer targets (tests/fuzz/) built with clang, ASan and UBSan
# into build/fuzz/, apart from the normal build. make fuzz-smoke runs each for
# 30 s; make fuzz for FUZZ_SECONDS. The last line is "N passed, N failed".
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 1260
FZ           := build/fuzz
FUZZ_CFLAGS   = -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=all \
                $(WARN) -Isrc -Itests $(shell pkg-config --cflags yaml-0.1 2>/dev/null) \
                -DROLLWISE_VERSION='"$(VERSION)"' \
                -DROLLWISE_DATADIR='"$(DATADIR)/rollwise/lessons"' \
             -DROLLWISE_LOCALEDIR='"$(LOCALEDIR)"' \
                -DROLLWISE_SRCDIR='"$(CURDIR)"'
YAML_LIBS     = $(shell pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml) -lm
FUZZ_OBJ     := $(CORE_SRC:%.c=$(FZ)/%.o)
FUZZ_BIN     := $(FZ)/fuzz_course $(FZ)/fuzz_progress $(FZ)/fuzz_flow $(FZ)/progress_seeds

.PHONY: fuzz-smoke deps-fuzz

deps-fuzz:
	@sh scripts/deps.sh fuzz

$(FZ)/%.o: %.c | deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FZ)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(YAML_LIBS)

$(FZ)/progress_seeds: tests/fuzz/progress_seeds.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -o $@ $< $(FUZZ_OBJ) $(YAML_LIBS)

fuzz-smoke: $(FUZZ_BIN)
	@FUZZ_BUILD=$(CURDIR)/$(FZ) sh tests/fuzz/smoke.sh 30

fuzz: $(FUZZ_BIN)
	@FUZZ_BUILD=$(CURDIR)/$(FZ) sh tests/fuzz/smoke.sh $(FUZZ_SECONDS)

-include $(FUZZ_OBJ:.o=.d)

# Benchmarks (bench/): figures, never a pass or a fail; writes docs/benchmarks.md.
BENCH_BIN := $(B)/bench/yamlscan $(B)/bench/loadtime $(B)/bench/ptydrive $(B)/bench/progress

$(B)/bench/loadtime $(B)/bench/progress: $(B)/bench/%: bench/%.c $(CORE_OBJ) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(CORE_OBJ) $(PKG_LIBS)

$(B)/bench/%: bench/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(PKG_LIBS) -lutil

bench: $(PROG) $(BENCH_BIN) $(B)/tools/measure | deps-test
	@ROLLWISE_BIN=$(CURDIR)/$(PROG) BENCH_BUILD=$(CURDIR)/$(B)/bench \
	  MEASURE=$(CURDIR)/$(B)/tools/measure sh bench/run.sh
