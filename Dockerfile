# Two stages: install and generate the Prisma client with dev tools, then a slim runtime image that
# migrates the database and serves. No step downloads an engine binary (Prisma 6.19 JS engine + adapters).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run typecheck && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 HAILONG_DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src ./src
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/locales ./locales
COPY --from=build /app/bin ./bin
COPY --from=build /app/package.json /app/prisma.config.ts ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrate first (a clear failure if the database is unreachable), then serve in the same container.
# The one-file build (src/generated/hailong.mjs), as `npm start` runs it: without tsx's loader thread an
# instance takes ~37 MB less memory.
CMD ["sh", "-c", "node src/generated/hailong.mjs migrate && exec node src/generated/hailong.mjs serve"]
