#!/bin/sh
# build.sh - build the libFuzzer targets with clang, ASan and UBSan, then
# run each on its seed corpus for FUZZ_TIME seconds (60 by default):
#
#   fuzz_txt     the text layer (cleaning, layout, Markdown, charsets)
#   fuzz_config  the configuration parser
#   fuzz_import  the shelf's importer: front matter, plain text to
#                Markdown, French dates, a .txt and its .meta imported
#   fuzz_admin   every admin reader of standard input
#   fuzz_proxy   the PROXY protocol v2 header (src/ssh/conn_proxy.c)
#
# The program's code is built once into build/fuzz/obj/libpalabre.a (the
# Makefile's own rules, with clang and -fsanitize=fuzzer-no-link). New
# inputs go to build/fuzz/corpus_*, never into the seeds; a crash, a leak
# or a timeout is saved as build/fuzz/NAME-crash-* (or leak-, timeout-)
# and makes this script fail, after every target has run. Each target
# first runs its seeds once, whole: they are the regression cases.
#
#   sh tests/fuzz/build.sh              build and run each for 60 s
#   FUZZ_TIME=600 sh tests/fuzz/build.sh
#   FUZZ_RUN=0 sh tests/fuzz/build.sh   build only
#   FUZZ_ONLY=import sh tests/fuzz/build.sh
set -eu

cd "$(dirname "$0")/../.."

CC=${CC:-clang}
FUZZ_TIME=${FUZZ_TIME:-60}
FUZZ_RUN=${FUZZ_RUN:-1}
FUZZ_ONLY=${FUZZ_ONLY:-}
OUT=build/fuzz
OBJ=$OUT/obj
SAN="-fsanitize=fuzzer-no-link,address,undefined
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer"

# shellcheck disable=SC2086
make --no-print-directory BUILD="$OBJ" CC="$CC" CFLAGS="-O1 -g" \
	SAN="$(echo $SAN)" "$OBJ/libpalabre.a"
FLAGS="-std=c11 -g -O1 -D_GNU_SOURCE -Wall -Wextra
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
	-fno-omit-frame-pointer -I. -Isrc"
# The Makefile's PKGS and LDLIBS.
LIBS="$(pkg-config --libs libssh libcrypto libsystemd ncursesw sqlite3 \
	libsodium inih md4c libseccomp) -lunistring -lutil"

# target:MAX_LEN: what the fuzzer gives each one at most.
TARGETS="txt:8192 config:4096 import:8192 admin:16384 proxy:2048"
for t in $TARGETS; do
	name=${t%%:*}
	# shellcheck disable=SC2086
	$CC $FLAGS "tests/fuzz/fuzz_$name.c" "$OBJ/libpalabre.a" $LIBS \
		-o "$OUT/fuzz_$name"
	echo "built $OUT/fuzz_$name"
done

[ "$FUZZ_RUN" = 0 ] && exit 0

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1
failed=
for t in $TARGETS; do
	name=${t%%:*}
	[ -n "$FUZZ_ONLY" ] && [ "$name" != "$FUZZ_ONLY" ] && continue
	mkdir -p "$OUT/corpus_$name"
	# The seeds first, each run once whole (nul-30k.txt is longer than
	# what the fuzzer is then given): a regression fails here.
	if ! "$OUT/fuzz_$name" tests/fuzz/corpus_"$name"/*; then
		echo "fuzz_$name: a seed FAILED"
		failed="$failed $name"
		continue
	fi
	if ! "$OUT/fuzz_$name" -max_total_time="$FUZZ_TIME" \
	    -max_len="${t#*:}" -timeout=10 -rss_limit_mb=1024 \
	    -print_final_stats=1 -artifact_prefix="$OUT/$name-" \
	    "$OUT/corpus_$name" "tests/fuzz/corpus_$name"; then
		echo "fuzz_$name: FAILED (see $OUT/$name-*)"
		failed="$failed $name"
	fi
done
if [ -n "$failed" ]; then
	echo "make fuzz: failed:$failed"
	exit 1
fi
echo "make fuzz: every target ran ${FUZZ_TIME} s without a failure"
