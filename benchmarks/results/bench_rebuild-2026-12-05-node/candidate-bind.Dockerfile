FROM node:18 AS build
WORKDIR /app
COPY package*.json ./

FROM build AS deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci

# production dependencies: pruned before the sources come, so a code edit keeps them cached
FROM deps AS prod-deps
RUN npm prune --omit=dev

FROM build AS app-build
COPY . .
RUN --mount=type=bind,from=deps,source=/app/node_modules,target=/app/node_modules,rw \
    npm run build

# runtime: production dependencies and the build output only
FROM node:18-slim
WORKDIR /app
COPY --from=prod-deps /app /app
COPY --from=app-build /app /app
EXPOSE 8080
CMD ["node", "dist/server.js"]
