# lib.sh - helpers for the fault tests (tests/faults/*.sh), on top of the
# end-to-end helpers (tests/e2e/lib.sh: private server on 127.0.0.1, real
# ssh client in a private tmux). Each fault test is bounded, stops by
# itself and prints its figures as « # chiffre : ... » lines, which
# tests/faults/run.sh gathers.
. "$(dirname "$0")/../e2e/lib.sh"

# figure TEXT: one measured figure, kept by run.sh.
figure() {
	printf '# chiffre : %s\n' "$*"
}

# ms: a monotonic-enough clock in milliseconds.
ms() {
	echo $(($(date +%s%N) / 1000000))
}

# fault_board KEY: a board file, then synced.
fault_board() {
	mkdir -p "$E2E_DIR/boards.d"
	printf '[board]\nkey = %s\ntitle = Forum %s\nread = membre\npost = membre\n' \
	    "$1" "$1" >"$E2E_DIR/boards.d/$1.conf"
}

# sql SQL: one statement on the test database, waiting for the lock.
sql() {
	sqlite3 -cmd '.timeout 5000' "$E2E_DB" "$1"
}

# seed_draft TITLE BODY: demo's draft of a new thread in board « faute »,
# the way into the editor (Accueil, Brouillons, Reprendre).
seed_draft() {
	sql "INSERT OR REPLACE INTO draft (member_id, kind, board_id,
	    target_id, title, body, updated_at)
	    SELECT m.id, 'thread', b.id, 0, '$1', '$2', strftime('%s')
	    FROM member m, board b WHERE m.login = 'demo' AND b.key = 'faute'"
}

# open_draft NAME: from the welcome screen to the draft's editor
# (« Brouillons » has no digit at Accueil: open_entry walks to it).
open_draft() {
	keys "$1" Enter
	wait_for "$1" "Brouillons (1)" || return 1
	open_entry "$1" "Brouillons" || return 1
	wait_for "$1" "Reprendre" || return 1
	keys "$1" Enter
	wait_for "$1" "Titre :"
}

# quick_wait NAME TEXT: TEXT on the screen of NAME, polled every 20 ms
# for at most 10 s (wait_for polls every 100 ms: too coarse to time).
quick_wait() {
	local i=0
	while [ "$i" -lt 500 ]; do
		screen_has "$1" "$2" && return 0
		sleep 0.02
		i=$((i + 1))
	done
	return 1
}

# timed_login NAME USER PASSWORD: e2e_login, polled finely; prints the
# milliseconds from starting ssh to « Bonjour ».
timed_login() {
	local t0
	t0=$(ms)
	e2e_ssh "$1" "$2" && quick_wait "$1" "Mot de passe" || return 1
	type_text "$1" "$3"
	keys "$1" Enter
	quick_wait "$1" "Bonjour" || return 1
	echo $(($(ms) - t0))
}
