#!/usr/bin/env bash
# The X session of the dedicated kiosk (started by kiosk-xinit.sh): the screen never
# blanks, rotation and resolution as configured, touches follow the rotation, then the
# kiosk itself. Its exit status is written to $KIOSK_STATUS_FILE for kiosk-xinit.sh.
#
# Settings (from /etc/default/alzhir-kiosk, through the unit):
#   KIOSK_CONTENT  the tour folder (stops.yaml, assets/)   default: the repository
#   KIOSK_DATA     the data folder                         default: /var/lib/alzhir-kiosk
#   KIOSK_OUTPUT   the screen's output name in `xrandr`    default: the first connected
#   KIOSK_ROTATE   normal, left, right or inverted         default: normal
#   KIOSK_MODE     a resolution such as 1920x1080          default: the screen's preferred
#   KIOSK_TOUCH    the touch screen's name in `xinput list`, to map it to the output
#   KIOSK_PYTHON   the Python that runs main.py (default: the repository's .venv/bin/python)
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
say() { printf 'alzhir-kiosk session: %s\n' "$*" >&2; }

# -- the screen never blanks and never powers down ------------------------------------
if command -v xset >/dev/null 2>&1; then
  xset s off s noblank -dpms || say "xset could not turn blanking off"
else
  say "xset is missing (package x11-xserver-utils): the screen may blank"
fi
command -v xsetroot >/dev/null 2>&1 && xsetroot -solid black

# -- rotation and resolution -------------------------------------------------------
if command -v xrandr >/dev/null 2>&1; then
  output="${KIOSK_OUTPUT:-}"
  if [ -z "$output" ]; then
    output="$(xrandr --query | awk '/ connected/ { print $1; exit }')"
  fi
  if [ -n "$output" ]; then
    mode=(--auto)
    if [ -n "${KIOSK_MODE:-}" ]; then
      mode=(--mode "$KIOSK_MODE")
    fi
    xrandr --output "$output" "${mode[@]}" --rotate "${KIOSK_ROTATE:-normal}" ||
      say "xrandr could not set $output to ${KIOSK_MODE:-its preferred mode}, rotation ${KIOSK_ROTATE:-normal}"
    # A touch screen must turn with the picture, or touches land in the wrong place.
    if [ -n "${KIOSK_TOUCH:-}" ]; then
      xinput map-to-output "$KIOSK_TOUCH" "$output" ||
        say "xinput could not map '$KIOSK_TOUCH' to $output (see: xinput list)"
    fi
  else
    say "xrandr found no connected screen; keeping the X server's defaults"
  fi
fi

# -- the kiosk ---------------------------------------------------------------------------
"${KIOSK_PYTHON:-$repo/.venv/bin/python}" "$repo/main.py" run \
  --content "${KIOSK_CONTENT:-$repo}" --data "${KIOSK_DATA:-/var/lib/alzhir-kiosk}" &
kiosk=$!
# kiosk-xinit.sh passes a stop (SIGTERM) to the kiosk itself, found through this file.
if [ -n "${KIOSK_PID_FILE:-}" ]; then
  echo "$kiosk" > "$KIOSK_PID_FILE"
fi
wait "$kiosk"
status=$?
if [ -n "${KIOSK_STATUS_FILE:-}" ]; then
  echo "$status" > "$KIOSK_STATUS_FILE"
fi
exit "$status"
