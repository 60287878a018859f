# lib.sh - helpers for the end-to-end tests, sourced by tests/e2e/test_*.sh.
#
# Every test script drives a throwaway Palabre server the way members use
# it: the real OpenSSH client running inside tmux, keys typed with
# « tmux send-keys », the screen read with « tmux capture-pane ».
#
#   e2e_setup            temporary directory, host key, configuration,
#                        private tmux server (socket palabre-e2e-PID)
#   e2e_db               database: migration, two members, one édito
#   e2e_demo_db          the demo database (tools/demo-db.sh)
#   e2e_start, e2e_stop  the server on 127.0.0.1, a free port in 20000-60000
#   e2e_ssh NAME USER [SSH ARGS]   ssh in a new tmux session NAME
#   e2e_login NAME USER PASSWORD [SSH ARGS]   ... up to « Bonjour »
#   screen NAME, row NAME N, wait_for, wait_gone, wait_until, wait_dead
#   menu_key NAME LABEL, open_entry NAME LABEL   an Accueil entry by name
#   check DESC CMD..., check_screen NAME TEXT DESC, check_no_screen ...
#   session_pids         the server's children and their descendants
#   ui_pid               the first interface among them
#   e2e_finish           « N passed, M failed », clean up, exit status
#
# Environment: PALABRE_BIN (default ./palabre, relative to the repository
# root), E2E_TERM (TERM given to ssh, default xterm-256color), E2E_GRACE
# (login_grace_time, default 10), E2E_KEEP=1 keeps the temporary directory,
# E2E_CONF_EXTRA (appended to the configuration: [signup]...).
# Plain POSIX sh (dash) with « local ».

set -u

