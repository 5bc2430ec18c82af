# decarb — build, run, test. `make run` and `make test` do all the set-up.
PREFIX  ?= /usr/local
# MPI=1: the program is built with Debian's OpenMPI into build/mpi, and
# `mpirun -np N decarb sweep ...` spreads a sweep's cases over the ranks.
MPI     ?= 0
ifeq ($(MPI),1)
BUILD   ?= build/mpi
endif
BUILD   ?= build
DATADIR ?= $(abspath inputs)
CC      ?= cc
V       ?= 0
Q       := $(if $(filter 1,$(V)),,@)

PKGS := gsl yaml-0.1 hdf5 cmocka xlsxwriter
DEBS := build-essential pkg-config libgsl-dev libyaml-dev libhdf5-dev libcmocka-dev libxlsxwriter-dev
# What the tests use besides: results.h5 read back as the README shows (h5py, pandas);
# application.xlsx read back (openpyxl) and opened by LibreOffice; report.html drawn by Chromium.
# make check-mpi: a sweep over two MPI ranks against the threaded one (OpenMPI).
MPI_DEBS := libopenmpi-dev openmpi-bin
TEST_DEBS := python3-h5py python3-pandas python3-openpyxl libreoffice-calc-nogui chromium $(MPI_DEBS)
# make fuzz: clang with libFuzzer.
FUZZ_DEBS := clang libclang-rt-14-dev

SRC_DIRS := core tech data scenario sim accounting io study
# Layers: each folder compiles with the include folders of the layers it may
# use, so an include that points the wrong way fails the build.
LAYER_core       := core
LAYER_tech       := core tech
LAYER_data       := core data
LAYER_scenario   := core tech data scenario
LAYER_sim        := core tech scenario sim
LAYER_accounting := core tech scenario sim accounting
LAYER_io         := core tech scenario io
# Studies run many models through the public API: sweeps' runner, sizing.
LAYER_study      := study
# Each library's headers only where it is used.
LIBFLAGS_tech     := $(shell pkg-config --cflags gsl 2>/dev/null)
LIBFLAGS_scenario := $(shell pkg-config --cflags yaml-0.1 gsl 2>/dev/null)
LIBFLAGS_accounting := $(shell pkg-config --cflags gsl 2>/dev/null)
# libxlsxwriter is opened when a workbook is written (io/xlsx_lib.c), by
# the soname of the library this build compiles against.
XLSX_SONAME       := $(shell objdump -p $$($(CC) -print-file-name=libxlsxwriter.so) 2>/dev/null | sed -n 's/^ *SONAME *//p')
LIBFLAGS_io       := $(shell pkg-config --cflags hdf5 xlsxwriter 2>/dev/null) $(if $(XLSX_SONAME),-DDC_XLSX_SONAME='"$(XLSX_SONAME)"')
LIBFLAGS_study    := $(shell pkg-config --cflags gsl 2>/dev/null)
INCLUDES := -Imodel/include $(addprefix -Imodel/src/,$(SRC_DIRS))
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Werror
CFLAGS   ?= -O2 -g
SANITIZE ?=
BASE_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(SANITIZE) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
layer_of = $(firstword $(subst /, ,$(1)))
LAYER_CFLAGS = $(BASE_CFLAGS) -DDC_DATADIR='"$(DATADIR)"' -Imodel/include \
               $(addprefix -Imodel/src/,$(LAYER_$(1))) $(LIBFLAGS_$(1))
# Tests and the bench may look inside any layer.
ALL_CFLAGS = $(BASE_CFLAGS) $(INCLUDES) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)

