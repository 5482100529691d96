FROM node:18-slim
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci
COPY . .
USER node
EXPOSE 3000
CMD ["node", "server.js"]
