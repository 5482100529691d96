#!/usr/bin/env bash
# Make the root file system of the debian:bookworm stand-in, the way the official image is made
# (debuerreotype): debootstrap --variant=minbase, then the same apt/dpkg settings for containers.
# build.py tars the result into `docker import`.
#
# Usage: mkroot.sh ROOT MIRROR HOSTFILES
#   ROOT       empty directory to fill
#   MIRROR     Debian archive URI, read by build.py from the host's apt sources at run time
#              (never written into the repository)
#   HOSTFILES  directory prepared by build.py: debian.sources (the host's apt sources),
#              ca-certificates.crt (the host's CA bundle) and extra-ca/*.crt (the host's CAs that
#              are not in Debian's set, i.e. the local CA that re-signs outbound TLS here)
set -euo pipefail
root=$1 mirror=$2 hostfiles=$3
here=$(cd "$(dirname "$0")" && pwd)

debootstrap --variant=minbase bookworm "$root" "$mirror"

# apt/dpkg settings of the official images (see the comments in each file).
cp -R --preserve=mode "$here/rootfs-files/." "$root/"

# Same apt sources as the host (bookworm, -updates, -security), in the deb822 form the official
# image uses; debootstrap wrote a one-line sources.list for the main suite only.
rm -f "$root/etc/apt/sources.list"
install -m 0644 "$hostfiles/debian.sources" "$root/etc/apt/sources.list.d/debian.sources"

# The host's CAs. The full bundle sits where OpenSSL, pip, requests and node look for it (the
# image's ENV points there). The extra CAs also go to /usr/local/share/ca-certificates, so that
# when a Dockerfile installs Debian's ca-certificates package later, update-ca-certificates
# regenerates the bundle with them instead of dropping them.
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
