#!/bin/sh
# make run: host keys and demo database when missing, then the server on
# 127.0.0.1:2222 in the foreground.
set -eu
cd "$(dirname "$0")/.."
conf=conf/palabre.conf
mkdir -p var
chmod 700 var
[ -f var/ssh_host_ed25519_key ] ||
	ssh-keygen -q -t ed25519 -N '' -C palabre -f var/ssh_host_ed25519_key
[ -f var/ssh_host_rsa_key ] ||
	ssh-keygen -q -t rsa -b 3072 -N '' -C palabre -f var/ssh_host_rsa_key
if [ ! -f var/palabre.db ]; then
	echo "Création de la base de démonstration var/palabre.db…"
	if ! sh tools/demo-db.sh ./palabre "$conf" >var/demo-db.log 2>&1; then
		cat var/demo-db.log >&2
		rm -f var/palabre.db var/palabre.db-wal var/palabre.db-shm
		exit 1
	fi
else
	./palabre -c "$conf" admin db migrate >/dev/null
fi
./palabre check-config -c "$conf" >/dev/null
# As root, the server binds, reads the host keys, then runs as palabre
# (« user » in [server]): make that system user if missing, and give it
# var/ and the database (the host keys stay root's).
if [ "$(id -u)" -eq 0 ]; then
	if ! getent passwd palabre >/dev/null; then
		echo "Création de l'utilisateur système palabre…"
		useradd --system --no-create-home --home-dir /nonexistent \
		    --shell /usr/sbin/nologin palabre
	fi
	chown palabre: var
	for f in var/palabre.db var/palabre.db-wal var/palabre.db-shm \
	    var/palabre.db-argon2.lock; do
		[ -e "$f" ] && chown palabre: "$f"
	done
fi
cat <<MSG

  Palabre écoute sur 127.0.0.1:2222. Pour vous connecter :

      ssh -p 2222 demo@127.0.0.1          mot de passe : bienvenue

  Autres comptes de démonstration (même mot de passe) : sysop, elodie
  (modératrice), karim, francois (documentaliste), amelie (organisatrice).
  S'inscrire comme nouveau membre : ssh -p 2222 nouveau@127.0.0.1
  Arrêter le serveur : Ctrl-C ici (les sessions ouvertes sont fermées
  proprement).

MSG
exec ./palabre -c "$conf" serve
