#!/bin/sh
# deps.sh: installs the Debian/Ubuntu packages Tally needs to build, run and
# test, and only those that are missing. When pkg-config and every tool are
# already there, apt is not touched at all.
set -eu

# What the build and the tests need: the libraries (pkg-config modules),
# the programs, and the Debian packages that provide them.
MODULES="glib-2.0 >= 2.74
gtk4 >= 4.8
libadwaita-1 >= 1.2
libsoup-3.0 >= 3.2
json-glib-1.0 >= 1.6
sqlite3 >= 3.40
libsecret-1 >= 0.20
pangocairo >= 1.50"

COMMANDS="cc pkg-config meson ninja python3 msgfmt xgettext glib-compile-schemas
glib-compile-resources xmllint desktop-file-validate appstreamcli xvfb-run xauth
dbus-run-session flatpak-builder pdfinfo prometheus promtool gnome-keyring-daemon"

PACKAGES="gcc libc6-dev pkg-config meson ninja-build gettext python3
libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libsecret-1-dev
libglib2.0-bin libglib2.0-dev-bin libxml2-utils desktop-file-utils appstream
xvfb xauth dbus tzdata poppler-utils fonts-cantarell adwaita-icon-theme librsvg2-common flatpak-builder
prometheus gnome-keyring"

missing_something=no
if ! command -v pkg-config >/dev/null 2>&1; then
  missing_something=yes
else
  # One module per line: pkg-config takes "name >= version" as one argument.
  while IFS= read -r module; do
    if ! pkg-config --exists "$module"; then
      echo "deps: missing library: $module"
      missing_something=yes
    fi
  done <<EOT
$MODULES
EOT
fi
for cmd in $COMMANDS; do
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo "deps: missing program: $cmd"
    missing_something=yes
  fi
done
for file in /usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf \
            /usr/share/icons/Adwaita/index.theme \
            /usr/share/zoneinfo/Europe/Berlin; do
  # Fonts, icons and time zones have no pkg-config module; their files tell.
  if [ ! -e "$file" ]; then
    echo "deps: missing file: $file"
    missing_something=yes
  fi
done

if [ "$missing_something" = no ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
else
  SUDO="sudo"
fi

to_install=""
for pkg in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    to_install="$to_install $pkg"
  fi
done

if [ -n "$to_install" ]; then
  echo "deps: installing:$to_install"
  $SUDO apt-get update
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $to_install
fi
