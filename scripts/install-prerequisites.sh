#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the app and its tests need, if any are missing.
#   scripts/install-prerequisites.sh          the app: PostgreSQL
#   scripts/install-prerequisites.sh --tests  also Chromium, qpdf, poppler-utils, fonts and a mail server for tests
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is not installed. On Ubuntu: sudo apt-get install -y dotnet-sdk-10.0;" >&2
  echo "on Debian, follow https://learn.microsoft.com/dotnet/core/install/linux-debian, then run this again." >&2
  exit 1
fi

packages=(postgresql fonts-dejavu-core)
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(chromium qpdf poppler-utils python3-aiosmtpd openssl libimage-exiftool-perl)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# npm installs the OpenAPI validator the tests use; a machine that has Node.js from elsewhere keeps it.
if [[ "${1:-}" == "--tests" ]] && ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if (( ${#missing[@]} > 0 )); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

