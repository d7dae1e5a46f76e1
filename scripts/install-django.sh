#!/bin/sh
# Installs what the export tests run exported Django tests with: Debian's
# python3-django 4.2 (bookworm-backports; bookworm itself has 3.2) and
# python3-freezegun. For CI, as root on Debian 12 (bookworm). Nothing else
# needs Python: without Django the export tests report themselves skipped.
#
# The backports entry reuses the URIs and Signed-By of the machine's own
# bookworm entry (deb822 .sources or one-line sources.list), so it goes
# through the same mirror; it is added only when no entry names the suite.
set -eu

if /usr/bin/python3 -c 'import django, freezegun, sys; sys.exit(django.VERSION < (4, 2))' 2>/dev/null; then
  echo "install-django.sh: Django $(/usr/bin/python3 -c 'import django; print(django.get_version())') and freezegun are already installed"
  exit 0
fi
if [ "$( . /etc/os-release && echo "${VERSION_CODENAME:-}")" != bookworm ]; then
  echo "install-django.sh: this is for Debian 12 (bookworm)" >&2
  exit 1
fi

sources=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
if ! printf '%s\n' "$sources" | grep -Eq '(^Suites:.*|^deb .*)[[:space:]]bookworm-backports([[:space:]]|$)'; then
  # The first bookworm entry: its URI and, if any, its keyring.
  uri=$(printf '%s\n' "$sources" | awk '
    /^URIs:/ { uri = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") { print uri; exit } }
    $1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[|\]$|=/) { if ($(i + 1) == "bookworm") { print $i; exit } break } }')
  if [ -z "$uri" ]; then
    echo "install-django.sh: found no apt entry for bookworm to add bookworm-backports beside" >&2
    exit 1
  fi
  {
    echo 'Types: deb'
    echo "URIs: $uri"
    echo 'Suites: bookworm-backports'
    echo 'Components: main'
    if [ -e /usr/share/keyrings/debian-archive-keyring.gpg ]; then
      echo 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'
    fi
  } > /etc/apt/sources.list.d/bookworm-backports.sources
  echo "install-django.sh: added bookworm-backports from $uri"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y -t bookworm-backports python3-django
apt-get install -y python3-freezegun
/usr/bin/python3 -c 'import django, freezegun; print("Django", django.get_version(), "and freezegun", freezegun.__version__)'