E2E_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$E2E_ROOT" || exit 1
PALABRE_BIN=${PALABRE_BIN:-./palabre}
case $PALABRE_BIN in
/*) ;;
*) PALABRE_BIN=$E2E_ROOT/${PALABRE_BIN#./} ;;
esac
# Display widths (wc -L), UTF-8 matching (grep) and tmux all want UTF-8.
LC_ALL=C.UTF-8
LANG=C.UTF-8
export LC_ALL LANG
unset TMUX TMUX_PANE 2>/dev/null || true

E2E_PASSED=0
E2E_FAILED=0
E2E_DIR=
E2E_PID=
E2E_PORT=
E2E_CUR=
E2E_BG=
E2E_FINISHED=
E2E_CLEANED=
E2E_SAN=
E2E_SOCK=palabre-e2e-$$
E2E_SITE="Réseau d'essai Intégration"
E2E_GRACE=${E2E_GRACE:-10}
E2E_TERM=${E2E_TERM:-xterm-256color}
# Members made by e2e_db.
E2E_USER=demo
E2E_NAME="Camille Durand"
E2E_PASS=bienvenue
E2E_USER2=karim
E2E_NAME2="Karim Benali"
E2E_PASS2=accueil-lille-2024
# The édito made by e2e_db (exact strings as the screens show them).
E2E_EDITO_TITLE="Édito « Intégration » : l'œuvre de l'été à Lyon"
# No-break spaces (U+00A0) in « 2 mai », « 9 h »: no line break there.
E2E_NBSP=$(printf '\302\240')
E2E_NNBSP=$(printf '\342\200\257')	# U+202F, before « ! » and « ? »
E2E_EDITO_DATE="2${E2E_NBSP}mai 2024 à 9${E2E_NBSP}h"
E2E_EDITO_BYLINE="Équipe d'animation du réseau"

# Options every ssh client gets; the arguments of a test come first, so
# they win (for ssh, the first value given for an option is the one used).
E2E_SSH_OPTS="-F /dev/null -o StrictHostKeyChecking=no
    -o UserKnownHostsFile=/dev/null -o GlobalKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o PubkeyAuthentication=no -o ServerAliveInterval=0
    -o ConnectTimeout=10 -o SendEnv=LANG"

# --- Results -------------------------------------------------------------

e2e_ok() {
	E2E_PASSED=$((E2E_PASSED + 1))
	printf 'ok - %s\n' "$1"
}

e2e_not_ok() {
	E2E_FAILED=$((E2E_FAILED + 1))
	printf 'not ok - %s\n' "$1"
}

# show_screen NAME: the screen of a tmux session, for a failure report.
show_screen() {
	tm has-session -t "=$1" 2>/dev/null || return 0
	printf '# écran de %s (%s) :\n' "$1" "$(tm display-message -p \
	    -t "=$1:" '#{pane_width}x#{pane_height}' 2>/dev/null)"
	tm capture-pane -p -t "=$1:" 2>/dev/null | sed 's/^/#   |/'
}

# check DESC CMD...: one assertion, true when CMD succeeds. On failure its
# output and the screen of the current session are shown.
check() {
	local desc="$1"
	shift
	if "$@" >"$E2E_DIR/check.out" 2>&1; then
		e2e_ok "$desc"
		return 0
	fi
	e2e_not_ok "$desc"
	sed 's/^/#   /' "$E2E_DIR/check.out"
	[ -n "$E2E_CUR" ] && show_screen "$E2E_CUR"
	return 1
}

# check_screen NAME TEXT DESC: TEXT appears on NAME's screen (waits).
check_screen() {
	if wait_for "$1" "$2" "${4:-10}"; then
		e2e_ok "$3"
		return 0
	fi
	e2e_not_ok "$3"
	printf '#   « %s » attendu\n' "$2"
	show_screen "$1"
	return 1
}

# check_no_screen NAME TEXT DESC: TEXT is nowhere on NAME's screen or in
# its scrollback, now.
check_no_screen() {
	if ! screen_all "$1" | grep -qF -e "$2"; then
		e2e_ok "$3"
		return 0
	fi
	e2e_not_ok "$3"
	printf '#   « %s » ne devait pas apparaître\n' "$2"
	show_screen "$1"
	return 1
}

# e2e_bail REASON: a setup step failed; report and stop here.
e2e_bail() {
	e2e_not_ok "$1"
	e2e_finish
}

# --- Waiting -------------------------------------------------------------

# wait_until TIMEOUT CMD...: poll CMD every 0.1 s until it succeeds.
wait_until() {
	local n=$(($1 * 10)) i=0
	shift
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "$i" -ge "$n" ] && return 1
		i=$((i + 1))
		sleep 0.1
	done
}

screen_has() {
	screen_all "$1" | grep -qF -e "$2"
}

screen_lacks() {
	! screen "$1" | grep -qF -e "$2"
}

# wait_for NAME TEXT [TIMEOUT]: TEXT on the screen (or scrollback) of NAME.
wait_for() {
	wait_until "${3:-10}" screen_has "$1" "$2"
}

# wait_gone NAME TEXT [TIMEOUT]: TEXT no longer on the visible screen.
wait_gone() {
	wait_until "${3:-10}" screen_lacks "$1" "$2"
}

# count_on_screen NAME TEXT: lines of screen and scrollback with TEXT.
count_on_screen() {
	screen_all "$1" | grep -cF -e "$2"
}

count_is() {
	[ "$(count_on_screen "$1" "$2")" -eq "$3" ]
}

# wait_count NAME TEXT N [TIMEOUT]: exactly N lines with TEXT.
wait_count() {
	wait_until "${4:-10}" count_is "$1" "$2" "$3"
}

# --- tmux ----------------------------------------------------------------

tm() {
	tmux -u -L "$E2E_SOCK" -f "$E2E_DIR/tmux.conf" "$@"
}

# screen NAME: the visible screen, one line per row.
screen() {
	tm capture-pane -p -t "=$1:" 2>/dev/null
}

# screen_all NAME: the scrollback and the screen.
screen_all() {
	tm capture-pane -p -S - -t "=$1:" 2>/dev/null
}

# row NAME N: row N of the screen (0 is the first).
row() {
	tm capture-pane -p -S "$2" -E "$2" -t "=$1:" 2>/dev/null
}

# last_row NAME
last_row() {
	row "$1" $(($(pane_fmt "$1" '#{pane_height}') - 1))
}

pane_fmt() {
	tm display-message -p -t "=$1:" "$2" 2>/dev/null
}

# keys NAME KEY...: tmux key names (Enter, Space, q...).
keys() {
	local name="$1"
	shift
	tm send-keys -t "=$name:" "$@"
}

# menu_key NAME LABEL: the digit of LABEL in the numbered menu on screen
# (Accueil: « 3  Catalogue des pratiques »), so that a test does not
# depend on which entries come before it. Empty if not on screen.
menu_key() {
	tm capture-pane -p -t "=$1:" 2>/dev/null |
	    sed -n "s/^[^0-9]*\([1-9]\)  $2.*/\1/p" | head -n 1
}

