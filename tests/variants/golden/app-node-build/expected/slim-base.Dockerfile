FROM node:18-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci && npm cache clean --force
COPY . .
RUN npm run build
EXPOSE 8080
CMD ["node", "dist/server.js"]
