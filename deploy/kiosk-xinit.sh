#!/usr/bin/env bash
# ExecStart of alzhir-kiosk.service: starts an X server with the kiosk as its only client
# (startx, xinit's front end: it also makes the X cookie in $XAUTHORITY), and ends with
# the kiosk's own exit status, so that systemd can tell a crash from staff leaving kiosk
# mode (xinit itself always ends with 0 when its client ends).
#
# Settings come from the environment (the unit reads /etc/default/alzhir-kiosk):
#   KIOSK_DISPLAY   the X display (default :0)
#   KIOSK_X_SERVER  the X server program (default: the system's, /etc/X11/xinit/xserverrc)
#   KIOSK_X_ARGS    its arguments (default: vt7 -keeptty -nocursor -s 0 -dpms)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
status_dir="${RUNTIME_DIRECTORY:-${XDG_RUNTIME_DIR:-/tmp}}"
export KIOSK_STATUS_FILE="$status_dir/kiosk-exit-status"
export KIOSK_PID_FILE="$status_dir/kiosk.pid"
rm -f "$KIOSK_STATUS_FILE" "$KIOSK_PID_FILE"

# Told to stop (the unit's KillMode=mixed sends SIGTERM here only): the kiosk is told
# first, saves its visit log and ends; X then ends with its only client.
# shellcheck disable=SC2317  # called by the trap below
stop_kiosk() {
  if [ -s "$KIOSK_PID_FILE" ]; then
    kill -TERM "$(cat "$KIOSK_PID_FILE")" 2>/dev/null
  else
    kill -TERM "$xpid" 2>/dev/null  # the kiosk has not started yet: stop X
  fi
}
trap stop_kiosk TERM INT

server=()
if [ -n "${KIOSK_X_SERVER:-}" ]; then
  server=("$KIOSK_X_SERVER")
fi
read -r -a x_args <<< "${KIOSK_X_ARGS:-vt7 -keeptty -nocursor -s 0 -dpms}"

echo "alzhir-kiosk: starting X on ${KIOSK_DISPLAY:-:0} with the kiosk"
startx "$here/kiosk-session.sh" -- "${server[@]}" "${KIOSK_DISPLAY:-:0}" "${x_args[@]}" &
xpid=$!
# wait returns early when a signal arrives; wait again until startx has really ended
while true; do
  wait "$xpid"
  x_status=$?
  kill -0 "$xpid" 2>/dev/null || break
done

if [ -s "$KIOSK_STATUS_FILE" ]; then
  status="$(cat "$KIOSK_STATUS_FILE")"
  echo "alzhir-kiosk: the kiosk ended with status $status"
else
  # X ended (or failed to start) before the kiosk did: count it as a failure.
  echo "alzhir-kiosk: X ended before the kiosk (startx status $x_status)"
  status=1
fi
exit "$status"