# open_entry NAME LABEL: press the digit of LABEL (see menu_key), once
# the menu shows it (waits); an entry without a digit (Accueil:
# « Brouillons ») is reached with the arrows. Fails if LABEL does not come.
open_entry() {
	local k i=0
	wait_until 10 screen_has "$1" "$2" || return 1
	k=$(menu_key "$1" "$2")
	if [ -n "$k" ]; then
		keys "$1" "$k"
		return 0
	fi
	keys "$1" Home
	while [ $i -lt 20 ]; do
		sleep 0.2
		if screen "$1" | grep -qE "^ *(›|>) *[0-9]* *$2"; then
			keys "$1" Enter
			return 0
		fi
		keys "$1" Down
		i=$((i + 1))
	done
	return 1
}

# line_entry NAME LABEL: in line mode (TERM=dumb), type the number of
# the menu line « N. LABEL » and Enter, once it shows (waits).
line_entry() {
	local k
	wait_until 10 line_has "$1" "$2" || return 1
	k=$(line_key "$1" "$2")
	type_text "$1" "$k"
	keys "$1" Enter
}
line_key() {
	tm capture-pane -p -t "=$1:" 2>/dev/null |
	    sed -n "s/^ *\([0-9][0-9]*\)\. $2.*/\1/p" | tail -n 1
}
line_has() {
	[ -n "$(line_key "$1" "$2")" ]
}

# type_text NAME TEXT: literal text.
type_text() {
	tm send-keys -t "=$1:" -l "$2"
}

resize() {
	tm resize-window -t "=$1:" -x "$2" -y "$3"
}

# client_pid NAME: the pid of the ssh client running in NAME.
client_pid() {
	pane_fmt "$1" '#{pane_pid}'
}

pane_dead() {
	local pid
	[ "$(pane_fmt "$1" '#{pane_dead}')" = 1 ] &&
	    [ -n "$(pane_fmt "$1" '#{pane_dead_status}#{pane_dead_signal}')" ] &&
	    return 0
	# tmux 3.3 now and then misses the SIGCHLD of a pane's process and
	# leaves it a zombie: when that happens, nudge our own tmux server.
	pid=$(client_pid "$1")
	if [ -n "$pid" ] && ! alive "$pid"; then
		kill -CHLD "$(tm display-message -p '#{pid}')" 2>/dev/null
	fi
	return 1
}

# wait_dead NAME [TIMEOUT]: the program in NAME (ssh) has exited.
wait_dead() {
	wait_until "${2:-10}" pane_dead "$1"
}

# exit_status NAME: how ssh exited (empty if killed by a signal).
exit_status() {
	pane_fmt "$1" '#{pane_dead_status}'
}

