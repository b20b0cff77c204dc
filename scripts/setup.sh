#!/usr/bin/env bash
# Installs what the demo and the tests need on a Debian machine that lacks it:
# Debian's Chromium (Playwright cannot download browsers here) and the npm packages.
# Safe to run again: it only installs what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
node_minor=$(node -p 'process.versions.node.split(".")[1]')
if [ "$node_major" -lt 20 ] || { [ "$node_major" -eq 20 ] && [ "$node_minor" -lt 19 ]; }; then
  echo "Node.js 20.19 or newer is needed (found $(node -v))." >&2
  exit 1
fi

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing Debian's chromium…"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  else
    echo "No Chromium at $CHROMIUM_PATH. Install Chromium and set CHROMIUM_PATH to it." >&2
    exit 1
  fi
fi

if [ "${SKIP_NPM_INSTALL:-0}" != "1" ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci
  fi
fi
