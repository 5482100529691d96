FROM node:18
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force
COPY . .
CMD ["node", "index.js"]
