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
PKGS     = hunspell libutf8proc libpcre2-8
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -MMD -MP
CPPFLAGS += -DPL_VERSION='"$(VERSION)"' -DPL_DATADIR='"$(DATADIR)"'
CPPFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null)

ifdef SANITIZE
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif

LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  = $(LIB_SRC:.c=.o)
TEST_SRC = $(wildcard tests/check_*.c)
TEST_OBJ = $(TEST_SRC:.c=.o)

# Debian packages the build and the tests need.
DEB_PKGS = gcc make pkg-config libhunspell-dev hunspell-en-us hunspell-en-gb \
           libutf8proc-dev libpcre2-dev check

all: presslint

presslint: src/main.o src/libpresslint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

src/libpresslint.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

tests/check_all: $(TEST_OBJ) src/libpresslint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs check 2>/dev/null)

tests/%.o: tests/%.c
	$(CC) $(CPPFLAGS) -Isrc $(shell pkg-config --cflags check 2>/dev/null) $(CFLAGS) -c -o $@ $<

# Install what is missing (as root), or say exactly what to run.
deps:
	@sh tests/install-deps.sh $(DEB_PKGS)

# Golden and command-line tests first; Check's summary line comes last.
check: deps
	@$(MAKE) --no-print-directory presslint tests/check_all
	@sh tests/run-golden.sh ./presslint
	@sh tests/run-cli.sh ./presslint
	@cd tests && ./check_all

# Recall on injected errors and false alarms on clean copy (not pass/fail).
quality: presslint quality/quality
	./quality/quality $(QUALITY_ARGS)

quality/quality: quality/quality.c
	$(CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o $@ $<

demo: deps
	@$(MAKE) --no-print-directory presslint
	./presslint tests/cases/seed-article.txt; test $$? -le 1

install: presslint
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/rules \
		$(DESTDIR)$(DATADIR)/dictionaries
	install -m 755 presslint $(DESTDIR)$(PREFIX)/bin/presslint
	install -m 644 rules/*.txt rules/*.rules $(DESTDIR)$(DATADIR)/rules/
	install -m 644 dictionaries/*.txt $(DESTDIR)$(DATADIR)/dictionaries/

clean:
	rm -f presslint src/*.o src/*.d src/*.a tests/*.o tests/*.d tests/check_all \
		quality/quality

.PHONY: all deps check demo quality install clean

-include $(wildcard src/*.d tests/*.d)
