FROM node:18 AS build
WORKDIR /app
COPY package*.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci

# production dependencies: pruned before the sources come, so a code edit keeps them cached
FROM build AS prod-deps
RUN npm prune --omit=dev

# runtime: production dependencies, then the sources, compiled with the build's dependencies mounted
FROM node:18-slim
WORKDIR /app
COPY --from=prod-deps /app /app
COPY . .
RUN --mount=type=bind,from=build,source=/app/node_modules,target=/app/node_modules \
    --mount=type=tmpfs,target=/root/.npm \
    npm run build
EXPOSE 8080
CMD ["node", "dist/server.js"]
