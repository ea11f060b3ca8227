# The one image for every function; MCP_FUNCTION (function configuration) chooses which one a deployment runs.
# Build: fn build / fn deploy (func.yaml, runtime docker) or: docker build -t <region>.ocir.io/<ns>/oci-mcp-functions:<tag> .

FROM node:22-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY functions ./functions
COPY scripts/build.ts ./scripts/build.ts
RUN npx tsx scripts/build.ts

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /function
# Bundles only: every dependency is inside dist/, so the runtime image carries no node_modules.
COPY --from=build /src/dist ./dist
# Fn provides the socket directory (/tmp/iofs); the function needs no root.
USER node
CMD ["node", "--enable-source-maps", "dist/func.js"]
