#!/usr/bin/env bash
# Checks for what the app needs, and installs the Debian/Ubuntu packages its tests need if any are missing.
#   scripts/install-prerequisites.sh          the app: the .NET SDK only (it runs on a SQLite file; its fonts ship with it)
#   scripts/install-prerequisites.sh --tests  also PostgreSQL (the second database the tests run on), Chromium,
#                                             qpdf, poppler-utils, sqlite3, a mail server, exiftool and unzip
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is not installed. On Ubuntu: sudo apt-get install -y dotnet-sdk-10.0;" >&2
  echo "on Debian, follow https://learn.microsoft.com/dotnet/core/install/linux-debian, then run this again." >&2
  exit 1
fi

# The app itself needs nothing more: no package is installed, and no root or sudo is asked for.
[[ "${1:-}" == "--tests" ]] || exit 0

packages=(postgresql chromium qpdf poppler-utils sqlite3 python3-aiosmtpd openssl libimage-exiftool-perl unzip)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# npm installs the OpenAPI validator the tests use; a machine that has Node.js from elsewhere keeps it.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if (( ${#missing[@]} > 0 )); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

