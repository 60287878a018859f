#!/bin/sh
# The interfaces' images (src/ui/ui_image.c, src/ssh/conn_image.c):
# each session's interface is forked from one of the four « palabre-ui
# --image » the listener exec'd, in turn, each image in a session of its
# own. What the interfaces may not share: the host key (its private
# bytes are in no interface's memory, nor in any image's, while the
# listener's memory holds them: the search works), a member's data (the
# image's memory holds no login it served), writable shared memory (no
# shared writable mapping but SQLite's -shm, the database's own). Then
# one image killed (kill -9): open sessions go on, the next login goes
# to another image, and the listener execs a fresh one in its place;
# then every image killed: a new login still works. The exit status of
# an interface reaches the client.
. "$(dirname "$0")/lib.sh"

e2e_setup
check "base de test créée par palabre admin" e2e_db || e2e_bail "base"
check "le serveur démarre et écoute sur 127.0.0.1:$E2E_PORT" e2e_start ||
    e2e_bail "serveur"

# is_image PID: PID is one of the running images.
is_image() {
	image_pids | grep -qx "$1"
}

# uis_of LOGIN: the interfaces of LOGIN's sessions, one a line.
uis_of() {
	local p
	for p in $(session_pids); do
		case $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) in
		*"--session --user $1 "*) echo "$p" ;;
		esac
	done
}

# ui_of LOGIN: the interface of LOGIN's session.
ui_of() {
	uis_of "$1" | head -n 1
}

parent_of() {
	ps -o ppid= -p "$1" | tr -d ' '
}

# mem_has PID HEX: the bytes HEX are in PID's readable memory (root
# reads a non-dumpable process's /proc/PID/mem), in the mappings that
# hold pages (Rss in /proc/PID/smaps), by 1 MiB pieces that overlap; the
# sanitizers' terabytes of reserved shadow hold nothing and are skipped.
mem_has() {
	python3 - "$1" "$2" <<'EOF'
import re, sys
pid, needle = sys.argv[1], bytes.fromhex(sys.argv[2])
maps = []
with open(f"/proc/{pid}/smaps") as f:
    cur = None
    for line in f:
        m = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
        if m:
            cur = [int(m.group(1), 16), int(m.group(2), 16),
                   m.group(3).startswith("r") and "[vvar]" not in line
                   and "[vsyscall]" not in line, 0]
            maps.append(cur)
        elif line.startswith("Rss:") and cur is not None:
            cur[3] = int(line.split()[1])
step = 1 << 20
with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
    for lo, hi, readable, rss in maps:
        if not readable or rss == 0 or hi - lo > (1 << 30):
            continue
        for at in range(lo, hi, step):
            try:
                mem.seek(at)
                chunk = mem.read(min(step + len(needle), hi - at))
            except OSError:
                continue
            if needle in chunk:
                sys.exit(0)
sys.exit(1)
EOF
}

