# Palabre — a French BBS served over SSH.
#
#   make            build ./palabre
#   make run        install what is missing, build, make the demo database,
#                   serve where conf/palabre.conf says (127.0.0.1:2222)
#   make V=1        show the compiler's command lines (quiet by default)
#   make test       unit and end-to-end tests (ends with "N passed, N failed")
#   make test-asan  the same, built with AddressSanitizer and UBSan
#   make test-faults  fault injection (kills, full disk, held lock), figures
#   make bench      benchmarks (never part of make test)

PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc

# CFLAGS and LDFLAGS are the user's; our own flags live beside them so a
# "make CFLAGS=..." keeps the warnings and the libraries' flags.
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter -Wformat=2
HARDEN = -D_FORTIFY_SOURCE=2 -fstack-protector-strong
# SAN: sanitizer flags for the test-asan flavour (compile and link).
SAN ?=

# libcrypto: only for src/ssh/conn_warm.c (libssh's own backend).
PKGS = libssh libcrypto ncursesw sqlite3 libsodium inih md4c libseccomp
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CPPFLAGS = -I. -Isrc -I$(BUILD) -D_GNU_SOURCE -MMD -MP $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(PKG_CFLAGS) $(HARDEN) $(SAN) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)
LDLIBS += $(PKG_LIBS) -lunistring -lutil

BUILD ?= build
# CORE: what the member's interface needs; palabre adds the SSH server and
# the sysop's commands, palabre-ui is the interface alone (no libssh, no
# OpenSSL: each session's UI process maps and relocates much less).
CORE_SRC = $(wildcard src/util/*.c src/text/*.c src/store/*.c src/ui/*.c \
	src/cmd/*.c screens/*.c) src/config.c \
	src/config_boards.c src/config_snapshot.c
SSH_SRC = $(wildcard src/ssh/*.c) $(wildcard src/admin*.c)
MIGRATIONS = $(sort $(wildcard db/[0-9][0-9][0-9][0-9]_*.sql))

CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/migrations.o
LIB_OBJ = $(CORE_OBJ) $(SSH_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/src/main.o
UI_MAIN_OBJ = $(BUILD)/src/ui_main.o

UI_PKGS = ncursesw sqlite3 libsodium inih md4c libseccomp
UI_LIBS = $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null) -lunistring

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: palabre palabre-ui

palabre: $(MAIN_OBJ) $(LIB_OBJ)
	$(SAY) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

palabre-ui: $(UI_MAIN_OBJ) $(CORE_OBJ)
	$(SAY) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -Wl,--as-needed -o $@ $^ $(UI_LIBS)

# Quiet by default: « CC file » per object; V=1 shows the commands.
V ?= 0
ifeq ($(V),0)
Q = @
SAY = @printf '  %-4s %s\n'
else
Q =
SAY = @true
endif

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/migrations.c: $(MIGRATIONS) tools/embed-sql.sh
	@mkdir -p $(BUILD)
	$(SAY) GEN $@
	$(Q)sh tools/embed-sql.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/migrations.o: $(BUILD)/migrations.c
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(ALL_LDFLAGS) \
		-o $@ $< $(LIB_OBJ) $(LDLIBS)

units: $(UNIT_BIN)

# Everything but main() in one archive, for the fuzz targets
# (tests/fuzz/build.sh builds it with clang and the sanitizers).
$(BUILD)/libpalabre.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

# The shelf's benchmark (tests/bench/run.sh): the store and the importer.
$(BUILD)/bench/bench_shelf: tests/bench/bench_shelf.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(LIB_OBJ) $(LDLIBS)

# Install the Debian packages the build and the tests need (no-op when present).
deps:
	@sh tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory palabre palabre-ui
	@sh tools/run.sh

test: deps
	@$(MAKE) --no-print-directory palabre palabre-ui units
	@sh tests/run.sh

# AddressSanitizer + UndefinedBehaviorSanitizer flavour, in its own build dir.
test-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		palabre-asan palabre-asan-ui
	@PALABRE_BIN=./palabre-asan UNIT_DIR=build-asan/tests \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 sh tests/run.sh

palabre-asan: $(MAIN_OBJ) $(LIB_OBJ) $(UNIT_BIN)
	$(CC) $(ALL_LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB_OBJ) $(LDLIBS)

palabre-asan-ui: $(UI_MAIN_OBJ) $(CORE_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(UI_MAIN_OBJ) $(CORE_OBJ) $(UI_LIBS)

# Fault injection (tests/faults/): kills, a full disk, a held write lock,
# broken configuration under a running server; prints its figures.
test-faults: deps
	@$(MAKE) --no-print-directory palabre palabre-ui
	@sh tests/faults/run.sh

bench: deps palabre palabre-ui $(BUILD)/bench/bench_shelf
	@sh tests/bench/run.sh

fuzz:
	@sh tools/deps.sh clang libclang-rt-14-dev
	@sh tests/fuzz/build.sh

install: palabre palabre-ui
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 palabre $(DESTDIR)$(PREFIX)/bin/palabre
	install -m 755 palabre-ui $(DESTDIR)$(PREFIX)/bin/palabre-ui

clean:
	rm -rf build build-asan palabre palabre-ui palabre-asan palabre-asan-ui

.PHONY: all deps run test test-asan test-faults bench fuzz install clean \
	units

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
