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
#   make man        the manual pages, in build/man/
#   make install    binaries, configuration, units, manual pages
#                   (PREFIX, DESTDIR, SYSCONFDIR, STATEDIR honoured)
#   make deb        palabre_VERSION_amd64.deb (debhelper, conf/debian/)

PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
VERSION ?= 0.2
# The installed layout: the server and the sysop's command in sbin (both
# are the sysop's; palabre-ui beside palabre, where sessions look for
# it), the configuration in SYSCONFDIR/palabre, the state (database, host
# keys, backups) in STATEDIR, created by systemd (StateDirectory=).
SBINDIR = $(PREFIX)/sbin
MANDIR = $(PREFIX)/share/man
SYSCONFDIR ?= /etc
STATEDIR ?= /var/lib/palabre
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
# The configuration palabre reads without -c: the repository's for a
# build in the tree, SYSCONFDIR's for an installed one (make install).
CONF ?= conf/palabre.conf

# CFLAGS and LDFLAGS are the user's; our own flags live beside them so a
# "make CFLAGS=..." keeps the warnings and the libraries' flags.
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter -Wformat=2
HARDEN = -D_FORTIFY_SOURCE=2 -fstack-protector-strong
# SAN: sanitizer flags for the test-asan flavour (compile and link).
SAN ?=

# libcrypto: only for src/ssh/conn_warm.c (libssh's own backend);
# libsystemd: only for src/ssh/conn_service.c (sd_notify);
# gmime-3.0: only for src/admin_mail.c (the e-mails, built by the sysop's
# « admin digest send », never by a session).
PKGS = libssh libcrypto libsystemd ncursesw sqlite3 libsodium inih md4c \
	libseccomp gmime-3.0
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CPPFLAGS = -I. -Isrc -I$(BUILD) -D_GNU_SOURCE -MMD -MP \
	-DPALABRE_CONF='"$(CONF)"' -DPALABRE_VERSION='"$(VERSION)"' $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(PKG_CFLAGS) $(HARDEN) $(SAN) $(CFLAGS)
# -z now: every symbol bound once, in the listener and in the UI's image,
# before they fork, instead of by each session and each interface.
ALL_LDFLAGS = $(SAN) -Wl,-z,now $(LDFLAGS)
LDLIBS += $(PKG_LIBS) -lunistring -lutil

