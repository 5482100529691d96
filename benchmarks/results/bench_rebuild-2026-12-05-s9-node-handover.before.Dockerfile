FROM node:18 AS build
WORKDIR /app
COPY package*.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci

# production dependencies: pruned before the sources come, so a code edit keeps them cached
FROM build AS prod-deps
RUN npm prune --omit=dev

FROM build AS app-build
COPY . .
RUN npm run build && rm -rf /app/node_modules

# runtime: production dependencies and the build output only
FROM node:18-slim
WORKDIR /app
COPY --from=prod-deps /app /app
COPY --from=app-build /app /app
EXPOSE 8080
CMD ["node", "dist/server.js"]
