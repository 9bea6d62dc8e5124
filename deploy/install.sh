#!/usr/bin/env bash
# Installs the ALZHIR kiosk on this machine, from the repository this script is in.
# Run as root, after `bash setup.sh run check` has made .venv:
#
#   sudo deploy/install.sh              a dedicated kiosk: alzhir-kiosk.service starts its
#                                       own X server with the kiosk at boot (docs/deploy.md)
#   sudo deploy/install.sh --desktop    a desktop with automatic login: the kiosk starts in
#                                       the kiosk user's desktop session
#   deploy/install.sh --dry-run         print what it would do, change nothing
#
# Options: --user NAME (default kiosk); --pin-from-stdin: read the staff PIN from the first
# line of standard input instead of asking for it (for scripts: printf '%s\n' "$PIN" | ...).
# One of several kiosks (Syncthing brings the staff's tour and takes the figures back):
#   --fleet NAME --address IP --staff-id DEVICE-ID --staff-address IP
# installs Syncthing, configures it locked to the museum's network and starts it, and the
# service alzhir-fleet that takes each new tour only when it passes check (docs/deploy.md).
# Running it again is harmless: it changes only what differs, and never overwrites
# /etc/default/alzhir-kiosk, a tour already in place or a staff PIN already set.
#
# For tests: KIOSK_ROOT_PREFIX=DIR installs every file under DIR instead of /, and runs
# no command that changes the system (useradd, chown, systemctl, apt-get): it prints them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
root="${KIOSK_ROOT_PREFIX:-}"
root="${root%/}"

mode=dedicated
user=kiosk
dry_run=0
pin_from_stdin=0
fleet_name=""
fleet_address=""
staff_id=""
staff_address=""
while [ $# -gt 0 ]; do
  case "$1" in
    --desktop) mode=desktop ;;
    --dedicated) mode=dedicated ;;
    --user) user="${2:?--user needs a name}"; shift ;;
    --user=*) user="${1#--user=}" ;;
    --dry-run|-n) dry_run=1 ;;
    --pin-from-stdin) pin_from_stdin=1 ;;
    --fleet) fleet_name="${2:?--fleet needs the name of this kiosk}"; shift ;;
    --address) fleet_address="${2:?--address needs the LAN address of this kiosk}"; shift ;;
    --staff-id) staff_id="${2:?--staff-id needs the device ID of the staff computer}"; shift ;;
    --staff-address) staff_address="${2:?--staff-address needs an address}"; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$fleet_name$fleet_address$staff_id$staff_address" ] &&
   { [ -z "$fleet_name" ] || [ -z "$fleet_address" ] || [ -z "$staff_id" ] || [ -z "$staff_address" ]; }; then
  echo "install.sh: one of several kiosks needs all four: --fleet NAME --address IP --staff-id DEVICE-ID --staff-address IP (docs/deploy.md, Several kiosks)" >&2
  exit 2
fi

service=alzhir-kiosk.service
unit_path="/etc/systemd/system/$service"
config_path=/etc/default/alzhir-kiosk
data_dir=/var/lib/alzhir-kiosk
content_dir=/srv/alzhir-kiosk/content
home_dir="/home/$user"
changed_unit=0

say() { printf '%s\n' "$*"; }
# A command that changes the system: printed in a dry run and in a test root, else run.
system() {
  local shown
  shown="$(printf '%q ' "$@")"
  if [ "$dry_run" = 1 ]; then
    say "  would run: ${shown% }"
  elif [ -n "$root" ]; then
    say "  not run in a test root: ${shown% }"
  else
    say "  run: ${shown% }"
    "$@"
  fi
}

# Whether a step is to be done now: not when TEST (the command after ALREADY and PLANNED)
# succeeds, as it is done already (says ALREADY, status 1), nor in a dry run (says PLANNED,
# status 2).
to_do() {
  local already="$1" planned="$2"
  shift 2
  if "$@"; then
    say "  $already"
    return 1
  fi
  if [ "$dry_run" = 1 ]; then
    say "  $planned"
    return 2
  fi
}

# Whether file PATH holds TEXT.
holds() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# Write CONTENT to PATH (under the test root) if it differs; MODE and OWNER as given.
# Fails when it is unchanged (a dry run succeeds if it would write).
put() {
  local path="$root$1" mode="$2" owner="$3" content="$4" step=0
  to_do "unchanged: $1" "would write: $1" holds "$path" "$content" || step=$?
  case "$step" in
    1) return 1 ;;
    2) return 0 ;;
  esac
  mkdir -p "$(dirname "$path")"
  local tmp
  tmp="$(mktemp "$path.XXXXXX")"
  printf '%s\n' "$content" > "$tmp"
  chmod "$mode" "$tmp"
  mv -f "$tmp" "$path"
  say "  wrote: $1"
  [ "$owner" = root ] || system chown "$owner" "$1"
  return 0
}

