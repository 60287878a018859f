#!/bin/sh
# Run the fault tests (tests/faults/*.sh, « make test-faults »): each is
# bounded, runs a private server on 127.0.0.1 and stops by itself. Their
# closing lines « N passed, N failed » are added up; their figures (« #
# chiffre : ») are printed again at the end with the suite's total time.
#
# Environment: PALABRE_BIN (default ./palabre), ONLY=pattern to run only
# the tests whose name contains pattern; each test's own knobs
# (FAULT_RUNS, FAULT_LOCK_S...) are described at its top.
set -u
cd "$(dirname "$0")/../.."
PALABRE_BIN=${PALABRE_BIN:-./palabre}
export PALABRE_BIN
passed=0
failed=0
log=$(mktemp)
figures=$(mktemp)
trap 'rm -f "$log" "$figures"' EXIT
start=$(date +%s)

for t in tests/faults/*.sh; do
	name=$(basename "$t" .sh)
	[ "$name" = lib ] || [ "$name" = run ] && continue
	case "$name" in *"${ONLY:-}"*) ;; *) continue ;; esac
	printf '%s\n' "== faults/$name"
	t0=$(date +%s)
	sh "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	grep '^# chiffre : \|^# ignoré' "$log" >>"$figures"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "!! $name: no result line (exit status $rc)"
		failed=$((failed + 1))
		continue
	fi
	passed=$((passed + ${line%% passed*}))
	f=${line#*, }
	failed=$((failed + ${f%% failed*}))
	if [ "$rc" -ne 0 ] && [ "${f%% failed*}" -eq 0 ]; then
		echo "!! $name: exit status $rc"
		failed=$((failed + 1))
	fi
	echo "# chiffre : $name : $(($(date +%s) - t0)) s" | tee -a "$figures"
done
echo
echo "== chiffres"
cat "$figures"
echo "# durée totale : $(($(date +%s) - start)) s"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
