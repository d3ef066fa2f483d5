#!/usr/bin/env bash
# Headless Chromium and its WebDriver from Debian, for the browser tests (tests/test_browser.py).
# Does nothing when /usr/bin/chromium and /usr/bin/chromedriver are already there.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: apt-get not found; install Debian's 'chromium' and 'chromium-driver' packages by hand" >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "install-browser: not root and sudo is missing; run as root: apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "[setup] installing chromium and chromium-driver from Debian" >&2
# The package lists may be missing or stale (fresh container): refresh them once if the install fails.
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null; then
  "${SUDO[@]}" apt-get update >/dev/null
  "${SUDO[@]}" apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "install-browser: apt-get finished but /usr/bin/chromium or /usr/bin/chromedriver is still missing" >&2
  exit 1
fi
