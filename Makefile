# decarb — build, run, test. `make run` and `make test` do all the set-up.
PREFIX  ?= /usr/local
BUILD   ?= build
DATADIR ?= $(abspath inputs)
CC      ?= cc
V       ?= 0
Q       := $(if $(filter 1,$(V)),,@)

PKGS := gsl yaml-0.1 hdf5 cmocka xlsxwriter
DEBS := build-essential pkg-config libgsl-dev libyaml-dev libhdf5-dev libcmocka-dev libxlsxwriter-dev

SRC_DIRS := core tech data scenario sim io
INCLUDES := -Imodel/include $(addprefix -Imodel/src/,$(SRC_DIRS))
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Werror
CFLAGS   ?= -O2 -g
SANITIZE ?=
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(SANITIZE) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -DDC_DATADIR='"$(DATADIR)"' $(INCLUDES) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)

LIBS = $(shell pkg-config --libs-only-L hdf5 2>/dev/null) -lhdf5_hl $(shell pkg-config --libs gsl yaml-0.1 hdf5 2>/dev/null) -lm -lpthread
TEST_LIBS = $(LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

LIB_SRC  := $(foreach d,$(SRC_DIRS),$(wildcard model/src/$(d)/*.c))
LIB_OBJ  := $(LIB_SRC:model/src/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
LIB      := $(BUILD)/libdecarb.a
BIN      := $(BUILD)/decarb

.PHONY: all deps run test check check-asan bench install depcheck clean
all: $(BIN) $(LIB)

# Installs missing Debian packages when run as root, else says how.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists $(PKGS) || ! command -v $(CC) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "decarb: installing $(DEBS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS) >/dev/null || exit 1; \
	  else \
	    echo "decarb: missing libraries. Run:  sudo apt-get install -y $(DEBS)"; exit 1; \
	  fi; \
	fi

$(BUILD)/obj/%.o: model/src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/cli/decarb.o: model/cli/decarb.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) -std=c11 $(WARN) $(CFLAGS) $(SANITIZE) -Imodel/include -MMD -MP -c $< -o $@

$(BIN): $(BUILD)/cli/decarb.o $(LIB)
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) $(SANITIZE) $^ $(LIBS) -o $@

$(BUILD)/tests/%: tests/%.c tests/helpers.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests $< $(LIB) $(TEST_LIBS) -o $@

$(BUILD)/bench: tests/bench/bench.c $(LIB)
	@echo "  LINK  $@"
	$(Q)$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) run scenarios/default.yaml

# Every test binary runs, even after a failure; the exit code says if any failed.
check: $(BIN) $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do \
	  DECARB_BIN=$(abspath $(BIN)) ./$$t || fail=1; \
	done; exit $$fail

test: deps
	@$(MAKE) --no-print-directory check

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" check

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/bench
	./$(BUILD)/bench scenarios/default.yaml $(BIN)

install: deps
	@$(MAKE) --no-print-directory BUILD=build/install DATADIR=$(PREFIX)/share/decarb all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/decarb
	install -m 755 build/install/decarb $(DESTDIR)$(PREFIX)/bin/decarb
	install -m 644 build/install/libdecarb.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 model/include/decarb.h model/include/decarb_status.def $(DESTDIR)$(PREFIX)/include/
	cp -r inputs/load_shapes $(DESTDIR)$(PREFIX)/share/decarb/

# Dependencies point one way: tech and data see only core; the simulation
# core (sim) neither reads nor writes files.
depcheck:
	@bad=0; \
	for f in model/src/core/*.[ch]; do grep -HnE '#include "(pv|solar|spa|battery|demand|irradiance|epw|inputs|params|scenario|model|dispatch|writers|atomic)\.h"' $$f && bad=1; done; \
	for f in model/src/tech/*.[ch] model/src/data/epw.[ch]; do grep -HnE '#include "(params|model|dispatch|writers|atomic|validate)\.h"|yaml\.h|hdf5' $$f && bad=1; done; \
	for f in model/src/sim/*.[ch]; do grep -HnE '#include "(writers|atomic|csv|epw)\.h"|yaml\.h|hdf5|fopen|fprintf|FILE \*' $$f && bad=1; done; \
	grep -HnE '#include "[a-z_]+\.h"' model/cli/*.c | grep -v decarb.h && bad=1; \
	[ $$bad = 0 ] && echo "depcheck: ok"; exit $$bad

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/cli/decarb.d
