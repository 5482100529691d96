FROM node:18 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci

# runtime: production dependencies and the build output only
FROM node:18-slim
WORKDIR /app
COPY --from=build /app /app
COPY . .
CMD ["node", "index.js"]
