#!/usr/bin/env bash
# What the tests need beyond Python packages: Debian's Chromium for the browser tests
# (Playwright's own browser download does not work on these machines).
set -euo pipefail
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "warning: could not install chromium; browser tests will be skipped" >&2
fi
