#!/usr/bin/env bash
# Publishes the tour to every kiosk, but only if `python main.py check` passes on it.
# Run from a staff laptop that has this repository (set up with `bash setup.sh run check`):
#
#   deploy/publish-content.sh CONTENT_DIR KIOSKS_FILE      every kiosk listed in the file
#   deploy/publish-content.sh CONTENT_DIR HOST [HOST...]   the kiosks named
#   deploy/publish-content.sh --dry-run ...                check, then show what would change
#
# KIOSKS_FILE has one kiosk a line; '#' starts a comment. A kiosk is
#   kiosk-hall-1.local               -> kiosk@kiosk-hall-1.local:/srv/alzhir-kiosk/content/
#   staff@192.0.2.10                 -> that user on that machine, same folder
#   staff@192.0.2.10:/other/folder   -> that folder
#   /home/me/Sync/alzhir-content     -> a folder on this laptop (a Syncthing folder, a USB stick)
#
# The kiosks take the new tour up by themselves within seconds (live reload); a visitor
# who is listening keeps the old version of that stop until they leave it.
#
# Environment: KIOSK_SSH_USER (default kiosk), KIOSK_REMOTE_CONTENT (default
# /srv/alzhir-kiosk/content), CHECK_ARGS (e.g. --strict), RSYNC (default rsync).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
ssh_user="${KIOSK_SSH_USER:-kiosk}"
remote_content="${KIOSK_REMOTE_CONTENT:-/srv/alzhir-kiosk/content}"
rsync_cmd="${RSYNC:-rsync}"
python="${PYTHON:-$repo/.venv/bin/python}"

dry_run=()
if [ "${1:-}" = "--dry-run" ] || [ "${1:-}" = "-n" ]; then
  dry_run=(--dry-run)
  shift
fi
if [ $# -lt 2 ]; then
  sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
content="${1%/}"
shift
if [ ! -f "$content/stops.yaml" ]; then
  echo "There is no stops.yaml in $content." >&2
  exit 2
fi

# -- which kiosks --------------------------------------------------------------------------
targets=()
if [ $# -eq 1 ] && [ -f "$1" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"
    line="$(echo "$line" | tr -d '[:space:]')"
    [ -n "$line" ] && targets+=("$line")
  done < "$1"
else
  targets=("$@")
fi
if [ "${#targets[@]}" -eq 0 ]; then
  echo "No kiosk to publish to." >&2
  exit 2
fi

# -- 1. the check: nothing is published unless it passes ---------------------------------------
echo "1. Checking $content/stops.yaml and its files"
read -r -a check_args <<< "${CHECK_ARGS:-}"
if ! "$python" "$repo/main.py" check --content "$content" "${check_args[@]}"; then
  echo
  echo "Not published: fix the problems above (each names its line), then run this again."
  exit 1
fi

# -- 2. the copies ---------------------------------------------------------------------------
echo
echo "2. Publishing to ${#targets[@]} kiosk(s)${dry_run:+ (dry run: nothing is copied)}"
failed=()
for target in "${targets[@]}"; do
  case "$target" in
    /*|./*|../*) destination="$target/" ;;          # a folder on this machine
    *:*) destination="${target%/}/" ;;               # host:folder as given
    *@*) destination="$target:$remote_content/" ;;   # user@host
    *) destination="$ssh_user@$target:$remote_content/" ;;
  esac
  echo "-> $destination"
  # --delay-updates: the changed files are put in place together at the end, so a kiosk
  # never reads a new stops.yaml before the recordings and pictures it names.
  if "$rsync_cmd" -rlt --compress --delete --delay-updates --itemize-changes \
      --exclude='.*' "${dry_run[@]}" "$content/" "$destination"; then
    echo "   ok"
  else
    echo "   FAILED (is the kiosk on, and can this laptop reach it with ssh?)"
    failed+=("$target")
  fi
done

echo
if [ "${#failed[@]}" -gt 0 ]; then
  echo "Published to $(( ${#targets[@]} - ${#failed[@]} )) of ${#targets[@]} kiosk(s). Not reached: ${failed[*]}"
  echo "Run the same command again once they are reachable: kiosks already up to date copy nothing."
  exit 1
fi
echo "Published to all ${#targets[@]} kiosk(s)."
