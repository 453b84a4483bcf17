#!/usr/bin/env bash
# Installs the Debian packages zhpolicy needs, and only those that are missing.
# Idempotent and fast when everything is present (no apt-get update then).
set -euo pipefail

packages=(cmake g++ make pkg-config libicu-dev libcli11-dev libfmt-dev catch2 libxlsxwriter-dev libjemalloc-dev parallel bc python3 time)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
