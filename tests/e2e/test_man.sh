#!/bin/sh
# test_man.sh - the manual pages (make man, in build/man/): no warning
# from mandoc -T lint nor from man --warnings; palabre(8) names every
# admin command of the table (as « palabre admin --help » lists them);
# palabre.conf(5) documents every key the configuration reader accepts,
# palabre-boards(5) every key of a board file (read from the sources, so
# a key added without its documentation fails here).
. "$(dirname "$0")/lib.sh"

e2e_setup
MAN_DIR=${MAN_DIR:-build/man}

for p in palabre.8 palabre.conf.5 palabre-boards.5; do
	f=$MAN_DIR/$p
	check "$p existe (make man)" test -s "$f"
	out=$(mandoc -T lint -W warning "$f" 2>&1)
	check "$p : mandoc -T lint sans avertissement${out:+ : $out}" \
	    test -z "$out"
	out=$(MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
	check "$p : man --warnings sans avertissement${out:+ : $out}" \
	    test -z "$out"
done

page=$(MANWIDTH=200 man -l "$MAN_DIR/palabre.8" 2>/dev/null | tr -s " ")
n=0
missing=
for cmd in $("$PALABRE_BIN" admin --help |
    sed -n 's/^  palabre admin \([a-z-]*\)\( [a-z-]*\)\{0,1\}.*/\1:\2/p' |
    tr -d ' '); do
	n=$((n + 1))
	words="palabre admin $(printf '%s' "$cmd" | tr ':' ' ')"
	words=${words% }
	printf '%s\n' "$page" | grep -q -- "$words" ||
	    missing="$missing [$words]"
done
check "palabre(8) nomme les $n commandes d'administration${missing:+ ; manquent :$missing}" \
    sh -c 'test "$1" -ge 30 && test -z "$2"' _ "$n" "$missing"

missing=
n=0
for k in $(sed -n 's/.*strcmp(name, "\([a-z_]*\)").*/\1/p' src/config.c |
    sort -u); do
	n=$((n + 1))
	grep -q "^\\\\fB$k\\\\fR\|, \\\\fB$k\\\\fR" "$MAN_DIR/palabre.conf.5" ||
	    missing="$missing $k"
done
check "palabre.conf(5) décrit les $n clés de config.c${missing:+ ; manquent :$missing}" \
    sh -c 'test "$1" -ge 25 && test -z "$2"' _ "$n" "$missing"
for s in $(sed -n 's/.*strcmp(section, "\([a-z]*\)").*/\1/p' src/config.c); do
	check "palabre.conf(5) a sa section [$s]" \
	    grep -q "^\.SH \[$s\]" "$MAN_DIR/palabre.conf.5"
done

missing=
for k in $(sed -n '/^static const char \*const board_fields/,/};/p' \
    src/config_boards.c | grep -o '"[a-z]*"' | tr -d '"'); do
	grep -q "^\\\\fB$k\\\\fR" "$MAN_DIR/palabre-boards.5" ||
	    missing="$missing $k"
done
check "palabre-boards(5) décrit chaque clé d'un tableau${missing:+ ; manquent :$missing}" \
    test -z "$missing"

e2e_finish
