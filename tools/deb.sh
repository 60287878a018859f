#!/bin/sh
# deb.sh VERSION - « make deb »: palabre_VERSION_amd64.deb, built with
# debhelper from a copy of the tree (build/deb/palabre-VERSION/) with
# conf/debian/ as its debian/, then checked with lintian. The .deb lands
# at the top of the repository; the build's log and lintian's report in
# build/deb/.
set -eu
cd "$(dirname "$0")/.."
V=${1:?usage: deb.sh VERSION}
# Who signs the package: DEB_MAINTAINER="Nom <adresse>" for your own.
M=${DEB_MAINTAINER:-Équipe Palabre <palabre@example.org>}
sh tools/deps.sh debhelper lintian fakeroot dpkg-dev
W=build/deb
D=$W/palabre-$V
rm -rf "$D"
mkdir -p "$D"
# The sources, without what a build made.
tar cf - --exclude=build Makefile README.md \
    src screens db tests tools conf docs | tar xf - -C "$D"
cp -R conf/debian "$D/debian"
for f in changelog control; do
	sed -e "s/@VERSION@/$V/" -e "s/@DATE@/$(date -R)/" \
	    -e "s|@MAINTAINER@|$M|" "conf/debian/$f" >"$D/debian/$f"
done
cp conf/systemd/palabre.sysusers "$D/debian/palabre.sysusers"
echo "Construction du paquet (journal : $W/build-$V.log)..."
if ! (cd "$D" && dpkg-buildpackage -us -uc -b) >"$W/build-$V.log" 2>&1; then
	tail -n 30 "$W/build-$V.log"
	echo "make deb : échec de la construction" >&2
	exit 1
fi
cp "$W/palabre_${V}_amd64.deb" .
# Tags lintian gives beyond the justified overrides (conf/debian/
# palabre.lintian-overrides) are printed; errors fail the build.
lintian --info --display-info "$W/palabre_${V}_amd64.deb" >"$W/lintian-$V.txt" 2>&1 || true
cat "$W/lintian-$V.txt"
if grep -q '^E: ' "$W/lintian-$V.txt"; then
	echo "make deb : lintian signale des erreurs" >&2
	exit 1
fi
echo "palabre_${V}_amd64.deb"
