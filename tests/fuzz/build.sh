#!/bin/sh
# build.sh - build the text-layer fuzzer with clang's libFuzzer, ASan and
# UBSan, then run it on the seed corpus for FUZZ_TIME seconds (60 by
# default). New inputs go to build/fuzz/corpus_txt, never into the seeds;
# a crash is saved as build/fuzz/crash-* and makes this script fail.
#
#   sh tests/fuzz/build.sh              build and run for 60 s
#   FUZZ_TIME=600 sh tests/fuzz/build.sh
#   FUZZ_RUN=0 sh tests/fuzz/build.sh   build only
set -eu

cd "$(dirname "$0")/../.."

CC=${CC:-clang}
FUZZ_TIME=${FUZZ_TIME:-60}
FUZZ_RUN=${FUZZ_RUN:-1}
OUT=build/fuzz

mkdir -p "$OUT/corpus_txt" "$OUT/corpus_config"
FLAGS="-std=c11 -g -O1 -D_GNU_SOURCE -Wall -Wextra
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
	-fno-omit-frame-pointer -I. -Isrc"
# shellcheck disable=SC2086
$CC $FLAGS tests/fuzz/fuzz_txt.c src/text/*.c src/util/util.c \
	-lunistring -lmd4c -o "$OUT/fuzz_txt"
echo "built $OUT/fuzz_txt"
# shellcheck disable=SC2086
$CC $FLAGS tests/fuzz/fuzz_config.c src/config.c src/text/*.c \
	src/util/util.c -lunistring -lmd4c -linih -o "$OUT/fuzz_config"
echo "built $OUT/fuzz_config"

[ "$FUZZ_RUN" = 0 ] && exit 0

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1
"$OUT/fuzz_txt" -max_total_time="$FUZZ_TIME" -max_len=8192 -timeout=10 \
	-rss_limit_mb=1024 -print_final_stats=1 \
	-artifact_prefix="$OUT/" \
	"$OUT/corpus_txt" tests/fuzz/corpus_txt
"$OUT/fuzz_config" -max_total_time="$FUZZ_TIME" -max_len=4096 -timeout=10 \
	-rss_limit_mb=1024 -print_final_stats=1 \
	-artifact_prefix="$OUT/config-" \
	"$OUT/corpus_config" tests/fuzz/corpus_config
