#!/usr/bin/env bash
# What the tests need beyond Python packages, from Debian's packages: Chromium for the browser
# tests (Playwright's own browser download does not work on these machines), PostgreSQL and
# nginx for the tests of several replicas (tests/test_replicas.py starts them on loopback ports,
# unprivileged; nothing is left running). A package that cannot be installed skips its tests
# with the reason.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's ${missing[*]} for the tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null) \
      || echo "warning: could not install ${missing[*]}; their tests will be skipped" >&2
    # Debian starts the services it installs; the tests start their own on free ports.
    (service nginx stop || true) >/dev/null 2>&1
    (service postgresql stop || true) >/dev/null 2>&1
  else
    echo "warning: ${missing[*]} missing and not root: their tests will be skipped" >&2
  fi
fi