# e2e_ssh NAME USER [SSH ARGS]: a new tmux session NAME (E2E_COLS x
# E2E_ROWS, default 80x24) running ssh to the server, TERM=$E2E_TERM.
e2e_ssh() {
	local name="$1" user="$2"
	shift 2
	# A tmux server that was just told to exit may still own the socket
	# for a moment: try again once.
	# shellcheck disable=SC2086
	# E2E_ENV: more VAR=value for the client (LANG...); E2E_WRAP: a
	# command ssh runs under (luit -encoding ISO-8859-15...).
	tm new-session -d -s "$name" -x "${E2E_COLS:-80}" -y "${E2E_ROWS:-24}" \
	    env TERM="$E2E_TERM" ${E2E_ENV:-} ${E2E_WRAP:-} ssh "$@" \
	    $E2E_SSH_OPTS -p "$E2E_PORT" "$user@127.0.0.1" ||
	{ sleep 0.5; tm new-session -d -s "$name" -x "${E2E_COLS:-80}" \
	    -y "${E2E_ROWS:-24}" env TERM="$E2E_TERM" ${E2E_ENV:-} \
	    ${E2E_WRAP:-} ssh "$@" $E2E_SSH_OPTS -p "$E2E_PORT" \
	    "$user@127.0.0.1"; } || return 1
	E2E_CUR=$name
}

# e2e_login NAME USER PASSWORD [SSH ARGS]: ssh, answer the password prompt
# (keyboard-interactive, « Mot de passe »), wait for the welcome screen.
e2e_login() {
	local name="$1" user="$2" pw="$3"
	shift 3
	e2e_ssh "$name" "$user" "$@" || return 1
	wait_for "$name" "Mot de passe" || return 1
	type_text "$name" "$pw"
	keys "$name" Enter
	wait_for "$name" "Bonjour"
}

# --- Processes -----------------------------------------------------------

# alive PID: the process exists and is not a zombie.
alive() {
	local st
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $st in
	Z*) return 1 ;;
	esac
	return 0
}

dead() {
	! alive "$1"
}

# image_pids: the running images (children of the server), one a line.
image_pids() {
	ps -o pid=,args= --ppid "$E2E_PID" | awk '/ --image --run / { print $1 }'
}

# images_ready: four images, each has loaded its seccomp list, its last
# step before it takes requests (a login before would start its own UI),
# each the leader of its own session (its own scheduling group).
images_ready() {
	local p n=0
	for p in $(image_pids); do
		grep -q "^Seccomp:.*2" "/proc/$p/status" || return 1
		[ "$(ps -o sid= -p "$p" | tr -d ' ')" = "$p" ] || return 1
		n=$((n + 1))
	done
	[ "$n" -eq 4 ]
}

# session_pids: every descendant of the server (session processes and
# their UIs), one pid a line; nothing when the server is not running.
# The UIs' image (palabre-ui --image, a child of the server whose
# children are the UIs) is no session: left out, its children counted.
session_pids() {
	[ -n "$E2E_PID" ] || return 0
	ps -e -o pid= -o ppid= -o args= | awk -v root="$E2E_PID" '
	{ pid[NR] = $1; parent[$1] = $2 }
	index($0, " --image --run ") { image[$1] = 1 }
	END {
		tree[root] = 1
		do {
			grew = 0
			for (i = 1; i <= NR; i++)
				if (!(pid[i] in tree) && (parent[pid[i]] in tree)) {
					tree[pid[i]] = 1
					grew = 1
				}
		} while (grew)
		for (i = 1; i <= NR; i++)
			if (pid[i] != root && (pid[i] in tree) &&
			    !(pid[i] in image))
				print pid[i]
	}'
}

session_count() {
	session_pids | grep -c .
}

# ui_pid: the first interface (palabre-ui --session) among the server's
# descendants.
ui_pid() {
	local p
	for p in $(session_pids); do
		case $(ps -o args= -p "$p") in
		*--session*) echo "$p"; return 0 ;;
		esac
	done
	return 1
}

sessions_are() {
	[ "$(session_count)" -eq "$1" ]
}

# wait_sessions N [TIMEOUT]: the server has exactly N descendants.
wait_sessions() {
	wait_until "${2:-10}" sessions_are "$1"
}

