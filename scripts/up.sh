#!/usr/bin/env bash
# One command from a fresh clone: .venv, install, build the knowledge graph, serve it.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
STORE="${KG_STORE:-var/store}"
.venv/bin/kg build --store "$STORE"
.venv/bin/kg stats --store "$STORE" | head -n 20
if .venv/bin/kg serve --help >/dev/null 2>&1; then
  exec .venv/bin/kg serve --store "$STORE" "$@"
fi
echo "Knowledge graph built in $STORE. Try: .venv/bin/kg query --store $STORE 'SELECT * WHERE { ?s a cnp:PolicyDocument } LIMIT 5'"
