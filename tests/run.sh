#!/bin/sh
# Run every unit test binary and every end-to-end script; add up their
# closing lines "N passed, N failed" and end with the total, the same way.
# A test program that dies without its closing line counts as one failure.
#
# Environment: PALABRE_BIN (default ./palabre), UNIT_DIR (default
# build/tests), E2E=0 to skip the end-to-end tests, UNITS=0 to skip the
# unit tests, ONLY=pattern to run only the tests whose name contains
# pattern.
set -u
cd "$(dirname "$0")/.."
PALABRE_BIN=${PALABRE_BIN:-./palabre}
UNIT_DIR=${UNIT_DIR:-build/tests}
export PALABRE_BIN
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run NAME CMD...: run one test program, count its closing line.
run() {
	name=$1
	shift
	case "$name" in *"${ONLY:-}"*) ;; *) return ;; esac
	printf '%s\n' "== $name"
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "!! $name: no result line (exit status $rc)"
		failed=$((failed + 1))
		return
	fi
	p=$(printf '%s' "$line" | sed -E 's/^(.*[^0-9])?([0-9]+) passed.*/\2/')
	f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "!! $name: exit status $rc"
		failed=$((failed + 1))
	fi
}

units=0
for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	units=$((units + 1))
	run "unit/$(basename "$t")" "$t"
done
if [ "$units" -eq 0 ] && [ "${UNITS:-1}" != 0 ]; then
	echo "!! no unit test program in $UNIT_DIR (make units)"
	failed=$((failed + 1))
fi
if [ "${E2E:-1}" != 0 ]; then
	for t in tests/e2e/test_*.sh; do
		[ -f "$t" ] || continue
		run "e2e/$(basename "$t" .sh)" sh "$t"
	done
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