# Make directory PATH with MODE and OWNER if missing.
folder() {
  local path="$root$1" mode="$2" owner="$3"
  to_do "exists: $1" "would create: $1" [ -d "$path" ] || return 0
  mkdir -p "$path"
  chmod "$mode" "$path"
  say "  created: $1"
  [ "$owner" = root:root ] || system chown "$owner" "$1"
}

# The repository's files with the real paths and user in place of the ones they show.
render() {
  sed -e "s|/opt/alzhir-kiosk|$repo|g" \
      -e "s|^User=kiosk$|User=$user|" \
      -e "s|syncthing@kiosk\.service|syncthing@$user.service|" \
      "$1"
}

# -- checks ------------------------------------------------------------------------------
say "Installing the ALZHIR kiosk ($mode) from $repo for user '$user'${root:+ into the test root $root}"
[ "$dry_run" = 1 ] && say "(dry run: nothing is changed)"
if [ -z "$root" ] && [ "$dry_run" = 0 ] && [ "$(id -u)" != 0 ]; then
  say "Run it as root: sudo $0 $*" >&2
  exit 1
fi
if [ ! -x "$repo/.venv/bin/python" ]; then
  if [ -z "$root" ] && [ "$dry_run" = 0 ]; then
    say "There is no $repo/.venv yet. First run:  bash setup.sh run check" >&2
    exit 1
  fi
  say "  note: $repo/.venv is missing; run 'bash setup.sh run check' before installing for real"
fi

# -- 1. the kiosk user -------------------------------------------------------------------
say "1. The user '$user'"
if [ -z "$root" ] && id -u "$user" >/dev/null 2>&1; then
  say "  exists: $user"
else
  system useradd --create-home --home-dir "$home_dir" --shell /bin/bash \
    --comment "ALZHIR audio guide kiosk" "$user"
fi
groups=()
for group in audio video input render tty; do
  if getent group "$group" >/dev/null 2>&1; then
    if [ -n "$root" ] || ! id -nG "$user" 2>/dev/null | tr ' ' '\n' | grep -qx "$group"; then
      groups+=("$group")
    fi
  fi
done
if [ "${#groups[@]}" -gt 0 ]; then
  system usermod --append --groups "$(IFS=,; echo "${groups[*]}")" "$user"
else
  say "  already in the groups audio, video, input, render, tty (those that exist)"
fi

# -- 2. folders and settings ------------------------------------------------------------------
say "2. The data folder, the tour folder and the settings"
folder "$data_dir" 0750 "$user:$user"
folder "$(dirname "$content_dir")" 0755 root:root
folder "$content_dir" 0755 "$user:$user"
if to_do "a tour is in place in $content_dir: kept" \
  "would copy the demo tour (stops.yaml, stops.schema.json, assets/) to $content_dir" \
  [ -f "$root$content_dir/stops.yaml" ]; then
  cp -a "$repo/stops.yaml" "$repo/assets" "$root$content_dir/"
  [ -f "$repo/stops.schema.json" ] && cp -a "$repo/stops.schema.json" "$root$content_dir/"
  say "  copied the demo tour to $content_dir"
  system chown -R "$user:$user" "$content_dir"
fi
if [ -f "$root$config_path" ]; then
  say "  kept: $config_path (your settings)"
else
  put "$config_path" 0644 root "$(cat "$here/alzhir-kiosk.default")" || true
fi

# -- the staff PIN: set here, never chosen at the kiosk --------------------------------------
# Asked on the terminal (twice, not shown, never in the shell's history or the process
# list), or read from standard input with --pin-from-stdin. Without a PIN the staff panel
# stays shut (the kiosk says so), so a kiosk installed without a terminal is still safe.
set_pin_later="sudo -u $user $repo/.venv/bin/python $repo/main.py set-pin --data $data_dir"
staff_pin() {
  say "4. The staff PIN (opens the staff panel; 4 to 8 digits, no 0000, 1234, 4321 ...)"
  to_do "kept: the staff PIN set earlier (to change it: $set_pin_later)" \
    "would ask for the staff PIN (main.py set-pin)" [ -f "$root$data_dir/staff-pin.json" ] ||
    return 0
  local how=()
  if [ "$pin_from_stdin" = 1 ]; then
    how=(--pin-from-stdin)
  elif [ -n "$root" ] || [ ! -t 0 ]; then
    say "  not set: there is no terminal to ask on. The staff panel stays shut until you run:"
    say "    $set_pin_later"
    return 0
  fi
  if [ ! -x "$repo/.venv/bin/python" ]; then
    say "  not set: $repo/.venv is missing. Afterwards run:  $set_pin_later"
    return 0
  fi
  local tries=0
  while :; do
    tries=$((tries + 1))
    if "$repo/.venv/bin/python" "$repo/main.py" set-pin --data "$root$data_dir" "${how[@]}"; then
      system chown "$user:$user" "$data_dir/staff-pin.json"
      return 0
    fi
    if [ "$pin_from_stdin" = 1 ] || [ "$tries" -ge 3 ]; then
      say "  not set: the staff panel stays shut until you run:  $set_pin_later"
      return 0
    fi
    say "  Please try again."
  done
}

