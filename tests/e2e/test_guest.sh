#!/bin/sh
# The guest (« invite », no password) changes nothing but reading marks.
# On the demo database (tools/demo-db.sh: boards, shelf, catalogue,
# people, exchange days), a guest opens every entry of Accueil, then the
# first item of each, and a message of the forums, and in each screen
# presses every key (letters,
# figures, signs, arrows, pages), each followed by « o », a word and
# Entrée so that every prompt it opens gets an answer (a report's free
# text, « o » to a question). The database, dumped with sqlite3 before
# and after, differs only in the reading marks (read_thread, read_mark,
# read_board) and the guest's last login; the row counts of every table
# agree; the server's log shows the writes that were refused, and the
# guest reads « Visite en lecture seule » where a screen let it try one.
. "$(dirname "$0")/lib.sh"

E2E_CONF_EXTRA="[signup]
guest = yes"
e2e_setup
check "base de démonstration (tools/demo-db.sh)" e2e_demo_db ||
    e2e_bail "base de démonstration"
check "le serveur démarre" e2e_start || e2e_bail "serveur"

# guest_in: a guest session « g » at Accueil.
guest_in() {
	tm kill-session -t "=g:" 2>/dev/null
	e2e_ssh g invite || return 1
	wait_for g "Bonjour" || return 1
	keys g Enter
	wait_for g "Quitter"
}

# settle: the guest's screen stayed the same for 0.3 s (keys handled).
settle() {
	local a b i=0
	a=$(screen g)
	while [ "$i" -lt 50 ]; do
		i=$((i + 1))
		sleep 0.3
		b=$(screen g)
		[ "$a" = "$b" ] && return 0
		a=$b
	done
	return 1
}

# home: back to Accueil (q until « Quitter Palabre ? », then n), or a new
# session if the last keys ended this one.
home() {
	local i=0
	while [ "$i" -lt 15 ]; do
		i=$((i + 1))
		if pane_dead g; then
			guest_in
			return
		fi
		if screen g | grep -qF "Quitter Palabre ?"; then
			keys g n
			settle
			screen g | grep -qF "Fermer la session" && return 0
			keys g Enter
			settle
			continue
		fi
		screen g | grep -qF "Fermer la session" && return 0
		# A text field takes q as a letter: Échap leaves it.
		if [ "$i" -gt 5 ]; then
			keys g Escape
			settle
		fi
		keys g q
		settle
	done
	guest_in
}

# Every key, each followed by an answer to what it may have asked.
KEYS="a b c d e f g h i j k l m n o p r s t u v w x y z
A B C D E F G H I J K L M N O P R S T U V W X Y Z
1 2 3 4 5 6 7 8 9 0 ? / + - * . , \; : ! < > = # @
Space Tab BTab Up Down Left Right NPage PPage Home End BSpace DC"

press_all() {
	local k
	set --
	for k in $KEYS; do
		set -- "$@" "$k" o E s s a i Enter
	done
	keys g "$@"
	settle
}

dump() {
	sqlite3 "$E2E_DB" .dump |
	    grep -v -e '^INSERT INTO read_thread ' -e '^INSERT INTO read_mark ' \
	    -e '^INSERT INTO read_board ' -e "^INSERT INTO member VALUES([0-9]*,'invite',"
}

counts() {
	local t
	for t in $(sqlite3 "$E2E_DB" "SELECT name FROM sqlite_master WHERE
	    type = 'table' AND name NOT IN ('read_thread', 'read_mark',
	    'read_board')
	    ORDER BY name"); do
		printf '%s %s\n' "$t" "$(sqlite3 "$E2E_DB" \
		    "SELECT COUNT(*) FROM \"$t\"")"
	done
}

# The first visit makes the guest account; the snapshot comes after.
check "un invité entre" guest_in
keys g Q o
wait_dead g || true
dump >"$E2E_DIR/before.sql"
counts >"$E2E_DIR/before.counts"

check "l'invité revient" guest_in
# What a guest is told when a screen lets it try.
open_entry g "Catalogue des pratiques"
wait_for g "Catalogue" || true
keys g Enter
settle
keys g i
check "i (Je m'en inspire) : « Visite en lecture seule »" \
    wait_for g "Visite en lecture seule : un invité ne modifie rien."
home
# Reading still works, searches included (an FTS5 table opened for the
# first time on the guest's connection).
open_entry g "Catalogue des pratiques"
wait_for g "Catalogue" || true
keys g /
type_text g "ateliers"
keys g Enter
check "l'invité cherche dans le catalogue" \
    wait_for g "Recherche dans le catalogue"
home
entries=$(screen g | sed -n 's/^[^0-9]*\([1-9]\)  .*/\1/p')
quit=$(menu_key g "Quitter")
n=0
for d in $entries; do
	[ "$d" = "$quit" ] && continue
	n=$((n + 1))
	for depth in 0 1; do
		home
		keys g "$d"
		settle
		[ "$depth" -eq 1 ] && { keys g Enter; settle; }
		press_all
	done
done
# And one message of the forums (a board, its first thread, its first
# message), where « ! » reports it with free text (first: r opens the
# editor, which takes the keys that follow).
home
open_entry g "Forums"
settle
keys g Enter
settle
keys g Enter
settle
keys g Enter
settle
keys g ! E s s a i Enter
settle
press_all
home
check "l'invité a parcouru les entrées de l'accueil ($n)" [ "$n" -ge 5 ]
keys g Q o
wait_dead g || true

dump >"$E2E_DIR/after.sql"
counts >"$E2E_DIR/after.counts"
same_counts() {
	diff "$E2E_DIR/before.counts" "$E2E_DIR/after.counts"
}
check "le nombre de lignes de chaque table est le même" same_counts
same_dump() {
	diff "$E2E_DIR/before.sql" "$E2E_DIR/after.sql" | head -n 20
	cmp -s "$E2E_DIR/before.sql" "$E2E_DIR/after.sql"
}
check "rien d'autre que les marques de lecture n'a changé" same_dump
refused() {
	grep -F "écriture refusée" "$E2E_LOG" | sed 's/.*refusée dans //' |
	    sort | uniq -c
	grep -qF "écriture refusée" "$E2E_LOG"
}
check "les écritures tentées ont été refusées" refused
reported() {
	grep -qF "écriture refusée dans report" "$E2E_LOG"
}
check "un signalement (texte libre) a été tenté, et refusé" reported

e2e_finish
