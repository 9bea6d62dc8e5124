#!/usr/bin/env bash
# Runs the kiosk and starts it again 2 s after it ends, as systemd's Restart=always with
# RestartSec=2 does for alzhir-kiosk.service; it stops only when the kiosk ends with
# status 0 (staff left kiosk mode in the staff panel), as RestartPreventExitStatus=0 does.
# A kiosk ended by a signal sent to it alone (status 143 for SIGTERM, 130 for SIGINT) is
# started again, as the unit does. When the loop itself is told to stop (SIGTERM when the
# desktop session ends, Ctrl+C in a terminal), it sends SIGTERM to the kiosk, which saves
# its visit log and ends, and the loop ends too (status 143, or 130 after Ctrl+C).
#
# A hung kiosk (its picture frozen, its main loop stuck) is killed and started again too:
# the kiosk touches a heartbeat file from its main loop every few seconds (kiosk/alive.py),
# and one not touched for KIOSK_HANG_SECONDS (before the first touch: KIOSK_START_SECONDS)
# means a hang, as the unit's WatchdogSec= does for alzhir-kiosk.service.
#
# Used by the desktop autostart entry (alzhir-kiosk.desktop), where the desktop session
# already gives the kiosk its screen, sound and touch screen. Any extra arguments go to
# `main.py run`.
#
# Settings: /etc/default/alzhir-kiosk (another file with KIOSK_CONFIG=FILE), see there.
#   KIOSK_CONTENT, KIOSK_DATA     the tour and the data folder
#   KIOSK_RESTART_DELAY           seconds before starting again (default 2)
#   KIOSK_PYTHON                  the Python that runs main.py (default: .venv/bin/python)
#   KIOSK_HANG_SECONDS            no heartbeat this long: a hang (default 30)
#   KIOSK_START_SECONDS           the first heartbeat may take this long (default 120)
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
hang="${KIOSK_HANG_SECONDS:-30}"
start_grace="${KIOSK_START_SECONDS:-120}"
export KIOSK_HEARTBEAT_FILE="${KIOSK_HEARTBEAT_FILE:-${XDG_RUNTIME_DIR:-/tmp}/alzhir-kiosk-heartbeat}"
say() { printf '%s alzhir-kiosk: %s\n' "$(date '+%F %T')" "$*" >&2; }

# The desktop must not blank the screen either (X sessions; see docs/deploy.md for the
# desktop's own settings).
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1; then
  xset s off s noblank -dpms 2>/dev/null || true
fi

# Told to stop: SIGTERM to the kiosk (run in the background so that the loop hears the
# signal at once, not only once the kiosk has ended; SIGINT would not do, a background
# program may start with it ignored), and nothing started after it.
stopping=""
kiosk=""
stop() {
  stopping="$1"
  if [ -n "$kiosk" ]; then kill -s TERM "$kiosk" 2>/dev/null; fi
}
trap 'stop TERM' TERM
trap 'stop INT' INT

# Seconds since the kiosk last said it was alive, over its limit: print the limit (a hang).
hung_for() {
  local now last limit
  now="$(date +%s)"
  if [ -e "$KIOSK_HEARTBEAT_FILE" ]; then
    last="$(stat -c %Y "$KIOSK_HEARTBEAT_FILE" 2>/dev/null || echo "$now")"
    limit="$hang"
  else
    last="$started_at"
    limit="$start_grace"
  fi
  [ $((now - last)) -gt "$limit" ] && echo "$limit"
}

while [ -z "$stopping" ]; do
  say "starting the kiosk"
  rm -f "$KIOSK_HEARTBEAT_FILE"
  started_at="$(date +%s)"
  "${KIOSK_PYTHON:-$repo/.venv/bin/python}" "$repo/main.py" run \
    --content "${KIOSK_CONTENT:-$repo}" --data "${KIOSK_DATA:-/var/lib/alzhir-kiosk}" "$@" &
  kiosk=$!
  # Watch it while it runs (sleep in the background, so a signal to the loop is heard at
  # once); a stopped process still counts as running, so a hang is seen by its silence.
  while [ -z "$stopping" ] && kill -0 "$kiosk" 2>/dev/null; do
    if limit="$(hung_for)"; then
      say "no heartbeat for more than $limit s: the kiosk is hung; killing it"
      kill -s KILL "$kiosk" 2>/dev/null
      break
    fi
    sleep 1 &
    wait $! 2>/dev/null
  done
  wait "$kiosk"
  status=$?
  # A signal to the loop ends `wait` early: wait again for the kiosk's own status.
  while kill -0 "$kiosk" 2>/dev/null; do
    wait "$kiosk"
    status=$?
  done
  kiosk=""
  if [ -n "$stopping" ]; then
    say "told to stop (SIG$stopping): the kiosk ended with status $status; not started again"
    [ "$stopping" = INT ] && exit 130
    exit 143
  fi
  if [ "$status" -eq 0 ]; then
    say "the kiosk ended normally (staff left kiosk mode): not started again"
    exit 0
  fi
  say "the kiosk ended with status $status; starting it again in ${delay} s"
  sleep "$delay"
done
