#!/usr/bin/env bash
# A production install, for real: a copy of the built checkout (what `npm run build` leaves), then
# `npm ci --omit=dev` from the npm registry, then `node dist/main.js` and `npx mlbrief` must start
# without compiling and serve, explorer included. Bounded: each step has a deadline.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/main.js ] && [ -f dist/explorer/manifest.json ] || { echo "check-production-install: build first (npm run build)"; exit 1; }

work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# What a deployment copies: no src/, no tests/, no TypeScript.
cp -r package.json package-lock.json bin dist migrations schema seeds LICENSE "$work/"
cd "$work"
timeout 300 npm ci --omit=dev --no-audit --no-fund --loglevel=error

for dev in typescript vitest graphiql react react-dom drizzle-kit; do
  [ ! -e "node_modules/$dev" ] || { echo "check-production-install: $dev was installed"; exit 1; }
done
[ "$(timeout 30 npx --no-install mlbrief --version)" = "$(node -p 'require("./package.json").version')" ]

touch "$work/started"
export DATA_DIR="$work/data" PORT=0 LOG_LEVEL=info INGEST_ON_START=false
timeout 120 node dist/main.js serve --no-worker 2>"$work/serve.log" &
server=$!
url=""
for _ in $(seq 1 120); do
  url="$(grep -o '"url":"http://[^"]*"' "$work/serve.log" | head -1 | cut -d'"' -f4 || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 1
done
[ -n "$url" ] || { echo "check-production-install: the server did not start"; cat "$work/serve.log"; exit 1; }
curl -fsS "$url/healthz" >/dev/null
curl -fsS "$url/readyz" >/dev/null
[ "$(curl -fsS -o /dev/null -w '%{http_code}' -H 'accept-encoding: br' -D - "$url/explorer/graphiql.js" | grep -ci '^content-encoding: br')" = 1 ]
curl -fsS "$url/graphql" -H 'content-type: application/json' -d '{"query":"{ concepts(first: 1) { totalCount } }"}' | grep -q totalCount
# Nothing was compiled: no file in dist/ was written once the install was done.
[ "$(find dist -type f -newer "$work/started" | wc -l)" = 0 ] || { echo "check-production-install: dist/ was rebuilt"; exit 1; }
echo "check-production-install: ok ($(ls node_modules | wc -l) top-level packages)"
