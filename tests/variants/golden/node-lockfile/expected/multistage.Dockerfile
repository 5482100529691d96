FROM node:18 AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci
RUN npm prune --omit=dev

# runtime: production dependencies and the build output only
FROM node:18
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
COPY . .
USER node
EXPOSE 3000
CMD ["node", "server.js"]
