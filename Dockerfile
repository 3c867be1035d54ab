# syntax=docker/dockerfile:1
# One image for both programs: the control plane (default command) and the host agent
# (`node dist/apps/host-agent/src/main.js`). Build: docker build -t fsr-control-plane .

# 1. Compile: every dependency, the Prisma client generated, apps and libs compiled to dist/ by swc.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json .swcrc ./
COPY apps ./apps
COPY libs ./libs
# The test agent (apps/host-agent/test) is built for the tests; it does not ship.
RUN node scripts/build.js && rm -rf dist/apps/*/test

# 2. Production dependencies only (no install scripts: the client was generated in the build stage).
FROM node:20-bookworm-slim AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# 3. Runtime: compiled code, production node_modules, the migrations applied at start-up, the console's
#    browser modules (served as they are); not root.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000 \
    HTTPS_PORT=3443 \
    HOST_AGENTS=0
WORKDIR /app
COPY --from=production-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/prisma ./prisma
COPY --from=build --chown=root:root /app/apps/api/console ./apps/api/console
COPY --chown=root:root package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 3443
CMD ["node", "--initial-old-space-size=512", "dist/apps/api/src/main.js"]
