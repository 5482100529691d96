FROM node:18
WORKDIR /app
COPY package.json .
RUN --mount=type=cache,target=/root/.npm \
    npm install
COPY . .
RUN npm run build
ENV NODE_ENV=production
EXPOSE 8080
CMD ["npm", "start"]
