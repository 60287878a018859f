#!/bin/sh
# kill -9 of the interface or of the session process at random points
# of composing and sending (issue 13 §2 and §6). Each run resumes a
# draft of a new thread, types, then either sends it with Ctrl-X and is
# killed 0 to 25 ms after Ctrl-X was typed (the window where a post could be stored and
# its draft left), or is killed while typing, 2.5 s after a pause that
# let the autosave run. Every run: never two threads for one draft,
# never a partial post; a post acknowledged on screen (« Message envoyé
# ») is there; a post that is there left no unsent draft behind (the
# draft would be offered again and sent twice); a draft that was not
# sent kept what was typed up to 2 s before the kill.
#
# FAULT_RUNS (default 30) runs; one in five is a kill while typing.
. "$(dirname "$0")/lib.sh"

RUNS=${FAULT_RUNS:-30}
e2e_setup
fault_board faute
check "base de test créée" e2e_db || e2e_bail "base"
palabre admin board sync >/dev/null 2>&1
check "le serveur démarre" e2e_start || e2e_bail "serveur"

acked=0
present=0
dups=0
partial=0
left=0
lost=0
kills_ui=0
kills_session=0
typing_runs=0
typing_kept=0
i=0
while [ "$i" -lt "$RUNS" ]; do
	i=$((i + 1))
	name=r$i
	seed_draft "Sujet $i" "Corps $i."
	if ! e2e_login "$name" "$E2E_USER" "$E2E_PASS" || ! open_draft "$name"
	then
		e2e_not_ok "essai $i : l'éditeur s'ouvre"
		tm kill-session -t "=$name" 2>/dev/null
		continue
	fi
	u=$(ui_pid)
	s=$(ps -o ppid= -p "$u" | tr -d ' ')
	if [ $((i % 2)) = 0 ]; then
		victim=$u
		kills_ui=$((kills_ui + 1))
	else
		victim=$s
		kills_session=$((kills_session + 1))
	fi
	if [ $((i % 5)) = 0 ]; then
		# Killed while typing: what was typed 2.5 s before is kept.
		typing_runs=$((typing_runs + 1))
		type_text "$name" " Avant la pause $i."
		wait_for "$name" "Avant la pause $i." 5
		sleep 2.5
		type_text "$name" " Juste avant $i."
		kill -KILL "$victim"
		wait_dead "$name" 8
		if [ "$(sql "SELECT COUNT(*) FROM draft
		    WHERE body LIKE '%Avant la pause $i.%'")" = 1 ]; then
			typing_kept=$((typing_kept + 1))
		else
			lost=$((lost + 1))
		fi
		tm kill-session -t "=$name" 2>/dev/null
		continue
	fi
	type_text "$name" " Suite $i, tapée."
	wait_for "$name" "Suite $i, tapée." 5
	# Ctrl-X goes through tmux, ssh and the session in a few ms: the
	# kill lands before, during or after the send.
	delay=$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", rand() * 0.025 }')
	keys "$name" C-x &
	sendkeys=$!
	sleep "$delay"
	kill -KILL "$victim"
	wait "$sendkeys"
	wait_dead "$name" 8
	n=$(sql "SELECT COUNT(*) FROM thread WHERE title = 'Sujet $i'")
	ok=$(sql "SELECT COUNT(*) FROM post p JOIN thread t ON t.id = p.thread_id
	    WHERE t.title = 'Sujet $i' AND p.body = 'Corps $i. Suite $i, tapée.'")
	# A sent draft is kept emptied (sent_as): its title is gone.
	unsent=$(sql "SELECT COUNT(*) FROM draft WHERE title = 'Sujet $i'")
	if screen_has "$name" "Message envoyé"; then
		acked=$((acked + 1))
		[ "$n" = 1 ] || lost=$((lost + 1))
	fi
	[ "$n" -gt 1 ] && dups=$((dups + 1))
	if [ "$n" -ge 1 ]; then
		present=$((present + 1))
		[ "$ok" = "$n" ] || partial=$((partial + 1))
		# A post and its draft still unsent: it would go twice.
		[ "$unsent" = 0 ] || left=$((left + 1))
	elif [ "$unsent" != 1 ]; then
		lost=$((lost + 1))	# neither the post nor the draft
	fi
	tm kill-session -t "=$name" 2>/dev/null
done

figure "kill -9 pendant la rédaction et l'envoi : $RUNS essais" \
    "($kills_ui de l'interface, $kills_session de la session)," \
    "$acked accusés « Message envoyé », $present messages en base," \
    "$dups en double, $partial partiels, $left brouillons restés après" \
    "envoi, $lost textes perdus ; frappe : $typing_kept/$typing_runs" \
    "brouillons ont le texte tapé 2,5 s avant l'arrêt"
check "aucun message en double" test "$dups" = 0
check "aucun message partiel" test "$partial" = 0
check "aucun brouillon laissé par un message enregistré" test "$left" = 0
check "rien de perdu (accusé présent, sinon brouillon gardé)" \
    test "$lost" = 0
check "base intègre" eval 'palabre admin db check >/dev/null 2>&1'
e2e_finish
