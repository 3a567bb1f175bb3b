# peel-bot: build with the dev dependencies, run with the production ones only, as a non-root user.
# tests/hardening/production.test.ts runs this file's commands outside Docker, so it cannot rot.

# 1. compile TypeScript to dist/, and bundle dist/src/main.js with what it imports (scripts/bundle.mjs)
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle.mjs ./scripts/
COPY src ./src
RUN npm run build

# 2. the production dependencies (better-sqlite3 compiles here, with the build tools)
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 3. what runs: no compiler, no dev dependencies, not root
FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production PORT=3000 DATABASE_PATH=/app/data/peel-bot.sqlite COMPILED_DIR=/app/compiled
# two malloc arenas instead of one per thread (glibc's default up to 8 per core): the app's native
# memory is small and its threads few, so the spare arenas only hold freed memory. RSS at the end of
# `npm run load` 144.5 MB with it, 150–153 MB without; ack latency and CPU per request the same
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY corpus ./corpus
COPY intents ./intents
# each report compiled once, here: the app loads it instead of parsing and indexing it (stale entries are rebuilt)
RUN node dist/src/cli/corpus.js --compile && mkdir -p /app/data && chown -R node:node /app/data /app/compiled
USER node
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# the heap bounded: V8 otherwise lets a busy app's heap grow far past what is live (RSS 265 MB at
# the end of `npm run load` unbounded). The old generation to 128 MB (172 MB RSS with that alone),
# and the young generation's semi-spaces to 4 MB instead of 16 (RSS 141 MB; heap in use is ~40 MB
# either way): scavenges come four times as often but each is as cheap, so GC time barely moves,
# while 1 MB semi-spaces cost a fifth more CPU per request. Raise the old generation by about
# 2.5 MB for each report REPORT_CACHE keeps loaded beyond 8 (start-up warns when it looks too small).
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=4", "dist/src/main.js"]
