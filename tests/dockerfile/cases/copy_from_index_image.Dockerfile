FROM node:20 AS deps
RUN npm ci
FROM node:20 AS build
COPY --from=0 /node_modules /node_modules
RUN npm run build
FROM node:20-slim
COPY --from=build /app/dist /app/dist
COPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx/
CMD ["node", "/app/dist/index.js"]