# show_processes: the server's process tree, for failure reports.
show_processes() {
	local p
	for p in $E2E_PID $(session_pids); do
		ps -o pid=,ppid=,stat=,args= -p "$p" 2>/dev/null
	done
}

port_in_use() {
	ss -Htan "sport = :$1" 2>/dev/null | grep -q .
}

# free_port: a port in 20000-60000 (never 2222) that nothing uses now.
free_port() {
	local i=0 n p
	while [ "$i" -lt 100 ]; do
		i=$((i + 1))
		n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' \n')
		p=$((20000 + n % 40001))
		port_in_use "$p" || {
			echo "$p"
			return 0
		}
	done
	return 1
}

# --- Server --------------------------------------------------------------

# The user the server becomes when the tests run as root: nobody, which
# must be able to run our binaries (a checkout under /root is not); else
# none (the server stays root and says so; test_privsep then fails).
# A checkout that nobody cannot reach (a clone under /root, as CI may
# make) gets its binaries, and LeakSanitizer's suppressions, copied to a
# folder of /tmp that nobody can read, removed at the end.
E2E_SERVICE_USER=nobody
E2E_BIN_DIR=
if [ "$(id -u)" -eq 0 ] &&
    ! runuser -u nobody -- test -x "$PALABRE_BIN" 2>/dev/null; then
	E2E_BIN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/palabre-bin.XXXXXX")
	chmod 755 "$E2E_BIN_DIR"
	cp "$PALABRE_BIN" "$E2E_BIN_DIR/"
	[ ! -x "$PALABRE_BIN-ui" ] || cp "$PALABRE_BIN-ui" "$E2E_BIN_DIR/"
	PALABRE_BIN=$E2E_BIN_DIR/$(basename "$PALABRE_BIN")
	case ${LSAN_OPTIONS:-} in
	*suppressions=*)
		# (^|:) : not print_suppressions=, which comes after it.
		supp=$(printf '%s' "$LSAN_OPTIONS" |
		    sed -E 's/(^|.*:)suppressions=([^:]*).*/\2/')
		if [ -f "$supp" ]; then
			cp "$supp" "$E2E_BIN_DIR/lsan.supp"
			chmod 644 "$E2E_BIN_DIR/lsan.supp"
			LSAN_OPTIONS=$(printf '%s' "$LSAN_OPTIONS" | sed -E \
			    "s#(^|:)suppressions=[^:]*#\\1suppressions=$E2E_BIN_DIR/lsan.supp#")
			export LSAN_OPTIONS
		fi
		;;
	esac
	if ! runuser -u nobody -- test -x "$PALABRE_BIN" 2>/dev/null; then
		echo "# nobody ne peut pas lancer $PALABRE_BIN : le serveur" \
		    "reste root"
		E2E_SERVICE_USER=
	fi
fi

e2e_write_conf() {
	cat >"$E2E_CONF" <<EOF
; Palabre - configuration des tests de bout en bout (générée).
; Chemins relatifs : depuis le dossier de ce fichier.
[server]
listen = 127.0.0.1
port = $E2E_PORT
host_key = ssh_host_ed25519_key
database = palabre.db
log_file = palabre.log
; Started as root (CI): the server runs as nobody, as it would as palabre.
user = $E2E_SERVICE_USER

[site]
name = $E2E_SITE
article = le
tagline = Configuration d'essai : cœur, façade et œuvres à l'été

[limits]
login_grace_time = $E2E_GRACE
max_auth_tries = 6
max_startups = 10:30:100
max_sessions = 50
idle_timeout = 10
password_hashes = 2
source_failures = 100
source_window = 600
source_penalty = 30
account_failures = 20
account_window = 900
account_lock = 60
EOF
	# E2E_CONF_EXTRA: more sections for one test ([signup]...).
	[ -z "${E2E_CONF_EXTRA:-}" ] ||
	    printf '\n%s\n' "$E2E_CONF_EXTRA" >>"$E2E_CONF"
}

