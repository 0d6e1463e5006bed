#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser tests (tests/web/test_web_browser.py)
# when the machine lacks it. The tests drive it with the Python playwright package through
# `executable_path`; playwright's own browser download (`playwright install`) is never used.
# Without Chromium those tests skip with a reason; this script only makes them run.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  echo "ci_browser: $(command -v chromium || command -v chromium-browser) is installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ci_browser: Chromium is missing and this is not root: browser tests will skip" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "ci_browser: installed $(chromium --version 2>/dev/null | tail -1)"