# HDF5 is linked from Debian's static archives (libhdf5-dev ships them): the
# shared library brings libcurl and 30 more libraries that a run never
# uses, and loading them was 7 ms of every run. Its filters need szip
# (libaec-dev) and zlib, both dependencies of libhdf5-dev.
HDF5_LIBS = $(shell pkg-config --libs-only-L hdf5 2>/dev/null) -Wl,-Bstatic -lhdf5_hl -lhdf5 -lsz -laec -lz -Wl,-Bdynamic
# GSL likewise (libgsl-dev ships its archive): binding its 2,000 symbols
# at every start cost more than the few routines decarb uses. libyaml,
# szip (libaec) and zlib too (their -dev packages ship the archives): a
# start then loads libc and libm alone. libxlsxwriter, opened by name
# when a workbook is written, brings its own zlib: the program exports
# none of these symbols, so the two never meet.
GSL_LIBS = -Wl,-Bstatic -lgsl -lgslcblas -Wl,-Bdynamic
LIBS = $(HDF5_LIBS) $(GSL_LIBS) -Wl,-Bstatic $(shell pkg-config --libs yaml-0.1 2>/dev/null) -Wl,-Bdynamic -lm -lpthread
TEST_LIBS = $(LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

LIB_SRC  := $(foreach d,$(SRC_DIRS),$(wildcard model/src/$(d)/*.c))
LIB_OBJ  := $(LIB_SRC:model/src/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
FUZZERS  := scenario epw profile shape ghg jma meter sweep
REPLAY_BIN := $(FUZZERS:%=$(BUILD)/tests/replay_%)
LIB      := $(BUILD)/libdecarb.a
BIN      := $(BUILD)/decarb

.PHONY: all deps test-deps fuzz-deps run test check check-mpi check-asan fuzz bench install depcheck clean
all: $(BIN) $(LIB)

# Installs missing Debian packages when run as root, else says how.
define need_debs
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	elif ! pkg-config --exists $(PKGS) 2>/dev/null; then missing=" $(1)"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "decarb: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "decarb: missing packages. Run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call need_debs,$(DEBS))

test-deps:
	$(call need_debs,$(DEBS) $(TEST_DEBS))

fuzz-deps:
	$(call need_debs,$(DEBS) $(FUZZ_DEBS))

$(BUILD)/obj/%.o: model/src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(call LAYER_CFLAGS,$(call layer_of,$*)) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

CLI_OBJ := $(patsubst model/cli/%.c,$(BUILD)/cli/%.o,$(wildcard model/cli/*.c))

# Only the sweep's process layer (cli_ranks.c) knows MPI; the library does not.
ifeq ($(MPI),1)
MPI_CFLAGS := -DDC_MPI $(shell mpicc --showme:compile 2>/dev/null)
MPI_LIBS   := $(shell mpicc --showme:link 2>/dev/null)
endif

$(BUILD)/cli/%.o: model/cli/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) -std=c11 $(WARN) $(CFLAGS) $(SANITIZE) $(MPI_CFLAGS) -Imodel/include -MMD -MP -c $< -o $@

$(BIN): $(CLI_OBJ) $(LIB)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) $(SANITIZE) $^ $(LIBS) $(MPI_LIBS) -o $@

$(BUILD)/tests/%: tests/%.c tests/helpers.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests $< $(LIB) $(TEST_LIBS) -o $@

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -DDC_DATADIR='"$(DATADIR)"' -Itests/fuzz $< tests/fuzz/replay.c $(LIB) $(LIBS) -o $@

$(BUILD)/bench: tests/bench/bench.c $(LIB)
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) run scenarios/default.yaml

# Every test binary runs, even after a failure; the exit code says if any
# failed. The fuzz seeds and regressions replay through each fuzz target.
check: $(BIN) $(TEST_BIN) $(REPLAY_BIN)
	@fail=0; for t in $(TEST_BIN); do \
	  DECARB_BIN=$(abspath $(BIN)) DECARB_LIB=$(abspath $(LIB)) DECARB_SANITIZE="$(SANITIZE)" ./$$t || fail=1; \
	done; \
	for r in $(FUZZERS); do \
	  ./$(BUILD)/tests/replay_$$r $$(find tests/fuzz/corpus/$$r tests/fuzz/regressions/$$r -type f 2>/dev/null) || fail=1; \
	done; exit $$fail

test: test-deps
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory check-mpi

# The bundled sweeps on two MPI ranks (loopback, oversubscribed on a small
# machine) must give the threaded run's sweep.csv byte for byte (the
# shelter sweep: every rank runs the base for the resilience columns).
MPIRUN := mpirun --oversubscribe --allow-run-as-root --mca btl self,vader -np 2
check-mpi: $(BIN)
	@$(MAKE) --no-print-directory MPI=1 build/mpi/decarb
	@d=$$(mktemp -d); rc=0; \
	for s in battery_sweep shelter_sweep; do \
	  ./$(BIN) sweep scenarios/$$s.yaml -q -j 2 -o $$d/$$s/threads && \
	  $(MPIRUN) build/mpi/decarb sweep scenarios/$$s.yaml -q -j 1 -o $$d/$$s/mpi && \
	  cmp $$d/$$s/threads/sweep.csv $$d/$$s/mpi/sweep.csv && cmp $$d/$$s/threads/sweep.h5 $$d/$$s/mpi/sweep.h5 && \
	  [ ! -e $$d/$$s/mpi/sweep.journal.0 ] && \
	  echo "check-mpi: $$s: 2 ranks = threads, sweep.csv and sweep.h5 byte for byte ($$(($$(wc -l < $$d/$$s/mpi/sweep.csv) - 1)) cases)" \
	  || rc=1; \
	done; rm -rf $$d; exit $$rc

check-asan: test-deps
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all" check

# libFuzzer on every reader for FUZZ_SECONDS each, from the seed corpora;
# a crash, leak or sanitizer report fails (tests/fuzz/README.md).
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz: fuzz-deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" $(FUZZ_BUILD)/libdecarb.a
	@fail=0; for r in $(FUZZERS); do \
	  clang $(BASE_CFLAGS) $(INCLUDES) -DDC_DATADIR='"$(DATADIR)"' -Itests/fuzz -fsanitize=fuzzer $(FUZZ_SAN) \
	    tests/fuzz/fuzz_$$r.c $(FUZZ_BUILD)/libdecarb.a $(LIBS) -o $(FUZZ_BUILD)/fuzz_$$r || exit 1; \
	  rm -rf $(FUZZ_BUILD)/$$r && mkdir -p $(FUZZ_BUILD)/$$r/corpus && cp tests/fuzz/corpus/$$r/* $(FUZZ_BUILD)/$$r/corpus/; \
	  (cd $(FUZZ_BUILD)/$$r && ../fuzz_$$r -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -rss_limit_mb=2048 \
	    corpus > log 2>&1); rc=$$?; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_BUILD)/$$r/log); \
	  printf 'fuzz %-9s %10s execs in %s s  %s\n' $$r "$$execs" $(FUZZ_SECONDS) "$$([ $$rc = 0 ] && echo ok || echo FAILED)"; \
	  [ $$rc = 0 ] || { tail -30 $(FUZZ_BUILD)/$$r/log; fail=1; }; \
	done; exit $$fail

# BASELINE_REV=<commit> also times that version's own default run, built
# from git in $(BUILD)/baseline, so both figures come from the same machine.
BASELINE_REV ?=
BASELINE_DIR := $(BUILD)/baseline
bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/bench
	@if [ -n "$(BASELINE_REV)" ]; then \
	  rm -rf $(BASELINE_DIR) && mkdir -p $(BASELINE_DIR) && git archive $(BASELINE_REV) | tar -x -C $(BASELINE_DIR) && \
	  $(MAKE) --no-print-directory -C $(BASELINE_DIR) all >/dev/null; fi
	BENCH_EVERY_TECH=tests/bench/every_technology.yaml BENCH_SCAN=scenarios/typhoon_town.yaml \
	  ./$(BUILD)/bench scenarios/default.yaml $(BIN) \
	  $(if $(BASELINE_REV),$(BASELINE_DIR)/build/decarb $(BASELINE_DIR)/scenarios/default.yaml)

# The program, the library with its headers and a pkg-config file, and
# every data folder a scenario can use (load shapes, GHG rules and factors,
# the sample statistics, the weather file) under share/decarb.
install: deps
	@$(MAKE) --no-print-directory BUILD=build/install DATADIR=$(PREFIX)/share/decarb all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include \
	  $(DESTDIR)$(PREFIX)/share/decarb
	install -m 755 build/install/decarb $(DESTDIR)$(PREFIX)/bin/decarb
	install -m 644 build/install/libdecarb.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 model/include/decarb.h model/include/decarb_status.def $(DESTDIR)$(PREFIX)/include/
	cp -r inputs/. $(DESTDIR)$(PREFIX)/share/decarb/
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' 'includedir=$${prefix}/include' '' \
	  'Name: decarb' 'Description: hourly energy balance of a municipal microgrid' \
	  "Version: $$(sed -n 's/^#define DC_VERSION "\(.*\)"/\1/p' model/include/decarb.h)" \
	  'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -ldecarb $(LIBS)' > $(DESTDIR)$(PREFIX)/lib/pkgconfig/decarb.pc

# Layers are enforced by the compiler (LAYER_*); depcheck proves it by
# compiling includes that point the wrong way (each must fail), and checks
# that the core, technology models, engine and accounting never touch files.
FORBIDDEN := tech:params.h data:pv.h scenario:engine.h sim:writers.h accounting:writers.h io:engine.h io:ghg.h
depcheck:
	@bad=0; \
	$(foreach pair,$(FORBIDDEN),\
	  if printf '#include "%s"\n' $(word 2,$(subst :, ,$(pair))) | \
	     $(CC) $(call LAYER_CFLAGS,$(word 1,$(subst :, ,$(pair)))) -fsyntax-only -x c - 2>/dev/null; then \
	    echo "depcheck: $(word 1,$(subst :, ,$(pair))) can include $(word 2,$(subst :, ,$(pair)))"; bad=1; fi;) \
	for layer in core tech sim accounting; do \
	  grep -HnE 'fopen|fprintf|FILE \*|yaml\.h|hdf5' model/src/$$layer/*.[ch] && bad=1; \
	done; \
	grep -HnE '#include "[a-z_]+\.h"' model/cli/*.c | grep -v -e decarb.h -e '"cli_[a-z_]*\.h"' && bad=1; \
	[ $$bad = 0 ] && echo "depcheck: ok"; exit $$bad

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