# e2e_setup: temporary directory, host key, configuration, tmux.
e2e_setup() {
	E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/palabre-e2e.XXXXXX") || exit 1
	chmod 700 "$E2E_DIR"
	trap e2e_atexit EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	E2E_CONF=$E2E_DIR/palabre.conf
	E2E_LOG=$E2E_DIR/palabre.log
	E2E_DB=$E2E_DIR/palabre.db
	cat >"$E2E_DIR/tmux.conf" <<'EOF'
set -g remain-on-exit on
set -g status off
set -g default-shell /bin/sh
set -g history-limit 2000
set -g exit-empty off
EOF
	[ -x "$PALABRE_BIN" ] || e2e_bail "$PALABRE_BIN existe (lancez make)"
	ssh-keygen -q -t ed25519 -N '' -C palabre-e2e \
	    -f "$E2E_DIR/ssh_host_ed25519_key" ||
	    e2e_bail "clé d'hôte créée"
	E2E_PORT=$(free_port) || e2e_bail "port libre trouvé"
	e2e_write_conf
	# Under « make test-asan », every process (server, sessions, their
	# interface, admin commands) writes its sanitizer reports here, where
	# e2e_finish looks for them: the interface's stderr is the member's
	# terminal, where nobody would read them.
	E2E_SAN=
	if [ -n "${ASAN_OPTIONS:-}" ] || [ -n "${UBSAN_OPTIONS:-}" ]; then
		E2E_SAN=$E2E_DIR/sanitizer
		ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}log_path=$E2E_SAN"
		UBSAN_OPTIONS="${UBSAN_OPTIONS:-}${UBSAN_OPTIONS:+:}log_path=$E2E_SAN"
		export ASAN_OPTIONS UBSAN_OPTIONS
	fi
}

# no_sanitizer_report: no ASan/UBSan/LSan report was written.
no_sanitizer_report() {
	local f found=1
	[ -n "${E2E_SAN:-}" ] || return 0	# not a sanitizer build
	for f in "$E2E_SAN".*; do
		[ -f "$f" ] || continue
		found=0
		echo "== $f"
		head -n 40 "$f"
	done
	return $((1 - found))
}

# palabre ARGS...: the command under test, on the test configuration.
palabre() {
	"$PALABRE_BIN" -c "$E2E_CONF" "$@"
}

e2e_write_edito() {
	cat >"$E2E_DIR/edito.md" <<EOF
# $E2E_EDITO_TITLE

Bienvenue sur le réseau d'essai, où les acteurs de l'intégration échangent leurs expériences de terrain, leurs réussites comme leurs difficultés, avec la volonté de faire connaître les actions menées dans les quartiers et les villages.

Ce texte sert à vérifier la mise en page du lecteur : il doit être assez long pour occuper plusieurs pages, être replié proprement à toutes les largeurs de fenêtre, et garder ses accents, ses cédilles et ses ligatures comme dans cœur, sœur, œuvre, façade, garçon, où, déjà, noël et maïs.

Les centres communaux d'action sociale, les caisses d'allocations familiales, les associations de quartier et les services de l'État y trouveront des comptes rendus de réunions, des textes de référence et des adresses utiles pour orienter les personnes qu'ils accueillent chaque jour.

La prévention des discriminations dans l'accès à l'emploi et au logement demande la coopération de tous : élus, travailleurs sociaux, bénévoles, employeurs et bailleurs. Chacun est invité à raconter ce qui a fonctionné chez lui, et aussi ce qui a échoué, pour que les autres en tirent profit.

Les journées d'échanges seront annoncées ici même, avec leur programme, leurs intervenants et les modalités d'inscription. Les comptes rendus suivront, accompagnés des documents présentés, afin que ceux qui n'ont pas pu se déplacer profitent eux aussi de ces rencontres.

Une bibliothèque de documents sera alimentée régulièrement par les services nationaux et par les centres de ressources spécialisés. Vous pourrez y chercher un texte par son titre, son auteur ou son thème, et le lire directement à l'écran sans rien installer.

Les forums de discussion permettront de poser une question à l'ensemble du réseau et d'obtenir rapidement l'avis de collègues confrontés aux mêmes situations, qu'il s'agisse d'accès aux droits, d'apprentissage du français ou d'accompagnement vers l'emploi.

Un agenda commun rassemblera les formations, les colloques et les permanences organisés dans chaque région. Chacun pourra y inscrire ses propres réunions et consulter ceux des autres, pour éviter les doublons et mieux partager les ressources disponibles.

Les fiches pratiques rédigées par les membres décriront pas à pas une démarche utile : ouvrir un dossier, préparer un entretien, constituer un réseau de bénévoles ou monter un atelier de conversation. Elles seront relues par l'équipe avant leur publication.

Nous souhaitons aussi donner la parole aux personnes accompagnées, à travers des témoignages recueillis avec leur accord. Leurs récits rappellent que derrière chaque dossier il y a une histoire, des projets et une grande capacité d'adaptation.

Enfin, n'hésitez pas à écrire à l'équipe d'animation du réseau pour proposer un sujet, signaler une erreur ou demander de l'aide. Nous répondons à chaque message dans les meilleurs délais, et toujours avec plaisir.

Bonne lecture à toutes et à tous, et à très bientôt sur le réseau.
EOF
}

