#!/bin/sh
# make run: host keys and demo database when missing, then the server in
# the foreground, on the address and port conf/palabre.conf gives.
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
# The address and port as the server will read them (« … (ADDR port
# PORT, base …) »), not as this script would guess them.
checked=$(./palabre check-config -c "$conf")	# set -e: stops if invalid
checked=$(printf '%s\n' "$checked" | head -n 1)
addr=$(printf '%s\n' "$checked" | sed -n 's/.*(\([^ ]*\) port \([0-9]*\),.*/\1/p')
port=$(printf '%s\n' "$checked" | sed -n 's/.*(\([^ ]*\) port \([0-9]*\),.*/\2/p')
case $addr in
''|0.0.0.0|::) host=127.0.0.1 ;;
*) host=$addr ;;
esac
# As root, the server binds, reads the host keys, then runs as palabre
# (« user » in [server]): make that system user if missing, and give it
# var/ and the database (the host keys stay root's). A checkout that
# palabre cannot reach (a clone under /root) is served as root instead,
# and says so: the demo must run where it was cloned.
as=
if [ "$(id -u)" -eq 0 ]; then
	if ! getent passwd palabre >/dev/null; then
		echo "Création de l'utilisateur système palabre…"
		useradd --system --no-create-home --home-dir /nonexistent \
		    --shell /usr/sbin/nologin palabre
	fi
	chown palabre: var
	for f in var/palabre.db var/palabre.db-wal var/palabre.db-shm \
	    var/palabre.db-argon2.lock; do
		if [ -e "$f" ]; then chown palabre: "$f"; fi
	done
	if ! runuser -u palabre -- test -x "$PWD/palabre-ui" 2>/dev/null ||
	    ! runuser -u palabre -- test -w "$PWD/var" 2>/dev/null; then
		echo "L'utilisateur palabre n'atteint pas $PWD (un dossier" \
		    "fermé, comme /root) : le serveur de démonstration reste" \
		    "root. En service, installez le paquet ou clonez dans un" \
		    "dossier ouvert (/srv, /opt)."
		as=root
	fi
fi
cat <<MSG

  Palabre écoute sur ${addr:-?}, port ${port:-?}. Pour vous connecter :

      ssh -p $port demo@$host          mot de passe : bienvenue

  Autres comptes de démonstration (même mot de passe) : sysop, elodie
  (modératrice), karim, francois (documentaliste), amelie (organisatrice).
  S'inscrire comme nouveau membre : ssh -p $port nouveau@$host
  Arrêter le serveur : Ctrl-C ici (les sessions ouvertes sont fermées
  proprement).

MSG
if [ "$as" = root ]; then
	exec ./palabre -c "$conf" serve --user ""
fi
exec ./palabre -c "$conf" serve