BUILD ?= build
# CORE: what the member's interface needs; palabre adds the SSH server and
# the sysop's commands, palabre-ui is the interface alone (no libssh, no
# OpenSSL: each session's UI process maps and relocates much less).
CORE_SRC = $(wildcard src/util/*.c src/text/*.c src/store/*.c src/ui/*.c \
	src/cmd/*.c src/files/*.c screens/*.c) src/config.c \
	src/config_boards.c src/config_snapshot.c
SSH_SRC = $(wildcard src/ssh/*.c) $(wildcard src/admin*.c)
MIGRATIONS = $(sort $(wildcard db/[0-9][0-9][0-9][0-9]_*.sql))
# PostgreSQL's: a baseline, then each later migration's twin (issue 19).
PG_MIGRATIONS = $(sort $(wildcard db/pg/[0-9][0-9][0-9][0-9]_*.sql))

CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/migrations.o \
	$(BUILD)/migrations_pg.o
LIB_OBJ = $(CORE_OBJ) $(SSH_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/src/main.o
UI_MAIN_OBJ = $(BUILD)/src/ui_main.o

UI_PKGS = ncursesw sqlite3 libsodium inih md4c libseccomp
UI_LIBS = $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null) -lunistring

# PG=1: the store's PostgreSQL engine too (src/store/store_pg.c, libpq;
# issue 19, not the whole store yet). Build it in its own BUILD dir.
PG ?= 0
ifeq ($(PG),1)
PKGS += libpq
UI_PKGS += libpq
CPPFLAGS += -DSTORE_PG
else
CORE_SRC := $(filter-out src/store/store_pg.c,$(CORE_SRC))
endif

# The store and what it stands on, as objects of this build: the
# benchmarks that link the store alone (tests/bench/boards.sh, run.sh's
# bench_catalogue) take the list from `make -s store-objs`, so that a
# file added, renamed or left out (store_pg.c without PG=1) follows.
STORE_OBJ = $(filter $(BUILD)/src/util/% $(BUILD)/src/text/% \
	$(BUILD)/src/store/%,$(CORE_OBJ)) $(BUILD)/migrations.o \
	$(BUILD)/migrations_pg.o

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

$(BUILD)/migrations_pg.c: $(PG_MIGRATIONS) tools/embed-sql.sh
	@mkdir -p $(BUILD)
	$(SAY) GEN $@
	$(Q)sh tools/embed-sql.sh -n store_pg_migrations $(PG_MIGRATIONS) \
		> $@.tmp && mv $@.tmp $@

$(BUILD)/migrations_pg.o: $(BUILD)/migrations_pg.c
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h tests/unit/unit_store.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(ALL_LDFLAGS) \
		-o $@ $< $(LIB_OBJ) $(LDLIBS)

units: $(UNIT_BIN)

# The manual pages: palabre(8)'s admin part made from the command table.
MAN_PAGES = $(BUILD)/man/palabre.8 $(BUILD)/man/palabre.conf.5 \
	$(BUILD)/man/palabre-boards.5
$(BUILD)/tools/man-admin: tools/man-admin.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(LIB_OBJ) $(LDLIBS)

$(BUILD)/man/palabre.8: conf/man/palabre.8.in $(BUILD)/tools/man-admin
	@mkdir -p $(dir $@)
	$(BUILD)/tools/man-admin > $@.admin
	sed -e 's/@VERSION@/$(VERSION)/' -e '/^\.\\" @ADMIN@$$/{r $@.admin' \
		-e 'd;}' conf/man/palabre.8.in > $@
	rm -f $@.admin

$(BUILD)/man/%.5: conf/man/%.5
	@mkdir -p $(dir $@)
	sed -e 's/@VERSION@/$(VERSION)/' $< > $@

man: $(MAN_PAGES)

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

test: deps check-layers
	@$(MAKE) --no-print-directory palabre palabre-ui units man
	@sh tests/run.sh

# The layers, held by the build: libssh only in src/ssh/, SQLite only in
# the store's engine files (src/store/store_sqlite*), and src/ui/ (the
# frame) includes nothing of screens/ (the files that break a rule are
# named).
check-layers:
	@! grep -lE '^#include "screens/' src/ui/*.c src/ui/*.h || \
		{ echo "screens/ inclus dans src/ui/ (ci-dessus)"; exit 1; }
	@! grep -rlE '^#include <libssh/' src screens | grep -v '^src/ssh/' || \
		{ echo "libssh hors de src/ssh/ (ci-dessus)"; exit 1; }
	@! grep -rlE '^#include <sqlite3\.h>' src screens | \
		grep -v '^src/store/store_sqlite' || \
		{ echo "sqlite3.h hors de src/store/store_sqlite* (ci-dessus)"; \
		exit 1; }
	@! grep -lE '\<sqlite3_[a-z]|\<SQLITE_[A-Z]' src/store/*.c | \
		grep -v '^src/store/store_sqlite' || \
		{ echo "SQLite appelé hors de src/store/store_sqlite* (ci-dessus :" \
		"l'API de store_private.h)"; exit 1; }

# The store on PostgreSQL (issue 19), against a private cluster
# (tests/pg/cluster.sh): test_engine, then the unit suite, each store
# from unit_mem_store() a fresh schema there (PALABRE_TEST_DSN). Not
# part of make test; docs/POSTGRESQL.md lists what passes.
test-pg:
	@$(MAKE) --no-print-directory BUILD=build-pg PG=1 units
	@sh tests/pg/cluster.sh run sh tests/pg/units.sh build-pg/tests

# AddressSanitizer + UndefinedBehaviorSanitizer flavour, in its own build dir.
test-asan: deps check-layers
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		palabre-asan palabre-asan-ui
	@$(MAKE) --no-print-directory man
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

store-objs: $(STORE_OBJ)
	@echo $(STORE_OBJ)

bench: deps palabre palabre-ui $(BUILD)/bench/bench_shelf
	@sh tests/bench/run.sh

fuzz:
	@sh tools/deps.sh clang libclang-rt-14-dev
	@sh tests/fuzz/build.sh

# Built apart (build-install/) with the installed configuration's path.
INST = build-install
$(BUILD)/palabre: $(MAIN_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/palabre-ui: $(UI_MAIN_OBJ) $(CORE_OBJ)
	$(CC) $(ALL_LDFLAGS) -Wl,--as-needed -o $@ $^ $(UI_LIBS)

# The installed palabre.conf is the repository's with the state's paths:
# the rest (boards, charter) stays relative to /etc/palabre.
ETC = $(SYSCONFDIR)/palabre
install:
	@$(MAKE) --no-print-directory BUILD=$(INST) CONF=$(ETC)/palabre.conf \
		$(INST)/palabre $(INST)/palabre-ui man
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(ETC)/boards.d \
		$(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR)
	install -m 755 $(INST)/palabre $(INST)/palabre-ui $(DESTDIR)$(SBINDIR)
	install -m 644 $(INST)/man/palabre.8 $(DESTDIR)$(MANDIR)/man8
	echo '.so man8/palabre.8' > $(DESTDIR)$(MANDIR)/man8/palabre-ui.8
	install -m 644 $(INST)/man/palabre.conf.5 $(INST)/man/palabre-boards.5 \
		$(DESTDIR)$(MANDIR)/man5
	# A sysop's edits are never overwritten.
	[ -e $(DESTDIR)$(ETC)/palabre.conf ] || sed \
		-e 's|^\(host_key = \)\.\./var/|\1$(STATEDIR)/|' \
		-e 's|^\(database = \)\.\./var/|\1$(STATEDIR)/|' \
		-e 's|dossier de ce fichier (conf/)|dossier de ce fichier ($(ETC)/)|' \
		-e 's|-c conf/palabre.conf|-c $(ETC)/palabre.conf|' \
		conf/palabre.conf > $(DESTDIR)$(ETC)/palabre.conf
	[ -e $(DESTDIR)$(ETC)/charte.txt ] || \
		install -m 644 conf/charte.txt $(DESTDIR)$(ETC)
	for f in conf/boards.d/*.conf; do \
		[ -e $(DESTDIR)$(ETC)/boards.d/$${f##*/} ] || \
		install -m 644 $$f $(DESTDIR)$(ETC)/boards.d || exit 1; done
	for u in palabre.service palabre-backup.service palabre-backup.timer \
		palabre-mail.service palabre-mail.timer; \
		do sed -e 's|/usr/sbin/|$(SBINDIR)/|g' -e 's|/etc/palabre|$(ETC)|g' \
		conf/systemd/$$u > $(DESTDIR)$(UNITDIR)/$$u || exit 1; done
	install -m 644 conf/systemd/palabre.sysusers \
		$(DESTDIR)$(SYSUSERSDIR)/palabre.conf

# The Debian package (tools/deb.sh; conf/debian/ is its debian/).
DEB_VERSION ?= $(VERSION)
deb:
	@sh tools/deb.sh $(DEB_VERSION)

clean:
	rm -rf build build-asan $(INST) palabre palabre-ui palabre-asan \
		palabre-asan-ui palabre_*.deb

.PHONY: all deps run test test-asan test-pg test-faults bench fuzz install \
	clean units check-layers man deb store-objs

-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)