# e2e_db: migrate, two members through « palabre admin », one édito.
e2e_db() {
	palabre admin db migrate || return 1
	printf '%s\n' "$E2E_PASS" | palabre admin user add "$E2E_USER" \
	    --role membre --name "$E2E_NAME" --org "CCAS de Villeurbanne" \
	    --password-stdin || return 1
	printf '%s\n' "$E2E_PASS2" | palabre admin user add "$E2E_USER2" \
	    --role moderateur --name "$E2E_NAME2" \
	    --org "Association Accueil et Promotion, Lille" \
	    --password-stdin || return 1
	e2e_write_edito
	palabre admin edito add "$E2E_DIR/edito.md" \
	    --byline "$E2E_EDITO_BYLINE" --date 2024-05-02 || return 1
}

# e2e_board_access: boards.d/acces-droits.conf, a board where members
# post (the server syncs it at start).
e2e_board_access() {
	mkdir -p "$E2E_DIR/boards.d"
	cat >"$E2E_DIR/boards.d/acces-droits.conf" <<'EOF'
[board]
key = acces-droits
title = Accès aux droits
description = Domiciliation, CAF, CPAM
section = Droits
order = 10
read = membre
post = membre
EOF
}

# e2e_draft LOGIN BOARD TITLE BODY: once the server has synced BOARD, a
# draft of a new thread there for LOGIN (sqlite3): the way into the
# editor that goes through no board screen.
e2e_draft() {
	wait_until 10 e2e_board_synced "$2" || return 1
	sqlite3 "$E2E_DB" "INSERT INTO draft (member_id, kind, board_id,
	    target_id, title, body, updated_at)
	    SELECT m.id, 'thread', b.id, 0, '$3', '$4', 1714640400
	    FROM member m, board b WHERE m.login = '$1' AND b.key = '$2'"
}

e2e_board_synced() {
	[ -n "$(sqlite3 "$E2E_DB" "SELECT id FROM board WHERE key = '$1'")" ]
}

# listening: our server (E2E_PID) listens on E2E_PORT.
e2e_listening() {
	local l
	alive "$E2E_PID" || return 1
	l=$(ss -Hltnp "sport = :$E2E_PORT" 2>/dev/null) || return 1
	[ -n "$l" ] || return 1
	# With process information, the listener must be ours.
	case $l in
	*users:*) case $l in *"pid=$E2E_PID,"*) ;; *) return 1 ;; esac ;;
	esac
	return 0
}

