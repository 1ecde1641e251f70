#!/usr/bin/env bash
# Runs a TypeScript tool with the workspace's path aliases, no build step (see tools/scripts/ts-register.cjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node -r ./tools/scripts/ts-register.cjs "$@"