# The Ed25519 host key's private seed, from its OpenSSH file.
seed=$(python3 - "$E2E_DIR/ssh_host_ed25519_key" <<'EOF'
import base64, struct, sys
lines = open(sys.argv[1]).read().split("\n")
blob = base64.b64decode("".join(l for l in lines if l and "-----" not in l))
p = len(b"openssh-key-v1\0")
def string(p):
    n = struct.unpack(">I", blob[p:p + 4])[0]
    return blob[p + 4:p + 4 + n], p + 4 + n
for _ in range(3):              # cipher, kdf, kdf options
    _, p = string(p)
p += 4                          # number of keys
_, p = string(p)                # public key
priv, _ = string(p)
blob, q = priv, 8               # after two check integers
_, q = string(q)                # key type
_, q = string(q)                # public
sk, q = string(q)               # seed and public, 64 bytes
print(sk[:32].hex())
EOF
)
check "la graine de la clé d'hôte est lue du fichier" test ${#seed} -eq 64

check "quatre images prêtes, chacune dans sa session" \
    wait_until 10 images_ready
check "connexion de $E2E_USER : « Bonjour »" \
    e2e_login s "$E2E_USER" "$E2E_PASS" || e2e_bail "connexion"
check "connexion de $E2E_USER2 : « Bonjour »" \
    e2e_login t "$E2E_USER2" "$E2E_PASS2" || e2e_bail "connexion"
ui1=$(ui_of "$E2E_USER")
ui2=$(ui_of "$E2E_USER2")
image=$(parent_of "$ui1")
image_2=$(parent_of "$ui2")
check "deux interfaces, filles de deux images (chacune à son tour)" \
    eval 'test -n "$ui1" -a -n "$ui2" -a "$ui1" != "$ui2" -a \
    "$image" != "$image_2" && is_image "$image" && is_image "$image_2"'

check "la clé d'hôte est dans la mémoire de l'écouteur (test du test)" \
    mem_has "$E2E_PID" "$seed"
no_seed_in_images() {
	local p
	for p in $(image_pids); do
		! mem_has "$p" "$seed" || return 1
	done
}
check "la clé d'hôte n'est dans la mémoire d'aucune image" no_seed_in_images
check "ni dans celle des deux interfaces" \
    eval '! mem_has "$ui1" "$seed" && ! mem_has "$ui2" "$seed"'
login2_hex=$(printf '%s' "$E2E_USER2" | od -An -tx1 | tr -d ' \n')
check "l'interface de $E2E_USER2 a son identifiant en mémoire" \
    mem_has "$ui2" "$login2_hex"
check "la mémoire de son image ne le garde pas" \
    eval '! mem_has "$image_2" "$login2_hex"'

# shared_writable PID: mappings shared and writable, but SQLite's -shm.
shared_writable() {
	awk '$2 ~ /w.s/ && $6 !~ /-shm$/ { print; n++ } END { exit n > 0 }' \
	    "/proc/$1/maps"
}
check "aucune mémoire partagée en écriture entre les interfaces" \
    eval 'shared_writable "$ui1" && shared_writable "$ui2" &&
    shared_writable "$image" && shared_writable "$image_2"'

# heap_dirty PID: the private dirty KB of PID's heap.
heap_dirty() {
	awk '/^[0-9a-f]+-[0-9a-f]+ / { h = ($6 == "[heap]") }
	    h && /^Private_Dirty:/ { n += $2 } END { print n + 0 }' \
	    "/proc/$1/smaps"
}
# small_heaps: what starting used and freed, each image gave back
# (malloc_trim): no image keeps 64 KB of it for its whole life.
small_heaps() {
	local p
	for p in $(image_pids); do
		[ "$(heap_dirty "$p")" -lt 64 ] || return 1
	done
}
check "chaque image a rendu le tas de son démarrage" small_heaps
check "l'image lie tous les symboles à son lancement (LD_BIND_NOW)" \
    eval 'tr "\\0" "\\n" <"/proc/$image/environ" | grep -qx LD_BIND_NOW=1'

# --- Images killed --------------------------------------------------------
kill -9 "$image"
check "une image tuée (kill -9)" wait_until 5 dead "$image"
keys s Enter
check_screen s "$E2E_SITE › Accueil" "la session ouverte continue"
check "une nouvelle connexion passe" e2e_login u "$E2E_USER" "$E2E_PASS"
ui3=$(uis_of "$E2E_USER" | grep -vx "$ui1")
check "son interface est la fille d'une autre image, vivante" \
    eval 'test -n "$ui3" && is_image "$(parent_of "$ui3")" &&
    test "$(parent_of "$ui3")" != "$image"'
check "l'écouteur a remplacé l'image tuée : quatre images" \
    wait_until 5 images_ready
for p in $(image_pids); do
	[ "$p" = "$image_2" ] || kill -9 "$p"
done
kill -9 "$image_2"
check "toutes les images tuées" wait_until 5 dead "$image_2"
sleep 1.2	# the listener execs at most one image a second in a slot
check "connexion suivante : « Bonjour »" e2e_login v "$E2E_USER2" "$E2E_PASS2"
check "l'écouteur a lancé de nouvelles images" wait_until 5 images_ready
keys t Q
wait_for t "Quitter Palabre ?"
keys t o
check "Q : la session de l'image tuée se termine" wait_dead t
check "son statut de sortie : 0" test "$(exit_status t)" = 0
keys v Q
wait_for v "Quitter Palabre ?"
keys v o
check "Q : la session de la nouvelle image se termine" wait_dead v
check "son statut de sortie : 0 (rapporté par l'image)" \
    test "$(exit_status v)" = 0
for n in s u; do
	keys "$n" Q
	wait_for "$n" "Quitter Palabre ?"
	keys "$n" o
	wait_dead "$n"
done
check "plus aucun processus de session" wait_sessions 0
e2e_finish
