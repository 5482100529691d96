#!/usr/bin/env bash
# Make the root file system of the debian:bullseye stand-in (Debian 11), the way the official
# image is made (debuerreotype): debootstrap --variant=minbase, then the same apt/dpkg settings for
# containers. The same construction as recipes/debian-bookworm/mkroot.sh; what differs for
# bullseye: /usr is not merged (as in the official bullseye images) and the apt sources are the
# one-line /etc/apt/sources.list that bullseye's official image has (deb822 came with bookworm).
# build.py tars the result into `docker import`.
#
# Usage: mkroot.sh ROOT MIRROR HOSTFILES
#   ROOT       empty directory to fill
#   MIRROR     Debian archive URI, read by build.py from the host's apt sources at run time
#              (never written into the repository)
#   HOSTFILES  directory prepared by build.py for this recipe's suite: debian.sources (the host's
#              mirrors with bullseye, bullseye-updates, bullseye-security), ca-certificates.crt (the
#              host's CA bundle) and extra-ca/*.crt (the host's CAs that are not in Debian's set)
set -euo pipefail
root=$1 mirror=$2 hostfiles=$3
here=$(cd "$(dirname "$0")" && pwd)

debootstrap --variant=minbase --no-merged-usr bullseye "$root" "$mirror"

# apt/dpkg settings of the official images (see the comments in each file).
cp -R --preserve=mode "$here/rootfs-files/." "$root/"

# The same sources as build.py prepared (deb822 stanzas), written one line per suite.
awk '
  /^URIs:/ { n = split(substr($0, 6), uris, " ") }
  /^Suites:/ { m = split(substr($0, 8), suites, " ") }
  /^Components:/ { comps = substr($0, 12) }
  /^$/ { flush() }
  END { flush() }
  function flush(  i, j) {
    for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print "deb " uris[i] " " suites[j] comps
    n = 0; m = 0
  }
' "$hostfiles/debian.sources" > "$root/etc/apt/sources.list"
grep -q ' bullseye main' "$root/etc/apt/sources.list"

# The host's CAs (see recipes/debian-bookworm/mkroot.sh): the full bundle where OpenSSL, pip,
# requests and node look for it, the extra CAs where update-ca-certificates keeps them.
install -d "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates"
install -m 0644 "$hostfiles/ca-certificates.crt" "$root/etc/ssl/certs/ca-certificates.crt"
for crt in "$hostfiles"/extra-ca/*.crt; do
  [ -e "$crt" ] && install -m 0644 "$crt" "$root/usr/local/share/ca-certificates/"
done

# Security and point-release updates, as the official image carries them.
chroot "$root" apt-get update
DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get -y upgrade

# What debootstrap and apt leave behind that the official image does not carry.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
  "$root"/var/cache/apt/archives/partial/* "$root"/var/log/apt/* "$root"/var/log/bootstrap.log \
  "$root"/var/cache/ldconfig/aux-cache
# debootstrap copied these from the host; the engine provides them in every container.
rm -f "$root/etc/hostname" "$root/etc/resolv.conf" "$root/etc/hosts"
: > "$root/etc/machine-id"
