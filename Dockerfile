# The one image for every function; MCP_FUNCTION (function configuration) chooses which one a deployment runs.
# Build: fn build / fn deploy (func.yaml, runtime docker) or: docker build -t <region>.ocir.io/<ns>/oci-mcp-functions:<tag> .

FROM node:22-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY functions ./functions
# The route specification: functions read their claim headers and scopes from it at build time.
COPY infra/routes.json ./infra/routes.json
COPY scripts/build.ts scripts/warm-compile-cache.mjs ./scripts/
RUN npx tsx scripts/build.ts
# Node 22's compile cache for what each function loads at start (npm run bench measures it). Node keys the cache
# by absolute path, so the bundles are warmed where the runtime stage puts them, and the cache ships inside dist/.
RUN mkdir -p /function && cp -r dist /function/dist \
 && NODE_COMPILE_CACHE=/src/dist/.compile-cache node scripts/warm-compile-cache.mjs /function/dist/func.js \
 && rm -rf /function

FROM node:22-slim
ENV NODE_ENV=production
# Read-only at run time (Fn mounts only /tmp writable): Node reads it and skips writing.
ENV NODE_COMPILE_CACHE=/function/dist/.compile-cache
WORKDIR /function
# Bundles only: every dependency is inside dist/, so the runtime image carries no node_modules.
COPY --from=build /src/dist ./dist
# Fn provides the socket directory (/tmp/iofs); the function needs no root.
USER node
CMD ["node", "--enable-source-maps", "dist/func.js"]