# e2e_demo_db: the demo database of « make run » (tools/demo-db.sh:
# boards of conf/boards.d, shelf, catalogue, people, exchange days).
e2e_demo_db() {
	mkdir -p "$E2E_DIR/boards.d" &&
	    cp conf/boards.d/*.conf "$E2E_DIR/boards.d/" &&
	    sh tools/demo-db.sh "$PALABRE_BIN" "$E2E_CONF" \
	    >"$E2E_DIR/demo.out" 2>&1
}

# e2e_start: « palabre serve » in the background until it listens. The
# port was free a moment ago; if someone took it meanwhile, try another.
e2e_start() {
	local try=0
	while [ "$try" -lt 5 ]; do
		try=$((try + 1))
		"$PALABRE_BIN" -c "$E2E_CONF" serve \
		    >>"$E2E_DIR/serve.out" 2>&1 </dev/null &
		E2E_PID=$!
		if wait_until 10 e2e_listening; then
			return 0
		fi
		e2e_stop
		E2E_PORT=$(free_port) || return 1
		e2e_write_conf
	done
	return 1
}

# e2e_stop: SIGTERM, up to 6 s, then SIGKILL for it and its sessions.
# Sets E2E_STOP_RC to the server's exit status.
e2e_stop() {
	local pids
	E2E_STOP_RC=
	[ -n "$E2E_PID" ] || return 0
	kill -TERM "$E2E_PID" 2>/dev/null
	if ! wait_until 6 dead "$E2E_PID"; then
		pids=$(session_pids)
		# shellcheck disable=SC2086
		kill -KILL "$E2E_PID" $pids 2>/dev/null
	fi
	wait "$E2E_PID" 2>/dev/null
	E2E_STOP_RC=$?
	E2E_PID=
}

# bg_track PID: a background process of the test, killed at the end.
bg_track() {
	E2E_BG="$E2E_BG $1"
}

# --- The end -------------------------------------------------------------

e2e_cleanup() {
	local p
	[ -n "$E2E_CLEANED" ] && return 0
	E2E_CLEANED=1
	for p in $E2E_BG; do
		kill -KILL "$p" 2>/dev/null
	done
	if [ -z "$E2E_DIR" ]; then
		[ -z "$E2E_BIN_DIR" ] || rm -rf "$E2E_BIN_DIR"
		return 0
	fi
	tm kill-server >/dev/null 2>&1
	# tmux 3.3 leaves its socket behind when killed.
	p=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCK
	[ -S "$p" ] && rm -f "$p"
	e2e_stop
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		printf '# dossier de test gardé : %s\n' "$E2E_DIR"
	else
		rm -rf "$E2E_DIR"
	fi
	[ -z "$E2E_BIN_DIR" ] || rm -rf "$E2E_BIN_DIR"
}

# e2e_finish: the closing line, the cleanup and the exit status.
e2e_finish() {
	E2E_FINISHED=1
	if [ -n "${E2E_SAN:-}" ]; then
		e2e_stop
		check "aucun rapport d'ASan ni d'UBSan" no_sanitizer_report
	fi
	if [ "$E2E_FAILED" -gt 0 ] && [ -n "$E2E_DIR" ] && [ -f "$E2E_LOG" ]
	then
		echo "# fin du journal du serveur :"
		tail -n 30 "$E2E_LOG" | sed 's/^/#   /'
	fi
	e2e_cleanup
	echo "$E2E_PASSED passed, $E2E_FAILED failed"
	[ "$E2E_FAILED" -eq 0 ] || exit 1
	exit 0
}

# The script stopped early (error, signal): count it, clean up anyway.
e2e_atexit() {
	[ -n "$E2E_FINISHED" ] && {
		e2e_cleanup
		return
	}
	E2E_FINISHED=1
	e2e_not_ok "le script est allé jusqu'au bout"
	e2e_cleanup
	echo "$E2E_PASSED passed, $E2E_FAILED failed"
	exit 1
}
