#!/usr/bin/env bash
# Sets the kiosk up on a fresh Debian 12 / Ubuntu 24.04 machine, then runs it or its tests.
#
#   bash setup.sh run [ARGS...]    set up, then start the kiosk on the demo tour
#   bash setup.sh test [ARGS...]   set up, then run the whole test suite
#
# Running it again is harmless: it installs only what is missing or changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
mode="${1:-run}"; shift || true

say() { printf '%s\n' "$*" >&2; }

# -- Python 3.11 or newer -------------------------------------------------------------
python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  say "The kiosk needs Python 3.11 or newer. Install it (apt-get install python3) and run this again."
  exit 1
fi

# -- System libraries Kivy and pygame load at run time ------------------------------------
# libgl1/libegl1: drawing (also offscreen); libglib2.0-0: pygame's mixer; libmtdev1: touch
# screens (without it every start logs an error); python3-venv: the virtual environment.
needed=(libgl1 libegl1 libglib2.0-0 libmtdev1)
"$python" -c 'import ensurepip' 2>/dev/null || needed+=(python3-venv)
# The tests also check the deployment files: a real X server for the kiosk session, the
# unit file (systemd-analyze, from systemd) and the shell scripts (shellcheck); Syncthing
# for the fleet test (three daemons on 127.0.0.1).
[ "$mode" = test ] && needed+=(xvfb xauth xinit x11-xserver-utils shellcheck systemd syncthing)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "These system packages are missing: ${missing[*]}"
    say "Install them with:  sudo apt-get install ${missing[*]}"
    say "then run this command again."
    exit 1
  fi
fi

# -- The virtual environment with the pinned packages ---------------------------------------
requirements=requirements.txt
[ "$mode" = test ] && requirements=requirements-dev.txt
if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment in .venv"
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$mode"
if [ ! -f "$stamp" ]; then
  say "Installing the pinned Python packages ($requirements)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  rm -f .venv/.installed-*-"$mode"
  touch "$stamp"
fi

# The kiosk's own modules as bytecode, as pip does for every package it installs: each
# start then reads them instead of compiling some seventy files (about 60 ms of a start
# of 0.4 s, docs/performance.md), also where the kiosk's user cannot write here. Only the
# files changed since the last run are compiled again.
.venv/bin/python -m compileall -q kiosk main.py >/dev/null

export KIVY_NO_ARGS=1
case "$mode" in
  run)  exec .venv/bin/python main.py "$@" ;;
  test) exec .venv/bin/python -m pytest "$@" ;;
  *)    say "usage: bash setup.sh run|test [ARGS...]"; exit 2 ;;
esac
