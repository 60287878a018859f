#!/bin/sh
# kill -9 of the listener under 8 writers, FAULT_LISTENER_RUNS (5) times
# (issue 13 §3, §6). The writers are « palabre admin post reply » loops:
# a post is acknowledged when the command prints its number (after the
# commit). Two members stay logged in through every kill. After each
# kill the listener is started again and a member logs in; at the end:
# every acknowledged post is there, whole, exactly once; the database is
# sound; the first login after each restart took less than 2 s; the
# sessions the killed listeners left behind still answer, take the
# configuration the last one re-reads on SIGHUP, and end with its
# SIGTERM.
. "$(dirname "$0")/lib.sh"

RUNS=${FAULT_LISTENER_RUNS:-5}
WRITERS=${FAULT_WRITERS:-8}
e2e_setup
fault_board faute
check "base de test créée" e2e_db || e2e_bail "base"
palabre admin board sync >/dev/null 2>&1
parent=$(printf 'Le fil des écrivains.\n' | palabre admin post new \
    --board faute --author "$E2E_USER" --title "Écrivains" 2>/dev/null)
check "un fil où répondre ($parent)" test -n "$parent"
check "le serveur démarre" e2e_start || e2e_bail "serveur"
check "deux membres restent connectés" eval \
    'e2e_login m1 "$E2E_USER" "$E2E_PASS" &&
    e2e_login m2 "$E2E_USER2" "$E2E_PASS2"'

# writer W: replies until the stop file appears, 50 ms apart (eight
# writers saturate two cores otherwise); « NUMBER W-K » per acknowledged
# post in ack.W.
writer() {
	local k=0 id
	while [ ! -e "$E2E_DIR/stop" ]; do
		k=$((k + 1))
		id=$(printf 'début %s-%s\n%s\nfin %s-%s\n' "$1" "$k" \
		    "Corps de la réponse $1-$k, été comme hiver." "$1" "$k" |
		    "$PALABRE_BIN" -c "$E2E_CONF" admin post reply \
		    --to "$parent" --author "$E2E_USER" 2>/dev/null) &&
		    [ -n "$id" ] && echo "$id $1-$k" >>"$E2E_DIR/ack.$1"
		sleep 0.05
	done
}
w=0
while [ "$w" -lt "$WRITERS" ]; do
	w=$((w + 1))
	writer "$w" &
	bg_track $!
done

orphans=
times=
worst=0
slow=0
run=0
while [ "$run" -lt "$RUNS" ]; do
	run=$((run + 1))
	sleep "$(awk -v s="$run$$" 'BEGIN { srand(s); printf "%.2f", 0.5 + rand() }')"
	orphans="$orphans $(session_pids)"
	kill -KILL "$E2E_PID"
	wait "$E2E_PID" 2>/dev/null
	E2E_PID=
	if ! e2e_start; then
		e2e_not_ok "essai $run : le serveur redémarre"
		continue
	fi
	if t=$(timed_login "r$run" "$E2E_USER" "$E2E_PASS"); then
		[ "$t" -gt "$worst" ] && worst=$t
		[ "$t" -lt 2000 ] || slow=$((slow + 1))
		times="$times $t"
	else
		e2e_not_ok "essai $run : connexion après le redémarrage"
		slow=$((slow + 1))
	fi
	tm kill-session -t "=r$run" 2>/dev/null
done
touch "$E2E_DIR/stop"
wait_until 20 eval '! pgrep -f "admin post reply --to $parent" >/dev/null'

cat "$E2E_DIR"/ack.* >"$E2E_DIR/acks" 2>/dev/null
acked=$(wc -l <"$E2E_DIR/acks")
# Each stored reply as « NUMBER W-K » if whole (its first and last
# lines name the same writer and post), sorted like the acks.
sql "SELECT id, replace(rtrim(body, char(10)), char(10), '|') FROM post
    WHERE parent_id = $parent" | awk -F'|' '{
	split($2, a, " "); split($NF, z, " ")
	if (a[1] == "début" && z[1] == "fin" && a[2] == z[2])
		print $1 " " a[2]
}' | sort >"$E2E_DIR/whole"
missing=$(sort "$E2E_DIR/acks" | comm -23 - "$E2E_DIR/whole" | grep -c .)
stored=$(sql "SELECT COUNT(*) FROM post WHERE parent_id = $parent")
dup=$(sql "SELECT COUNT(*) - COUNT(DISTINCT substr(body, 1, 40)) FROM post
    WHERE parent_id = $parent")
figure "kill -9 du serveur : $RUNS essais sous $WRITERS écrivains," \
    "$acked messages accusés, $stored en base, $missing accusés perdus" \
    "ou incomplets, $dup en double ; première connexion après" \
    "redémarrage : $worst ms au pire (ms :$times)"
check "aucun message accusé perdu ni incomplet ($acked accusés)" \
    test "$missing" = 0
check "aucun message en double" test "$dup" = 0
check "base intègre" eval 'palabre admin db check >/dev/null 2>&1'
check "première connexion après redémarrage en moins de 2 s ($worst ms)" \
    test "$slow" = 0

# The sessions left by the killed listeners: still serving their
# members, then ended with the server.
keys m1 Enter
check_screen m1 "Accueil" "une session d'avant les kill -9 répond toujours"
sed -i 's/^name = .*/name = Réseau renommé/' "$E2E_CONF"
kill -HUP "$E2E_PID"
renamed() {
	keys m1 Down
	screen m1 | head -n 1 | grep -qF "Réseau renommé"
}
check "SIGHUP du serveur redémarré : une session d'avant relit la configuration" \
    wait_until 5 renamed
e2e_stop
alive_orphans() {
	local p n=0
	for p in $orphans; do
		alive "$p" && n=$((n + 1))
	done
	[ "$n" = 0 ]
}
check "SIGTERM du serveur redémarré : les sessions d'avant finissent" \
    wait_until 10 alive_orphans
for p in $orphans; do
	alive "$p" && kill -KILL "$p" 2>/dev/null
done
e2e_finish
