# presslint - a proofreading linter for journalism.
#
#   make            build ./presslint
#   make check      install missing Debian packages (as root), build, run tests
#   make demo       lint the bundled sample article
#   make quality    recall and false alarms on the Wikinews corpus
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/presslint
VERSION  = 0.1.0

CC      ?= cc
PKGS     = hunspell libutf8proc libpcre2-8 md4c gumbo
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -MMD -MP -pthread
CPPFLAGS += -DPL_VERSION='"$(VERSION)"' -DPL_DATADIR='"$(DATADIR)"'
CPPFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Hunspell is loaded when first needed (src/pl_speller.c), not linked: the
# library pkg-config finds, by the name it is loaded at run time under (its
# SONAME; the development link if objdump cannot say).
HUNSPELL_LIB    := $(patsubst -l%,lib%.so,$(filter -l%,$(shell pkg-config --libs hunspell 2>/dev/null)))
HUNSPELL_PATH   := $(shell pkg-config --variable=libdir hunspell 2>/dev/null)/$(HUNSPELL_LIB)
HUNSPELL_SONAME := $(or $(shell objdump -p $(HUNSPELL_PATH) 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }'),$(HUNSPELL_LIB))
CPPFLAGS += $(if $(HUNSPELL_SONAME),-DPL_HUNSPELL_SONAME='"$(HUNSPELL_SONAME)"')
LDLIBS  += $(shell pkg-config --libs $(filter-out hunspell,$(PKGS)) 2>/dev/null) -pthread

ifdef SANITIZE
# a sanitized build frees everything before it exits (see free_at_exit)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -DPL_FREE_AT_EXIT
LDFLAGS += -fsanitize=$(SANITIZE)
# linked, not loaded when needed: see PL_HUNSPELL_LINKED in src/pl_speller.c
CPPFLAGS += -DPL_HUNSPELL_LINKED
LDLIBS  += $(shell pkg-config --libs hunspell 2>/dev/null)
endif

LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  = $(LIB_SRC:.c=.o)
TEST_SRC = $(wildcard tests/check_*.c)
TEST_OBJ = $(TEST_SRC:.c=.o)

# Debian packages the build and the tests need.
DEB_PKGS = gcc make pkg-config libhunspell-dev hunspell-en-us hunspell-en-gb \
           hunspell-tools libutf8proc-dev libpcre2-dev libmd4c-dev libgumbo-dev check jq patch

# Word indexes (see src/pl_wordidx.h) for the English Hunspell dictionaries
# installed, built with unmunch from hunspell-tools, and for the typo list.
# Without one, presslint asks Hunspell itself (or reads the list), only
# slower to start.
HUNSPELL_DIR ?= /usr/share/hunspell
INDEX_LANGS := $(patsubst $(HUNSPELL_DIR)/%.dic,%,$(wildcard $(HUNSPELL_DIR)/en_*.dic))
FOLDED_LISTS := proper-nouns given-names
INDEXES := $(INDEX_LANGS:%=dictionaries/index/%.idx) dictionaries/index/typos.idx \
           $(FOLDED_LISTS:%=dictionaries/index/%.idx) \
           dictionaries/index/proper-nouns-runs.idx dictionaries/index/proper-nouns-later.idx

all: presslint $(INDEXES)

presslint: src/main.o src/libpresslint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

src/libpresslint.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

tools/mkwordidx: tools/mkwordidx.c src/libpresslint.a
	$(CC) $(CPPFLAGS) -Isrc $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# An index changes with the dictionary and with the code that writes it, not
# with every change to the library mkwordidx links (order-only).
IDX_CODE = src/pl_wordidx.c src/pl_wordidx.h src/pl_wordlist.c tools/mkwordidx.c
# The typo list's index (pl_wordidx_build_list): read at start-up instead of
# the list when it was built from the list as it is.
dictionaries/index/typos.idx: dictionaries/typos.txt $(IDX_CODE) | tools/mkwordidx
	@mkdir -p dictionaries/index
	./tools/mkwordidx --typos dictionaries/typos.txt $@

# The lists the engine reads folded (pl_wordlist_open_index), the same way.
$(FOLDED_LISTS:%=dictionaries/index/%.idx): dictionaries/index/%.idx: \
		dictionaries/%.txt $(IDX_CODE) | tools/mkwordidx
	@mkdir -p dictionaries/index
	./tools/mkwordidx --folded dictionaries/$*.txt $@

# The parts of the proper nouns' multi-word entries (pl_wordlist_phrase_parts).
dictionaries/index/proper-nouns-%.idx: dictionaries/proper-nouns.txt $(IDX_CODE) | tools/mkwordidx
	@mkdir -p dictionaries/index
	./tools/mkwordidx --$* dictionaries/proper-nouns.txt $@

dictionaries/index/%.idx: $(HUNSPELL_DIR)/%.dic $(HUNSPELL_DIR)/%.aff $(IDX_CODE) | tools/mkwordidx
	@mkdir -p dictionaries/index
	@if command -v unmunch >/dev/null 2>&1; then \
		unmunch $(HUNSPELL_DIR)/$*.dic $(HUNSPELL_DIR)/$*.aff > $@.words 2>/dev/null && \
		./tools/mkwordidx $@.words $(HUNSPELL_DIR)/$*.dic $(HUNSPELL_DIR)/$*.aff $@; \
		status=$$?; rm -f $@.words; exit $$status; \
	else \
		echo "presslint: no unmunch (Debian: hunspell-tools): $@ not built; Hunspell will answer"; \
	fi

tests/check_all: $(TEST_OBJ) src/libpresslint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs check 2>/dev/null)

