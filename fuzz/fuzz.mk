# fuzz/fuzz.mk - libFuzzer targets. Included from the Makefile
# (`-include fuzz/fuzz.mk`); also works alone: make -f fuzz/fuzz.mk fuzz
#
#   make fuzz FUZZ_SECONDS=60   install clang if missing, build fuzz/bin/*,
#                               fuzz each target for FUZZ_SECONDS; crash
#                               inputs land in fuzz/out/<target>/
#   make fuzz-regress           replay tests/fuzz/regressions/ and the seed
#                               corpora once through every target (no fuzzing)
#   make fuzz-build             only build the binaries
#   make fuzz-clean             remove fuzz/bin/ and fuzz/out/

# The repository root, wherever make runs from (must be read before any
# other include).
FUZZ_ROOT    := $(patsubst %/fuzz/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_TARGETS  = fuzz_lint fuzz_rules fuzz_tokens fuzz_markup fuzz_config
# The Makefile's pkg-config packages (read from it when run alone).
FUZZ_PKGS    ?= $(or $(PKGS),$(shell sed -n 's/^PKGS *= *//p' $(FUZZ_ROOT)/Makefile))
FUZZ_BIN      = $(FUZZ_ROOT)/fuzz/bin
FUZZ_OUT      = $(FUZZ_ROOT)/fuzz/out
FUZZ_SEEDS    = $(FUZZ_ROOT)/tests/fuzz
FUZZ_RUN_ARGS = -max_len=65536 -timeout=10
FUZZ_CFLAGS   = -g -O1 -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
                -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-missing-field-initializers \
                -I$(FUZZ_ROOT)/src -DFUZZ_REPO_ROOT='"$(FUZZ_ROOT)"' \
                -DPL_VERSION='"fuzz"' -DPL_DATADIR='"$(FUZZ_ROOT)"' \
                -DPL_HUNSPELL_LINKED \
                $(shell pkg-config --cflags $(FUZZ_PKGS) 2>/dev/null)
# A sanitizer build links Hunspell (PL_HUNSPELL_LINKED, src/pl_speller.c).
# UBSan findings stop the run like a crash; a known one can be parked in
# fuzz/ubsan.supp (one `check:file` a line) while it waits for its fix.
FUZZ_ENV      = UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$(FUZZ_ROOT)/fuzz/ubsan.supp \
                ASAN_OPTIONS=detect_leaks=1
FUZZ_LDLIBS   = $(shell pkg-config --libs $(FUZZ_PKGS) 2>/dev/null)
FUZZ_LIB_SRC  = $(filter-out $(FUZZ_ROOT)/src/main.c,$(wildcard $(FUZZ_ROOT)/src/*.c))
FUZZ_LIB_OBJ  = $(patsubst $(FUZZ_ROOT)/src/%.c,$(FUZZ_BIN)/obj/%.o,$(FUZZ_LIB_SRC))

# Keep the instrumented objects: they are not intermediate files to delete.
.SECONDARY: $(FUZZ_LIB_OBJ)

# The build's own packages (the Makefile's deps target), then clang.
fuzz-deps:
	@$(MAKE) --no-print-directory -C $(FUZZ_ROOT) deps
	@sh $(FUZZ_ROOT)/fuzz/deps.sh

# The library is compiled again with the fuzzer's instrumentation; the
# objects of the normal build are never mixed in.
$(FUZZ_BIN)/obj/%.o: $(FUZZ_ROOT)/src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_BIN)/%: $(FUZZ_ROOT)/fuzz/%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_LIB_OBJ) $(FUZZ_LDLIBS)

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory -f $(FUZZ_ROOT)/fuzz/fuzz.mk \
		FUZZ_PKGS='$(FUZZ_PKGS)' $(addprefix $(FUZZ_BIN)/,$(FUZZ_TARGETS))

# Each target fuzzes for FUZZ_SECONDS on its corpus in fuzz/out/<target>/corpus
# (the seeds, plus what earlier runs found); every target runs even when one
# crashes, and the run fails if any did.
fuzz: fuzz-build
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
		out=$(FUZZ_OUT)/$$t; mkdir -p $$out/corpus; \
		cp $(FUZZ_SEEDS)/$$t/* $$out/corpus/ 2>/dev/null; \
		echo "fuzz: $$t for $(FUZZ_SECONDS)s (log: $$out/log)"; \
		$(FUZZ_ENV) $(FUZZ_BIN)/$$t $(FUZZ_RUN_ARGS) -max_total_time=$(FUZZ_SECONDS) \
			-print_final_stats=1 -artifact_prefix=$$out/ $$out/corpus \
			>$$out/log 2>&1; \
		rc=$$?; \
		runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$out/log); \
		echo "fuzz: $$t: exit $$rc, $${runs:-?} executions"; \
		if [ $$rc -ne 0 ]; then \
			failed="$$failed $$t"; \
			grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix|Test unit written)' \
				$$out/log | head -n 8 | sed 's/^/  /'; \
		fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashed:$$failed"; exit 1; fi

# Replay, no fuzzing: every regression input of a target and its seeds, once.
fuzz-regress: fuzz-build
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
		set -- $$(ls -d $(FUZZ_ROOT)/tests/fuzz/regressions/$$t-* \
			$(FUZZ_SEEDS)/$$t/* 2>/dev/null); \
		mkdir -p $(FUZZ_OUT); \
		if $(FUZZ_ENV) $(FUZZ_BIN)/$$t $(FUZZ_RUN_ARGS) "$$@" >$(FUZZ_OUT)/$$t.regress.log 2>&1; then \
			echo "fuzz-regress: $$t: $$# inputs, ok"; \
		else \
			failed="$$failed $$t"; \
			echo "fuzz-regress: $$t: FAILED (log: $(FUZZ_OUT)/$$t.regress.log)"; \
			grep -E '^(Running:|==[0-9]+==ERROR|SUMMARY|.*runtime error)' \
				$(FUZZ_OUT)/$$t.regress.log | tail -n 4 | sed 's/^/  /'; \
		fi; \
	done; \
	[ -z "$$failed" ]

fuzz-clean:
	rm -rf $(FUZZ_BIN) $(FUZZ_OUT)

.PHONY: fuzz fuzz-deps fuzz-build fuzz-regress fuzz-clean

-include $(wildcard $(FUZZ_BIN)/obj/*.d)
