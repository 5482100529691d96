# Docker's getting-started tutorial (multi-stage builds): build on node:14, run on node:14-slim.
FROM node:14 AS build
WORKDIR /app
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn \
    yarn install --production
COPY . .

FROM node:14-slim
WORKDIR /app
COPY --from=build /app .
CMD ["node", "src/index.js"]
