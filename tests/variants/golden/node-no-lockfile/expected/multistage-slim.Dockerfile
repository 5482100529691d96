FROM node:18 AS build
WORKDIR /app
COPY package.json .
RUN --mount=type=cache,target=/root/.npm \
    npm install
COPY . .
RUN npm run build
RUN npm prune --omit=dev

# runtime: production dependencies and the build output only
FROM node:18-slim
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production
EXPOSE 8080
CMD ["npm", "start"]
