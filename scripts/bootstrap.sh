#!/usr/bin/env bash
# Create .venv and install the locked dependencies, once (re-run when requirements.lock changes).
# pip (not uv/poetry) on purpose: it honours the machine's pip configuration, so where a
# CPU build of torch is served through find-links it takes that wheel instead of the CUDA one.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($PYTHON --version)…"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-lock
want="$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing locked dependencies (first run: a few minutes)…"
  .venv/bin/python -m pip install --quiet --upgrade "pip>=24"
  .venv/bin/python -m pip install --quiet -r requirements.lock
  .venv/bin/python -m pip install --quiet --no-deps -e .
  echo "$want" > "$stamp"
fi
