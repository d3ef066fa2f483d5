# Sourced by up.sh and test.sh: make sure .venv exists and holds this project and its test tools.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "[setup] creating .venv" >&2
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "[setup] installing the project and its test tools into .venv" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install --quiet -e '.[test]'
  rm -f .venv/.installed-* && touch "$stamp"
fi
if [ ! -f node_modules/@zazuko/yasgui/build/yasgui.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "[setup] installing the query editor (YASGUI) from the npm registry" >&2
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  else
    echo "[setup] npm not found: the query editor page will ask for 'npm install'" >&2
  fi
fi
