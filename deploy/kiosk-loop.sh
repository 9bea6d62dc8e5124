#!/usr/bin/env bash
# Runs the kiosk and starts it again 2 s after it ends, as systemd's Restart=always with
# RestartSec=2 does for alzhir-kiosk.service; it stops only when the kiosk ends with
# status 0 (staff left kiosk mode in the staff panel), as RestartPreventExitStatus=0 does.
#
# Used by the desktop autostart entry (alzhir-kiosk.desktop), where the desktop session
# already gives the kiosk its screen, sound and touch screen. Any extra arguments go to
# `main.py run`.
#
# Settings: /etc/default/alzhir-kiosk (another file with KIOSK_CONFIG=FILE), see there.
#   KIOSK_CONTENT, KIOSK_DATA     the tour and the data folder
#   KIOSK_RESTART_DELAY           seconds before starting again (default 2)
#   KIOSK_PYTHON                  the Python that runs main.py (default: .venv/bin/python)
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
config="${KIOSK_CONFIG:-/etc/default/alzhir-kiosk}"
if [ -r "$config" ]; then
  # shellcheck disable=SC1090  # the technician's settings file
  . "$config"
fi
export KIOSK_GL="${KIOSK_GL:-}"  # read by the kiosk itself (docs/deploy.md, the screen)
delay="${KIOSK_RESTART_DELAY:-2}"
say() { printf '%s alzhir-kiosk: %s\n' "$(date '+%F %T')" "$*" >&2; }

# The desktop must not blank the screen either (X sessions; see docs/deploy.md for the
# desktop's own settings).
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1; then
  xset s off s noblank -dpms 2>/dev/null || true
fi

while true; do
  say "starting the kiosk"
  "${KIOSK_PYTHON:-$repo/.venv/bin/python}" "$repo/main.py" run \
    --content "${KIOSK_CONTENT:-$repo}" --data "${KIOSK_DATA:-/var/lib/alzhir-kiosk}" "$@"
  status=$?
  if [ "$status" -eq 0 ]; then
    say "the kiosk ended normally (staff left kiosk mode): not started again"
    exit 0
  fi
  say "the kiosk ended with status $status; starting it again in ${delay} s"
  sleep "$delay"
done