tests/%.o: tests/%.c
	$(CC) $(CPPFLAGS) -Isrc $(shell pkg-config --cflags check 2>/dev/null) $(CFLAGS) -c -o $@ $<

# Install what is missing (as root), or say exactly what to run.
deps:
	@sh tests/install-deps.sh $(DEB_PKGS)

# Golden, command-line, bad-input, editor and pre-commit tests first;
# Check's summary line comes last. The golden cases and the unit suites
# run again with the SIMD paths capped (PRESSLINT_SIMD, src/pl_cpu.h), so
# that the SSSE3 and baseline paths are tested on a machine with AVX2.
SIMD_CAPS = ssse3 sse2

check: deps
	@$(MAKE) --no-print-directory all tests/check_all
	@sh tests/run-golden.sh ./presslint
	@for simd in $(SIMD_CAPS); do \
		echo "PRESSLINT_SIMD=$$simd:"; \
		PRESSLINT_SIMD=$$simd sh tests/run-golden.sh ./presslint || exit 1; \
		(cd tests && PRESSLINT_SIMD=$$simd ./check_all >simd.log 2>&1) || \
			{ cat tests/simd.log; exit 1; }; \
		tail -n 1 tests/simd.log; \
	done
	@sh tests/run-cli.sh ./presslint
	@sh tests/run-sarif.sh ./presslint
	@sh tests/run-fix.sh ./presslint
	@sh tests/run-install.sh
	@sh tests/run-bad-input.sh ./presslint
	@sh tests/run-regressions.sh ./presslint
	@sh tests/run-editors.sh
	@sh tests/run-precommit.sh
	@cd tests && ./check_all

# Recall on injected errors and false alarms on clean copy (not pass/fail).
quality: presslint quality/quality
	./quality/quality $(QUALITY_ARGS)

# Throughput, latency, memory and -j scaling against wc -w, a bare Hunspell
# loop and codespell (a measurement, not a test; see bench/README.md).
bench: presslint bench/hunspell-loop bench/peak-rss bench/cpu-speed
	sh bench/run.sh

bench/hunspell-loop: bench/hunspell-loop.c
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra $$(pkg-config --cflags hunspell) -o $@ $< $$(pkg-config --libs hunspell)

bench/peak-rss: bench/peak-rss.c
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o $@ $<

bench/cpu-speed: bench/cpu-speed.c
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o $@ $<

quality/quality: quality/quality.c
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o $@ $<

demo: deps
	@$(MAKE) --no-print-directory all
	./presslint tests/cases/seed-article.txt; test $$? -le 1

install: all $(INDEXES)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/rules \
		$(DESTDIR)$(DATADIR)/dictionaries $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 presslint $(DESTDIR)$(PREFIX)/bin/presslint
	install -m 644 presslint.1 $(DESTDIR)$(PREFIX)/share/man/man1/presslint.1
	install -m 644 rules/*.txt rules/*.rules $(DESTDIR)$(DATADIR)/rules/
	# -p: the lists' indexes are stamped with the lists' times
	install -p -m 644 dictionaries/*.txt $(DESTDIR)$(DATADIR)/dictionaries/
	if [ -n "$(wildcard dictionaries/index/*.idx)" ]; then \
		install -d $(DESTDIR)$(DATADIR)/dictionaries/index && \
		install -p -m 644 dictionaries/index/*.idx $(DESTDIR)$(DATADIR)/dictionaries/index/; fi

clean:
	rm -f presslint src/*.o src/*.d src/*.a tests/*.o tests/*.d tests/check_all tests/simd.log \
		quality/quality tools/mkwordidx dictionaries/index/*.idx \
		bench/hunspell-loop bench/peak-rss bench/cpu-speed

.PHONY: all deps check demo quality bench install clean

-include $(wildcard src/*.d tests/*.d)
-include fuzz/fuzz.mk
