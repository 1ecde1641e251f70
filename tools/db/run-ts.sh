#!/usr/bin/env bash
# Runs a TypeScript tool with the workspace's path aliases (no build step).
set -euo pipefail
cd "$(dirname "$0")/../.."
TS_NODE_PROJECT=tools/tsconfig.json TS_NODE_TRANSPILE_ONLY=true exec node -r ts-node/register -r tsconfig-paths/register "$@"