# -- 3. how it starts ----------------------------------------------------------------------
if [ "$mode" = dedicated ]; then
  say "3. The service $service (its own X server on tty7)"
  missing=()
  for tool in startx xinit xset xrandr xinput xauth; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ -x /usr/lib/xorg/Xorg ] || [ -n "$root" ] || missing+=(Xorg)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "  missing: ${missing[*]}"
    system env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      xserver-xorg xinit x11-xserver-utils xinput xauth
  else
    say "  X server and tools are installed"
  fi
  if put "$unit_path" 0644 root "$(render "$here/alzhir-kiosk.service")"; then
    changed_unit=1
  fi
  if [ "$changed_unit" = 1 ]; then
    if [ -n "$root" ] || [ "$dry_run" = 1 ] || [ -d /run/systemd/system ]; then
      system systemctl daemon-reload
    else
      say "  systemd is not running here: no daemon-reload (the unit is read at the next boot)"
    fi
  fi
  if [ -z "$root" ] && [ "$dry_run" = 0 ] && systemctl is-enabled --quiet "$service" 2>/dev/null; then
    say "  enabled already: $service"
  else
    system systemctl enable "$service"
  fi
  next="Start it now with:  sudo systemctl start $service   (or reboot)"
else
  say "3. The desktop autostart entry for '$user'"
  put "$home_dir/.config/autostart/alzhir-kiosk.desktop" 0644 "$user:$user" \
    "$(render "$here/alzhir-kiosk.desktop")" || true
  if [ -f "$root$unit_path" ]; then
    say "  note: $service is installed too; disable it on a desktop: systemctl disable $service"
  fi
  next="Now set up automatic login for '$user' and the desktop's screen settings (docs/deploy.md, A desktop with automatic login), then reboot."
fi

# -- 5. several kiosks: Syncthing and the fleet service -----------------------------------
fleet() {
  say "5. Syncthing for several kiosks: this kiosk is '$fleet_name'"
  local syncthing_home="$home_dir/.config/syncthing"
  local staging="$home_dir/alzhir/incoming" outbox="$home_dir/alzhir/outbox"
  if command -v syncthing >/dev/null 2>&1; then
    say "  Syncthing is installed"
  else
    system env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends syncthing
  fi
  # Written before Syncthing first starts: discovery, relays, NAT traversal, usage and
  # crash reports and upgrade checks off; listening on this kiosk's address only.
  if [ -f "$root$syncthing_home/config.xml" ] && grep -q 'id="alzhir-tour"' "$root$syncthing_home/config.xml"; then
    say "  kept: $syncthing_home/config.xml (set up already)"
  else
    system sudo -u "$user" "$repo/.venv/bin/python" "$repo/main.py" fleet-setup kiosk \
      --name "$fleet_name" --address "$fleet_address" --staff-id "$staff_id" \
      --staff-address "$staff_address" --syncthing-home "$syncthing_home" \
      --staging "$staging" --outbox "$outbox"
  fi
  if [ -f "$root/etc/default/alzhir-fleet" ]; then
    say "  kept: /etc/default/alzhir-fleet"
  else
    put /etc/default/alzhir-fleet 0644 root "$(printf '%s\n' \
      "# The fleet service's settings (deploy/alzhir-fleet.service)." \
      "FLEET_NAME=$fleet_name" "FLEET_STAGING=$staging" "FLEET_OUTBOX=$outbox")" || true
  fi
  local fleet_unit=/etc/systemd/system/alzhir-fleet.service
  if put "$fleet_unit" 0644 root "$(render "$here/alzhir-fleet.service")"; then
    if [ -n "$root" ] || [ "$dry_run" = 1 ] || [ -d /run/systemd/system ]; then
      system systemctl daemon-reload
    fi
  fi
  system systemctl enable --now "syncthing@$user.service" alzhir-fleet.service
  say "  On the staff computer, add this kiosk:  python main.py add-kiosk DEVICE-ID --name $fleet_name --address $fleet_address"
  say "  (this kiosk's DEVICE-ID: sudo -u $user syncthing --device-id --home $syncthing_home)"
}
staff_pin
[ -n "$fleet_name" ] && fleet
say "Done. $next"
say "Logs: journalctl -u $service, and $data_dir/logs/. Guide: $repo/docs/deploy.md"
