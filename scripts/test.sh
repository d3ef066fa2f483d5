#!/usr/bin/env bash
# The whole test suite, from a fresh clone or an existing checkout (CI runs exactly this).
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
.venv/bin/ruff check kg loaders server tests bench
exec .venv/bin/python -m pytest "$@"
